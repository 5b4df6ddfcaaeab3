//! Things recorded on a child's case: diversion meetings, hearings accompanied, referrals.

use sea_orm::entity::prelude::*;

/// A row of `abh_events`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "abh_events")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The case.
    pub case_id: i32,
    /// Text form of `EventKind`.
    pub kind: String,
    /// Date.
    pub event_date: TimeDate,
    /// Text form of `Stage`.
    pub stage: String,
    /// Place.
    pub place: Option<String>,
    /// Parties present, comma separated.
    pub parties: Option<String>,
    /// Text form of `PartnerKind`.
    pub partner_kind: Option<String>,
    /// Partner's name.
    pub partner_name: Option<String>,
    /// Notes.
    #[sea_orm(column_type = "Text")]
    pub notes: String,
    /// Who recorded it.
    pub author_id: Option<i32>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The parent record.
    #[sea_orm(
        belongs_to = "super::abh_case::Entity",
        from = "Column::CaseId",
        to = "super::abh_case::Column::Id"
    )]
    Parent,
}

impl Related<super::abh_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Parent.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
