//! A client's transfer to another Bapas, waiting for or decided by the receiving Kabapas.

use sea_orm::entity::prelude::*;

/// A row of `client_transfers`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "client_transfers")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// The client.
    pub client_id: i32,
    /// The sending Bapas.
    pub from_bapas_id: i32,
    /// The receiving Bapas.
    pub to_bapas_id: i32,
    /// Why.
    pub reason: String,
    /// `menunggu`, `diterima` or `ditolak`.
    pub status: String,
    /// Who asked.
    pub requested_by: Option<i32>,
    /// When.
    pub requested_at: TimeDateTimeWithTimeZone,
    /// Who decided.
    pub decided_by: Option<i32>,
    /// When.
    pub decided_at: Option<TimeDateTimeWithTimeZone>,
    /// The receiving office's note.
    pub decision_note: Option<String>,
}

/// Relations of a transfer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The client.
    #[sea_orm(
        belongs_to = "super::client::Entity",
        from = "Column::ClientId",
        to = "super::client::Column::Id"
    )]
    Client,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::client::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Client.def()
    }
}
