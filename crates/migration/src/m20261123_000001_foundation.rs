//! Offices, users, sessions, the audit and access logs, settings and login attempts.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

/// The foundation schema.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000001_foundation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Kanwil::Table)
                    .col(pk_auto(Kanwil::Id))
                    .col(uuid_uniq(Kanwil::PublicId))
                    .col(string_len_uniq(Kanwil::ProvinceCode, 2))
                    .col(string_len(Kanwil::Name, 120))
                    .col(boolean(Kanwil::Active).default(true))
                    .col(timestamp_with_time_zone(Kanwil::CreatedAt))
                    .col(timestamp_with_time_zone(Kanwil::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Bapas::Table)
                    .col(pk_auto(Bapas::Id))
                    .col(uuid_uniq(Bapas::PublicId))
                    .col(integer(Bapas::KanwilId))
                    .col(string_len_uniq(Bapas::Code, 20))
                    .col(string_len(Bapas::Name, 120))
                    .col(string_len(Bapas::Class, 2))
                    .col(string_len(Bapas::Zone, 4))
                    .col(string_len_null(Bapas::Address, 300))
                    .col(string_len_null(Bapas::Phone, 20))
                    .col(boolean(Bapas::Active).default(true))
                    .col(timestamp_with_time_zone(Bapas::CreatedAt))
                    .col(timestamp_with_time_zone(Bapas::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bapas_kanwil")
                            .from(Bapas::Table, Bapas::KanwilId)
                            .to(Kanwil::Table, Kanwil::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_bapas_kanwil", Bapas::Table, &[Bapas::KanwilId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(BapasCoverage::Table)
                    .col(pk_auto(BapasCoverage::Id))
                    .col(integer(BapasCoverage::BapasId))
                    .col(string_len(BapasCoverage::Code, 5))
                    .col(string_len(BapasCoverage::Name, 120))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_coverage_bapas")
                            .from(BapasCoverage::Table, BapasCoverage::BapasId)
                            .to(Bapas::Table, Bapas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_coverage_bapas_code")
                    .table(BapasCoverage::Table)
                    .col(BapasCoverage::BapasId)
                    .col(BapasCoverage::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(uuid_uniq(Users::PublicId))
                    .col(string_len_uniq(Users::Username, 32))
                    .col(string_len(Users::FullName, 120))
                    .col(string_len_null(Users::Nip, 18))
                    .col(string_len_null(Users::Email, 254))
                    .col(string_len_null(Users::Phone, 20))
                    .col(string_len(Users::Role, 16))
                    .col(integer_null(Users::KanwilId))
                    .col(integer_null(Users::BapasId))
                    .col(string_len(Users::PasswordHash, 200))
                    .col(boolean(Users::Active).default(true))
                    .col(timestamp_with_time_zone_null(Users::LastLoginAt))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_users_kanwil")
                            .from(Users::Table, Users::KanwilId)
                            .to(Kanwil::Table, Kanwil::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_users_bapas")
                            .from(Users::Table, Users::BapasId)
                            .to(Bapas::Table, Bapas::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_users_bapas", Users::Table, &[Users::BapasId]).await?;
        index(manager, "idx_users_kanwil", Users::Table, &[Users::KanwilId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(text(Sessions::Data))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .col(integer_null(Sessions::UserId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sessions_user")
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_sessions_expires", Sessions::Table, &[Sessions::ExpiresAt]).await?;
        index(manager, "idx_sessions_user", Sessions::Table, &[Sessions::UserId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .col(big_pk_auto(LoginAttempts::Id))
                    .col(string_len(LoginAttempts::Username, 64))
                    .col(string_len_null(LoginAttempts::Ip, 64))
                    .col(boolean(LoginAttempts::Succeeded))
                    .col(timestamp_with_time_zone(LoginAttempts::At))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_login_attempts_user_at",
            LoginAttempts::Table,
            &[LoginAttempts::Username, LoginAttempts::At],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorId))
                    .col(string_len(AuditLog::ActorUsername, 32))
                    .col(string_len(AuditLog::Action, 32))
                    .col(string_len(AuditLog::Entity, 32))
                    .col(string_len(AuditLog::EntityId, 64))
                    .col(text(AuditLog::Changes))
                    .col(string_len_null(AuditLog::RequestId, 64))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_audit_entity", AuditLog::Table, &[AuditLog::Entity, AuditLog::EntityId]).await?;
        index(manager, "idx_audit_at", AuditLog::Table, &[AuditLog::At]).await?;
        manager
            .create_table(
                Table::create()
                    .table(AccessLog::Table)
                    .col(big_pk_auto(AccessLog::Id))
                    .col(timestamp_with_time_zone(AccessLog::At))
                    .col(integer(AccessLog::ActorId))
                    .col(string_len(AccessLog::ActorUsername, 32))
                    .col(string_len(AccessLog::Entity, 32))
                    .col(string_len(AccessLog::EntityId, 64))
                    .col(text_null(AccessLog::Reason))
                    .col(string_len_null(AccessLog::RequestId, 64))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_access_entity", AccessLog::Table, &[AccessLog::Entity, AccessLog::EntityId])
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Settings::Table)
                    .col(string_len(Settings::Key, 64).primary_key())
                    .col(text(Settings::Value))
                    .col(timestamp_with_time_zone(Settings::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children before parents, so foreign keys never dangle.
        for table in [
            Settings::Table.into_iden(),
            AccessLog::Table.into_iden(),
            AuditLog::Table.into_iden(),
            LoginAttempts::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
            BapasCoverage::Table.into_iden(),
            Bapas::Table.into_iden(),
            Kanwil::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Kanwil {
    Table,
    Id,
    PublicId,
    ProvinceCode,
    Name,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Bapas {
    Table,
    Id,
    PublicId,
    KanwilId,
    Code,
    Name,
    Class,
    Zone,
    Address,
    Phone,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum BapasCoverage {
    Table,
    Id,
    BapasId,
    Code,
    Name,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    PublicId,
    Username,
    FullName,
    Nip,
    Email,
    Phone,
    Role,
    KanwilId,
    BapasId,
    PasswordHash,
    Active,
    LastLoginAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
    UserId,
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginAttempts {
    Table,
    Id,
    Username,
    Ip,
    Succeeded,
    At,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorUsername,
    Action,
    Entity,
    EntityId,
    Changes,
    RequestId,
}

#[derive(DeriveIden, Clone, Copy)]
enum AccessLog {
    Table,
    Id,
    At,
    ActorId,
    ActorUsername,
    Entity,
    EntityId,
    Reason,
    RequestId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Settings {
    Table,
    Key,
    Value,
    UpdatedAt,
}
