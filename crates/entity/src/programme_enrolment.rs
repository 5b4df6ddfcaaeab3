//! A client's place in a programme (a transit house: their stay), from enrolment to its one
//! ending — completed or dropped out — with what came of it.

use sea_orm::entity::prelude::*;

/// A row of `programme_enrolments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_enrolments")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The programme.
    pub programme_id: i32,
    /// The client.
    pub client_id: i32,
    /// `EnrolmentStatus`'s text.
    pub status: String,
    /// First day (check-in).
    pub enrolled_on: TimeDate,
    /// Expected check-out (transit house).
    pub check_out: Option<TimeDate>,
    /// Work unit (transit house).
    pub work_unit: Option<String>,
    /// Last day, once ended.
    pub ended_on: Option<TimeDate>,
    /// Why they dropped out.
    pub reason: Option<String>,
    /// A certificate was awarded.
    pub certificate: bool,
    /// A job was found.
    pub job_found: bool,
    /// A business was started.
    pub business_started: bool,
    /// Who enrolled them (and asked their consent).
    pub enrolled_by: Option<i32>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
