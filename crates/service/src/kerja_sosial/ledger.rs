//! The hours ledger: a session is recorded by the site's supervisor (signed off as it is
//! recorded — on a phone at the site, offline too, through the outbox and its request keys)
//! or by the PK (waiting for the supervisor's sign-off; at a site whose supervisor has no
//! account, entered from the paper timesheet and counted at once). Every session is checked against the
//! ledger: at most 8 hours counted on one day, never past the hours ordered. A signed-off
//! session is evidence: it is corrected only with a reason, and the correction is audited.

use pamong_domain::kerja_sosial::{PlacementStatus, SessionDraft, SessionEntry, SessionForm, check_session};
use pamong_domain::request_key::RequestKey;
use pamong_domain::validate::note;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{client, ks_placement, ks_session, work_site};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{client_of, sentence, site_at};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::policy::{self, CaseAt};
use crate::request_keys;

/// A placement with its client and current site, as the policy needs them.
struct Context {
    placement: ks_placement::Model,
    at: CaseAt,
    client: client::Model,
    site: work_site::Model,
}

async fn context<C: ConnectionTrait>(db: &C, placement_id: i32) -> ServiceResult<Context> {
    let placement =
        ks_placement::Entity::find_by_id(placement_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let (client, at) = client_of(db, &placement).await?;
    let site = work_site::Entity::find_by_id(placement.site_id)
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    Ok(Context { placement, at, client, site })
}

/// Checks `draft` against the placement's ledger, leaving out the session `except` (the one
/// being corrected): not before the start, at most 8 hours that day, never past the sentence.
async fn check<C: ConnectionTrait>(
    db: &C,
    placement: &ks_placement::Model,
    draft: &SessionDraft,
    except: Option<i32>,
) -> ServiceResult<()> {
    if draft.date < placement.start_on {
        return Err(ErrorKind::field("held_on", Problem::BeforeStart).into());
    }
    if draft.minutes() == 0 {
        return Ok(());
    }
    let rows =
        ks_session::Entity::find().filter(ks_session::Column::PlacementId.eq(placement.id)).all(db).await?;
    let counted = |s: &&ks_session::Model| Some(s.id) != except;
    let minutes = |s: &ks_session::Model| u32::try_from(s.minutes).unwrap_or(0);
    let done = rows.iter().filter(counted).map(minutes).sum();
    let that_day = rows.iter().filter(counted).filter(|s| s.held_on == draft.date).map(minutes).sum();
    check_session(&sentence(placement), done, that_day, draft.minutes())
        .map_err(|(field, problem)| ErrorKind::field(field, problem).into())
}

/// Sets a session's recorded fields from `draft`.
fn fill(model: &mut ks_session::ActiveModel, draft: &SessionDraft) {
    model.held_on = Set(draft.date);
    model.minutes = Set(i32::try_from(draft.minutes()).unwrap_or(0));
    match &draft.entry {
        SessionEntry::Worked { arrival, departure, break_minutes, work_done, ratings, .. } => {
            model.arrival = Set(Some(*arrival));
            model.departure = Set(Some(*departure));
            model.break_minutes = Set(i32::try_from(*break_minutes).unwrap_or(0));
            model.work_done = Set(work_done.clone());
            model.attendance = Set(Some(i16::from(ratings.attendance)));
            model.effort = Set(Some(i16::from(ratings.effort)));
            model.behaviour = Set(Some(i16::from(ratings.behaviour)));
            model.absent = Set(false);
            model.absence_reason = Set(None);
            model.absence_accepted = Set(None);
        }
        SessionEntry::Absent { reason, accepted } => {
            model.arrival = Set(None);
            model.departure = Set(None);
            model.break_minutes = Set(0);
            model.work_done = Set(None);
            model.attendance = Set(None);
            model.effort = Set(None);
            model.behaviour = Set(None);
            model.absent = Set(true);
            model.absence_reason = Set(Some(reason.clone()));
            model.absence_accepted = Set(Some(*accepted));
        }
    }
}

/// Records a session of an active placement, once per `key`: by the site's supervisor
/// (signed off at once) or by the client's PK (waiting for sign-off).
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    placement: Uuid,
    form: &SessionForm,
    key: Option<&RequestKey>,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let id = super::placement(&txn, placement).await?.id;
    let Context { placement: p, at, client, site } = context(&txn, id).await?;
    let here = site_at(&site);
    if !policy::can_record_hours(actor, at, here) {
        return Err(ServiceError::not_found());
    }
    if p.status != PlacementStatus::Aktif.as_str() {
        return Err(ErrorKind::Conflict.into());
    }
    if !request_keys::first_use(&txn, actor, key, "ks_session", now).await? {
        // Sent before (an outbox replay, a double tap): it is recorded already.
        return Ok(());
    }
    check(&txn, &p, &draft, None).await?;
    // A site whose supervisor has no account signs on paper: the officer who enters the
    // session from that timesheet attests it, and it counts at once.
    let signs = policy::can_sign_off(actor, here) || site.supervisor_id.is_none();
    let by_officer = !policy::can_sign_off(actor, here);
    let mut model = ks_session::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        placement_id: Set(p.id),
        site_id: Set(site.id),
        recorded_by: Set(actor.user_key()),
        by_officer: Set(by_officer),
        signed_off_by: Set(if signs { actor.user_key() } else { None }),
        signed_off_at: Set(signs.then_some(now)),
        correction: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    fill(&mut model, &draft);
    let s = model.insert(&txn).await?;
    let changes = Changes::of_client(&client)
        .set("placement", &p.public_id)
        .set("date", &s.held_on)
        .set("minutes", &s.minutes)
        .set("absent", &s.absent)
        .set("signed_off", &signs);
    audit::record(&txn, actor, now, "create", "ks_session", &s.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

async fn session<C: ConnectionTrait>(db: &C, id: Uuid) -> ServiceResult<ks_session::Model> {
    ks_session::Entity::find()
        .filter(ks_session::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)
}

/// The site's supervisor signs off a session the PK recorded. Signing off twice is once.
pub async fn sign_off(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let s = session(&txn, id).await?;
    let site =
        work_site::Entity::find_by_id(s.site_id).one(&txn).await?.ok_or_else(ServiceError::not_found)?;
    if !policy::can_sign_off(actor, site_at(&site)) {
        return Err(ServiceError::not_found());
    }
    if s.signed_off_at.is_some() {
        return Ok(());
    }
    let Context { client, .. } = context(&txn, s.placement_id).await?;
    let mut model: ks_session::ActiveModel = s.into();
    model.signed_off_by = Set(actor.user_key());
    model.signed_off_at = Set(Some(now));
    model.updated_at = Set(now);
    model.update(&txn).await?;
    audit::record(&txn, actor, now, "sign_off", "ks_session", &id.to_string(), &Changes::of_client(&client))
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Corrects a session: whoever may record it. A signed-off session needs a reason, which is
/// kept with it and audited with the change; it stays signed off.
pub async fn correct(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &SessionForm,
    reason: &str,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let draft = form.parse(today)?;
    let reason = note("reason", reason, 1000)?;
    let txn = begin_write(db).await?;
    let s = session(&txn, id).await?;
    let Context { placement: p, at, client, site } = context(&txn, s.placement_id).await?;
    if !policy::can_record_hours(actor, at, site_at(&site)) {
        return Err(ServiceError::not_found());
    }
    let signed = s.signed_off_at.is_some();
    if signed && reason.is_none() {
        return Err(ErrorKind::field("reason", Problem::Required).into());
    }
    check(&txn, &p, &draft, Some(s.id)).await?;
    let before = (s.held_on, s.minutes, s.absent);
    let mut model: ks_session::ActiveModel = s.into();
    fill(&mut model, &draft);
    model.correction = Set(reason.clone());
    model.updated_at = Set(now);
    let after = model.update(&txn).await?;
    let changes = Changes::of_client(&client)
        .diff("date", &before.0, &after.held_on)
        .diff("minutes", &before.1, &after.minutes)
        .diff("absent", &before.2, &after.absent)
        .set("signed_off", &signed)
        .text("reason", &reason);
    audit::record(&txn, actor, now, "correct", "ks_session", &id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}
