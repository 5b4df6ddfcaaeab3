//! A member of a Kelayan Binter group.

use sea_orm::entity::prelude::*;

/// A row of `kb_members`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_members")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The group.
    pub group_id: i32,
    /// Name.
    pub name: String,
    /// Institution.
    pub institution: Option<String>,
    /// Text form of `MemberRole`.
    pub role: String,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Joined.
    pub joined_on: TimeDate,
    /// Left.
    pub left_on: Option<TimeDate>,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
