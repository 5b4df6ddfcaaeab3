//! `/klien/:id/data`: the data-subject export (UU PDP 27/2022 art. 7) as a readable page, with
//! the same export as a JSON download. Only the Kabapas of the client's office reaches it,
//! and each export is written to the export log.

use leptos::prelude::*;
use pamong_domain::subject::SubjectExport;

use super::use_client_id;
use crate::api::oversight::client_data_export;
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The data-subject export page.
#[component]
pub fn SubjectExportPage() -> impl IntoView {
    let id = use_client_id();
    let data = Resource::new(move || id.get(), |id| async move { client_data_export(id?).await });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(export) => view! { <SubjectView export=export /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SubjectView(export: SubjectExport) -> impl IntoView {
    let i18n = use_i18n();
    let id = export.client_id;
    let title = format!("{} · {}", export.register_number, export.full_name);
    let generated = text::abh::instant(export.generated_at, export.zone);
    let count = export.record_count();
    let json_href = routes::client_data_json(id);
    let file_name = format!("data-{}.json", export.register_number);
    view! {
        <PageTitle text=title.clone() />
        <p class="breadcrumb"><a href=routes::client(id)>"← " {export.full_name.clone()}</a></p>
        <h1>{move || t_string!(i18n, subject_title)}</h1>
        <p class="muted">{title} " · " {export.office.clone()}</p>
        <p>{move || t_string!(i18n, subject_intro)}</p>
        <p class="muted">{move || t_string!(i18n, subject_generated, at = generated.clone(), n = count)}</p>
        <p><a class="button" href=json_href download=file_name data-testid="subject-json">{move || t_string!(i18n, subject_download)}</a></p>
        // One collapsible section per table, the client's own row open: a dossier can run to
        // hundreds of rows, and a phone should not scroll through all of them to find one.
        {export.sections.into_iter().filter(|s| !s.records.is_empty()).enumerate().map(|(i, s)| {
            let n = s.records.len();
            view! {
                <details class="card subject" data-table=s.table.clone() open=i == 0>
                    <summary>{s.table.clone()} " (" {n} ")"</summary>
                    <div class="subject__records">
                        {s.records.into_iter().map(|record| view! {
                            <dl class="subject__record">
                                {record.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! {
                                    <dt>{k}</dt><dd>{v}</dd>
                                }).collect_view()}
                            </dl>
                        }).collect_view()}
                    </div>
                </details>
            }
        }).collect_view()}
    }
}
