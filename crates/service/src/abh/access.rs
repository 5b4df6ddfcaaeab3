//! The access log of children's records, for the Kabapas (their office) and the Kanwil (their
//! region): who looked at which case, when, and the reason given when they broke the glass.

use pamong_domain::abh::case::{AccessFilter, AccessRow};
use pamong_domain::caseload::PersonRef;
use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_domain::office::Zone;
use pamong_domain::page::Page;
use pamong_entity::access_log;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::clients::people;
use crate::error::{ServiceError, ServiceResult};
use crate::exports::{LOG_MAX_ROWS, all_pages, record_log_download};
use crate::offices::zones_of;
use crate::policy;
use crate::search::{contains_ci, fetch_page, office_condition, page};

/// Who acted, as the logs name them: full name and login name (the login alone for a user
/// since removed).
pub(crate) fn who(person: Option<&PersonRef>, username: String) -> String {
    match person {
        Some(p) => format!("{} ({username})", p.name),
        None => username,
    }
}

/// The access log of the actor's office, newest first; searchable by login name or case
/// number, optionally only break-glass views.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &AccessFilter,
) -> ServiceResult<Page<AccessRow>> {
    let scope = policy::log_scope(actor);
    if scope.is_empty() {
        return Err(ServiceError::not_found());
    }
    let mut cond = office_condition(db, scope, access_log::Column::BapasId).await?;
    if filter.break_glass_only {
        cond = cond.add(access_log::Column::Reason.is_not_null());
    }
    if let Some(q) = filter.list.search()? {
        cond = cond.add(
            Condition::any()
                .add(contains_ci(access_log::Column::ActorUsername, q))
                .add(contains_ci(access_log::Column::RecordLabel, q)),
        );
    }
    let select = access_log::Entity::find()
        .filter(cond)
        .order_by_desc(access_log::Column::At)
        .order_by_desc(access_log::Column::Id);
    let (rows, total) = fetch_page(db, select, &filter.list).await?;
    let names = people(db, rows.iter().map(|r| r.actor_id).collect()).await?;
    let zones = zones_of(db, rows.iter().filter_map(|r| r.bapas_id)).await?;
    let items = rows
        .into_iter()
        .map(|r| AccessRow {
            zone: r.bapas_id.and_then(|b| zones.get(&b).copied()).unwrap_or(Zone::Wib),
            at: r.at,
            user: who(names.get(&r.actor_id), r.actor_username),
            record: r.record_label.unwrap_or(r.entity_id),
            reason: r.reason,
        })
        .collect();
    Ok(page(items, total, &filter.list))
}

/// The access log as [`list`] reads it, every page up to [`LOG_MAX_ROWS`], for a download in
/// `format`; written to the export log.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &AccessFilter,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<Vec<AccessRow>> {
    let rows = all_pages(&filter.list, LOG_MAX_ROWS, |list| {
        let filter = AccessFilter { list, ..filter.clone() };
        async move { self::list(db, actor, &filter).await }
    })
    .await?;
    let only = if filter.break_glass_only { "buka darurat" } else { "" };
    let asked = [("cari", filter.list.q.as_str()), ("hanya", only)];
    record_log_download(db, actor, ExportKind::AccessLog, &asked, rows.len(), format, now).await?;
    Ok(rows)
}
