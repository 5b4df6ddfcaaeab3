//! What the oversight pages read: the export log, and the data-subject export of a client.

use leptos::prelude::*;
use pamong_domain::logs::{ExportFilter, ExportRow};
use pamong_domain::page::Page;
use pamong_domain::subject::SubjectExport;
use uuid::Uuid;

use crate::error::AppError;

/// The export log the user may read (the Kabapas their office's, the Kanwil the region's).
#[server(endpoint = "logs/exports", input = server_fn::codec::Json)]
pub async fn export_log(filter: ExportFilter) -> Result<Page<ExportRow>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::exports::list(&ctx.db, &actor, &filter).await)
}

/// Everything held about one client (the Kabapas of the client's office). A GET, so that a
/// plain link downloads it as JSON; each call is written to the export log.
#[server(endpoint = "clients/subject", input = server_fn::codec::GetUrl)]
pub async fn client_data_export(id: Uuid) -> Result<SubjectExport, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::clients::subject::export(&ctx.db, &actor, id, now).await)
}
