//! The dashboards' tables for download: an office's figures per PK and the regional
//! comparison, read as the pages read them and written to the export log. The caller (the
//! app, which has the figures' names in its translations) writes the file with
//! [`crate::exports::TableWriter`]. Counts and officers' names only: no client is named.

use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_domain::oversight::region::RegionVitals;
use pamong_domain::oversight::vitals::OfficeVitals;
use sea_orm::DatabaseConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::exports::{self, Export};

/// Rows of the per-PK table: each figure for the office and for each officer.
pub fn office_rows(v: &OfficeVitals) -> u64 {
    v.rows.iter().map(|r| 1 + r.officers.len() as u64).sum()
}

/// Rows of the comparison's table: each figure for the whole and for each area.
pub fn region_rows(v: &RegionVitals) -> u64 {
    v.rows.iter().map(|r| 1 + r.areas.len() as u64).sum()
}

/// The dashboard of `office` (as [`super::dashboard::office_vitals`]) for a download in
/// `format`; written to the export log.
pub async fn office_vitals(
    db: &DatabaseConnection,
    actor: &Actor,
    office: Option<Uuid>,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<OfficeVitals> {
    let vitals = super::dashboard::office_vitals(db, actor, office, now).await?;
    let asked = format!("{}, per {}; format: {}", vitals.bapas.name, vitals.as_of, format.as_str());
    let export = Export {
        kind: ExportKind::OfficeVitals,
        filter: &asked,
        rows: office_rows(&vitals),
        bapas: actor.bapas_id,
        kanwil: actor.kanwil_id,
    };
    exports::record(db, actor, export, now).await?;
    Ok(vitals)
}

/// The comparison of `kanwil`'s offices, or of the country's Kanwils (as
/// [`super::region::region_vitals`]) for a download in `format`; written to the export log.
pub async fn region_vitals(
    db: &DatabaseConnection,
    actor: &Actor,
    kanwil: Option<Uuid>,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<RegionVitals> {
    let vitals = super::region::region_vitals(db, actor, kanwil, now).await?;
    let whole = vitals.kanwil.as_ref().map_or("nasional", |k| k.name.as_str());
    let asked = format!("{whole}, per {}; format: {}", vitals.as_of, format.as_str());
    let export = Export {
        kind: ExportKind::RegionVitals,
        filter: &asked,
        rows: region_rows(&vitals),
        bapas: actor.bapas_id,
        kanwil: actor.kanwil_id,
    };
    exports::record(db, actor, export, now).await?;
    Ok(vitals)
}
