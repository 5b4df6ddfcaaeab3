//! One change of a client's reintegration checklist item: rows are appended, never updated;
//! an item's current state is its latest row.

use sea_orm::entity::prelude::*;

/// A row of `client_needs`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "client_needs")]
pub struct Model {
    /// Internal key; also the order of the changes.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The client.
    pub client_id: i32,
    /// The item (`NeedItem`'s text).
    pub item: String,
    /// The state it moved to (`NeedState`'s text).
    pub state: String,
    /// The referral that moved it, if one did.
    pub referral_id: Option<i32>,
    /// The programme enrolment that moved it, if one did.
    pub enrolment_id: Option<i32>,
    /// The PK's note.
    pub note: Option<String>,
    /// Who changed it (the PK, or whoever moved the referral).
    pub changed_by: Option<i32>,
    /// The office's day of the change (for the month-by-month needs map).
    pub changed_on: TimeDate,
    /// When.
    pub changed_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
