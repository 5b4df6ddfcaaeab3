//! The Kabapas's spreadsheet import of clients: `/kantor/impor` (the template, the upload
//! form, the recent imports) and `/kantor/impor/:id` (the preview with every refused row and
//! why, the button that imports the good rows, the progress, the report).
//!
//! Everything works without the wasm: the upload is a multipart form the server takes, the
//! import button a plain form post, and a running import's page reloads itself every two
//! seconds until it is done.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};
use pamong_domain::FieldErrors;
use pamong_domain::import::{ImportStatus, ImportSummary, ImportView};
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::imports::{ImportReport, ImportTemplate, StartImport, import_page, recent_imports};
use crate::app::{ErrorPage, Loading};
use crate::components::list::{Pagination, use_list_query};
use crate::components::{DownloadLinks, ErrorBanner, PageTitle, PostForm};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;
use crate::text;

/// `/kantor/impor`.
#[component]
pub fn ImportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let recent = Resource::new(|| (), |_| recent_imports());
    let refusal = use_query_map().with_untracked(routes::import_refusal);
    view! {
        <PageTitle text=move || t_string!(i18n, import_title).to_string() />
        <div class="page-head">
            <h1>{move || t_string!(i18n, import_title)}</h1>
            <a class="button button--secondary" href=routes::OFFICE>{move || t_string!(i18n, office_title)}</a>
        </div>
        <section class="card">
            <p>{move || t_string!(i18n, import_intro)}</p>
            <p class="muted">{move || t_string!(i18n, import_hints)}</p>
            <div data-testid="import-template">
                <DownloadLinks path=ImportTemplate::PATH query=String::new() stem="templat-impor-klien" />
            </div>
            {refusal.map(|problem| view! {
                <p class="banner banner--error" role="alert" data-testid="import-refused">
                    {move || text::import::file_problem(i18n, &problem)}
                </p>
            })}
            <form class="form" method="post" action=routes::IMPORT_UPLOAD enctype="multipart/form-data" data-testid="import-upload">
                <div class="field">
                    <label class="field__label" for="import-file">{move || t_string!(i18n, import_file_label)}</label>
                    <input class="input" id="import-file" type="file" name="file" required
                        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
                </div>
                <div class="form__actions">
                    <button class="button" type="submit">{move || t_string!(i18n, import_upload)}</button>
                </div>
            </form>
        </section>
        <h2>{move || t_string!(i18n, import_recent)}</h2>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match recent.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(list) => view! { <Recent list=list /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Recent(list: Vec<ImportSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="muted">{move || t_string!(i18n, import_none)}</p> }.into_any();
    }
    view! {
        <table class="table" data-testid="import-list">
            <thead>
                <tr>
                    <th>{move || t_string!(i18n, import_file)}</th>
                    <th>{move || t_string!(i18n, import_uploaded)}</th>
                    <th>{move || t_string!(i18n, import_status)}</th>
                    <th class="num">{move || t_string!(i18n, import_rows_col)}</th>
                    <th class="num">{move || t_string!(i18n, import_imported_col)}</th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|i| view! {
                    <tr>
                        <td data-label=move || t_string!(i18n, import_file).to_string()><a href=routes::import(i.id)>{i.file_name}</a></td>
                        <td data-label=move || t_string!(i18n, import_uploaded).to_string()>{text::date(i.uploaded_on)}</td>
                        <td data-label=move || t_string!(i18n, import_status).to_string()>{move || text::import::status(i18n, i.status)}</td>
                        <td class="num" data-label=move || t_string!(i18n, import_rows_col).to_string()>{i.rows}</td>
                        <td class="num" data-label=move || t_string!(i18n, import_imported_col).to_string()>{i.imported}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// `/kantor/impor/:id`.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| Uuid::parse_str(&s).ok());
    let query = use_list_query();
    let data = Resource::new(
        move || (id(), query.get()),
        |(id, list)| async move {
            match id {
                Some(id) => import_page(id, list).await,
                None => Err(AppError::Kind(pamong_domain::ErrorKind::NotFound)),
            }
        },
    );
    view! {
        <PageTitle text=move || t_string!(i18n, import_title).to_string() />
        <div class="page-head">
            <h1>{move || t_string!(i18n, import_title)}</h1>
            <a class="button button--secondary" href=routes::IMPORTS>{move || t_string!(i18n, import_back)}</a>
        </div>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(view) => view! { <Import view=view /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Import(view: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let ImportView {
        id,
        file_name,
        uploaded_by,
        uploaded_on,
        status,
        rows,
        good,
        imported,
        progress,
        ignored_columns,
        problems,
        can_start,
    } = view;
    let bad = problems.total;
    let failure = RwSignal::new(None::<AppError>);
    let page = routes::import(id);
    let report_query = format!("id={id}");
    view! {
        <section class="card" data-testid="import-summary" data-status=status.as_str()>
            <p><strong>{file_name}</strong> " · " {uploaded_by} " · " {text::date(uploaded_on)}</p>
            <p class="badge">{move || text::import::status(i18n, status)}</p>
            <p>{move || t_string!(i18n, import_summary, rows = rows, good = good, bad = bad)}</p>
            {(!ignored_columns.is_empty()).then(|| {
                let list = ignored_columns.join(", ");
                view! { <p class="muted">{move || t_string!(i18n, import_ignored, list = list.clone())}</p> }
            })}
            {match status {
                ImportStatus::Running => view! {
                    // Reloads until the import is over: works without the wasm.
                    <Meta http_equiv="refresh" content="2" />
                    <div data-testid="import-progress" aria-live="polite">
                        {match progress {
                            Some(done) => view! {
                                <progress class="meter" max=good.to_string() value=done.to_string()></progress>
                                <p>{move || t_string!(i18n, import_progress, done = done, total = good)}</p>
                            }.into_any(),
                            None => view! { <p>{move || t_string!(i18n, import_progress_unknown)}</p> }.into_any(),
                        }}
                    </div>
                }.into_any(),
                ImportStatus::Done => view! {
                    <p class="banner banner--success" data-testid="import-done">{move || t_string!(i18n, import_done_summary, imported = imported)}</p>
                }.into_any(),
                ImportStatus::Failed => view! {
                    <p class="banner banner--error" data-testid="import-failed">{move || t_string!(i18n, import_failed_hint)}</p>
                }.into_any(),
                ImportStatus::Preview => ().into_any(),
            }}
            {can_start.then(|| view! {
                <PostForm to=StartImport::PATH next=page.clone() hidden=vec![("id", id.to_string())] scope=None
                    errors=RwSignal::new(FieldErrors::new()) failure=failure class="form" testid="import-start">
                    <ErrorBanner error=failure />
                    <p class="muted">{move || t_string!(i18n, import_start_hint)}</p>
                    <div class="form__actions">
                        <button class="button" type="submit">{move || t_string!(i18n, import_start, good = good)}</button>
                    </div>
                </PostForm>
            })}
            <h2>{move || t_string!(i18n, import_report)}</h2>
            <div data-testid="import-report">
                <DownloadLinks path=ImportReport::PATH query=report_query stem="laporan-impor" />
            </div>
        </section>
        <Problems problems=problems />
    }
}

#[component]
fn Problems(problems: pamong_domain::page::Page<pamong_domain::import::RowProblem>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if problems.total == 0 {
        return view! { <p class="muted" data-testid="import-no-problems">{move || t_string!(i18n, import_no_problems)}</p> }.into_any();
    }
    let (page, pages, total) = (problems.page, problems.page_count(), problems.total);
    view! {
        <h2>{move || t_string!(i18n, import_problems_title)}</h2>
        <table class="table" data-testid="import-problems">
            <thead>
                <tr>
                    <th class="num">{move || t_string!(i18n, import_row)}</th>
                    <th>{move || t_string!(i18n, import_name)}</th>
                    <th>{move || t_string!(i18n, import_reasons)}</th>
                </tr>
            </thead>
            <tbody>
                {problems.items.into_iter().map(|p| view! {
                    <tr data-testid="import-problem">
                        <td class="num" data-label=move || t_string!(i18n, import_row).to_string()>{p.row}</td>
                        <td data-label=move || t_string!(i18n, import_name).to_string()>{p.name}</td>
                        <td data-label=move || t_string!(i18n, import_reasons).to_string()>{text::import::issues_in(locale, &p.issues)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <Pagination page=page pages=pages total=total />
    }
    .into_any()
}
