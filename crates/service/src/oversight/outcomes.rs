//! The outcome evaluation ([`pamong_domain::oversight::outcomes`]) read from the records:
//! the status history says which supervisions ended and how, the violations whether a new
//! offence was recorded during them, the reintegration checklist what the client had on the
//! closing day, the first assessment the band at the start, and later registrations of the
//! same NIK — anywhere in the country — whether the person came back. Counts only, so
//! reading it writes no access-log row.

use std::collections::{BTreeMap, HashMap};

use pamong_domain::client::ClientStatus;
use pamong_domain::export::ExportFormat;
use pamong_domain::legal::LegalBasis;
use pamong_domain::logs::ExportKind;
use pamong_domain::oversight::outcomes::{
    CLOSING_ITEMS, EndedSupervision, Evaluation, EvaluationForm, GroupLabel, Grouping, OUTCOMES, OutcomeRow,
    OutcomeTally, quarter_of,
};
use pamong_domain::reintegration::checklist::{NeedItem, NeedState};
use pamong_domain::reporting::RiskBand;
use pamong_domain::supervision::ViolationKind;
use pamong_entity::{
    bapas, client, client_need, client_status_change, client_transfer, client_violation, kanwil,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use time::{Date, OffsetDateTime};

use crate::actor::Actor;
use crate::clients::assessment_history;
use crate::clients::assignment::ACCEPTED;
use crate::error::{ServiceError, ServiceResult};
use crate::exports::{self, Cell, Export, ExportFile, TableWriter};
use crate::ids::ClientId;
use crate::offices::today_at;
use crate::policy::{self, Scope};
use crate::reintegration::action_plans::figure_offices;

/// How many ids one `IN (…)` holds (well under SQLite's and PostgreSQL's parameter limits).
const CHUNK: usize = 5_000;

/// One ending found in the status history, before the records around it are read.
struct Ending {
    client_id: i32,
    outcome: ClientStatus,
    ended_on: Date,
    /// The office that held the supervision (for a transfer, the sending office).
    bapas_id: i32,
}

/// The evaluation the actor reads, for the period and grouping of `form`.
pub async fn evaluation(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &EvaluationForm,
    now: OffsetDateTime,
) -> ServiceResult<Evaluation> {
    let groupings = policy::evaluation_groupings(actor);
    let offices = figure_offices(db, actor).await?;
    if groupings.is_empty() {
        return Err(ServiceError::not_found());
    }
    let today = match actor.bapas_id.map(i32::from).or_else(|| offices.first().map(|b| b.id)) {
        Some(b) => today_at(db, b, now).await?,
        None => now.date(),
    };
    let (period, grouping) = form.parse(today, &groupings)?;
    let by_id: HashMap<i32, &bapas::Model> = offices.iter().map(|b| (b.id, b)).collect();
    let kanwils: HashMap<i32, String> = kanwil::Entity::find()
        .filter(kanwil::Column::Id.is_in(offices.iter().map(|b| b.kanwil_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|k| (k.id, k.name))
        .collect();

    let endings = endings(db, &offices, period.from, period.to).await?;
    let mut rows: BTreeMap<(i64, String), OutcomeRow> = BTreeMap::new();
    let mut total = OutcomeTally::default();
    for chunk in endings.chunks(CHUNK) {
        let facts = Facts::load(db, chunk).await?;
        for ending in chunk {
            let Some(row) = facts.clients.get(&ending.client_id) else { continue };
            let Some(office) = by_id.get(&ending.bapas_id) else { continue };
            if row.legal_basis == LegalBasis::PendampinganAnak.as_str() {
                continue;
            }
            let case = facts.supervision(ending, row);
            let label = match grouping {
                Grouping::Office => GroupLabel::Area(office.name.clone()),
                Grouping::Kanwil => {
                    GroupLabel::Area(kanwils.get(&office.kanwil_id).cloned().unwrap_or_default())
                }
                Grouping::Basis => match LegalBasis::parse(&row.legal_basis) {
                    Some(basis) => GroupLabel::Basis(basis),
                    None => continue,
                },
                Grouping::Band => GroupLabel::Band(facts.first_band(row.id)),
                Grouping::Quarter => {
                    let (year, quarter) = quarter_of(ending.ended_on);
                    GroupLabel::Quarter { year, quarter }
                }
            };
            total.add(&case, today);
            rows.entry(label.order())
                .or_insert_with(|| OutcomeRow { label, tally: OutcomeTally::default() })
                .tally
                .add(&case, today);
        }
    }
    let scope = match policy::figures_scope(actor) {
        Scope::Bapas(b) => by_id.get(&i32::from(b)).map(|o| o.name.clone()).unwrap_or_default(),
        Scope::Kanwil(k) => kanwils.get(&k.get()).cloned().unwrap_or_default(),
        Scope::All | Scope::Nothing => String::new(),
    };
    Ok(Evaluation {
        scope,
        period,
        grouping,
        groupings,
        as_of: today,
        rows: rows.into_values().collect(),
        total,
    })
}

/// The supervisions of `offices` that ended from `from` to `to`: every change to an ended
/// status, at the office that held the client then. A transferred client's row has moved to
/// the receiving office, so the sending office is read from the accepted transfer recorded
/// with the change.
async fn endings<C: ConnectionTrait>(
    db: &C,
    offices: &[bapas::Model],
    from: Date,
    to: Date,
) -> ServiceResult<Vec<Ending>> {
    let office_ids: Vec<i32> = offices.iter().map(|b| b.id).collect();
    let ended: Vec<&str> = OUTCOMES.iter().map(|o| o.as_str()).collect();
    let held_here = Query::select()
        .column(client::Column::Id)
        .from(client::Entity)
        .and_where(client::Column::BapasId.is_in(office_ids.iter().copied()))
        .and_where(client::Column::LegalBasis.ne(LegalBasis::PendampinganAnak.as_str()))
        .to_owned();
    let changes = client_status_change::Entity::find()
        .filter(client_status_change::Column::Status.is_in(ended))
        .filter(client_status_change::Column::ChangedOn.between(from, to))
        .filter(
            Condition::any()
                .add(client_status_change::Column::ClientId.in_subquery(held_here))
                .add(client_status_change::Column::Status.eq(ClientStatus::Dipindahkan.as_str())),
        )
        .all(db)
        .await?;
    let moved: Vec<i32> = changes
        .iter()
        .filter(|c| c.status == ClientStatus::Dipindahkan.as_str())
        .map(|c| c.client_id)
        .collect();
    let mut transfers: HashMap<i32, Vec<client_transfer::Model>> = HashMap::new();
    for chunk in moved.chunks(CHUNK) {
        let rows = client_transfer::Entity::find()
            .filter(client_transfer::Column::ClientId.is_in(chunk.iter().copied()))
            .filter(client_transfer::Column::Status.eq(ACCEPTED))
            .all(db)
            .await?;
        for t in rows {
            transfers.entry(t.client_id).or_default().push(t);
        }
    }
    let current = current_offices(db, &changes).await?;
    let mut out = Vec::with_capacity(changes.len());
    for change in changes {
        let Some(outcome) = ClientStatus::parse(&change.status) else { continue };
        let bapas_id = if outcome == ClientStatus::Dipindahkan {
            // The transfer decided in the same transaction as the change (the closest).
            transfers
                .get(&change.client_id)
                .and_then(|ts| {
                    ts.iter()
                        .filter_map(|t| t.decided_at.map(|at| ((at - change.created_at).abs(), t)))
                        .min_by_key(|(gap, _)| *gap)
                })
                .map(|(_, t)| t.from_bapas_id)
        } else {
            current.get(&change.client_id).copied()
        };
        let Some(bapas_id) = bapas_id.filter(|b| office_ids.contains(b)) else { continue };
        out.push(Ending { client_id: change.client_id, outcome, ended_on: change.changed_on, bapas_id });
    }
    Ok(out)
}

/// The office each client of `changes` is at now (an ended client no longer moves).
async fn current_offices<C: ConnectionTrait>(
    db: &C,
    changes: &[client_status_change::Model],
) -> ServiceResult<HashMap<i32, i32>> {
    let ids: Vec<i32> = changes.iter().map(|c| c.client_id).collect();
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i32, i32)> = client::Entity::find()
            .select_only()
            .column(client::Column::Id)
            .column(client::Column::BapasId)
            .filter(client::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The records around a chunk of endings.
struct Facts {
    clients: HashMap<i32, client::Model>,
    /// Days a new offence was recorded, per client.
    offences: HashMap<i32, Vec<Date>>,
    /// Checklist changes per client: (day, order, item, state), in order.
    needs: HashMap<i32, Vec<(Date, i32, NeedItem, NeedState)>>,
    /// Assessments per client.
    bands: HashMap<ClientId, Vec<(Date, RiskBand)>>,
    /// Start days of every supervision per NIK, with the client's row id.
    by_nik: HashMap<String, Vec<(i32, Date)>>,
}

impl Facts {
    async fn load<C: ConnectionTrait>(db: &C, endings: &[Ending]) -> ServiceResult<Facts> {
        let ids: Vec<i32> = endings.iter().map(|e| e.client_id).collect();
        let clients: HashMap<i32, client::Model> = client::Entity::find()
            .filter(client::Column::Id.is_in(ids.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let mut offences: HashMap<i32, Vec<Date>> = HashMap::new();
        let violations: Vec<(i32, Date)> = client_violation::Entity::find()
            .select_only()
            .column(client_violation::Column::ClientId)
            .column(client_violation::Column::OccurredOn)
            .filter(client_violation::Column::ClientId.is_in(ids.iter().copied()))
            .filter(client_violation::Column::Kind.eq(ViolationKind::TindakPidanaBaru.as_str()))
            .into_tuple()
            .all(db)
            .await?;
        for (client, day) in violations {
            offences.entry(client).or_default().push(day);
        }
        let items: Vec<&str> = CLOSING_ITEMS.iter().map(|i| i.as_str()).collect();
        let changes = client_need::Entity::find()
            .filter(client_need::Column::ClientId.is_in(ids.iter().copied()))
            .filter(client_need::Column::Item.is_in(items))
            .all(db)
            .await?;
        let mut needs: HashMap<i32, Vec<(Date, i32, NeedItem, NeedState)>> = HashMap::new();
        for c in changes {
            if let (Some(item), Some(state)) = (NeedItem::parse(&c.item), NeedState::parse(&c.state)) {
                needs.entry(c.client_id).or_default().push((c.changed_on, c.id, item, state));
            }
        }
        needs.values_mut().for_each(|v| v.sort_by_key(|(day, id, ..)| (*day, *id)));
        let client_ids: Vec<ClientId> = ids.iter().copied().map(ClientId).collect();
        let bands = assessment_history(db, &client_ids).await?;
        let niks: Vec<String> = endings
            .iter()
            .filter(|e| e.outcome == ClientStatus::Selesai)
            .filter_map(|e| clients.get(&e.client_id).and_then(|c| c.nik.clone()))
            .collect();
        let mut by_nik: HashMap<String, Vec<(i32, Date)>> = HashMap::new();
        if !niks.is_empty() {
            let rows: Vec<(i32, Option<String>, Date)> = client::Entity::find()
                .select_only()
                .column(client::Column::Id)
                .column(client::Column::Nik)
                .column(client::Column::SupervisionStart)
                .filter(client::Column::Nik.is_in(niks))
                .into_tuple()
                .all(db)
                .await?;
            for (id, nik, start) in rows {
                if let Some(nik) = nik {
                    by_nik.entry(nik).or_default().push((id, start));
                }
            }
        }
        Ok(Facts { clients, offences, needs, bands, by_nik })
    }

    /// The ended supervision as the evaluation counts it.
    fn supervision(&self, ending: &Ending, row: &client::Model) -> EndedSupervision {
        let new_offence = self
            .offences
            .get(&row.id)
            .is_some_and(|days| days.iter().any(|d| row.supervision_start <= *d && *d <= ending.ended_on));
        let mut state: HashMap<NeedItem, NeedState> = HashMap::new();
        for (day, _, item, s) in self.needs.get(&row.id).into_iter().flatten() {
            if *day <= ending.ended_on {
                state.insert(*item, *s);
            }
        }
        let met_at_closing =
            CLOSING_ITEMS.iter().copied().filter(|i| state.get(i) == Some(&NeedState::Met)).collect();
        let returned_on = row.nik.as_ref().and_then(|nik| {
            self.by_nik
                .get(nik)?
                .iter()
                .filter(|(id, start)| *id != row.id && *start > ending.ended_on)
                .map(|(_, start)| *start)
                .min()
        });
        EndedSupervision {
            outcome: ending.outcome,
            ended_on: ending.ended_on,
            new_offence,
            met_at_closing,
            has_nik: row.nik.is_some(),
            returned_on,
        }
    }

    /// The band of the client's first assessment.
    fn first_band(&self, client_id: i32) -> Option<RiskBand> {
        self.bands.get(&ClientId(client_id))?.iter().min_by_key(|(day, _)| *day).map(|(_, band)| *band)
    }
}

/// The columns of the exported evaluation, after the group's.
const HEADINGS: [&str; 19] = [
    "kelompok",
    "selesai",
    "dicabut",
    "dipindahkan",
    "meninggal",
    "berakhir",
    "ditutup",
    "ktp_terpenuhi",
    "bpjs_terpenuhi",
    "pekerjaan_terpenuhi",
    "tempat_tinggal_terpenuhi",
    "tindak_pidana_baru",
    "kembali_1_tahun",
    "diamati_1_tahun",
    "kembali_2_tahun",
    "diamati_2_tahun",
    "belum_dinilai_1_tahun",
    "belum_dinilai_2_tahun",
    "selesai_tanpa_nik",
];

/// A row's group as the file writes it: an area's name, a basis's or band's code, a quarter
/// as `2026-T1`.
fn group_text(label: &GroupLabel) -> String {
    match label {
        GroupLabel::Area(name) => name.clone(),
        GroupLabel::Basis(basis) => basis.as_str().to_owned(),
        GroupLabel::Band(band) => band.map_or("belum_dinilai", |b| b.as_str()).to_owned(),
        GroupLabel::Quarter { year, quarter } => format!("{year}-T{quarter}"),
    }
}

fn cells<'a>(group: &'a str, t: &OutcomeTally) -> Vec<Cell<'a>> {
    let mut row = vec![Cell::Text(group)];
    row.extend(t.ended.iter().map(|n| Cell::Number(*n)));
    row.push(Cell::Number(t.total()));
    row.push(Cell::Number(t.closed));
    row.extend(t.met.iter().map(|n| Cell::Number(*n)));
    row.push(Cell::Number(t.new_offence));
    for window in t.reentry {
        row.push(Cell::Number(window.returned));
        row.push(Cell::Number(window.observed));
    }
    row.extend(t.reentry.iter().map(|w| Cell::Number(w.pending)));
    row.push(Cell::Number(t.without_nik));
    row
}

/// The evaluation's table as a file, a row per group and the total last; written to the
/// export log. Whoever reads the evaluation may export it: it counts and names no client.
pub async fn export(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &EvaluationForm,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<ExportFile> {
    let e = evaluation(db, actor, form, now).await?;
    let mut out = TableWriter::new(format, "Evaluasi", &HEADINGS)?;
    for row in &e.rows {
        let group = group_text(&row.label);
        out.row(&cells(&group, &row.tally))?;
    }
    out.row(&cells("jumlah", &e.total))?;
    let asked = format!(
        "{} s.d. {}; menurut: {}; format: {}",
        e.period.from,
        e.period.to,
        e.grouping.as_str(),
        format.as_str()
    );
    let export = Export {
        kind: ExportKind::Evaluation,
        filter: &asked,
        rows: e.rows.len() as u64,
        bapas: actor.bapas_id,
        kanwil: actor.kanwil_id,
    };
    exports::record(db, actor, export, now).await?;
    out.finish("evaluasi")
}
