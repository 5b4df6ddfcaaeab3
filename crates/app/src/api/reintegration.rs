//! Reintegration: the server fn behind the needs checklist on the client's page.

use leptos::prelude::*;
use pamong_domain::reintegration::checklist::ChecklistForm;
use uuid::Uuid;

use crate::error::AppError;

/// Marks the client's checklist items (those posted empty stay as they are).
#[server(endpoint = "reintegration/needs", input = server_fn::codec::PostUrl)]
pub async fn mark_needs(client: Uuid, form: ChecklistForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::checklist};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        checklist::mark(&ctx.db, &actor, client, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// The needs map of an office (the viewer's own, or one of their region's or the country's).
#[server(endpoint = "reintegration/needs-map", input = server_fn::codec::GetUrl)]
pub async fn needs_map(
    office: Option<Uuid>,
) -> Result<pamong_domain::reintegration::needs_map::OfficeNeeds, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        reintegration::needs_map::of_office(&ctx.db, &actor, office, today).await
    }
    .await;
    lift(&actor, result)
}
