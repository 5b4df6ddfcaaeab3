//! Importing clients from a spreadsheet: the template's columns, how a row of cells becomes
//! the registry form ([`ClientForm`], checked by the same parser as the form), and what the
//! preview and the report say about each row.
//!
//! Offices keep years of clients in spreadsheets typed by hand, so a row is read leniently
//! where the meaning is plain (`12/03/1985` for a date, `Laki-laki` for `L`, `Pembebasan
//! Bersyarat` for `pb`) and strictly everywhere else: what the form would refuse, the import
//! refuses, naming the column.

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::client::{ClientForm, fold_name};
use crate::error::{FieldError, FieldErrors, Problem};
use crate::legal::LegalBasis;

/// The largest file accepted, in bytes (a 100,000-row CSV of the template is about 25 MB).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The most rows one file may hold.
pub const MAX_ROWS: usize = 100_000;
/// The longest cell read; a longer one is cut here (and then refused by the field's own
/// limit, which is far shorter).
pub const MAX_CELL_CHARS: usize = 1_000;
/// The most columns a header row may have.
pub const MAX_COLUMNS: usize = 100;

/// One column of the template: the form field it fills and its heading in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The [`ClientForm`] field (and the name a machine-made file may use as the heading).
    pub field: &'static str,
    /// The heading in the template, in Bahasa Indonesia.
    pub heading: &'static str,
    /// Whether every row needs it.
    pub required: bool,
}

const fn column(field: &'static str, heading: &'static str, required: bool) -> Column {
    Column { field, heading, required }
}

/// The field a row names its PK by: a username, looked up in the office.
pub const PK_FIELD: &str = "pk_username";

/// The template's columns, in order.
pub const COLUMNS: [Column; 29] = [
    column("nik", "NIK", false),
    column("full_name", "Nama lengkap", true),
    column("aliases", "Nama lain", false),
    column("sex", "Jenis kelamin (L/P)", true),
    column("birth_place", "Tempat lahir", false),
    column("birth_date", "Tanggal lahir", true),
    column("religion", "Agama", false),
    column("education", "Pendidikan", false),
    column("occupation", "Pekerjaan", false),
    column("address", "Alamat", false),
    column("region_code", "Kode desa/kelurahan", false),
    column("phone", "Telepon", false),
    column("guarantor_name", "Nama penjamin", false),
    column("guarantor_relation", "Hubungan penjamin", false),
    column("guarantor_phone", "Telepon penjamin", false),
    column("court", "Pengadilan", false),
    column("decision_number", "Nomor putusan", false),
    column("offence_articles", "Pasal", false),
    column("legal_basis", "Dasar hukum", true),
    column("supervision_start", "Mulai bimbingan", true),
    column("remaining_months", "Sisa pidana (bulan)", false),
    column("remaining_days", "Sisa pidana (hari)", false),
    column("remission_months", "Remisi terakhir (bulan)", false),
    column("remission_days", "Remisi terakhir (hari)", false),
    column("term_months", "Masa pengawasan (bulan)", false),
    column("term_days", "Masa pengawasan (hari)", false),
    column("end_override", "Akhir bimbingan (jika ditetapkan)", false),
    column("end_override_reason", "Alasan akhir bimbingan", false),
    column(PK_FIELD, "PK (nama pengguna)", false),
];

/// The template column of a form field.
pub fn column_of(field: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.field == field)
}

/// A heading folded for matching: letters and digits only, lower case, so `Tanggal Lahir`,
/// `tanggal_lahir` and `TANGGAL LAHIR ` are one heading.
fn heading_key(raw: &str) -> String {
    raw.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Which template column each of a file's columns is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// For each of the file's columns, the template column it fills (`None`: ignored).
    columns: Vec<Option<usize>>,
    /// Headings that match no template column, as written.
    pub ignored: Vec<String>,
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum FileProblem {
    /// Not a CSV or XLSX file, or a damaged one.
    #[error("unreadable file")]
    Unreadable,
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("file too large")]
    TooLarge,
    /// More rows than [`MAX_ROWS`].
    #[error("too many rows")]
    TooManyRows,
    /// The form was sent without a file.
    #[error("no file")]
    NoFile,
    /// No rows below the headings.
    #[error("no rows")]
    Empty,
    /// The headings lack required columns (their headings, in template order).
    #[error("required columns missing")]
    MissingColumns(Vec<String>),
    /// Two columns have the same heading.
    #[error("a column twice")]
    RepeatedColumn(String),
}

