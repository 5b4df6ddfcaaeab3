//! A NIK is unique among active supervisions only. Someone whose supervision ended and who
//! comes back to a Bapas (a new sentence, a new parole) is registered again under the same
//! NIK, as a new client with a new register number — which is also how the outcome
//! evaluation traces re-entry. Two active supervisions of one NIK stay impossible.

use sea_orm_migration::prelude::*;

/// The NIK's unique index narrowed to active clients, and a plain index for re-entry.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261214_000001_nik_reentry"
    }
}

// A partial index is written in SQL: SQLite and PostgreSQL spell it the same way.
const UP: [&str; 3] = [
    "DROP INDEX uq_clients_nik",
    "CREATE UNIQUE INDEX uq_clients_nik_active ON clients (nik) WHERE status = 'aktif'",
    "CREATE INDEX idx_clients_nik ON clients (nik)",
];

const DOWN: [&str; 3] = [
    "DROP INDEX idx_clients_nik",
    "DROP INDEX uq_clients_nik_active",
    "CREATE UNIQUE INDEX uq_clients_nik ON clients (nik)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &DOWN).await
    }
}

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}
