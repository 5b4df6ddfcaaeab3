//! Hardening: login attempts are also counted per client address (an index for that count),
//! and sessions are now stored under a hash of their id, so the sessions stored before
//! cannot be found any more and are removed (everyone signs in once more). A client is
//! watched by a Kelayan Binter group at most once at a time, now also when two people add
//! them at the same moment (a partial unique index).

use sea_orm_migration::prelude::*;

use crate::helpers::index;

/// The per-address login index, and the switch to hashed session ids.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000001_hardening"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(
            manager,
            "idx_login_attempts_ip_at",
            LoginAttempts::Table,
            &[LoginAttempts::Ip, LoginAttempts::At],
        )
        .await?;
        // On PostgreSQL two transactions can both see "not watched yet"; the index lets only
        // one of them insert (SQLite's IMMEDIATE transactions already serialise the check).
        manager
            .create_index(
                Index::create()
                    .name("uq_kb_clients_watching")
                    .table(KbClients::Table)
                    .col(KbClients::GroupId)
                    .col(KbClients::ClientId)
                    .unique()
                    .and_where(Expr::col(KbClients::RemovedOn).is_null())
                    .to_owned(),
            )
            .await?;
        manager.exec_stmt(Query::delete().from_table(Sessions::Table).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("uq_kb_clients_watching").table(KbClients::Table).to_owned())
            .await?;
        manager
            .drop_index(Index::drop().name("idx_login_attempts_ip_at").table(LoginAttempts::Table).to_owned())
            .await?;
        manager.exec_stmt(Query::delete().from_table(Sessions::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginAttempts {
    Table,
    Ip,
    At,
}

#[derive(DeriveIden, Clone, Copy)]
enum KbClients {
    Table,
    GroupId,
    ClientId,
    RemovedOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
}
