//! Finding a client as the officer types: by name (case- and accent-insensitive, partial,
//! forgiving one typo), by NIK prefix, or by register number.
//!
//! Names are stored folded (`clients.name_folded`), so a search is a plain `LIKE` that runs
//! the same on SQLite and PostgreSQL. One typo is matched by trying every pattern one edit
//! away from the query (a `_` for a wrong or extra letter, a letter dropped, two letters
//! swapped). That costs some 40 `LIKE`s a row, so it runs only when nothing contains the
//! text as typed.

use pamong_domain::client::fold_name;
use pamong_entity::client;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition};

use crate::search::contains_ci;

/// Shortest folded query for which typo patterns are tried; shorter ones would match most
/// names.
pub const FUZZY_MIN_CHARS: usize = 4;
/// Longest folded query for which typo patterns are tried. The patterns grow with the
/// length (four per letter) and the SQL holding them is built and parsed recursively, so
/// this bound is what keeps a long query from exhausting a worker's stack; no real name
/// typed into a search box is longer.
pub const FUZZY_MAX_CHARS: usize = 30;

/// The conditions of a search.
pub struct NameSearch {
    /// Name, NIK prefix or register number containing the text as typed.
    pub exact: Condition,
    /// Names one typo away; `None` for queries too short to fuzz.
    pub fuzzy: Option<Condition>,
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

/// Two pieces of the query of which any name one edit away still contains at least one:
/// the query minus its two middle letters, split there. One edit (a letter wrong, added or
/// dropped, or two neighbours swapped) touches at most the two middle letters or one side,
/// so the other side survives intact. Checking the two pieces first spares most rows the
/// forty typo patterns. `None` when the pieces would be too short to filter anything.
pub fn typo_prefilter(folded: &str) -> Option<(String, String)> {
    let chars: Vec<char> = folded.chars().collect();
    let n = chars.len();
    if n < 6 {
        return None;
    }
    let mid = n / 2;
    let left: String = chars[..mid - 1].iter().collect();
    let right: String = chars[mid + 1..].iter().collect();
    Some((left, right))
}

/// The search for what the officer typed.
pub fn name_search(raw: &str) -> NameSearch {
    let folded = fold_name(raw);
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let mut exact = Condition::any();
    if !folded.is_empty() {
        exact = exact.add(client::Column::NameFolded.like(format!("%{folded}%")));
    }
    // Names have no digits; register numbers and NIKs do, so only such a query looks there.
    if raw.chars().any(|c| c.is_ascii_digit()) {
        exact = exact.add(contains_ci(client::Column::RegisterNumber, raw.trim()));
        if compact.len() >= 4 && compact.bytes().all(|b| b.is_ascii_digit()) {
            exact = exact.add(client::Column::Nik.like(format!("{compact}%")));
        }
    }
    let patterns = typo_patterns(&folded);
    let fuzzy = (!patterns.is_empty()).then(|| {
        let any_pattern = patterns
            .into_iter()
            .fold(Condition::any(), |c, p| c.add(Expr::col(client::Column::NameFolded).like(p)));
        match typo_prefilter(&folded) {
            Some((left, right)) => Condition::all()
                .add(
                    Condition::any()
                        .add(client::Column::NameFolded.like(format!("%{left}%")))
                        .add(client::Column::NameFolded.like(format!("%{right}%"))),
                )
                .add(any_pattern),
            None => any_pattern,
        }
    });
    NameSearch { exact, fuzzy }
}

/// The statement a search of `raw` runs (both steps' conditions together), for SQLite and
/// PostgreSQL: what the property tests and the fuzz target build.
#[cfg(any(test, feature = "test-support"))]
pub fn statements(raw: &str) -> [String; 2] {
    use sea_orm::{DbBackend, EntityTrait, QueryFilter, QueryTrait};
    let search = name_search(raw);
    let mut find = client::Entity::find().filter(search.exact);
    if let Some(fuzzy) = search.fuzzy {
        find = find.filter(fuzzy);
    }
    [DbBackend::Sqlite, DbBackend::Postgres].map(|b| find.clone().build(b).to_string())
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
    fn the_prefilter_never_drops_a_one_typo_match() {
        for name in ["nurhaliza", "santoso", "simanjuntak", "wibowo"] {
            for typed in one_edit_away(name) {
                let folded = fold_name(&typed);
                let matched = typo_patterns(&folded).iter().any(|p| like(p, name));
                if let (true, Some((left, right))) = (matched, typo_prefilter(&folded)) {
                    assert!(
                        name.contains(&left) || name.contains(&right),
                        "{typed} → {name}: {left}/{right}"
                    );
                }
            }
        }
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
        assert!(name_search(&worst).fuzzy.is_some(), "30 letters are fuzzed");
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
