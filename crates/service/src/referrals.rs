//! Referrals of clients to partners' services, as a closed loop: the client's PK (or the
//! Kabapas) sends one with the client's consent; the partner's own user sees what is
//! addressed to their institution (the client's name — a child's initials — and the
//! referral, nothing of the case file), accepts or declines it and reports the outcome; the
//! PK sees the changes on Today.

use std::collections::HashMap;

use pamong_domain::caseload::PersonRef;
use pamong_domain::error::{ErrorKind, Problem};
use pamong_domain::notifications::Notice;
use pamong_domain::partners::Choice;
use pamong_domain::privacy::disclose;
use pamong_domain::referrals::{ReferralForm, ReferralStatus, ReferralView};
use pamong_entity::{client, partner, referral};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::{case_at, find_editable, find_readable, kanwils_of, people};
use crate::db::{begin_write, update_if};
use crate::error::{ServiceError, ServiceResult};
use crate::ids::{BapasId, KanwilId, PartnerId};
use crate::notifications;
use crate::partners::{service_choices, split};
use crate::policy;
use crate::reintegration::checklist;
use crate::settings::{self, ChoiceList};

/// Days a partner's answer stays on the PK's Today.
pub const RECENT_DAYS: i64 = 7;

/// Referrals as the actor may see them: each goes through the masking step with the
/// policy's answer for its client and its partner.
async fn views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<referral::Model>,
) -> ServiceResult<Vec<ReferralView>> {
    let catalogue = settings::choices(db, ChoiceList::PartnerServices).await?;
    let clients: HashMap<i32, client::Model> = client::Entity::find()
        .filter(client::Column::Id.is_in(rows.iter().map(|r| r.client_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let kanwils = kanwils_of(db, clients.values().map(|c| c.bapas_id)).await?;
    let partner_offices: HashMap<i32, i32> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(rows.iter().map(|r| r.partner_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.bapas_id))
        .collect();
    let partners = crate::partners::names(db, rows.iter().map(|r| r.partner_id).collect()).await?;
    let officers = people(db, rows.iter().filter_map(|r| r.referred_by).collect()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let c = clients.get(&r.client_id)?;
            let at = case_at(c, kanwils.get(&c.bapas_id).copied().unwrap_or(KanwilId(0)));
            let partner = PartnerId(r.partner_id);
            let partner_office = BapasId(partner_offices.get(&r.partner_id).copied().unwrap_or(0));
            let disclosure = policy::referral_identity(actor, partner, partner_office, at);
            let (pid, pname) = partners.get(&r.partner_id).cloned().unwrap_or((Uuid::nil(), String::new()));
            let status = ReferralStatus::parse(&r.status).unwrap_or(ReferralStatus::Dikirim);
            let label = catalogue
                .iter()
                .find(|s| s.code == r.service)
                .map_or_else(|| r.service.clone(), |s| s.label.clone());
            let view = ReferralView {
                id: r.public_id,
                client: PersonRef { id: c.public_id, name: c.full_name.clone() },
                partner: PersonRef { id: pid, name: pname },
                service: Choice { code: r.service.clone(), label },
                reason: r.reason,
                due_on: r.due_on,
                status,
                decline_reason: r.decline_reason,
                outcome: r.outcome,
                referred_by: r.referred_by.and_then(|u| officers.get(&u)).map(|p| p.name.clone()),
                sent_at: r.sent_at,
                updated_at: r.updated_at,
                can_respond: policy::answers_for_partner(actor, partner, partner_office)
                    && matches!(status, ReferralStatus::Dikirim | ReferralStatus::Diterima),
            };
            Some(disclose(view, disclosure))
        })
        .collect())
}

/// The partners of the client's office and the services each offers, for the referral form.
pub async fn targets(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
) -> ServiceResult<Vec<(PersonRef, Vec<Choice>)>> {
    let c = find_editable(db, actor, client).await?;
    let catalogue = settings::choices(db, ChoiceList::PartnerServices).await?;
    Ok(partner::Entity::find()
        .filter(partner::Column::BapasId.eq(c.row.bapas_id))
        .filter(partner::Column::Active.eq(true))
        .order_by_asc(partner::Column::NameFolded)
        .all(db)
        .await?
        .into_iter()
        .filter(|p| p.services.is_some())
        .map(|p| {
            let services = service_choices(&split(&p.services), &catalogue);
            (PersonRef { id: p.public_id, name: p.name }, services)
        })
        .collect())
}

/// Sends a referral: the client's PK or the Kabapas, to a partner of the client's office
/// for a service it offers.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
    form: &ReferralForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let txn = begin_write(db).await?;
    let c = find_editable(&txn, actor, client).await?;
    let partner_id = uuid::Uuid::parse_str(form.partner_id.trim()).ok();
    let p = match partner_id {
        Some(id) => {
            partner::Entity::find()
                .filter(partner::Column::PublicId.eq(id))
                .filter(partner::Column::BapasId.eq(c.row.bapas_id))
                .filter(partner::Column::Active.eq(true))
                .one(&txn)
                .await?
        }
        None => None,
    };
    let offered = p.as_ref().map(|p| split(&p.services)).unwrap_or_default();
    let offered: Vec<Choice> = offered.into_iter().map(|code| Choice { label: code.clone(), code }).collect();
    let draft = form.parse(&offered, today)?;
    let p = p.ok_or_else(|| ErrorKind::field("partner_id", Problem::UnknownReference))?;
    let row = referral::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        client_id: Set(c.row.id),
        partner_id: Set(p.id),
        service: Set(draft.service),
        reason: Set(draft.reason),
        consent: Set(true),
        due_on: Set(draft.due_on),
        status: Set(ReferralStatus::Dikirim.as_str().into()),
        decline_reason: Set(None),
        outcome: Set(None),
        referred_by: Set(actor.user_key()),
        sent_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::of_client(&c.row)
        .set("client", &client)
        .set("partner", &p.public_id)
        .set("service", &row.service);
    audit::record(&txn, actor, now, "create", "referral", &row.public_id.to_string(), &changes).await?;
    checklist::follow_referral(&txn, actor, &row, c.row.bapas_id, ReferralStatus::Dikirim, now).await?;
    txn.commit().await?;
    Ok(row.public_id)
}

