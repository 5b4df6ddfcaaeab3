//! The caseload: every client the user may see, searched (name with one typo forgiven, NIK,
//! register number) and filtered by band, status, legal basis and officer — a GET form that
//! the [`LiveFilter`] island answers as the officer types.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::caseload::ClientFilter;
use pamong_domain::client::ClientStatus;
use pamong_domain::legal::LegalBasis;
use pamong_domain::page::ListQuery;
use pamong_domain::reporting::RiskBand;
use server_fn::ServerFn;

use super::ClientLine;
use crate::api::clients::list_clients;
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::list::{Pagination, query_string};
use crate::i18n::*;
use crate::islands::LiveFilter;
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

/// The query string of a filter (page 1), as the list page's form posts it.
fn query_of(f: &ClientFilter) -> String {
    query_string(&[
        ("q", &f.list.q),
        ("risiko", f.band.as_deref().unwrap_or_default()),
        ("status", f.status.as_deref().unwrap_or_default()),
        ("dasar", f.legal_basis.as_deref().unwrap_or_default()),
        ("pk", f.pk.as_deref().unwrap_or_default()),
    ])
}

/// The client list.
#[component]
pub fn ClientListPage() -> impl IntoView {
    let i18n = use_i18n();
    let filter = use_client_filter();
    let rows = Resource::new(move || filter.get(), list_clients);
    let can = crate::app::use_abilities();
    let can_add = move || can.get().register_clients;
    let is_pk = move || can.get().own_caseload;
    let current = filter.get_untracked();
    let option = |value: &'static str, label: String, current: Option<&str>| {
        view! { <option value=value selected=current == Some(value)>{label}</option> }
    };
    let band_options = {
        let current = current.band.as_deref();
        let mut opts = vec![option("belum", text::band(i18n, None), current)];
        opts.extend(
            RiskBand::ALL.into_iter().map(|b| option(b.as_str(), text::band(i18n, Some(b)), current)),
        );
        opts.collect_view()
    };
    let status_options = {
        let current = current.status.as_deref().or(Some("aktif"));
        ClientStatus::ALL
            .into_iter()
            .map(|s| option(s.as_str(), text::client_status(i18n, s), current))
            .collect_view()
    };
    let basis_options = {
        let current = current.legal_basis.as_deref();
        LegalBasis::ALL
            .into_iter()
            .map(|b| option(b.as_str(), text::legal_basis(i18n, b), current))
            .collect_view()
    };
    let mine = current.pk.as_deref() == Some("saya");
    // The officer's own caseload is kept on their phone; the whole office's list is not.
    crate::offline::keep_offline(mine);
    // The whole filtered list (all pages) as a file, masked as the list is: links to the
    // server fn with the page's own filter.
    let query = query_of(&current);
    view! {
        <PageTitle text=move || t_string!(i18n, clients_title).to_string() />
        <div class="page-head">
            <h1>{move || t_string!(i18n, clients_title)}</h1>
            <Show when=can_add>
                <a class="button" href="/klien/baru">{move || t_string!(i18n, client_new)}</a>
            </Show>
        </div>
        <crate::components::form::SavedNotice />
        <form class="search search--filters" role="search" method="get" action=routes::CLIENTS>
            <label class="visually-hidden" for="q">{move || t_string!(i18n, search)}</label>
            <input
                class="input search__input"
                id="q"
                type="search"
                name="q"
                autocomplete="off"
                data-testid="client-search"
                placeholder=move || t_string!(i18n, client_search_placeholder).to_string()
                value=current.list.q.clone()
            />
            <div class="filters">
                <label class="filter">
                    <span>{move || t_string!(i18n, filter_band)}</span>
                    <select class="input input--select" name="risiko">
                        <option value="">{move || t_string!(i18n, filter_all)}</option>
                        {band_options}
                    </select>
                </label>
                <label class="filter">
                    <span>{move || t_string!(i18n, filter_status)}</span>
                    <select class="input input--select" name="status">{status_options}</select>
                </label>
                <label class="filter">
                    <span>{move || t_string!(i18n, filter_basis)}</span>
                    <select class="input input--select" name="dasar">
                        <option value="">{move || t_string!(i18n, filter_all)}</option>
                        {basis_options}
                    </select>
                </label>
                <Show when=is_pk>
                    <label class="filter filter--check">
                        <input type="checkbox" name="pk" value="saya" checked=mine />
                        {move || t_string!(i18n, filter_mine)}
                    </label>
                </Show>
            </div>
            <button class="button button--secondary" type="submit">{move || t_string!(i18n, search)}</button>
            <LiveFilter target="client-results".to_owned() />
        </form>
        <crate::components::DownloadLinks path=crate::api::clients::ExportClients::PATH query=query stem="klien" />
        <div id="client-results">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                        Ok(page) if page.items.is_empty() => view! { <p class="empty card">{move || t_string!(i18n, no_results)}</p> }.into_any(),
                        Ok(page) => {
                            let pages = page.page_count();
                            let (current, total, more) = (page.page, page.total, page.more);
                            view! {
                                // Said above the list: on a phone its foot is several
                                // screens away.
                                {more.then(|| view! {
                                    <p class="notice notice--warning" role="status" data-testid="search-more">
                                        {move || t_string!(i18n, search_more, total = pamong_domain::page::thousands(total))}
                                    </p>
                                })}
                                <ul class="client-list" data-testid="client-list">
                                    {page.items.into_iter().map(|c| view! { <ClientLine client=c offline=mine /> }).collect_view()}
                                </ul>
                                <Pagination page=current pages=pages total=total />
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}
