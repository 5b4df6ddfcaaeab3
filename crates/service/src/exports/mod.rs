//! The export log. Every export of client data writes a row here: who, when, what they asked
//! for and how many records left the system. The Kabapas reads the office's rows and the
//! Kanwil the region's, beside the access log. [`table`] writes the tables exported, [`pdf`] the
//! documents.

pub mod pdf;
mod table;

pub use table::ExportFile;
pub use table::{Cell, TableWriter};

use pamong_domain::export::ExportFormat;
use pamong_domain::logs::{ExportFilter, ExportKind, ExportRow};
use pamong_domain::office::Zone;
use pamong_domain::page::{ListQuery, MAX_PER_PAGE, Page};
use pamong_entity::export_log;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use time::OffsetDateTime;

use crate::abh::access::who;
use crate::actor::Actor;
use crate::clients::people;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::{BapasId, KanwilId};
use crate::offices::zones_of;
use crate::policy::{self, Scope};
use crate::search::{contains_ci, fetch_page, page};

/// The longest description of what was asked for that a row keeps.
const FILTER_MAX_CHARS: usize = 500;

/// The most rows a log's download holds: the newest that match its search.
pub const LOG_MAX_ROWS: u64 = 10_000;

/// One export, as the caller describes it.
pub(crate) struct Export<'a> {
    /// What was exported.
    pub kind: ExportKind,
    /// What was asked for, in words.
    pub filter: &'a str,
    /// How many records left the system.
    pub rows: u64,
    /// The office whose data it was: the client's for a data-subject export, else the
    /// exporting user's.
    pub bapas: Option<BapasId>,
    /// The Kanwil above that office, or the exporting Kanwil user's own.
    pub kanwil: Option<KanwilId>,
}

/// Writes the export's row (pass the export's transaction, if it has one).
pub(crate) async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    export: Export<'_>,
    at: OffsetDateTime,
) -> ServiceResult<()> {
    export_log::ActiveModel {
        at: Set(at),
        actor_id: Set(actor.user_key()),
        actor_username: Set(actor.username.clone()),
        kind: Set(export.kind.as_str().to_owned()),
        filter: Set(export.filter.chars().take(FILTER_MAX_CHARS).collect()),
        rows: Set(i64::try_from(export.rows).unwrap_or(i64::MAX)),
        bapas_id: Set(export.bapas.map(i32::from)),
        kanwil_id: Set(export.kanwil.map(i32::from)),
        request_id: Set(actor.request_id.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Every page of a list, newest first as the list orders it, up to `cap` rows: `fetch` reads
/// the page it is given.
pub(crate) async fn all_pages<T, F, Fut>(list: &ListQuery, cap: u64, mut fetch: F) -> ServiceResult<Vec<T>>
where
    F: FnMut(ListQuery) -> Fut,
    Fut: Future<Output = ServiceResult<Page<T>>>,
{
    let mut out = Vec::new();
    for page in 1.. {
        let got = fetch(ListQuery { page, per_page: MAX_PER_PAGE, ..list.clone() }).await?;
        let last = (got.items.len() as u64) < MAX_PER_PAGE;
        out.extend(got.items);
        if last || out.len() as u64 >= cap {
            break;
        }
    }
    out.truncate(usize::try_from(cap).unwrap_or(usize::MAX));
    Ok(out)
}

/// Records the download of a log (`kind`) of `rows` rows, described by `asked` and `format`.
pub(crate) async fn record_log_download(
    db: &DatabaseConnection,
    actor: &Actor,
    kind: ExportKind,
    asked: &[(&str, &str)],
    rows: usize,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let mut words: Vec<String> = asked
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}: {}", v.trim()))
        .collect();
    if words.is_empty() {
        words.push("semua".into());
    }
    words.push(format!("format: {}", format.as_str()));
    let export = Export {
        kind,
        filter: &words.join("; "),
        rows: rows as u64,
        bapas: actor.bapas_id,
        kanwil: actor.kanwil_id,
    };
    record(db, actor, export, now).await
}

/// Records the download of a searched list (`kind`) of `rows` rows: its search and whether
/// it included the inactive rows.
pub(crate) async fn record_list_download(
    db: &DatabaseConnection,
    actor: &Actor,
    kind: ExportKind,
    query: &ListQuery,
    rows: usize,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let inactive = if query.include_inactive { "ya" } else { "" };
    let asked = [("cari", query.q.as_str()), ("termasuk nonaktif", inactive)];
    record_log_download(db, actor, kind, &asked, rows, format, now).await
}

/// A whole list as the actor's list fn just read it (no search: the page shows it all), for a
/// download in `format`; the download is written to the export log as `kind`.
pub(crate) async fn logged_list<T>(
    db: &DatabaseConnection,
    actor: &Actor,
    kind: ExportKind,
    rows: Vec<T>,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<Vec<T>> {
    record_log_download(db, actor, kind, &[], rows.len(), format, now).await?;
    Ok(rows)
}

/// The export log as [`list`] reads it, every page up to [`LOG_MAX_ROWS`], for a download
/// in `format`; the download is itself written to the export log.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &ExportFilter,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<Vec<ExportRow>> {
    let rows = all_pages(&filter.list, LOG_MAX_ROWS, |list| {
        let filter = ExportFilter { list, ..filter.clone() };
        async move { self::list(db, actor, &filter).await }
    })
    .await?;
    let kind = filter.kind.map(ExportKind::as_str).unwrap_or_default();
    let asked = [("cari", filter.list.q.as_str()), ("jenis", kind)];
    record_log_download(db, actor, ExportKind::ExportLog, &asked, rows.len(), format, now).await?;
    Ok(rows)
}

/// The export log the actor may read, newest first; searchable by login name or by what was
/// asked for, and by kind.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &ExportFilter,
) -> ServiceResult<Page<ExportRow>> {
    let mut cond = match policy::log_scope(actor) {
        Scope::Bapas(b) => Condition::all().add(export_log::Column::BapasId.eq(b)),
        Scope::Kanwil(k) => Condition::all().add(export_log::Column::KanwilId.eq(k)),
        Scope::All => Condition::all(),
        Scope::Nothing => return Err(ServiceError::not_found()),
    };
    if let Some(kind) = filter.kind {
        cond = cond.add(export_log::Column::Kind.eq(kind.as_str()));
    }
    if let Some(q) = filter.list.search()? {
        cond = cond.add(
            Condition::any()
                .add(contains_ci(export_log::Column::ActorUsername, q))
                .add(contains_ci(export_log::Column::Filter, q)),
        );
    }
    let select = export_log::Entity::find()
        .filter(cond)
        .order_by_desc(export_log::Column::At)
        .order_by_desc(export_log::Column::Id);
    let (rows, total) = fetch_page(db, select, &filter.list).await?;
    let names = people(db, rows.iter().filter_map(|r| r.actor_id).collect()).await?;
    let zones = zones_of(db, rows.iter().filter_map(|r| r.bapas_id)).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let kind = ExportKind::parse(&r.kind)
                .ok_or_else(|| ServiceError::Internal(format!("export {} has kind {}", r.id, r.kind)))?;
            Ok(ExportRow {
                at: r.at,
                user: who(r.actor_id.and_then(|id| names.get(&id)), r.actor_username),
                kind,
                filter: r.filter,
                rows: u64::try_from(r.rows).unwrap_or(0),
                zone: r.bapas_id.and_then(|b| zones.get(&b).copied()).unwrap_or(Zone::Wib),
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    Ok(page(items, total, &filter.list))
}
