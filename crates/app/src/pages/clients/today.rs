//! Today: the officer's home page list, most urgent first, with one tap to record a report.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::caseload::TodayReason;

use super::ClientLine;
use crate::api::clients::today_list;
use crate::app::{ErrorPage, Loading};
use crate::components::list::Pagination;
use crate::i18n::*;
use crate::routes;
use crate::text;

fn reason_class(reason: &TodayReason) -> &'static str {
    match reason {
        TodayReason::RevocationWarning { .. } | TodayReason::WorkLate { .. } => "reason reason--danger",
        TodayReason::WorkAbsence { .. }
        | TodayReason::WorkBehind { .. }
        | TodayReason::ProgrammeDropped { .. } => "reason reason--warning",
        // A reminder, not a report due: "due" is what a report clears.
        TodayReason::ProgrammeTomorrow => "reason",
        TodayReason::WorkCompleted => "reason reason--due",
        TodayReason::SignOffWaiting { .. } => "reason",
        // Overdue is named apart: a report clears it, nothing clears an ended supervision
        // but closing it.
        TodayReason::Overdue { .. } => "reason reason--warning reason--overdue",
        TodayReason::Ended { .. } => "reason reason--warning",
        TodayReason::DueToday => "reason reason--due",
        TodayReason::ReassessmentDue { .. } | TodayReason::EndingSoon { .. } => "reason",
    }
}

/// The Today list, a page at a time: a Kabapas's is the whole office's.
#[component]
pub fn TodayPanel() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || query.with(|q| q.get("hal").and_then(|p| p.parse().ok()).unwrap_or(1));
    let items = Resource::new(page, today_list);
    // An officer's Today is their own caseload: their phone keeps it, and the pages it links to.
    crate::offline::keep_offline(true);
    view! {
        <section class="today" data-testid="today">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match items.await {
                        Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                        Ok((date, page)) => {
                            let count = page.total;
                            let pages = page.page_count();
                            let (current, items) = (page.page, page.items);
                            view! {
                                <h2>{move || t_string!(i18n, today_title, date = text::date(date))}</h2>
                                <p class="muted">{move || t_string!(i18n, today_count, count = count)}</p>
                                {(count == 0).then(|| view! { <p class="card empty">{move || t_string!(i18n, today_empty)}</p> })}
                                <ul class="client-list">
                                    {items
                                        .into_iter()
                                        .map(|item| {
                                            let id = item.client.id;
                                            let offline = (!item.client.child).then_some("");
                                            let reasons = item.reasons.clone();
                                            view! {
                                                <ClientLine client=item.client offline=true>
                                                    <ul class="reasons">
                                                        {reasons
                                                            .into_iter()
                                                            .map(|r| view! { <li class=reason_class(&r)>{move || text::today_reason(i18n, r)}</li> })
                                                            .collect_view()}
                                                    </ul>
                                                    <a class="button button--small" href=routes::client_report(id) data-offline=offline>
                                                        {move || t_string!(i18n, record_report)}
                                                    </a>
                                                </ClientLine>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                {(pages > 1).then(|| view! { <Pagination page=current pages=pages total=count /> })}
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
