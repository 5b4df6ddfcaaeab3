//! A spreadsheet import of clients into a Bapas: the file, its check and its outcome.

use sea_orm::entity::prelude::*;

/// A row of `client_imports`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "client_imports")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The Bapas the clients are registered in.
    pub bapas_id: i32,
    /// Who uploaded the file.
    pub user_id: i32,
    /// The file's name as uploaded (without its path).
    pub file_name: String,
    /// The file as uploaded.
    pub file: Vec<u8>,
    /// `pratinjau`, `berjalan`, `selesai` or `gagal`.
    pub status: String,
    /// Rows in the file.
    pub rows: i32,
    /// Rows that passed every check at the last check.
    pub good: i32,
    /// Rows written.
    pub imported: i32,
    /// Headings the template does not know (JSON list).
    #[sea_orm(column_type = "Text")]
    pub ignored_columns: String,
    /// The rows refused at the last check (JSON list of `RowProblem`).
    #[sea_orm(column_type = "Text")]
    pub problems: String,
    /// The rows written, each with its register number (JSON list of `[row, number]`).
    #[sea_orm(column_type = "Text", nullable)]
    pub written: Option<String>,
    /// Uploaded.
    pub created_at: TimeDateTimeWithTimeZone,
    /// When the import began writing.
    pub started_at: Option<TimeDateTimeWithTimeZone>,
    /// When it finished (or failed).
    pub finished_at: Option<TimeDateTimeWithTimeZone>,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
