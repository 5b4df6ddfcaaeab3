//! Reintegration: the history of each client's checklist items (needed, in progress, met),
//! appended to rather than updated, so the office's needs map can be read as of any day.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The reintegration tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000001_reintegration"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        manager
            .create_table(
                Table::create()
                    .table(ClientNeeds::Table)
                    .col(pk_auto(ClientNeeds::Id))
                    .col(integer(ClientNeeds::ClientId))
                    .col(string_len(ClientNeeds::Item, 24))
                    .col(string_len(ClientNeeds::State, 16))
                    .col(integer_null(ClientNeeds::ReferralId))
                    .col(string_len_null(ClientNeeds::Note, 500))
                    .col(integer_null(ClientNeeds::ChangedBy))
                    .col(date(ClientNeeds::ChangedOn))
                    .col(timestamp_with_time_zone(ClientNeeds::ChangedAt))
                    .foreign_key(&mut fk(
                        "fk_client_needs_client",
                        ClientNeeds::Table,
                        ClientNeeds::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_client_needs_referral",
                        ClientNeeds::Table,
                        ClientNeeds::ReferralId,
                        Referrals::Table,
                        Referrals::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_client_needs_client",
            ClientNeeds::Table,
            &[ClientNeeds::ClientId, ClientNeeds::Item],
        )
        .await?;
        index(manager, "idx_client_needs_changed_on", ClientNeeds::Table, &[ClientNeeds::ChangedOn]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ClientNeeds::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Clients {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Referrals {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum ClientNeeds {
    Table,
    Id,
    ClientId,
    Item,
    State,
    ReferralId,
    Note,
    ChangedBy,
    ChangedOn,
    ChangedAt,
}
