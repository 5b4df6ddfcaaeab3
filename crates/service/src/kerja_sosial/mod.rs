//! Pidana kerja sosial (KUHP art. 85): work sites kept by the Kabapas with partner
//! institutions ([`sites`]), placements of the people sentenced ([`placements`]), and the
//! hours ledger the site's supervisor signs off on a phone ([`ledger`]). The rules of the
//! hours are the domain's ([`pamong_domain::kerja_sosial`]); who may do what, the policy's.

pub mod closing;
pub mod ledger;
pub mod placements;
pub mod sites;

use std::collections::HashMap;

use pamong_domain::caseload::PersonRef;
use pamong_domain::kerja_sosial::{
    FollowUp, LedgerLine, PlacementStatus, PlacementView, Progress, Ratings, Sentence, SessionView,
    follow_up, needed_per_week, progress,
};
use pamong_domain::privacy::disclose;
use pamong_entity::{client, ks_placement, ks_session, work_site};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use time::Date;
use uuid::Uuid;

use crate::actor::Actor;
use crate::clients::{case_at, kanwils_of, people};
use crate::error::{ServiceError, ServiceResult};
use crate::ids::{BapasId, KanwilId, UserId};
use crate::policy::{self, CaseAt, SiteAt};

/// Where a site sits, for the policy.
pub(crate) fn site_at(row: &work_site::Model) -> SiteAt {
    SiteAt { bapas_id: BapasId(row.bapas_id), supervisor_id: row.supervisor_id.map(UserId) }
}

/// The sentence a placement carries.
fn sentence(p: &ks_placement::Model) -> Sentence {
    Sentence { hours: u16::try_from(p.hours).unwrap_or(0), start: p.start_on, deadline: p.deadline }
}

/// Minutes of a ledger: `(signed off, waiting for sign-off)`, absences counting none.
fn minutes_of(sessions: &[&ks_session::Model]) -> (u32, u32) {
    sessions.iter().fold((0, 0), |(done, pending), s| {
        let m = u32::try_from(s.minutes).unwrap_or(0);
        if s.signed_off_at.is_some() { (done + m, pending) } else { (done, pending + m) }
    })
}

/// A placement by its public id.
pub(crate) async fn placement<C: ConnectionTrait>(db: &C, id: Uuid) -> ServiceResult<ks_placement::Model> {
    ks_placement::Entity::find()
        .filter(ks_placement::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)
}

/// A placement's client and where the client sits.
pub(crate) async fn client_of<C: ConnectionTrait>(
    db: &C,
    p: &ks_placement::Model,
) -> ServiceResult<(client::Model, CaseAt)> {
    let row = client::Entity::find_by_id(p.client_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let kanwil = kanwils_of(db, [row.bapas_id]).await?.get(&row.bapas_id).copied().unwrap_or(KanwilId(0));
    let at = case_at(&row, kanwil);
    Ok((row, at))
}

/// How many sessions of each placement a view carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ledger {
    /// Every session (the client's page).
    Full,
    /// The last few and any waiting for sign-off (the supervisor's day).
    Recent(usize),
}

