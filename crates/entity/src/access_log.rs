//! Views of restricted records (children's identities), one row per view.

use sea_orm::entity::prelude::*;

/// A row of `access_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_log")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When it happened.
    pub at: TimeDateTimeWithTimeZone,
    /// Who looked.
    pub actor_id: i32,
    /// Their login name at the time.
    pub actor_username: String,
    /// The kind of record viewed.
    pub entity: String,
    /// The record's public id.
    pub entity_id: String,
    /// The reason given (break-glass access), if any.
    pub reason: Option<String>,
    /// The request.
    pub request_id: Option<String>,
    /// The office the record belongs to (for its Kabapas's list).
    pub bapas_id: Option<i32>,
    /// The record's case number (never the name).
    pub record_label: Option<String>,
}

/// Access rows have no relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
