//! Importing clients from a spreadsheet, for the Kabapas of an office.
//!
//! 1. [`upload`] reads the file ([`read`]), checks every row ([`check`]) and keeps the file
//!    with what the check found: the preview.
//! 2. [`start`] marks the import as running; [`Started::run`] (spawned by the caller) reads
//!    and checks the file again, since the registry may have changed since the preview, and
//!    writes the good rows in **one** transaction ([`write`]): a failure midway leaves
//!    nothing. Its progress is kept in this process's memory ([`progress`]); where it stands
//!    is kept in the database.
//! 3. [`report`] is the file's rows with what became of each.

mod check;
mod progress;
mod read;
mod write;

use pamong_domain::ErrorKind;
use pamong_domain::export::ExportFormat;
use pamong_domain::import::{
    COLUMNS, FileProblem, ImportStatus, ImportSummary, ImportView, Layout, RowIssue, RowProblem,
};
use pamong_domain::logs::ExportKind;
use pamong_domain::page::{ListQuery, Page};
use pamong_entity::{bapas, client_import, user};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, Iterable, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::exports::{self, Cell, Export, ExportFile, TableWriter};
use crate::ids::BapasId;
use crate::policy;

/// How many imports the office's list shows.
const RECENT: u64 = 20;

/// What became of an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uploaded {
    /// Read and checked: the preview's id.
    Checked(Uuid),
    /// The file cannot be imported at all.
    Refused(FileProblem),
}

/// The office the actor imports into, or "not found" for anyone else.
fn office_of(actor: &Actor) -> ServiceResult<BapasId> {
    policy::import_office(actor).ok_or_else(ServiceError::not_found)
}

/// Reads and checks a file off the async workers: a large file takes a second or two of CPU.
async fn read_file(bytes: Vec<u8>) -> ServiceResult<(Result<(Layout, read::Sheet), FileProblem>, Vec<u8>)> {
    tokio::task::spawn_blocking(move || {
        let read = read::read(&bytes).and_then(|sheet| Ok((Layout::of(&sheet.headings)?, sheet)));
        (read, bytes)
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("reading the file: {e}")))
}

fn json<T: serde::Serialize>(value: &T) -> ServiceResult<String> {
    serde_json::to_string(value).map_err(|e| ServiceError::Internal(format!("import outcome: {e}")))
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Reads and checks an uploaded file and keeps it with its preview.
pub async fn upload(
    db: &DatabaseConnection,
    actor: &Actor,
    file_name: &str,
    bytes: Vec<u8>,
    now: OffsetDateTime,
) -> ServiceResult<Uploaded> {
    let office = office_of(actor)?;
    let Some(user_id) = actor.user_key() else { return Err(ServiceError::not_found()) };
    let (read, bytes) = read_file(bytes).await?;
    let (layout, sheet) = match read {
        Ok(read) => read,
        Err(problem) => return Ok(Uploaded::Refused(problem)),
    };
    let today = crate::offices::today_at(db, office.get(), now).await?;
    let checked = check::check(db, office, &layout, &sheet, today).await?;
    let public_id = Uuid::now_v7();
    let file_name = pamong_domain::import::file_name(file_name);
    let txn = begin_write(db).await?;
    client_import::ActiveModel {
        public_id: Set(public_id),
        bapas_id: Set(office.get()),
        user_id: Set(user_id),
        file_name: Set(file_name.clone()),
        file: Set(bytes),
        status: Set(ImportStatus::Preview.as_str().to_owned()),
        rows: Set(count(sheet.rows.len())),
        good: Set(count(checked.good.len())),
        imported: Set(0),
        ignored_columns: Set(json(&layout.ignored)?),
        problems: Set(json(&checked.problems)?),
        written: Set(None),
        created_at: Set(now),
        started_at: Set(None),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::at_office(office.get())
        .set("file_name", &file_name)
        .set("rows", &sheet.rows.len())
        .set("good", &checked.good.len());
    audit::record(&txn, actor, now, "upload", "client_import", &public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(Uploaded::Checked(public_id))
}

/// Whether an import is read with its uploaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum File {
    /// The import itself and its report read the file again.
    With,
    /// The page does not, and it is asked for again and again while an import runs: with a
    /// file of a hundred thousand rows (8 MB) the polls were a tenth of the database's time
    /// during the import (`bench/import.sh` on PostgreSQL, 2026-12-07). `file` is left empty.
    Without,
}

/// An import of the actor's office.
async fn find(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    file: File,
) -> ServiceResult<client_import::Model> {
    let office = office_of(actor)?;
    let mut select = client_import::Entity::find();
    if file == File::Without {
        select = select
            .select_only()
            .columns(client_import::Column::iter().filter(|c| !matches!(c, client_import::Column::File)))
            .expr_as(Expr::val(Vec::<u8>::new()), "file");
    }
    select
        .filter(client_import::Column::PublicId.eq(id))
        .filter(client_import::Column::BapasId.eq(office.get()))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)
}

fn status_of(row: &client_import::Model) -> ServiceResult<ImportStatus> {
    ImportStatus::parse(&row.status).ok_or_else(|| {
        ServiceError::Internal(format!("import {} has status {:?}", row.public_id, row.status))
    })
}

fn problems_of(row: &client_import::Model) -> ServiceResult<Vec<RowProblem>> {
    serde_json::from_str(&row.problems)
        .map_err(|e| ServiceError::Internal(format!("import {} problems: {e}", row.public_id)))
}

fn unsigned(n: i32) -> u32 {
    u32::try_from(n).unwrap_or_default()
}

/// One import, with a page of its refused rows (`list` pages them).
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    list: &ListQuery,
) -> ServiceResult<ImportView> {
    let row = find(db, actor, id, File::Without).await?;
    let status = status_of(&row)?;
    let uploader = user::Entity::find_by_id(row.user_id).one(db).await?;
    let zone_today = crate::offices::today_at(db, row.bapas_id, row.created_at).await?;
    let ignored_columns = serde_json::from_str(&row.ignored_columns).unwrap_or_default();
    Ok(ImportView {
        id: row.public_id,
        file_name: row.file_name.clone(),
        uploaded_by: uploader.map(|u| u.full_name).unwrap_or_default(),
        uploaded_on: zone_today,
        status,
        rows: unsigned(row.rows),
        good: unsigned(row.good),
        imported: unsigned(row.imported),
        progress: (status == ImportStatus::Running).then(|| progress::of(row.public_id)).flatten(),
        ignored_columns,
        problems: Page::of(problems_of(&row)?, list),
        can_start: matches!(status, ImportStatus::Preview | ImportStatus::Failed) && row.good > 0,
    })
}

