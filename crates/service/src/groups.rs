//! Kelayan Binter groups: formed by the Kabapas with a coordinator, who keeps the members,
//! records meetings (attendance, minutes, decisions, action items) and marks items done.
//! Officers put clients under a group's attention; the group sees only what it needs of them.

use std::collections::HashMap;

use pamong_domain::caseload::PersonRef;
use pamong_domain::error::{ErrorKind, FieldErrors, Problem};
use pamong_domain::export::ExportFormat;
use pamong_domain::groups::{
    ActionView, GroupForm, GroupRow, GroupView, MeetingForm, MeetingView, MemberForm, MemberRole, MemberView,
    Owner, WatchedClient, action_overdue,
};
use pamong_domain::logs::ExportKind;
use pamong_domain::office::OfficeRef;
use pamong_domain::privacy::disclose;
use pamong_domain::reporting::RiskBand;
use pamong_entity::{
    bapas, client, kb_action, kb_attendance, kb_client, kb_group, kb_meeting, kb_member, user,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::{case_at, find_editable, kanwils_of, people};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult, unique_to_field};
use crate::ids::{BapasId, KanwilId, UserId};
use crate::policy::{self, GroupAt, GroupsOf};

struct Found {
    row: kb_group::Model,
    at: GroupAt,
}

async fn locate<C: ConnectionTrait>(db: &C, id: Uuid) -> ServiceResult<Found> {
    let row = kb_group::Entity::find()
        .filter(kb_group::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let office =
        bapas::Entity::find_by_id(row.bapas_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let at = GroupAt {
        bapas_id: BapasId(row.bapas_id),
        kanwil_id: KanwilId(office.kanwil_id),
        coordinator_id: row.coordinator_id.map(UserId),
    };
    Ok(Found { row, at })
}

async fn find_readable<C: ConnectionTrait>(db: &C, actor: &Actor, id: Uuid) -> ServiceResult<Found> {
    let found = locate(db, id).await?;
    if policy::can_read_group(actor, found.at) { Ok(found) } else { Err(ServiceError::not_found()) }
}

async fn find_managed<C: ConnectionTrait>(db: &C, actor: &Actor, id: Uuid) -> ServiceResult<Found> {
    let found = locate(db, id).await?;
    if policy::can_manage_group(actor, found.at) { Ok(found) } else { Err(ServiceError::not_found()) }
}

fn areas(raw: &str) -> Vec<String> {
    raw.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect()
}

/// The groups the actor may read: a coordinator their own, the office's staff the office's,
/// the Kanwil the region's, the admin all.
pub async fn list(db: &DatabaseConnection, actor: &Actor, today: Date) -> ServiceResult<Vec<GroupRow>> {
    let rows = kb_group::Entity::find()
        .filter(kb_group::Column::Active.eq(true))
        .order_by_asc(kb_group::Column::Name)
        .all(db)
        .await?;
    let offices: HashMap<i32, i32> =
        bapas::Entity::find().all(db).await?.into_iter().map(|b| (b.id, b.kanwil_id)).collect();
    let names = people(db, rows.iter().filter_map(|g| g.coordinator_id).collect()).await?;
    let mut out = Vec::new();
    for g in rows {
        let at = GroupAt {
            bapas_id: BapasId(g.bapas_id),
            kanwil_id: KanwilId(offices.get(&g.bapas_id).copied().unwrap_or(0)),
            coordinator_id: g.coordinator_id.map(UserId),
        };
        if !policy::can_read_group(actor, at) {
            continue;
        }
        let members = kb_member::Entity::find()
            .filter(kb_member::Column::GroupId.eq(g.id))
            .filter(kb_member::Column::LeftOn.is_null())
            .all(db)
            .await?
            .len();
        let open: Vec<kb_action::Model> = kb_action::Entity::find()
            .filter(kb_action::Column::GroupId.eq(g.id))
            .filter(kb_action::Column::DoneOn.is_null())
            .all(db)
            .await?;
        let overdue = open.iter().filter(|a| action_overdue(a.due_on, a.done_on, today)).count();
        out.push(GroupRow {
            id: g.public_id,
            name: g.name,
            areas: areas(&g.areas),
            coordinator: g.coordinator_id.and_then(|c| names.get(&c)).map(|p| p.name.clone()),
            members,
            open_actions: (open.len(), overdue),
        });
    }
    Ok(out)
}

/// The groups as [`list`] reads them, for a download in `format`; written to the export log.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    format: ExportFormat,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Vec<GroupRow>> {
    crate::exports::logged_list(db, actor, ExportKind::GroupList, list(db, actor, today).await?, format, now)
        .await
}

/// Forms a group in the Kabapas's office, with a coordinator of that office.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &GroupForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let Some(bapas_id) = actor.bapas_id.filter(|_| policy::can_create_group(actor)) else {
        return Err(ServiceError::not_found());
    };
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let coordinator = match draft.coordinator_id {
        Some(id) => Some(
            user::Entity::find()
                .filter(user::Column::PublicId.eq(id))
                .filter(user::Column::BapasId.eq(bapas_id))
                .filter(user::Column::Role.eq(policy::COORDINATOR_ROLE.as_str()))
                .one(&txn)
                .await?
                .ok_or_else(|| ErrorKind::field("coordinator_id", Problem::UnknownReference))?
                .id,
        ),
        None => None,
    };
    let row = kb_group::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        bapas_id: Set(bapas_id.get()),
        name: Set(draft.name),
        areas: Set(draft.areas.join(", ")),
        coordinator_id: Set(coordinator),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::at_office(bapas_id.get())
        .set("name", &row.name)
        .set("areas", &row.areas)
        .set("coordinator_id", &row.coordinator_id);
    audit::record(&txn, actor, now, "create", "kb_group", &row.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(row.public_id)
}

