//! A one-time recovery code for two-factor sign-in, kept as its SHA-256.

use sea_orm::entity::prelude::*;

/// A row of `recovery_codes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recovery_codes")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Whose code it is.
    pub user_id: i32,
    /// The code's SHA-256, hex.
    #[sea_orm(unique)]
    pub code_hash: String,
    /// When it was made.
    pub created_at: TimeDateTimeWithTimeZone,
    /// When it was used (refused from then on).
    pub used_at: Option<TimeDateTimeWithTimeZone>,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
