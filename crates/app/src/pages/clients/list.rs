//! The caseload: every client the user may see, searched as they type (name with one typo
//! forgiven, NIK, register number) and filtered by band, status, legal basis and officer.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use pamong_domain::caseload::ClientFilter;
use pamong_domain::client::ClientStatus;
use pamong_domain::legal::LegalBasis;
use pamong_domain::page::ListQuery;
use pamong_domain::reporting::RiskBand;

use super::ClientLine;
use crate::api::clients::list_clients;
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::list::{Pagination, url_encode};
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The filter in the page's URL.
fn use_client_filter() -> Memo<ClientFilter> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            let opt = |k: &str| q.get(k).filter(|v| !v.is_empty());
            ClientFilter {
                list: ListQuery {
                    q: q.get("q").unwrap_or_default(),
                    page: q.get("hal").and_then(|p| p.parse().ok()).unwrap_or(1),
                    per_page: 0,
                    include_inactive: false,
                },
                band: opt("risiko"),
                status: opt("status"),
                legal_basis: opt("dasar"),
                pk: opt("pk"),
            }
        })
    })
}

/// The URL of a filter (page 1).
fn href(f: &ClientFilter) -> String {
    let mut parts = Vec::new();
    let mut push = |k: &str, v: &str| {
        if !v.is_empty() {
            parts.push(format!("{k}={}", url_encode(v)));
        }
    };
    push("q", &f.list.q);
    push("risiko", f.band.as_deref().unwrap_or_default());
    push("status", f.status.as_deref().unwrap_or_default());
    push("dasar", f.legal_basis.as_deref().unwrap_or_default());
    push("pk", f.pk.as_deref().unwrap_or_default());
    routes::clients_with(&parts.join("&"))
}

