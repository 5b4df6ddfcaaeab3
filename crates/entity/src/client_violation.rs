//! A violation of the supervision's conditions and the action taken.

use sea_orm::entity::prelude::*;

/// A row of `client_violations`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "client_violations")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The client.
    pub client_id: i32,
    /// Text form of `ViolationKind`.
    pub kind: String,
    /// Day.
    pub occurred_on: TimeDate,
    /// What happened.
    pub description: String,
    /// Text form of `ViolationAction`.
    pub action: String,
    /// Text form of `ActionStatus`.
    pub action_status: String,
    /// The officer who recorded it.
    pub officer_id: Option<i32>,
    /// When it was recorded.
    pub created_at: TimeDateTimeWithTimeZone,
    /// When it was last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations of a violation.
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
