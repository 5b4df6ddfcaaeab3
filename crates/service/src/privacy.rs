//! Children's identities (SPPA art. 19): what is masked for those without need to know, the
//! break-glass reason, and the access log every view of a child's record writes.

use pamong_domain::error::{ErrorKind, Problem};
use pamong_entity::{access_log, client};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::error::ServiceResult;

/// The shortest break-glass reason accepted: a word or two is not a reason.
pub const REASON_MIN: u16 = 10;
/// The longest.
pub const REASON_MAX: u16 = 300;

/// Checks a break-glass reason.
pub fn check_reason(raw: &str) -> Result<String, ErrorKind> {
    let reason = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = reason.chars().count();
    if reason.is_empty() {
        Err(ErrorKind::field("reason", Problem::Required))
    } else if len < usize::from(REASON_MIN) {
        Err(ErrorKind::field("reason", Problem::TooShort { min: REASON_MIN }))
    } else if len > usize::from(REASON_MAX) {
        Err(ErrorKind::field("reason", Problem::TooLong { max: REASON_MAX }))
    } else {
        Ok(reason)
    }
}

/// Writes one access-log row for a view of a child's record (by anyone, with the reason
/// when the glass was broken). The row names the case number, never the child.
pub async fn log_view<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    row: &client::Model,
    reason: Option<&str>,
    at: OffsetDateTime,
) -> ServiceResult<()> {
    log(conn, actor, "client", row, reason, at).await
}

/// Serializes the check and the write in [`log`] within this server: a page's data can be
/// loaded twice while one request renders, and that view must leave one row, not two.
static ONE_ROW_PER_VIEW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Writes an access-log row for `entity` (a client's page, a Litmas, an export) of a child,
/// once per request.
pub async fn log<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    entity: &str,
    row: &client::Model,
    reason: Option<&str>,
    at: OffsetDateTime,
) -> ServiceResult<()> {
    let _one = ONE_ROW_PER_VIEW.lock().await;
    if let Some(request) = &actor.request_id {
        let logged = access_log::Entity::find()
            .filter(access_log::Column::RequestId.eq(request.as_str()))
            .filter(access_log::Column::EntityId.eq(row.public_id.to_string()))
            .filter(access_log::Column::Entity.eq(entity))
            .one(conn)
            .await?;
        if logged.is_some() {
            return Ok(());
        }
    }
    access_log::ActiveModel {
        at: Set(at),
        actor_id: Set(actor.user_key().unwrap_or(0)),
        actor_username: Set(actor.username.clone()),
        entity: Set(entity.to_owned()),
        entity_id: Set(row.public_id.to_string()),
        reason: Set(reason.map(str::to_owned)),
        request_id: Set(actor.request_id.clone()),
        bapas_id: Set(Some(row.bapas_id)),
        record_label: Set(Some(row.register_number.clone())),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_must_say_something() {
        assert_eq!(check_reason("  "), Err(ErrorKind::field("reason", Problem::Required)));
        assert_eq!(check_reason("cek"), Err(ErrorKind::field("reason", Problem::TooShort { min: 10 })));
        assert_eq!(check_reason("Menggantikan  PK yang cuti"), Ok("Menggantikan PK yang cuti".into()));
    }
}
