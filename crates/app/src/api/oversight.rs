//! What the oversight pages read: an office's vitals and the lists behind them, the offices
//! of a region side by side, the outcome evaluation, the audit trail, the export log, and
//! the data-subject export of a client.

use leptos::prelude::*;
use pamong_domain::logs::{AuditFilter, AuditRow, ExportFilter, ExportRow};
use pamong_domain::oversight::outcomes::Evaluation;
use pamong_domain::oversight::region::RegionVitals;
use pamong_domain::oversight::vitals::{OfficeVitals, VitalList};
use pamong_domain::page::Page;
use pamong_domain::subject::SubjectExport;
use uuid::Uuid;

use crate::error::AppError;

/// The export log the user may read (the Kabapas their office's, the Kanwil the region's).
#[server(endpoint = "logs/exports", input = server_fn::codec::Json)]
pub async fn export_log(filter: ExportFilter) -> Result<Page<ExportRow>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::exports::list(&ctx.db, &actor, &filter).await)
}

/// A page of the audit log the user reads (the admin every office's, the Kabapas their own).
#[server(endpoint = "logs/audit", input = server_fn::codec::Json)]
pub async fn audit_log(filter: AuditFilter) -> Result<Page<AuditRow>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::audit::trail::search(&ctx.db, &actor, &filter).await)
}

/// The export log as searched (`q`, `jenis`), every page up to
/// `pamong_service::exports::LOG_MAX_ROWS`, as a file (`format`); itself export-logged.
#[server(endpoint = "logs/exports/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_export_log(
    q: Option<String>,
    jenis: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_domain::logs::ExportKind;
    crate::api::context::table_download(format, |x, format| async move {
        let list = pamong_domain::page::ListQuery { q: q.unwrap_or_default(), ..Default::default() };
        let filter = ExportFilter { list, kind: jenis.as_deref().and_then(ExportKind::parse) };
        let rows = pamong_service::exports::for_download(&x.ctx.db, &x.actor, &filter, format, x.now).await?;
        crate::documents::export_log_table(&rows, format)
    })
    .await
}

/// The audit log as searched (`q`, `jenis`), every page up to
/// `pamong_service::exports::LOG_MAX_ROWS`, as a file (`format`); export-logged.
#[server(endpoint = "logs/audit/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_audit_log(
    q: Option<String>,
    jenis: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        let list = pamong_domain::page::ListQuery { q: q.unwrap_or_default(), ..Default::default() };
        let filter = AuditFilter { list, entity: jenis };
        let rows =
            pamong_service::audit::trail::for_download(&x.ctx.db, &x.actor, &filter, format, x.now).await?;
        crate::documents::audit_table(&rows, format)
    })
    .await
}

/// The history of a client's records, newest first (the admin, the Kabapas of the office).
#[server(endpoint = "clients/history", input = server_fn::codec::GetUrl)]
pub async fn client_history(id: Uuid) -> Result<Vec<AuditRow>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::audit::trail::of_client(&ctx.db, &actor, id).await)
}

/// Everything held about one client (the Kabapas of the client's office). A GET, so that a
/// plain link downloads it as JSON; each call is written to the export log.
#[server(endpoint = "clients/subject", input = server_fn::codec::GetUrl)]
pub async fn client_data_export(id: Uuid) -> Result<SubjectExport, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::clients::subject::export(&ctx.db, &actor, id, now).await)
}

/// The vitals of an office (the viewer's own, or the first they read, when none).
#[server(endpoint = "oversight/vitals", input = server_fn::codec::GetUrl)]
pub async fn dashboard_vitals(office: Option<Uuid>) -> Result<OfficeVitals, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::oversight::dashboard::office_vitals(&ctx.db, &actor, office, now).await)
}

/// The offices of a Kanwil side by side (the viewer's own region; for headquarters and the
/// admin `kanwil`, or every Kanwil of the country when none).
#[server(endpoint = "oversight/region", input = server_fn::codec::GetUrl)]
pub async fn compare_offices(kanwil: Option<Uuid>) -> Result<RegionVitals, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::oversight::region::region_vitals(&ctx.db, &actor, kanwil, now).await)
}

