//! Children's cases (ABH): registration ([`register`]), the Litmas ([`litmas`]), diversion
//! and what else happens on a case ([`process`]), the office's access log ([`access`]), and
//! here the case page, the list and the deadlines board.
//!
//! A case is found through its child's client record, so the client policy decides who may
//! read and record; [`crate::privacy`] decides what of the child they see.

pub mod access;
pub mod litmas;
pub mod process;
pub mod register;

use std::collections::HashMap;

use pamong_domain::abh::case::{
    AbhCaseRow, AbhCaseView, ChildFamily, ChildIdentity, DeadlineRow, case_rules,
};
use pamong_domain::abh::clock::{
    Clock, ClockKind, Stage, board_order, breach_action_due, diversion_finish_due, diversion_start_due,
    start_of_day,
};
use pamong_domain::abh::process::{
    AgreementForm, DiversionOutcome, DiversionView, EventKind, EventView, PartnerKind, Party,
};
use pamong_domain::abh::rules::AgeRoute;
use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_domain::office::Zone;
use pamong_domain::page::{ListQuery, Page};
use pamong_domain::privacy::{Disclosure, disclose};
use pamong_entity::{abh_case, abh_diversion, abh_event, abh_litmas, bapas, client};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::clients::{
    Listing, case_at, children_condition, find_readable, kanwils_of, people, scope_condition, summary_of,
};
use crate::error::{ServiceError, ServiceResult};
use crate::exports;
use crate::ids::KanwilId;
use crate::policy::{self, CaseAt, Remit};
use crate::privacy;
use crate::search::{contains_ci, fetch_page, page};

/// A child's case with its client row and where it sits.
pub(crate) struct CaseFound {
    pub client: client::Model,
    pub case: abh_case::Model,
    pub at: CaseAt,
    pub zone: Zone,
}

impl CaseFound {
    /// What the actor sees of the child without breaking the glass.
    pub fn identity_for(&self, actor: &Actor) -> Disclosure {
        policy::identity(actor, self.at)
    }
}

