//! Support a business received: capital, equipment, mentoring or training, from a partner or
//! the office.

use sea_orm::entity::prelude::*;

/// A row of `business_supports`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "business_supports")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The business.
    pub business_id: i32,
    /// `SupportKind`'s text.
    pub kind: String,
    /// The partner that gave it (none: the office).
    pub partner_id: Option<i32>,
    /// The day received.
    pub received_on: TimeDate,
    /// What it was.
    pub description: Option<String>,
    /// Its value in rupiah.
    pub amount: Option<i64>,
    /// Who recorded it.
    pub recorded_by: Option<i32>,
    /// Recorded.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
