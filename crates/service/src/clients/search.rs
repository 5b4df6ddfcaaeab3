//! Finding a client as the officer types: by name (case- and accent-insensitive, partial,
//! forgiving one typo), by NIK prefix, or by register number — from an index, so that a
//! search costs about the same at a million clients as at a thousand.
//!
//! Names are stored folded (`clients.name_folded`, the aliases with them), so each way of
//! matching is a [`Probe`]: a `LIKE` over the folded name or the register number, or a range
//! of NIKs. On SQLite a name or register probe reads the FTS5 trigram table `client_search`
//! and joins the client row by id; on PostgreSQL the `pg_trgm` GIN indexes answer the same
//! `LIKE` on `clients` itself (see the migration `m20261216_000001_name_index`), asked alone
//! before the scope (see [`trigram_first`]). Only when
//! nothing contains the text as typed is one typo forgiven: the text with one word corrected
//! to a word of the names (see [`super::vocabulary`]) is searched the same way.
//!
//! A search stops at [`SEARCH_CAP`] clients: past that the officer is asked to type more.
//! Counting every "Santoso" among a million clients is what made the old scan slow, and no
//! one pages through a thousand of them.

use pamong_domain::client::fold_name;
use pamong_entity::client;
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, DbBackend, Iden};

use crate::search::contains_ci;

/// Most clients a search lists; past this it says "more than" and asks for more letters.
pub const SEARCH_CAP: u64 = 1_000;

/// The FTS5 table over the clients' folded names and register numbers (SQLite only).
const SEARCH_TABLE: &str = "client_search";

/// One way what was typed can match a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// The folded name (with the aliases) is `LIKE` this pattern (`%` and `_` only as
    /// wildcards: a folded query holds only letters, digits and spaces).
    Name(String),
    /// The register number contains this text, in any case.
    Register(String),
    /// The NIK starts with these digits.
    NikPrefix(String),
}

/// The probes of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSearch {
    /// Name, NIK prefix or register number containing the text as typed.
    pub exact: Vec<Probe>,
    /// The text folded as names are, whose words a typo search corrects.
    pub folded: String,
}

/// The search for what the officer typed.
pub fn name_search(raw: &str) -> NameSearch {
    let folded = fold_name(raw);
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let mut exact = Vec::new();
    if !folded.is_empty() {
        exact.push(Probe::Name(format!("%{folded}%")));
    }
    // Names have no digits; register numbers and NIKs do, so only such a query looks there.
    if raw.chars().any(|c| c.is_ascii_digit()) {
        exact.push(Probe::Register(raw.trim().to_lowercase()));
        if compact.len() >= 4 && compact.bytes().all(|b| b.is_ascii_digit()) {
            exact.push(Probe::NikPrefix(compact));
        }
    }
    NameSearch { exact, folded }
}

/// Whether a `LIKE` pattern holds three characters in a row that are not wildcards: what the
/// trigram index needs to find candidates rather than read every row.
fn has_trigram(pattern: &str) -> bool {
    pattern.split(['%', '_']).any(|run| run.chars().count() >= 3)
}

/// A register number searched through the FTS5 table must not need an escape (FTS5 does not
/// use its index for `LIKE … ESCAPE`): register numbers hold letters, digits and `./-`.
fn plain_register_text(text: &str) -> bool {
    text.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '/' | '-' | ' '))
}

/// The first text after every text starting with `prefix` (digits, or a folded word), in
/// bytewise order.
pub(super) fn prefix_end(prefix: &str) -> String {
    // '9' + 1 is ':', which sorts after every digit.
    let mut end: Vec<char> = prefix.chars().collect();
    if let Some(last) = end.last_mut() {
        *last = char::from_u32(u32::from(*last) + 1).unwrap_or(char::MAX);
    }
    end.into_iter().collect()
}

