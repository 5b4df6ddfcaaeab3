//! `/pemberitahuan`: the signed-in user's notifications (the bell), newest first: what it is
//! about, a link to the record, and marking one or all read — plain form posts, so they work
//! before the wasm.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::notifications::NotificationView;
use server_fn::ServerFn;

use crate::api::notifications::{MarkRead, notifications};
use crate::app::{ErrorPage, Loading};
use crate::components::list::{CardList, use_list_query};
use crate::components::{ErrorBanner, PageTitle, PostForm};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The notifications page.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    let rows = Resource::new(move || query.get(), notifications);
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <PageTitle text=move || t_string!(i18n, notif_title).to_string() />
        <h1>{move || t_string!(i18n, notif_title)}</h1>
        <p class="muted">{move || t_string!(i18n, notif_intro)}</p>
        <ErrorBanner error=failure />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) => {
                        let any_unread = page.items.iter().any(|n| !n.read);
                        view! {
                            {any_unread.then(|| view! {
                                <PostForm to=MarkRead::PATH next=routes::NOTIFICATIONS scope=None
                                    errors=RwSignal::new(FieldErrors::new()) failure=failure class="form__actions" testid="notif-read-all">
                                    <button class="button button--secondary" type="submit">{move || t_string!(i18n, notif_read_all)}</button>
                                </PostForm>
                            })}
                            <CardList page=page testid="notifications" empty=move || t_string!(i18n, notif_empty).to_string()
                                row=move |n: NotificationView| view! { <Notification n=n failure=failure /> } />
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// One notification: unread ones stand out and can be marked read on their own.
#[component]
fn Notification(n: NotificationView, failure: RwSignal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let class = if n.read { "card access notif" } else { "card access notif notif--unread" };
    let when = text::date(n.created_at.date());
    let id = n.id;
    view! {
        <li class=class data-testid="notification">
            <p><strong>{n.subject}</strong></p>
            <p>{n.body}</p>
            <div class="notif__meta">
                <span class="muted">{when}</span>
                {n.about.map(|about| view! {
                    <a href=routes::about(about)>{move || t_string!(i18n, notif_open)}</a>
                })}
                {(!n.read).then(|| view! {
                    <PostForm to=MarkRead::PATH next=routes::NOTIFICATIONS hidden=vec![("id", id.to_string())] scope=None
                        errors=RwSignal::new(FieldErrors::new()) failure=failure class="notif__read">
                        <button class="button button--ghost" type="submit">{move || t_string!(i18n, notif_read)}</button>
                    </PostForm>
                })}
            </div>
        </li>
    }
}
