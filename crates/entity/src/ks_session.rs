//! One day in the kerja sosial hours ledger: worked (arrival, departure, break, the minutes
//! counted, the work done and ratings) or absent (with a reason, acceptable or not).

use sea_orm::entity::prelude::*;

/// A row of `ks_sessions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ks_sessions")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The placement.
    pub placement_id: i32,
    /// The site the session was worked at.
    pub site_id: i32,
    /// The day.
    pub held_on: TimeDate,
    /// Arrival (none for an absence).
    pub arrival: Option<TimeTime>,
    /// Departure.
    pub departure: Option<TimeTime>,
    /// Minutes of break.
    pub break_minutes: i32,
    /// Minutes counted (0 for an absence).
    pub minutes: i32,
    /// The work done.
    pub work_done: Option<String>,
    /// Rating of attendance (1–3).
    pub attendance: Option<i16>,
    /// Rating of effort (1–3).
    pub effort: Option<i16>,
    /// Rating of behaviour (1–3).
    pub behaviour: Option<i16>,
    /// The person did not come.
    pub absent: bool,
    /// Why.
    pub absence_reason: Option<String>,
    /// Whether the reason is acceptable.
    pub absence_accepted: Option<bool>,
    /// Who recorded it.
    pub recorded_by: Option<i32>,
    /// Recorded by the PK rather than the site's supervisor.
    pub by_officer: bool,
    /// The site supervisor who signed it off.
    pub signed_off_by: Option<i32>,
    /// When.
    pub signed_off_at: Option<TimeDateTimeWithTimeZone>,
    /// Why a signed-off session was corrected (the last correction).
    pub correction: Option<String>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
