//! A Kemendagri region (province, kabupaten/kota, kecamatan, kelurahan/desa), imported from
//! the official list.

use sea_orm::entity::prelude::*;

/// A row of `regions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "regions")]
pub struct Model {
    /// Dotted code, e.g. `31.73.05.1001`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    /// Name as in the decree.
    pub name: String,
    /// 1 province, 2 kabupaten/kota, 3 kecamatan, 4 kelurahan/desa.
    pub level: i16,
    /// The code of the region it lies in.
    pub parent_code: Option<String>,
    /// When the name was last set by an import.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Regions refer to their parent by code only: a re-import may bring a child before its
/// parent, and codes outlive decrees.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
