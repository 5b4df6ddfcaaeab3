//! The audit trail. Every mutation calls [`record`] with the transaction it changes data in,
//! so the audit row commits or rolls back together with the change.

use std::collections::BTreeMap;

use pamong_entity::audit_log;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::error::ServiceResult;

/// The fields a change touched: `field -> [old, new]`. Secrets are never put in here.
#[derive(Debug, Default, Clone)]
pub struct Changes(BTreeMap<&'static str, [Value; 2]>);

impl Changes {
    /// No changes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `field` when `old` and `new` differ.
    pub fn diff<T: serde::Serialize + PartialEq>(mut self, field: &'static str, old: &T, new: &T) -> Self {
        if old != new {
            self.0.insert(field, [json!(old), json!(new)]);
        }
        self
    }

    /// Records a field of a new record (old is null).
    pub fn set<T: serde::Serialize>(mut self, field: &'static str, new: &T) -> Self {
        self.0.insert(field, [Value::Null, json!(new)]);
        self
    }

    /// Records that a field changed without saying to what (e.g. a password).
    pub fn redacted(mut self, field: &'static str) -> Self {
        self.0.insert(field, [json!("***"), json!("***")]);
        self
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".into())
    }
}

/// Writes one audit row on `conn` (pass the transaction of the change), stamped `at` (the
/// instant of the change, as the caller's clock gave it).
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    at: OffsetDateTime,
    action: &str,
    entity: &str,
    entity_id: &str,
    changes: &Changes,
) -> ServiceResult<()> {
    audit_log::ActiveModel {
        at: Set(at),
        actor_id: Set(actor.user_id),
        actor_username: Set(actor.username.clone()),
        action: Set(action.to_owned()),
        entity: Set(entity.to_owned()),
        entity_id: Set(entity_id.to_owned()),
        changes: Set(changes.to_json()),
        request_id: Set(actor.request_id.clone()),
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
    fn diff_keeps_only_changed_fields() {
        let c = Changes::new().diff("name", &"a", &"a").diff("code", &"X", &"Y");
        assert_eq!(c.to_json(), r#"{"code":["X","Y"]}"#);
        assert!(Changes::new().diff("n", &1, &1).is_empty());
    }

    #[test]
    fn redacted_hides_values() {
        assert_eq!(Changes::new().redacted("password").to_json(), r#"{"password":["***","***"]}"#);
    }
}
