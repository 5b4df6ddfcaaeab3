//! Tables written out as files ([`ExportFormat`]): CSV for other systems, CSV with `;` and a
//! byte-order mark for Excel in an Indonesian locale, and XLSX. Rows go out one at a time;
//! the XLSX sheet is written in `rust_xlsxwriter`'s constant-memory mode, each row flushed to
//! a temporary file as the next begins, so a long list does not grow the server's memory
//! row by row. Text stays text: a NIK keeps its 16 digits in Excel.

use pamong_domain::export::ExportFormat;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::{ServiceError, ServiceResult};

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text, written as text (never a number or a formula).
    Text(&'a str),
    /// A count.
    Number(u64),
    /// Nothing.
    Empty,
}

impl<'a> Cell<'a> {
    /// Text, or nothing.
    pub fn maybe(text: Option<&'a str>) -> Cell<'a> {
        text.map_or(Cell::Empty, Cell::Text)
    }
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Its media type.
    pub content_type: &'static str,
    /// The file's name.
    pub file_name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Writes a table row by row in one of the export formats.
pub struct TableWriter {
    sink: Sink,
    format: ExportFormat,
    rows: u32,
}

enum Sink {
    Csv(csv::Writer<Vec<u8>>),
    Xlsx(Box<Workbook>),
}

fn xlsx_failed(e: XlsxError) -> ServiceError {
    ServiceError::Internal(format!("writing the workbook: {e}"))
}

fn csv_failed(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("writing the CSV file: {e}"))
}

/// A CSV cell: a leading `=`, `+`, `-` or `@` defused so a spreadsheet does not run it as
/// a formula (the workbook stores text as text and needs no such care).
fn csv_text(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.starts_with(['=', '+', '-', '@']) { format!("'{raw}").into() } else { raw.into() }
}

impl TableWriter {
    /// A writer whose first row is `headings`.
    pub fn new(format: ExportFormat, sheet: &str, headings: &[&str]) -> ServiceResult<TableWriter> {
        let sink = match format {
            ExportFormat::Csv | ExportFormat::CsvExcel => {
                let (delimiter, start) = match format {
                    ExportFormat::CsvExcel => (b';', BOM.to_vec()),
                    _ => (b',', Vec::new()),
                };
                let writer = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(start);
                Sink::Csv(writer)
            }
            ExportFormat::Xlsx => {
                let mut workbook = Workbook::new();
                let worksheet = workbook.add_worksheet_with_constant_memory();
                worksheet.set_name(sheet).map_err(xlsx_failed)?;
                worksheet.set_freeze_panes(1, 0).map_err(xlsx_failed)?;
                Sink::Xlsx(Box::new(workbook))
            }
        };
        let mut writer = TableWriter { sink, format, rows: 0 };
        writer.heading(headings)?;
        Ok(writer)
    }

    fn heading(&mut self, headings: &[&str]) -> ServiceResult<()> {
        match &mut self.sink {
            Sink::Csv(w) => w.write_record(headings).map_err(csv_failed)?,
            Sink::Xlsx(workbook) => {
                let bold = Format::new().set_bold();
                let sheet = workbook.worksheet_from_index(0).map_err(xlsx_failed)?;
                for (col, text) in (0u16..).zip(headings) {
                    let width = text.chars().count().clamp(10, 40);
                    sheet.set_column_width(col, u16::try_from(width).unwrap_or(40)).map_err(xlsx_failed)?;
                    sheet.write_string_with_format(0, col, *text, &bold).map_err(xlsx_failed)?;
                }
            }
        }
        self.rows = 1;
        Ok(())
    }

    /// Writes the next row.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> ServiceResult<()> {
        let row = self.rows;
        match &mut self.sink {
            Sink::Csv(w) => {
                let record = cells.iter().map(|c| match c {
                    Cell::Text(t) => csv_text(t).into_owned(),
                    Cell::Number(n) => n.to_string(),
                    Cell::Empty => String::new(),
                });
                w.write_record(record).map_err(csv_failed)?;
            }
            Sink::Xlsx(workbook) => {
                let sheet = workbook.worksheet_from_index(0).map_err(xlsx_failed)?;
                for (col, cell) in (0u16..).zip(cells) {
                    match cell {
                        Cell::Text(t) => sheet.write_string(row, col, *t).map(|_| ()),
                        // Counts are far below 2^53: exact as Excel's numbers.
                        #[expect(clippy::cast_precision_loss, reason = "counts are far below 2^53")]
                        Cell::Number(n) => sheet.write_number(row, col, *n as f64).map(|_| ()),
                        Cell::Empty => Ok(()),
                    }
                    .map_err(xlsx_failed)?;
                }
            }
        }
        self.rows = row.checked_add(1).ok_or_else(|| ServiceError::Internal("too many rows".into()))?;
        Ok(())
    }

    /// The finished file, named `stem` and the format's extension.
    pub fn finish(self, stem: &str) -> ServiceResult<ExportFile> {
        let bytes = match self.sink {
            Sink::Csv(w) => w.into_inner().map_err(|e| csv_failed(e.error()))?,
            Sink::Xlsx(mut workbook) => workbook.save_to_buffer().map_err(xlsx_failed)?,
        };
        Ok(ExportFile {
            content_type: self.format.content_type(),
            file_name: self.format.file_name(stem),
            bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(format: ExportFormat) -> String {
        let mut w = TableWriter::new(format, "uji", &["nama", "nik", "jumlah"]).unwrap();
        w.row(&[Cell::Text("Santoso, Budi"), Cell::Text("3173051203850001"), Cell::Number(3)]).unwrap();
        w.row(&[Cell::Text("=HYPERLINK(1)"), Cell::Empty, Cell::Number(0)]).unwrap();
        String::from_utf8(w.finish("uji").unwrap().bytes).unwrap()
    }

    #[test]
    fn csv_is_quoted_and_formulas_are_defused() {
        assert_eq!(
            csv(ExportFormat::Csv),
            "nama,nik,jumlah\r\n\"Santoso, Budi\",3173051203850001,3\r\n'=HYPERLINK(1),,0\r\n"
        );
    }

    #[test]
    fn csv_for_excel_has_a_bom_and_semicolons() {
        let text = csv(ExportFormat::CsvExcel);
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(
            &text['\u{feff}'.len_utf8()..],
            "nama;nik;jumlah\r\nSantoso, Budi;3173051203850001;3\r\n'=HYPERLINK(1);;0\r\n"
        );
    }
}
