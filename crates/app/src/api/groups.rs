//! Kelayan Binter groups: the server fns behind the group list and page, forming a group,
//! members, meetings, action items and putting a client under a group's attention.

use leptos::prelude::*;
use pamong_domain::caseload::PersonRef;
use pamong_domain::groups::{ActionView, GroupForm, GroupRow, GroupView, MeetingForm, MemberForm};
use uuid::Uuid;

use crate::error::AppError;

/// The groups the user may see.
#[server(endpoint = "groups/list", input = server_fn::codec::Json)]
pub async fn list_groups() -> Result<Vec<GroupRow>, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, groups};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        groups::list(&ctx.db, &actor, today).await
    }
    .await;
    lift(&actor, result)
}

/// The groups the user may see as a file (`format`); export-logged. A GET, so the list's
/// links download.
#[server(endpoint = "groups/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_groups(
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_service::{clients, groups};
    crate::api::context::table_download(format, |x, format| async move {
        let today = clients::today_for(&x.ctx.db, &x.actor, x.now).await?;
        let rows = groups::for_download(&x.ctx.db, &x.actor, format, today, x.now).await?;
        crate::documents::groups_table(&rows, format)
    })
    .await
}

/// A group's page.
#[server(endpoint = "groups/get", input = server_fn::codec::Json)]
pub async fn load_group(id: Uuid) -> Result<GroupView, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, groups};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        groups::get(&ctx.db, &actor, id, today).await
    }
    .await;
    lift(&actor, result)
}

/// The coordinators a Kabapas may give a new group.
#[server(endpoint = "groups/coordinators", input = server_fn::codec::Json)]
pub async fn group_coordinators() -> Result<Vec<PersonRef>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::groups::coordinators(&ctx.db, &actor).await)
}

/// Forms a group.
#[server(endpoint = "groups/create", input = server_fn::codec::PostUrl)]
pub async fn create_group(form: GroupForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::groups::create(&ctx.db, &actor, &form, now).await)
}

/// Adds a member.
#[server(endpoint = "groups/member", input = server_fn::codec::PostUrl)]
pub async fn add_group_member(id: Uuid, form: MemberForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, groups};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        groups::add_member(&ctx.db, &actor, id, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Records a meeting with attendance and action items.
#[server(endpoint = "groups/meeting", input = server_fn::codec::PostUrl)]
pub async fn record_group_meeting(id: Uuid, form: MeetingForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, groups};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        groups::record_meeting(&ctx.db, &actor, id, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Marks an action item done.
#[server(endpoint = "groups/action-done", input = server_fn::codec::PostUrl)]
pub async fn complete_group_action(id: Uuid) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, groups};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        groups::complete_action(&ctx.db, &actor, id, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Open action items of the coordinator's groups, overdue first.
#[server(endpoint = "groups/open-actions", input = server_fn::codec::Json)]
pub async fn open_group_actions() -> Result<Vec<ActionView>, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, groups};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        groups::open_actions(&ctx.db, &actor, today).await
    }
    .await;
    lift(&actor, result)
}

/// Puts a client under a group's attention.
///
/// `group` is the group's id as the form's drop-down posts it (empty when none was chosen).
#[server(endpoint = "groups/watch", input = server_fn::codec::PostUrl)]
pub async fn watch_client(group: String, client: Uuid, watch_reason: String) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, groups};
    let group = Uuid::parse_str(group.trim()).map_err(|_| {
        AppError::Kind(pamong_domain::ErrorKind::field("group", pamong_domain::Problem::Required))
    })?;
    let reason = watch_reason;
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        groups::watch_client(&ctx.db, &actor, group, client, &reason, today, now).await
    }
    .await;
    lift(&actor, result)
}
