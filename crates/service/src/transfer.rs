//! Moving an office's SQLite database into PostgreSQL (`pamong migrate-data`): every row of
//! every table, with its id, timestamps and uuids as they were, in one PostgreSQL
//! transaction — a failure leaves the target as empty as it was.
//!
//! Both databases are first brought to this version's schema, so that they have the same
//! tables and columns; the copy then takes the target's tables as its list, in the order of
//! their foreign keys (a row's parents are there before it). Values travel as text and are
//! cast by PostgreSQL to each column's type, except uuids and blobs, which SQLite may keep as
//! bytes and which travel as hex. Tables that are only SQLite's search index (FTS5) have no
//! counterpart and are left behind; the words of the names are rebuilt from the clients, as
//! a migration would. The sequences then continue after the highest id copied.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait, Value};

use crate::backup::table_names;
use crate::clients::vocabulary;
use crate::db;

/// Rows read from SQLite, and written to PostgreSQL, per statement (PostgreSQL binds at most
/// 65,535 values in one statement: fewer rows go at once for a wide table).
const BATCH_ROWS: usize = 1_000;
const MAX_VALUES: usize = 60_000;

/// Tables the copy leaves out: the migrations' own ledger (each side keeps its own) and the
/// name words (derived from the clients, rebuilt on the target).
const NOT_COPIED: [&str; 2] = ["seaql_migrations", vocabulary::TABLE];

/// A copy that could not be made, said so that the operator can act.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The source is not SQLite or the target not PostgreSQL.
    #[error("migrate-data copies a SQLite database (--from sqlite://…) into PostgreSQL (--to postgres://…)")]
    WrongBackends,
    /// The target has rows already.
    #[error("the target database is not empty (table {0} has rows): copy into a new, empty database")]
    NotEmpty(String),
    /// The source lacks a table or column of this version's schema.
    #[error("the source database has no {0}: is it a Pamong database?")]
    Missing(String),
    /// A database failed.
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
}

/// What was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Rows copied per table, in the order copied.
    pub tables: Vec<(String, u64)>,
}

impl Copied {
    /// All rows copied.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

/// One column of the target: its name, PostgreSQL type and type name (`uuid`, `bytea`, …).
struct Column {
    name: String,
    sql_type: String,
    type_name: String,
}

/// Copies every row of the SQLite database `from` into the empty PostgreSQL database `to`,
/// telling `progress` each table's rows as it is done.
pub async fn sqlite_to_postgres(
    from: &DatabaseConnection,
    to: &DatabaseConnection,
    mut progress: impl FnMut(&str, u64),
) -> Result<Copied, TransferError> {
    if from.get_database_backend() != DbBackend::Sqlite || to.get_database_backend() != DbBackend::Postgres {
        return Err(TransferError::WrongBackends);
    }
    refuse_rows(to).await?;
    db::migrate_up(from).await?;
    db::migrate_up(to).await?;
    let source_tables: BTreeSet<String> = table_names(from).await?.into_iter().collect();
    let tables = in_key_order(to).await?;
    let txn = to.begin().await?;
    let mut copied = Vec::with_capacity(tables.len());
    for table in tables.iter().filter(|t| !NOT_COPIED.contains(&t.as_str())) {
        if !source_tables.contains(table) {
            return Err(TransferError::Missing(format!("table {table}")));
        }
        let columns = target_columns(&txn, table).await?;
        let rows = copy_table(from, &txn, table, &columns).await?;
        restart_sequences(&txn, table, &columns).await?;
        progress(table, rows);
        copied.push((table.clone(), rows));
    }
    vocabulary::learn_all_if_empty(&txn).await?;
    txn.commit().await?;
    Ok(Copied { tables: copied })
}

/// Refuses a target with a row in any table (a target without tables, or only migrated, is
/// empty).
async fn refuse_rows(to: &DatabaseConnection) -> Result<(), TransferError> {
    for table in table_names(to).await? {
        if table == "seaql_migrations" {
            continue;
        }
        let sql = format!("SELECT 1 FROM {} LIMIT 1", quoted(&table));
        if to.query_one_raw(Statement::from_string(DbBackend::Postgres, sql)).await?.is_some() {
            return Err(TransferError::NotEmpty(table));
        }
    }
    Ok(())
}

/// The target's tables, each after the tables its foreign keys point to. A table's
/// references to itself do not order it; a cycle between tables (there is none today) would
/// leave its tables in name order, and the copy would fail on the key rather than lose rows.
async fn in_key_order(to: &DatabaseConnection) -> Result<Vec<String>, TransferError> {
    let mut parents: BTreeMap<String, BTreeSet<String>> =
        table_names(to).await?.into_iter().map(|t| (t, BTreeSet::new())).collect();
    let sql = "SELECT c.relname::text, p.relname::text FROM pg_constraint k \
               JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid \
               WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace";
    for row in to.query_all_raw(Statement::from_string(DbBackend::Postgres, sql)).await? {
        let child: String = row.try_get_by_index(0)?;
        let parent: String = row.try_get_by_index(1)?;
        if child != parent
            && parents.contains_key(&parent)
            && let Some(set) = parents.get_mut(&child)
        {
            set.insert(parent);
        }
    }
    let mut ordered = Vec::with_capacity(parents.len());
    while !parents.is_empty() {
        let ready: Vec<String> =
            parents.iter().filter(|(_, p)| p.is_empty()).map(|(t, _)| t.clone()).collect();
        let next = if ready.is_empty() { parents.keys().cloned().collect() } else { ready };
        for table in &next {
            parents.remove(table);
        }
        for set in parents.values_mut() {
            for table in &next {
                set.remove(table);
            }
        }
        ordered.extend(next);
    }
    Ok(ordered)
}

/// The target table's columns (generated ones excepted: PostgreSQL computes them).
async fn target_columns<C: ConnectionTrait>(to: &C, table: &str) -> Result<Vec<Column>, TransferError> {
    let sql = "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), t.typname::text \
               FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid \
               WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped \
               AND a.attgenerated = '' ORDER BY a.attnum";
    let rows = to
        .query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [quoted(table).into()]))
        .await?;
    rows.iter()
        .map(|r| -> Result<Column, TransferError> {
            Ok(Column {
                name: r.try_get_by_index(0)?,
                sql_type: r.try_get_by_index(1)?,
                type_name: r.try_get_by_index(2)?,
            })
        })
        .collect()
}

