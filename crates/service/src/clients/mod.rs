//! Clients: the registry (this module and [`registry`]), assignment and transfers
//! ([`assignment`]), what officers record ([`crate::supervision`]) and the Today list
//! ([`crate::today`]).
//!
//! Every fn finds its client through [`find_readable`] or [`find_editable`], which ask the
//! policy; a client outside the actor's remit is "not found".

pub mod assignment;
pub mod export;
pub mod import;
pub mod registry;
pub mod reminders;
pub mod search;
pub mod subject;
pub mod vocabulary;

use std::collections::HashMap;
use time::OffsetDateTime;

use pamong_domain::caseload::{ClientDetail, ClientFilter, ClientSummary, PersonRef, reassessment_due};
use pamong_domain::client::{ClientForm, ClientStatus, fold_name};
use pamong_domain::legal::LegalBasis;
use pamong_domain::office::{OfficeRef, Zone};
use pamong_domain::page::Page;
use pamong_domain::privacy::{Disclosure, disclose};
use pamong_domain::reporting::{ReportingStatus, RiskBand, schedules, status_over};
use pamong_entity::{bapas, client, client_assessment, client_report, region, user};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use time::Date;
use uuid::Uuid;

use crate::actor::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::{BapasId, ClientId, KanwilId, UserId};
use crate::policy::{self, CaseAt, Remit};
use crate::privacy;
use crate::search::{fetch_page, office_condition, page};
use crate::settings;
use search::{Probe, SEARCH_CAP, name_search};

/// A client row with where it sits.
pub(crate) struct Found {
    pub row: client::Model,
    pub at: CaseAt,
}

