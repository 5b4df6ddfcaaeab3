//! Logging in and out, the signed-in user, and their own password.

use leptos::prelude::*;
use pamong_domain::second_factor::LoginStep;
use pamong_domain::user::{CurrentUser, PasswordChange};

use crate::error::AppError;

/// Checks the credentials and, when no second factor follows, starts a session with a fresh
/// id. Answers what comes next: signed in, or the second step ([`LoginStep`]).
#[server(endpoint = "auth/login", input = server_fn::codec::Json)]
pub async fn login(username: String, password: String) -> Result<LoginStep, AppError> {
    use crate::api::context::{client_ip, fail, server, session};
    let ctx = server()?;
    let session = session().await?;
    let ip = client_ip().await;
    match sign_in(&ctx, &session, &username, &password, ip).await {
        Ok(step) => Ok(step),
        Err(e) => Err(fail(e).await),
    }
}

/// Checks `username`'s password on `session`: the one login both the login server fn and
/// the plain form post (`POST /masuk`) go through. A user without a second factor is signed
/// in; otherwise the session remembers the half-done sign-in for the second step, and holds
/// no login until that step is passed.
#[cfg(feature = "ssr")]
pub async fn sign_in(
    ctx: &crate::api::context::ServerContext,
    session: &tower_sessions::Session,
    username: &str,
    password: &str,
    ip: Option<String>,
) -> Result<LoginStep, pamong_service::ServiceError> {
    use pamong_service::session_store::{PENDING_KEY, PendingLogin};
    let user_id = pamong_service::auth::login(&ctx.db, username, password, ip, ctx.now()).await?;
    let step = pamong_service::second_factor::after_password(&ctx.db, user_id).await?;
    if step == LoginStep::SignedIn {
        start_login(session, user_id).await?;
    } else {
        session.cycle_id().await.map_err(session_failed)?;
        let at = time::OffsetDateTime::now_utc().unix_timestamp();
        session.insert(PENDING_KEY, PendingLogin { user_id, at, step }).await.map_err(session_failed)?;
    }
    Ok(step)
}

/// Signs `user_id` in on `session`, under a new id: a session id planted before login is
/// worthless after it.
#[cfg(feature = "ssr")]
pub async fn start_login(
    session: &tower_sessions::Session,
    user_id: i32,
) -> Result<(), pamong_service::ServiceError> {
    use pamong_service::session_store::{AUTH_KEY, AuthData, PENDING_KEY};
    session.cycle_id().await.map_err(session_failed)?;
    session.remove_value(PENDING_KEY).await.map_err(session_failed)?;
    // The session machinery's clock (the system's), like the absolute-timeout check.
    let auth = AuthData { user_id, login_at: time::OffsetDateTime::now_utc().unix_timestamp() };
    session.insert(AUTH_KEY, auth).await.map_err(session_failed)
}

#[cfg(feature = "ssr")]
fn session_failed(e: tower_sessions::session::Error) -> pamong_service::ServiceError {
    pamong_service::ServiceError::Internal(format!("session: {e}"))
}

/// Ends the session, server side.
#[server(endpoint = "auth/logout", input = server_fn::codec::PostUrl)]
pub async fn logout() -> Result<(), AppError> {
    let session = crate::api::context::session().await?;
    session.flush().await.map_err(|_| AppError::Kind(pamong_domain::ErrorKind::Internal { request_id: None }))
}

/// Chooses the language pages are rendered in: `en`, anything else Bahasa Indonesia. Kept a
/// year in the cookie the translations read, so it holds before and after signing in.
#[server(endpoint = "language", input = server_fn::codec::PostUrl)]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    let code = if lang == "en" { "en" } else { "id" };
    let cookie = format!("i18n_pref_locale={code}; Path=/; Max-Age=31536000; SameSite=Lax");
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&cookie))
    {
        response.insert_header(http::header::SET_COOKIE, value);
    }
    Ok(())
}

/// The signed-in user, or `None`.
#[server(endpoint = "auth/me", input = server_fn::codec::Json)]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    use crate::api::context::{fail, optional_actor};
    let Some((ctx, actor)) = optional_actor().await? else {
        return Ok(None);
    };
    match pamong_service::auth::current_user(&ctx.db, &actor).await {
        Ok(mut user) => {
            user.session_ends = crate::api::context::session_ends(&ctx).await;
            Ok(Some(user))
        }
        Err(e) => Err(fail(e).await),
    }
}

/// Changes the signed-in user's own password. Every session of the user ends; this one
/// carries on under a new id.
#[server(endpoint = "auth/password", input = server_fn::codec::PostUrl)]
// The argument is named `password` so a refused plain post never writes it back into the page
// (`Posted::keeps`).
pub async fn change_password(password: PasswordChange) -> Result<(), AppError> {
    use crate::api::context::{actor, client_ip, lift, session};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let ip = client_ip().await;
    lift(&actor, pamong_service::users::change_own_password(&ctx.db, &actor, &password, ip, now).await)?;
    let internal = |_| AppError::Kind(pamong_domain::ErrorKind::Internal { request_id: None });
    session().await?.cycle_id().await.map_err(internal)
}
