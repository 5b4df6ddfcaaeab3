//! `/abh/:id`: a child's case — who, what the law says, every clock, the Litmas, diversion
//! and what was recorded — with break-glass for a viewer without need to know.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::abh::case::AbhCaseView;
use server_fn::ServerFn;
use uuid::Uuid;

use super::register::RulesPanel;
use crate::api::abh::{OpenChildCase, child_case};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::{ErrorBanner, PostForm, TextArea, now_utc};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::clients::use_client_id;
use crate::routes;
use crate::text;

/// The case page.
#[component]
pub fn AbhCasePage() -> impl IntoView {
    let id = use_client_id();
    let data = Resource::new(move || id.get(), |id| async move { child_case(id?, None).await });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <CaseView initial=view /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Query key the break-glass form's success leads with, for the confirmation.
const OPENED_KEY: &str = "dibuka";

#[component]
fn CaseView(initial: AbhCaseView) -> impl IntoView {
    let i18n = use_i18n();
    let c = initial;
    let id = c.child.id;
    let title = c.child.full_name.clone();
    let opened = leptos_router::hooks::use_query_map().with_untracked(|q| q.get(OPENED_KEY).is_some());
    let (reason, errors, failure) =
        (RwSignal::new(String::new()), RwSignal::new(FieldErrors::new()), RwSignal::new(None::<AppError>));
    let stage = c.stage;
    let can_break = c.can_break_glass;
    view! {
        <PageTitle text=title.clone() />
        <p class="breadcrumb"><a href="/abh">"← " {move || t_string!(i18n, abh_title)}</a></p>
        <div class="page-head">
            <h1 data-testid="child-name">{title}</h1>
            <span class="badge badge--child">{move || t_string!(i18n, abh_badge)}</span>
        </div>
        <p class="muted">
            {c.child.register_number.clone()} " · " {move || t_string!(i18n, abh_stage, stage = text::abh::stage(i18n, stage))}
            {c.child.pk.clone().map(|pk| view! { " · " {pk.name} })}
        </p>
        <Show when=move || opened && !can_break>
            <div class="banner banner--ok" role="status">{move || t_string!(i18n, break_glass_done)}</div>
        </Show>
        <Show when=move || can_break>
            <PostForm to=OpenChildCase::PATH next=format!("{}?{OPENED_KEY}=1", routes::child_case(id)) hidden=vec![("id", id.to_string())]
                scope=None errors=errors failure=failure class="card break-glass" testid="break-glass">
                <h2>{move || t_string!(i18n, break_glass_title)}</h2>
                <p>{move || t_string!(i18n, break_glass_body)}</p>
                <ErrorBanner error=failure />
                <TextArea name="reason" label=TextProp::from(move || t_string!(i18n, field_reason).to_string()) value=reason errors=errors />
                <button class="button" type="submit">{move || t_string!(i18n, break_glass_button)}</button>
            </PostForm>
        </Show>
        <CaseBody c=c id=id />
    }
}

#[component]
fn CaseBody(c: AbhCaseView, id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let now = now_utc();
    let zone = c.zone;
    let rules = c.rules;
    let actions = c.can_edit.then(|| {
        view! {
            <nav class="actions" aria-label="Tindakan">
                <a class="button" href=routes::child_litmas_request(id)>{move || t_string!(i18n, abh_request_litmas)}</a>
                <a class="button button--secondary" href=routes::child_diversion(id)>{move || t_string!(i18n, abh_record_diversion)}</a>
                <a class="button button--secondary" href=routes::child_event(id)>{move || t_string!(i18n, abh_add_event)}</a>
                <a class="button button--secondary" href=routes::child_breach(id)>{move || t_string!(i18n, abh_breach_report)}</a>
                <a class="button button--secondary" href=routes::child_stage(id)>{move || t_string!(i18n, abh_move_stage)}</a>
            </nav>
        }
    });
    let identity = c.identity.clone().map(|who| {
        let family = c.family.clone().unwrap_or_default();
        let female = who.sex == "P";
        view! {
            <section class="card">
                <h2>{move || t_string!(i18n, abh_child)}</h2>
                <dl class="summary">
                    <div><dt>{move || t_string!(i18n, client_birth_date)}</dt><dd>{text::date(who.birth_date)}</dd></div>
                    <div><dt>{move || t_string!(i18n, client_sex)}</dt><dd>{move || if female { t_string!(i18n, sex_p).to_string() } else { t_string!(i18n, sex_l).to_string() }}</dd></div>
                    <div><dt>{move || t_string!(i18n, client_street)}</dt><dd>{who.address.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    <div><dt>{move || t_string!(i18n, client_phone)}</dt><dd>{who.phone.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    <div><dt>{move || t_string!(i18n, field_father)}</dt><dd>{family.father_name.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    <div><dt>{move || t_string!(i18n, field_mother)}</dt><dd>{family.mother_name.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    <div><dt>{move || t_string!(i18n, field_guardian)}</dt><dd>{family.guardian.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    <div><dt>{move || t_string!(i18n, field_parents_phone)}</dt><dd>{family.phone.clone().unwrap_or_else(|| "—".into())}</dd></div>
                </dl>
            </section>
        }
    });
    let yes_no = move |b: bool| {
        move || if b { t_string!(i18n, yes).to_string() } else { t_string!(i18n, no).to_string() }
    };
    let penalty = format!("{} / {}", c.max_penalty_months / 12, c.max_penalty_months % 12);
    view! {
        {actions}
        <section class="card">
            <h2>{move || t_string!(i18n, abh_clocks)}</h2>
            <ul class="clocks" data-testid="clocks">
                {c.clocks.iter().map(|clock| {
                    let clock = *clock;
                    view! {
                        <li class=text::abh::clock_class(&clock, now)>
                            <span class="clock__what">{move || text::abh::clock_kind(i18n, clock.kind)}</span>
                            <span class="clock__state">{move || text::abh::clock_state(i18n, &clock, zone, now)}</span>
                            {clock.due.map(|d| view! { <span class="clock__due muted">{move || t_string!(i18n, clock_due, at = text::abh::instant(d, zone))}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <RulesPanel rules=rules />
        {identity}
        <section class="card">
            <h2>{move || t_string!(i18n, abh_offence)}</h2>
            <dl class="summary">
                <div><dt>{move || t_string!(i18n, field_offence)}</dt><dd>{c.offence.clone()}</dd></div>
                <div><dt>{move || t_string!(i18n, field_offence_date)}</dt><dd>{text::date(c.offence_date)}</dd></div>
                <div><dt>{move || t_string!(i18n, field_penalty)}</dt><dd>{penalty} " (" {move || t_string!(i18n, field_penalty_years)} " / " {move || t_string!(i18n, field_penalty_months)} ")"</dd></div>
                <div><dt>{move || t_string!(i18n, field_repeat)}</dt><dd>{yes_no(c.repeat_offence)}</dd></div>
                <div><dt>{move || t_string!(i18n, field_victim_child)}</dt><dd>{yes_no(c.victim_is_child)}</dd></div>
                <div><dt>{move || t_string!(i18n, field_witness_child)}</dt><dd>{yes_no(c.witness_is_child)}</dd></div>
                <div><dt>{move || t_string!(i18n, field_investigator)}</dt><dd>{c.investigator.clone().unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt>{move || t_string!(i18n, field_police_unit)}</dt><dd>{c.police_unit.clone().unwrap_or_else(|| "—".into())}</dd></div>
                {c.stage_dates.iter().map(|(s, d)| { let s = *s; view! { <div><dt>{move || text::abh::stage(i18n, s)}</dt><dd>{text::date(*d)}</dd></div> } }).collect_view()}
                {c.detained_since.map(|d| view! { <div><dt>{move || t_string!(i18n, field_detained_since)}</dt><dd>{text::date(d)}</dd></div> })}
            </dl>
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, abh_litmas)}</h2>
            {c.litmas.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, abh_litmas_none)}</p> })}
            <ul class="litmas-list" data-testid="litmas-list">
                {c.litmas.iter().map(|l| {
                    let (kind, requester, status, clock) = (l.kind, l.requester, l.status, l.clock);
                    view! {
                        <li class=text::abh::clock_class(&clock, now)>
                            <a class="clock__what" href=routes::litmas(l.id)>{move || text::abh::litmas_kind(i18n, kind)}</a>
                            <span class="muted">{move || text::abh::requester(i18n, requester)} " · " {text::abh::instant(l.received_at, zone)}</span>
                            <span class="badge">{move || text::abh::litmas_status(i18n, status)}</span>
                            <span class="clock__state">{move || text::abh::clock_state(i18n, &clock, zone, now)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, abh_diversion)}</h2>
            {c.diversions.is_empty().then(|| view! { <p class="muted">"—"</p> })}
            {c.diversions.iter().map(|d| {
                let d = d.clone();
                let stage = d.stage;
                let forms = d.agreement_forms.clone();
                view! {
                    <div class="diversion">
                        <h3>{move || text::abh::stage(i18n, stage)}</h3>
                        <p>{move || t_string!(i18n, field_started_on)} ": " {text::date(d.started_on)}
                           {d.finished_on.map(|f| view! { " · " {move || t_string!(i18n, field_finished_on)} ": " {text::date(f)} })}</p>
                        {d.outcome.map(|o| view! { <p><strong>{move || text::abh::outcome(i18n, o)}</strong></p> })}
                        {(!forms.is_empty()).then(|| view! { <p>{move || forms.iter().map(|f| text::abh::agreement(i18n, *f)).collect::<Vec<_>>().join(", ")}
                            {d.agreement_months.map(|m| format!(" ({m} bln)"))}</p> })}
                        {d.notes.clone().map(|n| view! { <p class="muted">{n}</p> })}
                        {d.breach.clone().map(|(at, notes)| view! { <p class="reason reason--danger">{move || t_string!(i18n, abh_breach, at = text::abh::instant(at, zone))} " — " {notes.clone()}</p> })}
                        {d.breach_action.clone().map(|(at, notes)| view! { <p class="reason">{move || t_string!(i18n, abh_breach_acted, at = text::abh::instant(at, zone))} " — " {notes.clone()}</p> })}
                    </div>
                }
            }).collect_view()}
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, abh_events)}</h2>
            {c.events.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, abh_events_none)}</p> })}
            <ul class="timeline">
                {c.events.iter().map(|e| {
                    let e = e.clone();
                    let (kind, stage) = (e.kind, e.stage);
                    let parties = e.parties.clone();
                    view! {
                        <li class="timeline__item">
                            <p class="timeline__when">{text::date(e.date)} " · " {move || text::abh::stage(i18n, stage)}</p>
                            <p><strong>{move || text::abh::event_kind(i18n, kind)}</strong>
                                {e.place.clone().map(|p| view! { " · " {p} })}
                                {e.partner.clone().map(|(k, n)| view! { " · " {move || text::abh::partner_kind(i18n, k)} ": " {n.clone()} })}</p>
                            {(!parties.is_empty()).then(|| view! { <p class="muted">{move || parties.iter().map(|p| text::abh::party(i18n, *p)).collect::<Vec<_>>().join(", ")}</p> })}
                            <p>{e.notes.clone()}</p>
                            {e.author.clone().map(|a| view! { <p class="muted">{a}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
