//! Children's cases (ABH): the server fns behind the case list, the deadlines board, the case
//! page with break-glass, the Litmas pages and the access log. Each one resolves the actor
//! and calls one service fn; the service asks the policy and decides what is masked.

use leptos::prelude::*;
use pamong_domain::abh::case::{AbhCaseForm, AbhCaseRow, AbhCaseView, AccessFilter, AccessRow, DeadlineRow};
use pamong_domain::abh::litmas::{LitmasContent, LitmasRequestForm, LitmasView};
use pamong_domain::abh::process::{BreachForm, DiversionForm, EventForm, StageForm};
use pamong_domain::client::ClientForm;
use pamong_domain::page::{ListQuery, Page};
use uuid::Uuid;

use crate::error::AppError;

/// The office's children's cases.
#[server(endpoint = "abh/list", input = server_fn::codec::Json)]
pub async fn list_child_cases(query: ListQuery) -> Result<Page<AbhCaseRow>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::abh::list(&ctx.db, &actor, &query).await)
}

/// The children's cases as searched (`q`), masked as the list is, every page up to
/// `pamong_service::exports::LOG_MAX_ROWS`, as a file (`format`); export-logged, and each
/// child shown in full access-logged. A GET, so the page's links download.
#[server(endpoint = "abh/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_child_cases(
    q: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        let query = ListQuery { q: q.unwrap_or_default(), ..Default::default() };
        let rows = pamong_service::abh::for_download(&x.ctx.db, &x.actor, &query, format, x.now).await?;
        crate::documents::abh_cases_table(&rows, format)
    })
    .await
}

/// Open statutory clocks: the office's (`mine` false) or the actor's own cases.
#[server(endpoint = "abh/deadlines", input = server_fn::codec::Json)]
pub async fn child_deadlines(mine: bool) -> Result<Vec<DeadlineRow>, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::abh::{DeadlineScope, deadlines};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let scope = if mine { DeadlineScope::Mine } else { DeadlineScope::Office };
    lift(&actor, deadlines(&ctx.db, &actor, scope, now).await)
}

/// Registers a child's case; returns the child's id.
#[server(endpoint = "abh/register", input = server_fn::codec::PostUrl)]
pub async fn register_child_case(child: ClientForm, case: AbhCaseForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{abh::register, clients};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        register::create(&ctx.db, &actor, &child, &case, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// A child's case page; `reason` breaks the glass for a viewer without need to know. Without
/// one, a reason this session gave for the case within [`GLASS_MINUTES`] is used again (see
/// [`open_child_case`]), so every view still logs why.
#[server(endpoint = "abh/get", input = server_fn::codec::Json)]
pub async fn child_case(id: Uuid, reason: Option<String>) -> Result<AbhCaseView, AppError> {
    use crate::api::context::{actor, lift, session};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let reason = match reason {
        Some(given) => Some(given),
        None => glass::recall(&session().await?, id, now).await,
    };
    lift(&actor, pamong_service::abh::get(&ctx.db, &actor, id, reason.as_deref(), now).await)
}

/// How long a reason given to open a child's identity holds for the pages that follow.
pub const GLASS_MINUTES: i64 = 15;

/// Breaks the glass as a form: checks the reason and keeps it in the session for the case,
/// so the page it leads to opens the identity (and logs the reason, as every view does).
#[server(endpoint = "abh/open", input = server_fn::codec::PostUrl)]
pub async fn open_child_case(id: Uuid, reason: String) -> Result<(), AppError> {
    use crate::api::context::{actor, lift, session};
    let (ctx, actor) = actor().await?;
    let checked = pamong_service::privacy::check_reason(&reason).map_err(pamong_service::ServiceError::from);
    let checked = lift(&actor, checked)?;
    glass::remember(&session().await?, id, checked, ctx.now()).await
}

/// The reasons this session gave to open children's identities, by case.
#[cfg(feature = "ssr")]
mod glass {
    use std::collections::BTreeMap;

    use pamong_domain::ErrorKind;
    use time::OffsetDateTime;
    use tower_sessions::Session;
    use uuid::Uuid;

    use super::GLASS_MINUTES;
    use crate::error::AppError;

    const KEY: &str = "abh.kaca";

    /// Each case's reason and when it was given (seconds since 1970).
    type Reasons = BTreeMap<Uuid, (String, i64)>;

    fn fresh(at: i64, now: OffsetDateTime) -> bool {
        now.unix_timestamp() - at <= GLASS_MINUTES * 60
    }

    /// The reason given for `id`, if still fresh.
    pub async fn recall(session: &Session, id: Uuid, now: OffsetDateTime) -> Option<String> {
        let reasons: Reasons = session.get(KEY).await.ok().flatten()?;
        let (reason, at) = reasons.get(&id)?;
        fresh(*at, now).then(|| reason.clone())
    }

    /// Keeps `reason` for `id`, dropping stale ones so the session stays small.
    pub async fn remember(
        session: &Session,
        id: Uuid,
        reason: String,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut reasons: Reasons = session.get(KEY).await.ok().flatten().unwrap_or_default();
        reasons.retain(|_, (_, at)| fresh(*at, now));
        reasons.insert(id, (reason, now.unix_timestamp()));
        session
            .insert(KEY, reasons)
            .await
            .map_err(|_| AppError::Kind(ErrorKind::Internal { request_id: None }))
    }
}

/// Records a Litmas request; returns the Litmas id.
#[server(endpoint = "abh/litmas/request", input = server_fn::codec::PostUrl)]
pub async fn request_litmas(id: Uuid, form: LitmasRequestForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::abh::litmas::request(&ctx.db, &actor, id, &form, now).await)
}

/// One Litmas.
#[server(endpoint = "abh/litmas/get", input = server_fn::codec::Json)]
pub async fn litmas_page(id: Uuid) -> Result<LitmasView, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::abh::litmas::get(&ctx.db, &actor, id, now).await)
}

