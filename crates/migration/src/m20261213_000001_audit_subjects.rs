//! The office and the client an audit row is about, so that a record's history can be shown
//! on its page and an office's audit log searched. Rows written before this migration have
//! neither and stay readable in the admin's search of the whole log.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

/// The audit row's office and client.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261213_000001_audit_subjects"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [AuditLog::BapasId, AuditLog::ClientId] {
            manager
                .alter_table(
                    Table::alter().table(AuditLog::Table).add_column(integer_null(column)).to_owned(),
                )
                .await?;
        }
        index(manager, "idx_audit_log_bapas_at", AuditLog::Table, &[AuditLog::BapasId, AuditLog::At]).await?;
        index(manager, "idx_audit_log_client_at", AuditLog::Table, &[AuditLog::ClientId, AuditLog::At]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_audit_log_bapas_at", "idx_audit_log_client_at"] {
            manager.drop_index(Index::drop().name(name).table(AuditLog::Table).to_owned()).await?;
        }
        for column in [AuditLog::BapasId, AuditLog::ClientId] {
            manager.alter_table(Table::alter().table(AuditLog::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    BapasId,
    ClientId,
    At,
}
