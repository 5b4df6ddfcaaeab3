//! A probation office (Balai Pemasyarakatan).

use sea_orm::entity::prelude::*;

/// A row of `bapas`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bapas")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The Kanwil it reports to.
    pub kanwil_id: i32,
    /// Short unique code.
    #[sea_orm(unique)]
    pub code: String,
    /// Name.
    pub name: String,
    /// "I" or "II".
    pub class: String,
    /// "WIB", "WITA" or "WIT".
    pub zone: String,
    /// Street address.
    pub address: Option<String>,
    /// Office phone.
    pub phone: Option<String>,
    /// Whether it is in use.
    pub active: bool,
    /// When it was created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// When it was last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations of a Bapas.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The Kanwil it reports to.
    #[sea_orm(
        belongs_to = "super::kanwil::Entity",
        from = "Column::KanwilId",
        to = "super::kanwil::Column::Id"
    )]
    Kanwil,
    /// The kabupaten/kota it covers.
    #[sea_orm(has_many = "super::bapas_coverage::Entity")]
    Coverage,
}

impl Related<super::kanwil::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Kanwil.def()
    }
}

impl Related<super::bapas_coverage::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Coverage.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
