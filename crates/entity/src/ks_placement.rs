//! A person sentenced to kerja sosial, placed at a work site.

use sea_orm::entity::prelude::*;

/// A row of `ks_placements`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ks_placements")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The client.
    pub client_id: i32,
    /// The site they work at now (sessions keep the site they were worked at).
    pub site_id: i32,
    /// The sentencing court.
    pub court: String,
    /// The decision's number.
    pub decision_number: String,
    /// Hours ordered.
    pub hours: i32,
    /// First day the hours may be worked.
    pub start_on: TimeDate,
    /// Last day: the court's, or 6 months after the start.
    pub deadline: TimeDate,
    /// When the person works (e.g. "Sabtu 08.00–12.00").
    pub schedule: String,
    /// Text form of `PlacementStatus`.
    pub status: String,
    /// The officer who placed them.
    pub placed_by: Option<i32>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
