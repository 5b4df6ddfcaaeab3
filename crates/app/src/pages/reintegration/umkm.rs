//! UMKM on a client's page: their small businesses — what, where each stands and since when,
//! its history and the support it received (from which partner, for how much) — and for the
//! PK the forms that add a business, move one on and record support.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::caseload::PersonRef;
use pamong_domain::reintegration::umkm::{
    BusinessStatus, BusinessView, ClientBusinesses, SupportKind, format_rupiah,
};
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::reintegration::{AddBusiness, BusinessStatus as MoveBusiness, BusinessSupport};
use crate::components::form::{FieldIds, TextArea};
use crate::components::{ErrorBanner, PostForm, SelectField, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::text::{self, I18n};

/// A business status in words.
pub fn status_text(i18n: I18n, s: BusinessStatus) -> String {
    match s {
        BusinessStatus::Direncanakan => t_string!(i18n, umkm_planned).to_string(),
        BusinessStatus::Berjalan => t_string!(i18n, umkm_running).to_string(),
        BusinessStatus::Berhenti => t_string!(i18n, umkm_stopped).to_string(),
    }
}

fn status_class(s: BusinessStatus) -> &'static str {
    match s {
        BusinessStatus::Direncanakan => "badge",
        BusinessStatus::Berjalan => "badge badge--ok",
        BusinessStatus::Berhenti => "badge badge--warn",
    }
}

/// A kind of support in words.
pub fn support_text(i18n: I18n, k: SupportKind) -> String {
    match k {
        SupportKind::Modal => t_string!(i18n, umkm_capital).to_string(),
        SupportKind::Peralatan => t_string!(i18n, umkm_equipment).to_string(),
        SupportKind::Pendampingan => t_string!(i18n, umkm_mentoring).to_string(),
        SupportKind::Pelatihan => t_string!(i18n, umkm_training).to_string(),
    }
}

/// The section (nothing for a reader when the client has no business).
#[component]
pub fn BusinessesSection(
    /// The client.
    client: Uuid,
    /// Their businesses.
    data: ClientBusinesses,
) -> impl IntoView {
    let i18n = use_i18n();
    let ClientBusinesses { businesses, can_edit, partners } = data;
    if businesses.is_empty() && !can_edit {
        return ().into_any();
    }
    let page = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <section class="card" data-testid="client-businesses">
            <h2>{move || t_string!(i18n, umkm_title)}</h2>
            {businesses.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, umkm_none)}</p> })}
            <ul class="plain">
                {businesses.into_iter().map(|b| view! {
                    <Business b=b can_edit=can_edit partners=partners.clone() back=page.clone() />
                }).collect_view()}
            </ul>
            {can_edit.then(|| view! { <AddForm client=client back=page.clone() /> })}
        </section>
    }
    .into_any()
}

