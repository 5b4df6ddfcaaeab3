//! `/program`: the reintegration programmes the user reads — the office's catalogue (for the
//! Kabapas, with a button to add one), or for a partner's user the programmes their
//! institution runs — and the words the programme pages share.

use leptos::prelude::*;
use pamong_domain::reintegration::catalogue::ProgrammeView;
use pamong_domain::reintegration::participation::Outcomes;
use pamong_domain::reintegration::programmes::{EnrolmentStatus, ProgrammeKind, Suits};

use server_fn::ServerFn;

use crate::api::programmes::{ExportProgrammes, programmes};
use crate::app::{ErrorPage, Loading};
use crate::components::{DownloadLinks, PageTitle, SavedNotice};
use crate::i18n::*;
use crate::pages::reintegration::needs::item_text;
use crate::routes;
use crate::text::{self, I18n};

/// A programme kind's name.
pub fn kind_text(i18n: I18n, kind: ProgrammeKind) -> String {
    match kind {
        ProgrammeKind::Kepribadian => t_string!(i18n, prog_kind_kepribadian).to_string(),
        ProgrammeKind::Kemandirian => t_string!(i18n, prog_kind_kemandirian).to_string(),
        ProgrammeKind::Umkm => t_string!(i18n, prog_kind_umkm).to_string(),
        ProgrammeKind::GriyaAbhipraya => t_string!(i18n, prog_kind_griya).to_string(),
        ProgrammeKind::KegiatanSosial => t_string!(i18n, prog_kind_sosial).to_string(),
    }
}

/// Where a participant stands, in words.
pub fn status_text(i18n: I18n, status: EnrolmentStatus) -> String {
    match status {
        EnrolmentStatus::Aktif => t_string!(i18n, prog_status_aktif).to_string(),
        EnrolmentStatus::Selesai => t_string!(i18n, prog_status_selesai).to_string(),
        EnrolmentStatus::Keluar => t_string!(i18n, prog_status_keluar).to_string(),
    }
}

/// The badge class of a participant's standing.
pub fn status_class(status: EnrolmentStatus) -> &'static str {
    match status {
        EnrolmentStatus::Aktif => "badge",
        EnrolmentStatus::Selesai => "badge badge--ok",
        EnrolmentStatus::Keluar => "badge badge--warn",
    }
}

/// What came of taking part, in words ("sertifikat · dapat kerja"); empty when nothing.
pub fn outcomes_text(i18n: I18n, o: Outcomes) -> String {
    [
        o.certificate.then(|| t_string!(i18n, prog_certificate).to_string()),
        o.job_found.then(|| t_string!(i18n, prog_job_found).to_string()),
        o.business_started.then(|| t_string!(i18n, prog_business_started).to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// Whom a programme suits, in words; "semua klien" when it has no conditions.
pub fn suits_text(i18n: I18n, s: &Suits) -> String {
    let mut parts = Vec::new();
    if !s.bands.is_empty() {
        let bands: Vec<String> = s.bands.iter().map(|b| text::band(i18n, Some(*b))).collect();
        parts.push(format!("{} {}", t_string!(i18n, prog_risk), bands.join("/")));
    }
    if !s.bases.is_empty() {
        parts.push(s.bases.iter().map(|b| b.as_str().to_uppercase()).collect::<Vec<_>>().join("/"));
    }
    match s.sex.as_deref() {
        Some("L") => parts.push(t_string!(i18n, prog_men).to_string()),
        Some("P") => parts.push(t_string!(i18n, prog_women).to_string()),
        _ => {}
    }
    match (s.min_age, s.max_age) {
        (Some(min), Some(max)) => {
            parts.push(t_string!(i18n, prog_age_range, min = min, max = max).to_string())
        }
        (Some(min), None) => parts.push(t_string!(i18n, prog_age_min, min = min).to_string()),
        (None, Some(max)) => parts.push(t_string!(i18n, prog_age_max, max = max).to_string()),
        (None, None) => {}
    }
    if parts.is_empty() { t_string!(i18n, prog_suits_anyone).to_string() } else { parts.join(" · ") }
}

/// Places taken of the capacity ("12/20 tempat", "3/8 tempat tidur").
pub fn places_text(i18n: I18n, p: &ProgrammeView) -> String {
    if p.kind.has_beds() {
        t_string!(i18n, prog_beds_of, taken = p.taken, capacity = p.capacity).to_string()
    } else {
        t_string!(i18n, prog_places_of, taken = p.taken, capacity = p.capacity).to_string()
    }
}

/// The catalogue page.
#[component]
pub fn ProgrammeListPage() -> impl IntoView {
    let i18n = use_i18n();
    let can = crate::app::use_abilities();
    let rows = Resource::new(|| (), |_| programmes());
    view! {
        <PageTitle text=move || t_string!(i18n, prog_title).to_string() />
        <SavedNotice />
        <div class="page-head">
            <h1>{move || t_string!(i18n, prog_title)}</h1>
            <Show when=move || can.get().keep_programmes>
                <a class="button" href=routes::NEW_PROGRAMME data-testid="programme-new">{move || t_string!(i18n, prog_new)}</a>
            </Show>
            <Show when=move || can.get().peduli>
                <a class="button button--secondary" href=routes::PEDULI data-testid="programmes-peduli">{move || t_string!(i18n, peduli_title)}</a>
            </Show>
        </div>
        <p class="muted">{move || t_string!(i18n, prog_intro)}</p>
        <DownloadLinks path=ExportProgrammes::PATH query=String::new() stem="program" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="card empty">{move || t_string!(i18n, prog_none)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="plain cards" data-testid="programmes">
                            {rows.into_iter().map(|p| view! { <ProgrammeCard p=p /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A programme in the catalogue.
#[component]
fn ProgrammeCard(p: ProgrammeView) -> impl IntoView {
    let i18n = use_i18n();
    let kind = p.kind;
    let places = places_text(i18n, &p);
    let full = p.full();
    let needs = p.needs.clone();
    let no_pks = !p.agreement_in_force;
    view! {
        <li class="card programme" data-testid="programme">
            <h2 class="card__title"><a href=routes::programme(p.id)>{p.name.clone()}</a></h2>
            <p class="muted">
                <span class="badge">{move || kind_text(i18n, kind)}</span> " "
                {p.partner.clone().map(|x| x.name).unwrap_or_else(|| p.bapas.name.clone())}
            </p>
            <p class="muted">{p.place.clone()} {p.schedule.clone().map(|s| format!(" · {s}"))}</p>
            <p>
                <span class:warning=full>{places}</span>
                {p.next_session.map(|d| view! { " · " {move || t_string!(i18n, prog_next_session)} " " {text::date(d)} })}
            </p>
            {(!needs.is_empty()).then(|| view! {
                <p class="muted">{move || t_string!(i18n, prog_serves)} ": "
                    {needs.iter().map(|n| item_text(i18n, *n)).collect::<Vec<_>>().join(", ")}</p>
            })}
            {no_pks.then(|| view! { <p class="badge badge--warn">{move || t_string!(i18n, prog_no_pks)}</p> })}
            {(!p.active).then(|| view! { <p class="badge badge--muted">{move || t_string!(i18n, inactive)}</p> })}
        </li>
    }
}
