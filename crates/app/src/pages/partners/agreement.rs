//! `/pks/:id`: a cooperation agreement with its status, the agreements it renews, and the
//! steps (change, renew, end early); `/pks/baru?mitra=…[&perpanjang=…]` and `/pks/:id/ubah`:
//! its editor.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::agreements::{AgreementForm, AgreementView};
use pamong_domain::partners::Choice;
use pamong_domain::{ErrorKind, FieldErrors};
use server_fn::ServerFn;
use uuid::Uuid;

use super::status_badge;
use crate::api::partners::{
    AgreementPage, SaveAgreement, TerminateAgreement, load_agreement, load_partner, load_partner_setup,
};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::form::{FormActions, MultiChoice};
use crate::components::{ErrorBanner, ErrorSummary, PostForm, TextArea, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::use_record_id;
use crate::routes;
use crate::text;

/// `/pks/:id`: the editor for `baru`, otherwise the agreement's page.
#[component]
pub fn AgreementRoute() -> impl IntoView {
    let id = use_record_id();
    move || match id.get() {
        Ok(None) => view! { <AgreementEditPage /> }.into_any(),
        _ => view! { <AgreementPageView /> }.into_any(),
    }
}

#[component]
fn AgreementPageView() -> impl IntoView {
    let id = use_record_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id? {
                Some(id) => load_agreement(id).await,
                None => Err(AppError::Kind(ErrorKind::NotFound)),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Agreement data=d /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Agreement(data: AgreementPage) -> impl IntoView {
    let i18n = use_i18n();
    let a = data.agreement;
    let (id, partner) = (a.id, a.partner.id);
    let open = a.can_manage && a.terminated.is_none() && a.renewed_by.is_none();
    let services = a.services.iter().map(|s| s.label.clone()).collect::<Vec<_>>().join(", ");
    view! {
        <PageTitle text=a.number.clone() />
        <p class="breadcrumb"><a href=routes::partner(partner)>"← " {a.partner.name.clone()}</a></p>
        <crate::components::form::SavedNotice />
        <div class="page-head">
            <h1 data-testid="pks-number">{a.number.clone()}</h1>
            {status_badge(i18n, a.status)}
        </div>
        <p>{a.title.clone()}</p>
        {open.then(|| view! {
            <nav class="actions">
                <a class="button" href=routes::renew_agreement(partner, id)>{move || t_string!(i18n, pks_renew)}</a>
                <a class="button button--secondary" href=routes::agreement_edit(id)>{move || t_string!(i18n, edit)}</a>
            </nav>
        })}
        <section class="card">
            <dl class="summary">
                <div><dt>{move || t_string!(i18n, partner_bapas)}</dt><dd>{a.bapas.name.clone()}</dd></div>
                <div><dt>{move || t_string!(i18n, pks_parties)}</dt><dd>{a.partner.name.clone()} {a.other_parties.clone().map(|o| format!(", {o}"))}</dd></div>
                <div><dt>{move || t_string!(i18n, pks_signed)}</dt><dd>{a.signed_on.map(text::date).unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt>{move || t_string!(i18n, pks_period)}</dt><dd>{text::date(a.start_on)} " – " {text::date(a.end_on)}</dd></div>
                <div><dt>{move || t_string!(i18n, partner_services)}</dt><dd>{if services.is_empty() { "—".to_owned() } else { services }}</dd></div>
                {a.scope.clone().map(|s| view! { <div><dt>{move || t_string!(i18n, pks_scope)}</dt><dd>{s}</dd></div> })}
                {a.terminated.clone().map(|(d, reason)| view! {
                    <div><dt>{move || t_string!(i18n, pks_terminated)}</dt><dd>{text::date(d)} " — " {reason}</dd></div>
                })}
            </dl>
            {a.renewed_by.map(|r| view! { <p><a href=routes::agreement(r)>{move || t_string!(i18n, pks_renewed_by)}</a></p> })}
        </section>
        {(!data.history.is_empty()).then(|| view! {
            <section class="card">
                <h2>{move || t_string!(i18n, pks_history)}</h2>
                <ul class="plain agreements">
                    {data.history.iter().map(|h| view! {
                        <li class="agreement"><a href=routes::agreement(h.id)>{h.number.clone()}</a> " · "
                            {text::date(h.start_on)} " – " {text::date(h.end_on)}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(a.can_manage && a.terminated.is_none()).then(|| view! { <Terminate agreement=a.clone() /> })}
    }
}

/// The agreement form's arguments besides its fields: the partner, and the agreement it edits
/// or renews.
fn agreement_args(partner: Uuid, id: Option<Uuid>, renews: Option<Uuid>) -> Vec<(&'static str, String)> {
    let mut args = vec![("partner", partner.to_string())];
    args.extend(id.map(|id| ("id", id.to_string())));
    args.extend(renews.map(|r| ("renews", r.to_string())));
    args
}

/// Ending the agreement early.
#[component]
fn Terminate(agreement: AgreementView) -> impl IntoView {
    let i18n = use_i18n();
    let id = agreement.id;
    let date = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <details class="card danger-zone" open=crate::components::post::was_refused(TerminateAgreement::PATH)>
            <summary>{move || t_string!(i18n, pks_terminate)}</summary>
            <PostForm to=TerminateAgreement::PATH next=routes::saved(&routes::agreement(id)) hidden=vec![("id", id.to_string())]
                errors=errors failure=failure class="form">
                <ErrorBanner error=failure />
                <TextField name="date" label=TextProp::from(move || t_string!(i18n, field_date).to_string()) value=date errors=errors kind="date" />
                <TextArea name="reason" label=TextProp::from(move || t_string!(i18n, field_reason).to_string()) value=reason errors=errors />
                <button class="button" type="submit">{move || t_string!(i18n, pks_terminate)}</button>
            </PostForm>
        </details>
    }
}

/// The editor: a new agreement with `?mitra=` (renewing `?perpanjang=`), or `/pks/:id/ubah`.
#[component]
pub fn AgreementEditPage() -> impl IntoView {
    let id = use_record_id();
    let query = use_query_map();
    let data = Resource::new(
        move || (id.get(), query.with(|q| (q.get("mitra"), q.get("perpanjang")))),
        |(id, (partner, renews))| async move {
            use leptos::either::Either;
            let id = id?;
            let parse = |raw: Option<String>| raw.and_then(|r| Uuid::parse_str(&r).ok());
            let (partner, renews) = (parse(partner), parse(renews));
            let record = async move {
                match (id, partner) {
                    (Some(id), _) => load_agreement(id).await.map(Either::Left),
                    (None, Some(partner)) => load_partner(partner).await.map(Either::Right),
                    (None, None) => Err(AppError::Kind(ErrorKind::NotFound)),
                }
            };
            let (setup, record) = crate::api::both(load_partner_setup(), record).await;
            let setup = setup?;
            match record? {
                Either::Left(page) => {
                    let a = page.agreement;
                    if !a.can_manage {
                        return Err(AppError::Kind(ErrorKind::NotFound));
                    }
                    let form = AgreementForm {
                        number: a.number.clone(),
                        title: a.title.clone(),
                        scope: a.scope.clone().unwrap_or_default(),
                        other_parties: a.other_parties.clone().unwrap_or_default(),
                        services: a.services.iter().map(|s| s.code.clone()).collect(),
                        signed_on: a.signed_on.map(|d| d.to_string()).unwrap_or_default(),
                        start_on: a.start_on.to_string(),
                        end_on: a.end_on.to_string(),
                    };
                    Ok((a.partner.id, a.partner.name.clone(), Some(a.id), None, form, setup.services))
                }
                Either::Right(page) => {
                    let partner = page.partner.id;
                    // A renewal starts from the terms of what it renews.
                    let form = match renews.and_then(|r| page.agreements.iter().find(|a| a.id == r)) {
                        Some(a) => AgreementForm {
                            title: a.title.clone(),
                            scope: a.scope.clone().unwrap_or_default(),
                            other_parties: a.other_parties.clone().unwrap_or_default(),
                            services: a.services.iter().map(|s| s.code.clone()).collect(),
                            ..AgreementForm::default()
                        },
                        None => AgreementForm::default(),
                    };
                    Ok((partner, page.partner.name, None, renews, form, setup.services))
                }
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((partner, name, id, renews, form, services)) => view! {
                        <Editor partner=partner partner_name=name id=id renews=renews initial=form catalogue=services />
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(
    partner: Uuid,
    partner_name: String,
    id: Option<Uuid>,
    renews: Option<Uuid>,
    initial: AgreementForm,
    catalogue: Vec<Choice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = RwSignal::new(initial.number);
    let title = RwSignal::new(initial.title);
    let scope = RwSignal::new(initial.scope);
    let other = RwSignal::new(initial.other_parties);
    let services = RwSignal::new(initial.services);
    let signed = RwSignal::new(initial.signed_on);
    let start = RwSignal::new(initial.start_on);
    let end = RwSignal::new(initial.end_on);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let options: Vec<(String, String)> =
        catalogue.iter().map(|c| (c.code.clone(), c.label.clone())).collect();
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let heading = move || match (id, renews) {
        (Some(_), _) => t_string!(i18n, pks_edit).to_string(),
        (None, Some(_)) => t_string!(i18n, pks_renew).to_string(),
        (None, None) => t_string!(i18n, pks_new).to_string(),
    };
    let cancel = id.map_or_else(|| routes::partner(partner), routes::agreement);
    view! {
        <PageTitle text=heading />
        <p class="breadcrumb"><a href=routes::partner(partner)>"← " {partner_name}</a></p>
        <h1>{heading}</h1>
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("number", label(|i| t_string!(i, pks_number).to_string())),
            ("title", label(|i| t_string!(i, pks_name).to_string())),
            ("scope", label(|i| t_string!(i, pks_scope).to_string())),
            ("other_parties", label(|i| t_string!(i, pks_other_parties).to_string())),
            ("services", label(|i| t_string!(i, partner_services).to_string())),
            ("signed_on", label(|i| t_string!(i, pks_signed).to_string())),
            ("start_on", label(|i| t_string!(i, pks_start).to_string())),
            ("end_on", label(|i| t_string!(i, pks_end).to_string())),
        ] />
        <PostForm to=SaveAgreement::PATH next=routes::saved(&id.map_or_else(routes::recorded_agreement, routes::agreement))
            hidden=agreement_args(partner, id, renews) errors=errors failure=failure testid="pks-form">
            <TextField name="number" label=label(|i| t_string!(i, pks_number).to_string()) value=number errors=errors />
            <TextField name="title" label=label(|i| t_string!(i, pks_name).to_string()) value=title errors=errors />
            <TextArea name="scope" label=label(|i| t_string!(i, pks_scope).to_string()) value=scope errors=errors />
            <TextField name="other_parties" label=label(|i| t_string!(i, pks_other_parties).to_string()) value=other errors=errors optional=true />
            <MultiChoice name="services" legend=label(|i| t_string!(i, partner_services).to_string()) values=services errors=errors options=options />
            <TextField name="signed_on" label=label(|i| t_string!(i, pks_signed).to_string()) hint=label(|i| t_string!(i, pks_signed_hint).to_string()) value=signed errors=errors kind="date" optional=true />
            <div class="field-row">
                <TextField name="start_on" label=label(|i| t_string!(i, pks_start).to_string()) value=start errors=errors kind="date" />
                <TextField name="end_on" label=label(|i| t_string!(i, pks_end).to_string()) value=end errors=errors kind="date" />
            </div>
            <FormActions cancel=cancel />
        </PostForm>
    }
}
