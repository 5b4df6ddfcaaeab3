//! The Kemendagri region list, for addresses picked step by step.

use sea_orm_migration::{prelude::*, schema::*};

/// The `regions` table.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000001_regions"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Regions::Table)
                    .col(string_len(Regions::Code, 13).primary_key())
                    .col(string_len(Regions::Name, 120))
                    .col(small_integer(Regions::Level))
                    .col(string_len_null(Regions::ParentCode, 13))
                    .col(timestamp_with_time_zone(Regions::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_regions_parent")
                    .table(Regions::Table)
                    .col(Regions::ParentCode)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Regions::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Regions {
    Table,
    Code,
    Name,
    Level,
    ParentCode,
    UpdatedAt,
}
