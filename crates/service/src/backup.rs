//! Backups: a consistent copy of the whole database, taken while the server runs, and its
//! restoration into an empty database.
//!
//! - **SQLite**: `VACUUM INTO` writes a copy as of one transaction's snapshot (readers and the
//!   writer carry on meanwhile, as the database runs in WAL mode); the copy is itself a
//!   SQLite database, which restoring copies the same way into the new place.
//! - **PostgreSQL**: `pg_dump --format=custom` (run when it is on the `PATH`, else the error
//!   says how to run it), restored with `pg_restore`. The password of the URL travels to them
//!   in `PGPASSWORD`, never on a command line that `ps` shows.
//!
//! A restore refuses a database that already has tables: it never merges into, or overwrites,
//! data that is there.

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// A backup or restore that could not be done, said so that the operator can act.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The backup file is there already (a backup never overwrites one).
    #[error("{0} exists already: choose a new file name")]
    Exists(PathBuf),
    /// The file to restore is missing.
    #[error("{0} does not exist")]
    Missing(PathBuf),
    /// The target database has tables.
    #[error("the target database is not empty ({0} tables): restore into a new, empty database")]
    NotEmpty(usize),
    /// `pg_dump` or `pg_restore` is not installed.
    #[error(
        "{tool} was not found: install the PostgreSQL client tools (apt-get install postgresql-client), or run `{tool} {hint}` yourself"
    )]
    NoTool {
        /// The tool.
        tool: &'static str,
        /// Its arguments, without the password.
        hint: String,
    },
    /// The tool ran and failed.
    #[error("{tool} failed: {message}")]
    Tool {
        /// The tool.
        tool: &'static str,
        /// What it printed on standard error.
        message: String,
    },
    /// The URL is not one this knows how to back up.
    #[error("cannot back up or restore {0}: the URL is neither sqlite:// nor postgres://")]
    UnknownDatabase(String),
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// A file could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Writes a consistent copy of the database `db` (opened from `url`) to `file`.
pub async fn backup(db: &DatabaseConnection, url: &str, file: &Path) -> Result<(), BackupError> {
    if file.exists() {
        return Err(BackupError::Exists(file.to_path_buf()));
    }
    match db.get_database_backend() {
        DbBackend::Sqlite => vacuum_into(db, file).await,
        DbBackend::Postgres => {
            let out = file.to_string_lossy().into_owned();
            let args = ["--format=custom", "--no-owner", "--file", out.as_str()];
            run_pg_tool("pg_dump", &args, url).await
        }
        _ => Err(BackupError::UnknownDatabase(redact(url))),
    }
}

/// Restores the backup `file` into the empty database at `url` (`db`, opened from it).
/// SQLite's file must not hold tables yet; it is replaced by the copy.
pub async fn restore(db: DatabaseConnection, url: &str, file: &Path) -> Result<(), BackupError> {
    if !file.exists() {
        return Err(BackupError::Missing(file.to_path_buf()));
    }
    let tables = table_names(&db).await?;
    if !tables.is_empty() {
        return Err(BackupError::NotEmpty(tables.len()));
    }
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            let target = sqlite_path(url).ok_or_else(|| BackupError::UnknownDatabase(redact(url)))?;
            // The empty file goes, with its journal, and the copy takes its place.
            db.close().await?;
            for suffix in ["", "-wal", "-shm"] {
                let path = PathBuf::from(format!("{}{suffix}", target.display()));
                if path.exists() {
                    std::fs::remove_file(path)?;
                }
            }
            // Opened as it is: `db::connect` would switch a file it may not write to WAL.
            let source = sea_orm::Database::connect(format!("sqlite://{}?mode=ro", file.display())).await?;
            let copied = vacuum_into(&source, &target).await;
            source.close().await?;
            copied
        }
        DbBackend::Postgres => {
            let input = file.to_string_lossy().into_owned();
            let args = ["--no-owner", "--exit-on-error", "--single-transaction", input.as_str()];
            run_pg_tool("pg_restore", &args, url).await
        }
        _ => Err(BackupError::UnknownDatabase(redact(url))),
    }
}

/// `VACUUM INTO` the file `to` (its name bound as a parameter, so any path is safe).
async fn vacuum_into(db: &DatabaseConnection, to: &Path) -> Result<(), BackupError> {
    let path = to.to_string_lossy().into_owned();
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [path.into()])).await?;
    Ok(())
}

/// The tables of the database (SQLite's own excepted).
pub async fn table_names(db: &DatabaseConnection) -> Result<Vec<String>, sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
    };
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await?;
    rows.iter().map(|r| r.try_get_by_index::<String>(0)).collect()
}

