//! A client who took part in a Klien Bapas Peduli activity, added by their officer.

use sea_orm::entity::prelude::*;

/// A row of `social_activity_clients`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "social_activity_clients")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The activity.
    pub activity_id: i32,
    /// The client.
    pub client_id: i32,
    /// Who added them.
    pub added_by: Option<i32>,
    /// When.
    pub added_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
