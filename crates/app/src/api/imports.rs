//! Spreadsheet imports of clients: the Kabapas's imports page, one import's preview and
//! progress, starting it, and the files (the template, the report). The upload itself is a
//! multipart post the server takes (`pamong_server::import_upload`), since a file does not
//! fit a server fn's form body.

use leptos::prelude::*;
use pamong_domain::import::{ImportSummary, ImportView};
use pamong_domain::page::ListQuery;
use uuid::Uuid;

use crate::error::AppError;

/// The office's recent imports.
#[server(endpoint = "imports/recent", input = server_fn::codec::Json)]
pub async fn recent_imports() -> Result<Vec<ImportSummary>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::clients::import::recent(&ctx.db, &actor).await)
}

/// One import, with a page of its refused rows.
#[server(endpoint = "imports/get", input = server_fn::codec::Json)]
pub async fn import_page(id: Uuid, list: ListQuery) -> Result<ImportView, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::clients::import::view(&ctx.db, &actor, id, &list).await)
}

/// Starts writing an import's good rows; the page then shows its progress. The writing runs
/// on a task of its own, so this answers at once.
#[server(endpoint = "imports/start")]
pub async fn start_import(id: Uuid) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let started = lift(&actor, pamong_service::clients::import::start(&ctx.db, &actor, id, ctx.now()).await)?;
    // The outcome is kept on the import's row (done, or failed with nothing written).
    tokio::spawn(async move {
        let _ = started.run().await;
    });
    Ok(())
}

/// The import's report: every row with what became of it. A GET with `id` and `format`.
#[server(endpoint = "imports/report", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn import_report(
    id: Uuid,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        let describe = |issues: &[pamong_domain::import::RowIssue]| {
            crate::text::import::issues_in(crate::i18n::Locale::id, issues)
        };
        pamong_service::clients::import::report(&x.ctx.db, &x.actor, id, format, x.now, &describe).await
    })
    .await
}

/// The template to fill in. A GET with `format`.
#[server(endpoint = "imports/template", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn import_template(
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        pamong_service::clients::import::template(&x.actor, format)
    })
    .await
}
