//! Settings an admin can change at run time, stored as JSON under a name. Each setting has a
//! default in code, so a fresh database behaves sensibly before anyone sets anything.

use pamong_entity::setting;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Set, TransactionTrait};
use serde_json::Value;
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::error::{ServiceError, ServiceResult};
use crate::policy;

/// A setting's name and its default.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// Stored name.
    pub name: &'static str,
    /// Value when unset.
    pub default: i64,
}

/// Failed logins allowed per account within [`LOGIN_WINDOW_MINUTES`] before attempts are refused.
pub const LOGIN_MAX_FAILURES: Key = Key { name: "login.max_failures", default: 5 };
/// The window, in minutes, over which failed logins are counted.
pub const LOGIN_WINDOW_MINUTES: Key = Key { name: "login.window_minutes", default: 15 };

/// Reads an integer setting, falling back to its default when unset or not a number.
pub async fn get_i64<C: ConnectionTrait>(db: &C, key: Key) -> ServiceResult<i64> {
    let row = setting::Entity::find_by_id(key.name.to_owned()).one(db).await?;
    Ok(row
        .and_then(|r| serde_json::from_str::<Value>(&r.value).ok())
        .and_then(|v| v.as_i64())
        .unwrap_or(key.default))
}

/// Sets an integer setting (admin only), audited.
pub async fn set_i64(db: &DatabaseConnection, actor: &Actor, key: Key, value: i64) -> ServiceResult<()> {
    if !policy::can_manage_offices(actor) {
        return Err(ServiceError::not_found());
    }
    let txn = db.begin().await?;
    let old = get_i64(&txn, key).await?;
    setting::Entity::insert(setting::ActiveModel {
        key: Set(key.name.to_owned()),
        value: Set(value.to_string()),
        updated_at: Set(OffsetDateTime::now_utc()),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    audit::record(&txn, actor, "update", "setting", key.name, &Changes::new().diff("value", &old, &value))
        .await?;
    txn.commit().await?;
    Ok(())
}
