//! Closing a placement: its printable documents (the hours statement, and the letter to the
//! prosecutor when it is late or has unexcused absences) and its completion, which for a
//! kerja sosial sentence also ends the client's supervision (status *selesai*).

use pamong_domain::client::ClientStatus;
use pamong_domain::kerja_sosial::{PlacementDocument, PlacementStatus, Progress, progress, remaining};
use pamong_domain::legal::LegalBasis;
use pamong_domain::logs::ExportKind;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{ks_placement, ks_session};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{Ledger, client_of, placement, placement_views, sentence};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::people;
use crate::clients::registry::set_status;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::exports::{self, Export};
use crate::offices::letterhead;
use crate::policy::CaseAt;
use crate::{policy, privacy};

/// A placement's documents, for whoever places its client (the PK, the Kabapas). Printing
/// a child's is a view of the child's record: it is logged.
pub async fn document(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<PlacementDocument> {
    Ok(documented(db, actor, id, today, now).await?.0)
}

/// The hours statement for printing as a document: [`document`], and the print written to
/// the export log under the client's register number.
pub async fn statement_for_print(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<PlacementDocument> {
    let (doc, at) = documented(db, actor, id, today, now).await?;
    let export = Export {
        kind: ExportKind::HoursStatement,
        filter: &doc.register_number,
        rows: 1,
        bapas: Some(at.bapas_id),
        kanwil: Some(at.kanwil_id),
    };
    exports::record(db, actor, export, now).await?;
    Ok(doc)
}

async fn documented(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<(PlacementDocument, CaseAt)> {
    let p = placement(db, id).await?;
    let (client, at) = client_of(db, &p).await?;
    if !policy::can_place(actor, at) {
        return Err(ServiceError::not_found());
    }
    let view = placement_views(db, actor, vec![p], today, Ledger::Full)
        .await?
        .into_iter()
        .next()
        .ok_or_else(ServiceError::not_found)?;
    let office = letterhead(db, client.bapas_id).await?;
    let officer = match client.pk_id {
        Some(pk) => people(db, vec![pk]).await?.remove(&pk).map(|p| p.name),
        None => None,
    };
    if client.is_child {
        privacy::log(db, actor, "ks_placement", &client, None, now).await?;
    }
    // The placement went through the masking step in `placement_views`; the rest names the
    // office and the officer, never the person.
    let doc = PlacementDocument {
        office,
        placement: view,
        register_number: client.register_number,
        officer,
        today,
    };
    Ok((doc, at))
}

/// Closes a placement whose every hour is signed off; a kerja sosial sentence's client
/// leaves supervision with it (status *selesai*, the hours in the reason). One transaction,
/// audited.
pub async fn complete(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let p = placement(&txn, id).await?;
    let (client, at) = client_of(&txn, &p).await?;
    if !policy::can_place(actor, at) {
        return Err(ServiceError::not_found());
    }
    if p.status != PlacementStatus::Aktif.as_str() {
        return Err(ErrorKind::Conflict.into());
    }
    let signed: u32 = ks_session::Entity::find()
        .filter(ks_session::Column::PlacementId.eq(p.id))
        .filter(ks_session::Column::SignedOffAt.is_not_null())
        .all(&txn)
        .await?
        .iter()
        .map(|s| u32::try_from(s.minutes).unwrap_or(0))
        .sum();
    let sentence = sentence(&p);
    if progress(&sentence, signed, today) != Progress::Completed {
        let hours = remaining(&sentence, signed).div_ceil(60);
        return Err(ErrorKind::field("placement", Problem::HoursLeft { hours }).into());
    }
    let mut model: ks_placement::ActiveModel = p.clone().into();
    model.status = Set(PlacementStatus::Selesai.as_str().to_owned());
    model.updated_at = Set(now);
    model.update(&txn).await?;
    let changes = Changes::of_client(&client).set("hours", &p.hours).set("signed_minutes", &signed);
    audit::record(&txn, actor, now, "complete", "ks_placement", &id.to_string(), &changes).await?;
    let sentenced = LegalBasis::parse(&client.legal_basis) == Some(LegalBasis::KerjaSosial);
    if sentenced && client.status == ClientStatus::Aktif.as_str() {
        let reason = format!("Pidana kerja sosial {} jam selesai ({})", p.hours, p.decision_number);
        set_status(&txn, actor, client, ClientStatus::Selesai, today, Some(reason), now).await?;
    }
    txn.commit().await?;
    Ok(())
}
