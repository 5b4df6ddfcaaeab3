//! The client list as CSV, masked exactly as the list is: a child's name leaves the system
//! only for those who may see it, each child exported in full is logged in the access log,
//! and every export in the export log.

use pamong_domain::caseload::{ClientFilter, ClientSummary};
use pamong_domain::logs::ExportKind;
use pamong_domain::page::{ListQuery, MAX_PER_PAGE};
use pamong_entity::client;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::exports::{self, Export};
use crate::privacy;

/// The most rows one export holds.
pub const EXPORT_MAX_ROWS: u64 = 20_000;

/// One CSV cell: quoted when needed, and a leading `=`, `+`, `-` or `@` defused so a
/// spreadsheet does not run it as a formula.
fn cell(raw: &str) -> String {
    let text = if raw.starts_with(['=', '+', '-', '@']) { format!("'{raw}") } else { raw.to_owned() };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

fn line(cells: &[&str]) -> String {
    let mut out = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// The clients matching `filter` (all pages, up to [`EXPORT_MAX_ROWS`]) as CSV with a header.
pub async fn csv(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &ClientFilter,
    now: OffsetDateTime,
) -> ServiceResult<String> {
    let mut out =
        line(&["nomor_register", "nama", "nik", "dasar", "status", "risiko", "pk", "akhir_pengawasan"]);
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
        kind: ExportKind::ClientsCsv,
        filter: &describe(filter),
        rows: rows.len() as u64,
        bapas: actor.bapas_id,
        kanwil: actor.kanwil_id,
    };
    exports::record(db, actor, export, now).await?;
    let revealed: Vec<_> = rows.iter().filter(|r| r.child && !r.masked).map(|r| r.id).collect();
    if !revealed.is_empty() {
        for child in client::Entity::find().filter(client::Column::PublicId.is_in(revealed)).all(db).await? {
            privacy::log(db, actor, "export", &child, None, now).await?;
        }
    }
    for r in rows {
        let end = r.supervision_end.map(|d| d.to_string()).unwrap_or_default();
        out.push_str(&line(&[
            &r.register_number,
            &r.full_name,
            r.nik.as_deref().unwrap_or_default(),
            r.legal_basis.as_str(),
            r.status.as_str(),
            r.risk_band.map(|b| b.as_str()).unwrap_or_default(),
            r.pk.as_ref().map(|p| p.name.as_str()).unwrap_or_default(),
            &end,
        ]));
    }
    Ok(out)
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
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("Budi"), "Budi");
        assert_eq!(cell("Santoso, Budi"), "\"Santoso, Budi\"");
        assert_eq!(cell("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(line(&["a", "b"]), "a,b\r\n");
    }

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
