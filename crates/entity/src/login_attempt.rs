//! One login attempt, kept to rate-limit guessing.

use sea_orm::entity::prelude::*;

/// A row of `login_attempts`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_attempts")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The login name tried (lower case), known or not.
    pub username: String,
    /// Client address, when known.
    pub ip: Option<String>,
    /// Whether the attempt succeeded.
    pub succeeded: bool,
    /// When it happened.
    pub at: TimeDateTimeWithTimeZone,
}

/// Attempts have no relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
