//! A client's small business (UMKM): its current status is the latest of its history.

use sea_orm::entity::prelude::*;

/// A row of `client_businesses`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "client_businesses")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The client.
    pub client_id: i32,
    /// Its name.
    pub name: String,
    /// What it does.
    pub kind: String,
    /// `BusinessStatus`'s text, as of the latest change.
    pub status: String,
    /// The day of the latest change.
    pub since: TimeDate,
    /// Who added it.
    pub created_by: Option<i32>,
    /// Added.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
