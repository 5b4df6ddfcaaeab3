//! A reintegration programme of a Bapas: what it is, with whom and under which PKS, where and
//! when, how many places (beds for a transit house), whom it suits and what needs it serves.

use sea_orm::entity::prelude::*;

/// A row of `programmes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programmes")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The office.
    pub bapas_id: i32,
    /// The partner that runs it with the office.
    pub partner_id: Option<i32>,
    /// The PKS it runs under.
    pub agreement_id: Option<i32>,
    /// Name.
    pub name: String,
    /// `ProgrammeKind`'s text.
    pub kind: String,
    /// Place.
    pub place: String,
    /// When it meets.
    pub schedule: Option<String>,
    /// First day.
    pub starts_on: TimeDate,
    /// Last day.
    pub ends_on: Option<TimeDate>,
    /// Places or beds.
    pub capacity: i32,
    /// Risk bands it suits, comma-separated (empty: any).
    pub bands: String,
    /// Legal bases it suits, comma-separated (empty: any).
    pub bases: String,
    /// "L" or "P" (none: both).
    pub sex: Option<String>,
    /// Youngest age.
    pub min_age: Option<i32>,
    /// Oldest age.
    pub max_age: Option<i32>,
    /// Checklist items it serves, comma-separated.
    pub needs: String,
    /// A transit house's work units, one per line.
    pub work_units: String,
    /// Still offered.
    pub active: bool,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
