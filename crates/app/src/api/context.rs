//! What a server fn needs from its request: the database, the session, the actor and the
//! request id. Provided by the server through Leptos context.

use pamong_domain::ErrorKind;
use pamong_service::session_store::{AUTH_KEY, AuthData};
use pamong_service::{Actor, Clock, DatabaseConnection, ServiceError, ServiceResult, auth};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::error::AppError;

/// Server-wide state the server hands to every server fn.
#[derive(Clone)]
pub struct ServerContext {
    /// The database pool.
    pub db: DatabaseConnection,
    /// Where "now" comes from: the system clock, or a fixed instant in tests.
    pub clock: Clock,
    /// A login ends this long after it began, however active the user is.
    pub absolute_timeout: time::Duration,
    /// A login ends after this long without a request.
    pub idle_timeout: time::Duration,
    /// The address of the style sheet (content-hashed when the build made a hashed copy).
    pub stylesheet: std::sync::Arc<str>,
    /// Whether pages load the browser app. Not while the first `make run` is still building
    /// it: the pages work without it, and naming files that are not there would only fail.
    pub scripts: bool,
}

/// The session key of when the session's expiry was last pushed back (Unix seconds).
const SEEN_KEY: &str = "seen";

impl ServerContext {
    /// The instant this call acts at, read once and handed to the service.
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }
}

/// The request id the server's middleware put on the request.
pub async fn request_id() -> Option<String> {
    let headers = leptos_axum::extract::<http::HeaderMap>().await.ok()?;
    headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// The address the request came from, for the per-address login limit.
pub async fn client_ip() -> Option<String> {
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>().await.ok();
    let headers = leptos_axum::extract::<http::HeaderMap>().await.unwrap_or_default();
    client_ip_of(peer.map(|p| p.0.ip()), &headers)
}

/// The client's address from the connection's peer and the headers. When the peer is on
/// this machine (a reverse proxy in front of Pamong), the address that proxy appended to
/// `X-Forwarded-For` is the client's; otherwise every user would share the proxy's limit.
/// A remote peer's `X-Forwarded-For` is ignored: anyone can write one.
pub fn client_ip_of(peer: Option<std::net::IpAddr>, headers: &http::HeaderMap) -> Option<String> {
    let peer = peer?;
    if peer.is_loopback() {
        let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
        if let Some(ip) = forwarded
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok())
        {
            return Some(ip.to_string());
        }
    }
    Some(peer.to_string())
}

/// The server context, or an internal error if the server forgot to provide it.
pub fn server() -> Result<ServerContext, AppError> {
    leptos::prelude::use_context::<ServerContext>()
        .ok_or(AppError::Kind(ErrorKind::Internal { request_id: None }))
}

/// The request's session.
///
/// Without a request in the context nobody is signed in, and that is no fault: a page that
/// never waits for the signed-in user (the 404 page) is sent before the user's resource has
/// run, and the resource may still run after the request's context is gone. A request whose
/// session cannot be read is one: the session layer is missing.
pub async fn session() -> Result<Session, AppError> {
    if leptos::prelude::use_context::<http::request::Parts>().is_none() {
        tracing::debug!("no request in the context: no session");
        return Err(AppError::Kind(ErrorKind::Unauthenticated));
    }
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "session layer missing");
        AppError::Kind(ErrorKind::Internal { request_id: None })
    })
}

/// Turns a service error into what the user sees (logging the cause once), and gives the
/// response the matching HTTP status.
pub async fn fail(err: ServiceError) -> AppError {
    failed(err.into_kind(request_id().await))
}

