//! Idempotency keys of writes already done (see `pamong_service::request_keys`).

use sea_orm::entity::prelude::*;

/// A row of `request_key`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_key")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The user who sent the write (keys are unique per user).
    pub user_id: i32,
    /// The key the write carried.
    pub key: String,
    /// What was written (`client_report`, `client_guidance`).
    pub kind: String,
    /// When the write was done.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Key rows have no relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
