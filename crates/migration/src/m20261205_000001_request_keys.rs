//! Idempotency keys: a write that an officer's phone sends from its offline outbox carries a
//! key, and the key is kept here in the transaction of the write, unique per user — so a
//! replay whose answer was lost (the signal dropped after the server committed) is recognised
//! and not recorded twice.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// The `request_key` table.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000001_request_keys"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RequestKey::Table)
                    .col(big_pk_auto(RequestKey::Id))
                    .col(integer(RequestKey::UserId))
                    .col(string_len(RequestKey::Key, 64))
                    .col(string_len(RequestKey::Kind, 32))
                    .col(timestamp_with_time_zone(RequestKey::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_request_key_user_key")
                    .table(RequestKey::Table)
                    .col(RequestKey::UserId)
                    .col(RequestKey::Key)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RequestKey::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum RequestKey {
    Table,
    Id,
    UserId,
    Key,
    Kind,
    CreatedAt,
}
