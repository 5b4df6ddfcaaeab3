//! Programmes on a client's page: the client's enrolments (attendance, next session,
//! outcome), the form that ends one, and for the PK the enrolment form — the office's
//! programmes running now, each saying whether it suits the client, has room and serves a
//! need they have — with the client's consent.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::reintegration::catalogue::{ClientProgramme, ClientProgrammes, ProgrammeOption};
use pamong_domain::reintegration::programmes::EnrolmentStatus;
use server_fn::ServerFn;
use uuid::Uuid;

use super::needs::item_text;
use super::programmes::{kind_text, outcomes_text, status_class, status_text};
use crate::api::programmes::{EndEnrolment, EnrolClient};
use crate::components::form::FieldIds;
use crate::components::{ErrorBanner, PostForm, SelectField, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::abh::register::CheckField;
use crate::routes;
use crate::text::{self, I18n};

/// The programmes section of a client's page.
#[component]
pub fn ClientProgrammesSection(
    /// The client.
    client: Uuid,
    /// Their programmes and those they may join.
    data: ClientProgrammes,
) -> impl IntoView {
    let i18n = use_i18n();
    let ClientProgrammes { enrolments, options } = data;
    if enrolments.is_empty() && options.is_empty() {
        return ().into_any();
    }
    let page = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <section class="card programmes" data-testid="client-programmes">
            <h2>{move || t_string!(i18n, prog_client_title)}</h2>
            {enrolments.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, prog_client_none)}</p> })}
            <ul class="plain">
                {enrolments.into_iter().map(|e| view! { <EnrolmentRow e=e back=page.clone() /> }).collect_view()}
            </ul>
            {(!options.is_empty()).then(|| view! { <EnrolForm client=client options=options back=page.clone() /> })}
        </section>
    }
    .into_any()
}

#[component]
fn EnrolmentRow(e: ClientProgramme, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let (status, kind) = (e.status, e.kind);
    let (attended, held) = (e.attended, e.sessions);
    let outcomes = outcomes_text(i18n, e.outcomes);
    view! {
        <li class="enrolment" data-testid="enrolment">
            <div class="needs__head">
                <a href=routes::programme(e.programme.id)>{e.programme.name.clone()}</a>
                <span class=status_class(status) data-testid="enrolment-status">{move || status_text(i18n, status)}</span>
            </div>
            <p class="muted">
                {move || kind_text(i18n, kind)} " · " {text::date(e.enrolled_on)}
                {e.ended_on.map(|d| format!(" – {}", text::date(d)))}
                {e.work_unit.clone().map(|u| format!(" · {u}"))}
                {(held > 0).then(|| view! { " · " {move || t_string!(i18n, prog_attended, n = attended, of = held)} })}
            </p>
            {e.next_session.map(|d| view! { <p>{move || t_string!(i18n, prog_next_session)} " " <strong>{text::date(d)}</strong></p> })}
            {(!outcomes.is_empty()).then(|| view! { <p>{outcomes}</p> })}
            {e.reason.clone().map(|r| view! { <p class="muted">{r}</p> })}
            {e.can_end.then(|| view! { <EndForm enrolment=e.enrolment back=back /> })}
        </li>
    }
}

/// How an option reads in the list: its name, and why it cannot be chosen if so.
fn option_label(i18n: I18n, o: &ProgrammeOption) -> String {
    let mut label = format!("{} ({})", o.programme.name, kind_text(i18n, o.kind));
    if let Some(why) = o.unsuitable {
        label.push_str(&format!(" — {}", text::unsuitable(i18n, why)));
    } else if o.full {
        label.push_str(&format!(" — {}", t_string!(i18n, prog_full)));
    } else if !o.serves_needed.is_empty() {
        let needs: Vec<String> = o.serves_needed.iter().map(|n| item_text(i18n, *n)).collect();
        label.push_str(&format!(" — {}: {}", t_string!(i18n, prog_serves), needs.join(", ")));
    }
    label
}

