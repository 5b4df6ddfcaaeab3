//! Paging and searching of lists.

use serde::{Deserialize, Serialize};

use crate::error::{ErrorKind, Problem};

/// The largest page a client may ask for.
pub const MAX_PER_PAGE: u64 = 100;
/// The page size when none is given.
pub const DEFAULT_PER_PAGE: u64 = 20;
/// The longest search text (in characters): longer is refused, not truncated, so that what
/// is shown as "searched for" is what was searched. Names, NIKs and numbers are far shorter.
pub const MAX_SEARCH_CHARS: u16 = 100;
/// The highest page number read; beyond it every list is empty anyway, and the offset must
/// stay far from overflowing.
pub const MAX_PAGE: u64 = 1_000_000;

/// Percent-encodes `raw` for a URL (RFC 3986): letters, digits and `-_.~` pass through,
/// every other byte becomes `%XX`. For a list's query values in the pages, and the label of
/// an authenticator key's `otpauth://` address in the service.
pub fn percent_encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What a list page asks for: a free-text filter and a 1-based page number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    /// Free-text search, matched case-insensitively against the list's searchable columns.
    pub q: String,
    /// 1-based page number; 0 is read as 1.
    pub page: u64,
    /// Rows per page; 0 means the default, capped at [`MAX_PER_PAGE`].
    pub per_page: u64,
    /// Also list deactivated records.
    pub include_inactive: bool,
}

impl ListQuery {
    /// The 0-based page index.
    pub fn page_index(&self) -> u64 {
        self.page.clamp(1, MAX_PAGE) - 1
    }

    /// The effective page size.
    pub fn page_size(&self) -> u64 {
        match self.per_page {
            0 => DEFAULT_PER_PAGE,
            n => n.min(MAX_PER_PAGE),
        }
    }

    /// The trimmed search text, or `None` when empty; longer than [`MAX_SEARCH_CHARS`] is a
    /// field error on `q`.
    pub fn search(&self) -> Result<Option<&str>, ErrorKind> {
        let q = self.q.trim();
        if q.chars().count() > usize::from(MAX_SEARCH_CHARS) {
            return Err(ErrorKind::field("q", Problem::TooLong { max: MAX_SEARCH_CHARS }));
        }
        Ok((!q.is_empty()).then_some(q))
    }
}

/// A count with thousands dots, the Indonesian way: `1.000`, `2.500.000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Rows matching the query across all pages.
    pub total: u64,
    /// 1-based number of this page.
    pub page: u64,
    /// Rows per page.
    pub per_page: u64,
    /// More rows match than `total` counts: a search that stopped at its cap.
    #[serde(default)]
    pub more: bool,
}

impl<T> Page<T> {
    /// The page `query` asks for of a list already in memory and in order (a list whose
    /// order is computed, like Today's urgency, rather than a database's).
    pub fn of(items: Vec<T>, query: &ListQuery) -> Self {
        let per_page = query.page_size();
        let total = u64::try_from(items.len()).unwrap_or(u64::MAX);
        let skip = usize::try_from(query.page_index().saturating_mul(per_page)).unwrap_or(usize::MAX);
        let take = usize::try_from(per_page).unwrap_or(usize::MAX);
        let items = items.into_iter().skip(skip).take(take).collect();
        Page { items, total, page: query.page_index() + 1, per_page, more: false }
    }

    /// Number of pages (at least 1, so an empty list shows "page 1 of 1").
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_in_memory_pages_like_a_query() {
        let rows: Vec<u32> = (1..=45).collect();
        let third = Page::of(rows.clone(), &ListQuery { page: 3, ..ListQuery::default() });
        assert_eq!((third.page_count(), third.total, third.page), (3, 45, 3));
        assert_eq!(third.items, [41, 42, 43, 44, 45]);
        let first = Page::of(rows.clone(), &ListQuery::default());
        assert_eq!((first.items.len(), first.page), (20, 1));
        let beyond = Page::of(rows, &ListQuery { page: MAX_PAGE + 9, ..ListQuery::default() });
        assert!(beyond.items.is_empty());
    }

    #[test]
    fn page_size_defaults_and_caps() {
        let mut q = ListQuery::default();
        assert_eq!(q.page_size(), DEFAULT_PER_PAGE);
        q.per_page = 1000;
        assert_eq!(q.page_size(), MAX_PER_PAGE);
        assert_eq!(q.page_index(), 0);
        q.page = 3;
        assert_eq!(q.page_index(), 2);
    }

    #[test]
    fn counts_have_thousands_dots() {
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1.000");
        assert_eq!(thousands(1_000_000), "1.000.000");
    }

    #[test]
    fn page_count_rounds_up() {
        let p = |total| Page::<()> { items: vec![], total, page: 1, per_page: 20, more: false };
        assert_eq!(p(0).page_count(), 1);
        assert_eq!(p(20).page_count(), 1);
        assert_eq!(p(21).page_count(), 2);
    }

    #[test]
    fn blank_search_is_none() {
        let q = ListQuery { q: "  ".into(), ..Default::default() };
        assert_eq!(q.search(), Ok(None));
    }

    #[test]
    fn long_search_is_a_field_error_and_page_numbers_are_bounded() {
        let q = ListQuery { q: "a".repeat(usize::from(MAX_SEARCH_CHARS)), ..Default::default() };
        assert!(q.search().is_ok_and(|s| s.is_some()));
        let q = ListQuery {
            q: "é".repeat(usize::from(MAX_SEARCH_CHARS) + 1),
            page: u64::MAX,
            ..Default::default()
        };
        let err = q.search().expect_err("too long");
        assert!(matches!(err, ErrorKind::Invalid(ref e) if e.get("q").is_some()));
        assert_eq!(q.page_index(), MAX_PAGE - 1);
    }
}
