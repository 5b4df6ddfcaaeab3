//! A person who logs in to Pamong.

use sea_orm::entity::prelude::*;

/// A row of `users`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public id.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    /// Lower-case login name.
    #[sea_orm(unique)]
    pub username: String,
    /// Full name.
    pub full_name: String,
    /// Civil-servant number.
    pub nip: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Role, text form of `pamong_domain::Role`.
    pub role: String,
    /// Kanwil of a `kanwil` user.
    pub kanwil_id: Option<i32>,
    /// Bapas of a Bapas-level user.
    pub bapas_id: Option<i32>,
    /// The partner institution of a `mitra` user.
    pub partner_id: Option<i32>,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Whether the user may log in.
    pub active: bool,
    /// Last successful login.
    pub last_login_at: Option<TimeDateTimeWithTimeZone>,
    /// When it was created.
    pub created_at: TimeDateTimeWithTimeZone,
    /// When it was last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// Relations of a user.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The user's Kanwil.
    #[sea_orm(
        belongs_to = "super::kanwil::Entity",
        from = "Column::KanwilId",
        to = "super::kanwil::Column::Id"
    )]
    Kanwil,
    /// The user's Bapas.
    #[sea_orm(belongs_to = "super::bapas::Entity", from = "Column::BapasId", to = "super::bapas::Column::Id")]
    Bapas,
}

impl ActiveModelBehavior for ActiveModel {}
