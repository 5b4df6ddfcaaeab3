//! What happens on a child's case: the stage moving on, diversion per stage with its
//! agreement and breach, and the events (meetings, hearings accompanied, referrals).

use pamong_domain::abh::clock::Stage;
use pamong_domain::abh::process::{BreachForm, DiversionForm, DiversionOutcome, EventForm, StageForm};
use pamong_domain::error::{ErrorKind, Problem};
use pamong_entity::{abh_case, abh_diversion, abh_event};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::find_case_editable;
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::ServiceResult;

fn join<T>(items: &[T], text: impl Fn(&T) -> &'static str) -> Option<String> {
    (!items.is_empty()).then(|| items.iter().map(text).collect::<Vec<_>>().join(","))
}

/// Moves the case to a later stage from `trigger` (file received, judge appointed).
pub async fn set_stage(
    db: &DatabaseConnection,
    actor: &Actor,
    client_id: Uuid,
    form: &StageForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let found = find_case_editable(&txn, actor, client_id).await?;
    let current = Stage::parse(&found.case.stage).unwrap_or(Stage::Penyidikan);
    let (stage, trigger) = form.parse(current, today)?;
    let previous = found.case.stage.clone();
    let mut model: abh_case::ActiveModel = found.case.into();
    model.stage = Set(stage.as_str().into());
    match stage {
        Stage::Penuntutan => model.prosecution_received = Set(Some(trigger)),
        Stage::Pengadilan => model.court_appointed = Set(Some(trigger)),
        Stage::Penyidikan => {}
    }
    model.updated_at = Set(now);
    model.update(&txn).await?;
    let changes = Changes::of_client(&found.client)
        .diff("stage", &previous, &stage.as_str().to_owned())
        .set("trigger_date", &trigger);
    audit::record(&txn, actor, now, "update", "abh_case", &client_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// Records or updates the diversion of a stage the case has reached.
pub async fn save_diversion(
    db: &DatabaseConnection,
    actor: &Actor,
    client_id: Uuid,
    form: &DiversionForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let found = find_case_editable(&txn, actor, client_id).await?;
    let current = Stage::parse(&found.case.stage).unwrap_or(Stage::Penyidikan);
    if draft.stage > current {
        return Err(ErrorKind::field("stage", Problem::NotAllowed).into());
    }
    let existing = abh_diversion::Entity::find()
        .filter(abh_diversion::Column::CaseId.eq(found.case.id))
        .filter(abh_diversion::Column::Stage.eq(draft.stage.as_str()))
        .one(&txn)
        .await?;
    let (mut model, action): (abh_diversion::ActiveModel, &str) = match existing {
        Some(row) => (row.into(), "update"),
        None => (
            abh_diversion::ActiveModel {
                case_id: Set(found.case.id),
                stage: Set(draft.stage.as_str().into()),
                created_at: Set(now),
                ..Default::default()
            },
            "create",
        ),
    };
    model.started_on = Set(draft.started_on);
    model.finished_on = Set(draft.finished.map(|(d, _)| d));
    model.outcome = Set(draft.finished.map(|(_, o)| o.as_str().to_owned()));
    model.agreement_forms = Set(join(&draft.agreement_forms, |f| f.as_str()));
    model.agreement_months = Set(draft.agreement_months.and_then(|m| i32::try_from(m).ok()));
    model.notes = Set(draft.notes);
    model.updated_at = Set(now);
    model.save(&txn).await?;
    let changes = Changes::of_client(&found.client)
        .set("stage", &draft.stage.as_str())
        .set("started_on", &draft.started_on)
        .set("outcome", &draft.finished.map(|(_, o)| o.as_str()));
    audit::record(&txn, actor, now, action, "abh_diversion", &client_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// The PK reports a breach of the agreement reached at a stage (`acted` false), or records
/// the official's action on it (`acted` true), which stops the 7-day clock.
pub async fn record_breach(
    db: &DatabaseConnection,
    actor: &Actor,
    client_id: Uuid,
    form: &BreachForm,
    acted: bool,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let found = find_case_editable(&txn, actor, client_id).await?;
    let draft = form.parse(found.zone, now)?;
    let row = abh_diversion::Entity::find()
        .filter(abh_diversion::Column::CaseId.eq(found.case.id))
        .filter(abh_diversion::Column::Stage.eq(draft.stage.as_str()))
        .filter(abh_diversion::Column::Outcome.eq(DiversionOutcome::Sepakat.as_str()))
        .one(&txn)
        .await?
        .ok_or_else(|| ErrorKind::field("stage", Problem::UnknownReference))?;
    let breach_at = row.breach_at;
    let mut model: abh_diversion::ActiveModel = row.into();
    if acted {
        match breach_at {
            Some(reported) if draft.at >= reported => {}
            Some(_) => return Err(ErrorKind::field("at", Problem::BeforeStart).into()),
            None => return Err(ErrorKind::field("stage", Problem::UnknownReference).into()),
        }
        model.action_at = Set(Some(draft.at));
        model.action_notes = Set(Some(draft.notes));
    } else {
        model.breach_at = Set(Some(draft.at));
        model.breach_notes = Set(Some(draft.notes));
    }
    model.updated_at = Set(now);
    model.update(&txn).await?;
    let changes = Changes::of_client(&found.client)
        .set("stage", &draft.stage.as_str())
        .set("at", &draft.at.to_string());
    let action = if acted { "breach_action" } else { "breach_report" };
    audit::record(&txn, actor, now, action, "abh_diversion", &client_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// Records a meeting, an accompanied hearing or a referral on the case.
pub async fn add_event(
    db: &DatabaseConnection,
    actor: &Actor,
    client_id: Uuid,
    form: &EventForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let found = find_case_editable(&txn, actor, client_id).await?;
    let public_id = Uuid::now_v7();
    abh_event::ActiveModel {
        public_id: Set(public_id),
        case_id: Set(found.case.id),
        kind: Set(draft.kind.as_str().into()),
        event_date: Set(draft.date),
        stage: Set(draft.stage.as_str().into()),
        place: Set(draft.place),
        parties: Set(join(&draft.parties, |p| p.as_str())),
        partner_kind: Set(draft.partner.as_ref().map(|(k, _)| k.as_str().to_owned())),
        partner_name: Set(draft.partner.map(|(_, n)| n)),
        notes: Set(draft.notes),
        author_id: Set(actor.user_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::of_client(&found.client)
        .set("case", &found.client.register_number)
        .set("kind", &draft.kind.as_str());
    audit::record(&txn, actor, now, "create", "abh_event", &public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}
