//! Reading an uploaded spreadsheet into rows of text: an XLSX workbook's first sheet, or a
//! CSV file (comma or semicolon separated, as Excel writes it under an Indonesian locale).
//! Every size is bounded before anything is kept: the file, the rows, the columns, a cell.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use pamong_domain::import::{FileProblem, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS};

/// A sheet: its heading row and the rows below it, each with its number as the spreadsheet
/// shows it (the headings are row 1). Blank rows are left out but keep the numbering.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    pub headings: Vec<String>,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Reads a CSV or XLSX file (told apart by content, not by name).
pub(crate) fn read(bytes: &[u8]) -> Result<Sheet, FileProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge);
    }
    // Every XLSX file is a zip archive, which starts with this signature.
    let sheet = if bytes.starts_with(b"PK\x03\x04") { read_xlsx(bytes)? } else { read_csv(bytes)? };
    if sheet.rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(sheet)
}

/// Collects rows into a sheet, refusing more than [`MAX_ROWS`].
struct Collect {
    sheet: Sheet,
    seen_headings: bool,
}

impl Collect {
    fn new() -> Self {
        Self { sheet: Sheet::default(), seen_headings: false }
    }

    fn push(&mut self, number: u32, cells: Vec<String>) -> Result<(), FileProblem> {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        if !self.seen_headings {
            self.seen_headings = true;
            self.sheet.headings = cells;
            return Ok(());
        }
        if self.sheet.rows.len() >= MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        self.sheet.rows.push((number, cells));
        Ok(())
    }
}

/// A cell's text, cut to [`MAX_CELL_CHARS`]. A leading `'` that an export put before `=`,
/// `+`, `-` or `@` (so a spreadsheet would not run it) is taken off again.
fn cell_text(raw: &str) -> String {
    let raw = match raw.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => raw,
    };
    raw.chars().take(MAX_CELL_CHARS).collect()
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, FileProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| first_line.iter().filter(|b| **b == c).count();
    let delimiter = if count(b';') > count(b',') { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(bytes);
    let mut collect = Collect::new();
    let mut record = csv::ByteRecord::new();
    // Lines are numbered from 1; `counted_to` is how far the newlines have been counted.
    let (mut line, mut counted_to) = (1u32, 0usize);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => return Err(FileProblem::Unreadable),
        }
        // The line the record starts on: the csv reader skips blank lines, and a quoted cell
        // may span several, so the lines are counted up to where the record starts.
        let mut start =
            record.position().map_or(counted_to, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        // The position is where the reader began, before the blank lines it skipped.
        while bytes.get(start).is_some_and(|b| matches!(b, b'\n' | b'\r')) {
            start += 1;
        }
        let newlines =
            bytes.get(counted_to..start).unwrap_or_default().iter().filter(|b| **b == b'\n').count();
        line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        counted_to = start.max(counted_to);
        // A spreadsheet saved in the old Windows encoding is not UTF-8: its odd letters
        // become replacement characters rather than failing the file.
        let cells = record.iter().take(MAX_COLUMNS).map(|c| cell_text(&String::from_utf8_lossy(c))).collect();
        collect.push(line, cells)?;
    }
    Ok(collect.sheet)
}

fn read_xlsx(bytes: &[u8]) -> Result<Sheet, FileProblem> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| FileProblem::Unreadable)?;
    let range =
        workbook.worksheet_range_at(0).ok_or(FileProblem::Empty)?.map_err(|_| FileProblem::Unreadable)?;
    let (height, _) = range.get_size();
    // The heading row and the rows below it; a sheet claiming more is refused before its
    // rows are turned into text.
    if height > MAX_ROWS + 1 {
        return Err(FileProblem::TooManyRows);
    }
    let first_row = range.start().map_or(0, |(row, _)| row);
    let mut collect = Collect::new();
    for (offset, row) in range.rows().enumerate() {
        let number = u32::try_from(offset).unwrap_or(u32::MAX).saturating_add(first_row).saturating_add(1);
        let cells = row.iter().take(MAX_COLUMNS).map(xlsx_text).collect();
        collect.push(number, cells)?;
    }
    Ok(collect.sheet)
}

/// A workbook cell as text: dates as `YYYY-MM-DD`, whole numbers without a decimal point (a
/// NIK or a phone number typed as a number), text as it is.
fn xlsx_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => cell_text(s),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e17 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) => cell_text(s.get(..10).unwrap_or(s)),
        Data::DurationIso(s) => cell_text(s),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_a_bom_and_blank_rows() {
        let file = "\u{feff}Nama lengkap;Tanggal lahir\n\nBudi;12/03/1985\n;\nSiti;'=1+1\n";
        let sheet = read(file.as_bytes()).unwrap();
        assert_eq!(sheet.headings, ["Nama lengkap", "Tanggal lahir"]);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0], (3, vec!["Budi".to_owned(), "12/03/1985".to_owned()]));
        assert_eq!(sheet.rows[1], (5, vec!["Siti".to_owned(), "=1+1".to_owned()]));
    }

    #[test]
    fn limits_are_kept() {
        assert_eq!(read(b"Nama\n").err(), Some(FileProblem::Empty));
        let mut big = String::from("Nama\n");
        for i in 0..=MAX_ROWS {
            big.push_str(&format!("n{i}\n"));
        }
        assert_eq!(read(big.as_bytes()).err(), Some(FileProblem::TooManyRows));
        let long = format!("Nama\n{}\n", "x".repeat(MAX_CELL_CHARS * 3));
        assert_eq!(read(long.as_bytes()).unwrap().rows[0].1[0].chars().count(), MAX_CELL_CHARS);
        assert_eq!(read(b"PK\x03\x04not really a zip").err(), Some(FileProblem::Unreadable));
    }

    #[test]
    fn a_workbook_s_numbers_and_dates_read_as_typed() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "NIK").unwrap();
        sheet.write_string(0, 1, "Tanggal lahir").unwrap();
        sheet.write_number(1, 0, 3_173_051_203_850_001.0).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(1985, 3, 12).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        sheet.write_datetime_with_format(1, 1, &date, &format).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let read = read(&bytes).unwrap();
        assert_eq!(read.headings, ["NIK", "Tanggal lahir"]);
        assert_eq!(read.rows, [(2, vec!["3173051203850001".to_owned(), "1985-03-12".to_owned()])]);
    }
}
