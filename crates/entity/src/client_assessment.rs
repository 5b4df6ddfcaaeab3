//! An RRI assessment with the instrument version it used, and the needs ratings.

use sea_orm::entity::prelude::*;

/// A row of `client_assessments`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "client_assessments")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The client.
    pub client_id: i32,
    /// Instrument version.
    pub instrument_version: String,
    /// Answers as JSON (item key → choice key).
    pub answers: String,
    /// Needs ratings as JSON (domain → items present).
    pub needs: String,
    /// Score.
    pub score: i32,
    /// Text form of `RiskBand`.
    pub band: String,
    /// Day.
    pub assessed_on: TimeDate,
    /// Notes.
    pub notes: Option<String>,
    /// The officer who recorded it.
    pub officer_id: Option<i32>,
    /// When it was recorded.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Relations of an assessment.
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
