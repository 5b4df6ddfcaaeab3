//! Two-factor sign-in (TOTP, RFC 6238). A user's authenticator key lives in its own table,
//! beside `users` rather than in it: most users have none, and the key is read only at
//! sign-in. `pending_secret` is a key shown for enrolment and not yet confirmed with a code,
//! so re-enrolling a new phone leaves the old key working until the new one is proven.
//! `last_step` is the 30-second step of the last code accepted: a code is accepted only for
//! a later step, so a code seen over a shoulder or replayed is refused. Recovery codes keep
//! only their SHA-256 and when each was used.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index};

/// The `user_second_factors` and `recovery_codes` tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261221_000001_second_factor"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserSecondFactors::Table)
                    .col(integer(UserSecondFactors::UserId).primary_key())
                    .col(string_len_null(UserSecondFactors::Secret, 64))
                    .col(string_len_null(UserSecondFactors::PendingSecret, 64))
                    .col(timestamp_with_time_zone_null(UserSecondFactors::EnabledAt))
                    .col(big_integer_null(UserSecondFactors::LastStep))
                    .col(timestamp_with_time_zone(UserSecondFactors::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_user_second_factors_user",
                        UserSecondFactors::Table,
                        UserSecondFactors::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(pk_auto(RecoveryCodes::Id))
                    .col(integer(RecoveryCodes::UserId))
                    .col(string_len_uniq(RecoveryCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone(RecoveryCodes::CreatedAt))
                    .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                    .foreign_key(&mut fk(
                        "fk_recovery_codes_user",
                        RecoveryCodes::Table,
                        RecoveryCodes::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_recovery_codes_user", RecoveryCodes::Table, &[RecoveryCodes::UserId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RecoveryCodes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(UserSecondFactors::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum UserSecondFactors {
    Table,
    UserId,
    Secret,
    PendingSecret,
    EnabledAt,
    LastStep,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}
