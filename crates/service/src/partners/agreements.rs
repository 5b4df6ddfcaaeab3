//! Cooperation agreements (PKS) between a Bapas and a partner: listed with their status on
//! the office's day, changed, ended early, renewed (the renewal points at what it renews,
//! so the history stays), and the reminders before they expire.

use pamong_domain::agreements::{
    AgreementForm, AgreementView, Reminder, TerminationForm, days_left, reminder, status_on,
};
use pamong_domain::caseload::PersonRef;
use pamong_domain::office::OfficeRef;
use pamong_domain::partners::Choice;
use pamong_entity::{agreement, bapas, partner};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{codes_column, find_readable, in_scope, scope_condition, service_choices, split};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult, unique_to_field};
use crate::ids::BapasId;
use crate::policy;
use crate::settings::{self, ChoiceList};

async fn views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<agreement::Model>,
    today: Date,
) -> ServiceResult<Vec<AgreementView>> {
    let catalogue: Vec<Choice> = settings::choices(db, ChoiceList::PartnerServices).await?;
    let partners = super::names(db, rows.iter().map(|r| r.partner_id).collect()).await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let prev_ids: Vec<i32> = rows.iter().filter_map(|r| r.previous_id).collect();
    let renewals: Vec<agreement::Model> =
        agreement::Entity::find().filter(agreement::Column::PreviousId.is_in(ids)).all(db).await?;
    let previous: Vec<agreement::Model> =
        agreement::Entity::find().filter(agreement::Column::Id.is_in(prev_ids)).all(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let office =
            bapas::Entity::find_by_id(r.bapas_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
        let (partner_id, partner_name) =
            partners.get(&r.partner_id).cloned().unwrap_or((Uuid::nil(), String::new()));
        out.push(AgreementView {
            id: r.public_id,
            partner: PersonRef { id: partner_id, name: partner_name },
            bapas: OfficeRef { id: office.public_id, name: office.name },
            status: status_on(r.signed_on, r.end_on, r.terminated_on, today),
            days_left: days_left(r.end_on, today),
            services: service_choices(&split(&r.services), &catalogue),
            terminated: r.terminated_on.map(|d| (d, r.termination_reason.clone().unwrap_or_default())),
            previous: r.previous_id.and_then(|p| previous.iter().find(|x| x.id == p)).map(|x| x.public_id),
            renewed_by: renewals.iter().find(|x| x.previous_id == Some(r.id)).map(|x| x.public_id),
            can_manage: policy::can_manage_partners(actor, BapasId(r.bapas_id)),
            number: r.number,
            title: r.title,
            scope: r.scope,
            other_parties: r.other_parties,
            signed_on: r.signed_on,
            start_on: r.start_on,
            end_on: r.end_on,
        });
    }
    Ok(out)
}

/// The agreements with a partner, newest first.
pub async fn of_partner(
    db: &DatabaseConnection,
    actor: &Actor,
    partner_id: Uuid,
    today: Date,
) -> ServiceResult<Vec<AgreementView>> {
    let p = find_readable(db, actor, partner_id).await?;
    let rows = agreement::Entity::find()
        .filter(agreement::Column::PartnerId.eq(p.id))
        .order_by_desc(agreement::Column::StartOn)
        .order_by_desc(agreement::Column::Id)
        .all(db)
        .await?;
    views(db, actor, rows, today).await
}

async fn find<C: ConnectionTrait>(db: &C, actor: &Actor, id: Uuid) -> ServiceResult<agreement::Model> {
    let row = agreement::Entity::find()
        .filter(agreement::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    if in_scope(db, actor, row.bapas_id).await? { Ok(row) } else { Err(ServiceError::not_found()) }
}

async fn find_managed<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<agreement::Model> {
    let row = find(db, actor, id).await?;
    if policy::can_manage_partners(actor, BapasId(row.bapas_id)) {
        Ok(row)
    } else {
        Err(ServiceError::not_found())
    }
}

/// One agreement with the history of renewals it belongs to (oldest first).
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    today: Date,
) -> ServiceResult<(AgreementView, Vec<AgreementView>)> {
    let row = find(db, actor, id).await?;
    let mut chain = Vec::new();
    let mut cursor = row.previous_id;
    while let Some(prev) = cursor {
        let Some(p) = agreement::Entity::find_by_id(prev).one(db).await? else { break };
        cursor = p.previous_id;
        chain.push(p);
        if chain.len() > 50 {
            break;
        }
    }
    chain.reverse();
    let mut all = views(db, actor, chain, today).await?;
    let this = views(db, actor, vec![row], today).await?.pop().ok_or_else(ServiceError::not_found)?;
    all.retain(|a| a.id != this.id);
    Ok((this, all))
}

fn apply(model: &mut agreement::ActiveModel, d: &pamong_domain::agreements::AgreementDraft) {
    model.number = Set(d.number.clone());
    model.title = Set(d.title.clone());
    model.scope = Set(d.scope.clone());
    model.other_parties = Set(d.other_parties.clone());
    model.services = Set(codes_column(&d.services));
    model.signed_on = Set(d.signed_on);
    model.start_on = Set(d.start_on);
    model.end_on = Set(d.end_on);
}

fn changes(old: Option<&agreement::Model>, new: &agreement::Model) -> Changes {
    let mut c = Changes::new();
    macro_rules! field {
        ($name:literal, $f:ident) => {
            c = match old {
                Some(o) => c.diff($name, &o.$f, &new.$f),
                None => c.set($name, &new.$f),
            };
        };
    }
    field!("number", number);
    field!("title", title);
    field!("signed_on", signed_on);
    field!("start_on", start_on);
    field!("end_on", end_on);
    field!("services", services);
    c
}

/// Records a new agreement with a partner (`renews`: the agreement it renews, which keeps its
/// own record).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    partner_id: Uuid,
    renews: Option<Uuid>,
    form: &AgreementForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let txn = begin_write(db).await?;
    let catalogue = settings::choices(&txn, ChoiceList::PartnerServices).await?;
    let draft = form.parse(&catalogue)?;
    let p: partner::Model = find_readable(&txn, actor, partner_id).await?;
    if !policy::can_manage_partners(actor, BapasId(p.bapas_id)) {
        return Err(ServiceError::not_found());
    }
    let previous = match renews {
        Some(id) => {
            let prev = find_managed(&txn, actor, id).await?;
            if prev.partner_id != p.id {
                return Err(ServiceError::not_found());
            }
            Some(prev.id)
        }
        None => None,
    };
    let mut model = agreement::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        bapas_id: Set(p.bapas_id),
        partner_id: Set(p.id),
        previous_id: Set(previous),
        terminated_on: Set(None),
        termination_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut model, &draft);
    let row = model.insert(&txn).await.map_err(|e| unique_to_field(e, "number"))?;
    let action = if previous.is_some() { "renew" } else { "create" };
    audit::record(&txn, actor, now, action, "agreement", &row.public_id.to_string(), &changes(None, &row))
        .await?;
    txn.commit().await?;
    Ok(row.public_id)
}

