//! Today: the officer's home page list, most urgent first, with one tap to record a report.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::caseload::{TodayItem, TodayReason};
use pamong_domain::oversight::today_groups::{PK_KEY, TodayGroup, TodayView};
use pamong_domain::page::Page;
use time::Date;

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

/// The Today list, a page at a time. A Kabapas's is the whole office's: one line per PK
/// first, then one PK's list (`?pk=`), so the home page stays short on a phone.
#[component]
pub fn TodayPanel() -> impl IntoView {
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query.with(|q| (q.get("hal").and_then(|p| p.parse().ok()).unwrap_or(1), q.get(PK_KEY)))
    });
    let view_data = Resource::new(move || asked.get(), |(page, pk)| today_list(page, pk));
    // An officer's Today is their own caseload: their phone keeps it, and the pages it links to.
    crate::offline::keep_offline(true);
    view! {
        <section class="today" id="hari-ini" data-testid="today">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match view_data.await {
                        Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                        Ok(TodayView { date, groups: Some(groups), .. }) => view! { <Groups date=date groups=groups /> }.into_any(),
                        Ok(TodayView { date, chosen, page, .. }) => view! { <Items date=date chosen=chosen page=page /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The office's Today, one line per PK: how many of their clients are listed, how many
/// pressing, how many report today.
#[component]
fn Groups(date: Date, groups: Vec<TodayGroup>) -> impl IntoView {
    let i18n = use_i18n();
    let count: u64 = groups.iter().map(|g| g.clients).sum();
    view! {
        <h2>{move || t_string!(i18n, today_title, date = text::date(date))}</h2>
        <p class="muted">{move || t_string!(i18n, today_count, count = count)} " " {move || t_string!(i18n, today_by_pk)}</p>
        {(count == 0).then(|| view! { <p class="card empty">{move || t_string!(i18n, today_empty)}</p> })}
        <ul class="plain today-groups" data-testid="today-groups">
            {groups
                .into_iter()
                .map(|g| {
                    let href = routes::today_of(g.choice());
                    let name = g.pk.map(|p| p.name);
                    let (clients, pressing, due) = (g.clients, g.pressing, g.due_today);
                    view! {
                        <li class="today-group card">
                            <a class="today-group__name" href=href>
                                {match name {
                                    Some(name) => name.into_any(),
                                    None => view! { {move || t_string!(i18n, today_unassigned)} }.into_any(),
                                }}
                            </a>
                            <span class="today-group__counts">
                                <strong>{move || t_string!(i18n, today_group_clients, count = clients)}</strong>
                                {(pressing > 0).then(|| view! { <span class="reason reason--warning">{move || t_string!(i18n, today_group_pressing, count = pressing)}</span> })}
                                {(due > 0).then(|| view! { <span class="reason reason--due">{move || t_string!(i18n, today_group_due, count = due)}</span> })}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// A page of one list: the officer's own, or one PK's of the office (with the way back).
#[component]
fn Items(date: Date, chosen: Option<TodayGroup>, page: Page<TodayItem>) -> impl IntoView {
    let i18n = use_i18n();
    let count = page.total;
    let pages = page.page_count();
    let (current, items) = (page.page, page.items);
    let office = use_query_map().with_untracked(|q| q.get(PK_KEY).is_some());
    let whose = chosen.map(|g| g.pk.map(|p| p.name));
    view! {
        {office.then(|| view! {
            <p class="no-print"><a href=routes::HOME_TODAY data-testid="today-all">{move || t_string!(i18n, today_all_pks)}</a></p>
        })}
        <h2>{move || t_string!(i18n, today_title, date = text::date(date))}</h2>
        {whose.map(|name| view! {
            <p class="today-whose" data-testid="today-whose">
                <strong>{match name {
                    Some(name) => name.into_any(),
                    None => view! { {move || t_string!(i18n, today_unassigned)} }.into_any(),
                }}</strong>
            </p>
        })}
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
}
