//! Client search served by an index at national scale (a million clients): what an officer
//! types is matched as a substring of the folded name (which holds the aliases too) and of
//! the register number, and as a prefix of the NIK.
//!
//! - SQLite: an FTS5 table with the trigram tokenizer over `clients` (external content, so
//!   the text is not stored twice), kept in step by triggers. FTS5 answers `LIKE` on its
//!   columns from the trigram index whenever the pattern holds three letters in a row.
//! - PostgreSQL: `pg_trgm` GIN indexes (GIN rather than GiST: reads far outnumber writes) on
//!   the folded name and the lower-cased register number, which answer the same `LIKE`s.
//!
//! The NIK prefix is a range over the existing unique index on both.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// The name index.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261216_000001_name_index"
    }
}

const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE client_search USING fts5(name_folded, register_number, \
     content='clients', content_rowid='id', tokenize='trigram')",
    "INSERT INTO client_search(client_search) VALUES ('rebuild')",
    "CREATE TRIGGER client_search_insert AFTER INSERT ON clients BEGIN \
     INSERT INTO client_search(rowid, name_folded, register_number) \
     VALUES (new.id, new.name_folded, new.register_number); END",
    "CREATE TRIGGER client_search_delete AFTER DELETE ON clients BEGIN \
     INSERT INTO client_search(client_search, rowid, name_folded, register_number) \
     VALUES ('delete', old.id, old.name_folded, old.register_number); END",
    "CREATE TRIGGER client_search_update AFTER UPDATE OF name_folded, register_number ON clients BEGIN \
     INSERT INTO client_search(client_search, rowid, name_folded, register_number) \
     VALUES ('delete', old.id, old.name_folded, old.register_number); \
     INSERT INTO client_search(rowid, name_folded, register_number) \
     VALUES (new.id, new.name_folded, new.register_number); END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS client_search_update",
    "DROP TRIGGER IF EXISTS client_search_delete",
    "DROP TRIGGER IF EXISTS client_search_insert",
    "DROP TABLE IF EXISTS client_search",
];

const POSTGRES_UP: &[&str] = &[
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ix_clients_name_trgm ON clients USING gin (name_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS ix_clients_register_trgm ON clients \
     USING gin (lower(register_number) gin_trgm_ops)",
];

const POSTGRES_DOWN: &[&str] =
    &["DROP INDEX IF EXISTS ix_clients_register_trgm", "DROP INDEX IF EXISTS ix_clients_name_trgm"];

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    for sql in statements {
        manager.get_connection().execute_unprepared(sql).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, SQLITE_UP).await,
            DbBackend::Postgres => run(manager, POSTGRES_UP).await,
            other => Err(DbErr::Migration(format!("no client search index for {other:?}"))),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, SQLITE_DOWN).await,
            DbBackend::Postgres => run(manager, POSTGRES_DOWN).await,
            other => Err(DbErr::Migration(format!("no client search index for {other:?}"))),
        }
    }
}
