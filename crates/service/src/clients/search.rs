//! Finding a client as the officer types: by name (case- and accent-insensitive, partial,
//! forgiving one typo), by NIK prefix, or by register number — from an index, so that a
//! search costs about the same at a million clients as at a thousand.
//!
//! Names are stored folded (`clients.name_folded`, the aliases with them), so each way of
//! matching is a [`Probe`]: a `LIKE` over the folded name or the register number, or a range
//! of NIKs. On SQLite a name or register probe reads the FTS5 trigram table `client_search`
//! and joins the client row by id; on PostgreSQL the `pg_trgm` GIN indexes answer the same
//! `LIKE` on `clients` itself (see the migration `m20261216_000001_name_index`). One typo is
//! matched by the patterns one edit away from the query (a `_` for a wrong or extra letter, a
//! letter dropped, two letters swapped), each its own probe, tried only when nothing
//! contains the text as typed.
//!
//! A search stops at [`SEARCH_CAP`] clients: past that the officer is asked to type more.
//! Counting every "Santoso" among a million clients is what made the old scan slow, and no
//! one pages through a thousand of them.

use pamong_domain::client::fold_name;
use pamong_entity::client;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, DbBackend, Iden};

use crate::search::contains_ci;

/// Most clients a search lists; past this it says "more than" and asks for more letters.
pub const SEARCH_CAP: u64 = 1_000;

/// Shortest folded query for which typo patterns are tried; shorter ones would match most
/// names.
pub const FUZZY_MIN_CHARS: usize = 4;
/// Longest folded query for which typo patterns are tried. The patterns grow with the
/// length (four per letter), each a statement of its own; no real name typed into a search
/// box is longer.
pub const FUZZY_MAX_CHARS: usize = 30;

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
    /// Names one typo away; empty for queries too short (or too long) to fuzz.
    pub typos: Vec<Probe>,
}

