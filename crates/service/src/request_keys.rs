//! Writes done once, however often they are sent: the idempotency keys of
//! [`pamong_domain::request_key`].
//!
//! A service fn that accepts a key calls [`first_use`] inside its write transaction before
//! writing. The key is inserted with `ON CONFLICT DO NOTHING` on the unique (user, key)
//! index, so of two sends racing each other one inserts and the other finds the row (on
//! PostgreSQL it waits for the first to commit) — the second is answered as done without
//! writing anything. Any later write that an offline outbox may send (a kerja sosial
//! session signed off at a work site) uses the same call.

use pamong_domain::request_key::RequestKey;
use pamong_entity::request_key;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::error::ServiceResult;

/// Whether the write may go ahead: true when it carries no key or a key this user has not
/// used before (the key is then kept, in the caller's transaction); false when it was done.
pub async fn first_use<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    key: Option<&RequestKey>,
    kind: &str,
    now: OffsetDateTime,
) -> ServiceResult<bool> {
    let (Some(key), Some(user)) = (key, actor.user_key()) else { return Ok(true) };
    let row = request_key::ActiveModel {
        user_id: Set(user),
        key: Set(key.as_str().to_owned()),
        kind: Set(kind.to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = request_key::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([request_key::Column::UserId, request_key::Column::Key])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok(inserted == 1)
}
