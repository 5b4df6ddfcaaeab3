//! A member present at a meeting.

use sea_orm::entity::prelude::*;

/// A row of `kb_attendance`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_attendance")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The meeting.
    pub meeting_id: i32,
    /// The member.
    pub member_id: i32,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
