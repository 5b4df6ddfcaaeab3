//! An index to find a request's access-log rows: a child's record viewed twice while one
//! request renders (a page's data can be loaded more than once) is logged once.

use sea_orm_migration::prelude::*;

use crate::helpers::index;

/// The `idx_access_log_request` index.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000001_access_once"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(
            manager,
            "idx_access_log_request",
            AccessLog::Table,
            &[AccessLog::RequestId, AccessLog::EntityId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_access_log_request").table(AccessLog::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum AccessLog {
    Table,
    RequestId,
    EntityId,
}
