//! Property tests: arbitrary text of any size, and lists of any length, at every parser.
//! A parser may refuse anything, but it must answer, and what it accepts must respect the
//! bounds the server relies on.

use pamong_domain::abh::litmas::parse_local_datetime;
use pamong_domain::arbitrary::{FORM_COUNT, Source, parse_form};
use pamong_domain::client::{fold_name, parse_date};
use pamong_domain::nik::Nik;
use pamong_domain::page::{ListQuery, MAX_SEARCH_CHARS};
use pamong_domain::region::{RegionCode, RegionRow};
use pamong_domain::validate::plausible_year;
use proptest::collection::vec;
use proptest::prelude::*;
use time::macros::{date, datetime};

/// Texts as they come: short and long, digits and dates, any Unicode, and one character
/// repeated far beyond every cap.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{0,40}",
        2 => "[0-9 ./-]{0,24}",
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?",
        1 => "\\PC{0,400}",
        1 => (any::<char>(), 0usize..20_000).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
}

/// A [`Source`] that cycles through drawn texts and numbers.
#[derive(Debug)]
struct Drawn {
    texts: Vec<String>,
    numbers: Vec<u64>,
    next: usize,
}

impl Source for Drawn {
    fn text(&mut self) -> String {
        self.next += 1;
        self.texts.get(self.next % self.texts.len().max(1)).cloned().unwrap_or_default()
    }

    fn number(&mut self) -> u64 {
        self.next += 1;
        self.numbers.get(self.next % self.numbers.len().max(1)).copied().unwrap_or_default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn every_form_answers_whatever_it_is_sent(
        which in 0..FORM_COUNT,
        texts in vec(text(), 1..12),
        numbers in vec(any::<u64>(), 1..12),
    ) {
        let mut source = Drawn { texts, numbers, next: 0 };
        parse_form(which, &mut source, date!(2026 - 06 - 01), datetime!(2026-06-01 10:00 UTC));
    }

    #[test]
    fn the_small_parsers_accept_only_what_they_promise(raw in text()) {
        let today = date!(2026 - 06 - 01);
        if let Ok(nik) = Nik::parse(&raw, today) {
            prop_assert!(nik.as_str().len() == 16 && nik.as_str().bytes().all(|b| b.is_ascii_digit()));
        }
        if let Some(day) = parse_date(&raw) {
            prop_assert!(plausible_year(day.year()), "{day}");
        }
        if let Some(at) = parse_local_datetime(&raw) {
            prop_assert!(plausible_year(at.year()), "{at}");
        }
        if let Some(code) = RegionCode::parse(&raw) {
            prop_assert!(code.as_str().len() <= 13);
        }
        if let Ok(row) = RegionRow::parse(&raw, &raw) {
            prop_assert!(row.name.chars().count() <= 120);
        }
        let query = ListQuery { q: raw.clone(), ..ListQuery::default() };
        match query.search() {
            Ok(Some(q)) => prop_assert!(q.chars().count() <= usize::from(MAX_SEARCH_CHARS)),
            Ok(None) => prop_assert!(raw.trim().is_empty()),
            Err(_) => prop_assert!(raw.trim().chars().count() > usize::from(MAX_SEARCH_CHARS)),
        }
        let folded = fold_name(&raw);
        prop_assert!(folded.chars().all(|c| c.is_alphanumeric() || c == ' '), "{folded:?}");
    }
}
