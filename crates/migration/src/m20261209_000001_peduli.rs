//! Klien Bapas Peduli: each office's monthly social activities, the partners who joined
//! them and the clients who took part.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The Klien Bapas Peduli tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261209_000001_peduli"
    }
}

async fn unique(manager: &SchemaManager<'_>, name: &str, table: Tbl, cols: [Col; 2]) -> Result<(), DbErr> {
    let [a, b] = cols;
    manager.create_index(Index::create().name(name).table(table).col(a).col(b).unique().to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};
        manager
            .create_table(
                Table::create()
                    .table(Tbl::Activities)
                    .col(pk_auto(Col::Id))
                    .col(uuid_uniq(Col::PublicId))
                    .col(integer(Col::BapasId))
                    .col(date(Col::HeldOn))
                    .col(string_len(Col::Place, 200))
                    .col(string_len(Col::Kind, 24))
                    .col(string_len_null(Col::Description, 2000))
                    .col(integer_null(Col::RecordedBy))
                    .col(timestamp_with_time_zone(Col::CreatedAt))
                    .col(timestamp_with_time_zone(Col::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_social_activities_bapas",
                        Tbl::Activities,
                        Col::BapasId,
                        Tbl::Bapas,
                        Col::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_social_activities_bapas", Tbl::Activities, &[Col::BapasId, Col::HeldOn]).await?;
        index(manager, "idx_social_activities_held_on", Tbl::Activities, &[Col::HeldOn]).await?;
        manager
            .create_table(
                Table::create()
                    .table(Tbl::ActivityPartners)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::ActivityId))
                    .col(integer(Col::PartnerId))
                    .foreign_key(&mut fk(
                        "fk_social_activity_partners_activity",
                        Tbl::ActivityPartners,
                        Col::ActivityId,
                        Tbl::Activities,
                        Col::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_social_activity_partners_partner",
                        Tbl::ActivityPartners,
                        Col::PartnerId,
                        Tbl::Partners,
                        Col::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "idx_social_activity_partners_once",
            Tbl::ActivityPartners,
            [Col::ActivityId, Col::PartnerId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Tbl::ActivityClients)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::ActivityId))
                    .col(integer(Col::ClientId))
                    .col(integer_null(Col::AddedBy))
                    .col(timestamp_with_time_zone(Col::AddedAt))
                    .foreign_key(&mut fk(
                        "fk_social_activity_clients_activity",
                        Tbl::ActivityClients,
                        Col::ActivityId,
                        Tbl::Activities,
                        Col::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_social_activity_clients_client",
                        Tbl::ActivityClients,
                        Col::ClientId,
                        Tbl::Clients,
                        Col::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "idx_social_activity_clients_once",
            Tbl::ActivityClients,
            [Col::ActivityId, Col::ClientId],
        )
        .await?;
        index(manager, "idx_social_activity_clients_client", Tbl::ActivityClients, &[Col::ClientId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Tbl::ActivityClients, Tbl::ActivityPartners, Tbl::Activities] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// The tables this migration creates or points at.
#[derive(DeriveIden, Clone, Copy)]
enum Tbl {
    #[sea_orm(iden = "social_activities")]
    Activities,
    #[sea_orm(iden = "social_activity_partners")]
    ActivityPartners,
    #[sea_orm(iden = "social_activity_clients")]
    ActivityClients,
    #[sea_orm(iden = "bapas")]
    Bapas,
    #[sea_orm(iden = "partners")]
    Partners,
    #[sea_orm(iden = "clients")]
    Clients,
}

/// Their columns.
#[derive(DeriveIden, Clone, Copy)]
enum Col {
    Id,
    PublicId,
    BapasId,
    HeldOn,
    Place,
    Kind,
    Description,
    RecordedBy,
    CreatedAt,
    UpdatedAt,
    ActivityId,
    PartnerId,
    ClientId,
    AddedBy,
    AddedAt,
}