impl Layout {
    /// Matches a header row against the template: by heading, or by field name.
    pub fn of(headings: &[String]) -> Result<Layout, FileProblem> {
        let mut columns = Vec::with_capacity(headings.len());
        let mut ignored = Vec::new();
        for heading in headings.iter().take(MAX_COLUMNS) {
            let key = heading_key(heading);
            let found =
                COLUMNS.iter().position(|c| heading_key(c.heading) == key || heading_key(c.field) == key);
            if let Some(index) = found
                && columns.contains(&Some(index))
            {
                return Err(FileProblem::RepeatedColumn(heading.trim().to_owned()));
            }
            if found.is_none() && !key.is_empty() {
                ignored.push(heading.trim().chars().take(60).collect());
            }
            columns.push(found);
        }
        let missing: Vec<String> = COLUMNS
            .iter()
            .enumerate()
            .filter(|(i, c)| c.required && !columns.contains(&Some(*i)))
            .map(|(_, c)| c.heading.to_owned())
            .collect();
        if !missing.is_empty() {
            return Err(FileProblem::MissingColumns(missing));
        }
        Ok(Layout { columns, ignored })
    }

    /// A row of cells as the registry form, and the PK's username (empty when none). Cells
    /// beyond the headings are ignored.
    pub fn row(&self, cells: &[String]) -> (ClientForm, String) {
        let mut form = ClientForm::default();
        let mut pk = String::new();
        for (cell, column) in cells.iter().zip(&self.columns) {
            let Some(column) = column.and_then(|i| COLUMNS.get(i)) else { continue };
            let value: String = cell.trim().chars().take(MAX_CELL_CHARS).collect();
            let slot = match column.field {
                "nik" => &mut form.nik,
                "full_name" => &mut form.full_name,
                "aliases" => &mut form.aliases,
                "sex" => {
                    form.sex = sex(&value);
                    continue;
                }
                "birth_place" => &mut form.birth_place,
                "birth_date" => {
                    form.birth_date = date(&value);
                    continue;
                }
                "religion" => &mut form.religion,
                "education" => &mut form.education,
                "occupation" => &mut form.occupation,
                "address" => &mut form.address,
                "region_code" => &mut form.region_code,
                "phone" => &mut form.phone,
                "guarantor_name" => &mut form.guarantor_name,
                "guarantor_relation" => &mut form.guarantor_relation,
                "guarantor_phone" => &mut form.guarantor_phone,
                "court" => &mut form.court,
                "decision_number" => &mut form.decision_number,
                "offence_articles" => &mut form.offence_articles,
                "legal_basis" => {
                    form.legal_basis = legal_basis(&value);
                    continue;
                }
                "supervision_start" => {
                    form.supervision_start = date(&value);
                    continue;
                }
                "remaining_months" => &mut form.remaining_months,
                "remaining_days" => &mut form.remaining_days,
                "remission_months" => &mut form.remission_months,
                "remission_days" => &mut form.remission_days,
                "term_months" => &mut form.term_months,
                "term_days" => &mut form.term_days,
                "end_override" => {
                    form.end_override = date(&value);
                    continue;
                }
                "end_override_reason" => &mut form.end_override_reason,
                _ => &mut pk,
            };
            *slot = value;
        }
        (form, pk)
    }
}

/// `L`/`P`, also written out (`Laki-laki`, `Perempuan`); anything else is kept for the
/// parser to refuse.
fn sex(raw: &str) -> String {
    match heading_key(raw).as_str() {
        "l" | "lakilaki" | "pria" => "L".to_owned(),
        "p" | "perempuan" | "wanita" => "P".to_owned(),
        _ => raw.to_owned(),
    }
}

