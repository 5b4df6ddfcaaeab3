//! Children's cases (ABH): the office's list and deadlines board (here), registration, the
//! case page with its forms, the Litmas pages and the Kabapas's access log.

pub mod access;
pub mod case;
pub mod forms;
pub mod litmas;
pub mod register;

use leptos::prelude::*;
use pamong_domain::abh::case::DeadlineRow;

use server_fn::ServerFn;

use crate::api::abh::{ExportChildCases, child_deadlines, list_child_cases};
use crate::app::{ErrorPage, Loading};
use crate::components::list::{Pagination, query_string, use_list_query};
use crate::components::now_utc;
use crate::components::{DownloadLinks, PageTitle};
use crate::i18n::*;
use crate::routes;
use crate::text;

/// Open statutory clocks, breached first: the office's board, or a PK's own on Today.
#[component]
pub fn DeadlineList(
    /// The rows, in board order.
    rows: Vec<DeadlineRow>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = now_utc();
    if rows.is_empty() {
        return view! { <p class="card empty">{move || t_string!(i18n, abh_deadlines_empty)}</p> }.into_any();
    }
    view! {
        <ul class="deadlines" data-testid="deadlines">
            {rows
                .into_iter()
                .map(|row| {
                    let href = match row.litmas_id {
                        Some(l) => routes::litmas(l),
                        None => routes::child_case(row.client_id),
                    };
                    let class = text::abh::clock_class(&row.clock, now);
                    let clock = row.clock;
                    let zone = row.zone;
                    let due = clock.due.map(|d| text::abh::instant(d, zone));
                    view! {
                        <li class=format!("{class} card")>
                            <a class="clock__what" href=href>{move || text::abh::clock_kind(i18n, clock.kind)}</a>
                            <p class="clock__who">
                                <span class="clock__child">{row.child_label.clone()}</span>
                                " · " {row.register_number.clone()}
                                {row.pk.clone().map(|pk| view! { " · " {pk.name} })}
                            </p>
                            <p class="clock__state">
                                {move || text::abh::clock_state(i18n, &clock, zone, now)}
                                {due.clone().map(|d| view! { " · " {move || t_string!(i18n, clock_due, at = d.clone())} })}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The deadlines of the actor's own cases (the PK's Today) or of the office.
#[component]
pub fn DeadlinesPanel(
    /// Only the actor's own cases.
    mine: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(|| (), move |_| child_deadlines(mine));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    // Nothing to show on Today when a PK has no child cases open.
                    Ok(rows) if rows.is_empty() && mine => ().into_any(),
                    Ok(rows) => view! {
                        <section class="deadlines-panel">
                            <h2>{move || if mine { t_string!(i18n, abh_deadlines_mine).to_string() } else { t_string!(i18n, abh_deadlines).to_string() }}</h2>
                            <DeadlineList rows=rows />
                        </section>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/abh`: the deadlines board and the office's children's cases.
#[component]
pub fn AbhPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    let cases = Resource::new(move || query.get(), list_child_cases);
    view! {
        <PageTitle text=move || t_string!(i18n, abh_title).to_string() />
        <div class="page-head">
            <h1>{move || t_string!(i18n, abh_title)}</h1>
            <a class="button" href=routes::NEW_CHILD_CASE>{move || t_string!(i18n, abh_register)}</a>
        </div>
        <p class="muted">{move || t_string!(i18n, abh_intro)}</p>
        <DeadlinesPanel mine=false />
        <section>
            <h2>{move || t_string!(i18n, abh_cases)}</h2>
            <form method="get" class="search" role="search">
                <label class="visually-hidden" for="q">{move || t_string!(i18n, search)}</label>
                <input class="input search__input" id="q" type="search" name="q"
                    placeholder=move || t_string!(i18n, abh_search).to_string()
                    value=query.get_untracked().q />
                <button class="button button--secondary" type="submit">{move || t_string!(i18n, search)}</button>
            </form>
            {move || {
                let query = query_string(&[("q", &query.get().q)]);
                view! { <DownloadLinks path=ExportChildCases::PATH query=query stem="perkara-anak" /> }
            }}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match cases.await {
                        Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                        Ok(page) if page.items.is_empty() => {
                            view! { <p class="card empty">{move || t_string!(i18n, abh_cases_empty)}</p> }.into_any()
                        }
                        Ok(page) => {
                            let (current, pages, total) = (page.page, page.page_count(), page.total);
                            view! {
                                <ul class="client-list" data-testid="abh-cases">
                                    {page
                                        .items
                                        .into_iter()
                                        .map(|row| {
                                            let stage = row.stage;
                                            view! {
                                                <crate::pages::clients::ClientLine client=row.child>
                                                    <p class="muted">{row.offence.clone()} " · " {move || text::abh::stage(i18n, stage)}</p>
                                                </crate::pages::clients::ClientLine>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <Pagination page=current pages=pages total=total />
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
