//! Paging and searching of lists.

use serde::{Deserialize, Serialize};

/// The largest page a client may ask for.
pub const MAX_PER_PAGE: u64 = 100;
/// The page size when none is given.
pub const DEFAULT_PER_PAGE: u64 = 20;

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
        self.page.max(1) - 1
    }

    /// The effective page size.
    pub fn page_size(&self) -> u64 {
        match self.per_page {
            0 => DEFAULT_PER_PAGE,
            n => n.min(MAX_PER_PAGE),
        }
    }

    /// The trimmed search text, or `None` when empty.
    pub fn search(&self) -> Option<&str> {
        let q = self.q.trim();
        (!q.is_empty()).then_some(q)
    }
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
}

impl<T> Page<T> {
    /// Number of pages (at least 1, so an empty list shows "page 1 of 1").
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn page_count_rounds_up() {
        let p = |total| Page::<()> { items: vec![], total, page: 1, per_page: 20 };
        assert_eq!(p(0).page_count(), 1);
        assert_eq!(p(20).page_count(), 1);
        assert_eq!(p(21).page_count(), 2);
    }

    #[test]
    fn blank_search_is_none() {
        let q = ListQuery { q: "  ".into(), ..Default::default() };
        assert_eq!(q.search(), None);
    }
}
