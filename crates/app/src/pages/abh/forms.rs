//! The officer's forms on a child's case: a Litmas request, moving the stage, the diversion
//! of a stage, a breach of its agreement (or the official's action), and a meeting,
//! accompanied hearing or referral. Each validates in the browser with the domain's parser
//! and again on the server, then returns to the case page.

use leptos::prelude::*;
use pamong_domain::abh::case::AbhCaseView;
use pamong_domain::abh::clock::Stage;
use pamong_domain::abh::litmas::{LitmasKind, Requester};
use pamong_domain::abh::process::{AgreementForm, DiversionOutcome, EventKind, PartnerKind, Party};
use pamong_domain::{ErrorKind, FieldErrors};
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::abh::{AddCaseEvent, RecordBreach, RequestLitmas, SaveDiversion, SetCaseStage, child_case};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::form::{FormActions, MultiChoice};
use crate::components::{
    ErrorBanner, ErrorSummary, PostForm, SelectField, TextArea, TextField, local_now, now_utc,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::clients::records::Choices;
use crate::pages::clients::use_client_id;
use crate::routes;
use crate::text;

/// Loads the case, then renders `form` with it when the actor may record on it.
#[component]
fn WithCase<F, V>(form: F) -> impl IntoView
where
    F: Fn(AbhCaseView) -> V + Send + Sync + Copy + 'static,
    V: IntoView + 'static,
{
    let id = use_client_id();
    let data = Resource::new(move || id.get(), |id| async move { child_case(id?, None).await });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) if c.can_edit => form(c).into_any(),
                    Ok(_) => view! { <ErrorPage error=AppError::Kind(ErrorKind::NotFound) /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The child's id as the server fns' `id` argument.
fn case_arg(id: Uuid) -> Vec<(&'static str, String)> {
    vec![("id", id.to_string())]
}

fn heading(
    i18n: crate::text::I18n,
    title: fn(crate::text::I18n) -> String,
    c: &AbhCaseView,
) -> impl IntoView {
    let (name, id) = (c.child.full_name.clone(), c.child.id);
    view! {
        <PageTitle text=move || title(i18n) />
        <p class="breadcrumb"><a href=routes::child_case(id)>"← " {name} " · " {c.child.register_number.clone()}</a></p>
        <h1>{move || title(i18n)}</h1>
    }
}

/// The office's wall clock now, as a datetime-local input holds it.
fn wall_now(c: &AbhCaseView) -> String {
    pamong_domain::abh::clock::wall_clock(now_utc(), c.zone)
}

fn label(i18n: crate::text::I18n, f: fn(crate::text::I18n) -> String) -> TextProp {
    TextProp::from(move || f(i18n))
}

fn stages_to(i18n: crate::text::I18n, upto: Stage) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        Stage::ALL
            .iter()
            .filter(|s| **s <= upto)
            .map(|s| (s.as_str().to_owned(), text::abh::stage(i18n, *s)))
            .collect()
    })
}

/// `/abh/:id/litmas`: records a Litmas request (the 3×24 h clock starts at its receipt).
#[component]
pub fn LitmasRequestPage() -> impl IntoView {
    view! { <WithCase form=|c| view! { <LitmasRequestEditor c=c /> } /> }
}

#[component]
fn LitmasRequestEditor(c: AbhCaseView) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.child.id;
    let zone = c.zone;
    let requester = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let letter = RwSignal::new(String::new());
    let received = RwSignal::new(wall_now(&c));
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let requesters = Signal::derive(move || {
        Requester::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), text::abh::requester(i18n, *r)))
            .collect::<Vec<_>>()
    });
    let kinds = Signal::derive(move || {
        LitmasKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), text::abh::litmas_kind(i18n, *k)))
            .collect::<Vec<_>>()
    });
    view! {
        {heading(i18n, |i| t_string!(i, abh_request_litmas).to_string(), &c)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("requester", label(i18n, |i| t_string!(i, field_requester).to_string())),
            ("kind", label(i18n, |i| t_string!(i, field_litmas_kind).to_string())),
            ("letter_number", label(i18n, |i| t_string!(i, field_letter_number).to_string())),
            ("received_at", label(i18n, |i| t_string!(i, field_received_at).to_string())),
        ] />
        <PostForm to=RequestLitmas::PATH next=routes::new_litmas() hidden=case_arg(id) errors=errors failure=failure testid="litmas-request-form">
            <Choices name="requester" legend=label(i18n, |i| t_string!(i, field_requester).to_string()) value=requester errors=errors options=requesters />
            <SelectField name="kind" label=label(i18n, |i| t_string!(i, field_litmas_kind).to_string()) value=kind errors=errors options=kinds />
            <TextField name="letter_number" label=label(i18n, |i| t_string!(i, field_letter_number).to_string()) value=letter errors=errors optional=true />
            <TextField name="received_at" label=label(i18n, |i| t_string!(i, field_received_at).to_string()) hint=TextProp::from(move || zone.label().to_string()) value=received errors=errors kind="datetime-local" />
            <FormActions cancel=routes::child_case(id) />
        </PostForm>
    }
}

