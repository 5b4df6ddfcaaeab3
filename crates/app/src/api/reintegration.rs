//! Reintegration: the server fns behind the needs checklist on the client's page, the needs
//! map, Klien Bapas Peduli (an office's activities, the participation overview), UMKM,
//! action plans and the monthly report.

use leptos::prelude::*;
use pamong_domain::reintegration::checklist::ChecklistForm;
use uuid::Uuid;

use crate::error::AppError;

/// Marks the client's checklist items (those posted empty stay as they are).
#[server(endpoint = "reintegration/needs", input = server_fn::codec::PostUrl)]
pub async fn mark_needs(client: Uuid, form: ChecklistForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::checklist};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        checklist::mark(&ctx.db, &actor, client, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// The needs map of an office (the viewer's own, or one of their region's or the country's).
#[server(endpoint = "reintegration/needs-map", input = server_fn::codec::GetUrl)]
pub async fn needs_map(
    office: Option<Uuid>,
) -> Result<pamong_domain::reintegration::needs_map::OfficeNeeds, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        reintegration::needs_map::of_office(&ctx.db, &actor, office, today).await
    }
    .await;
    lift(&actor, result)
}

/// An office's Klien Bapas Peduli activities (the viewer's own office when none is named).
#[server(endpoint = "reintegration/peduli", input = server_fn::codec::GetUrl)]
pub async fn peduli_office(
    office: Option<Uuid>,
) -> Result<pamong_domain::reintegration::peduli::OfficeActivities, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::peduli};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        peduli::office(&ctx.db, &actor, office, today).await
    }
    .await;
    lift(&actor, result)
}

/// Klien Bapas Peduli participation per office and month, for whoever reads the figures.
#[server(endpoint = "reintegration/peduli-overview", input = server_fn::codec::GetUrl)]
pub async fn peduli_overview() -> Result<pamong_domain::reintegration::peduli::PeduliOverview, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::peduli};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        peduli::overview(&ctx.db, &actor, today).await
    }
    .await;
    lift(&actor, result)
}

/// Records a Klien Bapas Peduli activity of the user's office.
#[server(endpoint = "reintegration/peduli-record", input = server_fn::codec::PostUrl)]
pub async fn record_peduli(
    form: pamong_domain::reintegration::peduli::ActivityForm,
) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::peduli};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        peduli::record(&ctx.db, &actor, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Adds the officer's own clients who took part to an activity.
#[server(endpoint = "reintegration/peduli-join", input = server_fn::codec::PostUrl)]
pub async fn join_peduli(
    activity: Uuid,
    form: pamong_domain::reintegration::peduli::ParticipantsForm,
) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(
        &actor,
        pamong_service::reintegration::peduli::add_participants(&ctx.db, &actor, activity, &form, now).await,
    )
}

/// Adds a client's small business.
#[server(endpoint = "reintegration/business-add", input = server_fn::codec::PostUrl)]
pub async fn add_business(
    client: Uuid,
    form: pamong_domain::reintegration::umkm::BusinessForm,
) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::umkm};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        umkm::add(&ctx.db, &actor, client, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Moves a business on (running, stopped, running again).
#[server(endpoint = "reintegration/business-status", input = server_fn::codec::PostUrl)]
pub async fn business_status(
    business: Uuid,
    form: pamong_domain::reintegration::umkm::StatusForm,
) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::umkm};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        umkm::change_status(&ctx.db, &actor, business, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Records support a business received.
#[server(endpoint = "reintegration/business-support", input = server_fn::codec::PostUrl)]
pub async fn business_support(
    business: Uuid,
    form: pamong_domain::reintegration::umkm::SupportForm,
) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::umkm};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        umkm::add_support(&ctx.db, &actor, business, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// An office's action plans with their progress (the user's own office when none is named).
#[server(endpoint = "reintegration/plans", input = server_fn::codec::GetUrl)]
pub async fn action_plans(
    office: Option<Uuid>,
) -> Result<pamong_domain::reintegration::action_plan::OfficePlans, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::action_plans};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        action_plans::of_office(&ctx.db, &actor, office, today).await
    }
    .await;
    lift(&actor, result)
}

/// An office's action plans (the user's own office when none is named) as a file (`format`),
/// one row per objective; export-logged. A GET, so the page's links download.
#[server(endpoint = "reintegration/plans/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_action_plans(
    office: Option<Uuid>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_service::{clients, reintegration::action_plans};
    crate::api::context::table_download(format, |x, format| async move {
        let today = clients::today_for(&x.ctx.db, &x.actor, x.now).await?;
        let plans = action_plans::for_download(&x.ctx.db, &x.actor, office, format, today, x.now).await?;
        crate::documents::action_plans_table(&plans, format)
    })
    .await
}

/// Writes an action plan for the Kabapas's office.
#[server(endpoint = "reintegration/plan-create", input = server_fn::codec::PostUrl)]
pub async fn create_plan(
    form: pamong_domain::reintegration::action_plan::PlanForm,
) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::reintegration::action_plans::create(&ctx.db, &actor, &form, now).await)
}

/// Adds an objective to a plan.
#[server(endpoint = "reintegration/plan-objective", input = server_fn::codec::PostUrl)]
pub async fn add_objective(
    plan: Uuid,
    form: pamong_domain::reintegration::action_plan::ObjectiveForm,
) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(
        &actor,
        pamong_service::reintegration::action_plans::add_objective(&ctx.db, &actor, plan, &form, now).await,
    )
}

/// The monthly report of an office (the viewer's own, or the first they read) for a month
/// (`YYYY-MM`; the last complete one when none).
#[server(endpoint = "reintegration/monthly-report", input = server_fn::codec::GetUrl)]
pub async fn monthly_report(
    office: Option<Uuid>,
    month: Option<String>,
) -> Result<pamong_domain::reintegration::report::MonthlyReport, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::report};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let month = report_month(month.as_deref())?;
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        report::monthly(&ctx.db, &actor, office, month, today).await
    }
    .await;
    lift(&actor, result)
}

/// The month a report is asked for (`YYYY-MM`), if any.
#[cfg(feature = "ssr")]
fn report_month(
    raw: Option<&str>,
) -> Result<Option<pamong_domain::calendar::CalendarMonth>, pamong_domain::ErrorKind> {
    use pamong_domain::calendar::CalendarMonth;
    use pamong_domain::{ErrorKind, Problem};
    match raw.map(str::trim).filter(|m| !m.is_empty()) {
        Some(raw) => {
            Ok(Some(CalendarMonth::parse(raw).ok_or(ErrorKind::field("bulan", Problem::BadFormat))?))
        }
        None => Ok(None),
    }
}

/// The monthly report as a PDF on the office's letterhead (same office and month as the
/// page); written to the export log. A GET, so a plain link downloads it.
#[server(endpoint = "reintegration/monthly-report-pdf", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn monthly_report_pdf(
    office: Option<Uuid>,
    month: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_service::{clients, reintegration::report};
    crate::api::context::file_download(|x| async move {
        let month = report_month(month.as_deref())?;
        let today = clients::today_for(&x.ctx.db, &x.actor, x.now).await?;
        let report = report::monthly_for_print(&x.ctx.db, &x.actor, office, month, today, x.now).await?;
        crate::documents::monthly_report(&report, x.now)
    })
    .await
}
