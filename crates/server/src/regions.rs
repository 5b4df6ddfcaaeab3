//! `pamong regions import FILE.csv`: reads the official Kemendagri list, checks every line,
//! and loads it with a progress bar and a summary.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use pamong_service::regions::{self, ParsedFile};
use pamong_service::{Actor, Clock, DatabaseConnection};

use crate::commands::{CommandResult, say_service_error};

/// How many refused lines are listed before the rest are only counted.
const SHOWN_REJECTS: usize = 10;

/// Reads and checks a `kode,nama` CSV file.
pub fn parse_file(path: &Path) -> std::io::Result<ParsedFile> {
    Ok(regions::parse_csv(std::fs::File::open(path)?))
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