/// The enrolment form: suitable programmes with room first, those that serve a need the
/// client has at the top; the others listed with the reason (the server refuses them).
#[component]
fn EnrolForm(client: Uuid, mut options: Vec<ProgrammeOption>, back: String) -> impl IntoView {
    let i18n = use_i18n();
    options.sort_by_key(|o| (o.unsuitable.is_some() || o.full, o.serves_needed.is_empty()));
    let beds = options.iter().any(|o| o.kind.has_beds());
    let units: Vec<String> = options.iter().flat_map(|o| o.work_units.clone()).collect();
    let choices: Vec<(String, String)> =
        options.iter().map(|o| (o.programme.id.to_string(), option_label(i18n, o))).collect();
    let first =
        options.first().filter(|o| o.unsuitable.is_none() && !o.full).map(|o| o.programme.id.to_string());
    let programme_id = RwSignal::new(first.unwrap_or_default());
    let choices = Signal::derive(move || choices.clone());
    let enrolled_on = RwSignal::new(crate::components::local_now().0);
    let check_out = RwSignal::new(String::new());
    let work_unit = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let mut unit_options = vec![(String::new(), "—".to_owned())];
    unit_options.extend(units.into_iter().map(|u| (u.clone(), u)));
    let unit_options = Signal::derive(move || unit_options.clone());
    view! {
        <details class="refer" open=crate::components::post::was_refused(EnrolClient::PATH)>
            <summary class="button button--secondary" data-testid="enrol-open">{move || t_string!(i18n, prog_enrol)}</summary>
            // Ids of their own: the referral form on the same page has a `consent` too.
            <FieldIds prefix="program">
                <PostForm to=EnrolClient::PATH next=routes::saved(&back) hidden=vec![("client", client.to_string())]
                    errors=errors failure=failure class="form" testid="enrol-form">
                    <ErrorBanner error=failure />
                    <SelectField name="programme_id" label=l(|i| t_string!(i, prog_programme).to_string()) value=programme_id errors=errors options=choices />
                    <TextField name="enrolled_on" label=l(|i| t_string!(i, prog_enrolled_on).to_string()) value=enrolled_on errors=errors kind="date"
                        hint=l(|i| t_string!(i, prog_enrolled_on_hint).to_string()) />
                    {beds.then(|| view! {
                        <TextField name="check_out" label=l(|i| t_string!(i, prog_check_out).to_string()) value=check_out errors=errors kind="date" optional=true
                            hint=l(|i| t_string!(i, prog_check_out_hint).to_string()) />
                        <SelectField name="work_unit" label=l(|i| t_string!(i, prog_work_unit).to_string()) value=work_unit errors=errors options=unit_options />
                    })}
                    <CheckField name="consent" label=l(|i| t_string!(i, prog_consent).to_string()) value=consent />
                    <p class="field__error" hidden=move || errors.with(|e| e.get("consent").is_none())>{move || t_string!(i18n, prog_consent_needed)}</p>
                    <button class="button" type="submit" data-testid="enrol-save">{move || t_string!(i18n, prog_enrol)}</button>
                </PostForm>
            </FieldIds>
        </details>
    }
}

/// The form that ends an enrolment: completed or dropped out (with a reason), on which day,
/// and what came of it.
#[component]
pub fn EndForm(
    /// The enrolment.
    enrolment: Uuid,
    /// The page to come back to.
    back: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(EnrolmentStatus::Selesai.as_str().to_owned());
    let ended_on = RwSignal::new(crate::components::local_now().0);
    let reason = RwSignal::new(String::new());
    let certificate = RwSignal::new(false);
    let job_found = RwSignal::new(false);
    let business_started = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let statuses = Signal::derive(move || {
        [EnrolmentStatus::Selesai, EnrolmentStatus::Keluar]
            .iter()
            .map(|s| (s.as_str().to_owned(), status_text(i18n, *s)))
            .collect::<Vec<_>>()
    });
    let refused = crate::components::post::posted_for(EndEnrolment::PATH)
        .is_some_and(|p| p.value("enrolment") == Some(&enrolment.to_string()));
    view! {
        <details class="session-form" open=refused>
            <summary class="button button--ghost" data-testid="end-open">{move || t_string!(i18n, prog_end)}</summary>
            <FieldIds prefix=format!("{enrolment}-akhir")>
                <PostForm to=EndEnrolment::PATH next=routes::saved(&back) hidden=vec![("enrolment", enrolment.to_string())]
                    errors=errors failure=failure class="form" testid="end-form">
                    <ErrorBanner error=failure />
                    <SelectField name="status" label=l(|i| t_string!(i, prog_outcome).to_string()) value=status errors=errors options=statuses />
                    <TextField name="ended_on" label=l(|i| t_string!(i, prog_ended_on).to_string()) value=ended_on errors=errors kind="date" />
                    <TextField name="reason" label=l(|i| t_string!(i, prog_reason).to_string()) value=reason errors=errors optional=true
                        hint=l(|i| t_string!(i, prog_reason_hint).to_string()) />
                    <CheckField name="certificate" label=l(|i| t_string!(i, prog_certificate).to_string()) value=certificate />
                    <CheckField name="job_found" label=l(|i| t_string!(i, prog_job_found).to_string()) value=job_found />
                    <CheckField name="business_started" label=l(|i| t_string!(i, prog_business_started).to_string()) value=business_started />
                    <button class="button" type="submit" data-testid="end-save">{move || t_string!(i18n, save)}</button>
                </PostForm>
            </FieldIds>
        </details>
    }
}