impl Probe {
    /// The statement selecting the ids and folded names of the clients matching `scope` that
    /// this probe finds, at most `limit` of them, for `backend`. The name comes with the id
    /// so that the hits can be put in name order without reading them again.
    pub fn statement(&self, backend: DbBackend, scope: Condition, limit: u64) -> SelectStatement {
        let mut on_clients = Query::select();
        on_clients
            .columns(HIT.map(|c| (client::Entity, c)))
            .from(client::Entity)
            .cond_where(scope.clone())
            .limit(limit);
        match self {
            Probe::NikPrefix(prefix) => {
                on_clients
                    .and_where(client::Column::Nik.gte(prefix.as_str()))
                    .and_where(client::Column::Nik.lt(prefix_end(prefix)));
                on_clients
            }
            Probe::Name(pattern) if backend == DbBackend::Sqlite && has_trigram(pattern) => {
                through_fts(client::Column::NameFolded, pattern, scope, limit)
            }
            Probe::Register(text) if backend == DbBackend::Sqlite && plain_register_text(text) => {
                let pattern = format!("%{text}%");
                if has_trigram(&pattern) {
                    through_fts(client::Column::RegisterNumber, &pattern, scope, limit)
                } else {
                    on_clients.and_where(contains_ci(client::Column::RegisterNumber, text));
                    on_clients
                }
            }
            Probe::Name(pattern) if backend == DbBackend::Postgres && has_trigram(pattern) => trigram_first(
                Expr::col((client::Entity, client::Column::NameFolded)).like(pattern),
                scope,
                limit,
            ),
            Probe::Register(text) if backend == DbBackend::Postgres && has_trigram(text) => {
                trigram_first(contains_ci(client::Column::RegisterNumber, text), scope, limit)
            }
            Probe::Name(pattern) => {
                on_clients.and_where(Expr::col((client::Entity, client::Column::NameFolded)).like(pattern));
                on_clients
            }
            Probe::Register(text) => {
                on_clients.and_where(contains_ci(client::Column::RegisterNumber, text));
                on_clients
            }
        }
    }
}

/// What a probe reads of each client it finds.
const HIT: [client::Column; 2] = [client::Column::Id, client::Column::NameFolded];

/// `SELECT clients.id, clients.name_folded FROM (SELECT * FROM clients WHERE <matches>
/// OFFSET 0) AS clients WHERE <scope> LIMIT <limit>` (PostgreSQL): the candidates come from
/// the trigram GIN index alone, each then checked against the scope, stopping at the limit.
///
/// Asked as one `WHERE`, PostgreSQL's planner intersects the trigram bitmap with the office's
/// b-tree (`idx_clients_bapas_status_name`): at a million clients that is a bitmap of the
/// office's third of them, 20 ms, to save reading rows the limit stops short of anyway
/// (`EXPLAIN ANALYZE`, 2026-12-07: `hidayat` 37 ms that way, 17 ms this way). The `OFFSET 0`
/// keeps the scope out of the inner query, as a subquery with an offset is planned alone.
fn trigram_first(matches: SimpleExpr, scope: Condition, limit: u64) -> SelectStatement {
    let candidates = Query::select()
        .column((client::Entity, Asterisk))
        .from(client::Entity)
        .and_where(matches)
        .offset(0)
        .to_owned();
    Query::select()
        .columns(HIT.map(|c| (client::Entity, c)))
        .from_subquery(candidates, client::Entity)
        .cond_where(scope)
        .limit(limit)
        .to_owned()
}

/// `SELECT clients.id, clients.name_folded FROM client_search CROSS JOIN clients WHERE
/// clients.id = client_search.rowid AND <the pattern, see [`fts_match`]> AND <scope> LIMIT
/// <limit>`: SQLite keeps the order of a `CROSS JOIN`, so the trigram index yields the
/// candidates and each is checked against the scope by its primary key, stopping at the limit.
fn through_fts(column: client::Column, pattern: &str, scope: Condition, limit: u64) -> SelectStatement {
    let fts = Alias::new(SEARCH_TABLE);
    Query::select()
        .columns(HIT.map(|c| (client::Entity, c)))
        .from(fts.clone())
        .cross_join(client::Entity)
        .and_where(Expr::col((client::Entity, client::Column::Id)).equals((fts, Alias::new("rowid"))))
        .and_where(fts_match(column, pattern))
        .cond_where(scope)
        .limit(limit)
        .to_owned()
}

