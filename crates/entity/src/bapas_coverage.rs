//! A kabupaten or kota covered by a Bapas.

use sea_orm::entity::prelude::*;

/// A row of `bapas_coverage`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bapas_coverage")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The Bapas.
    pub bapas_id: i32,
    /// Kemendagri code `PP.KK`.
    pub code: String,
    /// Name of the kabupaten/kota.
    pub name: String,
}

/// Relations of a coverage row.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The Bapas.
    #[sea_orm(belongs_to = "super::bapas::Entity", from = "Column::BapasId", to = "super::bapas::Column::Id")]
    Bapas,
}

impl Related<super::bapas::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Bapas.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
