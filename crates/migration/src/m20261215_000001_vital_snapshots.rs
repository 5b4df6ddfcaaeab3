//! The office's vitals as computed for a day, kept so that the regional and national
//! comparisons read 94 offices' twelve-month trends from a table instead of recomputing
//! them from every client's history on each request. A past day's row is final once
//! computed after that day ended; today's is recomputed when it grows old.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::fk;

/// The `vital_snapshots` table.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261215_000001_vital_snapshots"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tbl::Snapshots)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::BapasId))
                    .col(date(Col::Day))
                    .col(timestamp_with_time_zone(Col::ComputedAt))
                    .col(big_integer(Col::Clients))
                    .col(string_len(Col::Figures, 1000))
                    .foreign_key(&mut fk(
                        "fk_vital_snapshots_bapas",
                        Tbl::Snapshots,
                        Col::BapasId,
                        Tbl::Bapas,
                        Col::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_vital_snapshots_day")
                    .table(Tbl::Snapshots)
                    .col(Col::BapasId)
                    .col(Col::Day)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Tbl::Snapshots).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Tbl {
    #[sea_orm(iden = "vital_snapshots")]
    Snapshots,
    #[sea_orm(iden = "bapas")]
    Bapas,
}

#[derive(DeriveIden, Clone, Copy)]
enum Col {
    Id,
    BapasId,
    Day,
    ComputedAt,
    Clients,
    Figures,
}
