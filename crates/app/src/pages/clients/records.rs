//! The officer's short forms on a client: a report or home visit (with the phone's position
//! when allowed), a guidance session, a violation and its action, and ending or transferring
//! the supervision. Each validates in the browser with the domain's parser and again on the
//! server; on success it returns to the client's page.

use leptos::prelude::*;
use pamong_domain::client::ClientStatus;
use pamong_domain::supervision::{ActionStatus, GuidanceKind, ReportKind, ViolationAction, ViolationKind};
use pamong_domain::{ErrorKind, FieldErrors};
use server_fn::ServerFn;
use uuid::Uuid;

use super::use_client_id;
use crate::api::clients::{
    ChangeClientStatus, ClientPageData, RecordGuidance, RecordReport, RecordViolation, RequestTransfer,
    client_page, client_status_page,
};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::form::FormActions;
use crate::components::local_now;
use crate::components::post::posted_name;
use crate::components::{ErrorBanner, ErrorSummary, PostForm, SaveButton, SelectField, TextArea, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::islands::{GeoTexts, Geolocate};
use crate::routes;
use crate::text;

/// Loads the client, then renders `form` with it (or the error page).
#[component]
fn WithClient<F, V>(form: F) -> impl IntoView
where
    F: Fn(ClientPageData) -> V + Send + Sync + Copy + 'static,
    V: IntoView + 'static,
{
    let id = use_client_id();
    let data = Resource::new(move || id.get(), |id| async move { client_page(id?).await });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) if d.detail.can_edit => form(d).into_any(),
                    Ok(_) => view! { <ErrorPage error=AppError::Kind(ErrorKind::NotFound) /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Where a form on a client leads once saved: the client's page with the saved notice.
fn back(client: Uuid) -> String {
    routes::saved(&routes::client(client))
}

/// The client's id as the server fns' `id` argument.
fn client_arg(client: Uuid) -> Vec<(&'static str, String)> {
    vec![("id", client.to_string())]
}

/// The client's id and a fresh idempotency key, for the check-ins an officer may record
/// offline: the page's key makes a double tap save once, and the outbox puts a key of its
/// own on each post it keeps (a cached form is filled more than once).
fn client_arg_keyed(client: Uuid) -> Vec<(&'static str, String)> {
    let mut args = client_arg(client);
    args.push((pamong_domain::request_key::KEY_FIELD, crate::components::post::fresh_key()));
    args
}

/// What a check-in kept in the offline outbox is, in its list: "Catat laporan · Budi Santoso".
fn outbox_label(action: String, data: &ClientPageData) -> String {
    format!("{action} · {}", data.detail.summary.full_name)
}

fn heading(
    i18n: crate::text::I18n,
    title: fn(crate::text::I18n) -> String,
    data: &ClientPageData,
) -> impl IntoView {
    let name = data.detail.summary.full_name.clone();
    let id = data.detail.summary.id;
    view! {
        <PageTitle text=move || title(i18n) />
        <p class="breadcrumb"><a href=routes::client(id)>"← " {name}</a></p>
        <h1>{move || title(i18n)}</h1>
    }
}

/// Choice buttons (radio inputs styled as large buttons for thumbs).
#[component]
pub fn Choices(
    /// Field name.
    name: &'static str,
    /// The question.
    #[prop(into)]
    legend: TextProp,
    /// The chosen value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: RwSignal<FieldErrors>,
    /// `(value, label)` pairs.
    options: Signal<Vec<(String, String)>>,
    /// The choice is a server fn argument of its own rather than a field of the form.
    #[prop(optional)]
    own_argument: bool,
) -> impl IntoView {
    let error = crate::components::form::field_error(errors, name);
    let posted_as = if own_argument { name.to_owned() } else { crate::components::post::posted_name(name) };
    if let Some(chosen) = crate::components::post::posted_value(&posted_as) {
        value.set(chosen);
    }
    view! {
        <fieldset class="field choices" class:field--error=move || error.get().is_some() id=crate::components::form::field_id(name)>
            <legend class="field__label">{move || legend.get()}</legend>
            <p class="field__error" hidden=move || error.get().is_none()>{move || error.get()}</p>
            <div class="choices__row">
                {move || options
                    .get()
                    .into_iter()
                    .map(|(v, label)| {
                        let checked = value.get() == v;
                        view! {
                            <label class="choice">
                                <input type="radio" name=posted_as.clone() value=v.clone() checked=checked />
                                <span>{label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

fn yes_no(i18n: crate::text::I18n) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        vec![
            ("ya".into(), t_string!(i18n, attended_yes).to_string()),
            ("tidak".into(), t_string!(i18n, attended_no).to_string()),
        ]
    })
}

/// Records a report or home visit.
#[component]
pub fn ReportPage() -> impl IntoView {
    view! { <WithClient form=|d| view! { <ReportEditor data=d /> } /> }
}

#[component]
fn ReportEditor(data: ClientPageData) -> impl IntoView {
    let i18n = use_i18n();
    crate::offline::keep_offline(data.detail.keep_offline);
    let client = data.detail.summary.id;
    let (date_now, time_now) = local_now();
    let kind = RwSignal::new(String::new());
    let date = RwSignal::new(date_now);
    let time = RwSignal::new(time_now);
    let attended = RwSignal::new("ya".to_owned());
    let notes = RwSignal::new(String::new());
    let latitude = RwSignal::new(String::new());
    let longitude = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let kinds = Signal::derive(move || {
        ReportKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), text::report_kind(i18n, *k)))
            .collect::<Vec<_>>()
    });
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        {heading(i18n, |i| t_string!(i, record_report).to_string(), &data)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("kind", label(|i| t_string!(i, report_how).to_string())),
            ("date", label(|i| t_string!(i, field_date).to_string())),
            ("time", label(|i| t_string!(i, field_time).to_string())),
            ("attended", label(|i| t_string!(i, report_attended).to_string())),
            ("notes", label(|i| t_string!(i, field_notes).to_string())),
            ("latitude", label(|i| t_string!(i, report_location).to_string())),
        ] />
        <PostForm to=RecordReport::PATH next=back(client) hidden=client_arg_keyed(client) outbox=outbox_label(t_string!(i18n, record_report).to_string(), &data) errors=errors failure=failure testid="report-form">
            <Choices name="kind" legend=label(|i| t_string!(i, report_how).to_string()) value=kind errors=errors options=kinds />
            <div class="field-row">
                <TextField name="date" label=label(|i| t_string!(i, field_date).to_string()) value=date errors=errors kind="date" />
                <TextField name="time" label=label(|i| t_string!(i, field_time).to_string()) value=time errors=errors kind="time" />
            </div>
            <Choices name="attended" legend=label(|i| t_string!(i, report_attended).to_string()) value=attended errors=errors options=yes_no(i18n) />
            // Shown until a kind other than a home visit is chosen (by the style sheet, so
            // it works before the wasm too).
            <div class="field geo">
                <p class="field__label">{move || t_string!(i18n, report_location)}</p>
                <p class="field__hint">{move || t_string!(i18n, report_location_hint)}</p>
                <Geolocate names=(posted_name("latitude"), posted_name("longitude")) values=(latitude.get_untracked(), longitude.get_untracked()) texts=GeoTexts {
                    locate: t_string!(i18n, report_locate).to_string(),
                    locating: t_string!(i18n, report_locating).to_string(),
                    refused: t_string!(i18n, report_location_refused).to_string(),
                } />
            </div>
            <TextArea name="notes" label=label(|i| t_string!(i, field_notes).to_string()) value=notes errors=errors />
            <FormActions cancel=routes::client(client) />
        </PostForm>
    }
}

/// Records a guidance session.
#[component]
pub fn GuidancePage() -> impl IntoView {
    view! { <WithClient form=|d| view! { <GuidanceEditor data=d /> } /> }
}

#[component]
fn GuidanceEditor(data: ClientPageData) -> impl IntoView {
    let i18n = use_i18n();
    crate::offline::keep_offline(data.detail.keep_offline);
    let client = data.detail.summary.id;
    let kind = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let date = RwSignal::new(local_now().0);
    let attended = RwSignal::new("ya".to_owned());
    let notes = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let kinds = Signal::derive(move || {
        GuidanceKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), text::guidance_kind(i18n, *k)))
            .collect::<Vec<_>>()
    });
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        {heading(i18n, |i| t_string!(i, record_guidance).to_string(), &data)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("kind", label(|i| t_string!(i, guidance_kind).to_string())),
            ("topic", label(|i| t_string!(i, guidance_topic).to_string())),
            ("date", label(|i| t_string!(i, field_date).to_string())),
            ("attended", label(|i| t_string!(i, report_attended).to_string())),
            ("notes", label(|i| t_string!(i, field_notes).to_string())),
        ] />
        <PostForm to=RecordGuidance::PATH next=back(client) hidden=client_arg_keyed(client) outbox=outbox_label(t_string!(i18n, record_guidance).to_string(), &data) errors=errors failure=failure>
            <Choices name="kind" legend=label(|i| t_string!(i, guidance_kind).to_string()) value=kind errors=errors options=kinds />
            <TextField name="topic" label=label(|i| t_string!(i, guidance_topic).to_string()) value=topic errors=errors />
            <TextField name="date" label=label(|i| t_string!(i, field_date).to_string()) value=date errors=errors kind="date" />
            <Choices name="attended" legend=label(|i| t_string!(i, report_attended).to_string()) value=attended errors=errors options=yes_no(i18n) />
            <TextArea name="notes" label=label(|i| t_string!(i, field_notes).to_string()) value=notes errors=errors />
            <FormActions cancel=routes::client(client) />
        </PostForm>
    }
}

