//! Action plans: the Kabapas writes the office's plans and their objectives (drawn from the
//! needs map: how many clients need each item today); the office's staff, the Kanwil and the
//! admin read them. Each objective's progress is counted on reading, from the checklist
//! changes of the office's clients — through the referral's partner or the enrolment's
//! programme that moved each one — never typed.

use std::collections::HashMap;

use pamong_domain::caseload::PersonRef;
use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_domain::reintegration::action_plan::{
    Change, Moved, ObjectiveForm, ObjectiveView, OfficePlans, PlanChoices, PlanForm, PlanView, Rule, progress,
};
use pamong_domain::reintegration::checklist::{NeedItem, NeedState};
use pamong_domain::reintegration::needs_map::count;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{
    action_objective, action_plan, bapas, client, client_need, partner, programme, programme_enrolment,
    referral, user,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::{BapasId, KanwilId};
use crate::policy;
use crate::search::office_condition;

/// Most plans an office's page lists (the latest).
const PLANS_MAX: u64 = 12;

/// The offices whose figures the actor reads, by name (none for an office's own staff).
pub(crate) async fn figure_offices<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> ServiceResult<Vec<bapas::Model>> {
    let scope = policy::figures_scope(actor);
    if scope.is_empty() {
        return Ok(Vec::new());
    }
    Ok(bapas::Entity::find()
        .filter(office_condition(db, scope, bapas::Column::Id).await?)
        .filter(bapas::Column::Active.eq(true))
        .order_by_asc(bapas::Column::Name)
        .all(db)
        .await?)
}

/// The office the actor asks for (their own, or the first they read, when none), if they
/// may read its plans.
pub(crate) async fn office_for<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    office: Option<Uuid>,
    readable: &[bapas::Model],
) -> ServiceResult<bapas::Model> {
    let row = match (office, actor.bapas_id) {
        (Some(id), _) => bapas::Entity::find().filter(bapas::Column::PublicId.eq(id)).one(db).await?,
        (None, Some(b)) => bapas::Entity::find_by_id(b.get()).one(db).await?,
        (None, None) => readable.first().cloned(),
    }
    .ok_or_else(ServiceError::not_found)?;
    if policy::can_read_plans(actor, BapasId(row.id), KanwilId(row.kanwil_id)) {
        Ok(row)
    } else {
        Err(ServiceError::not_found())
    }
}

/// The checklist changes of the office's clients, in the order made, with what moved each.
async fn changes<C: ConnectionTrait>(db: &C, bapas_id: i32) -> ServiceResult<Vec<Change>> {
    let clients: Vec<i32> = client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .filter(client::Column::BapasId.eq(bapas_id))
        .into_tuple()
        .all(db)
        .await?;
    let rows = client_need::Entity::find()
        .filter(client_need::Column::ClientId.is_in(clients))
        .order_by_asc(client_need::Column::Id)
        .all(db)
        .await?;
    let referrals: HashMap<i32, i32> = referral::Entity::find()
        .filter(referral::Column::Id.is_in(rows.iter().filter_map(|r| r.referral_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.partner_id))
        .collect();
    let enrolments: HashMap<i32, i32> = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::Id.is_in(rows.iter().filter_map(|r| r.enrolment_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.programme_id))
        .collect();
    let programmes: HashMap<i32, Option<i32>> = programme::Entity::find()
        .filter(programme::Column::Id.is_in(enrolments.values().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.partner_id))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let by = match (
                r.referral_id.and_then(|id| referrals.get(&id)),
                r.enrolment_id.and_then(|id| enrolments.get(&id)),
            ) {
                (Some(&partner), _) => Moved::Referral { partner },
                (None, Some(&programme)) => {
                    Moved::Enrolment { programme, partner: programmes.get(&programme).copied().flatten() }
                }
                (None, None) => Moved::Marked,
            };
            Some(Change {
                client: r.client_id,
                item: NeedItem::parse(&r.item)?,
                state: NeedState::parse(&r.state)?,
                on: r.changed_on,
                by,
            })
        })
        .collect())
}

