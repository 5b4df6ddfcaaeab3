//! Logging in and out, the signed-in user, and their own password.

use leptos::prelude::*;
use pamong_domain::user::{CurrentUser, PasswordChange};

use crate::error::AppError;

/// Checks the credentials and starts a session with a fresh id.
#[server(endpoint = "auth/login", input = server_fn::codec::Json)]
pub async fn login(username: String, password: String) -> Result<(), AppError> {
    use crate::api::context::{fail, server, session};
    use pamong_service::session_store::{AUTH_KEY, AuthData};

    let ctx = server()?;

    let now = ctx.now();
    let ip = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|info| info.0.ip().to_string());
    let user_id = match pamong_service::auth::login(&ctx.db, &username, &password, ip, now).await {
        Ok(id) => id,
        Err(e) => return Err(fail(e).await),
    };
    let session = session().await?;
    // A new id at login: a session id planted before login is worthless after it.
    let internal = |_| AppError::Kind(pamong_domain::ErrorKind::Internal { request_id: None });
    session.cycle_id().await.map_err(internal)?;
    let auth = AuthData { user_id, login_at: time::OffsetDateTime::now_utc().unix_timestamp() };
    session.insert(AUTH_KEY, auth).await.map_err(internal)?;
    Ok(())
}

/// Ends the session, server side.
#[server(endpoint = "auth/logout", input = server_fn::codec::Json)]
pub async fn logout() -> Result<(), AppError> {
    let session = crate::api::context::session().await?;
    session.flush().await.map_err(|_| AppError::Kind(pamong_domain::ErrorKind::Internal { request_id: None }))
}

/// The signed-in user, or `None`.
#[server(endpoint = "auth/me", input = server_fn::codec::Json)]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    use crate::api::context::{fail, optional_actor};
    let Some((ctx, actor)) = optional_actor().await? else {
        return Ok(None);
    };
    match pamong_service::auth::current_user(&ctx.db, &actor).await {
        Ok(user) => Ok(Some(user)),
        Err(e) => Err(fail(e).await),
    }
}

/// Changes the signed-in user's own password.
#[server(endpoint = "auth/password", input = server_fn::codec::Json)]
pub async fn change_password(change: PasswordChange) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::users::change_own_password(&ctx.db, &actor, &change, now).await)
}