/// Records a violation and the action taken.
#[component]
pub fn ViolationPage() -> impl IntoView {
    view! { <WithClient form=|d| view! { <ViolationEditor data=d /> } /> }
}

#[component]
fn ViolationEditor(data: ClientPageData) -> impl IntoView {
    let i18n = use_i18n();
    let client = data.detail.summary.id;
    let basis = data.detail.summary.legal_basis;
    let kind = RwSignal::new(String::new());
    let date = RwSignal::new(local_now().0);
    let description = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let action_status = RwSignal::new(ActionStatus::Diusulkan.as_str().to_owned());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let kinds = Signal::derive(move || {
        ViolationKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), text::violation_kind(i18n, *k)))
            .collect::<Vec<_>>()
    });
    // Revocation is only offered where the law provides it (PB, CB, CMB).
    let actions = Signal::derive(move || {
        ViolationAction::ALL
            .iter()
            .filter(|a| **a != ViolationAction::Pencabutan || basis.revocable())
            .map(|a| (a.as_str().to_owned(), text::violation_action(i18n, *a)))
            .collect::<Vec<_>>()
    });
    let statuses = Signal::derive(move || {
        ActionStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), text::action_status(i18n, *s)))
            .collect::<Vec<_>>()
    });
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        {heading(i18n, |i| t_string!(i, record_violation).to_string(), &data)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("kind", label(|i| t_string!(i, violation_kind).to_string())),
            ("date", label(|i| t_string!(i, field_date).to_string())),
            ("description", label(|i| t_string!(i, violation_description).to_string())),
            ("action", label(|i| t_string!(i, violation_action).to_string())),
            ("action_status", label(|i| t_string!(i, violation_action_status).to_string())),
        ] />
        <PostForm to=RecordViolation::PATH next=back(client) hidden=client_arg(client) errors=errors failure=failure>
            <SelectField name="kind" label=label(|i| t_string!(i, violation_kind).to_string()) value=kind errors=errors options=kinds />
            <TextField name="date" label=label(|i| t_string!(i, field_date).to_string()) value=date errors=errors kind="date" />
            <TextArea name="description" label=label(|i| t_string!(i, violation_description).to_string()) value=description errors=errors />
            <SelectField name="action" label=label(|i| t_string!(i, violation_action).to_string()) value=action errors=errors options=actions />
            <SelectField name="action_status" label=label(|i| t_string!(i, violation_action_status).to_string()) value=action_status errors=errors options=statuses />
            <FormActions cancel=routes::client(client) />
        </PostForm>
    }
}

