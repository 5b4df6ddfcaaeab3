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
    let unknown = unknown_migrations(db).await?;
    if !unknown.is_empty() {
        return Err(DbErr::Custom(format!(
            "the database is newer than this version of Pamong: it has migrations this version \
             does not know ({}). Run the newer version, or restore a backup taken before the upgrade.",
            unknown.join(", ")
        )));
    }
    Migrator::up(db, None).await?;
    crate::clients::vocabulary::learn_all_if_empty(db).await
}

/// Rolls back the last `steps` migrations (all when `None`).
pub async fn migrate_down(db: &DatabaseConnection, steps: Option<u32>) -> Result<(), DbErr> {
    Migrator::down(db, steps).await
}

/// Migrations the database has applied that this version does not know: a newer version
/// migrated it. The server refuses to start on such a database rather than run against
/// tables it does not understand.
pub async fn unknown_migrations(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    Ok(Migrator::get_migration_models(db)
        .await?
        .into_iter()
        .map(|m| m.version)
        .filter(|version| !known.contains(version))
        .collect())
}

/// Names of applied and pending migrations, in order.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<(String, bool)>, DbErr> {
    // From the table itself: sea-orm's own status refuses a database with unknown migrations,
    // which is the one `migrate status` must still describe.
    let applied: Vec<String> =
        Migrator::get_migration_models(db).await?.into_iter().map(|m| m.version).collect();
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

/// How the connection pool is used at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    /// Open and waiting for a query.
    pub idle: u64,
    /// Open and running one.
    pub in_use: u64,
    /// The most the pool opens.
    pub max: u64,
}

/// The pool's use now (`/metrics`); `None` for a connection that is not a pool (a mock).
pub fn pool_use(db: &DatabaseConnection) -> Option<PoolUse> {
    let (size, idle, max) = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle(), pool.options().get_max_connections())
        }
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle(), pool.options().get_max_connections())
        }
        _ => return None,
    };
    let idle = u64::try_from(idle).unwrap_or(u64::MAX);
    Some(PoolUse { idle, in_use: u64::from(size).saturating_sub(idle), max: u64::from(max) })
}