/// Runs `pg_dump` or `pg_restore` with `args` against the PostgreSQL `url`.
async fn run_pg_tool(tool: &'static str, args: &[&str], url: &str) -> Result<(), BackupError> {
    let (without_password, password) = split_password(url);
    let mut command = tokio::process::Command::new(tool);
    command.args(args).arg("--dbname").arg(&without_password);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = match command.output().await {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(BackupError::NoTool {
                tool,
                hint: format!("{} --dbname {without_password}", args.join(" ")),
            });
        }
        Err(e) => return Err(e.into()),
    };
    if output.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool { tool, message: String::from_utf8_lossy(&output.stderr).trim().to_owned() })
    }
}

/// The URL without its password, and the password.
fn split_password(url: &str) -> (String, Option<String>) {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return (url.to_owned(), None) };
    let rest = &url[scheme_end..];
    let Some(at) = rest.find('@') else { return (url.to_owned(), None) };
    let userinfo = &rest[..at];
    match userinfo.split_once(':') {
        Some((user, password)) => {
            // As typed: `%40` in the URL is `@` in the password.
            let password = percent_encoding::percent_decode_str(password).decode_utf8_lossy().into_owned();
            (format!("{}{user}{}", &url[..scheme_end], &rest[at..]), Some(password))
        }
        None => (url.to_owned(), None),
    }
}

/// The URL for messages: without its password.
fn redact(url: &str) -> String {
    split_password(url).0
}

/// The file of a `sqlite://` URL (`None` for another database or one in memory).
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Each table's columns, in order.
#[cfg(any(test, feature = "test-support"))]
pub async fn columns(
    db: &DatabaseConnection,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let mut out = std::collections::BTreeMap::new();
    for table in table_names(db).await? {
        let sql = match backend {
            DbBackend::Postgres => format!(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position"
            ),
            _ => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
        };
        let names: Vec<String> = db
            .query_all_raw(Statement::from_string(backend, sql))
            .await?
            .iter()
            .map(|r| r.try_get_by_index::<String>(0))
            .collect::<Result<_, _>>()?;
        out.insert(table, names);
    }
    Ok(out)
}

/// Every table's rows and a SHA-256 of their contents (each row's columns as text, the rows
/// sorted): what a round trip through a backup must keep.
#[cfg(any(test, feature = "test-support"))]
pub async fn fingerprints(
    db: &DatabaseConnection,
) -> Result<std::collections::BTreeMap<String, (usize, String)>, sea_orm::DbErr> {
    fingerprints_of(db, &columns(db).await?).await
}

/// [`fingerprints`] of the given tables and columns only (what an upgrade must keep of the
/// tables an older version had).
#[cfg(any(test, feature = "test-support"))]
pub async fn fingerprints_of(
    db: &DatabaseConnection,
    tables: &std::collections::BTreeMap<String, Vec<String>>,
) -> Result<std::collections::BTreeMap<String, (usize, String)>, sea_orm::DbErr> {
    use sha2::{Digest, Sha256};
    let backend = db.get_database_backend();
    let mut out = std::collections::BTreeMap::new();
    for (table, columns) in tables {
        let as_text = |c: &String| match backend {
            DbBackend::Postgres => format!("COALESCE(\"{c}\"::text, '∅')"),
            _ => format!("quote(\"{c}\")"),
        };
        let select = format!(
            "SELECT {} FROM \"{table}\"",
            columns.iter().map(as_text).collect::<Vec<_>>().join(" || '|' || ")
        );
        let mut rows: Vec<String> = db
            .query_all_raw(Statement::from_string(backend, select))
            .await?
            .iter()
            .map(|r| r.try_get_by_index::<String>(0))
            .collect::<Result<_, _>>()?;
        rows.sort_unstable();
        let mut hash = Sha256::new();
        for row in &rows {
            hash.update(row.as_bytes());
            hash.update(b"\n");
        }
        let digest: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        out.insert(table.clone(), (rows.len(), digest));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url() {
        assert_eq!(
            split_password("postgres://pamong:s%40cret@db.example:5432/pamong?sslmode=require"),
            (
                "postgres://pamong@db.example:5432/pamong?sslmode=require".to_owned(),
                Some("s@cret".to_owned())
            )
        );
        assert_eq!(
            split_password("postgres://postgres@127.0.0.1/x"),
            ("postgres://postgres@127.0.0.1/x".into(), None)
        );
        assert_eq!(split_password("postgres:///x"), ("postgres:///x".into(), None));
    }

    #[test]
    fn the_sqlite_file_of_a_url() {
        assert_eq!(sqlite_path("sqlite://data/pamong.db?mode=rwc"), Some(PathBuf::from("data/pamong.db")));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://x/y"), None);
    }
}
