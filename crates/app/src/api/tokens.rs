//! The REST API tokens of a user, on their page: the admin issues and revokes them. A new
//! token's secret travels back to the page through the session (never a URL) and is shown
//! once.

use leptos::prelude::*;
use pamong_domain::api_token::{TokenForm, TokenView};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// The session key of a new token's secret waiting to be shown.
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
    let fresh = crate::api::context::shown_once(FRESH_KEY, user).await?;
    Ok(TokensData { tokens, fresh })
}

/// Issues a token to `user`; its secret waits in the session for the page.
#[server(endpoint = "tokens/issue", input = server_fn::codec::PostUrl)]
pub async fn issue_api_token(user: Uuid, form: TokenForm) -> Result<(), AppError> {
    use crate::api::context::{actor, keep_for_showing, lift};
    let (ctx, actor) = actor().await?;
    let issued =
        lift(&actor, pamong_service::api_tokens::issue(&ctx.db, &actor, user, &form, ctx.now()).await)?;
    keep_for_showing(FRESH_KEY, user, issued.secret).await;
    Ok(())
}

/// Revokes a token.
#[server(endpoint = "tokens/revoke", input = server_fn::codec::PostUrl)]
pub async fn revoke_api_token(id: Uuid) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::api_tokens::revoke(&ctx.db, &actor, id, ctx.now()).await)
}
