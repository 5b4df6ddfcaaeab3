//! Spreadsheet imports of clients: the uploaded file, what its check found, and what the
//! import wrote. The file is kept so that the import checks its rows again when it runs (the
//! registry may have changed since the preview) and so that the report can be downloaded
//! later; it is deleted with the row.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index};

/// The `client_imports` table.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261218_000001_client_imports"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::Restrict;
        manager
            .create_table(
                Table::create()
                    .table(ClientImports::Table)
                    .col(pk_auto(ClientImports::Id))
                    .col(uuid_uniq(ClientImports::PublicId))
                    .col(integer(ClientImports::BapasId))
                    .col(integer(ClientImports::UserId))
                    .col(string_len(ClientImports::FileName, 120))
                    .col(blob(ClientImports::File))
                    .col(string_len(ClientImports::Status, 16))
                    .col(integer(ClientImports::Rows))
                    .col(integer(ClientImports::Good))
                    .col(integer(ClientImports::Imported))
                    .col(text(ClientImports::IgnoredColumns))
                    .col(text(ClientImports::Problems))
                    .col(text_null(ClientImports::Written))
                    .col(timestamp_with_time_zone(ClientImports::CreatedAt))
                    .col(timestamp_with_time_zone_null(ClientImports::StartedAt))
                    .col(timestamp_with_time_zone_null(ClientImports::FinishedAt))
                    .foreign_key(&mut fk(
                        "fk_client_imports_bapas",
                        ClientImports::Table,
                        ClientImports::BapasId,
                        Bapas::Table,
                        Bapas::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_client_imports_user",
                        ClientImports::Table,
                        ClientImports::UserId,
                        Users::Table,
                        Users::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_client_imports_bapas",
            ClientImports::Table,
            &[ClientImports::BapasId, ClientImports::CreatedAt],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ClientImports::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum ClientImports {
    Table,
    Id,
    PublicId,
    BapasId,
    UserId,
    FileName,
    File,
    Status,
    Rows,
    Good,
    Imported,
    IgnoredColumns,
    Problems,
    Written,
    CreatedAt,
    StartedAt,
    FinishedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Bapas {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}
