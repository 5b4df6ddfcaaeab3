//! The audit trail. Every mutation calls [`record`] with the transaction it changes data in,
//! so the audit row commits or rolls back together with the change. A row names the office
//! and the client its record belongs to ([`Changes::of_client`], [`Changes::at_office`]), so
//! that [`trail`] can show a client's history and search an office's log.

pub mod trail;

use std::collections::BTreeMap;

use pamong_entity::{audit_log, client};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::error::ServiceResult;

/// What an audit row holds in place of free text about a child (SPPA art. 19): the audit
/// trail is read more widely than the child's record, and the text stays on the record,
/// which the row names by its id.
pub const WITHHELD: &str = "[dirahasiakan]";

/// The fields a change touched: `field -> [old, new]`. Secrets are never put in here; free
/// text about a person goes through [`Changes::text`], which withholds it for a child.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    fields: BTreeMap<&'static str, [Value; 2]>,
    about_child: bool,
    bapas_id: Option<i32>,
    client_id: Option<i32>,
}

impl Changes {
    /// No changes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// No changes yet, to a record about a client: a child's free text will be withheld, and
    /// the row joins the client's history and their office's log.
    pub fn of_client(client: &client::Model) -> Self {
        Self {
            about_child: client.is_child,
            bapas_id: Some(client.bapas_id),
            client_id: Some(client.id),
            ..Self::default()
        }
    }

    /// No changes yet, to a newly written adult client known by its office and row id (a
    /// bulk write that has no [`client::Model`] at hand).
    pub(crate) fn of_new_client(bapas_id: i32, client_id: i32) -> Self {
        Self { bapas_id: Some(bapas_id), client_id: Some(client_id), ..Self::default() }
    }

    /// No changes yet, to a record of an office (its partners, agreements, programmes,
    /// users): the row joins the office's log.
    pub fn at_office(bapas_id: i32) -> Self {
        Self { bapas_id: Some(bapas_id), ..Self::default() }
    }

    /// Records free text written about the record's person (a name, a reason, a note), or
    /// [`WITHHELD`] in its place when the record is a child's.
    pub fn text<T: serde::Serialize>(mut self, field: &'static str, new: &T) -> Self {
        let value = if self.about_child { json!(WITHHELD) } else { json!(new) };
        self.fields.insert(field, [Value::Null, value]);
        self
    }

    /// Records a change of free text when `old` and `new` differ, withheld for a child.
    pub fn text_diff<T: serde::Serialize + PartialEq>(
        mut self,
        field: &'static str,
        old: &T,
        new: &T,
    ) -> Self {
        if old != new {
            let [old, new] =
                if self.about_child { [json!(WITHHELD), json!(WITHHELD)] } else { [json!(old), json!(new)] };
            self.fields.insert(field, [old, new]);
        }
        self
    }

    /// Records `field` when `old` and `new` differ.
    pub fn diff<T: serde::Serialize + PartialEq>(mut self, field: &'static str, old: &T, new: &T) -> Self {
        if old != new {
            self.fields.insert(field, [json!(old), json!(new)]);
        }
        self
    }

    /// Records a field of a new record (old is null).
    pub fn set<T: serde::Serialize>(mut self, field: &'static str, new: &T) -> Self {
        self.fields.insert(field, [Value::Null, json!(new)]);
        self
    }

    /// Records that a field changed without saying to what (e.g. a password).
    pub fn redacted(mut self, field: &'static str) -> Self {
        self.fields.insert(field, [json!("***"), json!("***")]);
        self
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    fn to_json(&self) -> String {
        serde_json::to_string(&self.fields).unwrap_or_else(|_| "{}".into())
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
    row(actor, at, action, entity, entity_id, changes).insert(conn).await?;
    Ok(())
}

/// The audit row [`record`] writes, for a caller that writes many at once (an import
/// registering thousands of clients writes them with one statement per chunk).
pub(crate) fn row(
    actor: &Actor,
    at: OffsetDateTime,
    action: &str,
    entity: &str,
    entity_id: &str,
    changes: &Changes,
) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(at),
        actor_id: Set(actor.user_key()),
        actor_username: Set(actor.username.clone()),
        action: Set(action.to_owned()),
        entity: Set(entity.to_owned()),
        entity_id: Set(entity_id.to_owned()),
        changes: Set(changes.to_json()),
        request_id: Set(actor.request_id.clone()),
        bapas_id: Set(changes.bapas_id),
        client_id: Set(changes.client_id),
        ..Default::default()
    }
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
    fn a_childs_free_text_is_withheld() {
        let adult = Changes::new().text("reason", &"Pindah ke rumah ibu Siti").to_json();
        assert_eq!(adult, r#"{"reason":[null,"Pindah ke rumah ibu Siti"]}"#);
        let child = Changes { about_child: true, ..Changes::new() }
            .text("reason", &"Pindah ke rumah ibu Siti")
            .text_diff("name", &"Rizky", &"Rizki")
            .text_diff("same", &"a", &"a")
            .to_json();
        assert_eq!(child, r#"{"name":["[dirahasiakan]","[dirahasiakan]"],"reason":[null,"[dirahasiakan]"]}"#);
    }

    #[test]
    fn redacted_hides_values() {
        assert_eq!(Changes::new().redacted("password").to_json(), r#"{"password":["***","***"]}"#);
    }
}
