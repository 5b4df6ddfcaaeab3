//! A work site for pidana kerja sosial, offered by a partner institution.

use sea_orm::entity::prelude::*;

/// A row of `work_sites`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_sites")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The Bapas that places people here.
    pub bapas_id: i32,
    /// The partner institution hosting the site.
    pub partner_id: i32,
    /// The cooperation agreement (PKS) the site falls under.
    pub agreement_id: Option<i32>,
    /// Name of the site.
    pub name: String,
    /// Street address.
    pub address: String,
    /// Area (kelurahan, kecamatan).
    pub area: Option<String>,
    /// The kind of work done there.
    pub work_kind: String,
    /// Text form of `SiteDays`.
    pub days: String,
    /// From when it takes people.
    pub opens: TimeTime,
    /// Until when.
    pub closes: TimeTime,
    /// How many people at a time.
    pub capacity: i32,
    /// The partner's own user who supervises and signs sessions off.
    pub supervisor_id: Option<i32>,
    /// A named supervisor without an account.
    pub supervisor_name: Option<String>,
    /// Their phone.
    pub supervisor_phone: Option<String>,
    /// Suitable for women.
    pub suits_women: bool,
    /// Suitable for children (SPPA art. 71 pelayanan masyarakat).
    pub suits_children: bool,
    /// Still taking people.
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
