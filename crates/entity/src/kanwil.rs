//! A regional office (Kanwil Ditjenpas), one per province.

use sea_orm::entity::prelude::*;

/// A row of `kanwil`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kanwil")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// Kemendagri province code, two digits.
    #[sea_orm(unique)]
    pub province_code: String,
    /// Name.
    pub name: String,
    /// Whether it is in use.
    pub active: bool,
    /// When it was created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// When it was last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations of a Kanwil.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The Bapas under it.
    #[sea_orm(has_many = "super::bapas::Entity")]
    Bapas,
}

impl Related<super::bapas::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Bapas.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
