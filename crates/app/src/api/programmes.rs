//! Reintegration programmes: the server fns behind the catalogue (list, page, editor), the
//! enrolment form on a client's page, the ending of an enrolment, and a programme's sessions
//! with their attendance.

use leptos::prelude::*;
use pamong_domain::reintegration::catalogue::{ProgrammeChoices, ProgrammeDetail, ProgrammeView};
use pamong_domain::reintegration::participation::{AttendanceForm, EnrolForm, OutcomeForm, SessionPlanForm};
use pamong_domain::reintegration::programmes::ProgrammeForm;
use uuid::Uuid;

use crate::error::AppError;

/// The programmes the user may read as a file (`format`); export-logged. A GET, so the
/// catalogue's links download.
#[server(endpoint = "programmes/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_programmes(
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_service::{clients, reintegration::programmes};
    crate::api::context::table_download(format, |x, format| async move {
        let today = clients::today_for(&x.ctx.db, &x.actor, x.now).await?;
        let rows = programmes::for_download(&x.ctx.db, &x.actor, format, today, x.now).await?;
        crate::documents::programmes_table(&rows, format)
    })
    .await
}

/// The programmes the user may read.
#[server(endpoint = "programmes/list", input = server_fn::codec::Json)]
pub async fn programmes() -> Result<Vec<ProgrammeView>, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::programmes};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        programmes::list(&ctx.db, &actor, today).await
    }
    .await;
    lift(&actor, result)
}

/// A programme's page: the programme, its roll and its sessions.
#[server(endpoint = "programmes/get", input = server_fn::codec::Json)]
pub async fn programme(id: Uuid) -> Result<ProgrammeDetail, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::enrolments};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        enrolments::get(&ctx.db, &actor, id, today).await
    }
    .await;
    lift(&actor, result)
}

/// What the programme editor offers, and the programme as it stands (none for a new one).
#[server(endpoint = "programmes/setup", input = server_fn::codec::Json)]
pub async fn programme_setup(
    id: Option<Uuid>,
) -> Result<(ProgrammeChoices, Option<ProgrammeForm>), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::reintegration::programmes;
    let (ctx, actor) = actor().await?;
    let result = async {
        let choices = programmes::choices(&ctx.db, &actor).await?;
        let form = match id {
            Some(id) => Some(programmes::form_of(&ctx.db, &actor, id).await?),
            None => None,
        };
        Ok((choices, form))
    }
    .await;
    lift(&actor, result)
}

/// Adds (`id` `None`) or changes a programme; returns its id.
#[server(endpoint = "programmes/save", input = server_fn::codec::PostUrl)]
pub async fn save_programme(id: Option<Uuid>, form: ProgrammeForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::reintegration::programmes::save(&ctx.db, &actor, id, &form, now).await)
}

/// Enrols a client in a programme, with their consent.
#[server(endpoint = "programmes/enrol", input = server_fn::codec::PostUrl)]
pub async fn enrol_client(client: Uuid, form: EnrolForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, reintegration::enrolments};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        enrolments::enrol(&ctx.db, &actor, client, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Ends an enrolment: completed, or dropped out with a reason.
#[server(endpoint = "programmes/end", input = server_fn::codec::PostUrl)]
pub async fn end_enrolment(enrolment: Uuid, form: OutcomeForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::reintegration::enrolments::end(&ctx.db, &actor, enrolment, &form, now).await)
}

/// Plans a session of a programme.
#[server(endpoint = "programmes/plan-session", input = server_fn::codec::PostUrl)]
pub async fn plan_session(programme: Uuid, form: SessionPlanForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::reintegration::sessions::plan(&ctx.db, &actor, programme, &form, now).await)
}

/// Records who was at a session.
#[server(endpoint = "programmes/attendance", input = server_fn::codec::PostUrl)]
pub async fn record_attendance(session: Uuid, form: AttendanceForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(
        &actor,
        pamong_service::reintegration::sessions::record_attendance(&ctx.db, &actor, session, &form, now)
            .await,
    )
}