/// A client's referrals, newest first (whoever may read the client).
pub async fn of_client(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
) -> ServiceResult<Vec<ReferralView>> {
    let c = find_readable(db, actor, client).await?;
    let rows = referral::Entity::find()
        .filter(referral::Column::ClientId.eq(c.row.id))
        .order_by_desc(referral::Column::SentAt)
        .all(db)
        .await?;
    views(db, actor, rows).await
}

/// The referrals addressed to the `mitra` user's institution: open ones first.
pub async fn inbox(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<Vec<ReferralView>> {
    let Some(partner_id) = policy::referral_inbox(actor) else {
        return Ok(Vec::new());
    };
    // Only while the user works at the partner's office: one moved elsewhere sees nothing.
    let partner = partner::Entity::find_by_id(partner_id).one(db).await?;
    if !partner.is_some_and(|p| policy::answers_for_partner(actor, partner_id, BapasId(p.bapas_id))) {
        return Ok(Vec::new());
    }
    let rows = referral::Entity::find()
        .filter(referral::Column::PartnerId.eq(partner_id))
        .order_by_desc(referral::Column::SentAt)
        .all(db)
        .await?;
    let mut out = views(db, actor, rows).await?;
    out.sort_by_key(|r| !r.can_respond);
    Ok(out)
}

/// The partner's user moves a referral on: accept, decline (with a reason) or complete
/// (with the outcome).
pub async fn respond(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    next: ReferralStatus,
    text: &str,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let text = text.trim();
    let txn = begin_write(db).await?;
    let row = referral::Entity::find()
        .filter(referral::Column::PublicId.eq(id))
        .one(&txn)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let partner =
        partner::Entity::find_by_id(row.partner_id).one(&txn).await?.ok_or_else(ServiceError::not_found)?;
    if !policy::answers_for_partner(actor, PartnerId(partner.id), BapasId(partner.bapas_id)) {
        return Err(ServiceError::not_found());
    }
    let current = ReferralStatus::parse(&row.status).unwrap_or(ReferralStatus::Dikirim);
    if !current.can_become(next) {
        return Err(ErrorKind::Conflict.into());
    }
    let field = match next {
        ReferralStatus::Ditolak => Some("decline_reason"),
        ReferralStatus::Selesai => Some("outcome"),
        ReferralStatus::Dikirim | ReferralStatus::Diterima => None,
    };
    if let Some(field) = field {
        if text.is_empty() {
            return Err(ErrorKind::field(field, Problem::Required).into());
        }
        if text.chars().count() > 1000 {
            return Err(ErrorKind::field(field, Problem::TooLong { max: 1000 }).into());
        }
    }
    let expected = row.status.clone();
    let referred_by = row.referred_by;
    let owner = client::Entity::find_by_id(row.client_id).one(&txn).await?;
    let client_office = owner.as_ref().map_or(0, |c| c.bapas_id);
    let about = owner.as_ref().map_or_else(Changes::new, Changes::of_client);
    checklist::follow_referral(&txn, actor, &row, client_office, next, now).await?;
    let mut model: referral::ActiveModel = row.into();
    model.status = Set(next.as_str().into());
    match next {
        ReferralStatus::Ditolak => model.decline_reason = Set(Some(text.to_owned())),
        ReferralStatus::Selesai => model.outcome = Set(Some(text.to_owned())),
        ReferralStatus::Dikirim | ReferralStatus::Diterima => {}
    }
    if current == ReferralStatus::Dikirim {
        model.answered_at = Set(Some(now));
    }
    model.updated_at = Set(now);
    update_if(&txn, model, referral::Column::Status, expected).await?;
    audit::record(
        &txn,
        actor,
        now,
        next.as_str(),
        "referral",
        &id.to_string(),
        &about.diff("status", &current.as_str(), &next.as_str()),
    )
    .await?;
    // The referring officer hears of the answer in the same transaction.
    if let (Some(officer), Some(c)) = (referred_by, owner.as_ref()) {
        let notice =
            Notice::referral_answered(id, c.public_id, &c.register_number, &partner.name, next.as_str());
        notifications::notify(&txn, officer, &notice, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The PK's referrals that a partner answered in the last [`RECENT_DAYS`], or that are past
/// due without an answer: for Today.
pub async fn recent_for_pk(
    db: &DatabaseConnection,
    actor: &Actor,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Vec<ReferralView>> {
    // An officer follows the referrals they sent; the Kabapas sees them on each client's page.
    let Some(policy::Remit::Caseload(_, user_id)) = policy::remit(actor) else { return Ok(Vec::new()) };
    let since = now - Duration::days(RECENT_DAYS);
    let sent = ReferralStatus::Dikirim.as_str();
    // Chosen in the query: an officer's referrals of all the years would otherwise be read
    // on every Today page.
    let answered =
        Condition::all().add(referral::Column::Status.ne(sent)).add(referral::Column::UpdatedAt.gte(since));
    let late = Condition::all().add(referral::Column::Status.eq(sent)).add(referral::Column::DueOn.lt(today));
    let rows = referral::Entity::find()
        .filter(referral::Column::ReferredBy.eq(user_id))
        .filter(Condition::any().add(answered).add(late))
        .order_by_desc(referral::Column::UpdatedAt)
        .all(db)
        .await?;
    views(db, actor, rows).await
}