/// The office's time zone (WIB when unset) and its Kanwil.
pub(crate) async fn office_of<C: ConnectionTrait>(db: &C, bapas_id: i32) -> ServiceResult<(Zone, KanwilId)> {
    let office = bapas::Entity::find_by_id(bapas_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    Ok((Zone::parse(&office.zone).unwrap_or(Zone::Wib), KanwilId(office.kanwil_id)))
}

/// The office's time zone (WIB when unset).
pub(crate) async fn zone_of<C: ConnectionTrait>(db: &C, bapas_id: i32) -> ServiceResult<Zone> {
    Ok(office_of(db, bapas_id).await?.0)
}

/// The case of the child `client_id`, if the actor may read it.
pub(crate) async fn find_case<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    client_id: Uuid,
) -> ServiceResult<CaseFound> {
    let found = find_readable(db, actor, client_id).await?;
    let case = abh_case::Entity::find()
        .filter(abh_case::Column::ClientId.eq(found.row.id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let zone = zone_of(db, found.row.bapas_id).await?;
    Ok(CaseFound { client: found.row, case, at: found.at, zone })
}

/// The case of the child `client_id`, if the actor may record on it (the assigned PK, the
/// Kabapas).
pub(crate) async fn find_case_editable<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    client_id: Uuid,
) -> ServiceResult<CaseFound> {
    let found = find_case(db, actor, client_id).await?;
    if policy::can_edit_client(actor, found.at) { Ok(found) } else { Err(ServiceError::not_found()) }
}

/// The stages reached, with their trigger dates.
pub(crate) fn stage_dates(case: &abh_case::Model) -> Vec<(Stage, time::Date)> {
    [
        (Stage::Penyidikan, Some(case.investigation_start)),
        (Stage::Penuntutan, case.prosecution_received),
        (Stage::Pengadilan, case.court_appointed),
    ]
    .into_iter()
    .filter_map(|(stage, date)| date.map(|d| (stage, d)))
    .collect()
}

fn max_penalty(case: &abh_case::Model) -> u32 {
    u32::try_from(case.max_penalty_months).unwrap_or(0)
}

/// Every clock of a case, each with the Litmas it belongs to.
fn clocks(
    found: &CaseFound,
    litmas: &[abh_litmas::Model],
    diversions: &[abh_diversion::Model],
    now: OffsetDateTime,
) -> Vec<(Clock, Option<Uuid>)> {
    let case = &found.case;
    let mut out: Vec<(Clock, Option<Uuid>)> = litmas
        .iter()
        .map(|l| (Clock::new(ClockKind::Litmas, l.due_at, l.delivered_at, now), Some(l.public_id)))
        .collect();
    let rules =
        case_rules(found.client.birth_date, case.offence_date, max_penalty(case), case.repeat_offence, None);
    let diversion_applies = rules.is_some_and(|r| r.diversion_mandatory && r.route == AgeRoute::Child);
    let agreed_earlier = |stage: Stage| {
        diversions.iter().any(|d| {
            Stage::parse(&d.stage).is_some_and(|s| s < stage)
                && d.outcome.as_deref() == Some(DiversionOutcome::Sepakat.as_str())
        })
    };
    for (stage, trigger) in stage_dates(case) {
        if !diversion_applies || agreed_earlier(stage) {
            out.push((Clock::not_applicable(ClockKind::DiversionStart(stage)), None));
            continue;
        }
        let record = diversions.iter().find(|d| d.stage == stage.as_str());
        let started = record.map(|d| start_of_day(d.started_on, found.zone));
        out.push((
            Clock::new(
                ClockKind::DiversionStart(stage),
                diversion_start_due(trigger, found.zone),
                started,
                now,
            ),
            None,
        ));
        if let Some(d) = record {
            let finished = d.finished_on.map(|f| start_of_day(f, found.zone));
            out.push((
                Clock::new(
                    ClockKind::DiversionFinish(stage),
                    diversion_finish_due(d.started_on, found.zone),
                    finished,
                    now,
                ),
                None,
            ));
            if let Some(breach) = d.breach_at {
                out.push((
                    Clock::new(ClockKind::BreachAction, breach_action_due(breach), d.action_at, now),
                    None,
                ));
            }
        }
    }
    out
}

/// Whether an open clock belongs on the deadlines board: Litmas and breach clocks always,
/// diversion clocks of the stage the case is at (an earlier stage's missed start stays on
/// the case page as breached, but nobody can act on it any more).
fn on_board(clock: &Clock, current: Stage) -> bool {
    clock.state.is_open()
        && match clock.kind {
            ClockKind::Litmas | ClockKind::BreachAction => true,
            ClockKind::DiversionStart(s) | ClockKind::DiversionFinish(s) => s == current,
        }
}

fn split_list(raw: &Option<String>) -> impl Iterator<Item = &str> {
    raw.as_deref().unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn diversion_view(d: &abh_diversion::Model) -> Option<DiversionView> {
    Some(DiversionView {
        stage: Stage::parse(&d.stage)?,
        started_on: d.started_on,
        finished_on: d.finished_on,
        outcome: d.outcome.as_deref().and_then(DiversionOutcome::parse),
        agreement_forms: split_list(&d.agreement_forms).filter_map(AgreementForm::parse).collect(),
        agreement_months: d.agreement_months.and_then(|m| u32::try_from(m).ok()),
        notes: d.notes.clone(),
        breach: d.breach_at.map(|at| (at, d.breach_notes.clone().unwrap_or_default())),
        breach_action: d.action_at.map(|at| (at, d.action_notes.clone().unwrap_or_default())),
    })
}

fn event_view(
    e: abh_event::Model,
    authors: &HashMap<i32, pamong_domain::caseload::PersonRef>,
) -> Option<EventView> {
    let partner = match (e.partner_kind.as_deref().and_then(PartnerKind::parse), e.partner_name.clone()) {
        (Some(kind), Some(name)) => Some((kind, name)),
        _ => None,
    };
    Some(EventView {
        id: e.public_id,
        kind: EventKind::parse(&e.kind)?,
        date: e.event_date,
        stage: Stage::parse(&e.stage)?,
        place: e.place.clone(),
        parties: split_list(&e.parties).filter_map(Party::parse).collect(),
        partner,
        notes: e.notes,
        author: e.author_id.and_then(|id| authors.get(&id)).map(|p| p.name.clone()),
    })
}

/// A child's case page. Those without need to know see initials and the case number, unless
/// they give a reason (`break_glass`); every view writes an access-log row, with the reason
/// when one was given.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    client_id: Uuid,
    break_glass: Option<&str>,
    now: OffsetDateTime,
) -> ServiceResult<AbhCaseView> {
    let found = find_case(db, actor, client_id).await?;
    let reason = match break_glass {
        Some(raw) if policy::can_break_glass(actor, found.at) => Some(privacy::check_reason(raw)?),
        Some(_) | None => None,
    };
    // Breaking the glass (with a logged reason) opens the record for this one view.
    let disclosure = if reason.is_some() { Disclosure::Full } else { found.identity_for(actor) };
    privacy::log_view(db, actor, &found.client, reason.as_deref(), now).await?;

    let case = &found.case;
    let litmas_rows = abh_litmas::Entity::find()
        .filter(abh_litmas::Column::CaseId.eq(case.id))
        .order_by_desc(abh_litmas::Column::ReceivedAt)
        .all(db)
        .await?;
    let diversions = abh_diversion::Entity::find()
        .filter(abh_diversion::Column::CaseId.eq(case.id))
        .order_by_asc(abh_diversion::Column::StartedOn)
        .all(db)
        .await?;
    let events = abh_event::Entity::find()
        .filter(abh_event::Column::CaseId.eq(case.id))
        .order_by_desc(abh_event::Column::EventDate)
        .order_by_desc(abh_event::Column::Id)
        .all(db)
        .await?;
    let clocks: Vec<Clock> =
        clocks(&found, &litmas_rows, &diversions, now).into_iter().map(|(c, _)| c).collect();
    let mut ids: Vec<i32> = events.iter().filter_map(|e| e.author_id).collect();
    ids.extend(found.client.pk_id);
    ids.extend(litmas_rows.iter().flat_map(|l| [l.author_id, l.approved_by]).flatten());
    let names = people(db, ids).await?;
    let litmas = litmas::views(db, actor, &found, litmas_rows, &names, now).await?;
    let stage = Stage::parse(&case.stage).unwrap_or(Stage::Penyidikan);
    let rules = case_rules(
        found.client.birth_date,
        case.offence_date,
        max_penalty(case),
        case.repeat_offence,
        case.detained_since,
    )
    .ok_or_else(|| ServiceError::Internal("offence before birth".into()))?;
    let pk = found.client.pk_id.and_then(|id| names.get(&id).cloned());
    let can_edit = policy::can_edit_client(actor, found.at);
    let identity = ChildIdentity {
        sex: found.client.sex.clone(),
        birth_date: found.client.birth_date,
        address: found.client.address.clone(),
        phone: found.client.phone.clone(),
    };
    let family = ChildFamily {
        father_name: case.father_name.clone(),
        mother_name: case.mother_name.clone(),
        guardian: case.guardian_name.as_ref().map(|g| match &case.guardian_relation {
            Some(rel) => format!("{g} ({rel})"),
            None => g.clone(),
        }),
        phone: case.parents_phone.clone(),
    };
    let view = AbhCaseView {
        masked: false,
        can_break_glass: disclosure.is_masked() && policy::can_break_glass(actor, found.at),
        identity: Some(identity),
        family: Some(family),
        zone: found.zone,
        offence_date: case.offence_date,
        offence: case.offence.clone(),
        max_penalty_months: max_penalty(case),
        repeat_offence: case.repeat_offence,
        victim_is_child: case.victim_is_child,
        witness_is_child: case.witness_is_child,
        investigator: case.investigator.clone(),
        police_unit: case.police_unit.clone(),
        stage,
        stage_dates: stage_dates(case),
        detained_since: case.detained_since,
        rules,
        clocks,
        litmas,
        diversions: diversions.iter().filter_map(diversion_view).collect(),
        events: events.into_iter().filter_map(|e| event_view(e, &names)).collect(),
        can_edit,
        child: summary_of(found.client, pk),
    };
    Ok(disclose(view, disclosure))
}

/// The office's children's cases (those the actor may list), newest first, searchable by
/// case number, and by name for those who may see it.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ListQuery,
) -> ServiceResult<Page<AbhCaseRow>> {
    if !policy::lists_children(actor) {
        return Ok(page(Vec::new(), 0, query));
    }
    let mut cond = scope_condition(db, actor)
        .await?
        .add(client::Column::IsChild.eq(true))
        .add(children_condition(actor, Listing::List));
    if let Some(q) = query.search()? {
        // The case number finds any listed child; a name only those the actor may name.
        let by_name = Condition::all()
            .add(children_condition(actor, Listing::Search))
            .add(contains_ci(client::Column::NameFolded, &pamong_domain::client::fold_name(q)));
        cond = cond.add(Condition::any().add(contains_ci(client::Column::RegisterNumber, q)).add(by_name));
    }
    let select = client::Entity::find().filter(cond).order_by_desc(client::Column::Id);
    let (rows, total) = fetch_page(db, select, query).await?;
    let cases: HashMap<i32, abh_case::Model> = abh_case::Entity::find()
        .filter(abh_case::Column::ClientId.is_in(rows.iter().map(|r| r.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.client_id, c))
        .collect();
    let names = people(db, rows.iter().filter_map(|r| r.pk_id).collect()).await?;
    let kanwils = kanwils_of(db, rows.iter().map(|r| r.bapas_id)).await?;
    let items = rows
        .into_iter()
        .filter_map(|r| {
            let case = cases.get(&r.id)?;
            let at = case_at(&r, kanwils.get(&r.bapas_id).copied().unwrap_or(KanwilId(0)));
            let pk = r.pk_id.and_then(|id| names.get(&id).cloned());
            let row = AbhCaseRow {
                stage: Stage::parse(&case.stage).unwrap_or(Stage::Penyidikan),
                offence: case.offence.clone(),
                child: summary_of(r, pk),
            };
            Some(disclose(row, policy::identity(actor, at)))
        })
        .collect();
    Ok(page(items, total, query))
}

/// The children's cases as [`list`] reads them (masked alike), every page up to
/// [`crate::exports::LOG_MAX_ROWS`], for a download in `format`. Each child shown in full is
/// written to the access log, and the download to the export log.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ListQuery,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<Vec<AbhCaseRow>> {
    if !policy::lists_children(actor) {
        return Err(ServiceError::not_found());
    }
    let rows = exports::all_pages(query, exports::LOG_MAX_ROWS, |q| async move { list(db, actor, &q).await })
        .await?;
    let children: Vec<_> = rows.iter().map(|r| r.child.clone()).collect();
    crate::clients::export::log_revealed(db, actor, &children, now).await?;
    let asked = [("cari", query.q.as_str())];
    exports::record_log_download(db, actor, ExportKind::AbhCaseList, &asked, rows.len(), format, now).await?;
    Ok(rows)
}

