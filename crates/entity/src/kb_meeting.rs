//! A meeting of a Kelayan Binter group.

use sea_orm::entity::prelude::*;

/// A row of `kb_meetings`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_meetings")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The group.
    pub group_id: i32,
    /// Date.
    pub held_on: TimeDate,
    /// Place.
    pub place: Option<String>,
    /// Agenda.
    #[sea_orm(column_type = "Text")]
    pub agenda: String,
    /// Minutes.
    #[sea_orm(column_type = "Text", nullable)]
    pub minutes: Option<String>,
    /// Decisions, one per line.
    #[sea_orm(column_type = "Text", nullable)]
    pub decisions: Option<String>,
    /// Who recorded it.
    pub recorded_by: Option<i32>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
