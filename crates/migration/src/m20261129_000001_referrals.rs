//! Referrals of clients to partners' services, and the link from a partner's own users
//! (role `mitra`) to their institution.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The referral tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000001_referrals"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};
        // A plain column: SQLite cannot add a foreign key to an existing table; the service
        // only ever sets it to a partner of the user's own office.
        manager
            .alter_table(
                Table::alter().table(Users::Table).add_column(integer_null(Users::PartnerId)).to_owned(),
            )
            .await?;
        index(manager, "idx_users_partner", Users::Table, &[Users::PartnerId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(Referrals::Table)
                    .col(pk_auto(Referrals::Id))
                    .col(uuid_uniq(Referrals::PublicId))
                    .col(integer(Referrals::ClientId))
                    .col(integer(Referrals::PartnerId))
                    .col(string_len(Referrals::Service, 40))
                    .col(string_len(Referrals::Reason, 1000))
                    .col(boolean(Referrals::Consent))
                    .col(date(Referrals::DueOn))
                    .col(string_len(Referrals::Status, 16))
                    .col(string_len_null(Referrals::DeclineReason, 1000))
                    .col(text_null(Referrals::Outcome))
                    .col(integer_null(Referrals::ReferredBy))
                    .col(timestamp_with_time_zone(Referrals::SentAt))
                    .col(timestamp_with_time_zone(Referrals::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_referrals_client",
                        Referrals::Table,
                        Referrals::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_referrals_partner",
                        Referrals::Table,
                        Referrals::PartnerId,
                        Partners::Table,
                        Partners::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_referrals_partner_status",
            Referrals::Table,
            &[Referrals::PartnerId, Referrals::Status],
        )
        .await?;
        index(manager, "idx_referrals_client", Referrals::Table, &[Referrals::ClientId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Referrals::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("idx_users_partner").table(Users::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Users::Table).drop_column(Users::PartnerId).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    PartnerId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Clients {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Partners {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Referrals {
    Table,
    Id,
    PublicId,
    ClientId,
    PartnerId,
    Service,
    Reason,
    Consent,
    DueOn,
    Status,
    DeclineReason,
    Outcome,
    ReferredBy,
    SentAt,
    UpdatedAt,
}
