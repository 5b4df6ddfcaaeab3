//! The words of the clients' names, for forgiving a typo in a search.
//!
//! Every word of every folded name is kept in `name_word_keys` under its variants: the word
//! itself and the word with each one letter dropped. Two words are one edit apart (a letter
//! wrong, added, dropped, or two neighbours swapped) only if they share a variant, so the
//! words one edit from what was typed are an index lookup of the typed word's own variants,
//! each candidate then checked with [`one_edit`]. A typed word is corrected to such a word —
//! or, for the last word (still being typed), to the start of one — and the corrected text is
//! searched as typed text is: through the trigram index. A search with one typo costs a few
//! lookups, not one index probe per way the text could be misspelled.
//!
//! Words are only ever added (by [`learn`], in the transaction that saves a name): a word of
//! a name since changed costs a probe that finds nothing, and says nothing about whom.

use std::collections::BTreeSet;

use pamong_entity::client;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::search::{Probe, prefix_end};

/// The table of word variants (see the migration `m20261217_000001_name_words`).
pub(crate) const TABLE: &str = "name_word_keys";
/// Shortest word kept: a shorter typed word is not corrected, but a four-letter one may be a
/// three-letter name with a letter too many.
const WORD_MIN_CHARS: usize = 3;
/// Shortest typed word that is corrected; shorter ones are one edit from too many names.
pub const TYPED_MIN_CHARS: usize = 4;
/// Longest word kept or corrected (no name's word is longer; a longer one is not a name).
pub const WORD_MAX_CHARS: usize = 30;
/// Shortest last word corrected to the start of a name's word: its variants are then at least
/// four letters, so each range of the index is narrow.
const PREFIX_MIN_CHARS: usize = 5;
/// Most words read per range of the index for the last word.
const RANGE_LIMIT: u64 = 200;
/// Most corrected texts searched; each is one index probe.
const MAX_CORRECTIONS: usize = 40;
/// Rows written per statement (two values each, well under SQLite's 32,766 variables).
const WRITE_CHUNK: usize = 4_000;

/// The words of a folded name (or of what was typed, folded).
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// A word and the word with each one letter dropped.
pub fn variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = vec![word.to_owned()];
    for i in 0..chars.len() {
        out.push(chars.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, c)| c).collect());
    }
    out.sort();
    out.dedup();
    out
}

/// Whether `a` and `b` are exactly one edit apart: a letter wrong, added or dropped, or two
/// neighbouring letters swapped.
pub fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    let start = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 if start == short.len() => false,
        0 => {
            let rest = start + 1;
            short[rest..] == long[rest..]
                || (rest < short.len()
                    && short[start] == long[rest]
                    && short[rest] == long[start]
                    && short[rest + 1..] == long[rest + 1..])
        }
        1 => short[start..] == long[start + 1..],
        _ => false,
    }
}

/// The `(variant, word)` rows of the words of `names`.
fn rows<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for name in names {
        for word in words(name) {
            if (WORD_MIN_CHARS..=WORD_MAX_CHARS).contains(&word.chars().count()) {
                for variant in variants(word) {
                    out.insert((variant, word.to_owned()));
                }
            }
        }
    }
    out
}

/// Keeps the words of these folded names (those already kept are skipped). Called in the
/// transaction that saves the names.
pub(crate) async fn learn<'a, C: ConnectionTrait>(
    db: &C,
    names: impl IntoIterator<Item = &'a str>,
) -> Result<(), DbErr> {
    let rows: Vec<(String, String)> = rows(names).into_iter().collect();
    for chunk in rows.chunks(WRITE_CHUNK) {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(TABLE))
            .columns([Alias::new("variant"), Alias::new("word")])
            .on_conflict(
                OnConflict::columns([Alias::new("variant"), Alias::new("word")]).do_nothing().to_owned(),
            );
        for (variant, word) in chunk {
            insert
                .values([variant.as_str().into(), word.as_str().into()])
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        db.execute(&insert).await?;
    }
    Ok(())
}

/// Keeps the words of every client's name when none are kept yet: a database from before the
/// vocabulary (or restored without it). Run after migrating.
pub(crate) async fn learn_all_if_empty<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let any = Query::select().expr(Expr::val(1)).from(Alias::new(TABLE)).limit(1).to_owned();
    if db.query_one(&any).await?.is_some() {
        return Ok(());
    }
    let mut after = 0_i32;
    loop {
        let found: Vec<(i32, String)> = client::Entity::find()
            .select_only()
            .column(client::Column::Id)
            .column(client::Column::NameFolded)
            .filter(client::Column::Id.gt(after))
            .order_by_asc(client::Column::Id)
            .limit(WRITE_CHUNK as u64)
            .into_tuple()
            .all(db)
            .await?;
        let Some((last, _)) = found.last() else { return Ok(()) };
        after = *last;
        learn(db, found.iter().map(|(_, name)| name.as_str())).await?;
    }
}

