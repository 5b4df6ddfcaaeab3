//! Klien Bapas Peduli: an office's officers and Kabapas record its social activities (with
//! the partners from its directory who joined), each officer adds their own clients who took
//! part; the office's staff read the names, everyone else who reads the office's figures
//! (the Kanwil its region, the admin every office) reads counts — participation per office
//! and month, and which offices reported nothing yet this month.

use std::collections::{HashMap, HashSet};

use pamong_domain::calendar::CalendarMonth;
use pamong_domain::caseload::PersonRef;
use pamong_domain::client::ClientStatus;
use pamong_domain::privacy::disclose;
use pamong_domain::reintegration::peduli::{
    ActivityForm, ActivityKind, ActivityView, Held, OVERVIEW_MONTHS, OfficeActivities, OfficeParticipation,
    ParticipantsForm, PeduliOverview, tally,
};
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{
    bapas, client, kanwil, partner, social_activity, social_activity_client, social_activity_partner,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::case_at;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::{BapasId, KanwilId};
use crate::policy::{self, Remit};
use crate::search::office_condition;

/// Most activities an office's page lists (the newest).
const ACTIVITIES_MAX: u64 = 120;

/// The office the actor asks for (their own when none), if they may read its activities.
async fn office_for<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    office: Option<Uuid>,
) -> ServiceResult<bapas::Model> {
    let row = match office {
        Some(id) => bapas::Entity::find().filter(bapas::Column::PublicId.eq(id)).one(db).await?,
        None => match actor.bapas_id {
            Some(b) => bapas::Entity::find_by_id(b.get()).one(db).await?,
            None => None,
        },
    }
    .ok_or_else(ServiceError::not_found)?;
    if policy::can_read_peduli(actor, BapasId(row.id), KanwilId(row.kanwil_id)) {
        Ok(row)
    } else {
        Err(ServiceError::not_found())
    }
}

/// The actor's own active clients in the office, those they add to an activity.
async fn own_clients<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    bapas_id: i32,
) -> ServiceResult<Vec<client::Model>> {
    // An officer adds their caseload; the Kabapas records the activity and leaves the names
    // to each officer (a list of the whole office is no form for a phone).
    let Some(Remit::Caseload(office, pk)) = policy::remit(actor) else { return Ok(Vec::new()) };
    if office.get() != bapas_id {
        return Ok(Vec::new());
    }
    Ok(client::Entity::find()
        .filter(client::Column::BapasId.eq(bapas_id))
        .filter(client::Column::PkId.eq(pk.get()))
        .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
        .order_by_asc(client::Column::FullName)
        .all(db)
        .await?)
}

