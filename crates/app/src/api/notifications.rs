//! The bell: the signed-in user's notifications, and marking them read.

use leptos::prelude::*;
use pamong_domain::notifications::NotificationView;
use pamong_domain::page::{ListQuery, Page};
use uuid::Uuid;

use crate::error::AppError;

/// A page of the user's notifications, newest first.
#[server(endpoint = "notifications/list", input = server_fn::codec::Json)]
pub async fn notifications(query: ListQuery) -> Result<Page<NotificationView>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::notifications::inbox(&ctx.db, &actor, &query).await)
}

/// Marks one notification read (`id`), or all of them (no `id`).
#[server(endpoint = "notifications/read", input = server_fn::codec::PostUrl)]
pub async fn mark_read(#[server(default)] id: Option<Uuid>) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::notifications::mark_read(&ctx.db, &actor, id, ctx.now()).await).map(|_| ())
}