/// `/abh/:id/tahap`: moves the case to prosecution or court.
#[component]
pub fn StagePage() -> impl IntoView {
    view! { <WithCase form=|c| view! { <StageEditor c=c /> } /> }
}

#[component]
fn StageEditor(c: AbhCaseView) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.child.id;
    let current = c.stage;
    let stage = RwSignal::new(String::new());
    let date = RwSignal::new(local_now().0);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let stages = Signal::derive(move || {
        Stage::ALL
            .iter()
            .filter(|s| **s > current)
            .map(|s| (s.as_str().to_owned(), text::abh::stage(i18n, *s)))
            .collect::<Vec<_>>()
    });
    view! {
        {heading(i18n, |i| t_string!(i, abh_move_stage).to_string(), &c)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("stage", label(i18n, |i| t_string!(i, field_stage).to_string())),
            ("trigger_date", label(i18n, |i| t_string!(i, field_trigger_date).to_string())),
        ] />
        <PostForm to=SetCaseStage::PATH next=routes::child_case(id) hidden=case_arg(id) errors=errors failure=failure>
            <Choices name="stage" legend=label(i18n, |i| t_string!(i, field_stage).to_string()) value=stage errors=errors options=stages />
            <TextField name="trigger_date" label=label(i18n, |i| t_string!(i, field_trigger_date).to_string()) value=date errors=errors kind="date" />
            <FormActions cancel=routes::child_case(id) />
        </PostForm>
    }
}

/// `/abh/:id/diversi`: the diversion of a stage — start, outcome and agreement.
#[component]
pub fn DiversionPage() -> impl IntoView {
    view! { <WithCase form=|c| view! { <DiversionEditor c=c /> } /> }
}

