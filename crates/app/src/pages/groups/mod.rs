//! Kelayan Binter groups: the list (here), a group's page, the forms (new group, member,
//! meeting), the open action items on the coordinator's home page, and putting a client
//! under a group's attention from the client's page.

pub mod detail;
pub mod forms;

use leptos::prelude::*;
use pamong_domain::groups::ActionView;
use server_fn::ServerFn;

use crate::api::groups::{CompleteGroupAction, ExportGroups, list_groups, open_group_actions};
use crate::app::{ErrorPage, Loading};
use crate::components::{DownloadLinks, PageTitle, PostForm};
use crate::i18n::*;
use crate::routes;
use crate::text;

/// `/kelompok`: the groups the user may see.
#[component]
pub fn GroupListPage() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(|| (), |_| list_groups());
    let can = crate::app::use_abilities();
    let is_kabapas = move || can.get().form_groups;
    view! {
        <PageTitle text=move || t_string!(i18n, groups_title).to_string() />
        <div class="page-head">
            <h1>{move || t_string!(i18n, groups_title)}</h1>
            <Show when=is_kabapas>
                <a class="button" href="/kelompok/baru">{move || t_string!(i18n, group_new)}</a>
            </Show>
        </div>
        <p class="muted">{move || t_string!(i18n, groups_intro)}</p>
        <DownloadLinks path=ExportGroups::PATH query=String::new() stem="kelompok" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p class="card empty">{move || t_string!(i18n, groups_empty)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="client-list" data-testid="group-list">
                            {rows.into_iter().map(|g| {
                                let (open, overdue) = g.open_actions;
                                let members = g.members;
                                view! {
                                    <li class="client-line card">
                                        <a class="client-line__name" href=routes::group(g.id)>{g.name.clone()}</a>
                                        <p class="client-line__meta muted">{g.areas.join(", ")} {g.coordinator.clone().map(|c| format!(" · {c}"))}</p>
                                        <p class="client-line__meta">
                                            {move || t_string!(i18n, group_counts, members = members, open = open)}
                                            {(overdue > 0).then(|| view! { " " <span class="reason reason--danger">{move || t_string!(i18n, group_overdue, count = overdue)}</span> })}
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// Action items, with a button to mark each done when the user keeps the group.
#[component]
pub fn ActionList(
    /// The items.
    actions: Vec<ActionView>,
    /// Whether the user may mark them done.
    can_complete: bool,
    /// Whether to name each item's group.
    #[prop(optional)]
    show_group: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let page = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <ul class="deadlines" data-testid="actions">
            {actions.into_iter().map(|a| {
                let class = if a.done_on.is_some() { "clock clock--met card" } else if a.overdue { "clock clock--urgent card" } else { "clock card" };
                let id = a.id;
                let due = text::date(a.due_on);
                view! {
                    <li class=class>
                        <p class="clock__what">{a.title.clone()}</p>
                        <p>{a.owner.clone()} {show_group.then(|| format!(" · {}", a.group.name))}</p>
                        <p class="clock__state">
                            {match a.done_on {
                                Some(d) => t_string!(i18n, action_done_on, date = text::date(d)).to_string(),
                                None if a.overdue => t_string!(i18n, action_overdue, date = due.clone()).to_string(),
                                None => t_string!(i18n, action_due, date = due.clone()).to_string(),
                            }}
                        </p>
                        {(can_complete && a.done_on.is_none()).then(|| {
                            view! {
                                <PostForm to=CompleteGroupAction::PATH next=routes::saved(&page) hidden=vec![("id", id.to_string())] scope=None
                                    errors=RwSignal::new(pamong_domain::FieldErrors::new()) failure=RwSignal::new(None) class="inline-form">
                                    <button class="button button--small" type="submit">{move || t_string!(i18n, action_mark_done)}</button>
                                </PostForm>
                            }
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The coordinator's open action items, overdue first (home page).
#[component]
pub fn OpenActionsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(|| (), |_| open_group_actions());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => view! {
                        <section class="deadlines-panel" data-testid="open-actions">
                            <h2>{move || t_string!(i18n, actions_open)}</h2>
                            {rows.is_empty().then(|| view! { <p class="card empty">{move || t_string!(i18n, actions_none)}</p> })}
                            <ActionList actions=rows can_complete=true show_group=true />
                            <p><a class="button button--secondary" href="/kelompok">{move || t_string!(i18n, groups_title)}</a></p>
                        </section>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
