//! Personal access tokens of the REST API (`/api/v1`).
//!
//! The admin issues a token to a user; the secret (`pmg_` and 64 hex digits) is shown once
//! and only its SHA-256 is kept. A call with the token acts as that user: [`authenticate`]
//! turns the bearer secret into the user's [`Actor`], so every API call goes through the
//! same service fns, policy, masking and audit as the pages. A revoked token, or one whose
//! user is deactivated, is refused. Each token may make a number of calls per
//! [`RATE_WINDOW_SECS`] (the server's setting, [`DEFAULT_RATE_LIMIT`] unless changed); the window is counted on the token's row, so several servers of one
//! database share it.

use pamong_domain::ErrorKind;
use pamong_domain::api_token::{IssuedToken, TokenForm, TokenView};
use pamong_entity::{api_token, user};
use rand::RngCore;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;
use crate::session_store::sha256_hex;

/// What every token starts with, so that a leaked one is recognisable (secret scanners).
pub const TOKEN_PREFIX: &str = "pmg_";
/// Calls a token may make per window, unless the server is told otherwise.
pub const DEFAULT_RATE_LIMIT: i32 = 120;
/// The rate limit's window, in seconds.
pub const RATE_WINDOW_SECS: i64 = 60;

fn view(row: &api_token::Model) -> TokenView {
    TokenView {
        id: row.public_id,
        name: row.name.clone(),
        prefix: row.prefix.clone(),
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        revoked: row.revoked_at.is_some(),
    }
}

/// The user a token is issued to, if the actor may issue tokens at all.
async fn target_user(db: &DatabaseConnection, actor: &Actor, user: Uuid) -> ServiceResult<user::Model> {
    if !policy::can_issue_api_tokens(actor) {
        return Err(ServiceError::not_found());
    }
    user::Entity::find()
        .filter(user::Column::PublicId.eq(user))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)
}

/// A new secret: the prefix and 32 random bytes in hex.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{TOKEN_PREFIX}{hex}")
}

/// Issues a token to `user`; its secret is in the answer and nowhere else.
pub async fn issue(
    db: &DatabaseConnection,
    actor: &Actor,
    user: Uuid,
    form: &TokenForm,
    now: OffsetDateTime,
) -> ServiceResult<IssuedToken> {
    let target = target_user(db, actor, user).await?;
    let name = form.parse()?;
    if !target.active {
        return Err(ErrorKind::Conflict.into());
    }
    let secret = new_secret();
    let txn = begin_write(db).await?;
    let row = api_token::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        user_id: Set(target.id),
        name: Set(name.clone()),
        token_hash: Set(sha256_hex(secret.as_bytes())),
        prefix: Set(secret.chars().take(10).collect()),
        created_by: Set(actor.user_key()),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        window_start: Set(0),
        window_count: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::new().set("user", &target.username).text("name", &name);
    audit::record(&txn, actor, now, "issue", "api_token", &row.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(IssuedToken { token: view(&row), secret })
}

/// A user's tokens, newest first.
pub async fn list(db: &DatabaseConnection, actor: &Actor, user: Uuid) -> ServiceResult<Vec<TokenView>> {
    let target = target_user(db, actor, user).await?;
    let rows = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(target.id))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(view).collect())
}

/// Revokes a token: every call with it is refused from now on.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    token: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    if !policy::can_issue_api_tokens(actor) {
        return Err(ServiceError::not_found());
    }
    let txn = begin_write(db).await?;
    let revoked = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .filter(api_token::Column::PublicId.eq(token))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if revoked.rows_affected == 0 {
        return Err(ServiceError::not_found());
    }
    audit::record(&txn, actor, now, "revoke", "api_token", &token.to_string(), &Changes::new()).await?;
    txn.commit().await?;
    Ok(())
}

/// The actor a bearer secret acts as, counting the call against the token's `limit` of calls
/// per window. Refused as unauthenticated (unknown, revoked, or its user deactivated) or
/// rate-limited.
pub async fn authenticate(
    db: &DatabaseConnection,
    secret: &str,
    limit: i32,
    now: OffsetDateTime,
) -> ServiceResult<Actor> {
    // Anything that cannot be a token is refused before a query.
    let plausible = secret.len() == TOKEN_PREFIX.len() + 64
        && secret.starts_with(TOKEN_PREFIX)
        && secret[TOKEN_PREFIX.len()..].bytes().all(|b| b.is_ascii_hexdigit());
    if !plausible {
        return Err(ErrorKind::Unauthenticated.into());
    }
    let token = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(sha256_hex(secret.as_bytes())))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .ok_or(ErrorKind::Unauthenticated)?;
    let Some(actor) = crate::auth::actor_for(db, token.user_id).await? else {
        return Err(ErrorKind::Unauthenticated.into());
    };
    count_call(db, &token, limit, now).await?;
    Ok(actor)
}

/// Counts a call in the token's current window, or refuses it when the window is full. Each
/// step is one conditional update, so two servers counting at once never both pass the
/// limit.
async fn count_call(
    db: &DatabaseConnection,
    token: &api_token::Model,
    limit: i32,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let window = now.unix_timestamp() - now.unix_timestamp().rem_euclid(RATE_WINDOW_SECS);
    let counted = api_token::Entity::update_many()
        .col_expr(api_token::Column::WindowCount, Expr::col(api_token::Column::WindowCount).add(1))
        .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(token.id))
        .filter(api_token::Column::WindowStart.eq(window))
        .filter(api_token::Column::WindowCount.lt(limit))
        .exec(db)
        .await?;
    if counted.rows_affected == 1 {
        return Ok(());
    }
    let opened = api_token::Entity::update_many()
        .col_expr(api_token::Column::WindowStart, Expr::value(window))
        .col_expr(api_token::Column::WindowCount, Expr::value(1))
        .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(token.id))
        .filter(api_token::Column::WindowStart.ne(window))
        .exec(db)
        .await?;
    if opened.rows_affected == 1 {
        return Ok(());
    }
    let left = u64::try_from(window + RATE_WINDOW_SECS - now.unix_timestamp()).unwrap_or(1);
    let retry_after_secs = Ord::max(left, 1);
    Err(ErrorKind::RateLimited { retry_after_secs }.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_the_prefix_and_64_hex_digits() {
        let secret = new_secret();
        assert!(secret.starts_with(TOKEN_PREFIX));
        assert_eq!(secret.len(), TOKEN_PREFIX.len() + 64);
        assert_ne!(secret, new_secret());
    }
}
