//! A member of a Pokmas Lipas (a person or an organisation).

use sea_orm::entity::prelude::*;

/// A row of `pokmas_members`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pokmas_members")]
pub struct Model {
    /// Internal key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The Pokmas (a partner).
    pub partner_id: i32,
    /// Name.
    pub name: String,
    /// An organisation rather than a person.
    pub organisation: bool,
    /// Role or description.
    pub role: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// Relations are followed by id in the service.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