/// Placements as the actor may see them, with their ledgers, progress on `today` and what
/// the actor may do with each; each goes through the masking step with the policy's answer.
pub(crate) async fn placement_views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<ks_placement::Model>,
    today: Date,
    ledger: Ledger,
) -> ServiceResult<Vec<PlacementView>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let clients: HashMap<i32, client::Model> = client::Entity::find()
        .filter(client::Column::Id.is_in(rows.iter().map(|r| r.client_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let kanwils = kanwils_of(db, clients.values().map(|c| c.bapas_id)).await?;
    let sessions = ks_session::Entity::find()
        .filter(ks_session::Column::PlacementId.is_in(rows.iter().map(|r| r.id)))
        .order_by_desc(ks_session::Column::HeldOn)
        .order_by_desc(ks_session::Column::Id)
        .all(db)
        .await?;
    let site_ids = rows.iter().map(|r| r.site_id).chain(sessions.iter().map(|s| s.site_id));
    let sites: HashMap<i32, work_site::Model> = work_site::Entity::find()
        .filter(work_site::Column::Id.is_in(site_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let signers = people(db, sessions.iter().filter_map(|s| s.signed_off_by).collect()).await?;
    let mut out = Vec::new();
    for p in rows {
        let (Some(c), Some(site)) = (clients.get(&p.client_id), sites.get(&p.site_id)) else { continue };
        let at = case_at(c, kanwils.get(&c.bapas_id).copied().unwrap_or(KanwilId(0)));
        let here = site_at(site);
        let own: Vec<&ks_session::Model> = sessions.iter().filter(|s| s.placement_id == p.id).collect();
        let (done, pending) = minutes_of(&own);
        let sentence = sentence(&p);
        let status = PlacementStatus::parse(&p.status).unwrap_or(PlacementStatus::Aktif);
        let active = status == PlacementStatus::Aktif;
        let state = if active { progress(&sentence, done, today) } else { Progress::Completed };
        let unexcused = own.iter().filter(|s| s.absent && s.absence_accepted == Some(false)).count();
        let shown: Vec<&ks_session::Model> = match ledger {
            Ledger::Full => own,
            Ledger::Recent(n) => own
                .iter()
                .enumerate()
                .filter(|(i, s)| *i < n || s.signed_off_at.is_none())
                .map(|(_, s)| *s)
                .collect(),
        };
        let view = PlacementView {
            id: p.public_id,
            client: PersonRef { id: c.public_id, name: c.full_name.clone() },
            masked: false,
            site: PersonRef { id: site.public_id, name: site.name.clone() },
            court: p.court.clone(),
            decision_number: p.decision_number.clone(),
            hours: sentence.hours,
            start_on: p.start_on,
            deadline: p.deadline,
            schedule: p.schedule.clone(),
            status,
            done_minutes: done,
            pending_minutes: pending,
            remaining_minutes: pamong_domain::kerja_sosial::remaining(&sentence, done),
            needed_per_week: if active { needed_per_week(&sentence, done, today) } else { None },
            progress: state,
            unexcused_absences: u32::try_from(unexcused).unwrap_or(u32::MAX),
            sessions: shown.into_iter().map(|s| session_view(s, &sites, &signers)).collect(),
            can_record: active && policy::can_record_hours(actor, at, here),
            can_sign_off: policy::can_sign_off(actor, here),
            can_move: active && policy::can_place(actor, at),
            can_document: policy::can_place(actor, at),
        };
        out.push(disclose(view, policy::placement_identity(actor, here, at)));
    }
    Ok(out)
}

/// Ids per `IN` list when a list of records may be as long as an office's clients.
const IN_CHUNK: usize = 5_000;

/// What Today follows up of each client's active placement: `client row id → follow-up`.
pub(crate) async fn follow_ups<C: ConnectionTrait>(
    db: &C,
    client_ids: &[i32],
    today: Date,
) -> ServiceResult<HashMap<i32, FollowUp>> {
    // The dashboard asks for a whole office's clients: read in chunks, as one `IN` list may
    // hold at most 32,766 values on SQLite (65,535 on PostgreSQL).
    let mut placements = Vec::new();
    for chunk in client_ids.chunks(IN_CHUNK) {
        placements.extend(
            ks_placement::Entity::find()
                .filter(ks_placement::Column::ClientId.is_in(chunk.iter().copied()))
                .filter(ks_placement::Column::Status.eq(PlacementStatus::Aktif.as_str()))
                .all(db)
                .await?,
        );
    }
    if placements.is_empty() {
        return Ok(HashMap::new());
    }
    let placement_ids: Vec<i32> = placements.iter().map(|p| p.id).collect();
    let mut sessions = Vec::new();
    for chunk in placement_ids.chunks(IN_CHUNK) {
        sessions.extend(
            ks_session::Entity::find()
                .filter(ks_session::Column::PlacementId.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        );
    }
    let mut ledgers: HashMap<i32, Vec<LedgerLine>> = HashMap::new();
    // Read as of `today`, which may lie in the past (the dashboard's month before): a session
    // held later had not happened then.
    for s in sessions.iter().filter(|s| s.held_on <= today) {
        ledgers.entry(s.placement_id).or_default().push(ledger_line(s));
    }
    Ok(placements
        .iter()
        .map(|p| {
            let ledger = ledgers.get(&p.id).map(Vec::as_slice).unwrap_or_default();
            (p.client_id, follow_up(&sentence(p), ledger, today))
        })
        .collect())
}

/// A session as the follow-up reads it. The day it was recorded is taken in the offset it
/// was stored with: a few hours either way do not matter to a wait counted in days.
fn ledger_line(s: &ks_session::Model) -> LedgerLine {
    LedgerLine {
        held_on: s.held_on,
        recorded_on: s.created_at.date(),
        minutes: u32::try_from(s.minutes).unwrap_or(0),
        signed: s.signed_off_at.is_some(),
        // An absence whose reason was not judged is not excused.
        absence: s.absent.then_some(s.absence_accepted.unwrap_or(false)),
    }
}

fn session_view(
    s: &ks_session::Model,
    sites: &HashMap<i32, work_site::Model>,
    signers: &HashMap<i32, PersonRef>,
) -> SessionView {
    let rating = |v: Option<i16>| v.and_then(|v| u8::try_from(v).ok());
    let ratings = match (rating(s.attendance), rating(s.effort), rating(s.behaviour)) {
        (Some(attendance), Some(effort), Some(behaviour)) => Some(Ratings { attendance, effort, behaviour }),
        _ => None,
    };
    SessionView {
        id: s.public_id,
        held_on: s.held_on,
        site: sites.get(&s.site_id).map(|w| w.name.clone()).unwrap_or_default(),
        arrival: s.arrival,
        departure: s.departure,
        break_minutes: u32::try_from(s.break_minutes).unwrap_or(0),
        minutes: u32::try_from(s.minutes).unwrap_or(0),
        work_done: s.work_done.clone(),
        ratings,
        absent: s.absent,
        absence_reason: s.absence_reason.clone(),
        absence_accepted: s.absence_accepted,
        by_officer: s.by_officer,
        signed_off_by: s.signed_off_by.and_then(|u| signers.get(&u)).map(|p| p.name.clone()),
        signed_off_at: s.signed_off_at,
        correction: s.correction.clone(),
    }
}
