//! Pieces of list pages: the search bar, pagination and status badges.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::page::ListQuery;

use crate::components::PageTitle;
use crate::i18n::*;

/// The list query in the page's URL: `q`, `hal` (page) and `nonaktif` (include inactive).
pub fn use_list_query() -> Memo<ListQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| ListQuery {
            q: q.get("q").unwrap_or_default(),
            page: q.get("hal").and_then(|p| p.parse().ok()).unwrap_or(1),
            per_page: 0,
            include_inactive: q.get("nonaktif").is_some_and(|v| v == "1"),
        })
    })
}

/// A search form: a GET form to the page itself.
#[component]
pub fn SearchBar() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    view! {
        <form method="get" class="search" role="search">
            <label class="visually-hidden" for="q">{move || t_string!(i18n, search)}</label>
            <input
                class="input search__input"
                id="q"
                type="search"
                name="q"
                placeholder=move || t_string!(i18n, search_placeholder).to_string()
                value=query.get_untracked().q
            />
            <label class="search__toggle">
                <input type="checkbox" name="nonaktif" value="1" checked=query.get_untracked().include_inactive />
                {move || t_string!(i18n, show_inactive)}
            </label>
            <button class="button button--secondary" type="submit">{move || t_string!(i18n, search)}</button>
        </form>
    }
}

/// Previous / next links and "page N of M".
#[component]
pub fn Pagination(
    /// 1-based current page.
    page: u64,
    /// Number of pages.
    pages: u64,
    /// Rows in total.
    total: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // Every other parameter (search, filters) is kept; only the page changes.
    let link = move |to: u64| {
        let mut href = format!("?hal={to}");
        query.with_untracked(|q| {
            for (key, value) in q.clone().into_iter() {
                if key != "hal" && !value.is_empty() {
                    href.push_str(&format!("&{key}={}", url_encode(&value)));
                }
            }
        });
        href
    };
    view! {
        <nav class="pagination" aria-label=move || t_string!(i18n, page_of, page = page, pages = pages).to_string()>
            <span class="pagination__info">
                {move || t_string!(i18n, page_of, page = page, pages = pages)} " · " {move || t_string!(i18n, total_rows, total = total)}
            </span>
            {(page > 1).then(|| view! { <a class="button button--secondary" href=link(page - 1) rel="prev">{move || t_string!(i18n, previous)}</a> })}
            {(page < pages).then(|| view! { <a class="button button--secondary" href=link(page + 1) rel="next">{move || t_string!(i18n, next)}</a> })}
        </nav>
    }
}

/// Percent-encodes a query value (letters, digits and `-_.~` pass through).
pub use pamong_domain::page::percent_encode as url_encode;

/// A query string of the pairs whose value is not empty, each value percent-encoded: a page's
/// own filter, for its download links.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", url_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// "Aktif" / "Nonaktif", in words and colour.
#[component]
pub fn StatusBadge(
    /// Whether the record is active.
    active: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="badge" class:badge--ok=active class:badge--muted=!active>
            {move || if active { t_string!(i18n, active).to_string() } else { t_string!(i18n, inactive).to_string() }}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::query_string;

    #[test]
    fn query_strings_skip_empty_values() {
        assert_eq!(query_string(&[("q", "Budi S"), ("jenis", ""), ("alasan", "1")]), "q=Budi%20S&alasan=1");
        assert_eq!(query_string(&[("q", "")]), "");
    }

    #[test]
    fn url_encode_escapes_reserved() {
        assert_eq!(super::url_encode("Bapas & Co/1"), "Bapas%20%26%20Co%2F1");
    }
}

/// A page of records as a table (cards on phones) with its pagination, or "nothing matches".
/// Each row renders its own `<tr>`, with a `data-label` on every cell for the phone layout.
#[component]
pub fn RecordTable<T, R, F>(
    /// The page to show.
    page: pamong_domain::page::Page<T>,
    /// Column headings.
    headers: Vec<TextProp>,
    /// Renders one record as a `<tr>`.
    row: F,
) -> impl IntoView
where
    T: 'static,
    R: IntoView + 'static,
    F: Fn(T) -> R + 'static,
{
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! { <p class="empty">{move || t_string!(i18n, no_results)}</p> }.into_any();
    }
    let pages = page.page_count();
    let (current, total) = (page.page, page.total);
    view! {
        <table class="table">
            <thead>
                <tr>{headers.into_iter().map(|h| view! { <th>{move || h.get()}</th> }).collect_view()}</tr>
            </thead>
            <tbody>{page.items.into_iter().map(row).collect_view()}</tbody>
        </table>
        <Pagination page=current pages=pages total=total />
    }
    .into_any()
}

/// A page of records as a list of cards with its pagination, or `empty` when there are none:
/// for logs and feeds, whose rows read as lines of text rather than columns.
#[component]
pub fn CardList<T, R, F>(
    /// The page to show.
    page: pamong_domain::page::Page<T>,
    /// What to say when the page is empty.
    #[prop(into)]
    empty: TextProp,
    /// `data-testid` of the list.
    testid: &'static str,
    /// Renders one record as an `<li>`.
    row: F,
) -> impl IntoView
where
    T: 'static,
    R: IntoView + 'static,
    F: Fn(T) -> R + 'static,
{
    if page.items.is_empty() {
        return view! { <p class="card empty">{move || empty.get()}</p> }.into_any();
    }
    let pages = page.page_count();
    let (current, total) = (page.page, page.total);
    view! {
        <ul class="access-list" data-testid=testid>{page.items.into_iter().map(row).collect_view()}</ul>
        <Pagination page=current pages=pages total=total />
    }
    .into_any()
}

/// The top of a list page: its title, the "add" button when the user may add, the saved
/// notice after a save, and the search bar.
#[component]
pub fn ListHead(
    /// Page title.
    #[prop(into)]
    title: TextProp,
    /// Label of the add button.
    #[prop(into)]
    add_label: TextProp,
    /// Where the add button leads.
    add_href: &'static str,
    /// Whether to show the add button.
    #[prop(into)]
    can_add: Signal<bool>,
) -> impl IntoView {
    let heading = title.clone();
    view! {
        <PageTitle text=move || title.get().to_string() />
        <div class="page-head">
            <h1>{move || heading.get()}</h1>
            <Show when=move || can_add.get()>
                <a class="button" href=add_href>{let l = add_label.clone(); move || l.get()}</a>
            </Show>
        </div>
        <crate::components::form::SavedNotice />
        <SearchBar />
    }
}
