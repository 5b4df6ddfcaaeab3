//! Recovery codes: ten one-time codes a user writes down at enrolment, for the day their
//! phone is lost. Only each code's SHA-256 is kept; using one marks it used with a
//! conditional update, so two sign-ins racing with the same code cannot both pass.

use pamong_domain::second_factor::{
    RECOVERY_ALPHABET, RECOVERY_CODES, RECOVERY_LEN, RecoveryCodes, display_recovery,
};
use pamong_entity::recovery_code;
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use time::OffsetDateTime;

use crate::error::ServiceResult;
use crate::session_store::sha256_hex;

/// A new code, normalised (no dash).
fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_LEN)
        .map(|_| char::from(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())]))
        .collect()
}

/// Replaces the user's codes with fresh ones (on `conn`: the caller's transaction) and
/// answers them for showing once.
pub(super) async fn replace<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    now: OffsetDateTime,
) -> ServiceResult<RecoveryCodes> {
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(conn).await?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_code()).collect();
    let rows = codes.iter().map(|code| recovery_code::ActiveModel {
        user_id: Set(user_id),
        code_hash: Set(sha256_hex(code.as_bytes())),
        created_at: Set(now),
        used_at: Set(None),
        ..Default::default()
    });
    recovery_code::Entity::insert_many(rows).exec(conn).await?;
    Ok(RecoveryCodes(codes.iter().map(|c| display_recovery(c)).collect()))
}

/// Marks `code` (normalised) used if it is one of the user's unused codes.
pub(super) async fn spend<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    code: &str,
    now: OffsetDateTime,
) -> ServiceResult<bool> {
    let spent = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(sha256_hex(code.as_bytes())))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(spent.rows_affected == 1)
}

/// How many of the user's codes are unused.
pub(super) async fn left<C: ConnectionTrait>(conn: &C, user_id: i32) -> ServiceResult<u32> {
    let count = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(conn)
        .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Removes the user's codes (the second factor turned off or reset).
pub(super) async fn remove<C: ConnectionTrait>(conn: &C, user_id: i32) -> ServiceResult<()> {
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(conn).await?;
    Ok(())
}
