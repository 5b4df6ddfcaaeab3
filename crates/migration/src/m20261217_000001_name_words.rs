//! The words of the clients' names, each kept under its variants (the word, and the word with
//! each one letter dropped), so that a search can correct a typed word to the names' words one
//! edit from it with an index lookup (`pamong_service::clients::vocabulary`).
//!
//! The variant comes first in the primary key: lookups are by variant, or by a range of
//! variants starting with some text. On PostgreSQL the variant sorts bytewise (`COLLATE "C"`)
//! so that such a range holds exactly the texts starting with it. The rows are filled from the
//! clients' names after migrating, when the table is empty.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// The name words.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261217_000001_name_words"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DbBackend::Sqlite => {
                "CREATE TABLE name_word_keys (variant TEXT NOT NULL, word TEXT NOT NULL, \
                 PRIMARY KEY (variant, word)) WITHOUT ROWID"
            }
            DbBackend::Postgres => {
                "CREATE TABLE name_word_keys (variant VARCHAR(30) COLLATE \"C\" NOT NULL, \
                 word VARCHAR(30) NOT NULL, PRIMARY KEY (variant, word))"
            }
            other => return Err(DbErr::Migration(format!("no name words for {other:?}"))),
        };
        manager.get_connection().execute_unprepared(sql).await.map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE IF EXISTS name_word_keys").await.map(|_| ())
    }
}
