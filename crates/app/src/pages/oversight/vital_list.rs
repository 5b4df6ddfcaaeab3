//! `/dasbor/:vital`: the clients behind one figure of the office's dashboard, now — all the
//! office's or one PK's (`?pk=`) — a page at a time, worst first. The Kabapas's: the list
//! names clients (children masked as in the client list).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use pamong_domain::oversight::today_groups::PK_KEY;
use pamong_domain::oversight::vitals::{Vital, VitalList};
use server_fn::ServerFn;

use super::{share_detail, vital_name};
use crate::api::oversight::{ExportVital, vital_clients};
use crate::app::{ErrorPage, Loading};
use crate::components::{DownloadLinks, PageTitle, Pagination};
use crate::i18n::*;
use crate::pages::clients::ClientLine;
use crate::routes;
use crate::text;

/// The page.
#[component]
pub fn VitalListPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let vital = params.with(|p| p.get("vital").unwrap_or_default());
        query.with(|q| (vital, q.get(PK_KEY), q.get("hal").and_then(|p| p.parse().ok()).unwrap_or(1)))
    });
    let data = Resource::new(move || asked.get(), |(vital, pk, page)| vital_clients(vital, pk, page));
    view! {
        <PageTitle text=move || t_string!(i18n, dash_list_title).to_string() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <List data=data /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn List(data: VitalList) -> impl IntoView {
    let i18n = use_i18n();
    let VitalList { bapas, vital, as_of, pk, page } = data;
    let (total, pages, current) = (page.total, page.page_count(), page.page);
    let query = match pk.as_ref() {
        Some((choice, _)) => format!("vital={}&{PK_KEY}={}", vital.as_str(), choice.as_query()),
        None => format!("vital={}", vital.as_str()),
    };
    let whose = pk.map(|(_, person)| person.map(|p| p.name));
    view! {
        <p class="no-print"><a href=routes::DASHBOARD data-testid="dash-back">{move || t_string!(i18n, dash_back)}</a></p>
        <h1>{move || vital_name(i18n, vital)}</h1>
        <p class="muted" data-testid="dash-list-summary">
            {bapas.name.clone()}
            {whose.map(|name| view! {
                " · " <strong data-testid="dash-list-pk">{name.unwrap_or_else(|| t_string!(i18n, today_unassigned).to_string())}</strong>
            })}
            " · " {move || t_string!(i18n, dash_list_as_of, as_of = text::date(as_of), count = total)} " "
            <a href=routes::methodology(vital)>{move || t_string!(i18n, dash_how)}</a>
        </p>
        {(total > 0).then(|| view! { <DownloadLinks path=ExportVital::PATH query=query.clone() stem=format!("daftar-{}", vital.as_str()) /> })}
        {(total == 0).then(|| view! { <p class="card empty">{move || t_string!(i18n, dash_list_empty)}</p> })}
        <ul class="client-list" data-testid="client-list">
            {page.items.into_iter().map(|line| {
                // A client's own share says something for deadlines (met of due), not for
                // taking part in a programme (one of one, or none).
                let detail = line
                    .tally
                    .filter(|_| vital != Vital::ProgrammeParticipation)
                    .and_then(|t| share_detail(i18n, t));
                let reasons = line.reasons;
                view! {
                    <ClientLine client=line.client>
                        {detail.map(|d| view! { <p class="muted">{move || t_string!(i18n, dash_list_met, detail = d.clone())}</p> })}
                        <ul class="reasons">
                            {reasons.into_iter().map(|r| view! { <li class="reason">{move || text::today_reason(i18n, r)}</li> }).collect_view()}
                        </ul>
                    </ClientLine>
                }
            }).collect_view()}
        </ul>
        {(pages > 1).then(|| view! { <Pagination page=current pages=pages total=total /> })}
    }
}
