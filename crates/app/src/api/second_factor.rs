//! Two-factor sign-in: the second step of a sign-in, enrolling an authenticator key, the
//! recovery codes (shown once, through the session), and the account page's controls.
//!
//! A sign-in whose password was right but whose second factor is still to come lives in the
//! session as a [`PendingLogin`](pamong_service::session_store::PendingLogin), never as a
//! login: only the fns here read it, and only for ten minutes.

use leptos::prelude::*;
use pamong_domain::second_factor::{Enrolment, LoginStep, RecoveryCodes, SecondFactorStatus};
use uuid::Uuid;

use crate::error::AppError;

/// The second step of the sign-in in progress, if there is one (for its page).
#[server(endpoint = "auth/pending", input = server_fn::codec::Json)]
pub async fn pending_step() -> Result<Option<LoginStep>, AppError> {
    Ok(pending().await?.map(|p| p.step))
}

/// Checks the code typed at the second step and, when it is right, signs in.
#[server(endpoint = "auth/code", input = server_fn::codec::PostUrl)]
pub async fn second_factor_code(code: String) -> Result<(), AppError> {
    use crate::api::context::{client_ip, fail, server, session};
    let ctx = server()?;
    let Some(signing) = pending().await?.filter(|p| p.step == LoginStep::Code) else {
        return Err(AppError::Kind(pamong_domain::ErrorKind::Unauthenticated));
    };
    let ip = client_ip().await;
    if let Err(e) =
        pamong_service::second_factor::verify(&ctx.db, signing.user_id, &code, ip, ctx.now()).await
    {
        return Err(fail(e).await);
    }
    match crate::api::auth::start_login(&session().await?, signing.user_id).await {
        Ok(()) => Ok(()),
        Err(e) => Err(fail(e).await),
    }
}

/// The key to add to the authenticator app: the signed-in user's, or that of a sign-in
/// whose role must enrol before it goes on.
#[server(endpoint = "auth/enrolment", input = server_fn::codec::Json)]
pub async fn enrolment_key() -> Result<Enrolment, AppError> {
    use crate::api::context::{fail, server, session};
    let ctx = server()?;
    let Some((user_id, _)) = enrolling(&ctx, &session().await?).await? else {
        return Err(AppError::Kind(pamong_domain::ErrorKind::Unauthenticated));
    };
    match pamong_service::second_factor::enrolment(&ctx.db, user_id, ctx.now()).await {
        Ok(found) => Ok(found),
        Err(e) => Err(fail(e).await),
    }
}

/// Confirms the new key with a code from it. The recovery codes wait in the session for
/// their page; a sign-in that was waiting to enrol is signed in.
#[server(endpoint = "auth/enrol", input = server_fn::codec::PostUrl)]
pub async fn confirm_enrolment(code: String) -> Result<(), AppError> {
    use crate::api::context::{client_ip, fail, keep_for_showing, server, session};
    let ctx = server()?;
    let session = session().await?;
    let Some((user_id, signing_in)) = enrolling(&ctx, &session).await? else {
        return Err(AppError::Kind(pamong_domain::ErrorKind::Unauthenticated));
    };
    let ip = client_ip().await;
    let codes = match pamong_service::second_factor::confirm(&ctx.db, user_id, &code, ip, ctx.now()).await {
        Ok(codes) => codes,
        Err(e) => return Err(fail(e).await),
    };
    if signing_in && let Err(e) = crate::api::auth::start_login(&session, user_id).await {
        return Err(fail(e).await);
    }
    if let Some(owner) = owner_of(&ctx, user_id).await {
        keep_for_showing(FRESH_CODES_KEY, owner, codes).await;
    }
    Ok(())
}

/// The signed-in user's two-factor sign-in, for the account page.
#[server(endpoint = "auth/second-factor", input = server_fn::codec::Json)]
pub async fn my_second_factor() -> Result<SecondFactorStatus, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::second_factor::status(&ctx.db, &actor).await)
}

/// The recovery codes just made for the signed-in user, this once.
#[server(endpoint = "auth/recovery-codes", input = server_fn::codec::Json)]
pub async fn fresh_recovery_codes() -> Result<RecoveryCodes, AppError> {
    use crate::api::context::{actor, shown_once};
    let (_, actor) = actor().await?;
    Ok(shown_once(FRESH_CODES_KEY, actor.public_id).await?.unwrap_or_default())
}

/// New recovery codes for the signed-in user (the old ones stop working); shown once.
#[server(endpoint = "auth/recovery-codes/renew", input = server_fn::codec::PostUrl)]
pub async fn renew_recovery_codes() -> Result<(), AppError> {
    use crate::api::context::{actor, keep_for_showing, lift};
    let (ctx, actor) = actor().await?;
    let codes =
        lift(&actor, pamong_service::second_factor::renew_recovery_codes(&ctx.db, &actor, ctx.now()).await)?;
    keep_for_showing(FRESH_CODES_KEY, actor.public_id, codes).await;
    Ok(())
}

/// Turns the signed-in user's second factor off (a role that must keep it is refused).
#[server(endpoint = "auth/second-factor/off", input = server_fn::codec::PostUrl)]
pub async fn turn_off_second_factor() -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::second_factor::turn_off(&ctx.db, &actor, ctx.now()).await)
}

/// Removes the second factor of a user the admin (or their Kabapas) manages: a lost phone.
#[server(endpoint = "users/reset-second-factor", input = server_fn::codec::PostUrl)]
pub async fn reset_second_factor(id: Uuid) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::second_factor::reset(&ctx.db, &actor, id, ctx.now()).await)
}

#[cfg(feature = "ssr")]
use pamong_service::session_store::{FRESH_CODES_KEY, PendingLogin};

/// The session's sign-in waiting for its second step, unless it has waited too long.
#[cfg(feature = "ssr")]
async fn pending() -> Result<Option<PendingLogin>, AppError> {
    let session = crate::api::context::session().await?;
    Ok(pending_of(&session).await)
}

#[cfg(feature = "ssr")]
async fn pending_of(session: &tower_sessions::Session) -> Option<PendingLogin> {
    use pamong_service::session_store::{PENDING_KEY, PENDING_SECS};
    let found: PendingLogin = session.get(PENDING_KEY).await.ok().flatten()?;
    // The session machinery's clock, like the login's own timeouts.
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    (now - found.at <= PENDING_SECS).then_some(found)
}

/// Whose key is being enrolled on `session`: the signed-in user's (`false`), or that of a
/// sign-in waiting to enrol (`true`). For the QR image's handler too, which has the session
/// but no Leptos context.
#[cfg(feature = "ssr")]
pub async fn enrolling(
    ctx: &crate::api::context::ServerContext,
    session: &tower_sessions::Session,
) -> Result<Option<(i32, bool)>, AppError> {
    if let Some(actor) = crate::api::context::signed_in_with(ctx, session).await? {
        return Ok(actor.user_id.map(|id| (id.get(), false)));
    }
    Ok(pending_of(session).await.filter(|p| p.step == LoginStep::Enrol).map(|p| (p.user_id, true)))
}

/// The public id of `user_id`, whose page shows the recovery codes.
#[cfg(feature = "ssr")]
async fn owner_of(ctx: &crate::api::context::ServerContext, user_id: i32) -> Option<Uuid> {
    pamong_service::auth::actor_for(&ctx.db, user_id).await.ok().flatten().map(|a| a.public_id)
}