/// Ends the supervision, or asks another Bapas to take the client over.
#[component]
pub fn StatusPage() -> impl IntoView {
    // The client and the offices load as one resource: a resource nested in the form would
    // hydrate after the page reports itself ready, and reset a Bapas chosen in between.
    let id = use_client_id();
    let data = Resource::new(move || id.get(), |id| async move { client_status_page(id?).await });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((d, offices)) if d.detail.can_edit => view! { <StatusEditor data=d offices=offices /> }.into_any(),
                    Ok(_) => view! { <ErrorPage error=AppError::Kind(ErrorKind::NotFound) /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StatusEditor(data: ClientPageData, offices: Vec<pamong_domain::office::OfficeRef>) -> impl IntoView {
    let i18n = use_i18n();
    let client = data.detail.summary.id;
    let own_office = data.detail.bapas.id;
    let status = RwSignal::new(String::new());
    let date = RwSignal::new(local_now().0);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let statuses = Signal::derive(move || {
        [ClientStatus::Selesai, ClientStatus::Dicabut, ClientStatus::Meninggal]
            .iter()
            .map(|s| (s.as_str().to_owned(), text::client_status(i18n, *s)))
            .collect::<Vec<_>>()
    });

    let to_bapas = RwSignal::new(String::new());
    let transfer_reason = RwSignal::new(String::new());
    let transfer_errors = RwSignal::new(FieldErrors::new());
    let transfer_failure = RwSignal::new(None::<AppError>);
    let options: Vec<(String, String)> =
        offices.into_iter().filter(|b| b.id != own_office).map(|b| (b.id.to_string(), b.name)).collect();

    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        {heading(i18n, |i| t_string!(i, client_end_or_move).to_string(), &data)}
        <h2>{move || t_string!(i18n, status_end_title)}</h2>
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("status", label(|i| t_string!(i, filter_status).to_string())),
            ("date", label(|i| t_string!(i, field_date).to_string())),
            ("reason", label(|i| t_string!(i, status_reason).to_string())),
        ] />
        <PostForm to=ChangeClientStatus::PATH next=back(client) hidden=client_arg(client) errors=errors failure=failure>
            <SelectField name="status" label=label(|i| t_string!(i, filter_status).to_string()) value=status errors=errors options=statuses />
            <TextField name="date" label=label(|i| t_string!(i, field_date).to_string()) value=date errors=errors kind="date" />
            <TextArea name="reason" label=label(|i| t_string!(i, status_reason).to_string()) value=reason errors=errors />
            <div class="form__actions"><SaveButton /></div>
        </PostForm>
        <h2>{move || t_string!(i18n, transfer_title)}</h2>
        <p class="muted">{move || t_string!(i18n, transfer_hint)}</p>
        <ErrorBanner error=transfer_failure />
        <PostForm to=RequestTransfer::PATH next=back(client) hidden=client_arg(client) errors=transfer_errors failure=transfer_failure>
            <SelectField name="to_bapas" label=label(|i| t_string!(i, transfer_to).to_string()) value=to_bapas errors=transfer_errors options=Signal::stored(options) />
            <TextArea name="reason" label=label(|i| t_string!(i, status_reason).to_string()) value=transfer_reason errors=transfer_errors />
            <div class="form__actions">
                <button class="button" type="submit">{move || t_string!(i18n, transfer_request)}</button>
            </div>
        </PostForm>
    }
}
