//! A partner institution that joined a Klien Bapas Peduli activity.

use sea_orm::entity::prelude::*;

/// A row of `social_activity_partners`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "social_activity_partners")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The activity.
    pub activity_id: i32,
    /// The partner.
    pub partner_id: i32,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