/// The office's most recent imports, newest first.
pub async fn recent(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<Vec<ImportSummary>> {
    let office = office_of(actor)?;
    let rows: Vec<(Uuid, String, OffsetDateTime, String, i32, i32)> = client_import::Entity::find()
        .select_only()
        .column(client_import::Column::PublicId)
        .column(client_import::Column::FileName)
        .column(client_import::Column::CreatedAt)
        .column(client_import::Column::Status)
        .column(client_import::Column::Rows)
        .column(client_import::Column::Imported)
        .filter(client_import::Column::BapasId.eq(office.get()))
        .order_by_desc(client_import::Column::CreatedAt)
        .limit(RECENT)
        .into_tuple()
        .all(db)
        .await?;
    // Each upload's day is the office's, whose zone is read once.
    let zone = crate::abh::zone_of(db, office.get()).await?;
    Ok(rows
        .into_iter()
        .map(|(id, file_name, created_at, status, rows, imported)| ImportSummary {
            id,
            file_name,
            uploaded_on: created_at.to_offset(zone.offset()).date(),
            status: ImportStatus::parse(&status).unwrap_or(ImportStatus::Failed),
            rows: unsigned(rows),
            imported: unsigned(imported),
        })
        .collect())
}

/// An import marked as running, to be run by the caller (on a task of its own, so that the
/// page can show the progress meanwhile).
pub struct Started {
    db: DatabaseConnection,
    actor: Actor,
    id: Uuid,
    now: OffsetDateTime,
}

/// Marks a previewed (or failed) import as running. Refused as a conflict when it is
/// already running or done: a second tap of the button does not import twice.
pub async fn start(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<Started> {
    let row = find(db, actor, id, File::Without).await?;
    let txn = begin_write(db).await?;
    let marked = client_import::Entity::update_many()
        .col_expr(client_import::Column::Status, ImportStatus::Running.as_str().into())
        .col_expr(client_import::Column::StartedAt, now.into())
        .filter(client_import::Column::Id.eq(row.id))
        .filter(
            client_import::Column::Status
                .is_in([ImportStatus::Preview.as_str(), ImportStatus::Failed.as_str()]),
        )
        .exec(&txn)
        .await?;
    if marked.rows_affected == 0 {
        return Err(ErrorKind::Conflict.into());
    }
    let changes = Changes::at_office(row.bapas_id).set("status", &ImportStatus::Running.as_str());
    audit::record(&txn, actor, now, "start", "client_import", &id.to_string(), &changes).await?;
    txn.commit().await?;
    progress::begin(id);
    Ok(Started { db: db.clone(), actor: actor.clone(), id, now })
}

impl Started {
    /// Checks the file again and writes its good rows in one transaction; marks the import
    /// done, or failed (with nothing written) when anything goes wrong.
    pub async fn run(self) -> ServiceResult<()> {
        let outcome = self.write().await;
        progress::end(self.id);
        if let Err(e) = &outcome {
            tracing::error!(import = %self.id, error = %e, "import failed; nothing was written");
            let failed = client_import::Entity::update_many()
                .col_expr(client_import::Column::Status, ImportStatus::Failed.as_str().into())
                .col_expr(client_import::Column::FinishedAt, self.now.into())
                .filter(client_import::Column::PublicId.eq(self.id))
                .exec(&self.db)
                .await;
            if let Err(e) = failed {
                tracing::error!(import = %self.id, error = %e, "could not mark the import failed");
            }
        }
        outcome
    }

    async fn write(&self) -> ServiceResult<()> {
        let row = find(&self.db, &self.actor, self.id, File::With).await?;
        let office = bapas::Entity::find_by_id(row.bapas_id)
            .one(&self.db)
            .await?
            .ok_or_else(ServiceError::not_found)?;
        let (read, _) = read_file(row.file.clone()).await?;
        let (layout, sheet) =
            read.map_err(|e| ServiceError::Internal(format!("stored file unreadable: {e}")))?;
        let today = crate::offices::today_at(&self.db, row.bapas_id, self.now).await?;
        let txn = begin_write(&self.db).await?;
        let checked = check::check(&txn, BapasId(row.bapas_id), &layout, &sheet, today).await?;
        let target = write::Target {
            office: BapasId(row.bapas_id),
            office_code: &office.code,
            actor: &self.actor,
            import_id: self.id,
            now: self.now,
        };
        let written = write::write(&txn, &target, &checked.good, |n| progress::set(self.id, n)).await?;
        let mut done: client_import::ActiveModel = row.into();
        done.status = Set(ImportStatus::Done.as_str().to_owned());
        done.good = Set(count(checked.good.len()));
        done.imported = Set(count(written.len()));
        done.problems = Set(json(&checked.problems)?);
        done.written = Set(Some(json(&written)?));
        done.finished_at = Set(Some(self.now));
        done.update(&txn).await?;
        let changes = Changes::at_office(target.office.get())
            .set("status", &ImportStatus::Done.as_str())
            .set("imported", &written.len());
        audit::record(&txn, &self.actor, self.now, "import", "client_import", &self.id.to_string(), &changes)
            .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// What happened to a row, for the report.
fn outcome_of<'a>(
    row: u32,
    written: &'a std::collections::HashMap<u32, String>,
    refused: &'a std::collections::HashMap<u32, &'a RowProblem>,
) -> (&'static str, Option<&'a str>, Option<&'a [RowIssue]>) {
    if let Some(number) = written.get(&row) {
        ("diimpor", Some(number.as_str()), None)
    } else if let Some(problem) = refused.get(&row) {
        ("ditolak", None, Some(problem.issues.as_slice()))
    } else {
        ("siap", None, None)
    }
}

/// The report of an import: every row of the file with its status (`siap` before the
/// import, `diimpor` with its register number, or `ditolak` with its reasons as `describe`
/// words them).
pub async fn report(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    format: ExportFormat,
    now: OffsetDateTime,
    describe: &(dyn Fn(&[RowIssue]) -> String + Sync),
) -> ServiceResult<ExportFile> {
    let row = find(db, actor, id, File::With).await?;
    let refused = problems_of(&row)?;
    let written: Vec<(u32, String)> = match &row.written {
        Some(text) => serde_json::from_str(text)
            .map_err(|e| ServiceError::Internal(format!("import {id} written rows: {e}")))?,
        None => Vec::new(),
    };
    let (read, _) = read_file(row.file.clone()).await?;
    let (layout, sheet) = read.map_err(|e| ServiceError::Internal(format!("stored file unreadable: {e}")))?;
    let export = Export {
        kind: ExportKind::ImportReport,
        filter: &format!("{}; format: {}", row.file_name, format.as_str()),
        rows: sheet.rows.len() as u64,
        bapas: Some(BapasId(row.bapas_id)),
        kanwil: actor.kanwil_id,
    };
    exports::record(db, actor, export, now).await?;
    let written: std::collections::HashMap<u32, String> = written.into_iter().collect();
    let by_row: std::collections::HashMap<u32, &RowProblem> = refused.iter().map(|p| (p.row, p)).collect();
    let mut out =
        TableWriter::new(format, "Laporan", &["baris", "nama", "status", "nomor_register", "keterangan"])?;
    for (number, cells) in &sheet.rows {
        let (form, _) = layout.row(cells);
        let (status, register, issues) = outcome_of(*number, &written, &by_row);
        let reasons = issues.map(describe).unwrap_or_default();
        out.row(&[
            Cell::Number(u64::from(*number)),
            Cell::Text(&form.full_name),
            Cell::Text(status),
            Cell::maybe(register),
            Cell::Text(&reasons),
        ])?;
    }
    out.finish(&format!("laporan-impor-{}", row.created_at.date()))
}

/// The template to fill in: the headings of every column, no rows. For those who import.
pub fn template(actor: &Actor, format: ExportFormat) -> ServiceResult<ExportFile> {
    office_of(actor)?;
    let headings: Vec<&str> = COLUMNS.iter().map(|c| c.heading).collect();
    TableWriter::new(format, "Klien", &headings)?.finish("templat-impor-klien")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_says_what_became_of_each_row() {
        let written = std::collections::HashMap::from([(2, "JKT-2026-000001".to_owned())]);
        let problem = RowProblem { row: 3, name: "X".into(), issues: vec![RowIssue::Child] };
        let refused = std::collections::HashMap::from([(3, &problem)]);
        assert_eq!(outcome_of(2, &written, &refused).0, "diimpor");
        assert_eq!(outcome_of(3, &written, &refused).2, Some(&[RowIssue::Child][..]));
        assert_eq!(outcome_of(4, &written, &refused), ("siap", None, None));
    }
}
