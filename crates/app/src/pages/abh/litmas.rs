//! `/abh/litmas/:id`: one Litmas — its clock, the PK's draft (saved or submitted), the
//! Kabapas's approval or return, delivery — and `/abh/litmas/:id/cetak`, the approved
//! report on the office's letterhead for printing.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::abh::litmas::{LitmasContent, LitmasStatus, LitmasView};
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::abh::{DeliverLitmas, LitmasPdf, ReviewLitmas, SaveLitmas, litmas_page};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::{ErrorBanner, ErrorSummary, PostForm, TextArea, TextField, now_utc};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::clients::use_client_id;
use crate::routes;
use crate::text;

const SECTIONS: [&str; 5] =
    ["personal_family", "background", "victim_condition", "diversion_record", "recommendation"];

fn load() -> Resource<Result<LitmasView, AppError>> {
    let id = use_client_id();
    Resource::new(move || id.get(), |id| async move { litmas_page(id?).await })
}

/// The Litmas page.
#[component]
pub fn LitmasPage() -> impl IntoView {
    let data = load();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(l) => view! { <LitmasView l=l /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LitmasView(l: LitmasView) -> impl IntoView {
    let i18n = use_i18n();
    let now = now_utc();
    let zone = l.office.zone;
    let (kind, requester, status, clock) = (l.kind, l.requester, l.status, l.clock);
    let title = move || text::abh::litmas_kind(i18n, kind);
    view! {
        <PageTitle text=title />
        <p class="breadcrumb"><a href=routes::child_case(l.client_id)>"← " {l.child_label.clone()} " · " {l.register_number.clone()}</a></p>
        <div class="page-head">
            <h1>{title}</h1>
            <span class="badge" data-testid="litmas-status">{move || text::abh::litmas_status(i18n, status)}</span>
        </div>
        <crate::components::form::SavedNotice />
        <p class="muted">{move || text::abh::requester(i18n, requester)} " · " {l.letter_number.clone().unwrap_or_default()} " · " {text::abh::instant(l.received_at, zone)}</p>
        <p class=format!("{} card", text::abh::clock_class(&clock, now)) data-testid="litmas-clock">
            <span class="clock__what">{move || text::abh::clock_kind(i18n, clock.kind)}</span>
            <span class="clock__state">{move || text::abh::clock_state(i18n, &clock, zone, now)}</span>
            {clock.due.map(|d| view! { <span class="clock__due muted">{move || t_string!(i18n, clock_due, at = text::abh::instant(d, zone))}</span> })}
        </p>
        {l.review_note.clone().filter(|_| status == LitmasStatus::Draf).map(|n| view! {
            <div class="banner banner--error" role="status">{move || t_string!(i18n, litmas_returned_note, note = n.clone())}</div>
        })}
        {l.masked.then(|| view! { <p class="card muted">{move || t_string!(i18n, litmas_masked)}</p> })}
        {if l.can_edit {
            view! { <Editor l=l.clone() /> }.into_any()
        } else if !l.masked {
            view! { <Sections content=l.content.clone() /> }.into_any()
        } else {
            ().into_any()
        }}
        {l.author.clone().map(|a| view! { <p class="muted">{move || t_string!(i18n, litmas_author, name = a.clone())}</p> })}
        {l.approved.clone().map(|(n, at)| view! { <p class="muted">{move || t_string!(i18n, litmas_approved_by, name = n.clone(), at = text::abh::instant(at, zone))}</p> })}
        {l.can_review.then(|| view! { <Review id=l.id /> })}
        {l.can_deliver.then(|| view! { <Deliver id=l.id zone=zone /> })}
        {(matches!(status, LitmasStatus::Disetujui | LitmasStatus::Diserahkan) && !l.masked).then(|| view! {
            <p><a class="button button--secondary" href=routes::litmas_print(l.id) target="_blank">{move || t_string!(i18n, litmas_print)}</a></p>
        })}
    }
}

/// The sections, read-only.
#[component]
fn Sections(content: LitmasContent) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <article class="litmas-text card">
            {content.sections().into_iter().map(|(field, body)| {
                let body = body.to_owned();
                view! {
                    <h2>{move || text::abh::litmas_section(i18n, field)}</h2>
                    {body.lines().map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
                }
            }).collect_view()}
        </article>
    }
}

/// The PK's draft: save, or submit to the Kabapas.
#[component]
fn Editor(l: LitmasView) -> impl IntoView {
    let i18n = use_i18n();
    let id = l.id;
    let c = l.content;
    let fields = [
        RwSignal::new(c.personal_family),
        RwSignal::new(c.background),
        RwSignal::new(c.victim_condition),
        RwSignal::new(c.diversion_record),
        RwSignal::new(c.recommendation),
    ];
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let label = move |field: &'static str| TextProp::from(move || text::abh::litmas_section(i18n, field));
    view! {
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=SECTIONS.iter().map(|f| (*f, label(f))).collect() />
        <PostForm to=SaveLitmas::PATH next=routes::saved(&routes::litmas(id)) hidden=vec![("id", id.to_string())] scope=Some("content")
            errors=errors failure=failure testid="litmas-form">
            <p class="field__hint">{move || t_string!(i18n, litmas_template_hint)}</p>
            {SECTIONS.iter().zip(fields).map(|(f, v)| view! { <TextArea name=f label=label(f) value=v errors=errors /> }).collect_view()}
            <div class="form__actions">
                <button class="button button--secondary" type="submit" name="submit" value="false">{move || t_string!(i18n, litmas_save_draft)}</button>
                <button class="button" type="submit" name="submit" value="true">{move || t_string!(i18n, litmas_submit)}</button>
            </div>
        </PostForm>
    }
}

/// The Kabapas's approval or return.
#[component]
fn Review(id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <PostForm to=ReviewLitmas::PATH next=routes::saved(&routes::litmas(id)) hidden=vec![("id", id.to_string())] scope=None
            errors=errors failure=failure class="card" testid="litmas-review">
            <h2>{move || t_string!(i18n, litmas_review)}</h2>
            <ErrorBanner error=failure />
            <TextArea name="note" label=TextProp::from(move || t_string!(i18n, litmas_review_note).to_string()) value=note errors=errors />
            <div class="form__actions">
                <button class="button" type="submit" name="approve" value="true">{move || t_string!(i18n, litmas_approve)}</button>
                <button class="button button--secondary" type="submit" name="approve" value="false">{move || t_string!(i18n, litmas_return)}</button>
            </div>
        </PostForm>
    }
}