/// The `LIKE` patterns one edit away from `folded` (which holds only letters, digits and
/// spaces, so nothing needs escaping).
pub fn typo_patterns(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let n = chars.len();
    let mut out = Vec::new();
    if !(FUZZY_MIN_CHARS..=FUZZY_MAX_CHARS).contains(&n) {
        return out;
    }
    let text = |cs: &[char]| format!("%{}%", cs.iter().collect::<String>());
    for i in 0..n {
        // A wrong letter at i.
        let mut sub = chars.clone();
        sub[i] = '_';
        out.push(text(&sub));
        // The query has a letter too many at i (the name lacks it).
        let mut del = chars.clone();
        del.remove(i);
        out.push(text(&del));
        // The name has an extra letter before i.
        if i > 0 {
            let mut ins = chars.clone();
            ins.insert(i, '_');
            out.push(text(&ins));
        }
        // Two neighbours swapped.
        if i + 1 < n && chars[i] != chars[i + 1] {
            let mut swap = chars.clone();
            swap.swap(i, i + 1);
            out.push(text(&swap));
        }
    }
    out.sort();
    out.dedup();
    out
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
    let typos = typo_patterns(&folded).into_iter().map(Probe::Name).collect();
    NameSearch { exact, typos }
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

/// The first text after every text starting with `prefix` (digits only).
fn prefix_end(prefix: &str) -> String {
    // '9' + 1 is ':', which sorts after every digit.
    let mut end: Vec<char> = prefix.chars().collect();
    if let Some(last) = end.last_mut() {
        *last = char::from_u32(u32::from(*last) + 1).unwrap_or(char::MAX);
    }
    end.into_iter().collect()
}

impl Probe {
    /// The statement selecting the ids of the clients matching `scope` that this probe finds,
    /// at most `limit` of them, for `backend`.
    pub fn statement(&self, backend: DbBackend, scope: Condition, limit: u64) -> SelectStatement {
        let id = (client::Entity, client::Column::Id);
        let mut on_clients = Query::select();
        on_clients.column(id).from(client::Entity).cond_where(scope.clone()).limit(limit);
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

/// `SELECT clients.id FROM client_search CROSS JOIN clients WHERE clients.id =
/// client_search.rowid AND <the pattern, see [`fts_match`]> AND <scope> LIMIT <limit>`:
/// SQLite keeps the order of a `CROSS JOIN`, so the trigram index yields the candidates and
/// each is checked against the scope by its primary key, stopping at the limit.
fn through_fts(column: client::Column, pattern: &str, scope: Condition, limit: u64) -> SelectStatement {
    let fts = Alias::new(SEARCH_TABLE);
    Query::select()
        .column((client::Entity, client::Column::Id))
        .from(fts.clone())
        .cross_join(client::Entity)
        .and_where(Expr::col((client::Entity, client::Column::Id)).equals((fts, Alias::new("rowid"))))
        .and_where(fts_match(column, pattern))
        .cond_where(scope)
        .limit(limit)
        .to_owned()
}

/// What a name may hold where a typo pattern has its `_`: a folded name is letters, digits
/// and single spaces (a letter outside these, rare in an Indonesian name, is not guessed).
const FOLDED_ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz0123456789 ";

/// Longest run of letters around a `_` for which the pattern is spelled out as phrases: a
/// shorter run's trigrams are common (every "nur…" name for `nur_al`), and checking each of
/// those rows against the `LIKE` is what costs.
const SPELL_OUT_MAX_RUN: usize = 4;

/// The condition on the trigram table for a `LIKE` pattern (`%…%` around letters, digits,
/// spaces and at most one `_`). FTS5 answers a `LIKE` from the rows holding all of its
/// trigrams, each then checked against the pattern; that is cheap unless the pattern's
/// trigrams are all common. So a `_` between short runs (`nur_al`: every "nur…" name a
/// candidate) is spelled out instead, one phrase per character it may stand for (`"nuraal" OR
/// "nurbal" OR …`), which the index answers alone. (Phrases are not used for plain text: a
/// long phrase reads the positions of every common trigram in it, slower than the check.)
fn fts_match(column: client::Column, pattern: &str) -> SimpleExpr {
    let text = pattern.trim_matches('%');
    let wildcards = text.matches('_').count();
    let longest_run = text.split('_').map(|run| run.chars().count()).max().unwrap_or(0);
    if wildcards != 1 || longest_run > SPELL_OUT_MAX_RUN {
        return Expr::col((Alias::new(SEARCH_TABLE), Alias::new(column.to_string()))).like(pattern);
    }
    let phrases: Vec<String> =
        FOLDED_ALPHABET.chars().map(|c| text.replacen('_', &c.to_string(), 1)).collect();
    // Quotes make each a phrase; a folded name or a plain register number holds none.
    let phrases: Vec<String> = phrases.iter().map(|p| format!("\"{}\"", p.replace('"', ""))).collect();
    let name = column.to_string();
    let query = format!("{name} : ({})", phrases.join(" OR "));
    Expr::cust_with_values(format!("\"{SEARCH_TABLE}\" MATCH ?"), [query])
}

/// The statements a search of `raw` runs (every probe, exact and typo), for SQLite and
/// PostgreSQL, joined: what the property tests and the fuzz target build.
#[cfg(any(test, feature = "test-support"))]
pub fn statements(raw: &str) -> [String; 2] {
    let search = name_search(raw);
    let probes: Vec<&Probe> = search.exact.iter().chain(&search.typos).collect();
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

    /// What `LIKE` would say, for checking the patterns without a database.
    fn like(pattern: &str, text: &str) -> bool {
        let p: Vec<char> = pattern.chars().collect();
        let t: Vec<char> = text.chars().collect();
        fn go(p: &[char], t: &[char]) -> bool {
            match p.split_first() {
                None => t.is_empty(),
                Some(('%', rest)) => (0..=t.len()).any(|i| go(rest, &t[i..])),
                Some(('_', rest)) => !t.is_empty() && go(rest, &t[1..]),
                Some((c, rest)) => t.first() == Some(c) && go(rest, &t[1..]),
            }
        }
        go(&p, &t)
    }

    fn fuzzy_hit(query: &str, name: &str) -> bool {
        typo_patterns(&fold_name(query)).iter().any(|p| like(p, &fold_name(name)))
    }

    #[test]
    fn one_typo_of_each_kind_is_forgiven() {
        let name = "Siti Nurhaliza binti Ahmad";
        assert!(fuzzy_hit("nurhaliza", name), "exact is also a one-edit match");
        assert!(fuzzy_hit("nurhalisa", name), "wrong letter");
        assert!(fuzzy_hit("nurhhaliza", name), "letter too many");
        assert!(fuzzy_hit("nurhliza", name), "letter missing");
        assert!(fuzzy_hit("nruhaliza", name), "swapped");
        assert!(!fuzzy_hit("nrhalisa", name), "two typos are too many");
    }

    /// Every string one edit away from `word` (over a small alphabet), for checking claims
    /// about "one typo" exhaustively.
    fn one_edit_away(word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        for i in 0..=chars.len() {
            for c in ['a', 'e', 'x'] {
                let mut ins = chars.clone();
                ins.insert(i, c);
                out.push(ins.iter().collect());
                if i < chars.len() {
                    let mut sub = chars.clone();
                    sub[i] = c;
                    out.push(sub.iter().collect());
                }
            }
            if i < chars.len() {
                let mut del = chars.clone();
                del.remove(i);
                out.push(del.iter().collect());
            }
            if i + 1 < chars.len() {
                let mut swap = chars.clone();
                swap.swap(i, i + 1);
                out.push(swap.iter().collect());
            }
        }
        out
    }

    #[test]
    fn every_typo_of_six_letters_or_more_is_found_through_the_index() {
        for name in ["nurhaliza", "santoso", "simanjuntak", "wibowo", "budi santoso"] {
            for typed in one_edit_away(name) {
                let folded = fold_name(&typed);
                if folded.chars().count() >= 6 {
                    for pattern in typo_patterns(&folded) {
                        assert!(has_trigram(&pattern), "{typed}: {pattern}");
                    }
                }
            }
        }
        assert!(!has_trigram("%a_us%"), "four letters can leave no three in a row");
        assert!(has_trigram("%agus%"));
    }

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
            postgres.contains(r#"FROM "clients" WHERE"#) && !postgres.contains("client_search"),
            "{postgres}"
        );
        let short = Probe::Name("%bu%".into());
        let sqlite =
            DbBackend::Sqlite.build(&short.statement(DbBackend::Sqlite, Condition::all(), 11)).to_string();
        assert!(!sqlite.contains("client_search"), "two letters scan the clients: {sqlite}");
    }

    #[test]
    fn a_typo_beside_short_runs_is_spelled_out_as_phrases() {
        let sql = |p: &str| {
            let probe = Probe::Name(p.into());
            DbBackend::Sqlite.build(&probe.statement(DbBackend::Sqlite, Condition::all(), 5)).to_string()
        };
        assert!(
            sql("%santo%").contains(r#""client_search"."name_folded" LIKE '%santo%'"#),
            "{}",
            sql("%santo%")
        );
        let spelled = sql("%nur_al%");
        assert!(spelled.contains(r#""nuraal" OR "nurbal""#) && spelled.contains(r#""nur al""#), "{spelled}");
        let long = sql("%budi sant_oo%");
        assert!(long.contains("LIKE '%budi sant_oo%'") && !long.contains("MATCH"), "{long}");
    }

    #[test]
    fn short_and_long_queries_are_not_fuzzed() {
        assert!(typo_patterns("sit").is_empty());
        assert!(!typo_patterns("siti").is_empty());
        assert!(!typo_patterns(&"a".repeat(FUZZY_MAX_CHARS)).is_empty());
        assert!(typo_patterns(&"a".repeat(FUZZY_MAX_CHARS + 1)).is_empty());
    }

    /// The SQL of the largest search is built on a quarter of a tokio worker's stack (2 MiB):
    /// what killed the server was this query growing with the text typed, since sea-query
    /// renders an `OR` chain recursively, a few kilobytes of stack per pattern in a debug
    /// build.
    #[test]
    fn the_largest_search_builds_on_a_small_stack() {
        let worst: String = "abcdefghij".repeat(3);
        assert!(!name_search(&worst).typos.is_empty(), "30 letters are fuzzed");
        assert!(sql_on_a_small_stack(worst).iter().all(|len| *len > 1000));
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
        /// of bounded size without exhausting the stack, with at most four patterns a letter.
        #[test]
        fn any_accepted_search_builds_bounded_sql(raw in "\\PC{0,120}|[a-z ]{0,120}|[0-9 ]{0,40}") {
            let query = pamong_domain::page::ListQuery { q: raw, ..Default::default() };
            if let Ok(Some(q)) = query.search() {
                let patterns = typo_patterns(&fold_name(q)).len();
                proptest::prop_assert!(patterns <= 4 * FUZZY_MAX_CHARS, "{patterns}");
                let lengths = sql_on_a_small_stack(q.to_owned());
                proptest::prop_assert!(lengths.iter().all(|len| *len < 64 * 1024), "{lengths:?}");
            }
        }
    }
}
