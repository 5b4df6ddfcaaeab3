//! The client list as a file (CSV, CSV for Excel, XLSX), masked exactly as the list is: a child's name leaves the system
//! only for those who may see it, each child exported in full is logged in the access log,
//! and every export in the export log.

use std::collections::HashMap;

use pamong_domain::caseload::{ClientFilter, ClientSummary};
use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_entity::client;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::exports::{self, Cell, Export, ExportFile, TableWriter};
use crate::privacy;

/// The most rows one export holds: the national registry's supervised clients, with room.
pub const EXPORT_MAX_ROWS: u64 = 250_000;

/// Clients read and written per step: memory holds this many rows, whatever the export's length.
const CHUNK: usize = 1_000;

/// The columns of the exported client list.
const HEADINGS: [&str; 8] =
    ["nomor_register", "nama", "nik", "dasar", "status", "risiko", "pk", "akhir_pengawasan"];

/// The clients matching `filter` (all pages, up to [`EXPORT_MAX_ROWS`]) as a file of
/// `format`, with a header row. Only the matching ids are held; rows are read, masked and
/// written [`CHUNK`] at a time, and the XLSX sheet goes to disk as it is written, so a
/// 100,000-row export costs the server little more memory than a short one.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &ClientFilter,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<ExportFile> {
    let ids = super::matching_ids(db, actor, filter, EXPORT_MAX_ROWS).await?;
    let export = Export {
        kind: ExportKind::ClientList,
        filter: &format!("{}; format: {}", describe(filter), format.as_str()),
        rows: ids.len() as u64,
        bapas: actor.bapas_id,
        kanwil: actor.kanwil_id,
    };
    exports::record(db, actor, export, now).await?;
    let mut out = TableWriter::new(format, "Klien", &HEADINGS)?;
    for chunk in ids.chunks(CHUNK) {
        let place: HashMap<i32, usize> = chunk.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut rows =
            client::Entity::find().filter(client::Column::Id.is_in(chunk.iter().copied())).all(db).await?;
        rows.sort_by_key(|r| place.get(&r.id).copied());
        let rows = super::summaries(db, actor, rows).await?;
        log_revealed(db, actor, &rows, now).await?;
        for r in &rows {
            let end = r.supervision_end.map(|d| d.to_string()).unwrap_or_default();
            out.row(&[
                Cell::Text(&r.register_number),
                Cell::Text(&r.full_name),
                Cell::maybe(r.nik.as_deref()),
                Cell::Text(r.legal_basis.as_str()),
                Cell::Text(r.status.as_str()),
                Cell::maybe(r.risk_band.map(|b| b.as_str())),
                Cell::maybe(r.pk.as_ref().map(|p| p.name.as_str())),
                Cell::Text(&end),
            ])?;
        }
    }
    out.finish("klien")
}

/// Writes an access-log row for each child of `rows` the export shows in full (a masked
/// child left nothing to log).
pub(crate) async fn log_revealed(
    db: &DatabaseConnection,
    actor: &Actor,
    rows: &[ClientSummary],
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let revealed: Vec<_> = rows.iter().filter(|r| r.child && !r.masked).map(|r| r.id).collect();
    if !revealed.is_empty() {
        for child in client::Entity::find().filter(client::Column::PublicId.is_in(revealed)).all(db).await? {
            privacy::log(db, actor, "export", &child, None, now).await?;
        }
    }
    Ok(())
}

/// The list's filters in words, for the export log ("semua" when none).
fn describe(filter: &ClientFilter) -> String {
    let mut parts = Vec::new();
    let mut add = |name: &str, value: Option<&str>| {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            parts.push(format!("{name}: {v}"));
        }
    };
    add("cari", Some(filter.list.q.as_str()));
    add("status", filter.status.as_deref());
    add("risiko", filter.band.as_deref());
    add("dasar", filter.legal_basis.as_deref());
    add("pk", filter.pk.as_deref());
    if filter.list.include_inactive {
        parts.push("termasuk tidak aktif".into());
    }
    if parts.is_empty() { "semua".into() } else { parts.join("; ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pamong_domain::page::ListQuery;

    #[test]
    fn filters_are_described_in_words() {
        assert_eq!(describe(&ClientFilter::default()), "semua");
        let filter = ClientFilter {
            list: ListQuery { q: " Budi ".into(), ..ListQuery::default() },
            band: Some("tinggi".into()),
            pk: Some("saya".into()),
            ..ClientFilter::default()
        };
        assert_eq!(describe(&filter), "cari: Budi; risiko: tinggi; pk: saya");
    }
}