/// An approved Litmas as a PDF on the office's letterhead, for whoever reads the child's
/// identity; the view is access-logged and the print export-logged. A GET, so a plain link
/// downloads it.
#[server(endpoint = "abh/litmas/pdf", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn litmas_pdf(id: Uuid) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::file_download(|x| async move {
        let litmas = pamong_service::abh::litmas::for_print(&x.ctx.db, &x.actor, id, x.now).await?;
        crate::documents::litmas(&litmas, x.now)
    })
    .await
}

/// Saves a Litmas draft, or submits it to the Kabapas.
#[server(endpoint = "abh/litmas/save", input = server_fn::codec::PostUrl)]
pub async fn save_litmas(id: Uuid, content: LitmasContent, submit: bool) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::abh::litmas::save(&ctx.db, &actor, id, &content, submit, now).await)
}

/// The Kabapas approves a Litmas, or returns it with a note.
#[server(endpoint = "abh/litmas/review", input = server_fn::codec::PostUrl)]
pub async fn review_litmas(id: Uuid, approve: bool, note: String) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::abh::litmas::review(&ctx.db, &actor, id, approve, &note, now).await)
}

/// Records the delivery of an approved Litmas at `at` (office time).
#[server(endpoint = "abh/litmas/deliver", input = server_fn::codec::PostUrl)]
pub async fn deliver_litmas(id: Uuid, delivered_at: String) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::abh::litmas::deliver(&ctx.db, &actor, id, &delivered_at, now).await)
}

/// Moves the case to a later stage.
#[server(endpoint = "abh/stage", input = server_fn::codec::PostUrl)]
pub async fn set_case_stage(id: Uuid, form: StageForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{abh::process, clients};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        process::set_stage(&ctx.db, &actor, id, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Records the diversion of a stage.
#[server(endpoint = "abh/diversion", input = server_fn::codec::PostUrl)]
pub async fn save_diversion(id: Uuid, form: DiversionForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{abh::process, clients};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        process::save_diversion(&ctx.db, &actor, id, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Reports a breach of a diversion agreement (`acted` false) or the official's action.
#[server(endpoint = "abh/breach", input = server_fn::codec::PostUrl)]
pub async fn record_breach(id: Uuid, form: BreachForm, acted: bool) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::abh::process::record_breach(&ctx.db, &actor, id, &form, acted, now).await)
}

/// Records a meeting, an accompanied hearing or a referral.
#[server(endpoint = "abh/event", input = server_fn::codec::PostUrl)]
pub async fn add_case_event(id: Uuid, form: EventForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{abh::process, clients};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        process::add_event(&ctx.db, &actor, id, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// The office's access log of children's records (its Kabapas).
#[server(endpoint = "abh/access-log", input = server_fn::codec::Json)]
pub async fn access_log(filter: AccessFilter) -> Result<Page<AccessRow>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::abh::access::list(&ctx.db, &actor, &filter).await)
}

/// The access log as searched (`q`; `alasan=1`: break-glass views only), every page up to
/// `pamong_service::exports::LOG_MAX_ROWS`, as a file (`format`); export-logged.
#[server(endpoint = "abh/access-log/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_access_log(
    q: Option<String>,
    alasan: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        let list = pamong_domain::page::ListQuery { q: q.unwrap_or_default(), ..Default::default() };
        let filter = AccessFilter { list, break_glass_only: alasan.as_deref() == Some("1") };
        let rows =
            pamong_service::abh::access::for_download(&x.ctx.db, &x.actor, &filter, format, x.now).await?;
        crate::documents::access_table(&rows, format)
    })
    .await
}
