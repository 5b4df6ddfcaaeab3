//! An action item of a Kelayan Binter group, owned by a member or a PK.

use sea_orm::entity::prelude::*;

/// A row of `kb_actions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_actions")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The group.
    pub group_id: i32,
    /// The meeting that decided it.
    pub meeting_id: Option<i32>,
    /// What.
    pub title: String,
    /// Owner, a member.
    pub owner_member_id: Option<i32>,
    /// Owner, a PK.
    pub owner_user_id: Option<i32>,
    /// Due.
    pub due_on: TimeDate,
    /// Done.
    pub done_on: Option<TimeDate>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
