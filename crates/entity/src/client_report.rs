//! A report (wajib lapor): at the office, by video call, or a home visit.

use sea_orm::entity::prelude::*;

/// A row of `client_reports`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "client_reports")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The client.
    pub client_id: i32,
    /// Text form of `ReportKind`.
    pub kind: String,
    /// Day.
    pub report_date: TimeDate,
    /// Time of day.
    pub report_time: TimeTime,
    /// Whether the client was there.
    pub attended: bool,
    /// Notes.
    pub notes: Option<String>,
    /// Where a visit was recorded.
    pub latitude: Option<f64>,
    /// Where a visit was recorded.
    pub longitude: Option<f64>,
    /// The officer who recorded it.
    pub officer_id: Option<i32>,
    /// When it was recorded.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Relations of a report.
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
