//! A child's case (ABH): the offence, family, investigator and stage of a child client.

use sea_orm::entity::prelude::*;

/// A row of `abh_cases`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "abh_cases")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The child (a client with the child flag).
    #[sea_orm(unique)]
    pub client_id: i32,
    /// Father.
    pub father_name: Option<String>,
    /// Mother.
    pub mother_name: Option<String>,
    /// Guardian.
    pub guardian_name: Option<String>,
    /// Guardian's relation.
    pub guardian_relation: Option<String>,
    /// Phone of the parents or guardian.
    pub parents_phone: Option<String>,
    /// Date of the offence.
    pub offence_date: TimeDate,
    /// The offence.
    pub offence: String,
    /// Maximum penalty, months.
    pub max_penalty_months: i32,
    /// Repeat offence.
    pub repeat_offence: bool,
    /// The victim is a child.
    pub victim_is_child: bool,
    /// A witness is a child.
    pub witness_is_child: bool,
    /// Investigator.
    pub investigator: Option<String>,
    /// Police unit.
    pub police_unit: Option<String>,
    /// Text form of `Stage`.
    pub stage: String,
    /// Start of the investigation.
    pub investigation_start: TimeDate,
    /// File received by the prosecutor.
    pub prosecution_received: Option<TimeDate>,
    /// Judge appointed.
    pub court_appointed: Option<TimeDate>,
    /// Detained since.
    pub detained_since: Option<TimeDate>,
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
        belongs_to = "super::client::Entity",
        from = "Column::ClientId",
        to = "super::client::Column::Id"
    )]
    Parent,
}

impl Related<super::client::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Parent.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
