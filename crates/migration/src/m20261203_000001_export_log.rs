//! The export log: every export of client data (a list as CSV, a data-subject export) leaves
//! a row saying who, when, what was asked for and how many records left the system, for the
//! Kabapas and the Kanwil to read beside the access log (UU PDP 27/2022 accountability).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::index;

/// The `export_log` table.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000001_export_log"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ExportLog::Table)
                    .col(big_pk_auto(ExportLog::Id))
                    .col(timestamp_with_time_zone(ExportLog::At))
                    .col(integer_null(ExportLog::ActorId))
                    .col(string_len(ExportLog::ActorUsername, 32))
                    .col(string_len(ExportLog::Kind, 32))
                    .col(string_len(ExportLog::Filter, 500))
                    .col(big_integer(ExportLog::Rows))
                    .col(integer_null(ExportLog::BapasId))
                    .col(integer_null(ExportLog::KanwilId))
                    .col(string_len_null(ExportLog::RequestId, 64))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_export_log_bapas_at", ExportLog::Table, &[ExportLog::BapasId, ExportLog::At])
            .await?;
        index(manager, "idx_export_log_kanwil_at", ExportLog::Table, &[ExportLog::KanwilId, ExportLog::At])
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ExportLog::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum ExportLog {
    Table,
    Id,
    At,
    ActorId,
    ActorUsername,
    Kind,
    Filter,
    Rows,
    BapasId,
    KanwilId,
    RequestId,
}
