//! A change of a client's status, with its date and reason.

use sea_orm::entity::prelude::*;

/// A row of `client_status_changes`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "client_status_changes")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The client.
    pub client_id: i32,
    /// Text form of `ClientStatus`.
    pub status: String,
    /// When it took effect.
    pub changed_on: TimeDate,
    /// Why.
    pub reason: Option<String>,
    /// The officer who recorded it.
    pub officer_id: Option<i32>,
    /// When it was recorded.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Relations of a status change.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The client.
    #[sea_orm(
        belongs_to = "super::client::Entity",
        from = "Column::ClientId",
        to = "super::client::Column::Id"
    )]
    Client,
    /// The officer.
    #[sea_orm(belongs_to = "super::user::Entity", from = "Column::OfficerId", to = "super::user::Column::Id")]
    Officer,
}

impl ActiveModelBehavior for ActiveModel {}
