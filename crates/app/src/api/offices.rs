//! Kanwil and Bapas offices.

use leptos::prelude::*;
use pamong_domain::office::{BapasForm, BapasView, KanwilForm, KanwilView, OfficeRef};
use pamong_domain::page::{ListQuery, Page};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// Offices to pick from in forms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficePickList {
    /// Active Kanwil in scope.
    pub kanwil: Vec<OfficeRef>,
    /// Active Bapas in scope.
    pub bapas: Vec<OfficeRef>,
}

/// A page of Kanwil.
#[server(endpoint = "kanwil/list", input = server_fn::codec::Json)]
pub async fn list_kanwil(query: ListQuery) -> Result<Page<KanwilView>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::offices::list_kanwil(&ctx.db, &actor, &query).await)
}

/// The Kanwil as searched (`q`, `nonaktif`) as a file (`format`); export-logged. A GET, so
/// the list's links download.
#[server(endpoint = "kanwil/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_kanwil(
    q: Option<String>,
    nonaktif: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        let query = office_query(q, nonaktif);
        let rows =
            pamong_service::offices::kanwil_for_download(&x.ctx.db, &x.actor, &query, format, x.now).await?;
        crate::documents::kanwil_table(&rows, format)
    })
    .await
}

/// The Bapas as searched (`q`, `nonaktif`) as a file (`format`); export-logged.
#[server(endpoint = "bapas/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_bapas(
    q: Option<String>,
    nonaktif: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        let query = office_query(q, nonaktif);
        let rows =
            pamong_service::offices::bapas_for_download(&x.ctx.db, &x.actor, &query, format, x.now).await?;
        crate::documents::bapas_table(&rows, format)
    })
    .await
}

/// An office list's query from a download link's parameters.
#[cfg(feature = "ssr")]
fn office_query(q: Option<String>, nonaktif: Option<String>) -> ListQuery {
    ListQuery {
        q: q.unwrap_or_default(),
        include_inactive: nonaktif.as_deref() == Some("1"),
        ..Default::default()
    }
}

/// One Kanwil.
#[server(endpoint = "kanwil/get", input = server_fn::codec::Json)]
pub async fn get_kanwil(id: Uuid) -> Result<KanwilView, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::offices::get_kanwil(&ctx.db, &actor, id).await)
}

/// Creates (no id) or edits a Kanwil.
#[server(endpoint = "kanwil/save", input = server_fn::codec::PostUrl)]
pub async fn save_kanwil(id: Option<Uuid>, form: KanwilForm) -> Result<KanwilView, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::offices;
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = match id {
        Some(id) => offices::update_kanwil(&ctx.db, &actor, id, &form, now).await,
        None => offices::create_kanwil(&ctx.db, &actor, &form, now).await,
    };
    lift(&actor, result)
}

/// Activates or deactivates a Kanwil.
#[server(endpoint = "kanwil/active", input = server_fn::codec::PostUrl)]
pub async fn set_kanwil_active(id: Uuid, active: bool) -> Result<KanwilView, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::offices::set_kanwil_active(&ctx.db, &actor, id, active, now).await)
}

/// A page of Bapas.
#[server(endpoint = "bapas/list", input = server_fn::codec::Json)]
pub async fn list_bapas(query: ListQuery) -> Result<Page<BapasView>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::offices::list_bapas(&ctx.db, &actor, &query).await)
}

/// One Bapas.
#[server(endpoint = "bapas/get", input = server_fn::codec::Json)]
pub async fn get_bapas(id: Uuid) -> Result<BapasView, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::offices::get_bapas(&ctx.db, &actor, id).await)
}

/// Creates (no id) or edits a Bapas.
#[server(endpoint = "bapas/save", input = server_fn::codec::PostUrl)]
pub async fn save_bapas(id: Option<Uuid>, form: BapasForm) -> Result<BapasView, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::offices;
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = match id {
        Some(id) => offices::update_bapas(&ctx.db, &actor, id, &form, now).await,
        None => offices::create_bapas(&ctx.db, &actor, &form, now).await,
    };
    lift(&actor, result)
}

/// Activates or deactivates a Bapas.
#[server(endpoint = "bapas/active", input = server_fn::codec::PostUrl)]
pub async fn set_bapas_active(id: Uuid, active: bool) -> Result<BapasView, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::offices::set_bapas_active(&ctx.db, &actor, id, active, now).await)
}

/// Active offices the signed-in user may choose in forms.
#[server(endpoint = "offices/choices", input = server_fn::codec::Json)]
pub async fn office_choices() -> Result<OfficePickList, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let options = lift(&actor, pamong_service::offices::options(&ctx.db, &actor).await)?;
    Ok(OfficePickList { kanwil: options.kanwil, bapas: options.bapas })
}
