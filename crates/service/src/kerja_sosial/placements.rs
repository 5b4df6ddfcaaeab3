//! Placements: from the client's page the PK places a person sentenced to kerja sosial (or a
//! child doing community service) at a work site of the office, with the court's decision
//! and a schedule; a placement moves to another site keeping the hours done.

use pamong_domain::caseload::PersonRef;
use pamong_domain::client::ClientStatus;
use pamong_domain::kerja_sosial::{PlacementForm, PlacementStatus, PlacementView, serves_hours};
use pamong_domain::legal::LegalBasis;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{client, ks_placement, work_site};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{Ledger, client_of, placement_views};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::{Found, find_editable, find_readable};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;

/// Whether the client works hours at a site.
fn serves(row: &client::Model) -> bool {
    LegalBasis::parse(&row.legal_basis).is_some_and(|b| serves_hours(b, row.is_child))
}

/// A client's placements, newest first, with their ledgers (whoever may read the client).
pub async fn of_client(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
    today: Date,
) -> ServiceResult<Vec<PlacementView>> {
    let Found { row, .. } = find_readable(db, actor, client).await?;
    let rows = ks_placement::Entity::find()
        .filter(ks_placement::Column::ClientId.eq(row.id))
        .order_by_desc(ks_placement::Column::CreatedAt)
        .all(db)
        .await?;
    placement_views(db, actor, rows, today, Ledger::Full).await
}

/// The sites the client may be placed at: the active sites of the client's office that suit
/// them (children only where the site takes children, women where it takes women). Empty when
/// the actor may not place the client or the client does not work hours.
pub async fn sites_for(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
) -> ServiceResult<Vec<PersonRef>> {
    let Found { row, .. } = find_editable(db, actor, client).await?;
    if !serves(&row) {
        return Ok(Vec::new());
    }
    Ok(suitable(db, &row).await?.into_iter().map(|s| PersonRef { id: s.public_id, name: s.name }).collect())
}

async fn suitable<C: ConnectionTrait>(db: &C, row: &client::Model) -> ServiceResult<Vec<work_site::Model>> {
    let mut query = work_site::Entity::find()
        .filter(work_site::Column::BapasId.eq(row.bapas_id))
        .filter(work_site::Column::Active.eq(true));
    if row.is_child {
        query = query.filter(work_site::Column::SuitsChildren.eq(true));
    }
    if row.sex == "P" {
        query = query.filter(work_site::Column::SuitsWomen.eq(true));
    }
    Ok(query.order_by_asc(work_site::Column::Name).all(db).await?)
}

/// Places the client at a site. One placement is active at a time; a site that does not
/// suit the client is refused on the site field.
pub async fn place(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
    form: &PlacementForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let Found { row, at } = find_editable(&txn, actor, client).await?;
    if !policy::can_place(actor, at) || row.status != ClientStatus::Aktif.as_str() || !serves(&row) {
        return Err(ServiceError::not_found());
    }
    let open = ks_placement::Entity::find()
        .filter(ks_placement::Column::ClientId.eq(row.id))
        .filter(ks_placement::Column::Status.eq(PlacementStatus::Aktif.as_str()))
        .count(&txn)
        .await?;
    if open > 0 {
        return Err(ErrorKind::Conflict.into());
    }
    let site = suitable(&txn, &row)
        .await?
        .into_iter()
        .find(|s| s.public_id == draft.site_id)
        .ok_or_else(|| ErrorKind::field("site_id", Problem::NotAllowed))?;
    let p = ks_placement::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        client_id: Set(row.id),
        site_id: Set(site.id),
        court: Set(draft.court.clone()),
        decision_number: Set(draft.decision_number.clone()),
        hours: Set(i32::from(draft.sentence.hours)),
        start_on: Set(draft.sentence.start),
        deadline: Set(draft.sentence.deadline),
        schedule: Set(draft.schedule.clone()),
        status: Set(PlacementStatus::Aktif.as_str().to_owned()),
        placed_by: Set(actor.user_key()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::of_client(&row)
        .set("client", &row.public_id)
        .set("site", &site.public_id)
        .set("hours", &p.hours)
        .set("deadline", &p.deadline)
        .text("decision_number", &p.decision_number);
    audit::record(&txn, actor, now, "create", "ks_placement", &p.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(p.public_id)
}

/// Moves an active placement to another suitable site of the office; the sessions keep the
/// site they were worked at, so the hours done stay with the placement.
pub async fn move_to(
    db: &DatabaseConnection,
    actor: &Actor,
    placement: Uuid,
    site: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let p = super::placement(&txn, placement).await?;
    let (row, at) = client_of(&txn, &p).await?;
    if !policy::can_place(actor, at) || p.status != PlacementStatus::Aktif.as_str() {
        return Err(ServiceError::not_found());
    }
    let to = suitable(&txn, &row)
        .await?
        .into_iter()
        .find(|s| s.public_id == site)
        .ok_or_else(|| ErrorKind::field("site_id", Problem::NotAllowed))?;
    if to.id == p.site_id {
        return Ok(());
    }
    let from = p.site_id;
    let mut model: ks_placement::ActiveModel = p.clone().into();
    model.site_id = Set(to.id);
    model.updated_at = Set(now);
    model.update(&txn).await?;
    let changes = Changes::of_client(&row).diff("site_id", &from, &to.id);
    audit::record(&txn, actor, now, "move", "ks_placement", &placement.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}
