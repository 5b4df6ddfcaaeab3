//! The REST API tokens of a user, on their page: the admin issues and revokes them. A new
//! token's secret travels back to the page through the session (never a URL) and is shown
//! once.

use leptos::prelude::*;
use pamong_domain::api_token::{TokenForm, TokenView};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// The session key of a secret waiting to be shown: the user it was issued to, and it.
#[cfg(feature = "ssr")]
const FRESH_KEY: &str = "api_token_fresh";

/// A user's tokens, and the secret of the one just issued (shown this once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokensData {
    /// Newest first.
    pub tokens: Vec<TokenView>,
    /// The secret just issued to this user, if any.
    pub fresh: Option<String>,
}

/// The tokens of `user`.
#[server(endpoint = "tokens/list", input = server_fn::codec::Json)]
pub async fn api_tokens(user: Uuid) -> Result<TokensData, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let tokens = lift(&actor, pamong_service::api_tokens::list(&ctx.db, &actor, user).await)?;
    Ok(TokensData { tokens, fresh: take_fresh(user).await? })
}

/// A secret waiting in the session: the user it was issued to, itself, and the request that
/// first showed it.
#[cfg(feature = "ssr")]
#[derive(Serialize, Deserialize)]
struct Fresh {
    user: Uuid,
    secret: String,
    shown_in: Option<String>,
}

/// The secret issued to `user`, for the request that shows it. A page may read it more than
/// once while it renders, so it is kept for the rest of that request (by its id) and dropped
/// by the next request that reads it: a reload does not show it again.
#[cfg(feature = "ssr")]
async fn take_fresh(user: Uuid) -> Result<Option<String>, AppError> {
    use crate::api::context::{request_id, session};
    let session = session().await?;
    let Some(mut fresh) = session.get::<Fresh>(FRESH_KEY).await.ok().flatten() else { return Ok(None) };
    if fresh.user != user {
        return Ok(None);
    }
    let this = request_id().await;
    match &fresh.shown_in {
        None => {
            fresh.shown_in = this;
            let secret = fresh.secret.clone();
            let _ = session.insert(FRESH_KEY, fresh).await;
            Ok(Some(secret))
        }
        Some(shown) if this.as_ref() == Some(shown) => Ok(Some(fresh.secret)),
        Some(_) => {
            let _ = session.remove::<Fresh>(FRESH_KEY).await;
            Ok(None)
        }
    }
}

/// Issues a token to `user`; its secret waits in the session for the page.
#[server(endpoint = "tokens/issue", input = server_fn::codec::PostUrl)]
pub async fn issue_api_token(user: Uuid, form: TokenForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift, session};
    let (ctx, actor) = actor().await?;
    let issued =
        lift(&actor, pamong_service::api_tokens::issue(&ctx.db, &actor, user, &form, ctx.now()).await)?;
    let fresh = Fresh { user, secret: issued.secret, shown_in: None };
    if let Err(e) = session().await?.insert(FRESH_KEY, fresh).await {
        tracing::error!(error = %e, "could not keep the new token for its page");
    }
    Ok(())
}

/// Revokes a token.
#[server(endpoint = "tokens/revoke", input = server_fn::codec::PostUrl)]
pub async fn revoke_api_token(id: Uuid) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::api_tokens::revoke(&ctx.db, &actor, id, ctx.now()).await)
}