/// A legal basis by its code (`pb`, `kerja_sosial`) or its name (`Pembebasan Bersyarat`).
fn legal_basis(raw: &str) -> String {
    let key = heading_key(raw);
    let named = match key.as_str() {
        "pembebasanbersyarat" => Some(LegalBasis::Pb),
        "cutibersyarat" => Some(LegalBasis::Cb),
        "cutimenjelangbebas" => Some(LegalBasis::Cmb),
        "pidanapengawasan" => Some(LegalBasis::PidanaPengawasan),
        "pidanakerjasosial" | "kerjasosial" => Some(LegalBasis::KerjaSosial),
        "pidanadengansyarat" | "anakbersyarat" => Some(LegalBasis::AnakBersyarat),
        _ => LegalBasis::ALL.into_iter().find(|b| heading_key(b.as_str()) == key),
    };
    named.map_or_else(|| raw.to_owned(), |b| b.as_str().to_owned())
}

/// A date as the form posts it (`YYYY-MM-DD`), from that or from `DD/MM/YYYY` or
/// `DD-MM-YYYY` as officers write dates; anything else is kept for the parser to refuse.
pub fn date(raw: &str) -> String {
    let parts: Vec<&str> = raw.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            let all_digits = [d, m, y].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if all_digits { format!("{y}-{m:0>2}-{d:0>2}") } else { raw.to_owned() }
        }
        _ => raw.to_owned(),
    }
}

/// Why a row is not imported, besides its fields' problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowIssue {
    /// A field's problem, under its form field name.
    Field(FieldError),
    /// The same person as an earlier row of the file (same NIK, or same name and birth
    /// date): that row's number.
    RepeatOf(u32),
    /// A child's case: registered on the child-case form, whose record protects the
    /// identity.
    Child,
}

impl RowIssue {
    /// The issues of a refused form.
    pub fn of_fields(errors: FieldErrors) -> Vec<RowIssue> {
        errors.0.into_iter().map(RowIssue::Field).collect()
    }
}

/// A row that will not be (or was not) imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The row's number as the spreadsheet shows it (the headings are row 1).
    pub row: u32,
    /// The name in the row, as typed (to find it in the file).
    pub name: String,
    /// Everything wrong with it.
    pub issues: Vec<RowIssue>,
}

/// What makes two rows the same person: the NIK, or the folded name with the birth date.
pub fn row_identity(form: &ClientForm) -> Vec<String> {
    let mut keys = Vec::with_capacity(2);
    let nik: String = form.nik.chars().filter(|c| !c.is_whitespace()).collect();
    if !nik.is_empty() {
        keys.push(format!("nik:{nik}"));
    }
    let name = fold_name(&form.full_name);
    if !name.is_empty() && !form.birth_date.trim().is_empty() {
        keys.push(format!("nama:{name}:{}", form.birth_date.trim()));
    }
    keys
}

text_enum! {
    /// Where an import stands.
    ImportStatus {
        /// Uploaded and checked; waiting for the Kabapas to import the good rows.
        Preview => "pratinjau",
        /// The good rows are being written.
        Running => "berjalan",
        /// Written.
        Done => "selesai",
        /// Writing failed; nothing was kept.
        Failed => "gagal",
    }
}

/// One import as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    /// Public id.
    pub id: Uuid,
    /// The uploaded file's name.
    pub file_name: String,
    /// Who uploaded it.
    pub uploaded_by: String,
    /// When (the office's local date).
    pub uploaded_on: Date,
    /// Where it stands.
    pub status: ImportStatus,
    /// Rows in the file.
    pub rows: u32,
    /// Rows that pass every check.
    pub good: u32,
    /// Rows written (when done).
    pub imported: u32,
    /// Rows written so far while running (as far as this server knows).
    pub progress: Option<u32>,
    /// Headings the file has that the template does not (ignored).
    pub ignored_columns: Vec<String>,
    /// The rows that will not be imported, a page of them.
    pub problems: crate::page::Page<RowProblem>,
    /// Whether the viewer may start the import now.
    pub can_start: bool,
}

