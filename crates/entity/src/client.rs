//! A client (klien) under a Bapas's supervision, with the case that brought them there.

use sea_orm::entity::prelude::*;

/// A row of `clients`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "clients")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// Register number, e.g. `JAKBAR-2026-000123`.
    #[sea_orm(unique)]
    pub register_number: String,
    /// The supervising Bapas.
    pub bapas_id: i32,
    /// The assigned PK.
    pub pk_id: Option<i32>,
    /// NIK, unique in the country.
    pub nik: Option<String>,
    /// Full name.
    pub full_name: String,
    /// Name and aliases folded for search (lower case, no accents).
    pub name_folded: String,
    /// Other names, comma separated.
    pub aliases: Option<String>,
    /// `L` or `P`.
    pub sex: String,
    /// Place of birth.
    pub birth_place: Option<String>,
    /// Date of birth.
    pub birth_date: TimeDate,
    /// Religion.
    pub religion: Option<String>,
    /// Highest education.
    pub education: Option<String>,
    /// Job.
    pub occupation: Option<String>,
    /// Address as written.
    pub address: Option<String>,
    /// Kelurahan/desa code.
    pub region_code: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// When the client agreed to reminders by WhatsApp on [`Model::phone`] (none: no
    /// reminders).
    pub whatsapp_consent_at: Option<TimeDateTimeWithTimeZone>,
    /// Guarantor (penjamin).
    pub guarantor_name: Option<String>,
    /// Guarantor's relation.
    pub guarantor_relation: Option<String>,
    /// Guarantor's phone.
    pub guarantor_phone: Option<String>,
    /// Court.
    pub court: Option<String>,
    /// Decision number.
    pub decision_number: Option<String>,
    /// Offence articles.
    pub offence_articles: Option<String>,
    /// Text form of `LegalBasis`.
    pub legal_basis: String,
    /// First day of supervision.
    pub supervision_start: TimeDate,
    /// Remaining sentence, months.
    pub remaining_months: Option<i32>,
    /// Remaining sentence, days.
    pub remaining_days: Option<i32>,
    /// Last remission, months.
    pub remission_months: Option<i32>,
    /// Last remission, days.
    pub remission_days: Option<i32>,
    /// Court's term, months.
    pub term_months: Option<i32>,
    /// Court's term, days.
    pub term_days: Option<i32>,
    /// The end the rules give.
    pub computed_end: Option<TimeDate>,
    /// The end in force.
    pub supervision_end: Option<TimeDate>,
    /// Why the end was set by hand.
    pub end_override_reason: Option<String>,
    /// Text form of `ClientStatus`.
    pub status: String,
    /// When the status last changed.
    pub status_date: Option<TimeDate>,
    /// Why.
    pub status_reason: Option<String>,
    /// A child (ABH): the identity is restricted (SPPA art. 19).
    pub is_child: bool,
    /// Latest band, text form of `RiskBand`.
    pub risk_band: Option<String>,
    /// Latest score.
    pub risk_score: Option<i32>,
    /// Latest assessment.
    pub assessed_on: Option<TimeDate>,
    /// When it was created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// When it was last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations of a client.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The supervising Bapas.
    #[sea_orm(belongs_to = "super::bapas::Entity", from = "Column::BapasId", to = "super::bapas::Column::Id")]
    Bapas,
    /// The assigned PK.
    #[sea_orm(belongs_to = "super::user::Entity", from = "Column::PkId", to = "super::user::Column::Id")]
    Pk,
}

impl ActiveModelBehavior for ActiveModel {}
