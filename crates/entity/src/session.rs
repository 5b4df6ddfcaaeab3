//! A server-side login session (the cookie holds only its id).

use sea_orm::entity::prelude::*;

/// A row of `sessions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// The session id as tower-sessions writes it.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The session's data, JSON.
    pub data: String,
    /// When the session stops being valid.
    pub expires_at: TimeDateTimeWithTimeZone,
    /// The logged-in user, so that all their sessions can be ended at once.
    pub user_id: Option<i32>,
}

/// Sessions have no navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
