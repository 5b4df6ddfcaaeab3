//! Exports of client data, one row per export.

use sea_orm::entity::prelude::*;

/// A row of `export_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "export_log")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When it happened.
    pub at: TimeDateTimeWithTimeZone,
    /// Who exported.
    pub actor_id: Option<i32>,
    /// Their login name at the time.
    pub actor_username: String,
    /// What was exported (`clients_csv`, `data_subject`).
    pub kind: String,
    /// What was asked for, in words (the list's filters, or the client's case number).
    pub filter: String,
    /// How many records left the system.
    pub rows: i64,
    /// The exporting user's Bapas (or, for a data-subject export, the client's).
    pub bapas_id: Option<i32>,
    /// The Kanwil above it, or the exporting Kanwil user's own.
    pub kanwil_id: Option<i32>,
    /// The request.
    pub request_id: Option<String>,
}

/// Export rows have no relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
