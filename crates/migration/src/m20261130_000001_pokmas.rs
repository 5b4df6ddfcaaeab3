//! Pokmas Lipas: the domain a community partner group works in, and its members (people or
//! organisations).

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The Pokmas tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000001_pokmas"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Partners::Table)
                    .add_column(string_len_null(Partners::PokmasDomain, 40))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PokmasMembers::Table)
                    .col(pk_auto(PokmasMembers::Id))
                    .col(integer(PokmasMembers::PartnerId))
                    .col(string_len(PokmasMembers::Name, 200))
                    .col(boolean(PokmasMembers::Organisation))
                    .col(string_len_null(PokmasMembers::Role, 200))
                    .col(string_len_null(PokmasMembers::Phone, 20))
                    .foreign_key(&mut fk(
                        "fk_pokmas_members_partner",
                        PokmasMembers::Table,
                        PokmasMembers::PartnerId,
                        Partners::Table,
                        Partners::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_pokmas_members_partner", PokmasMembers::Table, &[PokmasMembers::PartnerId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PokmasMembers::Table).to_owned()).await?;
        manager
            .alter_table(Table::alter().table(Partners::Table).drop_column(Partners::PokmasDomain).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Partners {
    Table,
    Id,
    PokmasDomain,
}

#[derive(DeriveIden, Clone, Copy)]
enum PokmasMembers {
    Table,
    Id,
    PartnerId,
    Name,
    Organisation,
    Role,
    Phone,
}
