//! Settings an admin can change without a release, keyed by name (JSON values).

use sea_orm::entity::prelude::*;

/// A row of `settings`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "settings")]
pub struct Model {
    /// Setting name, e.g. `session.idle_minutes`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// JSON value.
    pub value: String,
    /// When it was last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Settings have no relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
