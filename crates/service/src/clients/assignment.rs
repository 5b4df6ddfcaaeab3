//! Who supervises a client: the Kabapas's view of each officer's caseload, reassignment
//! within the office, and transfers to another Bapas that the receiving Kabapas accepts.

use std::collections::BTreeMap;

use pamong_domain::caseload::{OfficerLoad, PersonRef, TransferForm, TransferView};
use pamong_domain::client::ClientStatus;
use pamong_domain::office::OfficeRef;
use pamong_domain::privacy::disclose;
use pamong_domain::reporting::RiskBand;
use pamong_domain::validate::required_text;
use pamong_domain::{ErrorKind, FieldErrors, Problem};
use pamong_entity::{bapas, client, client_transfer, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::registry::set_status;
use super::{Found, case_at, find_editable, kanwils_of, locate};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::{begin_write, update_if};
use crate::error::{ServiceError, ServiceResult};
use crate::ids::{BapasId, KanwilId};
use crate::policy::{self, CaseAt};

/// Transfer states.
const WAITING: &str = "menunggu";
pub(crate) const ACCEPTED: &str = "diterima";
const REFUSED: &str = "ditolak";

/// Each PK's active caseload in the Kabapas's office (every PK, even with no clients, and
/// the unassigned clients last).
pub async fn officer_loads(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<Vec<OfficerLoad>> {
    let Some(bapas_id) = policy::office_caseload(actor) else {
        return Err(ServiceError::not_found());
    };
    let officers = user::Entity::find()
        .filter(user::Column::BapasId.eq(bapas_id))
        .filter(user::Column::Role.eq(policy::CASELOAD_ROLE.as_str()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?;
    let rows: Vec<(Option<i32>, Option<String>, i64)> = client::Entity::find()
        .select_only()
        .column(client::Column::PkId)
        .column(client::Column::RiskBand)
        .column_as(client::Column::Id.count(), "n")
        .filter(client::Column::BapasId.eq(bapas_id))
        .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
        .group_by(client::Column::PkId)
        .group_by(client::Column::RiskBand)
        .into_tuple()
        .all(db)
        .await?;
    let mut loads: BTreeMap<Option<i32>, OfficerLoad> = BTreeMap::new();
    let empty = |pk| OfficerLoad { pk, by_band: [0; 4], unassessed: 0 };
    for o in &officers {
        loads.insert(Some(o.id), empty(Some(PersonRef { id: o.public_id, name: o.full_name.clone() })));
    }
    for (pk, band, n) in rows {
        // A client of an officer who left the office still counts, under "unassigned".
        let key = if loads.contains_key(&pk) { pk } else { None };
        let load = loads.entry(key).or_insert_with(|| empty(None));
        let n = u64::try_from(n).unwrap_or(0);
        match band.as_deref().and_then(RiskBand::parse) {
            Some(b) => load.by_band[RiskBand::ALL.iter().position(|x| *x == b).unwrap_or(0)] += n,
            None => load.unassessed += n,
        }
    }
    let unassigned = loads.remove(&None);
    let mut out: Vec<OfficerLoad> = officers.iter().filter_map(|o| loads.remove(&Some(o.id))).collect();
    out.extend(unassigned.filter(|u| u.total() > 0));
    Ok(out)
}

/// Gives a client to another PK of the same office (Kabapas only), audited.
pub async fn reassign(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    pk: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let Found { row, at } = locate(&txn, id).await?;
    if !policy::can_reassign_client(actor, at) {
        return Err(ServiceError::not_found());
    }
    let officer = user::Entity::find()
        .filter(user::Column::PublicId.eq(pk))
        .filter(user::Column::BapasId.eq(row.bapas_id))
        .filter(user::Column::Role.eq(policy::CASELOAD_ROLE.as_str()))
        .filter(user::Column::Active.eq(true))
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::from(ErrorKind::field("pk_id", Problem::UnknownReference)))?;
    let old = row.pk_id;
    let public_id = row.public_id;
    let about = Changes::of_client(&row);
    let mut model: client::ActiveModel = row.into();
    model.pk_id = Set(Some(officer.id));
    model.updated_at = Set(now);
    model.update(&txn).await?;
    let changes = about.diff("pk_id", &old, &Some(officer.id));
    audit::record(&txn, actor, now, "reassign", "client", &public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// Asks another Bapas to take over a client (the assigned PK or the Kabapas).
pub async fn request_transfer(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &TransferForm,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let mut errors = FieldErrors::new();
    let reason = required_text(&mut errors, "reason", &form.reason, 500);
    let to = Uuid::parse_str(form.to_bapas.trim()).ok();
    if to.is_none() {
        errors.add(
            "to_bapas",
            if form.to_bapas.trim().is_empty() { Problem::Required } else { Problem::BadFormat },
        );
    }
    let (reason, to) = errors.into_result((reason, to))?;
    let txn = begin_write(db).await?;
    let Found { row, .. } = find_editable(&txn, actor, id).await?;
    if row.status != ClientStatus::Aktif.as_str() {
        return Err(ServiceError::not_found());
    }
    let target = bapas::Entity::find()
        .filter(bapas::Column::PublicId.eq(to))
        .filter(bapas::Column::Active.eq(true))
        .one(&txn)
        .await?
        .filter(|b| b.id != row.bapas_id)
        .ok_or_else(|| ServiceError::from(ErrorKind::field("to_bapas", Problem::UnknownReference)))?;
    if pending(&txn, row.id).await?.is_some() {
        return Err(ErrorKind::field("to_bapas", Problem::InUse).into());
    }
    let transfer = client_transfer::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        client_id: Set(row.id),
        from_bapas_id: Set(row.bapas_id),
        to_bapas_id: Set(target.id),
        reason: Set(reason.clone()),
        status: Set(WAITING.into()),
        requested_by: Set(actor.user_key()),
        requested_at: Set(now),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_note: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::of_client(&row)
        .set("client", &row.public_id)
        .set("to_bapas", &target.code)
        .text("reason", &reason);
    audit::record(&txn, actor, now, "request", "client_transfer", &transfer.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(())
}

async fn pending<C: ConnectionTrait>(
    db: &C,
    client_id: i32,
) -> ServiceResult<Option<client_transfer::Model>> {
    Ok(client_transfer::Entity::find()
        .filter(client_transfer::Column::ClientId.eq(client_id))
        .filter(client_transfer::Column::Status.eq(WAITING))
        .one(db)
        .await?)
}

async fn view<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    t: client_transfer::Model,
    client: &client::Model,
) -> ServiceResult<TransferView> {
    let office = |id: i32| async move {
        bapas::Entity::find_by_id(id)
            .one(db)
            .await
            .map(|b| b.map(|b| OfficeRef { id: b.public_id, name: b.name }))
    };
    let from = office(t.from_bapas_id).await?.ok_or_else(ServiceError::not_found)?;
    let to = office(t.to_bapas_id).await?.ok_or_else(ServiceError::not_found)?;
    Ok(TransferView {
        id: t.public_id,
        client: PersonRef { id: client.public_id, name: client.full_name.clone() },
        from,
        to,
        reason: t.reason,
        requested_on: t.requested_at.date(),
        can_decide: policy::can_decide_transfer(actor, BapasId(t.to_bapas_id)),
    })
}

/// The waiting transfer of a client, if any, as the actor may see it on the client's page.
pub(crate) async fn pending_for<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    client: &client::Model,
    at: CaseAt,
) -> ServiceResult<Option<TransferView>> {
    match pending(db, client.id).await? {
        Some(t) => Ok(Some(disclose(view(db, actor, t, client).await?, policy::identity(actor, at)))),
        None => Ok(None),
    }
}

/// Transfers waiting for the actor's office to accept (Kabapas only).
pub async fn incoming(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<Vec<TransferView>> {
    let Some(bapas_id) = actor.bapas_id.filter(|b| policy::can_decide_transfer(actor, *b)) else {
        return Ok(Vec::new());
    };
    let rows = client_transfer::Entity::find()
        .filter(client_transfer::Column::ToBapasId.eq(bapas_id))
        .filter(client_transfer::Column::Status.eq(WAITING))
        .find_also_related(client::Entity)
        .order_by_asc(client_transfer::Column::RequestedAt)
        .all(db)
        .await?;
    let kanwils = kanwils_of(db, rows.iter().filter_map(|(_, c)| c.as_ref().map(|c| c.bapas_id))).await?;
    let mut out = Vec::new();
    for (t, c) in rows {
        if let Some(c) = c {
            let at = case_at(&c, kanwils.get(&c.bapas_id).copied().unwrap_or(KanwilId(0)));
            let disclosure = policy::transfer_identity(actor, BapasId(t.to_bapas_id), at);
            out.push(disclose(view(db, actor, t, &c).await?, disclosure));
        }
    }
    Ok(out)
}

/// Accepts or refuses a transfer into the actor's office. On acceptance the client moves to
/// the office, unassigned until the Kabapas gives them to a PK, and the sending office's
/// record is marked `dipindahkan` in the history.
pub async fn decide_transfer(
    db: &DatabaseConnection,
    actor: &Actor,
    transfer: Uuid,
    accept: bool,
    note: &str,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let note = pamong_domain::validate::note("note", note, 1000)?;
    let txn = begin_write(db).await?;
    let t = client_transfer::Entity::find()
        .filter(client_transfer::Column::PublicId.eq(transfer))
        .one(&txn)
        .await?
        .filter(|t| policy::can_decide_transfer(actor, BapasId(t.to_bapas_id)))
        .ok_or_else(ServiceError::not_found)?;
    if t.status != WAITING {
        return Err(ErrorKind::Conflict.into());
    }
    let client =
        client::Entity::find_by_id(t.client_id).one(&txn).await?.ok_or_else(ServiceError::not_found)?;
    let to_bapas_id = t.to_bapas_id;
    // The row joins the client's history (kept by client, wherever they now are).
    let about = Changes::of_client(&client);
    let mut model: client_transfer::ActiveModel = t.clone().into();
    model.status = Set(if accept { ACCEPTED } else { REFUSED }.into());
    model.decided_by = Set(actor.user_key());
    model.decided_at = Set(Some(now));
    model.decision_note = Set(note.clone());
    update_if(&txn, model, client_transfer::Column::Status, WAITING.to_owned()).await?;
    if accept {
        let from =
            bapas::Entity::find_by_id(client.bapas_id).one(&txn).await?.map(|b| b.name).unwrap_or_default();
        // The history keeps "transferred" for the sending office; the client stays active
        // at the new one.
        let moved =
            set_status(&txn, actor, client, ClientStatus::Dipindahkan, now.date(), Some(from.clone()), now)
                .await?;
        let mut model: client::ActiveModel = moved.into();
        model.status_reason = Set(Some(format!("Pindahan dari {from}")));
        model.bapas_id = Set(to_bapas_id);
        model.pk_id = Set(None);
        model.status = Set(ClientStatus::Aktif.as_str().to_owned());
        model.updated_at = Set(now);
        model.update(&txn).await?;
    }
    let changes = about.set("decision", &if accept { ACCEPTED } else { REFUSED }).text("note", &note);
    audit::record(&txn, actor, now, "decide", "client_transfer", &t.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// The offices a client of the actor's can be transferred to: every other active Bapas.
pub async fn transfer_targets(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<Vec<OfficeRef>> {
    let Some(own) = actor.bapas_id.filter(|_| policy::can_register_client(actor)) else {
        return Ok(Vec::new());
    };
    Ok(bapas::Entity::find()
        .filter(bapas::Column::Active.eq(true))
        .filter(bapas::Column::Id.ne(own))
        .order_by_asc(bapas::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|b| OfficeRef { id: b.public_id, name: b.name })
        .collect())
}
