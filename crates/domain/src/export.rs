//! What a list or a table is exported as: CSV for other systems, CSV for Excel in an
//! Indonesian locale (which reads `;` as the column separator and needs a byte-order mark to
//! read UTF-8), or an Excel workbook, where a NIK stays text and keeps its 16 digits.

use serde::{Deserialize, Serialize};

text_enum! {
    /// The file an export is written as.
    ExportFormat {
        /// Comma-separated UTF-8 text, no byte-order mark.
        Csv => "csv",
        /// Semicolon-separated UTF-8 text with a byte-order mark.
        CsvExcel => "csv-excel",
        /// An Excel workbook (`.xlsx`).
        Xlsx => "xlsx",
    }
}

impl ExportFormat {
    /// The format asked for in a query (`?format=`); CSV when none is asked for, `None` for
    /// one that does not exist.
    pub fn asked(raw: Option<&str>) -> Option<ExportFormat> {
        match raw.map(str::trim).filter(|r| !r.is_empty()) {
            None => Some(ExportFormat::Csv),
            Some(raw) => ExportFormat::parse(raw),
        }
    }

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv | ExportFormat::CsvExcel => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    /// The media type the file is sent as.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv | ExportFormat::CsvExcel => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The file's name: `stem` and the extension.
    pub fn file_name(self, stem: &str) -> String {
        format!("{stem}.{}", self.extension())
    }
}

/// A file name's stem from its parts: lower-case letters, digits and single dashes only (a
/// register number's slashes would make a path of it), the same on the page's link and in
/// the server's answer.
pub fn file_stem(parts: &[&str]) -> String {
    let joined = parts.join("-");
    let cleaned: String = joined
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    cleaned.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_keeps_letters_and_digits() {
        assert_eq!(file_stem(&["litmas", "PB/ABH/2026/0007"]), "litmas-pb-abh-2026-0007");
        assert_eq!(
            file_stem(&["laporan", "Bapas Kelas I Jakarta Barat", "2026-11"]),
            "laporan-bapas-kelas-i-jakarta-barat-2026-11"
        );
    }

    #[test]
    fn the_format_asked_for_defaults_to_csv_and_refuses_the_unknown() {
        assert_eq!(ExportFormat::asked(None), Some(ExportFormat::Csv));
        assert_eq!(ExportFormat::asked(Some(" ")), Some(ExportFormat::Csv));
        assert_eq!(ExportFormat::asked(Some("xlsx")), Some(ExportFormat::Xlsx));
        assert_eq!(ExportFormat::asked(Some("pdf")), None);
        assert_eq!(ExportFormat::CsvExcel.file_name("klien"), "klien.csv");
        assert_eq!(ExportFormat::Xlsx.file_name("evaluasi"), "evaluasi.xlsx");
    }
}
