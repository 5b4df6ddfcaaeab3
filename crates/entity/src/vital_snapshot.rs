//! An office's vitals as computed for a day (see the migration `m20261215`).

use sea_orm::entity::prelude::*;

/// A row of `vital_snapshots`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vital_snapshots")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The office.
    pub bapas_id: i32,
    /// The day the figures are of.
    pub day: TimeDate,
    /// When they were computed: final for a past day computed after it ended.
    pub computed_at: TimeDateTimeWithTimeZone,
    /// The clients supervised that day.
    pub clients: i64,
    /// The figures, as `pamong_domain::oversight::snapshot` writes them.
    pub figures: String,
}

/// Snapshots have no relations the code follows.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
