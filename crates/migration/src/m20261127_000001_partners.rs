//! Partner institutions of a Bapas with their contact persons, and cooperation agreements
//! (PKS) between the Bapas and a partner, renewals linked to what they renew.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The partner tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000001_partners"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        manager
            .create_table(
                Table::create()
                    .table(Partners::Table)
                    .col(pk_auto(Partners::Id))
                    .col(uuid_uniq(Partners::PublicId))
                    .col(integer(Partners::BapasId))
                    .col(string_len(Partners::Name, 200))
                    .col(string_len(Partners::NameFolded, 200))
                    .col(string_len(Partners::Kind, 40))
                    .col(string_len_null(Partners::Address, 300))
                    .col(string_len_null(Partners::Area, 200))
                    .col(string_len_null(Partners::Phone, 20))
                    .col(string_len_null(Partners::Email, 200))
                    .col(string_len_null(Partners::Services, 500))
                    .col(text_null(Partners::Notes))
                    .col(boolean(Partners::Active))
                    .col(timestamp_with_time_zone(Partners::CreatedAt))
                    .col(timestamp_with_time_zone(Partners::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_partners_bapas",
                        Partners::Table,
                        Partners::BapasId,
                        Bapas::Table,
                        Bapas::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_partners_bapas_name",
            Partners::Table,
            &[Partners::BapasId, Partners::NameFolded],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(PartnerContacts::Table)
                    .col(pk_auto(PartnerContacts::Id))
                    .col(integer(PartnerContacts::PartnerId))
                    .col(integer(PartnerContacts::Position))
                    .col(string_len(PartnerContacts::Name, 120))
                    .col(string_len_null(PartnerContacts::Role, 120))
                    .col(string_len_null(PartnerContacts::Phone, 20))
                    .col(string_len_null(PartnerContacts::Email, 200))
                    .foreign_key(&mut fk(
                        "fk_partner_contacts_partner",
                        PartnerContacts::Table,
                        PartnerContacts::PartnerId,
                        Partners::Table,
                        Partners::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_partner_contacts_partner", PartnerContacts::Table, &[PartnerContacts::PartnerId])
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Agreements::Table)
                    .col(pk_auto(Agreements::Id))
                    .col(uuid_uniq(Agreements::PublicId))
                    .col(integer(Agreements::BapasId))
                    .col(integer(Agreements::PartnerId))
                    .col(string_len(Agreements::Number, 120))
                    .col(string_len(Agreements::Title, 300))
                    .col(text_null(Agreements::Scope))
                    .col(string_len_null(Agreements::OtherParties, 500))
                    .col(string_len_null(Agreements::Services, 500))
                    .col(date_null(Agreements::SignedOn))
                    .col(date(Agreements::StartOn))
                    .col(date(Agreements::EndOn))
                    .col(date_null(Agreements::TerminatedOn))
                    .col(string_len_null(Agreements::TerminationReason, 500))
                    .col(integer_null(Agreements::PreviousId))
                    .col(timestamp_with_time_zone(Agreements::CreatedAt))
                    .col(timestamp_with_time_zone(Agreements::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_agreements_bapas",
                        Agreements::Table,
                        Agreements::BapasId,
                        Bapas::Table,
                        Bapas::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_agreements_partner",
                        Agreements::Table,
                        Agreements::PartnerId,
                        Partners::Table,
                        Partners::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_agreements_previous",
                        Agreements::Table,
                        Agreements::PreviousId,
                        Agreements::Table,
                        Agreements::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_agreements_bapas_number")
                    .table(Agreements::Table)
                    .col(Agreements::BapasId)
                    .col(Agreements::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_agreements_partner", Agreements::Table, &[Agreements::PartnerId]).await?;
        index(manager, "idx_agreements_end", Agreements::Table, &[Agreements::EndOn]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in
            [Agreements::Table.into_iden(), PartnerContacts::Table.into_iden(), Partners::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Bapas {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Partners {
    Table,
    Id,
    PublicId,
    BapasId,
    Name,
    NameFolded,
    Kind,
    Address,
    Area,
    Phone,
    Email,
    Services,
    Notes,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PartnerContacts {
    Table,
    Id,
    PartnerId,
    Position,
    Name,
    Role,
    Phone,
    Email,
}

#[derive(DeriveIden, Clone, Copy)]
enum Agreements {
    Table,
    Id,
    PublicId,
    BapasId,
    PartnerId,
    Number,
    Title,
    Scope,
    OtherParties,
    Services,
    SignedOn,
    StartOn,
    EndOn,
    TerminatedOn,
    TerminationReason,
    PreviousId,
    CreatedAt,
    UpdatedAt,
}
