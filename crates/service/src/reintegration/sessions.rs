//! A programme's sessions: planned by whoever runs it (the office's officers and Kabapas, the
//! partner's own user), their attendance recorded once held — everyone taking part that day
//! is marked present or absent. What the PK must know lands on Today (a session tomorrow, a
//! participant who dropped out) and every step on the client's timeline.

use std::collections::HashMap;

use pamong_domain::caseload::{ProgrammeFollowUp, ProgrammeStep, TimelineEntry, TimelineEvent};
use pamong_domain::reintegration::participation::{
    AttendanceForm, SessionPlanForm, dropped_needs_follow_up, takes_part_on,
};
use pamong_domain::reintegration::programmes::EnrolmentStatus;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{programme, programme_attendance, programme_enrolment, programme_session};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use super::programmes::{find_readable, places};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::people;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;

/// Plans a session of the programme.
pub async fn plan(
    db: &DatabaseConnection,
    actor: &Actor,
    programme: Uuid,
    form: &SessionPlanForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let txn = begin_write(db).await?;
    let (row, at) = find_readable(&txn, actor, programme).await?;
    if !policy::can_run_programme(actor, at) {
        return Err(ServiceError::not_found());
    }
    let draft = form.parse(row.starts_on)?;
    let saved = programme_session::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        programme_id: Set(row.id),
        held_on: Set(draft.held_on),
        topic: Set(draft.topic.clone()),
        recorded_at: Set(None),
        recorded_by: Set(None),
        created_by: Set(actor.user_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::new()
        .set("programme", &row.public_id)
        .set("held_on", &draft.held_on.to_string())
        .set("topic", &draft.topic);
    audit::record(&txn, actor, now, "create", "programme_session", &saved.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(saved.public_id)
}

/// Records (or corrects) who was at a session held by the office's `today`: those posted
/// present, everyone else taking part that day absent.
pub async fn record_attendance(
    db: &DatabaseConnection,
    actor: &Actor,
    session: Uuid,
    form: &AttendanceForm,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let present = form.parse()?;
    let txn = begin_write(db).await?;
    let s = programme_session::Entity::find()
        .filter(programme_session::Column::PublicId.eq(session))
        .one(&txn)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let p =
        programme::Entity::find_by_id(s.programme_id).one(&txn).await?.ok_or_else(ServiceError::not_found)?;
    let at =
        places(&txn, std::slice::from_ref(&p)).await?.remove(&p.id).ok_or_else(ServiceError::not_found)?;
    if !policy::can_run_programme(actor, at) {
        return Err(ServiceError::not_found());
    }
    let today = crate::offices::today_at(&txn, p.bapas_id, now).await?;
    if s.held_on > today {
        return Err(ErrorKind::field("present", Problem::FutureDate).into());
    }
    let roll: Vec<programme_enrolment::Model> = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::ProgrammeId.eq(p.id))
        .all(&txn)
        .await?
        .into_iter()
        .filter(|e| takes_part_on(e.enrolled_on, e.ended_on, s.held_on))
        .collect();
    if present.iter().any(|id| !roll.iter().any(|e| e.public_id == *id)) {
        return Err(ErrorKind::field("present", Problem::UnknownReference).into());
    }
    let was = programme_attendance::Entity::find()
        .filter(programme_attendance::Column::SessionId.eq(s.id))
        .all(&txn)
        .await?;
    programme_attendance::Entity::delete_many()
        .filter(programme_attendance::Column::SessionId.eq(s.id))
        .exec(&txn)
        .await?;
    let mut count = 0_u32;
    for e in &roll {
        let here = present.contains(&e.public_id);
        count += u32::from(here);
        programme_attendance::ActiveModel {
            session_id: Set(s.id),
            enrolment_id: Set(e.id),
            present: Set(here),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let before = u32::try_from(was.iter().filter(|a| a.present).count()).unwrap_or(0);
    let changes = Changes::new()
        .diff("present", &before, &count)
        .set("absent", &(u32::try_from(roll.len()).unwrap_or(0) - count))
        .set("corrected", &s.recorded_at.is_some());
    let mut model = programme_session::ActiveModel::from(s.clone());
    model.recorded_at = Set(Some(now));
    model.recorded_by = Set(actor.user_key());
    model.update(&txn).await?;
    audit::record(&txn, actor, now, "update", "programme_session", &s.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// What the clients' programmes put on Today: a session tomorrow of one they take part in,
/// and a drop-out within the last week. By client id.
pub(crate) async fn follow_ups<C: ConnectionTrait>(
    db: &C,
    client_ids: &[i32],
    today: Date,
) -> ServiceResult<HashMap<i32, ProgrammeFollowUp>> {
    let since = today - Duration::days(pamong_domain::reintegration::participation::DROPPED_FOLLOW_UP_DAYS);
    let enrolments = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(
            Condition::any()
                .add(programme_enrolment::Column::Status.eq(EnrolmentStatus::Aktif.as_str()))
                .add(
                    Condition::all()
                        .add(programme_enrolment::Column::Status.eq(EnrolmentStatus::Keluar.as_str()))
                        .add(programme_enrolment::Column::EndedOn.gt(since)),
                ),
        )
        .all(db)
        .await?;
    let mut out: HashMap<i32, ProgrammeFollowUp> = HashMap::new();
    if enrolments.is_empty() {
        return Ok(out);
    }
    let Some(tomorrow) = today.next_day() else { return Ok(out) };
    let meeting: Vec<i32> = programme_session::Entity::find()
        .filter(programme_session::Column::ProgrammeId.is_in(enrolments.iter().map(|e| e.programme_id)))
        .filter(programme_session::Column::HeldOn.eq(tomorrow))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.programme_id)
        .collect();
    for e in enrolments {
        let entry = out.entry(e.client_id).or_default();
        match EnrolmentStatus::parse(&e.status) {
            Some(EnrolmentStatus::Aktif) => {
                entry.session_tomorrow |= meeting.contains(&e.programme_id) && e.enrolled_on <= tomorrow;
            }
            Some(EnrolmentStatus::Keluar) => {
                if let Some(on) = e.ended_on.filter(|on| dropped_needs_follow_up(*on, today)) {
                    entry.dropped_on = entry.dropped_on.max(Some(on));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A client's programme steps for their timeline: enrolled, each session recorded (present
/// or absent), completed or dropped out.
pub(crate) async fn timeline_entries<C: ConnectionTrait>(
    db: &C,
    client_id: i32,
) -> ServiceResult<Vec<TimelineEntry>> {
    let enrolments = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::ClientId.eq(client_id))
        .all(db)
        .await?;
    if enrolments.is_empty() {
        return Ok(Vec::new());
    }
    let names: HashMap<i32, String> = programme::Entity::find()
        .filter(programme::Column::Id.is_in(enrolments.iter().map(|e| e.programme_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let marks = programme_attendance::Entity::find()
        .filter(programme_attendance::Column::EnrolmentId.is_in(enrolments.iter().map(|e| e.id)))
        .all(db)
        .await?;
    let sessions: HashMap<i32, programme_session::Model> = programme_session::Entity::find()
        .filter(programme_session::Column::Id.is_in(marks.iter().map(|a| a.session_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let officers = enrolments
        .iter()
        .map(|e| e.enrolled_by)
        .chain(sessions.values().map(|s| s.recorded_by))
        .flatten()
        .collect();
    let officers = people(db, officers).await?;
    let officer = |id: Option<i32>| id.and_then(|i| officers.get(&i)).map(|p| p.name.clone());
    let mut entries = Vec::new();
    for e in &enrolments {
        let programme = names.get(&e.programme_id).cloned().unwrap_or_default();
        let entry = |date, recorded_at, officer, step| TimelineEntry {
            date,
            time: None,
            recorded_at,
            officer,
            event: TimelineEvent::Programme { programme: programme.clone(), step },
        };
        entries.push(entry(e.enrolled_on, e.created_at, officer(e.enrolled_by), ProgrammeStep::Enrolled));
        for a in marks.iter().filter(|a| a.enrolment_id == e.id) {
            let Some(s) = sessions.get(&a.session_id) else { continue };
            let step = ProgrammeStep::Session { topic: s.topic.clone(), present: a.present };
            entries.push(entry(
                s.held_on,
                s.recorded_at.unwrap_or(s.created_at),
                officer(s.recorded_by),
                step,
            ));
        }
        let step = match EnrolmentStatus::parse(&e.status) {
            Some(EnrolmentStatus::Selesai) => ProgrammeStep::Completed(super::enrolments::outcomes(e)),
            Some(EnrolmentStatus::Keluar) => ProgrammeStep::DroppedOut { reason: e.reason.clone() },
            _ => continue,
        };
        if let Some(on) = e.ended_on {
            entries.push(entry(on, e.updated_at, None, step));
        }
    }
    Ok(entries)
}
