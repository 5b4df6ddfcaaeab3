//! `/kotak-keluar`: the check-ins this phone recorded without a signal — waiting, sent, or
//! refused by the server with a way to open them again — listed by the [`Outbox`] island from
//! the service worker's outbox. The page itself is kept for offline use, so a post queued
//! without a signal lands here.

use leptos::prelude::*;

use crate::app::use_abilities;
use crate::components::PageTitle;
use crate::i18n::*;
use crate::islands::Outbox;
use crate::offline::keep_offline;

/// The outbox page.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let can = use_abilities();
    keep_offline(true);
    let user = crate::app::use_username();
    view! {
        <PageTitle text=move || t_string!(i18n, outbox_title).to_string() />
        <h1>{move || t_string!(i18n, outbox_title)}</h1>
        <p class="lead">{move || t_string!(i18n, outbox_intro)}</p>
        <section class="card">
            {move || can.get().keep_offline.then(|| view! {
                <Outbox user=user.get() list=true texts=crate::components::layout::outbox_texts(i18n) />
            })}
            <noscript><p>{move || t_string!(i18n, outbox_noscript)}</p></noscript>
        </section>
    }
}