/// Which cases a deadlines list covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineScope {
    /// Every child's case of the actor's office.
    Office,
    /// Only the actor's own cases (the PK's Today).
    Mine,
}

/// The open clocks of the office's (or the actor's own) children's cases: breached on top,
/// then by time left.
pub async fn deadlines(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: DeadlineScope,
    now: OffsetDateTime,
) -> ServiceResult<Vec<DeadlineRow>> {
    if !policy::lists_children(actor) {
        return Ok(Vec::new());
    }
    let mut cond = scope_condition(db, actor)
        .await?
        .add(client::Column::IsChild.eq(true))
        .add(children_condition(actor, Listing::List))
        .add(client::Column::Status.eq(pamong_domain::client::ClientStatus::Aktif.as_str()));
    if scope == DeadlineScope::Mine {
        // Only an officer has cases of their own; the Kabapas's "mine" is the office.
        if let Some(Remit::Caseload(_, me)) = policy::remit(actor) {
            cond = cond.add(client::Column::PkId.eq(me));
        }
    }
    let children = client::Entity::find().filter(cond).all(db).await?;
    let names = people(db, children.iter().filter_map(|c| c.pk_id).collect()).await?;
    let mut rows = Vec::new();
    for (found, clocks) in with_clocks(db, children, now).await? {
        let current = Stage::parse(&found.case.stage).unwrap_or(Stage::Penyidikan);
        let disclosure = found.identity_for(actor);
        for (clock, litmas_id) in clocks.into_iter().filter(|(c, _)| on_board(c, current)) {
            let row = DeadlineRow {
                client_id: found.client.public_id,
                register_number: found.client.register_number.clone(),
                child_label: found.client.full_name.clone(),
                pk: found.client.pk_id.and_then(|id| names.get(&id).cloned()),
                clock,
                litmas_id,
                zone: found.zone,
            };
            rows.push(disclose(row, disclosure));
        }
    }
    rows.sort_by(|a, b| board_order(&a.clock, &b.clock, now));
    Ok(rows)
}

