//! `/kantor/ekspor`: the export log (who took client data out of the system, when, what they
//! asked for and how many records), for the Kabapas and the Kanwil; and the tabs that join it
//! to the access log.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use pamong_domain::logs::{ExportFilter, ExportKind, ExportRow};

use crate::api::oversight::export_log;
use crate::app::{ErrorPage, Loading, use_abilities};
use crate::components::PageTitle;
use crate::components::list::{CardList, use_list_query};
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The way back from a log page (the office page for the Kabapas, home for the Kanwil) and
/// the tabs between the two logs.
#[component]
pub fn LogTabs() -> impl IntoView {
    let i18n = use_i18n();
    let can = use_abilities();
    let path = use_location().pathname;
    let current = move |href: &'static str| (path.get() == href).then_some("page");
    view! {
        <p class="breadcrumb">
            {move || if can.get().office_caseload {
                view! { <a href="/kantor">"← " {move || t_string!(i18n, nav_office)}</a> }.into_any()
            } else {
                view! { <a href="/">"← " {move || t_string!(i18n, nav_home)}</a> }.into_any()
            }}
        </p>
        <nav class="tabs" aria-label=move || t_string!(i18n, logs_title).to_string()>
            <a class="tabs__tab" href=routes::ACCESS_LOG aria-current=move || current(routes::ACCESS_LOG)>
                {move || t_string!(i18n, access_title)}
            </a>
            <a class="tabs__tab" href=routes::EXPORT_LOG aria-current=move || current(routes::EXPORT_LOG)>
                {move || t_string!(i18n, exports_title)}
            </a>
        </nav>
    }
}

/// The export log page.
#[component]
pub fn ExportLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    let params = use_query_map();
    let kind = Memo::new(move |_| params.with(|p| p.get("jenis").and_then(|k| ExportKind::parse(&k))));
    let rows = Resource::new(move || ExportFilter { list: query.get(), kind: kind.get() }, export_log);
    let kind_label = move |k: ExportKind| match k {
        ExportKind::ClientsCsv => t_string!(i18n, export_kind_csv).to_string(),
        ExportKind::DataSubject => t_string!(i18n, export_kind_subject).to_string(),
    };
    view! {
        <PageTitle text=move || t_string!(i18n, exports_title).to_string() />
        <LogTabs />
        <h1>{move || t_string!(i18n, exports_title)}</h1>
        <p class="muted">{move || t_string!(i18n, exports_intro)}</p>
        <form method="get" action="" class="search" role="search">
            <label class="visually-hidden" for="q">{move || t_string!(i18n, search)}</label>
            <input class="input search__input" id="q" type="search" name="q"
                placeholder=move || t_string!(i18n, exports_search).to_string() value=query.get_untracked().q />
            <label class="visually-hidden" for="jenis">{move || t_string!(i18n, exports_kind)}</label>
            <select class="input" id="jenis" name="jenis">
                <option value="">{move || t_string!(i18n, exports_all_kinds)}</option>
                {ExportKind::ALL.iter().map(|k| {
                    let k = *k;
                    view! { <option value=k.as_str() selected=move || kind.get() == Some(k)>{move || kind_label(k)}</option> }
                }).collect_view()}
            </select>
            <button class="button button--secondary" type="submit">{move || t_string!(i18n, search)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) => view! {
                        <CardList page=page testid="export-log" empty=move || t_string!(i18n, exports_empty).to_string()
                            row=move |r: ExportRow| {
                                let at = text::abh::instant(r.at, r.zone);
                                let n = r.rows;
                                view! {
                                    <li class="card access">
                                        <p><strong>{kind_label(r.kind)}</strong> " · " {r.user.clone()}</p>
                                        <p>{r.filter.clone()} " · " {move || t_string!(i18n, exports_rows, n = n)}</p>
                                        <p class="muted">{at}</p>
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
