//! `/kantor/akses`: every view of children's records of the office (the Kabapas) or the
//! region (the Kanwil), searchable, with break-glass views (those with a reason) filterable.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::abh::case::{AccessFilter, AccessRow};
use server_fn::ServerFn;

use crate::api::abh::{ExportAccessLog, access_log};
use crate::app::{ErrorPage, Loading};
use crate::components::list::{CardList, query_string, use_list_query};
use crate::components::{DownloadLinks, PageTitle};
use crate::i18n::*;
use crate::text;

/// The access log page.
#[component]
pub fn AccessLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    let params = use_query_map();
    let only = Memo::new(move |_| params.with(|p| p.get("alasan").is_some_and(|v| v == "1")));
    let rows =
        Resource::new(move || AccessFilter { list: query.get(), break_glass_only: only.get() }, access_log);
    view! {
        <PageTitle text=move || t_string!(i18n, access_title).to_string() />
        <crate::pages::logs::LogTabs />
        <h1>{move || t_string!(i18n, access_title)}</h1>
        <p class="muted">{move || t_string!(i18n, access_intro)}</p>
        <form method="get" class="search" role="search">
            <label class="visually-hidden" for="q">{move || t_string!(i18n, search)}</label>
            <input class="input search__input" id="q" type="search" name="q"
                placeholder=move || t_string!(i18n, access_search).to_string() value=query.get_untracked().q />
            <label class="search__toggle">
                <input type="checkbox" name="alasan" value="1" checked=only.get_untracked() />
                {move || t_string!(i18n, access_only_reasons)}
            </label>
            <button class="button button--secondary" type="submit">{move || t_string!(i18n, search)}</button>
        </form>
        {move || {
            let query = query_string(&[("q", &query.get().q), ("alasan", if only.get() { "1" } else { "" })]);
            view! { <DownloadLinks path=ExportAccessLog::PATH query=query stem="log-akses" /> }
        }}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) => view! {
                        <CardList page=page testid="access-log" empty=move || t_string!(i18n, access_empty).to_string()
                            row=move |r: AccessRow| {
                                let at = text::abh::instant(r.at, r.zone);
                                view! {
                                    <li class="card access" class:access--glass=r.reason.is_some()>
                                        <p><strong>{r.record.clone()}</strong> " · " {r.user.clone()}</p>
                                        <p class="muted">{at}</p>
                                        {r.reason.clone().map(|reason| view! { <p class="access__reason">{move || t_string!(i18n, access_reason)} ": " {reason.clone()}</p> })}
                                    </li>
                                }
                            } />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