/// The condition on the trigram table for a `LIKE` pattern: FTS5 answers it from the rows
/// holding all of its trigrams, each then checked against the pattern.
fn fts_match(column: client::Column, pattern: &str) -> SimpleExpr {
    Expr::col((Alias::new(SEARCH_TABLE), Alias::new(column.to_string()))).like(pattern)
}

/// The statements a search of `raw` runs as typed, for SQLite and PostgreSQL, joined: what
/// the property tests and the fuzz target build.
#[cfg(any(test, feature = "test-support"))]
pub fn statements(raw: &str) -> [String; 2] {
    let search = name_search(raw);
    let probes: Vec<&Probe> = search.exact.iter().collect();
    [DbBackend::Sqlite, DbBackend::Postgres].map(|backend| {
        probes
            .iter()
            .map(|p| backend.build(&p.statement(backend, Condition::all(), SEARCH_CAP + 1)).to_string())
            .collect::<Vec<_>>()
            .join(";\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nik_prefix_is_a_range_over_the_index() {
        assert_eq!(prefix_end("3173"), "3174");
        assert_eq!(prefix_end("3179"), "317:");
        assert!("3179999999999999" < prefix_end("3179").as_str());
        let search = name_search("3173 0512");
        assert!(search.exact.contains(&Probe::NikPrefix("31730512".into())));
    }

    #[test]
    fn sqlite_reads_names_through_the_trigram_table_and_postgres_from_clients() {
        let probe = Probe::Name("%santo%".into());
        let sqlite =
            DbBackend::Sqlite.build(&probe.statement(DbBackend::Sqlite, Condition::all(), 11)).to_string();
        assert!(sqlite.contains(r#"FROM "client_search" CROSS JOIN "clients""#), "{sqlite}");
        let postgres = DbBackend::Postgres
            .build(&probe.statement(DbBackend::Postgres, Condition::all(), 11))
            .to_string();
        assert!(
            postgres.contains(r#"FROM (SELECT "clients".* FROM "clients" WHERE "clients"."name_folded" LIKE '%santo%' OFFSET 0) AS "clients""#)
                && !postgres.contains("client_search"),
            "{postgres}"
        );
        let short = Probe::Name("%bu%".into());
        let sqlite =
            DbBackend::Sqlite.build(&short.statement(DbBackend::Sqlite, Condition::all(), 11)).to_string();
        assert!(!sqlite.contains("client_search"), "two letters scan the clients: {sqlite}");
    }

    /// The SQL of the largest search is built on a quarter of a tokio worker's stack (2 MiB):
    /// what killed the server was this query growing with the text typed, since sea-query
    /// renders an `OR` chain recursively, a few kilobytes of stack per pattern in a debug
    /// build.
    #[test]
    fn the_largest_search_builds_on_a_small_stack() {
        let worst: String = "1234567890".repeat(4);
        assert_eq!(name_search(&worst).exact.len(), 3, "name, register number and NIK");
        assert!(sql_on_a_small_stack(worst).iter().all(|len| *len > 300));
    }

    /// The lengths of the SQL of `q` for both databases, built on a quarter of a worker's
    /// stack.
    fn sql_on_a_small_stack(q: String) -> [usize; 2] {
        std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || statements(&q).map(|sql| sql.len()))
            .expect("spawn")
            .join()
            .expect("no overflow")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Whatever the list accepts as a search (any characters, up to the cap) becomes SQL
        /// of bounded size without exhausting the stack.
        #[test]
        fn any_accepted_search_builds_bounded_sql(raw in "\\PC{0,120}|[a-z ]{0,120}|[0-9 ]{0,40}") {
            let query = pamong_domain::page::ListQuery { q: raw, ..Default::default() };
            if let Ok(Some(q)) = query.search() {
                let lengths = sql_on_a_small_stack(q.to_owned());
                proptest::prop_assert!(lengths.iter().all(|len| *len < 64 * 1024), "{lengths:?}");
            }
        }
    }
}
