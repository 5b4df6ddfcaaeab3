//! A guidance session (bimbingan kepribadian or kemandirian).

use sea_orm::entity::prelude::*;

/// A row of `client_guidance`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "client_guidance")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The client.
    pub client_id: i32,
    /// Text form of `GuidanceKind`.
    pub kind: String,
    /// Topic.
    pub topic: String,
    /// Day.
    pub held_on: TimeDate,
    /// Whether the client attended.
    pub attended: bool,
    /// Notes.
    pub notes: Option<String>,
    /// The officer who recorded it.
    pub officer_id: Option<i32>,
    /// When it was recorded.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Relations of a guidance session.
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
