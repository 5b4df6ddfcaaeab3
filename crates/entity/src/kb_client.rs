//! A client under a Kelayan Binter group's attention.

use sea_orm::entity::prelude::*;

/// A row of `kb_clients`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_clients")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The group.
    pub group_id: i32,
    /// The client.
    pub client_id: i32,
    /// Why.
    pub reason: String,
    /// Who linked them.
    pub added_by: Option<i32>,
    /// Since.
    pub added_on: TimeDate,
    /// Until.
    pub removed_on: Option<TimeDate>,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
