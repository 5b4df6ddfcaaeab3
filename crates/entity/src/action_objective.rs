//! An objective of an action plan: how many clients should have a checklist item met, by
//! when, through which partner or programme, and who answers for it.

use sea_orm::entity::prelude::*;

/// A row of `action_objectives`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_objectives")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The plan.
    pub plan_id: i32,
    /// What it aims at.
    pub title: String,
    /// `NeedItem`'s text.
    pub item: String,
    /// How many clients.
    pub target: i32,
    /// Only through this partner.
    pub partner_id: Option<i32>,
    /// Only through this programme.
    pub programme_id: Option<i32>,
    /// Who answers for it.
    pub owner_id: Option<i32>,
    /// Due date.
    pub due_on: TimeDate,
    /// Added.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
