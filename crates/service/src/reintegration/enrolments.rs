//! Enrolments: from the client's page the PK enrols a client in a programme of the office
//! that suits them and has room (a transit house: a bed every night of the stay), with the
//! client's consent; the enrolment moves the checklist items the programme serves, and ends
//! once — completed, or dropped out with a reason — with what came of it. A programme's page
//! shows its roll, masked as the policy says.

use std::collections::HashMap;

use pamong_domain::abh::rules::age_on;
use pamong_domain::caseload::PersonRef;
use pamong_domain::client::ClientStatus;
use pamong_domain::legal::LegalBasis;
use pamong_domain::privacy::disclose;
use pamong_domain::reintegration::catalogue::{
    ClientProgramme, ClientProgrammes, Participant, ProgrammeDetail, ProgrammeOption, ProgrammeSessionView,
};
use pamong_domain::reintegration::checklist::NeedState;
use pamong_domain::reintegration::participation::{EnrolForm, OutcomeForm, Outcomes, takes_part_on};
use pamong_domain::reintegration::programmes::{Candidate, EnrolmentStatus, has_room, stay_fits};
use pamong_domain::reporting::RiskBand;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{client, programme, programme_attendance, programme_enrolment, programme_session};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::checklist;
use super::programmes::{
    find_readable as find_programme, kind_of, needs_of, places, stay_of, suits_of, taken, views,
    work_units_of,
};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::{Found, case_at, find_editable, find_readable, kanwils_of};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::KanwilId;
use crate::policy;

/// Most participants a programme's page lists (the active ones first).
const ROLL_MAX: u64 = 500;
/// Most sessions a programme's page lists (the newest).
const SESSIONS_MAX: u64 = 200;

fn status_of(e: &programme_enrolment::Model) -> EnrolmentStatus {
    EnrolmentStatus::parse(&e.status).unwrap_or(EnrolmentStatus::Aktif)
}

pub(crate) fn outcomes(e: &programme_enrolment::Model) -> Outcomes {
    Outcomes { certificate: e.certificate, job_found: e.job_found, business_started: e.business_started }
}

/// Of each enrolment, `(sessions attended, sessions recorded while they took part)`.
fn attendance_counts(
    enrolments: &[programme_enrolment::Model],
    sessions: &[programme_session::Model],
    rows: &[programme_attendance::Model],
) -> HashMap<i32, (u32, u32)> {
    enrolments
        .iter()
        .map(|e| {
            let attended = rows.iter().filter(|a| a.enrolment_id == e.id && a.present).count();
            let held = sessions
                .iter()
                .filter(|s| e.programme_id == s.programme_id && s.recorded_at.is_some())
                .filter(|s| takes_part_on(e.enrolled_on, e.ended_on, s.held_on))
                .count();
            (e.id, (u32::try_from(attended).unwrap_or(0), u32::try_from(held).unwrap_or(0)))
        })
        .collect()
}

