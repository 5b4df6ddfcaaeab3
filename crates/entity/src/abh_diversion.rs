//! The diversion of a child's case at one stage: start, finish, outcome, agreement and breach.

use sea_orm::entity::prelude::*;

/// A row of `abh_diversions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "abh_diversions")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The case.
    pub case_id: i32,
    /// Text form of `Stage`.
    pub stage: String,
    /// Start.
    pub started_on: TimeDate,
    /// Finish.
    pub finished_on: Option<TimeDate>,
    /// Text form of `DiversionOutcome`.
    pub outcome: Option<String>,
    /// Agreement forms, comma separated.
    pub agreement_forms: Option<String>,
    /// Length, months.
    pub agreement_months: Option<i32>,
    /// Notes.
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
    /// Breach reported by the PK.
    pub breach_at: Option<TimeDateTimeWithTimeZone>,
    /// What was breached.
    #[sea_orm(column_type = "Text", nullable)]
    pub breach_notes: Option<String>,
    /// The official acted.
    pub action_at: Option<TimeDateTimeWithTimeZone>,
    /// What they did.
    #[sea_orm(column_type = "Text", nullable)]
    pub action_notes: Option<String>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
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
