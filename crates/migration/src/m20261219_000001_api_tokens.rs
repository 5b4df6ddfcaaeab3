//! Personal access tokens for the REST API (`/api/v1`): an admin issues one to a user, and a
//! system calling the API acts as that user, under the same policy. Only the token's SHA-256
//! is kept (a read of this table signs nobody in); a token is revoked, never deleted, so the
//! audit rows that name it keep their meaning. The rate limit's window lives on the row, so
//! that every server of one database counts the same calls.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index};

/// The `api_tokens` table.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261219_000001_api_tokens"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(pk_auto(ApiTokens::Id))
                    .col(uuid_uniq(ApiTokens::PublicId))
                    .col(integer(ApiTokens::UserId))
                    .col(string_len(ApiTokens::Name, 80))
                    .col(string_len_uniq(ApiTokens::TokenHash, 64))
                    .col(string_len(ApiTokens::Prefix, 16))
                    .col(integer_null(ApiTokens::CreatedBy))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .col(big_integer(ApiTokens::WindowStart))
                    .col(integer(ApiTokens::WindowCount))
                    .foreign_key(&mut fk(
                        "fk_api_tokens_user",
                        ApiTokens::Table,
                        ApiTokens::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_api_tokens_user", ApiTokens::Table, &[ApiTokens::UserId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ApiTokens::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum ApiTokens {
    Table,
    Id,
    PublicId,
    UserId,
    Name,
    TokenHash,
    Prefix,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
    WindowStart,
    WindowCount,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}
