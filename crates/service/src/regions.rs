//! The Kemendagri region list: importing the official file (admin) and browsing it level by
//! level for address pickers.

use std::collections::HashMap;

use pamong_domain::region::{RegionCode, RegionRow, RegionRowError};
use pamong_entity::region;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;

/// Rows inserted per statement: 5 columns × 500 stays far below SQLite's variable limit.
const INSERT_CHUNK: usize = 500;

/// The checked rows of a region file and the lines refused (1-based line number, reason).
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// Rows that passed.
    pub rows: Vec<RegionRow>,
    /// Lines refused.
    pub rejected: Vec<(u64, String)>,
}

/// Reads a `kode,nama` CSV (header optional; quoted names with commas allowed). A line that
/// is not CSV or not a region is refused with its reason; nothing in the file makes this
/// fail, so one bad line never stops an import of 90,000.
pub fn parse_csv(input: impl std::io::Read) -> ParsedFile {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
    let mut parsed = ParsedFile::default();
    for (index, record) in reader.records().enumerate() {
        let line = u64::try_from(index).unwrap_or(u64::MAX).saturating_add(1);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                parsed.rejected.push((line, e.to_string()));
                // An I/O error repeats forever; a malformed line does not.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
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
    parsed
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Codes not known before.
    pub added: u64,
    /// Known codes whose name changed.
    pub renamed: u64,
    /// Known codes with the same name.
    pub unchanged: u64,
}

/// A region as pickers show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionView {
    /// Dotted code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// Imports the rows of an official list in one transaction (admin only): new codes are added,
/// known codes take the new name, nothing is removed (addresses keep their codes). `progress`
/// is called with the number of rows handled so far. One audit row records the import.
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    rows: &[RegionRow],
    source: &str,
    now: OffsetDateTime,
    mut progress: impl FnMut(usize),
) -> ServiceResult<ImportSummary> {
    if !policy::can_manage_reference_data(actor) {
        return Err(ServiceError::not_found());
    }
    let txn = begin_write(db).await?;
    let known: HashMap<String, String> = region::Entity::find()
        .select_only()
        .column(region::Column::Code)
        .column(region::Column::Name)
        .into_tuple::<(String, String)>()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    let mut summary = ImportSummary::default();
    let mut fresh: Vec<region::ActiveModel> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (done, row) in rows.iter().enumerate() {
        // A file that lists a code twice keeps its first name.
        if !seen.insert(row.code.as_str()) {
            continue;
        }
        match known.get(row.code.as_str()) {
            Some(name) if *name == row.name => summary.unchanged += 1,
            Some(_) => {
                region::ActiveModel {
                    code: Set(row.code.as_str().to_owned()),
                    name: Set(row.name.clone()),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .update(&txn)
                .await?;
                summary.renamed += 1;
            }
            None => {
                fresh.push(region::ActiveModel {
                    code: Set(row.code.as_str().to_owned()),
                    name: Set(row.name.clone()),
                    level: Set(i16::from(row.code.level().depth())),
                    parent_code: Set(row.code.parent().map(|p| p.as_str().to_owned())),
                    updated_at: Set(now),
                });
                summary.added += 1;
            }
        }
        if fresh.len() == INSERT_CHUNK {
            region::Entity::insert_many(std::mem::take(&mut fresh)).exec(&txn).await?;
        }
        if done % INSERT_CHUNK == 0 {
            progress(done);
        }
    }
    if !fresh.is_empty() {
        region::Entity::insert_many(fresh).exec(&txn).await?;
    }
    progress(rows.len());
    let changes = Changes::new()
        .set("source", &source)
        .set("added", &summary.added)
        .set("renamed", &summary.renamed)
        .set("unchanged", &summary.unchanged);
    audit::record(&txn, actor, now, "import", "regions", source, &changes).await?;
    txn.commit().await?;
    Ok(summary)
}

/// The regions directly under `parent` (the provinces when `None`), by name.
pub async fn children(
    db: &DatabaseConnection,
    parent: Option<&RegionCode>,
) -> ServiceResult<Vec<RegionView>> {
    let query = match parent {
        Some(code) => region::Entity::find().filter(region::Column::ParentCode.eq(code.as_str())),
        None => region::Entity::find().filter(region::Column::Level.eq(1)),
    };
    Ok(query
        .order_by_asc(region::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|r| RegionView { code: r.code, name: r.name })
        .collect())
}

/// Whether a code is in the imported list.
pub async fn exists(db: &DatabaseConnection, code: &RegionCode) -> ServiceResult<bool> {
    Ok(region::Entity::find_by_id(code.as_str().to_owned()).one(db).await?.is_some())
}

/// How many regions of each level are loaded (provinces first). All zero before an import.
pub async fn counts(db: &DatabaseConnection) -> ServiceResult<[u64; 4]> {
    use sea_orm::PaginatorTrait;
    let mut out = [0u64; 4];
    for (slot, level) in out.iter_mut().zip(1i16..=4) {
        *slot = region::Entity::find().filter(region::Column::Level.eq(level)).count(db).await?;
    }
    Ok(out)
}
