//! A Klien Bapas Peduli activity of an office: when, where, what.

use sea_orm::entity::prelude::*;

/// A row of `social_activities`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "social_activities")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The office.
    pub bapas_id: i32,
    /// The day.
    pub held_on: TimeDate,
    /// Where.
    pub place: String,
    /// `ActivityKind`'s text.
    pub kind: String,
    /// What was done.
    pub description: Option<String>,
    /// Who recorded it.
    pub recorded_by: Option<i32>,
    /// Recorded.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
