//! UMKM: a client's small businesses, kept by their PK (or the Kabapas) on the client's page —
//! added planned or running, moved on (running, stopped with a reason, running again) with
//! every step kept, and the support each received from the office's partners. Read by
//! whoever reads the client, masked as the client policy says.

use pamong_domain::caseload::PersonRef;
use pamong_domain::privacy::disclose;
use pamong_domain::reintegration::umkm::{
    BusinessForm, BusinessStatus, BusinessView, ClientBusinesses, StatusForm, StatusStep, SupportForm,
    SupportKind, SupportView,
};
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{business_status_change, business_support, client_business, partner};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::{Found, find_editable, find_readable};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;

fn status_of(row: &client_business::Model) -> BusinessStatus {
    BusinessStatus::parse(&row.status).unwrap_or(BusinessStatus::Direncanakan)
}

/// A client's businesses, running first, with their history and support.
pub async fn of_client(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
) -> ServiceResult<ClientBusinesses> {
    let Found { row, at } = find_readable(db, actor, client).await?;
    let mut rows = client_business::Entity::find()
        .filter(client_business::Column::ClientId.eq(row.id))
        .order_by_desc(client_business::Column::Since)
        .all(db)
        .await?;
    rows.sort_by_key(|b| status_of(b) != BusinessStatus::Berjalan);
    let ids: Vec<i32> = rows.iter().map(|b| b.id).collect();
    let steps = business_status_change::Entity::find()
        .filter(business_status_change::Column::BusinessId.is_in(ids.clone()))
        .order_by_asc(business_status_change::Column::Id)
        .all(db)
        .await?;
    let supports = business_support::Entity::find()
        .filter(business_support::Column::BusinessId.is_in(ids))
        .order_by_desc(business_support::Column::ReceivedOn)
        .all(db)
        .await?;
    let names = crate::partners::names(db, supports.iter().filter_map(|s| s.partner_id).collect()).await?;
    let businesses = rows
        .into_iter()
        .map(|b| BusinessView {
            id: b.public_id,
            status: status_of(&b),
            since: b.since,
            history: steps
                .iter()
                .filter(|s| s.business_id == b.id)
                .map(|s| StatusStep {
                    status: BusinessStatus::parse(&s.status).unwrap_or(BusinessStatus::Direncanakan),
                    on: s.changed_on,
                    note: s.note.clone(),
                })
                .collect(),
            supports: supports
                .iter()
                .filter(|s| s.business_id == b.id)
                .map(|s| SupportView {
                    kind: SupportKind::parse(&s.kind).unwrap_or(SupportKind::Pendampingan),
                    partner: s.partner_id.and_then(|p| names.get(&p)).map(|(_, n)| n.clone()),
                    received_on: s.received_on,
                    description: s.description.clone(),
                    amount: s.amount.and_then(|a| u64::try_from(a).ok()),
                })
                .collect(),
            name: b.name,
            kind: b.kind,
        })
        .collect();
    let can_edit = policy::can_edit_client(actor, at);
    let partners = if can_edit {
        partner::Entity::find()
            .filter(partner::Column::BapasId.eq(row.bapas_id))
            .filter(partner::Column::Active.eq(true))
            .order_by_asc(partner::Column::NameFolded)
            .all(db)
            .await?
            .into_iter()
            .map(|p| PersonRef { id: p.public_id, name: p.name })
            .collect()
    } else {
        Vec::new()
    };
    Ok(disclose(ClientBusinesses { businesses, can_edit, partners }, policy::identity(actor, at)))
}

async fn step<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    business_id: i32,
    (status, on, note): (BusinessStatus, Date, Option<String>),
    now: OffsetDateTime,
) -> ServiceResult<()> {
    business_status_change::ActiveModel {
        business_id: Set(business_id),
        status: Set(status.as_str().to_owned()),
        changed_on: Set(on),
        note: Set(note),
        changed_by: Set(actor.user_key()),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Adds a business of the client, planned or running.
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
    form: &BusinessForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let Found { row, .. } = find_editable(&txn, actor, client).await?;
    let saved = client_business::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        client_id: Set(row.id),
        name: Set(draft.name.clone()),
        kind: Set(draft.kind.clone()),
        status: Set(draft.status.as_str().to_owned()),
        since: Set(draft.since),
        created_by: Set(actor.user_key()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    step(&txn, actor, saved.id, (draft.status, draft.since, draft.note.clone()), now).await?;
    let changes = Changes::of_client(&row)
        .set("client", &row.public_id)
        .text("name", &draft.name)
        .set("kind", &draft.kind)
        .set("status", &saved.status)
        .set("since", &draft.since.to_string());
    audit::record(&txn, actor, now, "create", "client_business", &saved.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(saved.public_id)
}

/// A business whose client the actor edits.
async fn editable<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<(client_business::Model, pamong_entity::client::Model)> {
    let b = client_business::Entity::find()
        .filter(client_business::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let c = pamong_entity::client::Entity::find_by_id(b.client_id)
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let Found { row, .. } = find_editable(db, actor, c.public_id).await?;
    Ok((b, row))
}

/// Moves a business on (running, stopped with a reason, running again).
pub async fn change_status(
    db: &DatabaseConnection,
    actor: &Actor,
    business: Uuid,
    form: &StatusForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let (b, client) = editable(&txn, actor, business).await?;
    let change = form.parse(status_of(&b), b.since, today)?;
    step(&txn, actor, b.id, (change.status, change.on, change.note.clone()), now).await?;
    let old = b.status.clone();
    let mut model = client_business::ActiveModel::from(b.clone());
    model.status = Set(change.status.as_str().to_owned());
    model.since = Set(change.on);
    model.updated_at = Set(now);
    model.update(&txn).await?;
    let mut changes = Changes::of_client(&client).diff("status", &old, &change.status.as_str().to_owned());
    if let Some(note) = &change.note {
        changes = changes.text("note", note);
    }
    audit::record(&txn, actor, now, "update", "client_business", &b.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// Records support a business received, from a partner of the client's office or the office.
pub async fn add_support(
    db: &DatabaseConnection,
    actor: &Actor,
    business: Uuid,
    form: &SupportForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let (b, client) = editable(&txn, actor, business).await?;
    let office = pamong_entity::client::Entity::find_by_id(b.client_id)
        .one(&txn)
        .await?
        .map(|c| c.bapas_id)
        .ok_or_else(ServiceError::not_found)?;
    let partner_id = match draft.partner_id {
        Some(p) => Some(
            partner::Entity::find()
                .filter(partner::Column::PublicId.eq(p))
                .filter(partner::Column::BapasId.eq(office))
                .one(&txn)
                .await?
                .ok_or_else(|| ErrorKind::field("partner_id", Problem::UnknownReference))?
                .id,
        ),
        None => None,
    };
    let amount = draft.amount.map(|a| i64::try_from(a).unwrap_or(i64::MAX));
    business_support::ActiveModel {
        business_id: Set(b.id),
        kind: Set(draft.kind.as_str().to_owned()),
        partner_id: Set(partner_id),
        received_on: Set(draft.received_on),
        description: Set(draft.description.clone()),
        amount: Set(amount),
        recorded_by: Set(actor.user_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut changes = Changes::of_client(&client)
        .set("support", &draft.kind.as_str())
        .set("partner", &draft.partner_id)
        .set("received_on", &draft.received_on.to_string())
        .set("amount", &draft.amount);
    if let Some(d) = &draft.description {
        changes = changes.text("description", d);
    }
    audit::record(&txn, actor, now, "update", "client_business", &b.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}
