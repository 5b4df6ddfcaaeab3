//! Connecting to the database and migrating it.
//!
//! The URL's scheme picks the backend: `sqlite:` (the embedded default) or `postgres:`.
//! SQLite runs in WAL mode (readers never block the writer) with foreign keys enforced.
//! Writes go through [`begin_write`] and state changes through [`update_if`], so that
//! people acting at the same moment neither fail nor act twice.

use pamong_domain::ErrorKind;
use pamong_migration::{Migrator, MigratorTrait};
pub use sea_orm::DbErr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

use crate::error::ServiceResult;
use std::time::Duration;

/// Opens a pool to `url` and prepares SQLite's pragmas.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        // One writer at a time is SQLite's rule; a small pool avoids lock churn.
        options.max_connections(4).min_connections(1);
    } else {
        options.max_connections(16);
    }
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // journal_mode is stored in the file, so setting it once covers every connection;
        // sqlx turns foreign_keys on for each connection it opens.
        db.execute_unprepared("PRAGMA journal_mode=WAL").await?;
        db.execute_unprepared("PRAGMA foreign_keys=ON").await?;
    }
    Ok(db)
}

/// Begins a transaction that will write. On SQLite it takes the write lock at `BEGIN`
/// (`BEGIN IMMEDIATE`), waiting its turn behind other writers: a transaction begun the
/// default way reads first and then finds, at its first write, that another writer got
/// there in between, which SQLite answers with "database is locked" at once (waiting cannot
/// help a reader whose snapshot is stale). On PostgreSQL this is a plain `BEGIN`.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    db.begin_with_options(options).await
}

/// Saves `model` only if `column` still holds `expected`: the check-then-act of a state
/// change (accept a transfer, approve a Litmas) as one conditional `UPDATE`. Two people
/// acting at once both read the old state; on PostgreSQL the second `UPDATE` waits for the
/// first to commit and then matches no row, and is answered `Conflict`, so a double tap
/// acts once.
pub async fn update_if<A, C>(
    conn: &C,
    model: A,
    column: <A::Entity as EntityTrait>::Column,
    expected: String,
) -> ServiceResult<<A::Entity as EntityTrait>::Model>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    C: ConnectionTrait,
{
    A::Entity::update(model).validate()?.filter(column.eq(expected)).exec(conn).await.map_err(|e| match e {
        DbErr::RecordNotUpdated => ErrorKind::Conflict.into(),
        other => other.into(),
    })
}

/// Applies all pending migrations, then fills what a migration leaves to the code (the words
/// of the clients' names, for a database from before they were kept).
pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    crate::clients::vocabulary::learn_all_if_empty(db).await
}

/// Rolls back the last `steps` migrations (all when `None`).
pub async fn migrate_down(db: &DatabaseConnection, steps: Option<u32>) -> Result<(), DbErr> {
    Migrator::down(db, steps).await
}

/// Names of applied and pending migrations, in order.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<(String, bool)>, DbErr> {
    let applied: Vec<String> =
        Migrator::get_applied_migrations(db).await?.iter().map(|m| m.name().to_owned()).collect();
    Ok(Migrator::migrations()
        .iter()
        .map(|m| {
            let name = m.name().to_owned();
            let done = applied.contains(&name);
            (name, done)
        })
        .collect())
}

/// Whether the database answers a trivial query (for `/readyz`).
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}
