//! One step in a business's history: the status it moved to, on which day, and why.

use sea_orm::entity::prelude::*;

/// A row of `business_status_changes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "business_status_changes")]
pub struct Model {
    /// Internal key; also the order of the steps.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The business.
    pub business_id: i32,
    /// `BusinessStatus`'s text.
    pub status: String,
    /// The day.
    pub changed_on: TimeDate,
    /// Why.
    pub note: Option<String>,
    /// Who recorded it.
    pub changed_by: Option<i32>,
    /// When.
    pub changed_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
