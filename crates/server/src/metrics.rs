//! `/metrics` in Prometheus' text format: requests by route and status, their latency, the
//! database pool, the background jobs' lag and login failures.
//!
//! Product code records through the `metrics` facade (`auth::record_attempt` counts a failed
//! sign-in where it is noted); this module installs the one Prometheus recorder of the
//! process and answers the scrape. What the database knows — the pool, the outbox's oldest
//! message due — is read at scrape time, so it is current and the same on every server.
//!
//! The endpoint is off unless `PAMONG_METRICS_TOKEN` is set, and then answers only a request
//! carrying it as a bearer token: route names and error rates are for the operators, not for
//! anyone who can reach the site.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use pamong_service::{Clock, DatabaseConnection};
use secrecy::{ExposeSecret, SecretString};

/// Requests answered, by method, route and status.
pub const REQUESTS: &str = "pamong_http_requests_total";
/// Seconds to answer, by method and route.
pub const LATENCY: &str = "pamong_http_request_duration_seconds";
/// When a background job last finished a round (Unix seconds), by job.
pub const JOB_LAST_RUN: &str = "pamong_job_last_run_timestamp_seconds";

/// The latency buckets (seconds): a page is meant to answer in tens of milliseconds; an
/// export or an import may take seconds.
const LATENCY_BUCKETS: &[f64] = &[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// The route label of a request no route matched (a static file, a 404): one label for all,
/// so a scan of random paths cannot grow the series without bound.
const UNMATCHED: &str = "other";

/// The process's Prometheus recorder, installed on first use. Every router built in the
/// process (the tests build many) shares it, as the `metrics` facade has one recorder.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(LATENCY.to_owned()), LATENCY_BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("a metrics recorder was already installed; /metrics will be empty");
        }
        describe();
        handle
    })
}

fn describe() {
    metrics::describe_counter!(REQUESTS, "HTTP requests answered, by method, route and status.");
    metrics::describe_histogram!(LATENCY, metrics::Unit::Seconds, "Time to answer an HTTP request.");
    metrics::describe_counter!(
        pamong_service::auth::LOGIN_FAILURES,
        "Sign-ins refused: a wrong password or code, an unknown or inactive user."
    );
    metrics::describe_gauge!(
        JOB_LAST_RUN,
        metrics::Unit::Seconds,
        "When a background job last finished a round."
    );
    metrics::describe_gauge!("pamong_db_pool_connections", "Database connections open, by state.");
    metrics::describe_gauge!("pamong_db_pool_max_connections", "The database pool's size limit.");
    metrics::describe_gauge!(
        "pamong_notifications_due",
        "Messages due and not yet sent (or retried), by channel."
    );
    metrics::describe_gauge!(
        "pamong_notifications_lag_seconds",
        "How long the oldest message due has waited, by channel."
    );
}

/// Keeps the recorder's histograms drained while the server runs (the exporter's own upkeep
/// thread is part of its HTTP listener, which Pamong does not use).
pub async fn upkeep() {
    let mut every = tokio::time::interval(Duration::from_secs(5));
    loop {
        every.tick().await;
        handle().run_upkeep();
    }
}

/// Notes that the background job `job` finished a round now.
pub fn job_ran(job: &'static str) {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    #[expect(clippy::cast_precision_loss, reason = "Unix seconds fit an f64's 53 bits")]
    metrics::gauge!(JOB_LAST_RUN, "job" => job).set(now as f64);
}

/// Marks a response with the route that answered it: [`track`], outside the router, reads
/// it back. Added with `route_layer` to each router, so only matched routes carry one.
pub async fn mark_route(path: MatchedPath, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.extensions_mut().insert(path);
    response
}

/// Counts and times every request, labelled with the route [`mark_route`] found.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| UNMATCHED.to_owned(), |p| p.as_str().to_owned());
    let status = response.status().as_u16().to_string();
    metrics::counter!(REQUESTS, "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!(LATENCY, "method" => method, "route" => route).record(started.elapsed());
    response
}

/// Who may read `/metrics`: nobody when no token is set.
#[derive(Clone)]
pub struct MetricsAccess {
    /// The database, read at scrape time.
    pub db: DatabaseConnection,
    /// The bearer token a scrape must carry.
    pub token: Option<SecretString>,
    /// Where "now" comes from (for the outbox's lag).
    pub clock: Clock,
}

/// `GET /metrics`.
pub async fn scrape(State(access): State<MetricsAccess>, headers: HeaderMap) -> Response {
    let Some(token) = &access.token else { return StatusCode::NOT_FOUND.into_response() };
    if !bearer_matches(&headers, token) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response();
    }
    record_pool(&access.db);
    match pamong_service::notifications::backlog(&access.db, access.clock.now()).await {
        Ok(backlog) => {
            for channel in backlog {
                let labels = [("channel", channel.channel.as_str())];
                #[expect(clippy::cast_precision_loss, reason = "a count of messages")]
                metrics::gauge!("pamong_notifications_due", &labels).set(channel.due as f64);
                #[expect(clippy::cast_precision_loss, reason = "seconds waited")]
                metrics::gauge!("pamong_notifications_lag_seconds", &labels).set(channel.lag_seconds as f64);
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not read the outbox for /metrics"),
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], handle().render()).into_response()
}

/// Whether the request carries `Authorization: Bearer <token>`, compared in constant time.
fn bearer_matches(headers: &HeaderMap, token: &SecretString) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    same_bytes(given.trim().as_bytes(), token.expose_secret().as_bytes())
}

/// Whether `a` and `b` are equal, in a time that does not depend on where they differ.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// The pool's connections, open and idle, and its limit.
fn record_pool(db: &DatabaseConnection) {
    let Some(pool) = pamong_service::db::pool_use(db) else { return };
    #[expect(clippy::cast_precision_loss, reason = "connection counts")]
    {
        metrics::gauge!("pamong_db_pool_connections", "state" => "idle").set(pool.idle as f64);
        metrics::gauge!("pamong_db_pool_connections", "state" => "in_use").set(pool.in_use as f64);
        metrics::gauge!("pamong_db_pool_max_connections").set(pool.max as f64);
    }
}
