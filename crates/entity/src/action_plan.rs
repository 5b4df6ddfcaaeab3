//! An office's action plan for a period.

use sea_orm::entity::prelude::*;

/// A row of `action_plans`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_plans")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The office.
    pub bapas_id: i32,
    /// Title.
    pub title: String,
    /// First day.
    pub starts_on: TimeDate,
    /// Last day.
    pub ends_on: TimeDate,
    /// Who wrote it.
    pub created_by: Option<i32>,
    /// Written.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