#[component]
fn Business(b: BusinessView, can_edit: bool, partners: Vec<PersonRef>, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = b.status;
    let total = b.total();
    let id = b.id;
    let history = b.history.clone();
    // The children of a FieldIds are a closure of their own: each takes its own copy.
    let (support_back, move_back) = (back.clone(), back);
    view! {
        <li class="enrolment" data-testid="business">
            <div class="needs__head">
                <strong data-testid="business-name">{if b.name.is_empty() { b.kind.clone() } else { b.name.clone() }}</strong>
                <span class=status_class(status) data-testid="business-status">{move || status_text(i18n, status)}</span>
            </div>
            <p class="muted">{b.kind.clone()} " · " {move || t_string!(i18n, prog_since)} " " {text::date(b.since)}
                {(total > 0).then(|| format!(" · {} {}", t_string!(i18n, umkm_support_total), format_rupiah(total)))}</p>
            {(history.len() > 1).then(|| view! {
                <p class="muted">{history.iter().map(|h| {
                    let note = h.note.clone().map(|n| format!(" ({n})")).unwrap_or_default();
                    format!("{} {}{note}", status_text(i18n, h.status), text::date(h.on))
                }).collect::<Vec<_>>().join(" → ")}</p>
            })}
            {(!b.supports.is_empty()).then(|| view! {
                <ul class="plain business__supports" data-testid="business-supports">
                    {b.supports.iter().map(|s| {
                        let kind = s.kind;
                        view! {
                            <li>
                                {move || support_text(i18n, kind)} " · " {text::date(s.received_on)}
                                {s.partner.clone().map(|p| format!(" · {p}"))}
                                {s.amount.map(|a| format!(" · {}", format_rupiah(a)))}
                                {s.description.clone().map(|d| format!(" · {d}"))}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {can_edit.then(|| view! {
                <FieldIds prefix=format!("{id}-dukungan")>
                    <SupportForm business=id partners=partners back=support_back />
                </FieldIds>
                <FieldIds prefix=format!("{id}-status")>
                    <MoveForm business=id current=status back=move_back />
                </FieldIds>
            })}
        </li>
    }
}

#[component]
fn AddForm(client: Uuid, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let status = RwSignal::new(BusinessStatus::Berjalan.as_str().to_owned());
    let since = RwSignal::new(crate::components::local_now().0);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(I18n) -> String| TextProp::from(move || f(i18n));
    let statuses = Signal::derive(move || {
        [BusinessStatus::Berjalan, BusinessStatus::Direncanakan]
            .iter()
            .map(|s| (s.as_str().to_owned(), status_text(i18n, *s)))
            .collect::<Vec<_>>()
    });
    view! {
        <details class="refer" open=crate::components::post::was_refused(AddBusiness::PATH)>
            <summary class="button button--secondary" data-testid="business-add-open">{move || t_string!(i18n, umkm_add)}</summary>
            <FieldIds prefix="usaha">
                <PostForm to=AddBusiness::PATH next=crate::routes::saved(&back) hidden=vec![("client", client.to_string())]
                    errors=errors failure=failure class="form" testid="business-form">
                    <ErrorBanner error=failure />
                    <TextField name="name" label=l(|i| t_string!(i, umkm_name).to_string()) value=name errors=errors />
                    <TextField name="kind" label=l(|i| t_string!(i, umkm_kind).to_string()) value=kind errors=errors
                        hint=l(|i| t_string!(i, umkm_kind_hint).to_string()) />
                    <SelectField name="status" label=l(|i| t_string!(i, umkm_status).to_string()) value=status errors=errors options=statuses />
                    <TextField name="since" label=l(|i| t_string!(i, umkm_since).to_string()) value=since errors=errors kind="date" />
                    <TextArea name="note" label=l(|i| t_string!(i, needs_note).to_string()) value=note errors=errors />
                    <button class="button" type="submit" data-testid="business-save">{move || t_string!(i18n, save)}</button>
                </PostForm>
            </FieldIds>
        </details>
    }
}

#[component]
fn SupportForm(business: Uuid, partners: Vec<PersonRef>, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(SupportKind::Modal.as_str().to_owned());
    let partner_id = RwSignal::new(String::new());
    let received_on = RwSignal::new(crate::components::local_now().0);
    let description = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(I18n) -> String| TextProp::from(move || f(i18n));
    let kinds = Signal::derive(move || {
        SupportKind::ALL.iter().map(|k| (k.as_str().to_owned(), support_text(i18n, *k))).collect::<Vec<_>>()
    });
    let mut from = vec![(String::new(), t_string!(i18n, umkm_from_office).to_string())];
    from.extend(partners.into_iter().map(|p| (p.id.to_string(), p.name)));
    let from = Signal::derive(move || from.clone());
    let refused = crate::components::post::posted_for(BusinessSupport::PATH)
        .is_some_and(|p| p.value("business") == Some(&business.to_string()));
    view! {
        <details class="session-form" open=refused>
            <summary class="button button--ghost" data-testid="support-open">{move || t_string!(i18n, umkm_support_add)}</summary>
            <PostForm to=BusinessSupport::PATH next=crate::routes::saved(&back) hidden=vec![("business", business.to_string())]
                errors=errors failure=failure class="form" testid="support-form">
                <ErrorBanner error=failure />
                <SelectField name="kind" label=l(|i| t_string!(i, umkm_support_kind).to_string()) value=kind errors=errors options=kinds />
                <SelectField name="partner_id" label=l(|i| t_string!(i, umkm_support_from).to_string()) value=partner_id errors=errors options=from />
                <TextField name="received_on" label=l(|i| t_string!(i, umkm_received_on).to_string()) value=received_on errors=errors kind="date" />
                <TextField name="amount" label=l(|i| t_string!(i, umkm_amount).to_string()) value=amount errors=errors inputmode="numeric" optional=true
                    hint=l(|i| t_string!(i, umkm_amount_hint).to_string()) />
                <TextField name="description" label=l(|i| t_string!(i, umkm_support_what).to_string()) value=description errors=errors optional=true />
                <button class="button" type="submit" data-testid="support-save">{move || t_string!(i18n, save)}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn MoveForm(business: Uuid, current: BusinessStatus, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let next = match current {
        BusinessStatus::Berjalan => BusinessStatus::Berhenti,
        BusinessStatus::Direncanakan | BusinessStatus::Berhenti => BusinessStatus::Berjalan,
    };
    let status = RwSignal::new(next.as_str().to_owned());
    let on = RwSignal::new(crate::components::local_now().0);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(I18n) -> String| TextProp::from(move || f(i18n));
    let statuses = Signal::derive(move || {
        BusinessStatus::ALL
            .iter()
            .filter(|s| **s != current)
            .map(|s| (s.as_str().to_owned(), status_text(i18n, *s)))
            .collect::<Vec<_>>()
    });
    let refused = crate::components::post::posted_for(MoveBusiness::PATH)
        .is_some_and(|p| p.value("business") == Some(&business.to_string()));
    view! {
        <details class="session-form" open=refused>
            <summary class="button button--ghost" data-testid="business-move-open">{move || t_string!(i18n, umkm_move)}</summary>
            <PostForm to=MoveBusiness::PATH next=crate::routes::saved(&back) hidden=vec![("business", business.to_string())]
                errors=errors failure=failure class="form" testid="business-move-form">
                <ErrorBanner error=failure />
                <SelectField name="status" label=l(|i| t_string!(i, umkm_status).to_string()) value=status errors=errors options=statuses />
                <TextField name="on" label=l(|i| t_string!(i, field_date).to_string()) value=on errors=errors kind="date" />
                <TextField name="note" label=l(|i| t_string!(i, umkm_why).to_string()) value=note errors=errors optional=true
                    hint=l(|i| t_string!(i, umkm_why_hint).to_string()) />
                <button class="button" type="submit">{move || t_string!(i18n, save)}</button>
            </PostForm>
        </details>
    }
}