async fn locate<C: ConnectionTrait>(db: &C, id: Uuid) -> ServiceResult<Found> {
    let row = client::Entity::find()
        .filter(client::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let office =
        bapas::Entity::find_by_id(row.bapas_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    Ok(Found { at: case_at(&row, KanwilId(office.kanwil_id)), row })
}

/// A client row as the policy sees it.
pub(crate) fn case_at(row: &client::Model, kanwil_id: KanwilId) -> CaseAt {
    CaseAt { bapas_id: BapasId(row.bapas_id), kanwil_id, pk_id: row.pk_id.map(UserId), child: row.is_child }
}

/// A client the actor may read.
pub(crate) async fn find_readable<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<Found> {
    let found = locate(db, id).await?;
    if policy::can_read_client(actor, found.at) { Ok(found) } else { Err(ServiceError::not_found()) }
}

/// A client the actor may edit and record for.
pub(crate) async fn find_editable<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<Found> {
    let found = locate(db, id).await?;
    if policy::can_edit_client(actor, found.at) { Ok(found) } else { Err(ServiceError::not_found()) }
}

/// The condition restricting clients to the actor's scope.
pub(crate) async fn scope_condition<C: ConnectionTrait>(db: &C, actor: &Actor) -> ServiceResult<Condition> {
    Ok(office_condition(db, policy::client_scope(actor), client::Column::BapasId).await?)
}

/// Clients the actor may see, searched and filtered. A search lists what contains the text;
/// only when nothing does are the names one typo away listed instead. Either stops at
/// [`SEARCH_CAP`] clients (the page then says there are more), found through the name index
/// and listed in name order.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &ClientFilter,
) -> ServiceResult<Page<ClientSummary>> {
    let cond = filter_condition(db, actor, filter).await?;
    let query = &filter.list;
    let Some(q) = query.search()? else {
        let select = client::Entity::find()
            .filter(cond)
            .order_by_asc(client::Column::NameFolded)
            .order_by_asc(client::Column::Id);
        let (rows, total) = fetch_page(db, select, query).await?;
        return Ok(page(summaries(db, actor, rows).await?, total, query));
    };
    let cond = cond.add(children_condition(actor, Listing::Search));
    let (hits, more) = search_ids(db, cond, q, SEARCH_CAP).await?;
    let total = hits.len() as u64;
    let wanted: Vec<i32> = hits
        .into_iter()
        .skip(usize::try_from(query.page_index() * query.page_size()).unwrap_or(usize::MAX))
        .take(usize::try_from(query.page_size()).unwrap_or(0))
        .collect();
    let mut rows = client::Entity::find().filter(client::Column::Id.is_in(wanted.clone())).all(db).await?;
    rows.sort_by_key(|r| wanted.iter().position(|id| *id == r.id));
    let mut found = page(summaries(db, actor, rows).await?, total, query);
    found.more = more;
    Ok(found)
}

/// The ids of the clients [`list`] would show on all its pages, in its order, up to `limit`:
/// what an export writes, read a chunk at a time rather than held as rows.
pub(crate) async fn matching_ids(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &ClientFilter,
    limit: u64,
) -> ServiceResult<Vec<i32>> {
    let cond = filter_condition(db, actor, filter).await?;
    let Some(q) = filter.list.search()? else {
        return Ok(client::Entity::find()
            .select_only()
            .column(client::Column::Id)
            .filter(cond)
            .order_by_asc(client::Column::NameFolded)
            .order_by_asc(client::Column::Id)
            .limit(limit)
            .into_tuple::<i32>()
            .all(db)
            .await?);
    };
    let cond = cond.add(children_condition(actor, Listing::Search));
    Ok(search_ids(db, cond, q, limit).await?.0)
}

/// The ids of the clients within `cond` that a search of `q` finds, in name order, at most
/// `cap` of them, and whether more were found: those containing the text, or when none do,
/// those one typo away.
async fn search_ids(
    db: &DatabaseConnection,
    cond: Condition,
    q: &str,
    cap: u64,
) -> ServiceResult<(Vec<i32>, bool)> {
    let search = name_search(q);
    let txn = db.begin().await?;
    if db.get_database_backend() == DbBackend::Postgres {
        // A common name ("santo") or a NIK prefix is found fastest by reading the table from
        // its start until the limit is reached, and PostgreSQL's planner says so. But it
        // starts a scan of a big table where the last scan stopped (synchronized scans),
        // which may be far from this office's clients: at a million clients the same search
        // took 8 ms or 250 ms by turns (bench/search.sh, 2026-12-07). Each search starts at
        // the beginning instead, and is planned for the text typed rather than with a
        // prepared statement's generic plan. `SET LOCAL` ends with the transaction.
        txn.execute_unprepared("SET LOCAL synchronize_seqscans = off").await?;
        txn.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan").await?;
    }
    let mut hits = probe_hits(&txn, &cond, &search.exact, cap + 1).await?;
    if hits.is_empty() {
        let typos = vocabulary::typo_probes(&txn, &search.folded).await?;
        hits = probe_hits(&txn, &cond, &typos, cap + 1).await?;
    }
    txn.commit().await?;
    let more = hits.len() as u64 > cap;
    hits.truncate(usize::try_from(cap).unwrap_or(usize::MAX));
    // In name order (the probes read each hit's folded name with its id).
    hits.sort();
    Ok((hits.into_iter().map(|(_, id)| id).collect(), more))
}

/// The clients the probes find within `cond` — each as its folded name and id — each probe
/// in turn, until `limit` are found (in the order found).
async fn probe_hits<C: ConnectionTrait>(
    db: &C,
    cond: &Condition,
    probes: &[Probe],
    limit: u64,
) -> ServiceResult<Vec<(String, i32)>> {
    let backend = db.get_database_backend();
    let mut seen = std::collections::HashSet::new();
    let mut found = Vec::new();
    for probe in probes {
        let statement = backend.build(&probe.statement(backend, cond.clone(), limit));
        for row in db.query_all_raw(statement).await? {
            let id: i32 = row.try_get_by_index(0)?;
            if seen.insert(id) {
                found.push((row.try_get_by_index(1)?, id));
            }
        }
        if found.len() as u64 >= limit {
            break;
        }
    }
    Ok(found)
}

/// Whether children are being listed or searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Listing {
    /// A list: the children the actor may list appear (masked where they may not see them).
    List,
    /// A search by what was typed: only the children whose identity the actor sees, so that
    /// a search cannot confirm that a child of that name has a case.
    Search,
}

/// The policy's answer on children in lists and searches, as a condition on clients. Every
/// list and search of clients adds it: this is the one place that rule becomes SQL.
pub(crate) fn children_condition(actor: &Actor, listing: Listing) -> Condition {
    let adults = client::Column::IsChild.eq(false);
    let remit = match listing {
        // Listed: every child of the office the actor answers in (masked where not theirs).
        Listing::List if policy::lists_children(actor) => {
            policy::remit(actor).map(|r| Remit::Office(r.office()))
        }
        Listing::List => None,
        Listing::Search => policy::children_found_by_name(actor),
    };
    let children = match remit {
        Some(Remit::Office(b)) => Condition::all().add(client::Column::BapasId.eq(b)),
        Some(Remit::Caseload(b, pk)) => {
            Condition::all().add(client::Column::BapasId.eq(b)).add(client::Column::PkId.eq(pk))
        }
        None => return Condition::all().add(adults),
    };
    Condition::any().add(adults).add(children)
}

