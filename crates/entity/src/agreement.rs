//! A cooperation agreement (PKS) between a Bapas and a partner; a renewal points at what it renews.

use sea_orm::entity::prelude::*;

/// A row of `agreements`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreements")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The Bapas.
    pub bapas_id: i32,
    /// The partner.
    pub partner_id: i32,
    /// Agreement number.
    pub number: String,
    /// Title.
    pub title: String,
    /// Scope.
    #[sea_orm(column_type = "Text", nullable)]
    pub scope: Option<String>,
    /// Further parties.
    pub other_parties: Option<String>,
    /// Service codes covered, comma separated.
    pub services: Option<String>,
    /// Signed.
    pub signed_on: Option<TimeDate>,
    /// First day in force.
    pub start_on: TimeDate,
    /// Last day in force.
    pub end_on: TimeDate,
    /// Ended early on.
    pub terminated_on: Option<TimeDate>,
    /// Why.
    pub termination_reason: Option<String>,
    /// The agreement this renews.
    pub previous_id: Option<i32>,
    /// Created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
