//! A Kelayan Binter group of a Bapas, with its coordinator.

use sea_orm::entity::prelude::*;

/// A row of `kb_groups`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_groups")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The Bapas.
    pub bapas_id: i32,
    /// Name.
    pub name: String,
    /// Kecamatan covered, comma separated.
    pub areas: String,
    /// The coordinator (a `koordinator` user).
    pub coordinator_id: Option<i32>,
    /// Still active.
    pub active: bool,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
