//! Work sites: kept by the Kabapas (and the admin) with the office's partner institutions,
//! each under a PKS (a site without an agreement in force warns), with a supervisor — the
//! partner's own user, who signs hours off, or a named contact — and the day's list of the
//! people placed there for that supervisor.

use std::collections::HashMap;

use pamong_domain::agreements::{AgreementStatus, status_on};
use pamong_domain::caseload::PersonRef;
use pamong_domain::export::ExportFormat;
use pamong_domain::kerja_sosial::{PlacementStatus, SiteChoices, SiteDay, SiteDays, SiteForm, SiteView};
use pamong_domain::logs::ExportKind;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{agreement, ks_placement, partner, user, work_site};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{Ledger, placement_views, site_at};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::people;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::BapasId;
use crate::policy;
use crate::search::office_condition;

/// Sites as the actor sees them, with their partner, agreement, supervisor and how many
/// people are placed there now.
async fn views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<work_site::Model>,
    today: Date,
) -> ServiceResult<Vec<SiteView>> {
    let partners = crate::partners::names(db, rows.iter().map(|r| r.partner_id).collect()).await?;
    let agreements: HashMap<i32, agreement::Model> = agreement::Entity::find()
        .filter(agreement::Column::Id.is_in(rows.iter().filter_map(|r| r.agreement_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let supervisors = people(db, rows.iter().filter_map(|r| r.supervisor_id).collect()).await?;
    let placed: Vec<i32> = ks_placement::Entity::find()
        .select_only()
        .column(ks_placement::Column::SiteId)
        .filter(ks_placement::Column::SiteId.is_in(rows.iter().map(|r| r.id)))
        .filter(ks_placement::Column::Status.eq(PlacementStatus::Aktif.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let agreement = r.agreement_id.and_then(|a| agreements.get(&a));
            let in_force = agreement.is_some_and(|a| {
                matches!(
                    status_on(a.signed_on, a.end_on, a.terminated_on, today),
                    AgreementStatus::Active | AgreementStatus::Expiring
                ) && a.start_on <= today
            });
            let (pid, pname) = partners.get(&r.partner_id).cloned().unwrap_or((Uuid::nil(), String::new()));
            SiteView {
                id: r.public_id,
                name: r.name,
                partner: PersonRef { id: pid, name: pname },
                agreement: agreement
                    .map(|a| PersonRef { id: a.public_id, name: format!("{} — {}", a.number, a.title) }),
                agreement_in_force: in_force,
                address: r.address,
                area: r.area,
                work_kind: r.work_kind,
                days: SiteDays::parse(&r.days).unwrap_or(SiteDays::Weekdays),
                opens: r.opens,
                closes: r.closes,
                capacity: u16::try_from(r.capacity).unwrap_or(0),
                placed: u32::try_from(placed.iter().filter(|s| **s == r.id).count()).unwrap_or(0),
                supervisor: r.supervisor_id.and_then(|u| supervisors.get(&u)).cloned(),
                supervisor_name: r.supervisor_name,
                supervisor_phone: r.supervisor_phone,
                suits_women: r.suits_women,
                suits_children: r.suits_children,
                active: r.active,
                can_edit: policy::can_manage_work_sites(actor, BapasId(r.bapas_id)),
            }
        })
        .collect())
}

/// The work sites the actor may read, active ones first, by name.
pub async fn list(db: &DatabaseConnection, actor: &Actor, today: Date) -> ServiceResult<Vec<SiteView>> {
    let scope = office_condition(db, policy::work_site_scope(actor), work_site::Column::BapasId).await?;
    let rows = work_site::Entity::find()
        .filter(scope)
        .order_by_desc(work_site::Column::Active)
        .order_by_asc(work_site::Column::Name)
        .limit(500)
        .all(db)
        .await?;
    views(db, actor, rows, today).await
}

/// The work sites as [`list`] reads them, for a download in `format`; written to the export
/// log.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    format: ExportFormat,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Vec<SiteView>> {
    crate::exports::logged_list(
        db,
        actor,
        ExportKind::WorkSiteList,
        list(db, actor, today).await?,
        format,
        now,
    )
    .await
}

async fn readable<C: ConnectionTrait>(db: &C, actor: &Actor, id: Uuid) -> ServiceResult<work_site::Model> {
    let row = work_site::Entity::find()
        .filter(work_site::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let office = crate::offices::bapas_by_id(db, [row.bapas_id]).await?;
    let at = policy::Placement {
        role: actor.role,
        kanwil_id: office.get(&row.bapas_id).map(|b| crate::ids::KanwilId(b.kanwil_id)),
        bapas_id: Some(BapasId(row.bapas_id)),
    };
    let readable =
        policy::contains(policy::work_site_scope(actor), at) || policy::supervises_site(actor, site_at(&row));
    if readable { Ok(row) } else { Err(ServiceError::not_found()) }
}

/// One site, with the people placed there now (as the actor may see them).
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    today: Date,
) -> ServiceResult<(SiteView, Vec<pamong_domain::kerja_sosial::PlacementView>)> {
    let row = readable(db, actor, id).await?;
    let placements = ks_placement::Entity::find()
        .filter(ks_placement::Column::SiteId.eq(row.id))
        .filter(ks_placement::Column::Status.eq(PlacementStatus::Aktif.as_str()))
        .order_by_asc(ks_placement::Column::StartOn)
        .all(db)
        .await?;
    let people = placement_views(db, actor, placements, today, Ledger::Recent(3)).await?;
    let site = views(db, actor, vec![row], today).await?.pop().ok_or_else(ServiceError::not_found)?;
    Ok((site, people))
}

/// What the site form offers the actor: the partners of the offices whose sites they keep,
/// with their agreements and their own users.
pub async fn choices(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<SiteChoices> {
    if !policy::keeps_partners(actor) {
        return Err(ServiceError::not_found());
    }
    let (partners, agreements) =
        crate::partners::with_agreements(db, actor, policy::can_manage_work_sites).await?;
    let by_id: HashMap<i32, Uuid> = partners.iter().map(|p| (p.id, p.public_id)).collect();
    let supervisors = user::Entity::find()
        .filter(user::Column::PartnerId.is_in(by_id.keys().copied()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|u| {
            let partner = by_id.get(&u.partner_id?)?;
            Some((*partner, PersonRef { id: u.public_id, name: u.full_name }))
        })
        .collect();
    let partners = partners.into_iter().map(|p| PersonRef { id: p.public_id, name: p.name }).collect();
    Ok(SiteChoices { partners, agreements, supervisors })
}

/// The form as the site stands, for editing.
pub async fn form_of(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> ServiceResult<SiteForm> {
    let row = readable(db, actor, id).await?;
    if !policy::can_manage_work_sites(actor, BapasId(row.bapas_id)) {
        return Err(ServiceError::not_found());
    }
    let public = |table: &[(i32, Uuid)], id: Option<i32>| {
        id.and_then(|id| table.iter().find(|(k, _)| *k == id)).map(|(_, u)| u.to_string()).unwrap_or_default()
    };
    let partner = crate::partners::names(db, vec![row.partner_id]).await?;
    let agreement: Vec<(i32, Uuid)> = match row.agreement_id {
        Some(a) => {
            agreement::Entity::find_by_id(a).one(db).await?.map(|a| (a.id, a.public_id)).into_iter().collect()
        }
        None => Vec::new(),
    };
    let supervisor: Vec<(i32, Uuid)> = people(db, row.supervisor_id.into_iter().collect())
        .await?
        .into_iter()
        .map(|(k, p)| (k, p.id))
        .collect();
    let time = |t: time::Time| format!("{:02}:{:02}", t.hour(), t.minute());
    Ok(SiteForm {
        partner_id: partner.get(&row.partner_id).map(|(u, _)| u.to_string()).unwrap_or_default(),
        agreement_id: public(&agreement, row.agreement_id),
        name: row.name,
        address: row.address,
        area: row.area.unwrap_or_default(),
        work_kind: row.work_kind,
        days: row.days,
        opens: time(row.opens),
        closes: time(row.closes),
        capacity: row.capacity.to_string(),
        supervisor_id: public(&supervisor, row.supervisor_id),
        supervisor_name: row.supervisor_name.unwrap_or_default(),
        supervisor_phone: row.supervisor_phone.unwrap_or_default(),
        suits_women: row.suits_women,
        suits_children: row.suits_children,
        non_commercial: true,
    })
}

/// Adds a site (`id` none) or changes one: at a partner of an office whose sites the actor
/// keeps, under one of that partner's agreements, supervised by one of its own users or a
/// named contact.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Option<Uuid>,
    form: &SiteForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let existing = match id {
        Some(id) => {
            let row = readable(&txn, actor, id).await?;
            if !policy::can_manage_work_sites(actor, BapasId(row.bapas_id)) {
                return Err(ServiceError::not_found());
            }
            Some(row)
        }
        None => None,
    };
    let partner = partner::Entity::find()
        .filter(partner::Column::PublicId.eq(draft.partner_id))
        .filter(partner::Column::Active.eq(true))
        .one(&txn)
        .await?
        .filter(|p| policy::can_manage_work_sites(actor, BapasId(p.bapas_id)))
        .ok_or_else(|| ErrorKind::field("partner_id", Problem::UnknownReference))?;
    let agreement_id = match draft.agreement_id {
        Some(a) => Some(
            agreement::Entity::find()
                .filter(agreement::Column::PublicId.eq(a))
                .filter(agreement::Column::PartnerId.eq(partner.id))
                .one(&txn)
                .await?
                .ok_or_else(|| ErrorKind::field("agreement_id", Problem::UnknownReference))?
                .id,
        ),
        None => None,
    };
    let supervisor_id = match draft.supervisor_id {
        Some(u) => Some(
            user::Entity::find()
                .filter(user::Column::PublicId.eq(u))
                .filter(user::Column::PartnerId.eq(partner.id))
                .filter(user::Column::Active.eq(true))
                .one(&txn)
                .await?
                .ok_or_else(|| ErrorKind::field("supervisor_id", Problem::UnknownReference))?
                .id,
        ),
        None => None,
    };
    let mut model = match &existing {
        Some(row) => work_site::ActiveModel::from(row.clone()),
        None => work_site::ActiveModel {
            public_id: Set(Uuid::now_v7()),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        },
    };
    model.bapas_id = Set(partner.bapas_id);
    model.partner_id = Set(partner.id);
    model.agreement_id = Set(agreement_id);
    model.name = Set(draft.name.clone());
    model.address = Set(draft.address.clone());
    model.area = Set(draft.area.clone());
    model.work_kind = Set(draft.work_kind.clone());
    model.days = Set(draft.days.as_str().to_owned());
    model.opens = Set(draft.opens);
    model.closes = Set(draft.closes);
    model.capacity = Set(i32::from(draft.capacity));
    model.supervisor_id = Set(supervisor_id);
    model.supervisor_name = Set(draft.supervisor_name.clone());
    model.supervisor_phone = Set(draft.supervisor_phone.clone());
    model.suits_women = Set(draft.suits_women);
    model.suits_children = Set(draft.suits_children);
    model.updated_at = Set(now);
    let saved = match existing {
        Some(_) => model.update(&txn).await?,
        None => model.insert(&txn).await?,
    };
    let changes = Changes::new()
        .set("partner", &partner.public_id)
        .set("name", &saved.name)
        .set("capacity", &saved.capacity)
        .set("supervisor", &draft.supervisor_id);
    let action = if id.is_some() { "update" } else { "create" };
    audit::record(&txn, actor, now, action, "work_site", &saved.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(saved.public_id)
}

/// The supervisor's day: each active site they supervise, with the people placed there
/// (the last few sessions of each and any waiting for sign-off).
pub async fn my_days(db: &DatabaseConnection, actor: &Actor, today: Date) -> ServiceResult<Vec<SiteDay>> {
    let Some(me) = policy::site_supervisor(actor) else { return Ok(Vec::new()) };
    let sites: Vec<work_site::Model> = work_site::Entity::find()
        .filter(work_site::Column::SupervisorId.eq(me))
        .filter(work_site::Column::Active.eq(true))
        .order_by_asc(work_site::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| policy::supervises_site(actor, site_at(s)))
        .collect();
    let mut days = Vec::new();
    for row in sites {
        let placements = ks_placement::Entity::find()
            .filter(ks_placement::Column::SiteId.eq(row.id))
            .filter(ks_placement::Column::Status.eq(PlacementStatus::Aktif.as_str()))
            .order_by_asc(ks_placement::Column::StartOn)
            .all(db)
            .await?;
        let people = placement_views(db, actor, placements, today, Ledger::Recent(3)).await?;
        let open_today = SiteDays::parse(&row.days).is_some_and(|d| d.takes(today.weekday()));
        let keep_offline = policy::can_keep_site_offline(actor, site_at(&row));
        let Some(site) = views(db, actor, vec![row], today).await?.pop() else { continue };
        days.push(SiteDay { site, today, open_today, people, keep_offline });
    }
    Ok(days)
}