/// An import in the office's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Public id.
    pub id: Uuid,
    /// The file's name.
    pub file_name: String,
    /// When it was uploaded.
    pub uploaded_on: Date,
    /// Where it stands.
    pub status: ImportStatus,
    /// Rows in the file.
    pub rows: u32,
    /// Rows written.
    pub imported: u32,
}

/// An uploaded file's name, cut to what a page shows and stripped of any path.
pub fn file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if cleaned.trim().is_empty() { "impor".to_owned() } else { cleaned.trim().to_owned() }
}

/// What a column's problem is called in the report: the column's heading.
pub fn heading_of(field: &str) -> &str {
    column_of(field).map_or(field, |c| c.heading)
}

/// Whether an issue list holds a problem of `field`.
pub fn has_problem(issues: &[RowIssue], field: &str, problem: Problem) -> bool {
    issues.iter().any(|i| matches!(i, RowIssue::Field(f) if f.field == field && f.problem == problem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn headings_match_loosely_and_name_what_is_missing() {
        let layout = Layout::of(&headings(&[
            "NAMA LENGKAP",
            "jenis_kelamin (l/p)",
            "Tanggal Lahir",
            "x",
            "Dasar hukum",
        ]));
        assert_eq!(layout, Err(FileProblem::MissingColumns(vec!["Mulai bimbingan".into()])));
        let layout = Layout::of(&headings(&[
            "full_name",
            "Jenis kelamin (L/P)",
            "Tanggal lahir",
            "Dasar hukum",
            "Mulai bimbingan",
            "Catatan lama",
        ]))
        .unwrap();
        assert_eq!(layout.ignored, ["Catatan lama"]);
        assert_eq!(Layout::of(&headings(&["NIK", "nik"])), Err(FileProblem::RepeatedColumn("nik".into())));
    }

    #[test]
    fn a_row_reads_as_the_form_with_lenient_dates_and_names() {
        let layout = Layout::of(&COLUMNS.iter().map(|c| c.heading.to_owned()).collect::<Vec<_>>()).unwrap();
        let mut cells = vec![String::new(); COLUMNS.len()];
        cells[1] = " Budi Santoso ".into();
        cells[3] = "Laki-laki".into();
        cells[5] = "12/3/1985".into();
        cells[18] = "Pembebasan Bersyarat".into();
        cells[19] = "2026-01-31".into();
        cells[28] = "pk.jakbar".into();
        let (form, pk) = layout.row(&cells);
        assert_eq!(form.full_name, "Budi Santoso");
        assert_eq!(form.sex, "L");
        assert_eq!(form.birth_date, "1985-03-12");
        assert_eq!(form.legal_basis, "pb");
        assert_eq!(form.supervision_start, "2026-01-31");
        assert_eq!(pk, "pk.jakbar");
        let (short, _) = layout.row(&cells[..2]);
        assert_eq!(short.sex, "", "a short row leaves the rest empty");
    }

    #[test]
    fn dates_in_other_shapes_are_kept_for_the_parser_to_refuse() {
        assert_eq!(date("31-01-2026"), "2026-01-31");
        assert_eq!(date("2026-01-31"), "2026-01-31");
        assert_eq!(date("31 Januari 2026"), "31 Januari 2026");
        assert_eq!(date("aa/bb/cccc"), "aa/bb/cccc");
    }

    #[test]
    fn rows_are_the_same_person_by_nik_or_by_name_and_birth() {
        let form = ClientForm {
            nik: "3173 0512 0385 0001".into(),
            full_name: "Budi  Santoso".into(),
            birth_date: "1985-03-12".into(),
            ..ClientForm::default()
        };
        assert_eq!(row_identity(&form), ["nik:3173051203850001", "nama:budi santoso:1985-03-12"]);
        assert!(row_identity(&ClientForm::default()).is_empty());
    }

    #[test]
    fn file_names_lose_their_paths() {
        assert_eq!(file_name("C:\\Users\\kabapas\\klien.xlsx"), "klien.xlsx");
        assert_eq!(file_name("../../etc/passwd"), "passwd");
        assert_eq!(file_name(""), "impor");
    }
}