/// The client list.
#[component]
pub fn ClientListPage() -> impl IntoView {
    let i18n = use_i18n();
    let filter = use_client_filter();
    let rows = Resource::new(move || filter.get(), list_clients);
    // The whole filtered list (all pages) as a CSV file, masked as the list is.
    let export = Action::new(|f: &ClientFilter| crate::api::clients::export_clients(f.clone()));
    let export_failure = RwSignal::new(None::<crate::error::AppError>);
    Effect::new(move |_| match export.value().get() {
        Some(Ok(csv)) => {
            export_failure.set(None);
            crate::components::download("klien.csv", "text/csv", &csv);
        }
        Some(Err(e)) => export_failure.set(Some(e)),
        None => {}
    });
    let navigate = use_navigate();
    let go =
        move |f: ClientFilter| navigate(&href(&f), NavigateOptions { replace: true, ..Default::default() });
    let typed = RwSignal::new(filter.get_untracked().list.q);
    // Search as the officer types, a moment after the last key, so a slow connection is
    // not flooded with a request per letter.
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let on_type = {
        let go = go.clone();
        move |value: String| {
            typed.set(value.clone());
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            let go = go.clone();
            let handle = leptos::leptos_dom::helpers::set_timeout_with_handle(
                move || {
                    let mut f = filter.get_untracked();
                    f.list.q = value;
                    go(f);
                },
                std::time::Duration::from_millis(250),
            )
            .ok();
            pending.set_value(handle);
        }
    };
    let select = {
        let go = go.clone();
        move |set: fn(&mut ClientFilter, Option<String>), value: String| {
            let mut f = filter.get_untracked();
            set(&mut f, Some(value).filter(|v| !v.is_empty()));
            go(f);
        }
    };
    let can = crate::app::use_abilities();
    let can_add = move || can.get().register_clients;
    let is_pk = move || can.get().own_caseload;
    let option = |value: &'static str, label: String, current: Option<String>| {
        let selected = current.as_deref() == Some(value);
        view! { <option value=value selected=selected>{label}</option> }
    };
    let select_band = select.clone();
    let select_status = select.clone();
    let select_basis = select.clone();
    let select_pk = select;
    view! {
        <PageTitle text=move || t_string!(i18n, clients_title).to_string() />
        <div class="page-head">
            <h1>{move || t_string!(i18n, clients_title)}</h1>
            <button class="button button--secondary" type="button" data-testid="export-csv"
                disabled=move || export.pending().get()
                on:click=move |_| { export.dispatch(filter.get_untracked()); }>
                {move || if export.pending().get() { t_string!(i18n, exporting).to_string() } else { t_string!(i18n, export_csv).to_string() }}
            </button>
            <Show when=can_add>
                <a class="button" href="/klien/baru">{move || t_string!(i18n, client_new)}</a>
            </Show>
        </div>
        <crate::components::form::SavedNotice />
        <crate::components::ErrorBanner error=export_failure />
        <form class="search" role="search" method="GET" action="/klien">
            <label class="visually-hidden" for="q">{move || t_string!(i18n, search)}</label>
            <input
                class="input search__input"
                id="q"
                type="search"
                name="q"
                autocomplete="off"
                data-testid="client-search"
                placeholder=move || t_string!(i18n, client_search_placeholder).to_string()
                prop:value=move || typed.get()
                on:input=move |ev| on_type(event_target_value(&ev))
            />
            <noscript><button class="button button--secondary" type="submit">{move || t_string!(i18n, search)}</button></noscript>
        </form>
        <div class="filters">
            <label class="filter">
                <span>{move || t_string!(i18n, filter_band)}</span>
                <select class="input input--select" on:change=move |ev| select_band(|f, v| f.band = v, event_target_value(&ev))>
                    <option value="">{move || t_string!(i18n, filter_all)}</option>
                    {move || {
                        let current = filter.get().band;
                        let mut opts = vec![option("belum", text::band(i18n, None), current.clone())];
                        for b in RiskBand::ALL {
                            opts.push(option(b.as_str(), text::band(i18n, Some(b)), current.clone()));
                        }
                        opts.collect_view()
                    }}
                </select>
            </label>
            <label class="filter">
                <span>{move || t_string!(i18n, filter_status)}</span>
                <select class="input input--select" on:change=move |ev| select_status(|f, v| f.status = v, event_target_value(&ev))>
                    {move || {
                        let current = filter.get().status;
                        ClientStatus::ALL
                            .into_iter()
                            .map(|s| option(s.as_str(), text::client_status(i18n, s), current.clone().or(Some("aktif".into()))))
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="filter">
                <span>{move || t_string!(i18n, filter_basis)}</span>
                <select class="input input--select" on:change=move |ev| select_basis(|f, v| f.legal_basis = v, event_target_value(&ev))>
                    <option value="">{move || t_string!(i18n, filter_all)}</option>
                    {move || {
                        let current = filter.get().legal_basis;
                        LegalBasis::ALL.into_iter().map(|b| option(b.as_str(), text::legal_basis(i18n, b), current.clone())).collect_view()
                    }}
                </select>
            </label>
            <Show when=is_pk>
                <label class="filter filter--check">
                    <input
                        type="checkbox"
                        prop:checked=move || filter.get().pk.as_deref() == Some("saya")
                        on:change={
                            let select_pk = select_pk.clone();
                            move |ev| select_pk(|f, v| f.pk = v, if event_target_checked(&ev) { "saya".into() } else { String::new() })
                        }
                    />
                    {move || t_string!(i18n, filter_mine)}
                </label>
            </Show>
        </div>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <p class="empty card">{move || t_string!(i18n, no_results)}</p> }.into_any(),
                    Ok(page) => {
                        let pages = page.page_count();
                        let (current, total) = (page.page, page.total);
                        view! {
                            <ul class="client-list" data-testid="client-list">
                                {page.items.into_iter().map(|c| view! { <ClientLine client=c /> }).collect_view()}
                            </ul>
                            <Pagination page=current pages=pages total=total />
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}
