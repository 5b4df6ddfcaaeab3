//! The audit trail: one row per change, written in the change's transaction.

use sea_orm::entity::prelude::*;

/// A row of `audit_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When it happened.
    pub at: TimeDateTimeWithTimeZone,
    /// Who did it (internal user id; none for the system, e.g. the CLI).
    pub actor_id: Option<i32>,
    /// Their login name at the time, kept even if the user is renamed.
    pub actor_username: String,
    /// What was done: `create`, `update`, `deactivate`, `password_reset`, ...
    pub action: String,
    /// The kind of record: `kanwil`, `bapas`, `user`, ...
    pub entity: String,
    /// The record's public id.
    pub entity_id: String,
    /// The changed fields as JSON `{field: [old, new]}` (secrets never included).
    pub changes: String,
    /// The request that made the change.
    pub request_id: Option<String>,
    /// The office the record belongs to, when it belongs to one.
    pub bapas_id: Option<i32>,
    /// The client the record is about, when it is about one (the key of their history).
    pub client_id: Option<i32>,
}

/// Audit rows have no relations: they must outlive what they describe.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
