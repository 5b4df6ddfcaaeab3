//! A notification to one user on one channel (the app's bell, or e-mail through the worker).

use sea_orm::entity::prelude::*;

/// A row of `notifications`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// What it is about (`NotificationKind`).
    pub kind: String,
    /// What makes it unique, with the channel.
    pub dedup_key: String,
    /// `aplikasi` or `email`.
    pub channel: String,
    /// The user it is for (a bell or an e-mail).
    pub user_id: Option<i32>,
    /// The client it is for (a WhatsApp reminder).
    pub client_id: Option<i32>,
    /// The e-mail address or the phone number (`62…`) it goes to.
    pub address: Option<String>,
    /// Subject line.
    pub subject: String,
    /// Text.
    pub body: String,
    /// The record it leads to (`About::as_text`).
    pub about: String,
    /// For WhatsApp: the approved message template's name.
    pub template: Option<String>,
    /// For WhatsApp: the template's parameters, a JSON array of texts.
    pub params: Option<String>,
    /// `menunggu`, `terkirim` or `gagal`.
    pub status: String,
    /// Failed attempts so far.
    pub attempts: i32,
    /// Not to be tried before this.
    pub next_attempt_at: TimeDateTimeWithTimeZone,
    /// A worker holds it until then.
    pub lease_until: Option<TimeDateTimeWithTimeZone>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// Written.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Delivered.
    pub sent_at: Option<TimeDateTimeWithTimeZone>,
    /// Read in the app.
    pub read_at: Option<TimeDateTimeWithTimeZone>,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
