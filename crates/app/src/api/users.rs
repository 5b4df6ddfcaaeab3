//! Users, and the home page's counts.

use leptos::prelude::*;
use pamong_domain::page::{ListQuery, Page};
use pamong_domain::user::{UserForm, UserView};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// What the home page counts within the user's remit (`None`: not theirs to see).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeSummary {
    /// Active Kanwil.
    pub kanwil: Option<u64>,
    /// Active Bapas.
    pub bapas: Option<u64>,
    /// Active users.
    pub users: Option<u64>,
}

/// A page of users.
#[server(endpoint = "users/list", input = server_fn::codec::Json)]
pub async fn list_users(query: ListQuery) -> Result<Page<UserView>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::users::list(&ctx.db, &actor, &query).await)
}

/// The users as searched (`q`; `nonaktif=1` includes the inactive), as a file (`format`);
/// export-logged. A GET, so the page's links download.
#[server(endpoint = "users/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_users(
    q: Option<String>,
    nonaktif: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        let query = ListQuery {
            q: q.unwrap_or_default(),
            include_inactive: nonaktif.as_deref() == Some("1"),
            ..Default::default()
        };
        let rows = pamong_service::users::for_download(&x.ctx.db, &x.actor, &query, format, x.now).await?;
        crate::documents::users_table(&rows, format)
    })
    .await
}

/// One user.
#[server(endpoint = "users/get", input = server_fn::codec::Json)]
pub async fn get_user(id: Uuid) -> Result<UserView, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::users::get(&ctx.db, &actor, id).await)
}

/// The signed-in user's own account.
#[server(endpoint = "users/me", input = server_fn::codec::Json)]
pub async fn my_profile() -> Result<UserView, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::users::profile(&ctx.db, &actor).await)
}

/// Creates (no id) or edits a user.
#[server(endpoint = "users/save", input = server_fn::codec::PostUrl)]
pub async fn save_user(id: Option<Uuid>, form: UserForm) -> Result<UserView, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::users;
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = match id {
        Some(id) => users::update(&ctx.db, &actor, id, &form, now).await,
        None => users::create(&ctx.db, &actor, &form, now).await,
    };
    lift(&actor, result)
}

/// Sets a new password for a user.
#[server(endpoint = "users/reset-password", input = server_fn::codec::PostUrl)]
pub async fn reset_user_password(id: Uuid, password: String) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::users::reset_password(&ctx.db, &actor, id, &password, now).await)
}

/// Activates or deactivates a user.
#[server(endpoint = "users/active", input = server_fn::codec::PostUrl)]
pub async fn set_user_active(id: Uuid, active: bool) -> Result<UserView, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::users::set_active(&ctx.db, &actor, id, active, now).await)
}

/// Counts for the home page, each only where the policy lets the user read the list.
#[server(endpoint = "home/counts", input = server_fn::codec::Json)]
pub async fn home_counts() -> Result<HomeSummary, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{offices, policy, users};
    let (ctx, actor) = actor().await?;
    let can = policy::abilities(&actor);
    let one = ListQuery { per_page: 1, ..Default::default() };
    let kanwil = if can.manage_offices {
        Some(lift(&actor, offices::list_kanwil(&ctx.db, &actor, &one).await)?.total)
    } else {
        None
    };
    let bapas = if can.bapas_offices {
        Some(lift(&actor, offices::list_bapas(&ctx.db, &actor, &one).await)?.total)
    } else {
        None
    };
    let users =
        if can.users { Some(lift(&actor, users::list(&ctx.db, &actor, &one).await)?.total) } else { None };
    Ok(HomeSummary { kanwil, bapas, users })
}
