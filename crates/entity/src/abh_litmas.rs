//! A Litmas requested on a child's case, from request through approval to delivery.

use sea_orm::entity::prelude::*;

/// A row of `abh_litmas`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "abh_litmas")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The case.
    pub case_id: i32,
    /// Text form of `Requester`.
    pub requester: String,
    /// Text form of `LitmasKind`.
    pub kind: String,
    /// Request letter number.
    pub letter_number: Option<String>,
    /// When the request arrived.
    pub received_at: TimeDateTimeWithTimeZone,
    /// Its deadline (3×24 h later).
    pub due_at: TimeDateTimeWithTimeZone,
    /// Text form of `LitmasStatus`.
    pub status: String,
    /// Personal and family data.
    #[sea_orm(column_type = "Text")]
    pub personal_family: String,
    /// Background of the offence.
    #[sea_orm(column_type = "Text")]
    pub background: String,
    /// The victim's condition.
    #[sea_orm(column_type = "Text")]
    pub victim_condition: String,
    /// Diversion record.
    #[sea_orm(column_type = "Text")]
    pub diversion_record: String,
    /// Recommendation.
    #[sea_orm(column_type = "Text")]
    pub recommendation: String,
    /// The Kabapas's note on a returned draft.
    #[sea_orm(column_type = "Text", nullable)]
    pub review_note: Option<String>,
    /// Who wrote it.
    pub author_id: Option<i32>,
    /// Submitted for approval.
    pub submitted_at: Option<TimeDateTimeWithTimeZone>,
    /// Who approved.
    pub approved_by: Option<i32>,
    /// When approved.
    pub approved_at: Option<TimeDateTimeWithTimeZone>,
    /// When delivered: the clock stops.
    pub delivered_at: Option<TimeDateTimeWithTimeZone>,
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
