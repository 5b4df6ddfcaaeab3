//! A personal access token of the REST API, issued by an admin to a user.

use sea_orm::entity::prelude::*;

/// A row of `api_tokens`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The user the token acts as.
    pub user_id: i32,
    /// What it is for, in the admin's words ("SDP Kanwil DKI").
    pub name: String,
    /// The token's SHA-256, hex.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// The token's first characters, to tell tokens apart in lists.
    pub prefix: String,
    /// Who issued it.
    pub created_by: Option<i32>,
    /// Issued.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last call made with it.
    pub last_used_at: Option<TimeDateTimeWithTimeZone>,
    /// Revoked (refused from then on).
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
    /// The rate limit's current window: its first second (Unix time).
    pub window_start: i64,
    /// Calls in the current window.
    pub window_count: i32,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
