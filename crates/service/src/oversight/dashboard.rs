//! The Kabapas dashboard: an office's vitals now and a month earlier, for the office and per
//! PK, and the list of clients behind each. Read by whoever reads the office's figures
//! ([`policy::can_read_vitals`]); the lists only by the Kabapas
//! ([`policy::opens_vital_lists`]). Figures count clients and name only officers, so reading
//! them writes no access-log row; the lists mask children as the client list does.

use std::collections::HashMap;

use pamong_domain::caseload::PersonRef;
use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_domain::office::OfficeRef;
use pamong_domain::oversight::today_groups::PkChoice;
use pamong_domain::oversight::vitals::{
    OfficeVitals, OfficerTally, Tally, Vital, VitalLine, VitalList, VitalRow, month_before,
};
use pamong_domain::page::{ListQuery, Page};
use pamong_entity::{bapas, client};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::figures::Figures;
use crate::actor::Actor;
use crate::clients::export::{EXPORT_MAX_ROWS, log_revealed};
use crate::clients::{officers_of, people, summaries};
use crate::error::{ServiceError, ServiceResult};
use crate::exports::{self, Cell, Export, ExportFile, TableWriter};
use crate::ids::{BapasId, KanwilId};
use crate::offices::today_at;
use crate::policy;
use crate::reintegration::action_plans::{figure_offices, office_for};

/// The dashboard of `office` (the actor's own, or the first they read, when none), as of the
/// office's today at `now`.
pub async fn office_vitals(
    db: &DatabaseConnection,
    actor: &Actor,
    office: Option<Uuid>,
    now: OffsetDateTime,
) -> ServiceResult<OfficeVitals> {
    let readable = figure_offices(db, actor).await?;
    let b = readable_office(db, actor, office, &readable).await?;
    let today = today_at(db, b.id, now).await?;
    let before = month_before(today);
    // The same hour of the day a month earlier.
    let then = now - Duration::days((today - before).whole_days());
    let figures = Figures::load(db, BapasId(b.id), &[(today, now), (before, then)], now).await?;
    let holders = people(db, figures.rows().filter_map(|r| r.pk_id).collect()).await?;
    let officers = officer_order(db, &b, &holders, &figures).await?;
    let held_by = |row: &client::Model| row.pk_id.and_then(|id| holders.get(&id)).map(|p| p.id);
    let mut rows = Vec::new();
    for vital in Vital::ALL.iter().copied() {
        let mut per: HashMap<Option<Uuid>, (Tally, Tally)> = HashMap::new();
        for part in figures.parts(vital) {
            let entry = per.entry(held_by(part.row)).or_insert((vital.zero(), vital.zero()));
            if let Some(now) = part.tallies.first().copied().flatten() {
                entry.0.add(now);
            }
            if let Some(before) = part.tallies.get(1).copied().flatten() {
                entry.1.add(before);
            }
        }
        let (mut now_total, mut before_total) = (vital.zero(), vital.zero());
        let officers = officers
            .iter()
            .map(|pk| {
                let (now, before) =
                    per.get(&pk.as_ref().map(|p| p.id)).copied().unwrap_or((vital.zero(), vital.zero()));
                now_total.add(now);
                before_total.add(before);
                OfficerTally { pk: pk.clone(), now, before }
            })
            .collect();
        rows.push(VitalRow { vital, now: now_total, before: before_total, officers });
    }
    Ok(OfficeVitals {
        bapas: OfficeRef { id: b.public_id, name: b.name.clone() },
        as_of: today,
        before,
        rows,
        offices: readable.into_iter().map(|o| OfficeRef { id: o.public_id, name: o.name }).collect(),
        drill_down: policy::opens_vital_lists(actor, BapasId(b.id)),
    })
}

/// The clients a figure of the actor's office counts now, worst first, with what the
/// dashboard shows of them.
struct Behind {
    office: bapas::Model,
    today: time::Date,
    figures: Figures,
    names: HashMap<i32, PersonRef>,
    counted: Vec<(client::Model, Option<Tally>)>,
}

async fn counted(
    db: &DatabaseConnection,
    actor: &Actor,
    vital: Vital,
    pk: Option<PkChoice>,
    now: OffsetDateTime,
) -> ServiceResult<Behind> {
    let office = policy::vital_lists_office(actor).ok_or_else(ServiceError::not_found)?;
    let b = office_row(db, office).await?;
    let today = today_at(db, b.id, now).await?;
    let figures = Figures::load(db, office, &[(today, now)], now).await?;
    let names = people(db, figures.rows().filter_map(|r| r.pk_id).collect()).await?;
    let mut counted: Vec<(client::Model, Option<Tally>)> = Vec::new();
    for part in figures.parts(vital) {
        let held_by = part.row.pk_id.and_then(|id| names.get(&id));
        if pk.is_some_and(|pk| !pk.holds(held_by)) {
            continue;
        }
        let Some(tally) = part.tallies.first().copied().flatten() else { continue };
        let listed = match tally.of {
            Some(due) => tally.count < due,
            None => tally.count > 0,
        };
        if listed {
            counted.push((part.row.clone(), tally.of.map(|_| tally)));
        }
    }
    // The worst first: the lowest share met, then the most missed; a count by name.
    counted.sort_by(|(a, ta), (b, tb)| {
        let key =
            |t: &Option<Tally>| t.map(|t| (t.percent().unwrap_or(100), std::cmp::Reverse(t.of.unwrap_or(0))));
        key(ta).cmp(&key(tb)).then_with(|| a.full_name.cmp(&b.full_name))
    });
    Ok(Behind { office: b, today, figures, names, counted })
}