/// The coordinators of the actor's office (for forming a group).
pub async fn coordinators(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<Vec<PersonRef>> {
    let Some(bapas_id) = actor.bapas_id.filter(|_| policy::can_create_group(actor)) else {
        return Ok(Vec::new());
    };
    Ok(user::Entity::find()
        .filter(user::Column::BapasId.eq(bapas_id))
        .filter(user::Column::Role.eq(policy::COORDINATOR_ROLE.as_str()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .map(|u| PersonRef { id: u.public_id, name: u.full_name })
        .collect())
}

/// A group's page.
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: Uuid, today: Date) -> ServiceResult<GroupView> {
    let Found { row, at } = find_readable(db, actor, id).await?;
    let office =
        bapas::Entity::find_by_id(row.bapas_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let members = kb_member::Entity::find()
        .filter(kb_member::Column::GroupId.eq(row.id))
        .order_by_asc(kb_member::Column::Id)
        .all(db)
        .await?;
    let member_names: HashMap<i32, String> = members.iter().map(|m| (m.id, m.name.clone())).collect();
    let meetings = kb_meeting::Entity::find()
        .filter(kb_meeting::Column::GroupId.eq(row.id))
        .order_by_desc(kb_meeting::Column::HeldOn)
        .order_by_desc(kb_meeting::Column::Id)
        .all(db)
        .await?;
    let attendance = kb_attendance::Entity::find()
        .filter(kb_attendance::Column::MeetingId.is_in(meetings.iter().map(|m| m.id)))
        .all(db)
        .await?;
    let officers = crate::clients::officers_of(db, BapasId(row.bapas_id)).await?;
    let actions = actions_of(db, vec![row.id], &member_names, today).await?;
    let clients = watched(db, actor, at, row.id).await?;
    let coordinator = match row.coordinator_id {
        Some(c) => people(db, vec![c]).await?.remove(&c),
        None => None,
    };
    let meetings = meetings
        .into_iter()
        .map(|m| {
            let present: Vec<String> = attendance
                .iter()
                .filter(|a| a.meeting_id == m.id)
                .filter_map(|a| member_names.get(&a.member_id).cloned())
                .collect();
            let count = members
                .iter()
                .filter(|x| x.joined_on <= m.held_on && x.left_on.is_none_or(|l| l >= m.held_on))
                .count();
            MeetingView {
                id: m.public_id,
                held_on: m.held_on,
                place: m.place,
                agenda: m.agenda,
                minutes: m.minutes,
                decisions: m.decisions.as_deref().unwrap_or_default().lines().map(str::to_owned).collect(),
                present,
                members: count,
            }
        })
        .collect();
    Ok(GroupView {
        id: row.public_id,
        bapas: OfficeRef { id: office.public_id, name: office.name },
        name: row.name,
        areas: areas(&row.areas),
        coordinator,
        members: members
            .into_iter()
            .map(|m| MemberView {
                id: m.public_id,
                role: MemberRole::parse(&m.role).unwrap_or(MemberRole::Anggota),
                name: m.name,
                institution: m.institution,
                phone: m.phone,
                email: m.email,
                joined_on: m.joined_on,
                left_on: m.left_on,
            })
            .collect(),
        meetings,
        actions,
        clients,
        officers,
        can_manage: policy::can_manage_group(actor, at),
    })
}

async fn actions_of<C: ConnectionTrait>(
    db: &C,
    groups: Vec<i32>,
    member_names: &HashMap<i32, String>,
    today: Date,
) -> ServiceResult<Vec<ActionView>> {
    let rows = kb_action::Entity::find()
        .filter(kb_action::Column::GroupId.is_in(groups.clone()))
        .order_by_asc(kb_action::Column::DueOn)
        .all(db)
        .await?;
    let officers = people(db, rows.iter().filter_map(|a| a.owner_user_id).collect()).await?;
    let group_names: HashMap<i32, (Uuid, String)> = kb_group::Entity::find()
        .filter(kb_group::Column::Id.is_in(groups))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, (g.public_id, g.name)))
        .collect();
    let mut out: Vec<ActionView> = rows
        .into_iter()
        .map(|a| {
            let owner = match (a.owner_member_id, a.owner_user_id) {
                (Some(m), _) => member_names.get(&m).cloned().unwrap_or_default(),
                (None, Some(u)) => officers.get(&u).map(|p| format!("PK {}", p.name)).unwrap_or_default(),
                (None, None) => String::new(),
            };
            let (gid, gname) = group_names.get(&a.group_id).cloned().unwrap_or((Uuid::nil(), String::new()));
            ActionView {
                id: a.public_id,
                group: PersonRef { id: gid, name: gname },
                title: a.title,
                owner,
                due_on: a.due_on,
                done_on: a.done_on,
                overdue: action_overdue(a.due_on, a.done_on, today),
            }
        })
        .collect();
    // Open items first (overdue on top), then done ones.
    out.sort_by_key(|a| (a.done_on.is_some(), !a.overdue, a.due_on));
    Ok(out)
}

/// The clients under the group's attention, each as the actor may see them.
async fn watched<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    group: GroupAt,
    group_id: i32,
) -> ServiceResult<Vec<WatchedClient>> {
    let links = kb_client::Entity::find()
        .filter(kb_client::Column::GroupId.eq(group_id))
        .filter(kb_client::Column::RemovedOn.is_null())
        .all(db)
        .await?;
    let clients: HashMap<i32, client::Model> = client::Entity::find()
        .filter(client::Column::Id.is_in(links.iter().map(|l| l.client_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let kanwils = kanwils_of(db, clients.values().map(|c| c.bapas_id)).await?;
    let pks = people(db, clients.values().filter_map(|c| c.pk_id).collect()).await?;
    Ok(links
        .into_iter()
        .filter_map(|l| {
            let c = clients.get(&l.client_id)?;
            let at = case_at(c, kanwils.get(&c.bapas_id).copied().unwrap_or(KanwilId(0)));
            let view = WatchedClient {
                name: c.full_name.clone(),
                area: c.address.clone(),
                risk_band: c.risk_band.as_deref().and_then(RiskBand::parse),
                pk: c.pk_id.and_then(|p| pks.get(&p)).map(|p| p.name.clone()),
                reason: l.reason,
                since: l.added_on,
            };
            Some(disclose(view, policy::watched_client_identity(actor, group, at)))
        })
        .collect())
}

/// Adds a member to a group.
pub async fn add_member(
    db: &DatabaseConnection,
    actor: &Actor,
    group: Uuid,
    form: &MemberForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let Found { row, .. } = find_managed(&txn, actor, group).await?;
    let m = kb_member::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        group_id: Set(row.id),
        name: Set(draft.name),
        institution: Set(draft.institution),
        role: Set(draft.role.as_str().into()),
        phone: Set(draft.phone),
        email: Set(draft.email),
        joined_on: Set(draft.joined_on),
        left_on: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::new().set("group", &row.public_id).set("name", &m.name).set("role", &m.role);
    audit::record(&txn, actor, now, "create", "kb_member", &m.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// Records that a member left the group on `left_on`.
pub async fn end_membership(
    db: &DatabaseConnection,
    actor: &Actor,
    member: Uuid,
    left_on: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let m = kb_member::Entity::find()
        .filter(kb_member::Column::PublicId.eq(member))
        .one(&txn)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let g = kb_group::Entity::find_by_id(m.group_id).one(&txn).await?.ok_or_else(ServiceError::not_found)?;
    find_managed(&txn, actor, g.public_id).await?;
    if left_on < m.joined_on {
        return Err(ErrorKind::field("left_on", Problem::BeforeStart).into());
    }
    let mut model: kb_member::ActiveModel = m.into();
    model.left_on = Set(Some(left_on));
    model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        now,
        "update",
        "kb_member",
        &member.to_string(),
        &Changes::new().set("left_on", &left_on),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records a meeting with its attendance and new action items, in one transaction.
pub async fn record_meeting(
    db: &DatabaseConnection,
    actor: &Actor,
    group: Uuid,
    form: &MeetingForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let draft = form.parse(today)?;
    let txn = begin_write(db).await?;
    let Found { row, .. } = find_managed(&txn, actor, group).await?;
    let members: HashMap<Uuid, i32> = kb_member::Entity::find()
        .filter(kb_member::Column::GroupId.eq(row.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| (m.public_id, m.id))
        .collect();
    let officers: HashMap<Uuid, i32> = user::Entity::find()
        .filter(user::Column::BapasId.eq(row.bapas_id))
        .filter(user::Column::Role.eq(policy::CASELOAD_ROLE.as_str()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|u| (u.public_id, u.id))
        .collect();
    let mut errors = FieldErrors::new();
    if draft.present.iter().any(|p| !members.contains_key(p)) {
        errors.add("present", Problem::UnknownReference);
    }
    for (i, a) in draft.actions.iter().enumerate() {
        let known = match a.owner {
            Owner::Member(m) => members.contains_key(&m),
            Owner::Officer(u) => officers.contains_key(&u),
        };
        if !known {
            errors.add(&format!("actions.{i}.owner"), Problem::UnknownReference);
        }
    }
    if !errors.is_empty() {
        return Err(ErrorKind::Invalid(errors).into());
    }
    let meeting = kb_meeting::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        group_id: Set(row.id),
        held_on: Set(draft.held_on),
        place: Set(draft.place),
        agenda: Set(draft.agenda),
        minutes: Set(draft.minutes),
        decisions: Set((!draft.decisions.is_empty()).then(|| draft.decisions.join("\n"))),
        recorded_by: Set(actor.user_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for p in &draft.present {
        if let Some(member_id) = members.get(p) {
            kb_attendance::ActiveModel {
                meeting_id: Set(meeting.id),
                member_id: Set(*member_id),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    for a in &draft.actions {
        let (member, officer) = match a.owner {
            Owner::Member(m) => (members.get(&m).copied(), None),
            Owner::Officer(u) => (None, officers.get(&u).copied()),
        };
        kb_action::ActiveModel {
            public_id: Set(Uuid::now_v7()),
            group_id: Set(row.id),
            meeting_id: Set(Some(meeting.id)),
            title: Set(a.title.clone()),
            owner_member_id: Set(member),
            owner_user_id: Set(officer),
            due_on: Set(a.due_on),
            done_on: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let changes = Changes::new()
        .set("group", &row.public_id)
        .set("held_on", &meeting.held_on)
        .set("present", &draft.present.len())
        .set("actions", &draft.actions.len());
    audit::record(&txn, actor, now, "create", "kb_meeting", &meeting.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(meeting.public_id)
}

/// Marks an action item done today.
pub async fn complete_action(
    db: &DatabaseConnection,
    actor: &Actor,
    action: Uuid,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let a = kb_action::Entity::find()
        .filter(kb_action::Column::PublicId.eq(action))
        .one(&txn)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let g = kb_group::Entity::find_by_id(a.group_id).one(&txn).await?.ok_or_else(ServiceError::not_found)?;
    find_managed(&txn, actor, g.public_id).await?;
    if a.done_on.is_some() {
        return Err(ErrorKind::Conflict.into());
    }
    let mut model: kb_action::ActiveModel = a.into();
    model.done_on = Set(Some(today));
    model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        now,
        "complete",
        "kb_action",
        &action.to_string(),
        &Changes::new().set("done_on", &today),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The open action items of the coordinator's groups (or the Kabapas's office), overdue first.
pub async fn open_actions(
    db: &DatabaseConnection,
    actor: &Actor,
    today: Date,
) -> ServiceResult<Vec<ActionView>> {
    let groups: Vec<i32> = match policy::group_actions_scope(actor) {
        Some(GroupsOf::Coordinated(me)) => {
            kb_group::Entity::find().filter(kb_group::Column::CoordinatorId.eq(me)).all(db).await?
        }
        Some(GroupsOf::Office(office)) => {
            kb_group::Entity::find().filter(kb_group::Column::BapasId.eq(office)).all(db).await?
        }
        None => Vec::new(),
    }
    .into_iter()
    .map(|g| g.id)
    .collect();
    let members: HashMap<i32, String> = kb_member::Entity::find()
        .filter(kb_member::Column::GroupId.is_in(groups.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    Ok(actions_of(db, groups, &members, today).await?.into_iter().filter(|a| a.done_on.is_none()).collect())
}

/// Puts a client under a group's attention: the client's PK or the Kabapas, for a group of
/// the client's office.
pub async fn watch_client(
    db: &DatabaseConnection,
    actor: &Actor,
    group: Uuid,
    client: Uuid,
    reason: &str,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ErrorKind::field("watch_reason", Problem::Required).into());
    }
    if reason.chars().count() > 500 {
        return Err(ErrorKind::field("watch_reason", Problem::TooLong { max: 500 }).into());
    }
    let txn = begin_write(db).await?;
    let c = find_editable(&txn, actor, client).await?;
    let g = locate(&txn, group).await?;
    if g.row.bapas_id != c.row.bapas_id {
        return Err(ErrorKind::field("group", Problem::UnknownReference).into());
    }
    let already = kb_client::Entity::find()
        .filter(kb_client::Column::GroupId.eq(g.row.id))
        .filter(kb_client::Column::ClientId.eq(c.row.id))
        .filter(kb_client::Column::RemovedOn.is_null())
        .one(&txn)
        .await?;
    if already.is_some() {
        return Err(ErrorKind::field("group", Problem::Taken).into());
    }
    kb_client::ActiveModel {
        group_id: Set(g.row.id),
        client_id: Set(c.row.id),
        reason: Set(reason.to_owned()),
        added_by: Set(actor.user_key()),
        added_on: Set(today),
        removed_on: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    // Someone added the client in the same moment (the check above saw neither).
    .map_err(|e| unique_to_field(e, "group"))?;
    let changes = Changes::of_client(&c.row).set("group", &g.row.public_id).text("reason", &reason);
    audit::record(&txn, actor, now, "watch", "client", &client.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// The groups of a client's office, for putting the client under one's attention.
pub async fn groups_for_client(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
) -> ServiceResult<Vec<PersonRef>> {
    let c = find_editable(db, actor, client).await?;
    Ok(kb_group::Entity::find()
        .filter(kb_group::Column::BapasId.eq(c.row.bapas_id))
        .filter(kb_group::Column::Active.eq(true))
        .order_by_asc(kb_group::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|g| PersonRef { id: g.public_id, name: g.name })
        .collect())
}