/// The actor's scope and the list's filters (not the search text).
async fn filter_condition<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    filter: &ClientFilter,
) -> ServiceResult<Condition> {
    let mut cond = scope_condition(db, actor).await?.add(children_condition(actor, Listing::List));
    match filter.status.as_deref().and_then(ClientStatus::parse) {
        Some(status) => cond = cond.add(client::Column::Status.eq(status.as_str())),
        None if !filter.list.include_inactive => {
            cond = cond.add(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
        }
        None => {}
    }
    match filter.band.as_deref() {
        Some("belum") => cond = cond.add(client::Column::RiskBand.is_null()),
        Some(raw) => {
            if let Some(band) = RiskBand::parse(raw) {
                cond = cond.add(client::Column::RiskBand.eq(band.as_str()));
            }
        }
        None => {}
    }
    if let Some(basis) = filter.legal_basis.as_deref().and_then(LegalBasis::parse) {
        cond = cond.add(client::Column::LegalBasis.eq(basis.as_str()));
    }
    match filter.pk.as_deref() {
        Some("saya") => {
            cond = cond.add(match actor.user_id {
                Some(me) => client::Column::PkId.eq(me),
                None => crate::search::nothing(),
            })
        }
        Some("tanpa") => cond = cond.add(client::Column::PkId.is_null()),
        Some(raw) => {
            let pk = match Uuid::parse_str(raw.trim()) {
                Ok(id) => {
                    user::Entity::find().filter(user::Column::PublicId.eq(id)).one(db).await?.map(|u| u.id)
                }
                Err(_) => None,
            };
            cond = cond.add(client::Column::PkId.eq(pk.unwrap_or(-1)));
        }
        None => {}
    }
    Ok(cond)
}

/// The names of the given users, by internal id.
pub(crate) async fn people<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
) -> ServiceResult<HashMap<i32, PersonRef>> {
    // Each officer once: a page of a caseload names the same few PKs hundreds of times, and
    // an `IN` list as long as the page is a new prepared statement (kept in the connection's
    // statement cache) for every length it happens to have.
    let ids: std::collections::BTreeSet<i32> = ids.into_iter().collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, PersonRef { id: u.public_id, name: u.full_name }))
        .collect())
}

/// Maps rows to list rows as the actor may see them, loading the officers' names and the
/// offices' Kanwil in one query each.
pub(crate) async fn summaries<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<client::Model>,
) -> ServiceResult<Vec<ClientSummary>> {
    let names = people(db, rows.iter().filter_map(|r| r.pk_id).collect()).await?;
    let kanwils = kanwils_of(db, rows.iter().map(|r| r.bapas_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let pk = r.pk_id.and_then(|id| names.get(&id).cloned());
            let kanwil = kanwils.get(&r.bapas_id).copied().unwrap_or(KanwilId(0));
            summary(r, pk, actor, kanwil)
        })
        .collect())
}

/// One list row, as the actor may see it.
pub(crate) fn summary(
    r: client::Model,
    pk: Option<PersonRef>,
    actor: &Actor,
    kanwil_id: KanwilId,
) -> ClientSummary {
    let disclosure = policy::identity(actor, case_at(&r, kanwil_id));
    disclose(summary_of(r, pk), disclosure)
}

/// The Kanwil of each of the given Bapas.
pub(crate) async fn kanwils_of<C: ConnectionTrait>(
    db: &C,
    bapas_ids: impl IntoIterator<Item = i32>,
) -> ServiceResult<HashMap<i32, KanwilId>> {
    let offices = crate::offices::bapas_by_id(db, bapas_ids).await?;
    Ok(offices.into_iter().map(|(id, b)| (id, KanwilId(b.kanwil_id))).collect())
}

