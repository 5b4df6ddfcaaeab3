//! The data-subject export (UU PDP 27/2022 art. 7): everything Pamong holds about one
//! client, for the Kabapas of the client's office. Each table is read whole (`SELECT *`) so a
//! column added later is exported without touching this file; internal integer keys are left
//! out. The export is written to the export log, and for a child to the access log too.

use pamong_domain::logs::ExportKind;
use pamong_domain::subject::{SubjectExport, SubjectSection};
use pamong_entity::{
    abh_case, abh_diversion, abh_event, abh_litmas, access_log, audit_log, bapas, client, client_assessment,
    client_guidance, client_report, client_status_change, client_transfer, client_violation, kb_client,
    referral,
};
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder, Select};
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Found, locate};
use crate::actor::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::exports::{self, Export};
use crate::ids::{BapasId, ClientId};
use crate::{policy, privacy};

/// Columns that hold internal keys: the export names records by their public ids.
fn internal(column: &str) -> bool {
    column == "id" || column.ends_with("_id") && column != "public_id" && column != "entity_id"
}

/// A stored value as text: strings as they are, nothing as empty, the rest as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The rows of one query as a section.
async fn section<E: EntityTrait>(
    db: &DatabaseConnection,
    table: &str,
    select: Select<E>,
) -> ServiceResult<SubjectSection> {
    let rows = select.into_json().all(db).await?;
    let records = rows
        .iter()
        .filter_map(Value::as_object)
        .map(|row| {
            row.iter().filter(|(column, _)| !internal(column)).map(|(c, v)| (c.clone(), text(v))).collect()
        })
        .collect();
    Ok(SubjectSection { table: table.to_owned(), records })
}

/// Everything held about the client `id`, if the actor may produce it; logged.
pub async fn export(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<SubjectExport> {
    let Found { row, at } = locate(db, id).await?;
    if policy::data_subject_office(actor) != Some(BapasId(row.bapas_id)) {
        return Err(ServiceError::not_found());
    }
    let office =
        bapas::Entity::find_by_id(row.bapas_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let key = ClientId(row.id);
    let public = row.public_id.to_string();
    let case = abh_case::Entity::find().filter(abh_case::Column::ClientId.eq(key)).one(db).await?;
    // A case's rows hang off the case's own key; an adult has none, and matches nothing.
    let case_id = case.as_ref().map_or(-1, |c| c.id);
    let sections = vec![
        section(db, "clients", client::Entity::find_by_id(key.get())).await?,
        section(
            db,
            "client_reports",
            by_client(client_report::Entity::find(), client_report::Column::ClientId, key),
        )
        .await?,
        section(
            db,
            "client_guidance",
            by_client(client_guidance::Entity::find(), client_guidance::Column::ClientId, key),
        )
        .await?,
        section(
            db,
            "client_violations",
            by_client(client_violation::Entity::find(), client_violation::Column::ClientId, key),
        )
        .await?,
        section(
            db,
            "client_assessments",
            by_client(client_assessment::Entity::find(), client_assessment::Column::ClientId, key),
        )
        .await?,
        section(
            db,
            "client_status_changes",
            by_client(client_status_change::Entity::find(), client_status_change::Column::ClientId, key),
        )
        .await?,
        section(
            db,
            "client_transfers",
            by_client(client_transfer::Entity::find(), client_transfer::Column::ClientId, key),
        )
        .await?,
        section(db, "referrals", by_client(referral::Entity::find(), referral::Column::ClientId, key))
            .await?,
        section(db, "kb_clients", by_client(kb_client::Entity::find(), kb_client::Column::ClientId, key))
            .await?,
        section(db, "abh_cases", by_client(abh_case::Entity::find(), abh_case::Column::ClientId, key))
            .await?,
        section(db, "abh_litmas", by_client(abh_litmas::Entity::find(), abh_litmas::Column::CaseId, case_id))
            .await?,
        section(
            db,
            "abh_diversions",
            by_client(abh_diversion::Entity::find(), abh_diversion::Column::CaseId, case_id),
        )
        .await?,
        section(db, "abh_events", by_client(abh_event::Entity::find(), abh_event::Column::CaseId, case_id))
            .await?,
        section(
            db,
            "access_log",
            access_log::Entity::find()
                .filter(access_log::Column::EntityId.eq(public.as_str()))
                .order_by_asc(access_log::Column::Id),
        )
        .await?,
        section(
            db,
            "audit_log",
            audit_log::Entity::find()
                .filter(audit_log::Column::EntityId.eq(public.as_str()))
                .order_by_asc(audit_log::Column::Id),
        )
        .await?,
    ];
    let out = SubjectExport {
        client_id: row.public_id,
        register_number: row.register_number.clone(),
        full_name: row.full_name.clone(),
        zone: pamong_domain::office::Zone::parse(&office.zone).unwrap_or(pamong_domain::office::Zone::Wib),
        office: office.name,
        generated_at: now,
        sections,
    };
    if row.is_child {
        privacy::log(db, actor, "data_subject", &row, None, now).await?;
    }
    let export = Export {
        kind: ExportKind::DataSubject,
        filter: &row.register_number,
        rows: out.record_count(),
        bapas: Some(at.bapas_id),
        kanwil: Some(at.kanwil_id),
    };
    exports::record(db, actor, export, now).await?;
    Ok(out)
}

/// A table's rows about one client (or case), oldest first (every such table has an `id`).
fn by_client<E: EntityTrait, C: ColumnTrait>(
    select: Select<E>,
    column: C,
    key: impl Into<sea_orm::Value>,
) -> Select<E> {
    select.filter(column.eq(key)).order_by(Expr::col(Alias::new("id")), Order::Asc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_keys_are_left_out() {
        for column in ["id", "client_id", "bapas_id", "pk_id"] {
            assert!(internal(column), "{column}");
        }
        for column in ["public_id", "entity_id", "full_name", "notes"] {
            assert!(!internal(column), "{column}");
        }
    }

    #[test]
    fn values_read_as_text() {
        assert_eq!(text(&Value::Null), "");
        assert_eq!(text(&Value::String("Budi".into())), "Budi");
        assert_eq!(text(&serde_json::json!(true)), "true");
        assert_eq!(text(&serde_json::json!(12)), "12");
    }
}