/// Plans as the actor sees them, with each objective's progress as of `today`.
pub(super) async fn views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    b: &bapas::Model,
    plans: Vec<action_plan::Model>,
    today: Date,
) -> ServiceResult<Vec<PlanView>> {
    let objectives = action_objective::Entity::find()
        .filter(action_objective::Column::PlanId.is_in(plans.iter().map(|p| p.id)))
        .order_by_asc(action_objective::Column::Id)
        .all(db)
        .await?;
    let changes = if objectives.is_empty() { Vec::new() } else { changes(db, b.id).await? };
    let partners =
        crate::partners::names(db, objectives.iter().filter_map(|o| o.partner_id).collect()).await?;
    let programmes: HashMap<i32, programme::Model> = programme::Entity::find()
        .filter(programme::Column::Id.is_in(objectives.iter().filter_map(|o| o.programme_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let owners = crate::clients::people(db, objectives.iter().filter_map(|o| o.owner_id).collect()).await?;
    let bapas = PersonRef { id: b.public_id, name: b.name.clone() };
    let can_edit = policy::can_keep_plans(actor, BapasId(b.id));
    Ok(plans
        .into_iter()
        .map(|p| PlanView {
            id: p.public_id,
            bapas: bapas.clone(),
            objectives: objectives
                .iter()
                .filter(|o| o.plan_id == p.id)
                .filter_map(|o| {
                    let item = NeedItem::parse(&o.item)?;
                    let rule = Rule {
                        item,
                        partner: o.partner_id,
                        programme: o.programme_id,
                        from: p.starts_on,
                        until: o.due_on,
                    };
                    let target = u32::try_from(o.target).unwrap_or(0);
                    Some(ObjectiveView {
                        id: o.public_id,
                        title: o.title.clone(),
                        item,
                        partner: o.partner_id.and_then(|id| partners.get(&id)).map(|(_, n)| n.clone()),
                        programme: o
                            .programme_id
                            .and_then(|id| programmes.get(&id))
                            .map(|x| PersonRef { id: x.public_id, name: x.name.clone() }),
                        owner: o.owner_id.and_then(|id| owners.get(&id)).map(|x| x.name.clone()),
                        due_on: o.due_on,
                        progress: progress(&rule, target, &changes, today),
                    })
                })
                .collect(),
            title: p.title,
            starts_on: p.starts_on,
            ends_on: p.ends_on,
            can_edit,
            as_of: today,
        })
        .collect())
}

/// What the objective form offers for the office.
async fn choices<C: ConnectionTrait>(db: &C, bapas_id: i32, today: Date) -> ServiceResult<PlanChoices> {
    let partners = partner::Entity::find()
        .filter(partner::Column::BapasId.eq(bapas_id))
        .filter(partner::Column::Active.eq(true))
        .order_by_asc(partner::Column::NameFolded)
        .all(db)
        .await?
        .into_iter()
        .map(|p| PersonRef { id: p.public_id, name: p.name })
        .collect();
    let programmes = programme::Entity::find()
        .filter(programme::Column::BapasId.eq(bapas_id))
        .filter(programme::Column::Active.eq(true))
        .order_by_asc(programme::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|p| PersonRef { id: p.public_id, name: p.name })
        .collect();
    let owners = user::Entity::find()
        .filter(user::Column::BapasId.eq(bapas_id))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in(policy::OBJECTIVE_OWNERS.map(|r| r.as_str())))
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .map(|u| PersonRef { id: u.public_id, name: u.full_name })
        .collect();
    // Open needs today per item: the office's needs map, which the objective is drawn from.
    let map = count(&super::needs_map::facts(db, bapas_id).await?, today);
    let open_needs = map.items.iter().map(|c| (c.item, c.open())).collect();
    Ok(PlanChoices { partners, programmes, owners, open_needs })
}

/// An office's plans (the actor's own office when none is named), the latest first.
pub async fn of_office(
    db: &DatabaseConnection,
    actor: &Actor,
    office: Option<Uuid>,
    today: Date,
) -> ServiceResult<OfficePlans> {
    let readable = figure_offices(db, actor).await?;
    let b = office_for(db, actor, office, &readable).await?;
    let plans = action_plan::Entity::find()
        .filter(action_plan::Column::BapasId.eq(b.id))
        .order_by_desc(action_plan::Column::StartsOn)
        .order_by_desc(action_plan::Column::Id)
        .limit(PLANS_MAX)
        .all(db)
        .await?;
    let can_edit = policy::can_keep_plans(actor, BapasId(b.id));
    let choices = if can_edit { choices(db, b.id, today).await? } else { PlanChoices::default() };
    let plans = views(db, actor, &b, plans, today).await?;
    let offices = readable
        .into_iter()
        .filter(|o| o.id != b.id)
        .map(|o| PersonRef { id: o.public_id, name: o.name })
        .collect();
    Ok(OfficePlans { bapas: PersonRef { id: b.public_id, name: b.name }, plans, can_edit, choices, offices })
}

/// An office's plans as [`of_office`] reads them, for a download in `format` (one row per
/// objective); written to the export log with the office's name.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    office: Option<Uuid>,
    format: ExportFormat,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<OfficePlans> {
    let plans = of_office(db, actor, office, today).await?;
    let rows = plans.plans.iter().map(|p| p.objectives.len().max(1)).sum();
    let asked = [("kantor", plans.bapas.name.as_str())];
    crate::exports::record_log_download(db, actor, ExportKind::ActionPlanList, &asked, rows, format, now)
        .await?;
    Ok(plans)
}

/// Writes a plan for the Kabapas's office.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &PlanForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let Some(office) = actor.bapas_id.filter(|b| policy::can_keep_plans(actor, *b)) else {
        return Err(ServiceError::not_found());
    };
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let saved = action_plan::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        bapas_id: Set(office.get()),
        title: Set(draft.title.clone()),
        starts_on: Set(draft.starts_on),
        ends_on: Set(draft.ends_on),
        created_by: Set(actor.user_key()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::at_office(office.get())
        .set("title", &draft.title)
        .set("starts_on", &draft.starts_on.to_string())
        .set("ends_on", &draft.ends_on.to_string());
    audit::record(&txn, actor, now, "create", "action_plan", &saved.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(saved.public_id)
}

/// Adds an objective to a plan of the Kabapas's office: the partner, programme and owner
/// must be the office's.
pub async fn add_objective(
    db: &DatabaseConnection,
    actor: &Actor,
    plan: Uuid,
    form: &ObjectiveForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let txn = begin_write(db).await?;
    let p = action_plan::Entity::find()
        .filter(action_plan::Column::PublicId.eq(plan))
        .one(&txn)
        .await?
        .filter(|p| policy::can_keep_plans(actor, BapasId(p.bapas_id)))
        .ok_or_else(ServiceError::not_found)?;
    let draft = form.parse(p.starts_on, p.ends_on)?;
    let unknown = |field: &str| ServiceError::from(ErrorKind::field(field, Problem::UnknownReference));
    let partner_id = match draft.partner_id {
        Some(id) => Some(
            partner::Entity::find()
                .filter(partner::Column::PublicId.eq(id))
                .filter(partner::Column::BapasId.eq(p.bapas_id))
                .one(&txn)
                .await?
                .ok_or_else(|| unknown("partner_id"))?
                .id,
        ),
        None => None,
    };
    let programme_id = match draft.programme_id {
        Some(id) => Some(
            programme::Entity::find()
                .filter(programme::Column::PublicId.eq(id))
                .filter(programme::Column::BapasId.eq(p.bapas_id))
                .one(&txn)
                .await?
                .ok_or_else(|| unknown("programme_id"))?
                .id,
        ),
        None => None,
    };
    let owner_id = match draft.owner_id {
        Some(id) => Some(
            user::Entity::find()
                .filter(user::Column::PublicId.eq(id))
                .filter(user::Column::BapasId.eq(p.bapas_id))
                .filter(user::Column::Role.is_in(policy::OBJECTIVE_OWNERS.map(|r| r.as_str())))
                .one(&txn)
                .await?
                .ok_or_else(|| unknown("owner_id"))?
                .id,
        ),
        None => None,
    };
    let saved = action_objective::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        plan_id: Set(p.id),
        title: Set(draft.title.clone()),
        item: Set(draft.item.as_str().to_owned()),
        target: Set(i32::try_from(draft.target).unwrap_or(i32::MAX)),
        partner_id: Set(partner_id),
        programme_id: Set(programme_id),
        owner_id: Set(owner_id),
        due_on: Set(draft.due_on),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::new()
        .set("plan", &p.public_id)
        .set("title", &draft.title)
        .set("item", &draft.item.as_str())
        .set("target", &draft.target)
        .set("partner", &draft.partner_id)
        .set("programme", &draft.programme_id)
        .set("due_on", &draft.due_on.to_string());
    audit::record(&txn, actor, now, "create", "action_objective", &saved.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(saved.public_id)
}
