//! `pamong regions import FILE.csv`: reads the official Kemendagri list, checks every line,
//! and loads it with a progress bar and a summary.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use pamong_domain::region::{RegionRow, RegionRowError};
use pamong_service::{Actor, Clock, DatabaseConnection, regions};

use crate::commands::{CommandResult, say_service_error};

/// How many refused lines are listed before the rest are only counted.
const SHOWN_REJECTS: usize = 10;

/// The checked rows of a region file and the lines refused (1-based line number, reason).
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// Rows that passed.
    pub rows: Vec<RegionRow>,
    /// Lines refused.
    pub rejected: Vec<(u64, String)>,
}

/// Reads a `kode,nama` CSV (header optional; quoted names with commas allowed).
pub fn parse_file(path: &Path) -> Result<ParsedFile, csv::Error> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(path)?;
    let mut parsed = ParsedFile::default();
    for (index, record) in reader.records().enumerate() {
        let line = u64::try_from(index).unwrap_or(u64::MAX).saturating_add(1);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                parsed.rejected.push((line, e.to_string()));
                continue;
            }
        };
        let (code, name) = (record.get(0).unwrap_or_default(), record.get(1).unwrap_or_default());
        if line == 1 && code.trim().eq_ignore_ascii_case("kode") {
            continue;
        }
        match RegionRow::parse(code, name) {
            Ok(row) => parsed.rows.push(row),
            Err(RegionRowError::BadCode) => {
                parsed.rejected.push((line, format!("not a region code: {code:?}")))
            }
            Err(RegionRowError::BadName) => {
                parsed.rejected.push((line, format!("empty or too long name for {code}")))
            }
        }
    }
    Ok(parsed)
}

/// Imports a region file as the system actor, showing progress on the terminal.
#[expect(clippy::print_stdout, reason = "the import command reports to the terminal")]
pub async fn import_file(db: &DatabaseConnection, path: &Path) -> CommandResult {
    let parsed = parse_file(path)?;
    let total = u64::try_from(parsed.rows.len()).unwrap_or(u64::MAX);
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:40}] {pos}/{len} regions ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let source =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let summary = regions::import(db, &Actor::system(), &parsed.rows, &source, Clock::System.now(), |done| {
        bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
    })
    .await
    .map_err(say_service_error)?;
    bar.finish_and_clear();
    let counts = regions::counts(db).await.map_err(say_service_error)?;
    println!(
        "{source}: {} added, {} renamed, {} unchanged, {} lines refused",
        summary.added,
        summary.renamed,
        summary.unchanged,
        parsed.rejected.len()
    );
    for (line, reason) in parsed.rejected.iter().take(SHOWN_REJECTS) {
        println!("  line {line}: {reason}");
    }
    if parsed.rejected.len() > SHOWN_REJECTS {
        println!("  … and {} more", parsed.rejected.len() - SHOWN_REJECTS);
    }
    println!(
        "now loaded: {} provinces, {} kabupaten/kota, {} kecamatan, {} kelurahan/desa",
        counts[0], counts[1], counts[2], counts[3]
    );
    Ok(())
}