#[component]
fn DiversionEditor(c: AbhCaseView) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.child.id;
    let existing = c.diversions.iter().find(|d| d.stage == c.stage).cloned();
    let stage = RwSignal::new(c.stage.as_str().to_owned());
    let started = RwSignal::new(existing.as_ref().map(|d| d.started_on.to_string()).unwrap_or_default());
    let finished = RwSignal::new(
        existing.as_ref().and_then(|d| d.finished_on).map(|d| d.to_string()).unwrap_or_default(),
    );
    let outcome = RwSignal::new(
        existing.as_ref().and_then(|d| d.outcome).map(|o| o.as_str().to_owned()).unwrap_or_default(),
    );
    let forms = RwSignal::new(
        existing
            .as_ref()
            .map(|d| d.agreement_forms.iter().map(|f| f.as_str().to_owned()).collect())
            .unwrap_or_default(),
    );
    let months = RwSignal::new(
        existing.as_ref().and_then(|d| d.agreement_months).map(|m| m.to_string()).unwrap_or_default(),
    );
    let notes = RwSignal::new(existing.and_then(|d| d.notes).unwrap_or_default());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    // Until an outcome is chosen (and so before the wasm) the agreement's fields are offered.
    let outcomes = Signal::derive(move || {
        DiversionOutcome::ALL
            .iter()
            .map(|o| (o.as_str().to_owned(), text::abh::outcome(i18n, *o)))
            .collect::<Vec<_>>()
    });
    let agreement_options: Vec<(String, String)> =
        AgreementForm::ALL.iter().map(|f| (f.as_str().to_owned(), text::abh::agreement(i18n, *f))).collect();
    view! {
        {heading(i18n, |i| t_string!(i, abh_record_diversion).to_string(), &c)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("stage", label(i18n, |i| t_string!(i, field_stage).to_string())),
            ("started_on", label(i18n, |i| t_string!(i, field_started_on).to_string())),
            ("finished_on", label(i18n, |i| t_string!(i, field_finished_on).to_string())),
            ("outcome", label(i18n, |i| t_string!(i, field_outcome).to_string())),
            ("agreement_forms", label(i18n, |i| t_string!(i, field_agreement_forms).to_string())),
            ("agreement_months", label(i18n, |i| t_string!(i, field_agreement_months).to_string())),
            ("notes", label(i18n, |i| t_string!(i, field_notes).to_string())),
        ] />
        <PostForm to=SaveDiversion::PATH next=routes::child_case(id) hidden=case_arg(id) errors=errors failure=failure testid="diversion-form">
            <Choices name="stage" legend=label(i18n, |i| t_string!(i, field_stage).to_string()) value=stage errors=errors options=stages_to(i18n, c.stage) />
            <div class="field-row">
                <TextField name="started_on" label=label(i18n, |i| t_string!(i, field_started_on).to_string()) value=started errors=errors kind="date" />
                <TextField name="finished_on" label=label(i18n, |i| t_string!(i, field_finished_on).to_string()) value=finished errors=errors kind="date" optional=true />
            </div>
            <SelectField name="outcome" label=label(i18n, |i| t_string!(i, field_outcome).to_string()) value=outcome errors=errors options=outcomes />
            <Show when=move || outcome.with(String::is_empty) || outcome.get() == DiversionOutcome::Sepakat.as_str()>
                <MultiChoice name="agreement_forms" legend=label(i18n, |i| t_string!(i, field_agreement_forms).to_string()) values=forms errors=errors options=agreement_options.clone() />
                <TextField name="agreement_months" label=label(i18n, |i| t_string!(i, field_agreement_months).to_string()) value=months errors=errors inputmode="numeric" optional=true />
            </Show>
            <TextArea name="notes" label=label(i18n, |i| t_string!(i, field_notes).to_string()) value=notes errors=errors />
            <FormActions cancel=routes::child_case(id) />
        </PostForm>
    }
}

/// `/abh/:id/pelanggaran`: a breach of a diversion agreement, or the official's action.
#[component]
pub fn BreachPage() -> impl IntoView {
    view! { <WithCase form=|c| view! { <BreachEditor c=c /> } /> }
}

#[component]
fn BreachEditor(c: AbhCaseView) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.child.id;
    let zone = c.zone;
    let agreed: Vec<Stage> = c
        .diversions
        .iter()
        .filter(|d| d.outcome == Some(DiversionOutcome::Sepakat))
        .map(|d| d.stage)
        .collect();
    let reported = c.diversions.iter().any(|d| d.breach.is_some() && d.breach_action.is_none());
    // Posted as the server fn's `acted` argument: "true" for the official's action.
    let acted = RwSignal::new(reported.to_string());
    let stage = RwSignal::new(agreed.last().map(|s| s.as_str().to_owned()).unwrap_or_default());
    let at = RwSignal::new(wall_now(&c));
    let notes = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let modes = Signal::derive(move || {
        vec![
            ("false".to_owned(), t_string!(i18n, abh_breach_report).to_string()),
            ("true".to_owned(), t_string!(i18n, abh_breach_action).to_string()),
        ]
    });
    let stages = Signal::derive(move || {
        agreed.iter().map(|s| (s.as_str().to_owned(), text::abh::stage(i18n, *s))).collect::<Vec<_>>()
    });
    view! {
        {heading(i18n, |i| t_string!(i, abh_breach_report).to_string(), &c)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("stage", label(i18n, |i| t_string!(i, field_stage).to_string())),
            ("at", label(i18n, |i| t_string!(i, field_breach_at).to_string())),
            ("notes", label(i18n, |i| t_string!(i, field_notes).to_string())),
        ] />
        <PostForm to=RecordBreach::PATH next=routes::child_case(id) hidden=case_arg(id) errors=errors failure=failure>
            <Choices name="acted" legend=label(i18n, |i| t_string!(i, field_event_kind).to_string()) value=acted errors=errors options=modes own_argument=true />
            <Choices name="stage" legend=label(i18n, |i| t_string!(i, field_stage).to_string()) value=stage errors=errors options=stages />
            <TextField name="at" label=label(i18n, |i| t_string!(i, field_breach_at).to_string()) hint=TextProp::from(move || zone.label().to_string()) value=at errors=errors kind="datetime-local" />
            <TextArea name="notes" label=label(i18n, |i| t_string!(i, field_notes).to_string()) value=notes errors=errors />
            <FormActions cancel=routes::child_case(id) />
        </PostForm>
    }
}