/// Every clock of the cases of `children` (child client rows; those without a case are left
/// out), each with the Litmas it belongs to: for the deadlines board and the dashboard.
pub(crate) async fn with_clocks<C: ConnectionTrait>(
    db: &C,
    children: Vec<client::Model>,
    now: OffsetDateTime,
) -> ServiceResult<Vec<(CaseFound, Vec<(Clock, Option<Uuid>)>)>> {
    let ids: Vec<i32> = children.iter().map(|c| c.id).collect();
    let cases = abh_case::Entity::find().filter(abh_case::Column::ClientId.is_in(ids)).all(db).await?;
    let case_ids: Vec<i32> = cases.iter().map(|c| c.id).collect();
    let mut litmas: HashMap<i32, Vec<abh_litmas::Model>> = HashMap::new();
    for l in
        abh_litmas::Entity::find().filter(abh_litmas::Column::CaseId.is_in(case_ids.clone())).all(db).await?
    {
        litmas.entry(l.case_id).or_default().push(l);
    }
    let mut diversions: HashMap<i32, Vec<abh_diversion::Model>> = HashMap::new();
    for d in
        abh_diversion::Entity::find().filter(abh_diversion::Column::CaseId.is_in(case_ids)).all(db).await?
    {
        diversions.entry(d.case_id).or_default().push(d);
    }
    let mut offices: HashMap<i32, (Zone, KanwilId)> = HashMap::new();
    let mut by_client: HashMap<i32, client::Model> = children.into_iter().map(|c| (c.id, c)).collect();
    let mut out = Vec::new();
    for case in cases {
        let Some(child) = by_client.remove(&case.client_id) else { continue };
        let (zone, kanwil_id) = match offices.get(&child.bapas_id) {
            Some(found) => *found,
            None => {
                let found = office_of(db, child.bapas_id).await?;
                offices.insert(child.bapas_id, found);
                found
            }
        };
        let at = case_at(&child, kanwil_id);
        let found = CaseFound { client: child, case, at, zone };
        let clocks = clocks(
            &found,
            litmas.get(&found.case.id).map(Vec::as_slice).unwrap_or_default(),
            diversions.get(&found.case.id).map(Vec::as_slice).unwrap_or_default(),
            now,
        );
        out.push((found, clocks));
    }
    Ok(out)
}
