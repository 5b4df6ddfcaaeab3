//! The needs section of a client's page: the reintegration checklist (each item needed, in
//! progress or met, with the partner working on it) beside the criminogenic needs of the
//! latest RRI assessment, and for the PK the form to mark items.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::needs::NeedLevel;
use pamong_domain::reintegration::checklist::{ChecklistItem, ClientNeeds, NeedItem, NeedState};
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::reintegration::MarkNeeds;
use crate::components::{ErrorBanner, PostForm, SelectField, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::text::{self, I18n};

/// A checklist item's name.
pub fn item_text(i18n: I18n, item: NeedItem) -> String {
    match item {
        NeedItem::Ktp => t_string!(i18n, needs_ktp).to_string(),
        NeedItem::Bpjs => t_string!(i18n, needs_bpjs).to_string(),
        NeedItem::Housing => t_string!(i18n, needs_housing).to_string(),
        NeedItem::Work => t_string!(i18n, needs_work).to_string(),
        NeedItem::Family => t_string!(i18n, needs_family).to_string(),
        NeedItem::Addiction => t_string!(i18n, needs_addiction).to_string(),
        NeedItem::Education => t_string!(i18n, needs_education).to_string(),
    }
}

/// A checklist state's words.
pub fn state_text(i18n: I18n, state: Option<NeedState>) -> String {
    match state {
        Some(NeedState::Needed) => t_string!(i18n, needs_needed).to_string(),
        Some(NeedState::InProgress) => t_string!(i18n, needs_in_progress).to_string(),
        Some(NeedState::Met) => t_string!(i18n, needs_met).to_string(),
        None => t_string!(i18n, needs_unknown).to_string(),
    }
}

fn state_class(state: Option<NeedState>) -> &'static str {
    match state {
        Some(NeedState::Needed) => "badge badge--warn",
        Some(NeedState::InProgress) => "badge",
        Some(NeedState::Met) => "badge badge--ok",
        None => "badge badge--muted",
    }
}

/// The needs section of a client's page.
#[component]
pub fn ClientNeedsSection(
    /// The client.
    client: Uuid,
    /// The checklist and the assessment's needs.
    needs: ClientNeeds,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = needs.open();
    let ClientNeeds { checklist, criminogenic, assessed_on, can_edit } = needs;
    let pressing: Vec<_> =
        criminogenic.iter().filter(|(_, level)| *level != NeedLevel::None).copied().collect();
    let assessed = !criminogenic.is_empty();
    let form_items = checklist.clone();
    view! {
        <section class="card needs" data-testid="client-needs">
            <h2>{move || t_string!(i18n, needs_title)}
                {(open > 0).then(|| view! { " " <span class="badge badge--warn">{move || t_string!(i18n, needs_open_count, n = open)}</span> })}
            </h2>
            <ul class="plain needs__list">
                {checklist.into_iter().map(|i| view! { <ItemRow i=i /> }).collect_view()}
            </ul>
            <h3>{move || t_string!(i18n, needs_criminogenic)}
                {assessed_on.map(|d| view! { <span class="muted">" · RRI " {text::date(d)}</span> })}
            </h3>
            {if !assessed {
                view! { <p class="muted">{move || t_string!(i18n, needs_not_assessed)}</p> }.into_any()
            } else if pressing.is_empty() {
                view! { <p class="muted">{move || t_string!(i18n, need_level_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain needs__domains" data-testid="criminogenic">
                        {pressing.into_iter().map(|(domain, level)| view! {
                            <li>
                                <span>{move || text::need_domain(i18n, domain)}</span>
                                <span class=if level == NeedLevel::High { "badge badge--warn" } else { "badge" }>
                                    {move || text::need_level(i18n, level)}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {can_edit.then(|| view! { <MarkForm client=client items=form_items /> })}
        </section>
    }
}

#[component]
fn ItemRow(i: ChecklistItem) -> impl IntoView {
    let i18n = use_i18n();
    let ChecklistItem { item, state, by, since, note } = i;
    view! {
        <li class="needs__item" data-testid="need-item" data-item=item.as_str()>
            <div class="needs__head">
                <span>{move || item_text(i18n, item)}</span>
                <span class=state_class(state) data-testid="need-state">{move || state_text(i18n, state)}</span>
            </div>
            {(by.is_some() || since.is_some() || note.is_some()).then(|| view! {
                <p class="muted needs__meta">
                    {by.map(|b| format!("{b} · "))}
                    {since.map(text::date)}
                    {note.map(|n| format!(" · {n}"))}
                </p>
            })}
        </li>
    }
}

/// The PK's form: one choice per item, set to where it stands.
#[component]
fn MarkForm(client: Uuid, items: Vec<ChecklistItem>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let note = RwSignal::new(String::new());
    let page = leptos_router::hooks::use_location().pathname.get_untracked();
    let options = Signal::derive(move || {
        NeedState::ALL.iter().map(|&s| (s.as_str().to_owned(), state_text(i18n, Some(s)))).collect::<Vec<_>>()
    });
    view! {
        <details class="refer" open=crate::components::post::was_refused(MarkNeeds::PATH)>
            <summary class="button button--secondary" data-testid="needs-open">{move || t_string!(i18n, needs_update)}</summary>
            <PostForm to=MarkNeeds::PATH next=crate::routes::saved(&page) hidden=vec![("client", client.to_string())]
                errors=errors failure=failure class="form" testid="needs-form">
                <ErrorBanner error=failure />
                {items.into_iter().map(|i| {
                    let value = RwSignal::new(i.state.map(|s| s.as_str().to_owned()).unwrap_or_default());
                    let item = i.item;
                    view! {
                        <SelectField name=item.as_str() label=TextProp::from(move || item_text(i18n, item)) value=value errors=errors options=options />
                    }
                }).collect_view()}
                <TextField name="note" label=TextProp::from(move || t_string!(i18n, needs_note).to_string()) value=note errors=errors optional=true />
                <button class="button" type="submit">{move || t_string!(i18n, needs_save)}</button>
            </PostForm>
        </details>
    }
}
