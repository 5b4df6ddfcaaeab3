//! Reading the audit trail: a client's history on their page, and the office's log searched
//! by who, record or kind of record. The admin reads every office's, the Kabapas their own
//! ([`policy::audit_scope`]). Rows carry no child's free text (withheld when written), so
//! reading them writes no access-log row.

use std::collections::HashMap;

use pamong_domain::export::ExportFormat;
use pamong_domain::logs::{AuditFilter, AuditRow, ExportKind, FieldChange};
use pamong_domain::office::Zone;
use pamong_domain::page::Page;
use pamong_entity::{audit_log, client};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::abh::access::who;
use crate::actor::Actor;
use crate::clients::{find_readable, people};
use crate::error::{ServiceError, ServiceResult};
use crate::exports::{LOG_MAX_ROWS, all_pages, record_log_download};
use crate::ids::BapasId;
use crate::offices::zones_of;
use crate::policy::{self, Scope};
use crate::search::{contains_ci, fetch_page, page};

/// The most rows a client's page shows of their history (the office's log has the rest).
pub const HISTORY_ROWS: u64 = 100;

/// The history of a client's records, newest first: the client's own and every record about
/// them (reports, guidance, assessments, referrals, placements, …).
pub async fn of_client(
    db: &DatabaseConnection,
    actor: &Actor,
    client_id: Uuid,
) -> ServiceResult<Vec<AuditRow>> {
    let found = find_readable(db, actor, client_id).await?;
    if !policy::reads_history(actor, BapasId(found.row.bapas_id)) {
        return Err(ServiceError::not_found());
    }
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::ClientId.eq(found.row.id))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(HISTORY_ROWS)
        .all(db)
        .await?;
    views(db, rows).await
}

/// A page of the audit log the actor reads, newest first: searched by who (login name), the
/// record's id or the client's register number, and narrowed to one kind of record.
pub async fn search(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &AuditFilter,
) -> ServiceResult<Page<AuditRow>> {
    let mut cond = match policy::audit_scope(actor) {
        Scope::All => Condition::all(),
        Scope::Bapas(b) => Condition::all().add(audit_log::Column::BapasId.eq(b.get())),
        Scope::Kanwil(_) | Scope::Nothing => return Err(ServiceError::not_found()),
    };
    if let Some(entity) = filter.entity() {
        cond = cond.add(audit_log::Column::Entity.eq(entity));
    }
    if let Some(q) = filter.list.search()? {
        let by_register = client::Entity::find()
            .select_only()
            .column(client::Column::Id)
            .filter(contains_ci(client::Column::RegisterNumber, q))
            .limit(50)
            .into_tuple::<i32>()
            .all(db)
            .await?;
        cond = cond.add(
            Condition::any()
                .add(contains_ci(audit_log::Column::ActorUsername, q))
                .add(contains_ci(audit_log::Column::EntityId, q))
                .add(audit_log::Column::ClientId.is_in(by_register)),
        );
    }
    let select = audit_log::Entity::find()
        .filter(cond)
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id);
    let (rows, total) = fetch_page(db, select, &filter.list).await?;
    Ok(page(views(db, rows).await?, total, &filter.list))
}

async fn views(db: &DatabaseConnection, rows: Vec<audit_log::Model>) -> ServiceResult<Vec<AuditRow>> {
    let names = people(db, rows.iter().filter_map(|r| r.actor_id).collect()).await?;
    let zones = zones_of(db, rows.iter().filter_map(|r| r.bapas_id)).await?;
    let clients: HashMap<i32, (Uuid, String)> = client::Entity::find()
        .filter(client::Column::Id.is_in(rows.iter().filter_map(|r| r.client_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, (c.public_id, c.register_number)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| AuditRow {
            at: r.at,
            user: who(r.actor_id.and_then(|id| names.get(&id)), r.actor_username),
            changes: field_changes(&r.changes),
            client: r.client_id.and_then(|id| clients.get(&id).cloned()),
            zone: r.bapas_id.and_then(|b| zones.get(&b).copied()).unwrap_or(Zone::Wib),
            action: r.action,
            entity: r.entity,
            record: r.entity_id,
        })
        .collect())
}

/// The `{field: [old, new]}` a row keeps, as lines (a row written otherwise shows none).
fn field_changes(json: &str) -> Vec<FieldChange> {
    let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(json) else { return Vec::new() };
    fields
        .into_iter()
        .map(|(field, pair)| {
            let (old, new) = match pair {
                Value::Array(mut both) if both.len() == 2 => {
                    let new = both.pop().unwrap_or(Value::Null);
                    (both.pop().unwrap_or(Value::Null), new)
                }
                other => (Value::Null, other),
            };
            FieldChange { field, old: text(old), new: text(new) }
        })
        .collect()
}

fn text(value: Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// The audit log as [`search`] reads it, every page up to [`LOG_MAX_ROWS`], for a download
/// in `format`; written to the export log.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &AuditFilter,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<Vec<AuditRow>> {
    let rows = all_pages(&filter.list, LOG_MAX_ROWS, |list| {
        let filter = AuditFilter { list, ..filter.clone() };
        async move { search(db, actor, &filter).await }
    })
    .await?;
    let asked = [("cari", filter.list.q.as_str()), ("catatan", filter.entity().unwrap_or_default())];
    record_log_download(db, actor, ExportKind::AuditLog, &asked, rows.len(), format, now).await?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_s_changes_read_as_lines() {
        let lines = field_changes(r#"{"pk_id":[null,7],"status":["aktif","selesai"],"odd":"x"}"#);
        let flat: Vec<_> =
            lines.iter().map(|l| (l.field.as_str(), l.old.as_deref(), l.new.as_deref())).collect();
        assert_eq!(
            flat,
            [
                ("odd", None, Some("x")),
                ("pk_id", None, Some("7")),
                ("status", Some("aktif"), Some("selesai"))
            ]
        );
        assert!(field_changes("not json").is_empty());
    }
}
