//! A user's authenticator key for two-factor sign-in (TOTP).

use sea_orm::entity::prelude::*;

/// A row of `user_second_factors`: at most one per user.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_second_factors")]
pub struct Model {
    /// The user (also the key).
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    /// The confirmed key, base32; `None` until a code has proven one.
    pub secret: Option<String>,
    /// A key shown for enrolment and not yet confirmed, base32.
    pub pending_secret: Option<String>,
    /// When the confirmed key was enrolled.
    pub enabled_at: Option<TimeDateTimeWithTimeZone>,
    /// The 30-second step of the last code accepted (a code is accepted for a later one only).
    pub last_step: Option<i64>,
    /// Last change.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
