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

#[cfg(test)]
mod tests {
    use super::*;

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