/// `/abh/:id/catatan`: a diversion meeting, an accompanied hearing or a referral.
#[component]
pub fn EventPage() -> impl IntoView {
    view! { <WithCase form=|c| view! { <EventEditor c=c /> } /> }
}

#[component]
fn EventEditor(c: AbhCaseView) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.child.id;
    let kind = RwSignal::new(String::new());
    let date = RwSignal::new(local_now().0);
    let stage = RwSignal::new(c.stage.as_str().to_owned());
    let place = RwSignal::new(String::new());
    let parties = RwSignal::new(Vec::<String>::new());
    let partner_kind = RwSignal::new(String::new());
    let partner_name = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    // Until a kind is chosen (and so before the wasm) every kind's fields are offered.
    let kinds = Signal::derive(move || {
        EventKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), text::abh::event_kind(i18n, *k)))
            .collect::<Vec<_>>()
    });
    let partner_kinds = Signal::derive(move || {
        PartnerKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), text::abh::partner_kind(i18n, *k)))
            .collect::<Vec<_>>()
    });
    let party_options: Vec<(String, String)> =
        Party::ALL.iter().map(|p| (p.as_str().to_owned(), text::abh::party(i18n, *p))).collect();
    view! {
        {heading(i18n, |i| t_string!(i, abh_add_event).to_string(), &c)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("kind", label(i18n, |i| t_string!(i, field_event_kind).to_string())),
            ("date", label(i18n, |i| t_string!(i, field_date).to_string())),
            ("stage", label(i18n, |i| t_string!(i, field_stage).to_string())),
            ("place", label(i18n, |i| t_string!(i, field_place).to_string())),
            ("parties", label(i18n, |i| t_string!(i, field_parties).to_string())),
            ("partner_kind", label(i18n, |i| t_string!(i, field_partner_kind).to_string())),
            ("partner_name", label(i18n, |i| t_string!(i, field_partner_name).to_string())),
            ("notes", label(i18n, |i| t_string!(i, field_notes).to_string())),
        ] />
        <PostForm to=AddCaseEvent::PATH next=routes::child_case(id) hidden=case_arg(id) errors=errors failure=failure testid="event-form">
            <Choices name="kind" legend=label(i18n, |i| t_string!(i, field_event_kind).to_string()) value=kind errors=errors options=kinds />
            <div class="field-row">
                <TextField name="date" label=label(i18n, |i| t_string!(i, field_date).to_string()) value=date errors=errors kind="date" />
                <SelectField name="stage" label=label(i18n, |i| t_string!(i, field_stage).to_string()) value=stage errors=errors options=stages_to(i18n, c.stage) />
            </div>
            <TextField name="place" label=label(i18n, |i| t_string!(i, field_place).to_string()) value=place errors=errors optional=true />
            <Show when=move || kind.with(String::is_empty) || kind.get() == EventKind::Musyawarah.as_str()>
                <MultiChoice name="parties" legend=label(i18n, |i| t_string!(i, field_parties).to_string()) values=parties errors=errors options=party_options.clone() />
            </Show>
            <Show when=move || kind.with(String::is_empty) || kind.get() == EventKind::Rujukan.as_str()>
                <SelectField name="partner_kind" label=label(i18n, |i| t_string!(i, field_partner_kind).to_string()) value=partner_kind errors=errors options=partner_kinds />
                <TextField name="partner_name" label=label(i18n, |i| t_string!(i, field_partner_name).to_string()) value=partner_name errors=errors />
            </Show>
            <TextArea name="notes" label=label(i18n, |i| t_string!(i, field_notes).to_string()) value=notes errors=errors />
            <FormActions cancel=routes::child_case(id) />
        </PostForm>
    }
}