/// An office's activities of the last months, newest first, with what the viewer may do.
pub async fn office(
    db: &DatabaseConnection,
    actor: &Actor,
    office: Option<Uuid>,
    today: Date,
) -> ServiceResult<OfficeActivities> {
    let b = office_for(db, actor, office).await?;
    let from = CalendarMonth::of(today).last(OVERVIEW_MONTHS)[0].first_day();
    let rows = social_activity::Entity::find()
        .filter(social_activity::Column::BapasId.eq(b.id))
        .filter(social_activity::Column::HeldOn.gte(from))
        .order_by_desc(social_activity::Column::HeldOn)
        .order_by_desc(social_activity::Column::Id)
        .limit(ACTIVITIES_MAX)
        .all(db)
        .await?;
    let bapas = PersonRef { id: b.public_id, name: b.name.clone() };
    let activities = views(db, actor, &b, rows).await?;
    let can_record = policy::can_record_peduli(actor, BapasId(b.id));
    let (my_clients, partners) = if can_record {
        let mine = own_clients(db, actor, b.id).await?;
        let partners = partner::Entity::find()
            .filter(partner::Column::BapasId.eq(b.id))
            .filter(partner::Column::Active.eq(true))
            .order_by_asc(partner::Column::NameFolded)
            .all(db)
            .await?;
        let kanwil = KanwilId(b.kanwil_id);
        (
            mine.into_iter()
                .map(|c| {
                    let at = case_at(&c, kanwil);
                    disclose(PersonRef { id: c.public_id, name: c.full_name }, policy::identity(actor, at))
                })
                .collect(),
            partners.into_iter().map(|p| PersonRef { id: p.public_id, name: p.name }).collect(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(OfficeActivities { bapas, activities, can_record, my_clients, partners })
}

/// Activities as the viewer sees them: partners and counts for all, names for the office.
async fn views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    b: &bapas::Model,
    rows: Vec<social_activity::Model>,
) -> ServiceResult<Vec<ActivityView>> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let partner_links = social_activity_partner::Entity::find()
        .filter(social_activity_partner::Column::ActivityId.is_in(ids.clone()))
        .all(db)
        .await?;
    let partner_names =
        crate::partners::names(db, partner_links.iter().map(|l| l.partner_id).collect()).await?;
    let client_links = social_activity_client::Entity::find()
        .filter(social_activity_client::Column::ActivityId.is_in(ids))
        .all(db)
        .await?;
    let names = policy::sees_peduli_names(actor, BapasId(b.id));
    let clients: HashMap<i32, client::Model> = if names {
        client::Entity::find()
            .filter(client::Column::Id.is_in(client_links.iter().map(|l| l.client_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect()
    } else {
        HashMap::new()
    };
    let bapas = PersonRef { id: b.public_id, name: b.name.clone() };
    let kanwil = KanwilId(b.kanwil_id);
    Ok(rows
        .into_iter()
        .map(|r| {
            let own: Vec<i32> =
                client_links.iter().filter(|l| l.activity_id == r.id).map(|l| l.client_id).collect();
            let mut people: Vec<PersonRef> = own
                .iter()
                .filter_map(|id| clients.get(id))
                .map(|c| {
                    disclose(
                        PersonRef { id: c.public_id, name: c.full_name.clone() },
                        policy::identity(actor, case_at(c, kanwil)),
                    )
                })
                .collect();
            people.sort_by(|a, b| a.name.cmp(&b.name));
            ActivityView {
                id: r.public_id,
                bapas: bapas.clone(),
                held_on: r.held_on,
                place: r.place,
                kind: ActivityKind::parse(&r.kind).unwrap_or(ActivityKind::Lainnya),
                description: r.description,
                partners: partner_links
                    .iter()
                    .filter(|l| l.activity_id == r.id)
                    .filter_map(|l| partner_names.get(&l.partner_id).map(|(_, n)| n.clone()))
                    .collect(),
                participants: u32::try_from(own.len()).unwrap_or(0),
                clients: people,
            }
        })
        .collect())
}

/// The clients `ids` if each is one the actor adds: their own, active, of the office.
async fn addable<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    bapas_id: i32,
    ids: &[Uuid],
) -> ServiceResult<Vec<i32>> {
    let mine = own_clients(db, actor, bapas_id).await?;
    ids.iter()
        .map(|id| {
            mine.iter()
                .find(|c| c.public_id == *id)
                .map(|c| c.id)
                .ok_or_else(|| ErrorKind::field("clients", Problem::UnknownReference).into())
        })
        .collect()
}

async fn link_clients<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    activity_id: i32,
    clients: &[i32],
    now: OffsetDateTime,
) -> ServiceResult<u32> {
    let already: HashSet<i32> = social_activity_client::Entity::find()
        .filter(social_activity_client::Column::ActivityId.eq(activity_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.client_id)
        .collect();
    let mut added = 0;
    for &client_id in clients.iter().filter(|c| !already.contains(c)) {
        social_activity_client::ActiveModel {
            activity_id: Set(activity_id),
            client_id: Set(client_id),
            added_by: Set(actor.user_key()),
            added_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        added += 1;
    }
    Ok(added)
}

/// Records an activity of the actor's office, with the partners who joined and the actor's
/// own clients who took part.
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &ActivityForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let Some(office) = actor.bapas_id.filter(|b| policy::can_record_peduli(actor, *b)) else {
        return Err(ServiceError::not_found());
    };
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let partners = partner::Entity::find()
        .filter(partner::Column::PublicId.is_in(draft.partners.iter().copied()))
        .filter(partner::Column::BapasId.eq(office.get()))
        .all(&txn)
        .await?;
    if partners.len() != draft.partners.len() {
        return Err(ErrorKind::field("partners", Problem::UnknownReference).into());
    }
    let clients = addable(&txn, actor, office.get(), &draft.clients).await?;
    let saved = social_activity::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        bapas_id: Set(office.get()),
        held_on: Set(draft.held_on),
        place: Set(draft.place.clone()),
        kind: Set(draft.kind.as_str().to_owned()),
        description: Set(draft.description.clone()),
        recorded_by: Set(actor.user_key()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for p in &partners {
        social_activity_partner::ActiveModel {
            activity_id: Set(saved.id),
            partner_id: Set(p.id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let added = link_clients(&txn, actor, saved.id, &clients, now).await?;
    let changes = Changes::new()
        .set("held_on", &draft.held_on.to_string())
        .set("kind", &saved.kind)
        .set("place", &saved.place)
        .set("partners", &partners.iter().map(|p| p.public_id).collect::<Vec<_>>())
        .set("clients_added", &added);
    audit::record(&txn, actor, now, "create", "social_activity", &saved.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(saved.public_id)
}

/// Adds the actor's own clients who took part to an activity of their office (those already
/// there stay once).
pub async fn add_participants(
    db: &DatabaseConnection,
    actor: &Actor,
    activity: Uuid,
    form: &ParticipantsForm,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let ids = form.parse()?;
    let txn = begin_write(db).await?;
    let row = social_activity::Entity::find()
        .filter(social_activity::Column::PublicId.eq(activity))
        .one(&txn)
        .await?
        .filter(|r| policy::can_record_peduli(actor, BapasId(r.bapas_id)))
        .ok_or_else(ServiceError::not_found)?;
    let clients = addable(&txn, actor, row.bapas_id, &ids).await?;
    let added = link_clients(&txn, actor, row.id, &clients, now).await?;
    if added > 0 {
        let changes = Changes::new().set("clients_added", &added);
        audit::record(&txn, actor, now, "update", "social_activity", &row.public_id.to_string(), &changes)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The clients who took part in each of `activities` (by activity id; none listed for an
/// activity without participants). The overview and the monthly report count from it.
pub(super) async fn participants<C: ConnectionTrait>(
    db: &C,
    activities: &[social_activity::Model],
) -> ServiceResult<HashMap<i32, Vec<i32>>> {
    let links: Vec<(i32, i32)> = social_activity_client::Entity::find()
        .select_only()
        .column(social_activity_client::Column::ActivityId)
        .column(social_activity_client::Column::ClientId)
        .filter(social_activity_client::Column::ActivityId.is_in(activities.iter().map(|a| a.id)))
        .into_tuple()
        .all(db)
        .await?;
    let mut by_activity: HashMap<i32, Vec<i32>> = HashMap::new();
    for (activity, client) in links {
        by_activity.entry(activity).or_default().push(client);
    }
    Ok(by_activity)
}

/// Participation per office of the actor's figures scope and month, the last
/// [`OVERVIEW_MONTHS`] months to `today`'s; offices that reported nothing this month first.
pub async fn overview(db: &DatabaseConnection, actor: &Actor, today: Date) -> ServiceResult<PeduliOverview> {
    let scope = policy::figures_scope(actor);
    if scope.is_empty() {
        return Err(ServiceError::not_found());
    }
    let offices = bapas::Entity::find()
        .filter(office_condition(db, scope, bapas::Column::Id).await?)
        .filter(bapas::Column::Active.eq(true))
        .order_by_asc(bapas::Column::Name)
        .all(db)
        .await?;
    let months = CalendarMonth::of(today).last(OVERVIEW_MONTHS);
    let (from, to) = (months[0].first_day(), months[months.len() - 1].last_day());
    let activities = social_activity::Entity::find()
        .filter(social_activity::Column::BapasId.is_in(offices.iter().map(|b| b.id)))
        .filter(social_activity::Column::HeldOn.between(from, to))
        .all(db)
        .await?;
    let taking_part = participants(db, &activities).await?;
    let held: Vec<Held<i32>> = activities
        .iter()
        .map(|a| Held {
            office: a.bapas_id,
            on: a.held_on,
            clients: taking_part.get(&a.id).cloned().unwrap_or_default(),
        })
        .collect();
    let mut counts = tally(&months, &held);
    let kanwils: HashMap<i32, String> = kanwil::Entity::find()
        .filter(kanwil::Column::Id.is_in(offices.iter().map(|b| b.kanwil_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|k| (k.id, k.name))
        .collect();
    let mut rows: Vec<OfficeParticipation> = offices
        .into_iter()
        .map(|b| OfficeParticipation {
            months: counts.remove(&b.id).unwrap_or_else(|| vec![Default::default(); months.len()]),
            kanwil: kanwils.get(&b.kanwil_id).cloned().unwrap_or_default(),
            bapas: PersonRef { id: b.public_id, name: b.name },
        })
        .collect();
    rows.sort_by_key(|r| r.reported_this_month());
    Ok(PeduliOverview { months, offices: rows, today })
}