/// Recording the delivery: the clock stops at the time given.
#[component]
fn Deliver(id: Uuid, zone: pamong_domain::office::Zone) -> impl IntoView {
    let i18n = use_i18n();
    let at = RwSignal::new(pamong_domain::abh::clock::wall_clock(now_utc(), zone));
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <PostForm to=DeliverLitmas::PATH next=routes::saved(&routes::litmas(id)) hidden=vec![("id", id.to_string())] scope=None
            errors=errors failure=failure testid="litmas-deliver">
            <h2>{move || t_string!(i18n, litmas_deliver)}</h2>
            <ErrorBanner error=failure />
            <TextField name="delivered_at" label=TextProp::from(move || t_string!(i18n, field_delivered_at).to_string()) hint=TextProp::from(move || zone.label().to_string()) value=at errors=errors kind="datetime-local" />
            <button class="button" type="submit">{move || t_string!(i18n, litmas_deliver)}</button>
        </PostForm>
    }
}

/// The approved report for printing, on the office's letterhead.
#[component]
pub fn LitmasPrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = load();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(l) if !l.masked && matches!(l.status, LitmasStatus::Disetujui | LitmasStatus::Diserahkan) => {
                        let zone = l.office.zone;
                        let kind = l.kind;
                        view! {
                            <PageTitle text=move || text::abh::litmas_kind(i18n, kind) />
                            <article class="print-doc" data-testid="litmas-print">
                                <crate::components::Letterhead office=l.office.clone() />
                                <p class="print-doc__secret">{move || t_string!(i18n, litmas_confidential)}</p>
                                <h1 class="print-doc__title">{move || t_string!(i18n, litmas_print_title)}</h1>
                                <p class="print-doc__sub">{move || text::abh::litmas_kind(i18n, kind)} " · " {l.register_number.clone()}</p>
                                <p>{l.child_label.clone()}</p>
                                <Sections content=l.content.clone() />
                                {l.approved.clone().map(|(n, at)| view! {
                                    <p class="print-doc__sign">{move || t_string!(i18n, litmas_approved_by, name = n.clone(), at = text::abh::instant(at, zone))}</p>
                                })}
                                <p class="print-doc__actions">
                                    <crate::islands::PrintButton label=t_string!(i18n, litmas_print).to_string() />
                                    <crate::components::PdfLink href=format!("{}?id={}", LitmasPdf::PATH, l.id) />
                                </p>
                            </article>
                        }
                        .into_any()
                    }
                    Ok(_) => view! { <ErrorPage error=AppError::Kind(pamong_domain::ErrorKind::NotFound) /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
