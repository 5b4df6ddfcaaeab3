//! A partner institution of a Bapas (mitra): Dinas Sosial, a Polsek, a Pokmas Lipas, ...

use sea_orm::entity::prelude::*;

/// A row of `partners`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partners")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The Bapas it works with.
    pub bapas_id: i32,
    /// Name.
    pub name: String,
    /// Name folded for search.
    pub name_folded: String,
    /// Kind code (a configured choice).
    pub kind: String,
    /// Address.
    pub address: Option<String>,
    /// Area covered, as written.
    pub area: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Service codes, comma separated.
    pub services: Option<String>,
    /// Notes.
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
    /// Still active.
    pub active: bool,
    /// A Pokmas Lipas's domain, text form of `PokmasDomain`.
    pub pokmas_domain: Option<String>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
