//! Pidana kerja sosial in the pages: `/kerja-sosial` (the office's work sites; for a site's
//! supervisor, their day at the site), a site's page and editor, and the ledger on a client's
//! page.

pub mod day;
pub mod edit;
pub mod ledger;
pub mod print;
pub mod site;

use leptos::prelude::*;
use pamong_domain::kerja_sosial::{Progress, SessionView, SiteDays, SiteView};

use server_fn::ServerFn;

use crate::api::kerja_sosial::{ExportWorkSites, work_sites};
use crate::app::{ErrorPage, Loading};
use crate::components::{DownloadLinks, PageTitle, SavedNotice};
use crate::i18n::*;
use crate::routes;

/// Where a placement stands, in words.
pub fn progress_text(i18n: crate::text::I18n, p: Progress) -> String {
    match p {
        Progress::NotStarted => t_string!(i18n, ks_not_started).to_string(),
        Progress::OnTrack => t_string!(i18n, ks_on_track).to_string(),
        Progress::Behind => t_string!(i18n, ks_behind).to_string(),
        Progress::Late => t_string!(i18n, ks_late).to_string(),
        Progress::Completed => t_string!(i18n, ks_completed).to_string(),
    }
}

/// The badge class of a placement's state.
pub fn progress_class(p: Progress) -> &'static str {
    match p {
        Progress::NotStarted => "badge",
        Progress::OnTrack | Progress::Completed => "badge badge--ok",
        Progress::Behind => "badge badge--warn",
        Progress::Late => "badge badge--danger",
    }
}

/// The days a site takes people, in words.
pub fn days_text(i18n: crate::text::I18n, d: SiteDays) -> String {
    match d {
        SiteDays::Weekdays => t_string!(i18n, ks_days_weekdays).to_string(),
        SiteDays::MondayToSaturday => t_string!(i18n, ks_days_mon_sat).to_string(),
        SiteDays::Weekend => t_string!(i18n, ks_days_weekend).to_string(),
        SiteDays::Everyday => t_string!(i18n, ks_days_everyday).to_string(),
    }
}

/// What a session counts for on a document: its hours, or the absence and whether its
/// reason was accepted.
pub fn session_counted(i18n: crate::text::I18n, s: &SessionView) -> String {
    match (s.absent, s.absence_accepted) {
        (true, Some(true)) => t_string!(i18n, ks_doc_absent_excused).to_string(),
        (true, _) => t_string!(i18n, ks_doc_absent_unexcused).to_string(),
        (false, _) => hours(i18n, s.minutes),
    }
}

/// Minutes as hours: "4 jam", "3 jam 30 menit".
pub fn hours(i18n: crate::text::I18n, minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    if m == 0 {
        t_string!(i18n, ks_hours, h = h).to_string()
    } else {
        t_string!(i18n, ks_hours_minutes, h = h, m = m).to_string()
    }
}

/// A time of day as `08.00`, the Indonesian way.
pub fn clock(t: time::Time) -> String {
    format!("{:02}.{:02}", t.hour(), t.minute())
}

/// `/kerja-sosial`: a site supervisor's day at their sites; for the office, its work sites.
#[component]
pub fn KerjaSosialPage() -> impl IntoView {
    let can = crate::app::use_abilities();
    view! {
        <SavedNotice />
        {move || if can.get().supervise_sites {
            view! { <day::MyDayPage /> }.into_any()
        } else {
            view! { <SiteList /> }.into_any()
        }}
    }
}

#[component]
fn SiteList() -> impl IntoView {
    let i18n = use_i18n();
    let can = crate::app::use_abilities();
    let rows = Resource::new(|| (), |_| work_sites());
    view! {
        <PageTitle text=move || t_string!(i18n, ks_sites_title).to_string() />
        <div class="page-head">
            <h1>{move || t_string!(i18n, ks_sites_title)}</h1>
            <Show when=move || can.get().keep_work_sites>
                <a class="button" href=routes::NEW_WORK_SITE data-testid="site-new">{move || t_string!(i18n, ks_site_new)}</a>
            </Show>
        </div>
        <p class="muted">{move || t_string!(i18n, ks_sites_intro)}</p>
        <DownloadLinks path=ExportWorkSites::PATH query=String::new() stem="lokasi-kerja-sosial" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="card empty">{move || t_string!(i18n, ks_sites_none)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="plain cards" data-testid="sites">
                            {rows.into_iter().map(|s| view! { <SiteCard site=s /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A site in the list.
#[component]
fn SiteCard(site: SiteView) -> impl IntoView {
    let i18n = use_i18n();
    let days = site.days;
    let full = site.placed >= u32::from(site.capacity);
    view! {
        <li class="card site" data-testid="site">
            <h2 class="card__title"><a href=routes::work_site(site.id)>{site.name.clone()}</a></h2>
            <p class="muted">{site.partner.name.clone()} {site.area.clone().map(|a| format!(" · {a}"))}</p>
            <p>{site.work_kind.clone()}</p>
            <p class="muted">{move || days_text(i18n, days)} " · " {clock(site.opens)} "–" {clock(site.closes)}
                " · " <span class:warning=full>{move || t_string!(i18n, ks_placed_of, placed = site.placed, capacity = site.capacity)}</span></p>
            {(!site.agreement_in_force).then(|| view! {
                <p class="badge badge--warn" data-testid="site-no-pks">{move || t_string!(i18n, ks_no_pks)}</p>
            })}
            {(!site.active).then(|| view! { <p class="badge badge--muted">{move || t_string!(i18n, inactive)}</p> })}
        </li>
    }
}