/// The dashboard's figures, for the office and each PK, as a file (`format`: `csv`,
/// `csv-excel` or `xlsx`); written to the export log. A GET, so the page's links download.
#[server(endpoint = "oversight/dashboard/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_office_vitals(
    office: Option<Uuid>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_service::oversight::tables;
    crate::api::context::table_download(format, |x, format| async move {
        let vitals = tables::office_vitals(&x.ctx.db, &x.actor, office, format, x.now).await?;
        crate::documents::office_table(&vitals, format)
    })
    .await
}

/// The comparison as a file (`format`: `csv`, `csv-excel` or `xlsx`); written to the export
/// log. A GET, so the page's links download.
#[server(endpoint = "oversight/region/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_region(
    kanwil: Option<Uuid>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_service::oversight::tables;
    crate::api::context::table_download(format, |x, format| async move {
        let vitals = tables::region_vitals(&x.ctx.db, &x.actor, kanwil, format, x.now).await?;
        crate::documents::region_table(&vitals, format)
    })
    .await
}

/// A page of the clients behind one of the office's figures (`vital`, its text form), all
/// the office's or one PK's (`pk`: a PK's id, or `tanpa`).
#[server(endpoint = "oversight/vital", input = server_fn::codec::GetUrl)]
pub async fn vital_clients(vital: String, pk: Option<String>, page: u64) -> Result<VitalList, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_domain::oversight::today_groups::PkChoice;
    use pamong_domain::oversight::vitals::Vital;
    use pamong_service::ServiceError;
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let vital = Vital::parse(&vital).ok_or_else(ServiceError::not_found)?;
        let pk = pk.as_deref().and_then(PkChoice::parse);
        let query = pamong_domain::page::ListQuery { page, ..Default::default() };
        pamong_service::oversight::dashboard::behind(&ctx.db, &actor, vital, pk, &query, now).await
    }
    .await;
    lift(&actor, result)
}

/// How the supervisions of the reader's offices ended from `dari` to `sampai`, grouped
/// `menurut` (empty: the defaults). A GET with the page's own query, so the page's form is a
/// plain GET form.
#[server(endpoint = "oversight/outcomes", input = server_fn::codec::GetUrl)]
pub async fn evaluate_outcomes(
    dari: Option<String>,
    sampai: Option<String>,
    menurut: Option<String>,
) -> Result<Evaluation, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_domain::oversight::outcomes::EvaluationForm;
    let (ctx, actor) = actor().await?;
    let form = EvaluationForm {
        dari: dari.unwrap_or_default(),
        sampai: sampai.unwrap_or_default(),
        menurut: menurut.unwrap_or_default(),
    };
    let now = ctx.now();
    lift(&actor, pamong_service::oversight::outcomes::evaluation(&ctx.db, &actor, &form, now).await)
}

/// The evaluation's table as a file (`format`: `csv`, `csv-excel` or `xlsx`), with the
/// page's own query; written to the export log. A GET, so the page's links download.
#[server(endpoint = "oversight/outcomes/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_outcomes(
    dari: Option<String>,
    sampai: Option<String>,
    menurut: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_domain::oversight::outcomes::EvaluationForm;
    crate::api::context::table_download(format, |x, format| async move {
        let form = EvaluationForm {
            dari: dari.unwrap_or_default(),
            sampai: sampai.unwrap_or_default(),
            menurut: menurut.unwrap_or_default(),
        };
        pamong_service::oversight::outcomes::export(&x.ctx.db, &x.actor, &form, format, x.now).await
    })
    .await
}

/// The whole list behind one of the office's figures as a file (`format`: `csv`,
/// `csv-excel` or `xlsx`), all the office's or one PK's; written to the export log.
#[server(endpoint = "oversight/vital/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_vital(
    vital: String,
    pk: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_domain::oversight::today_groups::PkChoice;
    use pamong_domain::oversight::vitals::Vital;
    use pamong_service::ServiceError;
    crate::api::context::table_download(format, |x, format| async move {
        let vital = Vital::parse(&vital).ok_or_else(ServiceError::not_found)?;
        let pk = pk.as_deref().and_then(PkChoice::parse);
        pamong_service::oversight::dashboard::export_behind(&x.ctx.db, &x.actor, vital, pk, format, x.now)
            .await
    })
    .await
}
