//! A session of a programme: planned for a day, its attendance recorded once it is held.

use sea_orm::entity::prelude::*;

/// A row of `programme_sessions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_sessions")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The programme.
    pub programme_id: i32,
    /// The day.
    pub held_on: TimeDate,
    /// Topic.
    pub topic: String,
    /// When its attendance was (last) recorded.
    pub recorded_at: Option<TimeDateTimeWithTimeZone>,
    /// Who recorded it.
    pub recorded_by: Option<i32>,
    /// Who planned it.
    pub created_by: Option<i32>,
    /// Planned.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