/// The clients behind a figure of the actor's office, now: those it counts, or, for a share
/// of reports on time, those who missed at least one report in its window (fewest met
/// first). Only the Kabapas opens it; `pk` narrows it to one officer's clients.
pub async fn behind(
    db: &DatabaseConnection,
    actor: &Actor,
    vital: Vital,
    pk: Option<PkChoice>,
    query: &ListQuery,
    now: OffsetDateTime,
) -> ServiceResult<VitalList> {
    let Behind { office: b, today, figures, names, counted } = counted(db, actor, vital, pk, now).await?;
    let page = Page::of(counted, query);
    let (rows, tallies): (Vec<client::Model>, Vec<Option<Tally>>) = page.items.into_iter().unzip();
    let reasons: Vec<_> = rows.iter().map(|r| figures.reasons_first(r)).collect();
    let items = summaries(db, actor, rows)
        .await?
        .into_iter()
        .zip(tallies.into_iter().zip(reasons))
        .map(|(client, (tally, reasons))| VitalLine { client, tally, reasons })
        .collect();
    let chosen = pk.map(|pk| {
        let name = match pk {
            PkChoice::Officer(id) => names.values().find(|p| p.id == id).cloned(),
            PkChoice::Unassigned => None,
        };
        (pk, name)
    });
    Ok(VitalList {
        bapas: OfficeRef { id: b.public_id, name: b.name },
        vital,
        as_of: today,
        pk: chosen,
        page: Page { items, total: page.total, page: page.page, per_page: page.per_page, more: page.more },
    })
}

/// The columns of an exported list behind a figure.
const HEADINGS: [&str; 8] =
    ["nomor_register", "nama", "nik", "dasar", "risiko", "pk", "laporan_tepat_waktu", "akhir_pengawasan"];

/// The whole list behind a figure (up to [`EXPORT_MAX_ROWS`]) as a file, masked as the list
/// is; written to the export log, and each child shown in full to the access log.
pub async fn export_behind(
    db: &DatabaseConnection,
    actor: &Actor,
    vital: Vital,
    pk: Option<PkChoice>,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<ExportFile> {
    let Behind { counted, .. } = counted(db, actor, vital, pk, now).await?;
    let (rows, tallies): (Vec<client::Model>, Vec<Option<Tally>>) =
        counted.into_iter().take(usize::try_from(EXPORT_MAX_ROWS).unwrap_or(usize::MAX)).unzip();
    let lines = summaries(db, actor, rows).await?;
    let asked = format!(
        "angka: {}; pk: {}; format: {}",
        vital.as_str(),
        pk.map_or_else(|| "semua".to_owned(), |p| p.as_query()),
        format.as_str()
    );
    let export = Export {
        kind: ExportKind::VitalList,
        filter: &asked,
        rows: lines.len() as u64,
        bapas: actor.bapas_id,
        kanwil: actor.kanwil_id,
    };
    exports::record(db, actor, export, now).await?;
    log_revealed(db, actor, &lines, now).await?;
    let mut out = TableWriter::new(format, "Daftar", &HEADINGS)?;
    for (c, tally) in lines.iter().zip(tallies) {
        let share = tally.and_then(|t| t.of.map(|of| format!("{}/{of}", t.count)));
        let end = c.supervision_end.map(|d| d.to_string());
        out.row(&[
            Cell::Text(&c.register_number),
            Cell::Text(&c.full_name),
            Cell::maybe(c.nik.as_deref()),
            Cell::Text(c.legal_basis.as_str()),
            Cell::maybe(c.risk_band.map(|b| b.as_str())),
            Cell::maybe(c.pk.as_ref().map(|p| p.name.as_str())),
            Cell::maybe(share.as_deref()),
            Cell::maybe(end.as_deref()),
        ])?;
    }
    out.finish(&format!("daftar-{}", vital.as_str()))
}

/// The office asked for, if the actor reads its vitals.
async fn readable_office<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    office: Option<Uuid>,
    readable: &[bapas::Model],
) -> ServiceResult<bapas::Model> {
    let b = office_for(db, actor, office, readable).await?;
    if policy::can_read_vitals(actor, BapasId(b.id), KanwilId(b.kanwil_id)) {
        Ok(b)
    } else {
        Err(ServiceError::not_found())
    }
}

async fn office_row<C: ConnectionTrait>(db: &C, office: BapasId) -> ServiceResult<bapas::Model> {
    bapas::Entity::find_by_id(office.get()).one(db).await?.ok_or_else(ServiceError::not_found)
}

/// The officers the table lists, in order: the office's active PKs by name, then anyone else
/// still holding a case (a PK since moved or deactivated), then the clients no PK holds.
async fn officer_order<C: ConnectionTrait>(
    db: &C,
    b: &bapas::Model,
    holders: &HashMap<i32, PersonRef>,
    figures: &Figures,
) -> ServiceResult<Vec<Option<PersonRef>>> {
    let mut out: Vec<PersonRef> = officers_of(db, BapasId(b.id)).await?;
    let mut others: Vec<PersonRef> =
        holders.values().filter(|h| !out.iter().any(|p| p.id == h.id)).cloned().collect();
    others.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    out.extend(others);
    let mut out: Vec<Option<PersonRef>> = out.into_iter().map(Some).collect();
    if figures.rows().any(|r| r.pk_id.is_none()) {
        out.push(None);
    }
    Ok(out)
}
