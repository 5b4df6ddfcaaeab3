//! A referral of a client to a partner's service.

use sea_orm::entity::prelude::*;

/// A row of `referrals`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "referrals")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The client.
    pub client_id: i32,
    /// The partner.
    pub partner_id: i32,
    /// Service code.
    pub service: String,
    /// Why.
    pub reason: String,
    /// The client consented.
    pub consent: bool,
    /// Due.
    pub due_on: TimeDate,
    /// Text form of `ReferralStatus`.
    pub status: String,
    /// Why the partner declined.
    pub decline_reason: Option<String>,
    /// The outcome reported.
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome: Option<String>,
    /// The referring PK.
    pub referred_by: Option<i32>,
    /// Sent.
    pub sent_at: TimeDateTimeWithTimeZone,
    /// Status last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
    /// When the partner accepted or declined it.
    pub answered_at: Option<TimeDateTimeWithTimeZone>,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
