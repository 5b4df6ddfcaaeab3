//! What officers record about a client under supervision (reports and home visits, guidance,
//! violations, RRI assessments), and the client's timeline that shows it all in order.

use pamong_domain::caseload::{AssessmentDraft, AssessmentForm, TimelineEntry, TimelineEvent, sort_timeline};
use pamong_domain::client::ClientStatus;
use pamong_domain::legal::LegalBasis;
use pamong_domain::privacy::disclose;
use pamong_domain::reporting::RiskBand;
use pamong_domain::request_key::RequestKey;
use pamong_domain::rri::{Instrument, Score};
use pamong_domain::supervision::{
    ActionStatus, GuidanceForm, GuidanceKind, ReportForm, ReportKind, ViolationAction, ViolationForm,
    ViolationKind,
};
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{
    client, client_assessment, client_guidance, client_report, client_status_change, client_violation,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::{Found, find_editable, find_readable, people, reporting_status};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;
use crate::request_keys;

/// Records a report or home visit for an active client, once per `key` (see
/// [`crate::request_keys`]).
pub async fn record_report(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &ReportForm,
    key: Option<&RequestKey>,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let Found { row, .. } = find_editable(&txn, actor, id).await?;
    active(&row)?;
    if !request_keys::first_use(&txn, actor, key, "client_report", now).await? {
        // Sent before (an outbox replay, a double tap): it is recorded already.
        return Ok(());
    }
    if draft.date < row.supervision_start {
        return Err(ErrorKind::field("date", Problem::BeforeStart).into());
    }
    // A position is only kept for home visits: that is what the officer was asked to share.
    let position = draft.position.filter(|_| draft.kind == ReportKind::Kunjungan);
    let report = client_report::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        client_id: Set(row.id),
        kind: Set(draft.kind.as_str().to_owned()),
        report_date: Set(draft.date),
        report_time: Set(draft.time),
        attended: Set(draft.attended),
        notes: Set(draft.notes.clone()),
        latitude: Set(position.map(|p| p.0)),
        longitude: Set(position.map(|p| p.1)),
        officer_id: Set(actor.user_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::of_client(&row)
        .set("client", &row.public_id)
        .set("kind", &report.kind)
        .set("date", &report.report_date)
        .set("attended", &report.attended);
    audit::record(&txn, actor, now, "create", "client_report", &report.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(())
}

fn active(row: &client::Model) -> ServiceResult<()> {
    if row.status == ClientStatus::Aktif.as_str() { Ok(()) } else { Err(ServiceError::not_found()) }
}

/// Records a guidance session, once per `key`.
pub async fn record_guidance(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &GuidanceForm,
    key: Option<&RequestKey>,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let Found { row, .. } = find_editable(&txn, actor, id).await?;
    active(&row)?;
    if !request_keys::first_use(&txn, actor, key, "client_guidance", now).await? {
        // Sent before (an outbox replay, a double tap): it is recorded already.
        return Ok(());
    }
    let g = client_guidance::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        client_id: Set(row.id),
        kind: Set(draft.kind.as_str().to_owned()),
        topic: Set(draft.topic.clone()),
        held_on: Set(draft.date),
        attended: Set(draft.attended),
        notes: Set(draft.notes.clone()),
        officer_id: Set(actor.user_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes =
        Changes::of_client(&row).set("client", &row.public_id).set("kind", &g.kind).text("topic", &g.topic);
    audit::record(&txn, actor, now, "create", "client_guidance", &g.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// Records a violation and the action taken.
pub async fn record_violation(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &ViolationForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let Found { row, .. } = find_editable(&txn, actor, id).await?;
    active(&row)?;
    let basis = LegalBasis::parse(&row.legal_basis).unwrap_or(LegalBasis::Pb);
    let draft = form.parse(today, basis)?;
    let v = client_violation::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        client_id: Set(row.id),
        kind: Set(draft.kind.as_str().to_owned()),
        occurred_on: Set(draft.date),
        description: Set(draft.description.clone()),
        action: Set(draft.action.as_str().to_owned()),
        action_status: Set(draft.action_status.as_str().to_owned()),
        officer_id: Set(actor.user_key()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::of_client(&row)
        .set("client", &row.public_id)
        .set("kind", &v.kind)
        .set("action", &v.action)
        .set("action_status", &v.action_status);
    audit::record(&txn, actor, now, "create", "client_violation", &v.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// What the assessment form needs: the instrument in force.
pub fn instrument() -> Instrument {
    Instrument::part_a_2021()
}

/// Records an RRI assessment: the server scores it again with the instrument in force and
/// stores the version. The client's band changes, and with it, from the assessment day, how
/// often they report.
pub async fn assess(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &AssessmentForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Score> {
    let instrument = instrument();
    let AssessmentDraft { score, date, notes } = form.parse(today, &instrument)?;
    let txn = begin_write(db).await?;
    let Found { row, .. } = find_editable(&txn, actor, id).await?;
    active(&row)?;
    let a = client_assessment::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        client_id: Set(row.id),
        instrument_version: Set(instrument.version.clone()),
        answers: Set(to_json(&form.answers)?),
        needs: Set(to_json(&form.needs)?),
        score: Set(i32::from(score.total)),
        band: Set(score.band.as_str().to_owned()),
        assessed_on: Set(date),
        notes: Set(notes),
        officer_id: Set(actor.user_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Only the latest assessment sets the client's band (the reporting schedule follows
    // from the whole assessment history, see `clients::reporting_status`).
    if row.assessed_on.is_none_or(|last| date >= last) {
        let mut model: client::ActiveModel = row.clone().into();
        model.risk_band = Set(Some(score.band.as_str().to_owned()));
        model.risk_score = Set(Some(i32::from(score.total)));
        model.assessed_on = Set(Some(date));
        model.updated_at = Set(now);
        model.update(&txn).await?;
    }
    let changes = Changes::of_client(&row)
        .set("client", &row.public_id)
        .set("instrument", &a.instrument_version)
        .set("score", &a.score)
        .set("band", &a.band);
    audit::record(&txn, actor, now, "create", "client_assessment", &a.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(score)
}

/// Moves a violation's action along (diusulkan → diproses → selesai), audited.
pub async fn update_violation_status(
    db: &DatabaseConnection,
    actor: &Actor,
    violation: Uuid,
    status: &str,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let status = ActionStatus::parse(status)
        .ok_or_else(|| ServiceError::from(ErrorKind::field("action_status", Problem::BadFormat)))?;
    let txn = begin_write(db).await?;
    let row = client_violation::Entity::find()
        .filter(client_violation::Column::PublicId.eq(violation))
        .one(&txn)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let owner =
        client::Entity::find_by_id(row.client_id).one(&txn).await?.ok_or_else(ServiceError::not_found)?;
    let Found { row: owner, .. } = find_editable(&txn, actor, owner.public_id).await?;
    active(&owner)?;
    let old = row.action_status.clone();
    let mut model: client_violation::ActiveModel = row.into();
    model.action_status = Set(status.as_str().to_owned());
    model.updated_at = Set(now);
    let row = model.update(&txn).await?;
    let changes = Changes::of_client(&owner).diff("action_status", &old, &row.action_status);
    audit::record(&txn, actor, now, "update", "client_violation", &row.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// The JSON text a map of answers is stored as.
fn to_json<T: Serialize>(value: &T) -> ServiceResult<String> {
    serde_json::to_string(value).map_err(|e| ServiceError::Internal(e.to_string()))
}

/// A client's timeline, newest first: reports, misses, guidance, violations, assessments and
/// status changes; a child's, without the notes, positions and reasons, for a viewer without
/// a need to know.
pub async fn timeline(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    today: Date,
) -> ServiceResult<Vec<TimelineEntry>> {
    let Found { row, at } = find_readable(db, actor, id).await?;
    let reports =
        client_report::Entity::find().filter(client_report::Column::ClientId.eq(row.id)).all(db).await?;
    let guidance =
        client_guidance::Entity::find().filter(client_guidance::Column::ClientId.eq(row.id)).all(db).await?;
    let violations = client_violation::Entity::find()
        .filter(client_violation::Column::ClientId.eq(row.id))
        .all(db)
        .await?;
    let assessments = client_assessment::Entity::find()
        .filter(client_assessment::Column::ClientId.eq(row.id))
        .order_by_desc(client_assessment::Column::AssessedOn)
        .all(db)
        .await?;
    let statuses = client_status_change::Entity::find()
        .filter(client_status_change::Column::ClientId.eq(row.id))
        .all(db)
        .await?;
    let officer_ids = reports
        .iter()
        .map(|r| r.officer_id)
        .chain(guidance.iter().map(|g| g.officer_id))
        .chain(violations.iter().map(|v| v.officer_id))
        .chain(assessments.iter().map(|a| a.officer_id))
        .chain(statuses.iter().map(|s| s.officer_id))
        .flatten()
        .collect();
    let names = people(db, officer_ids).await?;
    let officer = |id: Option<i32>| id.and_then(|i| names.get(&i)).map(|p| p.name.clone());

    let mut entries = Vec::new();
    for r in reports {
        entries.push(TimelineEntry {
            date: r.report_date,
            time: Some(r.report_time),
            recorded_at: r.created_at,
            officer: officer(r.officer_id),
            event: TimelineEvent::Report {
                kind: ReportKind::parse(&r.kind).unwrap_or(ReportKind::Kantor),
                attended: r.attended,
                notes: r.notes,
                position: r.latitude.zip(r.longitude),
            },
        });
    }
    for g in guidance {
        entries.push(TimelineEntry {
            date: g.held_on,
            time: None,
            recorded_at: g.created_at,
            officer: officer(g.officer_id),
            event: TimelineEvent::Guidance {
                kind: GuidanceKind::parse(&g.kind).unwrap_or(GuidanceKind::Kepribadian),
                topic: g.topic,
                attended: g.attended,
                notes: g.notes,
            },
        });
    }
    for v in violations {
        entries.push(TimelineEntry {
            date: v.occurred_on,
            time: None,
            recorded_at: v.created_at,
            officer: officer(v.officer_id),
            event: TimelineEvent::Violation {
                id: v.public_id,
                kind: ViolationKind::parse(&v.kind).unwrap_or(ViolationKind::Lainnya),
                description: v.description,
                action: ViolationAction::parse(&v.action).unwrap_or(ViolationAction::Teguran),
                action_status: ActionStatus::parse(&v.action_status).unwrap_or(ActionStatus::Diusulkan),
            },
        });
    }
    for a in assessments {
        entries.push(TimelineEntry {
            date: a.assessed_on,
            time: None,
            recorded_at: a.created_at,
            officer: officer(a.officer_id),
            event: TimelineEvent::Assessment {
                score: u16::try_from(a.score).unwrap_or(0),
                band: RiskBand::parse(&a.band).unwrap_or(RiskBand::Rendah),
                instrument: a.instrument_version,
            },
        });
    }
    for s in statuses {
        let status = ClientStatus::parse(&s.status).unwrap_or(ClientStatus::Aktif);
        let event = if status == ClientStatus::Aktif && s.reason.is_none() {
            TimelineEvent::Started
        } else {
            TimelineEvent::Status { status, reason: s.reason }
        };
        entries.push(TimelineEntry {
            date: s.changed_on,
            time: None,
            recorded_at: s.created_at,
            officer: officer(s.officer_id),
            event,
        });
    }
    entries.extend(crate::reintegration::sessions::timeline_entries(db, row.id).await?);
    if let Some(status) = reporting_status(db, &row, today).await? {
        for due in status.missed {
            let recorded_at = due.midnight().assume_utc();
            entries.push(TimelineEntry {
                date: due,
                time: None,
                recorded_at,
                officer: None,
                event: TimelineEvent::Missed,
            });
        }
    }
    sort_timeline(&mut entries);
    Ok(disclose(entries, policy::identity(actor, at)))
}