/// The HTTP status that says what kind of failure this is (server fns answer 500 otherwise).
fn status_of(kind: &ErrorKind) -> http::StatusCode {
    use http::StatusCode;
    match kind {
        ErrorKind::Unauthenticated | ErrorKind::BadCredentials => StatusCode::UNAUTHORIZED,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn failed(kind: ErrorKind) -> AppError {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        // A link followed as a navigation (opened in a tab, or by a browser that ignores
        // `download`) accepts HTML, which server_fn answers with a redirect back to the
        // page; a file is the answer.
        response.set_status(http::StatusCode::OK);
        response.set_status(status_of(&kind));
    }
    AppError::Kind(kind)
}

/// The result of a service call made for `actor`, with its error made fit for the user.
pub fn lift<T>(actor: &Actor, result: Result<T, ServiceError>) -> Result<T, AppError> {
    result.map_err(|e| failed(e.into_kind(actor.request_id.clone())))
}

/// A refusal (not found, not allowed) as nothing to show; any other failure stays one.
pub(crate) fn refused_as_empty<T: Default>(result: ServiceResult<T>) -> ServiceResult<T> {
    match result {
        Err(ServiceError::Domain(_)) => Ok(T::default()),
        other => other,
    }
}

/// The request's signed-in actor, worked out once. A page calls several server fns while it
/// renders (the top bar's user, then the page's own data), and each read the session and the
/// user again. The server provides a fresh one in every request's context; where none is
/// provided, each call works the actor out itself.
#[derive(Clone, Default)]
pub struct RequestActor(std::sync::Arc<tokio::sync::OnceCell<Option<Actor>>>);

/// The signed-in actor, if any. A login past its absolute timeout, or of a user who has
/// since been deactivated, is ended here.
pub async fn optional_actor() -> Result<Option<(ServerContext, Actor)>, AppError> {
    let ctx = server()?;
    let actor = match leptos::prelude::use_context::<RequestActor>() {
        Some(memo) => memo.0.get_or_try_init(|| signed_in(&ctx)).await?.clone(),
        None => signed_in(&ctx).await?,
    };
    match actor {
        Some(actor) => Ok(Some((ctx, actor.with_request_id(request_id().await)))),
        None => Ok(None),
    }
}

/// Who the session says is signed in, if that login still stands (the work behind
/// [`optional_actor`]): keeps a standing login alive, ends one that does not stand.
async fn signed_in(ctx: &ServerContext) -> Result<Option<Actor>, AppError> {
    signed_in_with(ctx, &session().await?).await
}

/// Who `session` says is signed in, if that login still stands: for a handler of the
/// server's own (a file upload) that has the session but no Leptos context.
pub async fn signed_in_with(ctx: &ServerContext, session: &Session) -> Result<Option<Actor>, AppError> {
    let auth: Option<AuthData> = session.get(AUTH_KEY).await.ok().flatten();
    let Some(auth) = auth else {
        return Ok(None);
    };
    let expired =
        OffsetDateTime::now_utc().unix_timestamp() - auth.login_at > ctx.absolute_timeout.whole_seconds();
    let actor = if expired {
        None
    } else {
        auth::actor_for(&ctx.db, auth.user_id).await.map_err(|e| e.into_kind(None))?
    };
    match actor {
        Some(actor) => {
            keep_alive(session, ctx).await;
            Ok(Some(actor))
        }
        None => {
            let _ = session.flush().await;
            Ok(None)
        }
    }
}

/// When the signed-in session ends at the latest: login plus the absolute timeout (Unix
/// seconds).
pub async fn session_ends(ctx: &ServerContext) -> Option<i64> {
    let auth: AuthData = session().await.ok()?.get(AUTH_KEY).await.ok().flatten()?;
    Some(auth.login_at + ctx.absolute_timeout.whole_seconds())
}

/// Pushes the session's expiry back, so that the idle timeout counts from the last request
/// and not from login. The session layer only saves a changed session, so this changes it
/// (a timestamp), but at most once per quarter of the timeout: not one write per request.
/// The session machinery stamps expiry with the system clock, so this reads that clock too.
async fn keep_alive(session: &Session, ctx: &ServerContext) {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let seen: i64 = session.get(SEEN_KEY).await.ok().flatten().unwrap_or(0);
    if now - seen >= ctx.idle_timeout.whole_seconds() / 4
        && let Err(e) = session.insert(SEEN_KEY, now).await
    {
        tracing::warn!(error = %e, "could not extend the session");
    }
}

/// The signed-in actor, or `Unauthenticated`.
pub async fn actor() -> Result<(ServerContext, Actor), AppError> {
    match optional_actor().await? {
        Some(found) => Ok(found),
        None => Err(failed(ErrorKind::Unauthenticated)),
    }
}

/// What a download server fn builds its file from: the request's context, the signed-in
/// actor and the instant it acts at.
pub struct Exporting {
    /// The request's server context (its `db`).
    pub ctx: ServerContext,
    /// Who asked for the file.
    pub actor: Actor,
    /// When they asked (what the export log records).
    pub now: OffsetDateTime,
}

/// Answers a download server fn: signs the actor in, builds the file with `make`, translates
/// its error for the actor and sends the file as a download (see [`download`]). Every
/// download link of the app (tables and PDFs) goes through here, so each answers the same way.
pub async fn file_download<F, Fut>(make: F) -> Result<server_fn::codec::ByteStream<AppError>, AppError>
where
    F: FnOnce(Exporting) -> Fut,
    Fut: Future<Output = ServiceResult<pamong_service::exports::ExportFile>>,
{
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = make(Exporting { ctx, actor: actor.clone(), now }).await;
    Ok(download(lift(&actor, result)?))
}

/// [`file_download`] for a table, in the format its link asks for (`?format=`).
pub async fn table_download<F, Fut>(
    format: Option<String>,
    make: F,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError>
where
    F: FnOnce(Exporting, pamong_domain::export::ExportFormat) -> Fut,
    Fut: Future<Output = ServiceResult<pamong_service::exports::ExportFile>>,
{
    file_download(|exporting| async move {
        let format = export_format(format.as_deref())?;
        make(exporting, format).await
    })
    .await
}

/// The export format a download link asks for (`?format=`; CSV when none); an unknown one
/// is "not found", as a page that does not exist.
fn export_format(raw: Option<&str>) -> ServiceResult<pamong_domain::export::ExportFormat> {
    pamong_domain::export::ExportFormat::asked(raw).ok_or_else(ServiceError::not_found)
}

/// An exported file as a server fn's download: its media type, and a name to save it under.
fn download(file: pamong_service::exports::ExportFile) -> server_fn::codec::ByteStream<AppError> {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        // A link followed as a navigation (opened in a tab, or by a browser that ignores
        // `download`) accepts HTML, which server_fn answers with a redirect back to the
        // page; a file is the answer.
        response.set_status(http::StatusCode::OK);
        if let Ok(kind) = http::HeaderValue::from_str(file.content_type) {
            response.insert_header(http::header::CONTENT_TYPE, kind);
        }
        let disposition = format!("attachment; filename=\"{}\"", file.file_name);
        if let Ok(disposition) = http::HeaderValue::from_str(&disposition) {
            response.insert_header(http::header::CONTENT_DISPOSITION, disposition);
        }
    }
    let bytes = file.bytes;
    server_fn::codec::ByteStream::new(futures_util::stream::once(async move { Ok::<_, AppError>(bytes) }))
}

/// Something shown once (a new token's secret, fresh recovery codes), waiting in the session:
/// whom it is for, itself, and the request that first showed it.
#[derive(serde::Serialize, serde::Deserialize)]
struct ShownOnce<T> {
    owner: uuid::Uuid,
    value: T,
    shown_in: Option<String>,
}

/// Keeps `value` in the session under `key` for the page that shows it, once, to `owner`'s
/// page. It never travels in a URL. A failure to keep it is logged: the page then has
/// nothing to show, and the user makes a new one.
pub async fn keep_for_showing<T: serde::Serialize>(key: &str, owner: uuid::Uuid, value: T) {
    let kept = match session().await {
        Ok(session) => {
            session.insert(key, ShownOnce { owner, value, shown_in: None }).await.map_err(|e| e.to_string())
        }
        Err(_) => Err("no session".to_owned()),
    };
    if let Err(e) = kept {
        tracing::error!(error = %e, key, "could not keep what is shown once");
    }
}

/// What waits under `key` for `owner`'s page. A page may read it more than once while it
/// renders, so it is kept for the rest of that request (by its id) and dropped by the next
/// request that reads it: a reload does not show it again.
pub async fn shown_once<T>(key: &str, owner: uuid::Uuid) -> Result<Option<T>, AppError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Clone,
{
    let session = session().await?;
    let Some(mut kept) = session.get::<ShownOnce<T>>(key).await.ok().flatten() else { return Ok(None) };
    if kept.owner != owner {
        return Ok(None);
    }
    let this = request_id().await;
    match &kept.shown_in {
        None => {
            kept.shown_in = this;
            let value = kept.value.clone();
            let _ = session.insert(key, kept).await;
            Ok(Some(value))
        }
        Some(shown) if this.as_ref() == Some(shown) => Ok(Some(kept.value)),
        Some(_) => {
            let _ = session.remove_value(key).await;
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn outside_a_request_there_is_no_session_and_no_fault() {
        let answer = session().await;
        assert!(matches!(answer, Err(AppError::Kind(ErrorKind::Unauthenticated))), "{answer:?}");
    }
}
