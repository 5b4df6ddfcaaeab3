//! The links that download what a page shows, in each export format: plain links to a GET
//! server fn with the page's own query, so they work before the wasm and the server logs
//! each export. [`PdfLink`] does the same for a printable document.

use leptos::prelude::*;
use pamong_domain::export::ExportFormat;

use crate::i18n::*;

/// The link to `path` with `query` (may be empty) and the format.
fn href(path: &str, query: &str, format: ExportFormat) -> String {
    let sep = if query.is_empty() { "" } else { "&" };
    format!("{path}?{query}{sep}format={}", format.as_str())
}

/// "Unduh: XLSX · CSV (Excel) · CSV".
#[component]
pub fn DownloadLinks(
    /// The export's server fn path.
    path: &'static str,
    /// The page's query (without `format`).
    query: String,
    /// The saved file's name, without its extension (the server names it the same).
    #[prop(into)]
    stem: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |format: ExportFormat, testid: &'static str| {
        let label = move || match format {
            ExportFormat::Xlsx => t_string!(i18n, download_xlsx),
            ExportFormat::CsvExcel => t_string!(i18n, download_csv_excel),
            ExportFormat::Csv => t_string!(i18n, download_csv),
        };
        view! {
            <a class="downloads__link" href=href(path, &query, format) download=format.file_name(&stem) data-testid=testid>
                {label}
            </a>
        }
    };
    view! {
        <p class="downloads" data-testid="downloads">
            <span class="downloads__label">{move || t_string!(i18n, download_label)}</span>
            {link(ExportFormat::Xlsx, "export-xlsx")}
            {link(ExportFormat::CsvExcel, "export-csv-excel")}
            {link(ExportFormat::Csv, "export-csv")}
        </p>
    }
}

/// "Unduh PDF": a printable document as a PDF file. A plain link; the server names the file
/// and writes the export log.
#[component]
pub fn PdfLink(
    /// The document's server fn path with its query.
    #[prop(into)]
    href: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="button button--secondary no-print" href=href download="" data-testid="download-pdf">
            {move || t_string!(i18n, download_pdf)}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_joins_the_page_query() {
        assert_eq!(href("/api/x", "", ExportFormat::Xlsx), "/api/x?format=xlsx");
        assert_eq!(href("/api/x", "q=budi", ExportFormat::CsvExcel), "/api/x?q=budi&format=csv-excel");
    }
}
