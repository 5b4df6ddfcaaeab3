//! Notifications: one row per recipient and channel. A user's in-app one is delivered when
//! written and waits to be read; an e-mail or a client's WhatsApp reminder waits for the
//! worker, which leases it (so two servers do
//! not both send it), and on a failure retries it later. `(dedup_key, channel)` is unique, so
//! the same fact written twice — by a sweep that runs again, or by two servers — notifies
//! once. A WhatsApp reminder goes to a client, never a user, and only with the client's
//! consent, recorded on the client (`clients.whatsapp_consent_at`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::helpers::{fk, index};

/// The `notifications` table.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261220_000001_notifications"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_auto(Notifications::Id))
                    .col(uuid_uniq(Notifications::PublicId))
                    .col(string_len(Notifications::Kind, 40))
                    .col(string_len(Notifications::DedupKey, 200))
                    .col(string_len(Notifications::Channel, 16))
                    .col(integer_null(Notifications::UserId))
                    .col(integer_null(Notifications::ClientId))
                    .col(string_len_null(Notifications::Address, 200))
                    .col(string_len(Notifications::Subject, 200))
                    .col(text(Notifications::Body))
                    .col(string_len(Notifications::About, 60))
                    .col(string_len_null(Notifications::Template, 80))
                    .col(text_null(Notifications::Params))
                    .col(string_len(Notifications::Status, 16))
                    .col(integer(Notifications::Attempts))
                    .col(timestamp_with_time_zone(Notifications::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Notifications::LeaseUntil))
                    .col(string_len_null(Notifications::LastError, 500))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::SentAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(&mut fk(
                        "fk_notifications_user",
                        Notifications::Table,
                        Notifications::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_notifications_client",
                        Notifications::Table,
                        Notifications::ClientId,
                        Clients::Table,
                        Clients::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Clients::Table)
                    .add_column(timestamp_with_time_zone_null(Clients::WhatsappConsentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_notifications_key_channel")
                    .table(Notifications::Table)
                    .col(Notifications::DedupKey)
                    .col(Notifications::Channel)
                    .unique()
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_notifications_due",
            Notifications::Table,
            &[Notifications::Status, Notifications::NextAttemptAt],
        )
        .await?;
        index(
            manager,
            "idx_notifications_user",
            Notifications::Table,
            &[Notifications::UserId, Notifications::Channel, Notifications::ReadAt],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Notifications::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter().table(Clients::Table).drop_column(Clients::WhatsappConsentAt).to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Notifications {
    Table,
    Id,
    PublicId,
    Kind,
    DedupKey,
    Channel,
    UserId,
    ClientId,
    Address,
    Subject,
    Body,
    About,
    Template,
    Params,
    Status,
    Attempts,
    NextAttemptAt,
    LeaseUntil,
    LastError,
    CreatedAt,
    SentAt,
    ReadAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Clients {
    Table,
    Id,
    WhatsappConsentAt,
}
