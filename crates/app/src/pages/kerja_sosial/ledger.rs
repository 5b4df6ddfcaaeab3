//! The hours ledger in the pages: a placement's card (hours done and remaining, the pace
//! needed, the state, the sessions), the session forms (a day worked, an absence) that the
//! site's supervisor and the PK fill in — kept in the offline outbox when there is no signal —
//! and the kerja sosial section of a client's page with the placement form.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::caseload::PersonRef;
use pamong_domain::kerja_sosial::{PlacementView, Ratings, SessionView};
use server_fn::ServerFn;
use uuid::Uuid;

use super::{clock, hours, progress_class, progress_text};
use crate::api::kerja_sosial::{
    CompletePlacement, CorrectSession, KerjaSosialData, MovePlacement, PlaceClient, RecordSession,
    SignOffSession,
};
use crate::components::form::FieldIds;
use crate::components::local_now;
use crate::components::post::{Argument, fresh_key, posted_for};
use crate::components::{ErrorBanner, ErrorSummary, PostForm, SelectField, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::clients::records::Choices;
use crate::text;

/// A placement: who, where, the hours and where they stand, and the ledger.
#[component]
pub fn PlacementCard(
    /// The placement.
    p: PlacementView,
    /// Where the page's forms lead once saved.
    #[prop(into)]
    back: String,
    /// Show the person's name (on a site's lists) rather than the court's decision.
    #[prop(optional)]
    person: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = p.progress;
    let done = p.done_minutes;
    let total = u32::from(p.hours) * 60;
    let percent = (done.min(total) * 100).checked_div(total).unwrap_or(0);
    let pending = p.pending_minutes;
    let remaining = p.remaining_minutes;
    let per_week = p.needed_per_week;
    let absences = p.unexcused_absences;
    let id = p.id;
    let record = p.can_record;
    let sign = p.can_sign_off;
    let sessions = p.sessions.clone();
    let label = format!("{} · {}", p.client.name, p.site.name);
    let closing = p.can_document.then(|| view! { <Closing p=p.clone() back=back.clone() /> });
    view! {
        <article class="card placement" data-testid="placement" data-state=format!("{state:?}")>
            <header class="placement__head">
                <h3>{if person { p.client.name.clone() } else { p.site.name.clone() }}</h3>
                <span class=progress_class(state) data-testid="placement-state">{move || progress_text(i18n, state)}</span>
            </header>
            <p class="muted">
                {if person { p.site.name.clone() } else { format!("{} {}", p.court, p.decision_number) }}
                " · " {p.schedule.clone()}
            </p>
            // A native bar: the style sheet policy allows no inline style.
            <progress class="meter" max="100" value=percent.to_string()
                aria-label=move || t_string!(i18n, ks_progress_label, percent = percent).to_string()>{format!("{percent}%")}</progress>
            <dl class="facts">
                <div><dt>{move || t_string!(i18n, ks_done)}</dt><dd data-testid="hours-done">{move || hours(i18n, done)} " / " {p.hours} " " {move || t_string!(i18n, ks_hours_unit)}</dd></div>
                <div><dt>{move || t_string!(i18n, ks_remaining)}</dt><dd data-testid="hours-remaining">{move || hours(i18n, remaining)}</dd></div>
                <div><dt>{move || t_string!(i18n, ks_deadline)}</dt><dd>{text::date(p.deadline)}</dd></div>
                {per_week.map(|m| view! { <div><dt>{move || t_string!(i18n, ks_pace)}</dt><dd>{move || t_string!(i18n, ks_per_week, hours = hours(i18n, m))}</dd></div> })}
                {(pending > 0).then(|| view! { <div><dt>{move || t_string!(i18n, ks_pending)}</dt><dd>{move || hours(i18n, pending)}</dd></div> })}
                {(absences > 0).then(|| view! { <div><dt>{move || t_string!(i18n, ks_unexcused)}</dt><dd class="warning">{absences}</dd></div> })}
            </dl>
            {record.then(|| view! { <SessionForms placement=id back=back.clone() label=label.clone() signs=sign /> })}
            <Sessions sessions=sessions sign=sign correct=record back=back.clone() />
            {closing}
        </article>
    }
}

/// For the PK: the placement's documents, and closing it once every hour is signed off.
#[component]
fn Closing(p: PlacementView, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let (errors, failure) = (RwSignal::new(FieldErrors::new()), RwSignal::new(None::<AppError>));
    view! {
        <div class="placement__closing">
            <p class="actions">
                <a class="button button--secondary" href=crate::routes::ks_statement(p.id) data-testid="print-statement">
                    {move || t_string!(i18n, ks_print_statement)}
                </a>
                {p.for_prosecutor().then(|| view! {
                    <a class="button button--secondary" href=crate::routes::ks_letter(p.id) data-testid="print-letter">
                        {move || t_string!(i18n, ks_print_letter)}
                    </a>
                })}
            </p>
            {p.closable().then(|| view! {
                <PostForm to=CompletePlacement::PATH next=crate::routes::saved(&back) hidden=vec![("placement", p.id.to_string())]
                    scope=None errors=errors failure=failure offline_hint=false>
                    <ErrorBanner error=failure />
                    <ErrorSummary errors=errors labels=vec![("placement", TextProp::from(move || t_string!(i18n, ks_complete).to_string()))] />
                    <p class="muted">{move || t_string!(i18n, ks_complete_hint)}</p>
                    <button class="button" type="submit" data-testid="complete-placement">{move || t_string!(i18n, ks_complete)}</button>
                </PostForm>
            })}
        </div>
    }
}

/// The ledger: newest first, each with its hours, who signed it off, or the button to; and
/// for whoever records hours, the correction of each.
#[component]
fn Sessions(sessions: Vec<SessionView>, sign: bool, correct: bool, back: String) -> impl IntoView {
    let i18n = use_i18n();
    if sessions.is_empty() {
        return view! { <p class="muted">{move || t_string!(i18n, ks_no_sessions)}</p> }.into_any();
    }
    view! {
        <ul class="plain ledger" data-testid="ledger">
            {sessions.into_iter().map(|s| {
                let signed = s.signed_off();
                let what = if s.absent {
                    let accepted = s.absence_accepted == Some(true);
                    view! {
                        <span class=if accepted { "badge badge--muted" } else { "badge badge--warn" }>
                            {move || if accepted { t_string!(i18n, ks_absent_excused).to_string() } else { t_string!(i18n, ks_absent_unexcused).to_string() }}
                        </span>
                        {s.absence_reason.clone().map(|r| format!(" {r}"))}
                    }.into_any()
                } else {
                    let span = s.arrival.zip(s.departure).map(|(a, d)| format!("{}–{}", clock(a), clock(d)));
                    let minutes = s.minutes;
                    view! {
                        <strong>{move || hours(i18n, minutes)}</strong> " " {span}
                        {s.work_done.clone().map(|w| format!(" · {w}"))}
                    }.into_any()
                };
                view! {
                    <li class="ledger__row" data-testid="session" data-signed=signed.to_string()>
                        <span class="ledger__date">{text::date(s.held_on)}</span>
                        <span class="ledger__what">{what}</span>
                        <span class="ledger__who muted">
                            {match (signed, s.signed_off_by.clone()) {
                                (true, Some(who)) => t_string!(i18n, ks_signed_by, name = who).to_string(),
                                (true, None) => t_string!(i18n, ks_signed).to_string(),
                                (false, _) => t_string!(i18n, ks_waiting_sign_off).to_string(),
                            }}
                            {s.by_officer.then(|| format!(" · {}", t_string!(i18n, ks_by_officer)))}
                        </span>
                        {(sign && !signed).then(|| view! { <SignOff session=s.id back=back.clone() /> })}
                        {s.correction.clone().map(|c| view! { <span class="ledger__correction muted">{move || t_string!(i18n, ks_corrected, reason = c.clone())}</span> })}
                        {correct.then(|| view! { <Correct s=s.clone() back=back.clone() /> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SignOff(session: Uuid, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let (errors, failure) = (RwSignal::new(FieldErrors::new()), RwSignal::new(None::<AppError>));
    view! {
        <PostForm to=SignOffSession::PATH next=crate::routes::saved(&back) hidden=vec![("id", session.to_string())]
            scope=None errors=errors failure=failure class="inline-form" offline_hint=false>
            <ErrorBanner error=failure />
            <button class="button button--small" type="submit" data-testid="sign-off">{move || t_string!(i18n, ks_sign_off)}</button>
        </PostForm>
    }
}

/// `HH:MM`, as a time field holds it.
fn time_value(t: Option<time::Time>) -> String {
    t.map(|t| format!("{:02}:{:02}", t.hour(), t.minute())).unwrap_or_default()
}

/// Correcting a session: its fields as recorded, and the reason a signed-off one needs. The
/// ratings are kept as they were.
#[component]
fn Correct(s: SessionView, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let id = s.id;
    let refused = posted_for(CorrectSession::PATH).is_some_and(|p| p.value("id") == Some(&id.to_string()));
    let held_on = RwSignal::new(s.held_on.to_string());
    let arrival = RwSignal::new(time_value(s.arrival));
    let departure = RwSignal::new(time_value(s.departure));
    let break_minutes =
        RwSignal::new(if s.break_minutes > 0 { s.break_minutes.to_string() } else { String::new() });
    let work_done = RwSignal::new(s.work_done.clone().unwrap_or_default());
    let absence_reason = RwSignal::new(s.absence_reason.clone().unwrap_or_default());
    let accepted = RwSignal::new(match s.absence_accepted {
        Some(true) => "ya".to_owned(),
        Some(false) => "tidak".to_owned(),
        None => String::new(),
    });
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let rated = s.ratings.unwrap_or(Ratings { attendance: 3, effort: 3, behaviour: 3 });
    let absent = s.absent;
    let signed = s.signed_off();
    let name = crate::components::post::posted_name;
    let fields = move || {
        if absent {
            view! {
                <input type="hidden" name=name("absent") value="ya" />
                <AbsenceFields reason=absence_reason accepted=accepted errors=errors />
            }
            .into_any()
        } else {
            view! {
                <WorkedFields arrival=arrival departure=departure break_minutes=break_minutes work_done=work_done errors=errors />
                <input type="hidden" name=name("attendance") value=rated.attendance.to_string() />
                <input type="hidden" name=name("effort") value=rated.effort.to_string() />
                <input type="hidden" name=name("behaviour") value=rated.behaviour.to_string() />
            }
            .into_any()
        }
    };
    view! {
        <details class="session-form ledger__correct" open=refused>
            <summary class="button button--small button--ghost" data-testid="correct-open">{move || t_string!(i18n, ks_correct)}</summary>
            <FieldIds prefix=format!("{id}-koreksi")>
                <PostForm to=CorrectSession::PATH next=crate::routes::saved(&back) hidden=vec![("id", id.to_string())]
                    errors=errors failure=failure class="form" testid="correct-form" offline_hint=false>
                    <ErrorBanner error=failure />
                    <TextField name="held_on" label=l(|i| t_string!(i, field_date).to_string()) value=held_on errors=errors kind="date" />
                    {fields()}
                    <Argument name="correction">
                        <TextField name="reason" label=l(|i| t_string!(i, ks_correct_reason).to_string()) value=reason errors=errors optional=!signed />
                    </Argument>
                    <button class="button" type="submit" data-testid="correct-save">{move || t_string!(i18n, save)}</button>
                </PostForm>
            </FieldIds>
        </details>
    }
}

/// The fields of a day worked, shared by recording and correcting it.
#[component]
fn WorkedFields(
    arrival: RwSignal<String>,
    departure: RwSignal<String>,
    break_minutes: RwSignal<String>,
    work_done: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        <div class="field-row">
            <TextField name="arrival" label=l(|i| t_string!(i, ks_arrival).to_string()) value=arrival errors=errors kind="time" />
            <TextField name="departure" label=l(|i| t_string!(i, ks_departure).to_string()) value=departure errors=errors kind="time" />
        </div>
        <TextField name="break_minutes" label=l(|i| t_string!(i, ks_break).to_string()) value=break_minutes errors=errors optional=true inputmode="numeric" />
        <TextField name="work_done" label=l(|i| t_string!(i, ks_work_done).to_string()) value=work_done errors=errors optional=true />
    }
}

/// The fields of an absence, shared by recording and correcting it.
#[component]
fn AbsenceFields(
    reason: RwSignal<String>,
    accepted: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        <TextField name="absence_reason" label=l(|i| t_string!(i, ks_absence_reason).to_string()) value=reason errors=errors />
        <Choices name="absence_accepted" legend=l(|i| t_string!(i, ks_absence_accepted).to_string()) value=accepted errors=errors options=yes_no(i18n) />
    }
}

fn yes_no(i18n: crate::text::I18n) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        vec![
            ("ya".into(), t_string!(i18n, ks_reason_ok).to_string()),
            ("tidak".into(), t_string!(i18n, ks_reason_not_ok).to_string()),
        ]
    })
}

fn ratings(i18n: crate::text::I18n) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        vec![
            ("1".into(), t_string!(i18n, ks_rating_1).to_string()),
            ("2".into(), t_string!(i18n, ks_rating_2).to_string()),
            ("3".into(), t_string!(i18n, ks_rating_3).to_string()),
        ]
    })
}

/// The two session forms of a placement, folded: a day worked, and an absence. A refused
/// post opens the form it came from.
#[component]
fn SessionForms(placement: Uuid, back: String, label: String, signs: bool) -> impl IntoView {
    let i18n = use_i18n();
    let refused =
        posted_for(RecordSession::PATH).filter(|p| p.value("placement") == Some(&placement.to_string()));
    let absence_refused = refused.as_ref().is_some_and(|p| p.value("form[absent]") == Some("ya"));
    let worked_refused = refused.is_some() && !absence_refused;
    // The children of a FieldIds are a closure of their own: each takes its own copies.
    let (worked_back, worked_label) = (back.clone(), label.clone());
    view! {
        <details class="session-form" open=worked_refused>
            <summary class="button" data-testid="session-open">
                {move || if signs { t_string!(i18n, ks_record_attended).to_string() } else { t_string!(i18n, ks_record_session).to_string() }}
            </summary>
            <FieldIds prefix=format!("{placement}-hadir")>
                <WorkedForm placement=placement back=worked_back label=worked_label signs=signs />
            </FieldIds>
        </details>
        <details class="session-form" open=absence_refused>
            <summary class="button button--secondary" data-testid="absence-open">{move || t_string!(i18n, ks_record_absent)}</summary>
            <FieldIds prefix=format!("{placement}-absen")>
                <AbsenceForm placement=placement back=back label=label />
            </FieldIds>
        </details>
    }
}

fn args(placement: Uuid) -> Vec<(&'static str, String)> {
    vec![("placement", placement.to_string()), (pamong_domain::request_key::KEY_FIELD, fresh_key())]
}

#[component]
fn WorkedForm(placement: Uuid, back: String, label: String, signs: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (today, now) = local_now();
    let held_on = RwSignal::new(today);
    let arrival = RwSignal::new(String::new());
    let departure = RwSignal::new(now);
    let break_minutes = RwSignal::new(String::new());
    let work_done = RwSignal::new(String::new());
    let attendance = RwSignal::new("3".to_owned());
    let effort = RwSignal::new("3".to_owned());
    let behaviour = RwSignal::new("3".to_owned());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let outbox = format!("{} · {label}", t_string!(i18n, ks_record_session));
    view! {
        <PostForm to=RecordSession::PATH next=crate::routes::saved(&back) hidden=args(placement) outbox=outbox
            errors=errors failure=failure class="form" testid="session-form">
            <ErrorBanner error=failure />
            <TextField name="held_on" label=l(|i| t_string!(i, field_date).to_string()) value=held_on errors=errors kind="date" />
            <WorkedFields arrival=arrival departure=departure break_minutes=break_minutes work_done=work_done errors=errors />
            <Choices name="attendance" legend=l(|i| t_string!(i, ks_rate_attendance).to_string()) value=attendance errors=errors options=ratings(i18n) />
            <Choices name="effort" legend=l(|i| t_string!(i, ks_rate_effort).to_string()) value=effort errors=errors options=ratings(i18n) />
            <Choices name="behaviour" legend=l(|i| t_string!(i, ks_rate_behaviour).to_string()) value=behaviour errors=errors options=ratings(i18n) />
            <button class="button" type="submit" data-testid="session-save">
                {move || if signs { t_string!(i18n, ks_save_sign).to_string() } else { t_string!(i18n, save).to_string() }}
            </button>
        </PostForm>
    }
}

#[component]
fn AbsenceForm(placement: Uuid, back: String, label: String) -> impl IntoView {
    let i18n = use_i18n();
    let (today, _) = local_now();
    let held_on = RwSignal::new(today);
    let reason = RwSignal::new(String::new());
    let accepted = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let outbox = format!("{} · {label}", t_string!(i18n, ks_record_absent));
    view! {
        <PostForm to=RecordSession::PATH next=crate::routes::saved(&back) hidden=args(placement) outbox=outbox
            errors=errors failure=failure class="form" testid="absence-form">
            <ErrorBanner error=failure />
            <input type="hidden" name=crate::components::post::posted_name("absent") value="ya" />
            <TextField name="held_on" label=l(|i| t_string!(i, field_date).to_string()) value=held_on errors=errors kind="date" />
            <AbsenceFields reason=reason accepted=accepted errors=errors />
            <button class="button" type="submit">{move || t_string!(i18n, save)}</button>
        </PostForm>
    }
}

/// The kerja sosial section of a client's page: their placements with the ledger and, for
/// the PK, the form to place them (or move them to another site).
#[component]
pub fn ClientKerjaSosial(
    /// The client.
    client: Uuid,
    /// The placements and the sites.
    data: KerjaSosialData,
) -> impl IntoView {
    let i18n = use_i18n();
    let KerjaSosialData { placements, sites } = data;
    if placements.is_empty() && sites.is_empty() {
        return ().into_any();
    }
    let back = crate::routes::client(client);
    let active = placements.iter().find(|p| p.can_move).map(|p| p.id);
    view! {
        <section class="card" data-testid="kerja-sosial">
            <h2>{move || t_string!(i18n, ks_title)}</h2>
            {placements.into_iter().map(|p| view! { <PlacementCard p=p back=back.clone() /> }).collect_view()}
            {match active {
                Some(id) if sites.len() > 1 => view! { <MoveForm placement=id sites=sites back=back /> }.into_any(),
                Some(_) => ().into_any(),
                None if !sites.is_empty() => view! { <PlaceForm client=client sites=sites back=back /> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
    .into_any()
}

#[component]
fn PlaceForm(client: Uuid, sites: Vec<PersonRef>, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let site = RwSignal::new(String::new());
    let court = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let hours_ordered = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let schedule = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let options =
        Signal::derive(move || sites.iter().map(|s| (s.id.to_string(), s.name.clone())).collect::<Vec<_>>());
    view! {
        <details class="refer" open=crate::components::post::was_refused(PlaceClient::PATH)>
            <summary class="button" data-testid="place-open">{move || t_string!(i18n, ks_place)}</summary>
            <PostForm to=PlaceClient::PATH next=crate::routes::saved(&back) hidden=vec![("client", client.to_string())]
                errors=errors failure=failure class="form" testid="place-form">
                <ErrorBanner error=failure />
                <SelectField name="site_id" label=l(|i| t_string!(i, ks_site).to_string()) value=site errors=errors options=options />
                <TextField name="court" label=l(|i| t_string!(i, ks_court).to_string()) value=court errors=errors />
                <TextField name="decision_number" label=l(|i| t_string!(i, ks_decision).to_string()) value=number errors=errors />
                <TextField name="hours" label=l(|i| t_string!(i, ks_hours_ordered).to_string()) value=hours_ordered errors=errors inputmode="numeric"
                    hint=l(|i| t_string!(i, ks_hours_hint).to_string()) />
                <div class="field-row">
                    <TextField name="start_on" label=l(|i| t_string!(i, ks_start).to_string()) value=start errors=errors kind="date" />
                    <TextField name="deadline" label=l(|i| t_string!(i, ks_court_deadline).to_string()) value=deadline errors=errors kind="date" optional=true
                        hint=l(|i| t_string!(i, ks_deadline_hint).to_string()) />
                </div>
                <TextField name="schedule" label=l(|i| t_string!(i, ks_schedule).to_string()) value=schedule errors=errors
                    hint=l(|i| t_string!(i, ks_schedule_hint).to_string()) />
                <button class="button" type="submit" data-testid="place-save">{move || t_string!(i18n, ks_place)}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn MoveForm(placement: Uuid, sites: Vec<PersonRef>, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let site = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let options =
        Signal::derive(move || sites.iter().map(|s| (s.id.to_string(), s.name.clone())).collect::<Vec<_>>());
    view! {
        <details class="refer" open=crate::components::post::was_refused(MovePlacement::PATH)>
            <summary class="button button--ghost">{move || t_string!(i18n, ks_move)}</summary>
            <PostForm to=MovePlacement::PATH next=crate::routes::saved(&back) hidden=vec![("id", placement.to_string())]
                scope=None errors=errors failure=failure class="form">
                <ErrorBanner error=failure />
                <SelectField name="site_id" label=TextProp::from(move || t_string!(i18n, ks_move_to).to_string()) value=site errors=errors options=options />
                <p class="field__hint">{move || t_string!(i18n, ks_move_hint)}</p>
                <button class="button" type="submit">{move || t_string!(i18n, ks_move)}</button>
            </PostForm>
        </details>
    }
}