/// Copies one table, a batch of rows at a time in SQLite's row order; the rows copied.
async fn copy_table<C: ConnectionTrait>(
    from: &DatabaseConnection,
    to: &C,
    table: &str,
    columns: &[Column],
) -> Result<u64, TransferError> {
    let source_columns = sqlite_columns(from, table).await?;
    if let Some(missing) = columns.iter().find(|c| !source_columns.contains(&c.name)) {
        return Err(TransferError::Missing(format!("column {table}.{}", missing.name)));
    }
    let read = format!(
        "SELECT rowid, {} FROM {} WHERE rowid > ? ORDER BY rowid LIMIT ?",
        columns.iter().map(as_text).collect::<Vec<_>>().join(", "),
        quoted(table)
    );
    let per_statement = BATCH_ROWS.min(MAX_VALUES / columns.len().max(1)).max(1);
    let mut after = i64::MIN;
    let mut copied = 0_u64;
    loop {
        let limit = i64::try_from(per_statement).unwrap_or(i64::MAX);
        let rows = from
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                &read,
                [after.into(), limit.into()],
            ))
            .await?;
        let Some(last) = rows.last() else { return Ok(copied) };
        after = last.try_get_by_index(0)?;
        let mut values: Vec<Value> = Vec::with_capacity(rows.len() * columns.len());
        for row in &rows {
            for i in 0..columns.len() {
                values.push(row.try_get_by_index::<Option<String>>(i + 1)?.into());
            }
        }
        to.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            insert_sql(table, columns, rows.len()),
            values,
        ))
        .await?;
        copied += rows.len() as u64;
    }
}

/// The source table's column names.
async fn sqlite_columns(from: &DatabaseConnection, table: &str) -> Result<BTreeSet<String>, TransferError> {
    let rows = from
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT name FROM pragma_table_info(?)",
            [table.into()],
        ))
        .await?;
    rows.iter().map(|r| r.try_get_by_index::<String>(0).map_err(TransferError::from)).collect()
}

/// How SQLite hands a column over: as text, and uuids and blobs kept as bytes as hex.
fn as_text(column: &Column) -> String {
    let name = quoted(&column.name);
    match column.type_name.as_str() {
        "uuid" => format!("CASE typeof({name}) WHEN 'blob' THEN lower(hex({name})) ELSE {name} END"),
        "bytea" => format!("CASE typeof({name}) WHEN 'null' THEN NULL ELSE lower(hex({name})) END"),
        _ => format!("CAST({name} AS TEXT)"),
    }
}

/// `INSERT INTO t (…) VALUES (…), …` for `rows` rows, each value cast from text to its
/// column's type.
fn insert_sql(table: &str, columns: &[Column], rows: usize) -> String {
    let names: Vec<String> = columns.iter().map(|c| quoted(&c.name)).collect();
    let mut sql = format!("INSERT INTO {} ({}) VALUES ", quoted(table), names.join(", "));
    let mut n = 0;
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for (i, column) in columns.iter().enumerate() {
            n += 1;
            if i > 0 {
                sql.push_str(", ");
            }
            if column.type_name == "bytea" {
                sql.push_str(&format!("decode(${n}, 'hex')"));
            } else {
                sql.push_str(&format!("${n}::{}", column.sql_type));
            }
        }
        sql.push(')');
    }
    sql
}

/// Sets each serial column's sequence to continue after the highest value copied.
async fn restart_sequences<C: ConnectionTrait>(
    to: &C,
    table: &str,
    columns: &[Column],
) -> Result<(), TransferError> {
    for column in columns.iter().filter(|c| matches!(c.type_name.as_str(), "int2" | "int4" | "int8")) {
        let sql = format!(
            "SELECT setval(s, COALESCE((SELECT MAX({col}) FROM {t}), 0) + 1, false) \
             FROM pg_get_serial_sequence($1, $2) AS s WHERE s IS NOT NULL",
            col = quoted(&column.name),
            t = quoted(table),
        );
        let values: [Value; 2] = [quoted(table).into(), column.name.clone().into()];
        to.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
    }
    Ok(())
}

/// An identifier in double quotes (the names come from the schemas, never from a user; the
/// quotes keep a name that is a keyword, such as `user`, a name).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, sql_type: &str, type_name: &str) -> Column {
        Column { name: name.into(), sql_type: sql_type.into(), type_name: type_name.into() }
    }

    #[test]
    fn values_are_cast_to_their_columns_types() {
        let columns = [
            column("id", "integer", "int4"),
            column("public_id", "uuid", "uuid"),
            column("file", "bytea", "bytea"),
        ];
        assert_eq!(
            insert_sql("client_imports", &columns, 2),
            "INSERT INTO \"client_imports\" (\"id\", \"public_id\", \"file\") VALUES \
             ($1::integer, $2::uuid, decode($3, 'hex')), ($4::integer, $5::uuid, decode($6, 'hex'))"
        );
        assert_eq!(as_text(&columns[0]), "CAST(\"id\" AS TEXT)");
        assert!(as_text(&columns[1]).contains("lower(hex(\"public_id\"))"));
    }
}