/// A programme's page: the programme, its roll and its sessions.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    today: Date,
) -> ServiceResult<ProgrammeDetail> {
    let (row, at) = find_programme(db, actor, id).await?;
    let mut enrolments = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::ProgrammeId.eq(row.id))
        .order_by_desc(programme_enrolment::Column::EnrolledOn)
        .limit(ROLL_MAX)
        .all(db)
        .await?;
    // Active participants first, then the latest to end.
    enrolments.sort_by_key(|e| (status_of(e) != EnrolmentStatus::Aktif, std::cmp::Reverse(e.ended_on)));
    let sessions = programme_session::Entity::find()
        .filter(programme_session::Column::ProgrammeId.eq(row.id))
        .order_by_desc(programme_session::Column::HeldOn)
        .limit(SESSIONS_MAX)
        .all(db)
        .await?;
    let attendance = programme_attendance::Entity::find()
        .filter(programme_attendance::Column::SessionId.is_in(sessions.iter().map(|s| s.id)))
        .all(db)
        .await?;
    let clients: HashMap<i32, client::Model> = client::Entity::find()
        .filter(client::Column::Id.is_in(enrolments.iter().map(|e| e.client_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let kanwils = kanwils_of(db, clients.values().map(|c| c.bapas_id)).await?;
    let counts = attendance_counts(&enrolments, &sessions, &attendance);
    let beds = kind_of(&row).has_beds();
    let participants = enrolments
        .iter()
        .filter_map(|e| {
            let c = clients.get(&e.client_id)?;
            let case = case_at(c, kanwils.get(&c.bapas_id).copied().unwrap_or(KanwilId(0)));
            let status = status_of(e);
            let (attended, held) = counts.get(&e.id).copied().unwrap_or_default();
            let p = Participant {
                enrolment: e.public_id,
                client: PersonRef { id: c.public_id, name: c.full_name.clone() },
                masked: false,
                can_open: policy::can_read_client(actor, case),
                status,
                enrolled_on: e.enrolled_on,
                ended_on: e.ended_on,
                reason: e.reason.clone(),
                outcomes: outcomes(e),
                stay: beds.then(|| stay_of(e)),
                work_unit: e.work_unit.clone(),
                attended,
                sessions: held,
                can_end: status == EnrolmentStatus::Aktif && policy::can_end_enrolment(actor, at, case),
            };
            Some(disclose(p, policy::participant_identity(actor, at, case)))
        })
        .collect();
    let public: HashMap<i32, Uuid> = enrolments.iter().map(|e| (e.id, e.public_id)).collect();
    let sessions = sessions
        .into_iter()
        .map(|s| {
            let marked: Vec<&programme_attendance::Model> =
                attendance.iter().filter(|a| a.session_id == s.id).collect();
            let expected = if s.recorded_at.is_some() {
                marked.len()
            } else {
                enrolments.iter().filter(|e| takes_part_on(e.enrolled_on, e.ended_on, s.held_on)).count()
            };
            ProgrammeSessionView {
                id: s.public_id,
                held_on: s.held_on,
                topic: s.topic,
                recorded: s.recorded_at.is_some(),
                present: marked
                    .iter()
                    .filter(|a| a.present)
                    .filter_map(|a| public.get(&a.enrolment_id).copied())
                    .collect(),
                expected: u32::try_from(expected).unwrap_or(0),
            }
        })
        .collect();
    let can_run = policy::can_run_programme(actor, at);
    let programme = views(db, actor, vec![row], today).await?.pop().ok_or_else(ServiceError::not_found)?;
    let occupied_tonight = beds.then_some(programme.taken);
    Ok(ProgrammeDetail { programme, participants, sessions, occupied_tonight, can_run, today })
}

/// What eligibility looks at in a client on `day`.
fn candidate(row: &client::Model, day: Date) -> Option<Candidate> {
    Some(Candidate {
        band: row.risk_band.as_deref().and_then(RiskBand::parse),
        basis: LegalBasis::parse(&row.legal_basis)?,
        sex: row.sex.clone(),
        age: age_on(row.birth_date, day).unwrap_or(0),
    })
}

/// A client's programmes and, for whoever may enrol them, the office's programmes running
/// today they have not joined, each with whether they suit it and whether it has room.
pub async fn of_client(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
    today: Date,
) -> ServiceResult<ClientProgrammes> {
    let Found { row, at } = find_readable(db, actor, client).await?;
    let enrolments = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::ClientId.eq(row.id))
        .order_by_desc(programme_enrolment::Column::EnrolledOn)
        .all(db)
        .await?;
    let programmes: HashMap<i32, programme::Model> = programme::Entity::find()
        .filter(programme::Column::Id.is_in(enrolments.iter().map(|e| e.programme_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let rows: Vec<programme::Model> = programmes.values().cloned().collect();
    let places = places(db, &rows).await?;
    let sessions = programme_session::Entity::find()
        .filter(programme_session::Column::ProgrammeId.is_in(programmes.keys().copied()))
        .all(db)
        .await?;
    let attendance = programme_attendance::Entity::find()
        .filter(programme_attendance::Column::EnrolmentId.is_in(enrolments.iter().map(|e| e.id)))
        .all(db)
        .await?;
    let counts = attendance_counts(&enrolments, &sessions, &attendance);
    let mut out = ClientProgrammes::default();
    for e in &enrolments {
        let Some(p) = programmes.get(&e.programme_id) else { continue };
        let status = status_of(e);
        let (attended, held) = counts.get(&e.id).copied().unwrap_or_default();
        let next_session = sessions
            .iter()
            .filter(|s| s.programme_id == p.id && s.held_on >= today && status == EnrolmentStatus::Aktif)
            .map(|s| s.held_on)
            .min();
        let can_end = status == EnrolmentStatus::Aktif
            && places.get(&p.id).is_some_and(|pat| policy::can_end_enrolment(actor, *pat, at));
        out.enrolments.push(ClientProgramme {
            enrolment: e.public_id,
            programme: PersonRef { id: p.public_id, name: p.name.clone() },
            kind: kind_of(p),
            status,
            enrolled_on: e.enrolled_on,
            ended_on: e.ended_on,
            reason: e.reason.clone(),
            outcomes: outcomes(e),
            stay: kind_of(p).has_beds().then(|| stay_of(e)),
            work_unit: e.work_unit.clone(),
            attended,
            sessions: held,
            next_session,
            can_end,
        });
    }
    if policy::can_enrol(actor, at) && row.status == ClientStatus::Aktif.as_str() {
        let joined: Vec<i32> = enrolments
            .iter()
            .filter(|e| status_of(e) == EnrolmentStatus::Aktif)
            .map(|e| e.programme_id)
            .collect();
        let open: Vec<programme::Model> = programme::Entity::find()
            .filter(programme::Column::BapasId.eq(row.bapas_id))
            .filter(programme::Column::Active.eq(true))
            .order_by_asc(programme::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .filter(|p| !joined.contains(&p.id) && p.ends_on.is_none_or(|end| end >= today))
            .collect();
        let taken = taken(db, &open, today).await?;
        let needs = checklist::current(db, row.id).await?;
        let candidate = candidate(&row, today);
        out.options = open
            .iter()
            .map(|p| ProgrammeOption {
                programme: PersonRef { id: p.public_id, name: p.name.clone() },
                kind: kind_of(p),
                unsuitable: candidate.as_ref().and_then(|c| suits_of(p).check(c).err()),
                full: !has_room(
                    u16::try_from(p.capacity).unwrap_or(0),
                    taken.get(&p.id).copied().unwrap_or(0),
                ),
                serves_needed: needs_of(p)
                    .into_iter()
                    .filter(|n| needs.get(n).is_some_and(|s| *s != NeedState::Met))
                    .collect(),
                work_units: work_units_of(p),
            })
            .collect();
    }
    Ok(disclose(out, policy::identity(actor, at)))
}

/// Enrols the client in a programme of their office, with their consent: one that runs on
/// the day, suits them and has room (a transit house: a bed each night of the stay); the
/// items it serves move to *in progress*.
pub async fn enrol(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
    form: &EnrolForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let Found { row, at } = find_editable(&txn, actor, client).await?;
    if !policy::can_enrol(actor, at) || row.status != ClientStatus::Aktif.as_str() {
        return Err(ServiceError::not_found());
    }
    let unknown = || ErrorKind::field("programme_id", Problem::UnknownReference);
    let p = programme::Entity::find()
        .filter(programme::Column::PublicId.eq(draft.programme_id))
        .filter(programme::Column::BapasId.eq(row.bapas_id))
        .filter(programme::Column::Active.eq(true))
        .one(&txn)
        .await?
        .ok_or_else(unknown)?;
    if p.ends_on.is_some_and(|end| end < draft.enrolled_on) {
        return Err(ErrorKind::field("enrolled_on", Problem::NotAllowed).into());
    }
    let active = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::ProgrammeId.eq(p.id))
        .filter(programme_enrolment::Column::Status.eq(EnrolmentStatus::Aktif.as_str()))
        .all(&txn)
        .await?;
    if active.iter().any(|e| e.client_id == row.id) {
        return Err(ErrorKind::field("programme_id", Problem::Taken).into());
    }
    if let Some(Err(why)) = candidate(&row, draft.enrolled_on).map(|c| suits_of(&p).check(&c)) {
        return Err(ErrorKind::field("programme_id", Problem::Unsuitable(why)).into());
    }
    let capacity = u16::try_from(p.capacity).unwrap_or(0);
    let beds = kind_of(&p).has_beds();
    let room = if beds {
        stay_fits(capacity, &active.iter().map(stay_of).collect::<Vec<_>>(), draft.stay())
    } else {
        has_room(capacity, u32::try_from(active.len()).unwrap_or(u32::MAX))
    };
    if !room {
        return Err(ErrorKind::field("programme_id", Problem::NoRoom).into());
    }
    let units = work_units_of(&p);
    if beds && draft.work_unit.as_ref().is_some_and(|u| !units.contains(u)) {
        return Err(ErrorKind::field("work_unit", Problem::NotAllowed).into());
    }
    let saved = programme_enrolment::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        programme_id: Set(p.id),
        client_id: Set(row.id),
        status: Set(EnrolmentStatus::Aktif.as_str().to_owned()),
        enrolled_on: Set(draft.enrolled_on),
        check_out: Set(draft.check_out.filter(|_| beds)),
        work_unit: Set(draft.work_unit.clone().filter(|_| beds)),
        ended_on: Set(None),
        reason: Set(None),
        certificate: Set(false),
        job_found: Set(false),
        business_started: Set(false),
        enrolled_by: Set(actor.user_key()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    checklist::follow_enrolment(&txn, actor, &saved, &needs_of(&p), EnrolmentStatus::Aktif, today, now)
        .await?;
    let changes = Changes::of_client(&row)
        .set("client", &row.public_id)
        .set("programme", &p.public_id)
        .set("enrolled_on", &draft.enrolled_on.to_string())
        .set("consent", &true);
    audit::record(&txn, actor, now, "create", "programme_enrolment", &saved.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(saved.public_id)
}

/// Ends an enrolment: completed, or dropped out with a reason, with what came of it; the
/// items the programme serves move to *met*, or back to *needed* unless something else
/// still works on them. A transit house's resident checks out that morning.
pub async fn end(
    db: &DatabaseConnection,
    actor: &Actor,
    enrolment: Uuid,
    form: &OutcomeForm,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let e = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::PublicId.eq(enrolment))
        .one(&txn)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let p =
        programme::Entity::find_by_id(e.programme_id).one(&txn).await?.ok_or_else(ServiceError::not_found)?;
    let at =
        places(&txn, std::slice::from_ref(&p)).await?.remove(&p.id).ok_or_else(ServiceError::not_found)?;
    let c = client::Entity::find_by_id(e.client_id).one(&txn).await?.ok_or_else(ServiceError::not_found)?;
    let kanwil = kanwils_of(&txn, [c.bapas_id]).await?.get(&c.bapas_id).copied().unwrap_or(KanwilId(0));
    let case = case_at(&c, kanwil);
    if !policy::can_end_enrolment(actor, at, case) {
        return Err(ServiceError::not_found());
    }
    if status_of(&e) != EnrolmentStatus::Aktif {
        return Err(ErrorKind::Conflict.into());
    }
    let today = crate::offices::today_at(&txn, c.bapas_id, now).await?;
    let draft = form.parse(e.enrolled_on, today)?;
    let mut model = programme_enrolment::ActiveModel::from(e.clone());
    model.status = Set(draft.status.as_str().to_owned());
    model.ended_on = Set(Some(draft.ended_on));
    model.reason = Set(draft.reason.clone());
    model.certificate = Set(draft.outcomes.certificate);
    model.job_found = Set(draft.outcomes.job_found);
    model.business_started = Set(draft.outcomes.business_started);
    model.updated_at = Set(now);
    let saved = model.update(&txn).await?;
    checklist::follow_enrolment(&txn, actor, &saved, &needs_of(&p), draft.status, today, now).await?;
    let mut changes = Changes::of_client(&c)
        .diff("status", &e.status, &saved.status)
        .set("ended_on", &draft.ended_on.to_string())
        .set("certificate", &draft.outcomes.certificate)
        .set("job_found", &draft.outcomes.job_found)
        .set("business_started", &draft.outcomes.business_started);
    if let Some(reason) = &draft.reason {
        changes = changes.text("reason", reason);
    }
    audit::record(&txn, actor, now, "update", "programme_enrolment", &saved.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(())
}