/// One list row in full; callers pass it through the masking step.
pub(crate) fn summary_of(r: client::Model, pk: Option<PersonRef>) -> ClientSummary {
    ClientSummary {
        id: r.public_id,
        register_number: r.register_number,
        full_name: r.full_name,
        nik: r.nik,
        child: r.is_child,
        masked: false,
        legal_basis: LegalBasis::parse(&r.legal_basis).unwrap_or(LegalBasis::Pb),
        status: ClientStatus::parse(&r.status).unwrap_or(ClientStatus::Aktif),
        risk_band: r.risk_band.as_deref().and_then(RiskBand::parse),
        pk,
        supervision_end: r.supervision_end,
    }
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn number(v: Option<i32>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

/// The registry form as stored, for the edit page.
pub(crate) fn form_of(r: &client::Model, pk: Option<&PersonRef>) -> ClientForm {
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    ClientForm {
        nik: text(&r.nik),
        full_name: r.full_name.clone(),
        aliases: text(&r.aliases),
        sex: r.sex.clone(),
        birth_place: text(&r.birth_place),
        birth_date: r.birth_date.to_string(),
        religion: text(&r.religion),
        education: text(&r.education),
        occupation: text(&r.occupation),
        address: text(&r.address),
        region_code: text(&r.region_code),
        phone: text(&r.phone),
        guarantor_name: text(&r.guarantor_name),
        guarantor_relation: text(&r.guarantor_relation),
        guarantor_phone: text(&r.guarantor_phone),
        court: text(&r.court),
        decision_number: text(&r.decision_number),
        offence_articles: text(&r.offence_articles),
        legal_basis: r.legal_basis.clone(),
        supervision_start: r.supervision_start.to_string(),
        remaining_months: number(r.remaining_months),
        remaining_days: number(r.remaining_days),
        remission_months: number(r.remission_months),
        remission_days: number(r.remission_days),
        term_months: number(r.term_months),
        term_days: number(r.term_days),
        end_override: if r.end_override_reason.is_some() { date(r.supervision_end) } else { String::new() },
        end_override_reason: text(&r.end_override_reason),
        pk_id: pk.map(|p| p.id.to_string()).unwrap_or_default(),
    }
}

/// The dates of reports each client attended since `from`.
pub(crate) async fn attended_since<C: ConnectionTrait>(
    db: &C,
    client_ids: &[ClientId],
    from: Date,
) -> ServiceResult<HashMap<ClientId, Vec<Date>>> {
    let rows: Vec<(i32, Date)> = client_report::Entity::find()
        .select_only()
        .column(client_report::Column::ClientId)
        .column(client_report::Column::ReportDate)
        .filter(client_report::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(client_report::Column::Attended.eq(true))
        .filter(client_report::Column::ReportDate.gte(from))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<ClientId, Vec<Date>> = HashMap::new();
    for (client, date) in rows {
        out.entry(ClientId(client)).or_default().push(date);
    }
    Ok(out)
}

/// Each client's assessments as `(date, band)`, for their reporting schedules.
pub(crate) async fn assessment_history<C: ConnectionTrait>(
    db: &C,
    client_ids: &[ClientId],
) -> ServiceResult<HashMap<ClientId, Vec<(Date, RiskBand)>>> {
    let rows: Vec<(i32, Date, String)> = client_assessment::Entity::find()
        .select_only()
        .column(client_assessment::Column::ClientId)
        .column(client_assessment::Column::AssessedOn)
        .column(client_assessment::Column::Band)
        .filter(client_assessment::Column::ClientId.is_in(client_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<ClientId, Vec<(Date, RiskBand)>> = HashMap::new();
    for (client, date, band) in rows {
        if let Some(band) = RiskBand::parse(&band) {
            out.entry(ClientId(client)).or_default().push((date, band));
        }
    }
    Ok(out)
}

/// Where an active client stands with reporting as of `today`: the schedules follow the
/// assessment history (each change of band may change the frequency).
pub(crate) async fn reporting_status<C: ConnectionTrait>(
    db: &C,
    row: &client::Model,
    today: Date,
) -> ServiceResult<Option<ReportingStatus>> {
    let reports = LegalBasis::parse(&row.legal_basis).is_some_and(LegalBasis::reports);
    if row.status != ClientStatus::Aktif.as_str() || !reports {
        return Ok(None);
    }
    let frequencies = settings::reporting_frequencies(db, BapasId(row.bapas_id)).await?;
    let key = ClientId(row.id);
    let history = assessment_history(db, &[key]).await?;
    let segments = schedules(
        row.supervision_start,
        history.get(&key).map(Vec::as_slice).unwrap_or_default(),
        &frequencies,
    );
    let reports = attended_since(db, &[key], row.supervision_start).await?;
    let dates = reports.get(&key).map(Vec::as_slice).unwrap_or_default();
    Ok(Some(status_over(&segments, dates, today)))
}

/// The names of a region and its parents, province first; empty when not in the list.
async fn region_names<C: ConnectionTrait>(db: &C, code: Option<&str>) -> ServiceResult<Vec<String>> {
    let Some(code) = code else { return Ok(Vec::new()) };
    let mut codes = Vec::new();
    let mut parts = code.split('.');
    let mut prefix = String::new();
    for part in parts.by_ref() {
        if !prefix.is_empty() {
            prefix.push('.');
        }
        prefix.push_str(part);
        codes.push(prefix.clone());
    }
    let mut rows = region::Entity::find().filter(region::Column::Code.is_in(codes)).all(db).await?;
    rows.sort_by_key(|r| r.level);
    Ok(rows.into_iter().map(|r| r.name).collect())
}

/// A client's page, if the actor may read it. A child's page is masked for those without
/// need to know, and every view of it is logged.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<ClientDetail> {
    let Found { row, at } = find_readable(db, actor, id).await?;
    let disclosure = policy::identity(actor, at);
    if row.is_child {
        privacy::log_view(db, actor, &row, None, now).await?;
    }
    let office =
        bapas::Entity::find_by_id(row.bapas_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let office_zone = Zone::parse(&office.zone).unwrap_or(Zone::Wib);
    let pk = match row.pk_id {
        Some(pk) => people(db, vec![pk]).await?.remove(&pk),
        None => None,
    };
    let reporting = reporting_status(db, &row, today).await?;
    let months = settings::reassessment_months(db).await?;
    let pending_transfer = assignment::pending_for(db, actor, &row, at).await?;
    let active = row.status == ClientStatus::Aktif.as_str();
    let region_names = match disclosure {
        Disclosure::Full => region_names(db, row.region_code.as_deref()).await?,
        Disclosure::Masked => Vec::new(),
    };
    let detail = ClientDetail {
        form: form_of(&row, pk.as_ref()),
        version: version_of(&row),
        bapas: OfficeRef { id: office.public_id, name: office.name },
        region_names,
        computed_end: row.computed_end.filter(|c| Some(*c) != row.supervision_end),
        status_since: row.status_date,
        status_reason: row.status_reason.clone(),
        risk_score: row.risk_score.and_then(|s| u16::try_from(s).ok()),
        assessed_on: row.assessed_on,
        reporting,
        reassessment_due: if active && LegalBasis::parse(&row.legal_basis).is_some_and(LegalBasis::reports) {
            Some(reassessment_due(row.assessed_on, months).unwrap_or(today))
        } else {
            None
        },
        can_edit: active && policy::can_edit_client(actor, at),
        keep_offline: active && policy::can_keep_offline(actor, at),
        can_reassign: active && policy::can_reassign_client(actor, at),
        can_export_data: policy::data_subject_office(actor) == Some(at.bapas_id),
        pending_transfer,
        whatsapp_consent: row.whatsapp_consent_at.map(|at| at.to_offset(office_zone.offset()).date()),
        summary: summary_of(row, pk),
    };
    Ok(disclose(detail, disclosure))
}

/// The version of a client's registry entry: when it last changed, in microseconds (the
/// precision both databases keep). Every write to the entry sets `updated_at`, so an edit that
/// brings back the version it was filled from can tell whether anything changed meanwhile.
pub fn version_of(row: &client::Model) -> String {
    (row.updated_at.unix_timestamp_nanos() / 1000).to_string()
}

/// Folds a client's name and aliases into the text searched by name.
pub(crate) fn searchable_name(full_name: &str, aliases: &[String]) -> String {
    let mut out = fold_name(full_name);
    for alias in aliases {
        out.push_str(" | ");
        out.push_str(&fold_name(alias));
    }
    out
}

/// The day it is at the actor's office (its time zone), or in WIB for users without one.
pub async fn today_for(db: &DatabaseConnection, actor: &Actor, now: OffsetDateTime) -> ServiceResult<Date> {
    match actor.bapas_id {
        Some(id) => crate::offices::today_at(db, id.get(), now).await,
        None => Ok(now.to_offset(pamong_domain::office::Zone::Wib.offset()).date()),
    }
}

/// The active PKs of an office.
pub(crate) async fn officers_of<C: ConnectionTrait>(
    db: &C,
    bapas_id: BapasId,
) -> ServiceResult<Vec<PersonRef>> {
    Ok(user::Entity::find()
        .filter(user::Column::BapasId.eq(bapas_id))
        .filter(user::Column::Role.eq(policy::CASELOAD_ROLE.as_str()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .map(|u| PersonRef { id: u.public_id, name: u.full_name })
        .collect())
}

/// The active PKs of the actor's office, for choosing whom a client goes to.
pub async fn officers(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<Vec<PersonRef>> {
    match actor.bapas_id.filter(|_| policy::can_register_client(actor)) {
        Some(bapas_id) => officers_of(db, bapas_id).await,
        None => Ok(Vec::new()),
    }
}
