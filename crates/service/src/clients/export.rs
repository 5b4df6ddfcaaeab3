//! The client list as a file (CSV, CSV for Excel, XLSX), masked exactly as the list is: a child's name leaves the system
//! only for those who may see it, each child exported in full is logged in the access log,
//! and every export in the export log.

use pamong_domain::caseload::{ClientFilter, ClientSummary};
use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_domain::page::{ListQuery, MAX_PER_PAGE};
use pamong_entity::client;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::exports::{self, Cell, Export, ExportFile, TableWriter};
use crate::privacy;

/// The most rows one export holds.
pub const EXPORT_MAX_ROWS: u64 = 20_000;

/// The columns of the exported client list.
const HEADINGS: [&str; 8] =
    ["nomor_register", "nama", "nik", "dasar", "status", "risiko", "pk", "akhir_pengawasan"];

/// The clients matching `filter` (all pages, up to [`EXPORT_MAX_ROWS`]) as a file of
/// `format`, with a header row.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &ClientFilter,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<ExportFile> {
    let mut rows: Vec<ClientSummary> = Vec::new();
    let mut page = 1;
    loop {
        let query = ListQuery { page, per_page: MAX_PER_PAGE, ..filter.list.clone() };
        let got = super::list(db, actor, &ClientFilter { list: query, ..filter.clone() }).await?;
        let last = got.items.len() < usize::try_from(MAX_PER_PAGE).unwrap_or(usize::MAX);
        rows.extend(got.items);
        if last || rows.len() as u64 >= EXPORT_MAX_ROWS {
            break;
        }
        page += 1;
    }
    rows.truncate(usize::try_from(EXPORT_MAX_ROWS).unwrap_or(usize::MAX));
    let export = Export {
        kind: ExportKind::ClientList,
        filter: &format!("{}; format: {}", describe(filter), format.as_str()),
        rows: rows.len() as u64,
        bapas: actor.bapas_id,
        kanwil: actor.kanwil_id,
    };
    exports::record(db, actor, export, now).await?;
    log_revealed(db, actor, &rows, now).await?;
    let mut out = TableWriter::new(format, "Klien", &HEADINGS)?;
    for r in rows {
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
