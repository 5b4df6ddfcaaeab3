//! The Litmas of a child's case: the request (which starts the 3×24 h clock), drafting from
//! the template, submission, the Kabapas's review, and delivery (which stops the clock).

use std::collections::HashMap;

use pamong_domain::abh::case::case_rules;
use pamong_domain::abh::clock::{Clock, ClockKind, litmas_due};
use pamong_domain::abh::litmas::{
    LitmasContent, LitmasKind, LitmasRequestForm, LitmasStatus, LitmasView, Requester, TemplateFacts,
    instant_field, template,
};
use pamong_domain::caseload::PersonRef;
use pamong_domain::error::{ErrorKind, FieldErrors, Problem};
use pamong_domain::logs::ExportKind;
use pamong_domain::privacy::disclose;
use pamong_entity::{abh_case, abh_litmas, client};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{CaseFound, find_case, find_case_editable, zone_of};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::people;
use crate::db::{begin_write, update_if};
use crate::error::{ServiceError, ServiceResult};
use crate::exports::{self, Export};
use crate::policy::{self, CaseAt};
use crate::privacy;

/// Records a Litmas request on the child's case and drafts it from the template of its
/// kind; returns the Litmas id.
pub async fn request(
    db: &DatabaseConnection,
    actor: &Actor,
    client_id: Uuid,
    form: &LitmasRequestForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let txn = begin_write(db).await?;
    let found = find_case_editable(&txn, actor, client_id).await?;
    let draft = form.parse(found.zone, now)?;
    let case = &found.case;
    let rules = case_rules(
        found.client.birth_date,
        case.offence_date,
        u32::try_from(case.max_penalty_months).unwrap_or(0),
        case.repeat_offence,
        None,
    )
    .ok_or_else(|| ServiceError::Internal("offence before birth".into()))?;
    let content = template(
        draft.kind,
        &TemplateFacts {
            age: rules.age_at_offence,
            route: rules.route,
            offence: case.offence.clone(),
            max_penalty_months: u32::try_from(case.max_penalty_months).unwrap_or(0),
            diversion_mandatory: rules.diversion_mandatory,
        },
    );
    let public_id = Uuid::now_v7();
    let row = abh_litmas::ActiveModel {
        public_id: Set(public_id),
        case_id: Set(case.id),
        requester: Set(draft.requester.as_str().into()),
        kind: Set(draft.kind.as_str().into()),
        letter_number: Set(draft.letter_number),
        received_at: Set(draft.received_at),
        due_at: Set(litmas_due(draft.received_at)),
        status: Set(LitmasStatus::Draf.as_str().into()),
        personal_family: Set(content.personal_family),
        background: Set(content.background),
        victim_condition: Set(content.victim_condition),
        diversion_record: Set(content.diversion_record),
        recommendation: Set(content.recommendation),
        review_note: Set(None),
        author_id: Set(actor.user_key()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::of_client(&found.client)
        .set("case", &found.client.register_number)
        .set("requester", &row.requester)
        .set("kind", &row.kind)
        .set("received_at", &row.received_at.to_string());
    audit::record(&txn, actor, now, "create", "litmas", &public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(public_id)
}

/// A Litmas with its case.
struct LitmasFound {
    row: abh_litmas::Model,
    case: CaseFound,
}

async fn locate<C: ConnectionTrait>(db: &C, actor: &Actor, id: Uuid) -> ServiceResult<LitmasFound> {
    let row = abh_litmas::Entity::find()
        .filter(abh_litmas::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let case =
        abh_case::Entity::find_by_id(row.case_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let child =
        client::Entity::find_by_id(case.client_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let case = find_case(db, actor, child.public_id).await?;
    Ok(LitmasFound { row, case })
}

fn status(row: &abh_litmas::Model) -> LitmasStatus {
    LitmasStatus::parse(&row.status).unwrap_or(LitmasStatus::Draf)
}

/// The Litmas views of a case (already loaded), for the case page or one Litmas's page.
pub(crate) async fn views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    found: &CaseFound,
    rows: Vec<abh_litmas::Model>,
    names: &HashMap<i32, PersonRef>,
    now: OffsetDateTime,
) -> ServiceResult<Vec<LitmasView>> {
    let letterhead = crate::offices::letterhead(db, found.client.bapas_id).await?;
    let editor = policy::can_edit_client(actor, found.at);
    let reviewer = policy::can_review_litmas(actor, found.at);
    Ok(rows
        .into_iter()
        .map(|row| {
            let status = status(&row);
            let name = |id: Option<i32>| id.and_then(|id| names.get(&id)).map(|p| p.name.clone());
            let content = LitmasContent {
                personal_family: row.personal_family.clone(),
                background: row.background.clone(),
                victim_condition: row.victim_condition.clone(),
                diversion_record: row.diversion_record.clone(),
                recommendation: row.recommendation.clone(),
            };
            LitmasView {
                id: row.public_id,
                client_id: found.client.public_id,
                register_number: found.client.register_number.clone(),
                child_label: found.client.full_name.clone(),
                masked: false,
                requester: Requester::parse(&row.requester).unwrap_or(Requester::Penyidik),
                kind: LitmasKind::parse(&row.kind).unwrap_or(LitmasKind::Sidang),
                letter_number: row.letter_number.clone(),
                received_at: row.received_at,
                clock: Clock::new(ClockKind::Litmas, row.due_at, row.delivered_at, now),
                status,
                content,
                review_note: row.review_note.clone(),
                author: name(row.author_id),
                approved: row.approved_at.and_then(|at| name(row.approved_by).map(|n| (n, at))),
                delivered_at: row.delivered_at,
                office: letterhead.clone(),
                can_edit: editor && status == LitmasStatus::Draf,
                can_review: reviewer && status == LitmasStatus::Diajukan,
                can_deliver: editor && status == LitmasStatus::Disetujui,
            }
        })
        .collect())
}

/// One Litmas, if the actor may read its case; the view is logged as a view of the child's
/// record. Masked viewers see the request and its clock, not the text.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<LitmasView> {
    Ok(read(db, actor, id, now).await?.0)
}

async fn read(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<(LitmasView, CaseAt)> {
    let LitmasFound { row, case } = locate(db, actor, id).await?;
    privacy::log(db, actor, "litmas", &case.client, None, now).await?;
    let names = people(db, [row.author_id, row.approved_by].into_iter().flatten().collect()).await?;
    let view =
        views(db, actor, &case, vec![row], &names, now).await?.pop().ok_or_else(ServiceError::not_found)?;
    Ok((disclose(view, case.identity_for(actor)), case.at))
}

/// An approved (or delivered) Litmas for printing on the letterhead, for whoever reads the
/// child's identity; the view is access-logged and the print written to the export log.
/// A masked reader, or a Litmas not yet approved, finds nothing to print.
pub async fn for_print(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<LitmasView> {
    let (view, at) = read(db, actor, id, now).await?;
    if view.masked || !matches!(view.status, LitmasStatus::Disetujui | LitmasStatus::Diserahkan) {
        return Err(ServiceError::not_found());
    }
    let export = Export {
        kind: ExportKind::Litmas,
        filter: &view.register_number,
        rows: 1,
        bapas: Some(at.bapas_id),
        kanwil: Some(at.kanwil_id),
    };
    exports::record(db, actor, export, now).await?;
    Ok(view)
}

/// What a step of the Litmas needs to be allowed.
fn allowed(found: &LitmasFound, actor: &Actor, step: Step) -> bool {
    let at: CaseAt = found.case.at;
    let editor = policy::can_edit_client(actor, at);
    match (step, status(&found.row)) {
        (Step::Edit, LitmasStatus::Draf) => editor,
        (Step::Review, LitmasStatus::Diajukan) => policy::can_review_litmas(actor, at),
        (Step::Deliver, LitmasStatus::Disetujui) => editor,
        _ => false,
    }
}

#[derive(Clone, Copy)]
enum Step {
    Edit,
    Review,
    Deliver,
}

async fn step(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    step: Step,
) -> ServiceResult<(LitmasFound, sea_orm::DatabaseTransaction)> {
    let txn = begin_write(db).await?;
    let found = locate(&txn, actor, id).await?;
    if !allowed(&found, actor, step) {
        return Err(ErrorKind::Conflict.into());
    }
    Ok((found, txn))
}

fn set_content(model: &mut abh_litmas::ActiveModel, content: &LitmasContent) {
    model.personal_family = Set(content.personal_family.clone());
    model.background = Set(content.background.clone());
    model.victim_condition = Set(content.victim_condition.clone());
    model.diversion_record = Set(content.diversion_record.clone());
    model.recommendation = Set(content.recommendation.clone());
}

/// Saves a draft; with `submit`, checks it is complete and sends it to the Kabapas.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    content: &LitmasContent,
    submit: bool,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    if submit {
        content.check_complete()?;
    } else {
        content.check_draft()?;
    }
    let (found, txn) = step(db, actor, id, Step::Edit).await?;
    let expected = found.row.status.clone();
    let mut model: abh_litmas::ActiveModel = found.row.into();
    set_content(&mut model, content);
    model.updated_at = Set(now);
    let mut changes = Changes::of_client(&found.case.client).redacted("content");
    if submit {
        model.status = Set(LitmasStatus::Diajukan.as_str().into());
        model.submitted_at = Set(Some(now));
        changes = changes.diff("status", &LitmasStatus::Draf.as_str(), &LitmasStatus::Diajukan.as_str());
    }
    update_if(&txn, model, abh_litmas::Column::Status, expected).await?;
    audit::record(
        &txn,
        actor,
        now,
        if submit { "submit" } else { "update" },
        "litmas",
        &id.to_string(),
        &changes,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The Kabapas approves a submitted Litmas, or returns it to the PK with a note.
pub async fn review(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    approve: bool,
    note: &str,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let note = note.trim();
    if !approve && note.is_empty() {
        return Err(ErrorKind::field("note", Problem::Required).into());
    }
    if note.chars().count() > 2000 {
        return Err(ErrorKind::field("note", Problem::TooLong { max: 2000 }).into());
    }
    let (found, txn) = step(db, actor, id, Step::Review).await?;
    let next = if approve { LitmasStatus::Disetujui } else { LitmasStatus::Draf };
    let expected = found.row.status.clone();
    let mut model: abh_litmas::ActiveModel = found.row.into();
    model.status = Set(next.as_str().into());
    model.review_note = Set((!note.is_empty()).then(|| note.to_owned()));
    if approve {
        model.approved_by = Set(actor.user_key());
        model.approved_at = Set(Some(now));
    }
    model.updated_at = Set(now);
    update_if(&txn, model, abh_litmas::Column::Status, expected).await?;
    let changes = Changes::of_client(&found.case.client).diff(
        "status",
        &LitmasStatus::Diajukan.as_str(),
        &next.as_str(),
    );
    audit::record(
        &txn,
        actor,
        now,
        if approve { "approve" } else { "return" },
        "litmas",
        &id.to_string(),
        &changes,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records the delivery of an approved Litmas at `at` (office time): the clock stops there.
pub async fn deliver(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    at: &str,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let (found, txn) = step(db, actor, id, Step::Deliver).await?;
    let zone = zone_of(&txn, found.case.client.bapas_id).await?;
    let mut errors = FieldErrors::new();
    let delivered = instant_field(&mut errors, "delivered_at", at, zone, now);
    let delivered = match delivered {
        Some(d) if d < found.row.received_at => {
            return Err(ErrorKind::field("delivered_at", Problem::BeforeStart).into());
        }
        Some(d) => d,
        None => return Err(ErrorKind::Invalid(errors).into()),
    };
    let expected = found.row.status.clone();
    let mut model: abh_litmas::ActiveModel = found.row.into();
    model.status = Set(LitmasStatus::Diserahkan.as_str().into());
    model.delivered_at = Set(Some(delivered));
    model.updated_at = Set(now);
    update_if(&txn, model, abh_litmas::Column::Status, expected).await?;
    let changes = Changes::of_client(&found.case.client)
        .diff("status", &LitmasStatus::Disetujui.as_str(), &LitmasStatus::Diserahkan.as_str())
        .set("delivered_at", &delivered.to_string());
    audit::record(&txn, actor, now, "deliver", "litmas", &id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}
