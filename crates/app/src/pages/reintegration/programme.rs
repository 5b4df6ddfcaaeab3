//! `/program/:id`: a programme — with whom and under which PKS, where and when, places (a
//! transit house: beds tonight), whom it suits — its participants with their attendance and
//! outcome, and its sessions: planned, and their attendance recorded once held.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::reintegration::catalogue::{Participant, ProgrammeDetail, ProgrammeSessionView};
use pamong_domain::reintegration::programmes::EnrolmentStatus;
use server_fn::ServerFn;
use uuid::Uuid;

use super::enrol::EndForm;
use super::needs::item_text;
use super::programmes::{kind_text, outcomes_text, places_text, status_class, status_text, suits_text};
use crate::api::programmes::{PlanSession, RecordAttendance, programme};
use crate::app::{ErrorPage, Loading};
use crate::components::form::{FieldIds, MultiChoice};
use crate::components::{ErrorBanner, PageTitle, PostForm, SavedNotice, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::use_record_id;
use crate::routes;
use crate::text;

/// The programme's page.
#[component]
pub fn ProgrammePage() -> impl IntoView {
    let id = use_record_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id? {
                Some(id) => programme(id).await,
                None => Err(AppError::Kind(pamong_domain::ErrorKind::NotFound)),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => view! { <Programme detail=detail /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Programme(detail: ProgrammeDetail) -> impl IntoView {
    let i18n = use_i18n();
    let ProgrammeDetail { programme: p, participants, sessions, occupied_tonight, can_run, today } = detail;
    let here = routes::programme(p.id);
    let kind = p.kind;
    let places = places_text(i18n, &p);
    let suits = suits_text(i18n, &p.suits);
    let needs = p.needs.iter().map(|n| item_text(i18n, *n)).collect::<Vec<_>>().join(", ");
    let units = p.work_units.join(", ");
    let period = match p.ends_on {
        Some(end) => format!("{} – {}", text::date(p.starts_on), text::date(end)),
        None => format!("{} –", text::date(p.starts_on)),
    };
    let active: Vec<Participant> =
        participants.iter().filter(|x| x.status == EnrolmentStatus::Aktif).cloned().collect();
    let ended: Vec<Participant> =
        participants.into_iter().filter(|x| x.status != EnrolmentStatus::Aktif).collect();
    let roll: Vec<(Uuid, String)> = active.iter().map(|x| (x.enrolment, x.client.name.clone())).collect();
    let (upcoming, held): (Vec<_>, Vec<_>) = sessions.into_iter().partition(|s| s.held_on > today);
    let active_count = active.len();
    view! {
        <PageTitle text=p.name.clone() />
        <SavedNotice />
        <p class="breadcrumb"><a href=routes::PROGRAMMES>"← " {move || t_string!(i18n, prog_title)}</a></p>
        <div class="page-head">
            <h1 data-testid="programme-name">{p.name.clone()}</h1>
            {p.can_edit.then(|| view! { <a class="button button--secondary" href=routes::programme_edit(p.id)>{move || t_string!(i18n, edit)}</a> })}
        </div>
        {(!p.agreement_in_force).then(|| view! { <p class="notice card" role="status">{move || t_string!(i18n, prog_no_pks_long)}</p> })}
        <dl class="summary card">
            <div><dt>{move || t_string!(i18n, prog_kind)}</dt><dd>{move || kind_text(i18n, kind)}</dd></div>
            <div><dt>{move || t_string!(i18n, prog_run_by)}</dt><dd>{p.partner.clone().map(|x| x.name).unwrap_or_else(|| p.bapas.name.clone())}</dd></div>
            <div><dt>{move || t_string!(i18n, ks_agreement)}</dt><dd>{p.agreement.clone().map(|a| a.name).unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>{move || t_string!(i18n, prog_place)}</dt><dd>{p.place.clone()} {p.schedule.clone().map(|s| format!(" · {s}"))}</dd></div>
            <div><dt>{move || t_string!(i18n, prog_period)}</dt><dd>{period}</dd></div>
            <div><dt>{move || t_string!(i18n, prog_capacity)}</dt><dd data-testid="programme-places">{places}</dd></div>
            {occupied_tonight.map(|n| view! {
                <div><dt>{move || t_string!(i18n, prog_tonight)}</dt><dd data-testid="occupied-tonight">{move || t_string!(i18n, prog_beds_tonight, n = n)}</dd></div>
            })}
            <div><dt>{move || t_string!(i18n, prog_who)}</dt><dd>{suits}</dd></div>
            <div><dt>{move || t_string!(i18n, prog_serves)}</dt><dd>{if needs.is_empty() { "—".to_owned() } else { needs }}</dd></div>
            {(!units.is_empty()).then(|| view! { <div><dt>{move || t_string!(i18n, prog_work_units)}</dt><dd>{units}</dd></div> })}
        </dl>
        <section>
            <h2>{move || t_string!(i18n, prog_participants, n = active_count)}</h2>
            {active.is_empty().then(|| view! { <p class="card empty">{move || t_string!(i18n, prog_nobody)}</p> })}
            <ul class="plain cards" data-testid="participants">
                {active.into_iter().map(|x| view! { <ParticipantCard x=x back=here.clone() /> }).collect_view()}
            </ul>
        </section>
        <section>
            <h2>{move || t_string!(i18n, prog_sessions)}</h2>
            {can_run.then(|| view! { <PlanForm programme=p.id back=here.clone() /> })}
            {(!upcoming.is_empty()).then(|| view! {
                <h3>{move || t_string!(i18n, prog_upcoming)}</h3>
                <ul class="plain cards" data-testid="sessions-upcoming">
                    {upcoming.into_iter().rev().map(|s| view! {
                        <li class="card"><strong>{text::date(s.held_on)}</strong> " · " {s.topic}</li>
                    }).collect_view()}
                </ul>
            })}
            {held.is_empty().then(|| view! { <p class="card empty">{move || t_string!(i18n, prog_no_sessions)}</p> })}
            <ul class="plain cards" data-testid="sessions">
                {held.into_iter().map(|s| view! { <SessionCard s=s roll=roll.clone() can_run=can_run back=here.clone() /> }).collect_view()}
            </ul>
        </section>
        {(!ended.is_empty()).then(|| view! {
            <section>
                <h2>{move || t_string!(i18n, prog_former)}</h2>
                <ul class="plain cards" data-testid="participants-ended">
                    {ended.into_iter().map(|x| view! { <ParticipantCard x=x back=here.clone() /> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// One participant, with the form that ends their enrolment where the viewer may.
#[component]
fn ParticipantCard(x: Participant, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = x.status;
    let (attended, held) = (x.attended, x.sessions);
    let outcomes = outcomes_text(i18n, x.outcomes);
    let name = if x.can_open {
        view! { <a href=routes::client(x.client.id)>{x.client.name.clone()}</a> }.into_any()
    } else {
        view! { <span>{x.client.name.clone()}</span> }.into_any()
    };
    view! {
        <li class="card participant" data-testid="participant">
            <div class="participant__head">
                <strong data-testid="participant-name">{name}</strong>
                {x.masked.then(|| view! { " " <span class="badge badge--masked">{move || t_string!(i18n, abh_masked)}</span> })}
                <span class=status_class(status) data-testid="participant-status">{move || status_text(i18n, status)}</span>
            </div>
            <p class="muted">
                {move || t_string!(i18n, prog_since)} " " {text::date(x.enrolled_on)}
                {x.ended_on.map(|d| format!(" – {}", text::date(d)))}
                {x.stay.and_then(|s| s.check_out).filter(|_| x.ended_on.is_none()).map(|d| view! {
                    " · " {move || t_string!(i18n, prog_check_out_planned)} " " {text::date(d)}
                })}
                {x.work_unit.clone().map(|u| format!(" · {u}"))}
            </p>
            {(held > 0 || !outcomes.is_empty()).then(|| view! {
                <p data-testid="participant-attendance">
                    {(held > 0).then(|| view! { {move || t_string!(i18n, prog_attended, n = attended, of = held)} })}
                    {(held > 0 && !outcomes.is_empty()).then_some(" · ")}
                    {outcomes.clone()}
                </p>
            })}
            {x.reason.clone().map(|r| view! { <p class="muted">{r}</p> })}
            {x.can_end.then(|| view! { <EndForm enrolment=x.enrolment back=back /> })}
        </li>
    }
}

/// The form that plans a session.
#[component]
fn PlanForm(programme: Uuid, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let held_on = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        <details class="refer" open=crate::components::post::was_refused(PlanSession::PATH)>
            <summary class="button button--secondary" data-testid="plan-open">{move || t_string!(i18n, prog_plan)}</summary>
            <PostForm to=PlanSession::PATH next=routes::saved(&back) hidden=vec![("programme", programme.to_string())]
                errors=errors failure=failure class="form" testid="plan-form">
                <ErrorBanner error=failure />
                <TextField name="held_on" label=l(|i| t_string!(i, field_date).to_string()) value=held_on errors=errors kind="date" />
                <TextField name="topic" label=l(|i| t_string!(i, prog_topic).to_string()) value=topic errors=errors />
                <button class="button" type="submit">{move || t_string!(i18n, save)}</button>
            </PostForm>
        </details>
    }
}

/// A held session: who was there, and for whoever runs the programme the attendance form.
#[component]
fn SessionCard(
    s: ProgrammeSessionView,
    roll: Vec<(Uuid, String)>,
    can_run: bool,
    back: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let (present, expected) = (s.present.len(), s.expected);
    let recorded = s.recorded;
    let id = s.id;
    view! {
        <li class="card" data-testid="session">
            <p><strong>{text::date(s.held_on)}</strong> " · " {s.topic.clone()}</p>
            <p class="muted" data-testid="session-attendance">
                {move || if recorded {
                    t_string!(i18n, prog_present_of, n = present, of = expected).to_string()
                } else {
                    t_string!(i18n, prog_not_recorded).to_string()
                }}
            </p>
            {(can_run && !roll.is_empty()).then(|| view! {
                <FieldIds prefix=format!("{id}-hadir")>
                    <AttendanceForm session=id roll=roll.clone() present=s.present.clone() recorded=recorded back=back.clone() />
                </FieldIds>
            })}
        </li>
    }
}

#[component]
fn AttendanceForm(
    session: Uuid,
    roll: Vec<(Uuid, String)>,
    present: Vec<Uuid>,
    recorded: bool,
    back: String,
) -> impl IntoView {
    let i18n = use_i18n();
    // Not yet recorded: everyone ticked, the officer unticks who was missing.
    let ticked: Vec<String> = if recorded {
        present.iter().map(Uuid::to_string).collect()
    } else {
        roll.iter().map(|(id, _)| id.to_string()).collect()
    };
    let values = RwSignal::new(ticked);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let options = roll.into_iter().map(|(id, name)| (id.to_string(), name)).collect();
    let refused = crate::components::post::was_refused(RecordAttendance::PATH);
    view! {
        <details class="session-form" open=refused || !recorded>
            <summary class="button button--secondary" data-testid="attendance-open">
                {move || if recorded { t_string!(i18n, prog_attendance_fix).to_string() } else { t_string!(i18n, prog_attendance_record).to_string() }}
            </summary>
            <PostForm to=RecordAttendance::PATH next=routes::saved(&back) hidden=vec![("session", session.to_string())]
                errors=errors failure=failure class="form" testid="attendance-form">
                <ErrorBanner error=failure />
                <MultiChoice name="present" legend=TextProp::from(move || t_string!(i18n, prog_who_came).to_string()) values=values errors=errors options=options />
                <button class="button" type="submit" data-testid="attendance-save">{move || t_string!(i18n, save)}</button>
            </PostForm>
        </details>
    }
}
