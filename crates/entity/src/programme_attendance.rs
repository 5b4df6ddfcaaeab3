//! Whether one participant was at one session.

use sea_orm::entity::prelude::*;

/// A row of `programme_attendance`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_attendance")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The session.
    pub session_id: i32,
    /// The enrolment.
    pub enrolment_id: i32,
    /// Present.
    pub present: bool,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