/// The kept words sharing a variant with `typed`, and for the last word, the kept words
/// whose variants start with one of its variants.
async fn candidates<C: ConnectionTrait>(db: &C, typed: &str, last: bool) -> Result<Vec<String>, DbErr> {
    let variant = || Expr::col(Alias::new("variant"));
    let select = || Query::select().distinct().column(Alias::new("word")).from(Alias::new(TABLE)).to_owned();
    let mut statements = vec![select().and_where(variant().is_in(variants(typed))).to_owned()];
    if last && typed.chars().count() >= PREFIX_MIN_CHARS {
        for start in variants(typed) {
            statements.push(
                select()
                    .and_where(variant().gte(start.as_str()))
                    .and_where(variant().lt(prefix_end(&start)))
                    .limit(RANGE_LIMIT)
                    .to_owned(),
            );
        }
    }
    let mut out = BTreeSet::new();
    for statement in statements {
        for row in db.query_all(&statement).await? {
            out.insert(row.try_get_by_index::<String>(0)?);
        }
    }
    Ok(out.into_iter().collect())
}

/// What `typed` may have been meant as, among `words`: each word one edit away, and for the
/// last word also each start of a word one edit away (`lestar` for `lestra`).
pub fn corrections(typed: &str, last: bool, words: &[String]) -> BTreeSet<String> {
    let n = typed.chars().count();
    let mut out = BTreeSet::new();
    for word in words {
        if one_edit(typed, word) {
            out.insert(word.clone());
        }
        if last {
            for len in [n.saturating_sub(1), n, n + 1] {
                let start: String = word.chars().take(len).collect();
                if start.chars().count() == len && len >= TYPED_MIN_CHARS && one_edit(typed, &start) {
                    out.insert(start);
                }
            }
        }
    }
    out
}

/// The probes for the names one typo from `folded` (what was typed, folded): the text with one
/// word corrected, each a name probe like the text as typed.
pub(crate) async fn typo_probes<C: ConnectionTrait>(db: &C, folded: &str) -> Result<Vec<Probe>, DbErr> {
    let typed: Vec<&str> = words(folded).collect();
    let mut texts = BTreeSet::new();
    for (i, word) in typed.iter().enumerate() {
        if !(TYPED_MIN_CHARS..=WORD_MAX_CHARS).contains(&word.chars().count()) {
            continue;
        }
        let last = i + 1 == typed.len();
        for correction in corrections(word, last, &candidates(db, word, last).await?) {
            let mut text = typed.clone();
            text[i] = &correction;
            texts.insert(text.join(" "));
        }
    }
    Ok(texts.into_iter().take(MAX_CORRECTIONS).map(|text| Probe::Name(format!("%{text}%"))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_is_one_letter_wrong_added_dropped_or_two_swapped() {
        assert!(one_edit("santoso", "santosa"), "wrong");
        assert!(one_edit("santoso", "santtoso"), "added");
        assert!(one_edit("santoso", "santos"), "dropped");
        assert!(one_edit("santsoo", "santoso"), "swapped");
        assert!(!one_edit("santoso", "santoso"), "the same is no edit");
        assert!(!one_edit("santoso", "sanotos"), "two edits");
        assert!(!one_edit("budi", "budiono"));
    }

    /// Every word one edit from another shares a variant with it: the claim the index
    /// lookup rests on, checked over every single edit of a few names.
    #[test]
    fn words_one_edit_apart_share_a_variant() {
        for word in ["nurhaliza", "santoso", "simanjuntak", "eko", "budi"] {
            let chars: Vec<char> = word.chars().collect();
            let mut edits = Vec::new();
            for i in 0..=chars.len() {
                for c in ['a', 'o', 'x'] {
                    let mut added = chars.clone();
                    added.insert(i, c);
                    edits.push(added);
                    if i < chars.len() {
                        let mut wrong = chars.clone();
                        wrong[i] = c;
                        edits.push(wrong);
                    }
                }
                if i < chars.len() {
                    let mut dropped = chars.clone();
                    dropped.remove(i);
                    edits.push(dropped);
                }
                if i + 1 < chars.len() {
                    let mut swapped = chars.clone();
                    swapped.swap(i, i + 1);
                    edits.push(swapped);
                }
            }
            let own = variants(word);
            for edit in edits {
                let typed: String = edit.into_iter().collect();
                if typed == word {
                    continue;
                }
                assert!(one_edit(&typed, word), "{typed} / {word}");
                assert!(variants(&typed).iter().any(|v| own.contains(v)), "{typed} / {word}");
            }
        }
    }

    #[test]
    fn the_last_word_may_be_the_start_of_a_name() {
        let words = vec!["lestari".to_owned(), "santoso".to_owned(), "nurhaliza".to_owned()];
        assert!(corrections("lestri", true, &words).contains("lestari"));
        assert!(corrections("lestra", true, &words).contains("lestar"));
        assert!(!corrections("nurhal", true, &words).contains("nurhal"), "the start as typed is no typo");
        assert!(corrections("nurhax", true, &words).contains("nurha"), "its last letter wrong");
        assert!(corrections("nurhla", true, &words).contains("nurhal"));
        assert!(corrections("santsoo", false, &words).contains("santoso"));
        assert!(corrections("lestra", false, &words).is_empty(), "only the last word is a start");
    }

    #[test]
    fn each_word_of_three_letters_or_more_is_kept_with_its_variants() {
        let kept = rows(["budi santoso | eko", "al"]);
        assert!(kept.contains(&("budi".into(), "budi".into())));
        assert!(kept.contains(&("bud".into(), "budi".into())));
        assert!(kept.contains(&("santos".into(), "santoso".into())));
        assert!(kept.contains(&("ek".into(), "eko".into())));
        assert!(!kept.iter().any(|(_, w)| w == "al"), "two letters are not a word to correct to");
        assert!(rows([&*"x".repeat(WORD_MAX_CHARS + 1)]).is_empty());
    }
}