/// Changes an agreement's terms.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &AgreementForm,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let catalogue = settings::choices(&txn, ChoiceList::PartnerServices).await?;
    let draft = form.parse(&catalogue)?;
    let old = find_managed(&txn, actor, id).await?;
    let mut model: agreement::ActiveModel = old.clone().into();
    apply(&mut model, &draft);
    model.updated_at = Set(now);
    let row = model.update(&txn).await.map_err(|e| unique_to_field(e, "number"))?;
    let c = changes(Some(&old), &row);
    if !c.is_empty() {
        audit::record(&txn, actor, now, "update", "agreement", &id.to_string(), &c).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Ends an agreement early, with the day and the reason.
pub async fn terminate(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &TerminationForm,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let old = find_managed(&txn, actor, id).await?;
    let (date, reason) = form.parse(old.start_on, old.end_on)?;
    let mut model: agreement::ActiveModel = old.into();
    model.terminated_on = Set(Some(date));
    model.termination_reason = Set(Some(reason.clone()));
    model.updated_at = Set(now);
    model.update(&txn).await?;
    let changes = Changes::new().set("terminated_on", &date).set("reason", &reason);
    audit::record(&txn, actor, now, "terminate", "agreement", &id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// An agreement that needs attention before it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementReminder {
    /// The agreement.
    pub agreement: AgreementView,
    /// Which reminder.
    pub reminder: Reminder,
}

/// The agreements the actor keeps that end within 90 days (30: pressing), not ended early and
/// not yet renewed; soonest first. For the admin's and the Kabapas's home page.
pub async fn reminders(
    db: &DatabaseConnection,
    actor: &Actor,
    today: Date,
) -> ServiceResult<Vec<AgreementReminder>> {
    if !policy::keeps_partners(actor) {
        return Ok(Vec::new());
    }
    let horizon = today + time::Duration::days(pamong_domain::agreements::EXPIRING_DAYS);
    let rows = agreement::Entity::find()
        .filter(scope_condition(db, actor, agreement::Column::BapasId).await?)
        .filter(agreement::Column::EndOn.gte(today))
        .filter(agreement::Column::EndOn.lte(horizon))
        .filter(agreement::Column::TerminatedOn.is_null())
        .filter(agreement::Column::SignedOn.is_not_null())
        .order_by_asc(agreement::Column::EndOn)
        .all(db)
        .await?;
    Ok(views(db, actor, rows, today)
        .await?
        .into_iter()
        .filter(|a| a.renewed_by.is_none())
        .filter_map(|a| reminder(a.end_on, today).map(|r| AgreementReminder { agreement: a, reminder: r }))
        .collect())
}
