//! Building the application: database, sessions, router and middleware. `Application::build`
//! can bind port 0 and report the port it got, so tests start the real server.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::FromRef;
use axum::http::{HeaderName, HeaderValue, Request, header};
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use pamong_app::api::context::{RequestActor, ServerContext};
use pamong_app::{App, shell};
use pamong_service::session_store::DbSessionStore;
use pamong_service::{Clock, DatabaseConnection};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::config::Settings;
use crate::guard::{self, TrustedOrigin};
use crate::notify::smtp::SmtpMailer;
use crate::notify::whatsapp::CloudApi;
use crate::notify::{self, Couriers};

/// The largest request body read. The longest form (a Litmas: five sections of at most
/// 20,000 characters) stays far below; anything bigger is refused with 413 before it is
/// read into memory.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The cookie that carries the session id.
pub const SESSION_COOKIE: &str = "pamong_session";

/// Shared state of the router.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Leptos's options (site root, output name).
    pub leptos_options: LeptosOptions,
    /// The database pool.
    pub db: DatabaseConnection,
    /// What the server hands to server fns (and to the plain login form).
    pub ctx: ServerContext,
    /// Calls to `/api/v1` a token may make per minute.
    pub api_rate_limit: i32,
}

/// A built, bound, not yet running server.
pub struct Application {
    port: u16,
    listener: TcpListener,
    router: Router,
    db: DatabaseConnection,
    refresh_figures: bool,
    /// What the notifications worker sends with, when it runs.
    notifications: Option<Couriers>,
    clock: Clock,
}

/// A start-up failure.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database could not be opened or migrated.
    #[error("database: {0}")]
    Db(#[from] pamong_service::db::DbErr),
    /// The address could not be bound.
    #[error("listen: {0}")]
    Io(#[from] std::io::Error),
    /// Seeding failed.
    #[error("seed: {0}")]
    Seed(String),
    /// The SMTP settings are wrong.
    #[error("mail: {0}")]
    Mail(#[from] crate::notify::smtp::SmtpError),
    /// The WhatsApp client could not be set up.
    #[error("whatsapp: {0}")]
    WhatsApp(#[from] reqwest::Error),
}

impl Application {
    /// Connects, migrates, optionally seeds, and binds the listener.
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        if let Some(dir) = sqlite_dir(settings.database_url.expose_secret()) {
            std::fs::create_dir_all(dir)?;
        }
        let db = pamong_service::db::connect(settings.database_url.expose_secret()).await?;
        pamong_service::db::migrate_up(&db).await?;
        if settings.seed_demo {
            let logins = pamong_service::seed::seed_demo(&db, settings.clock.now())
                .await
                .map_err(|e| StartupError::Seed(e.to_string()))?;
            if !logins.is_empty() {
                tracing::info!(users = logins.len(), "seeded demo data");
            }
        }
        let listener = TcpListener::bind(settings.listen).await?;
        let port = listener.local_addr()?.port();
        let router = router(&settings, db.clone(), port);
        let mut couriers = Couriers::default();
        if let Some(url) = &settings.smtp_url {
            couriers.email = Some(Arc::new(SmtpMailer::new(url.expose_secret(), &settings.mail_from)?));
        }
        if let Some(wa) = &settings.whatsapp {
            couriers.whatsapp =
                Some(Arc::new(CloudApi::new(&wa.api_url, &wa.phone_id, wa.token.expose_secret())?));
        }
        let notifications = settings.notifications.then_some(couriers);
        Ok(Self {
            port,
            listener,
            router,
            db,
            refresh_figures: settings.refresh_figures,
            notifications,
            clock: settings.clock,
        })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The database pool (for tests).
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The router without a listener (for tests through `tower::ServiceExt::oneshot`).
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let store = DbSessionStore::new(self.db.clone(), Clock::System);
        let sweeper = tokio::spawn(sweep_expired_sessions(store));
        let upkeep = tokio::spawn(crate::metrics::upkeep());
        let refresher = self.refresh_figures.then(|| tokio::spawn(refresh_figures(self.db.clone())));
        let notifier = self
            .notifications
            .map(|couriers| tokio::spawn(notify::run(self.db.clone(), couriers, self.clock)));
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        let result = axum::serve(self.listener, service).with_graceful_shutdown(shutdown_signal()).await;
        sweeper.abort();
        upkeep.abort();
        for task in [refresher, notifier].into_iter().flatten() {
            task.abort();
        }
        tracing::info!("server stopped");
        result
    }
}

/// The directory of a SQLite file URL, so it can be created before opening.
pub(crate) fn sqlite_dir(url: &str) -> Option<std::path::PathBuf> {
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()).map(|p| p.to_path_buf())
}

/// Builds the full router with its middleware.
pub fn router(settings: &Settings, db: DatabaseConnection, port: u16) -> Router {
    let db_for_metrics = db.clone();
    let hashes = crate::assets::Hashes::read(&settings.site_root);
    // A hash file without the script's and the wasm's hashes says the browser app was not
    // built (yet): pages then name no script. Without any hash file (tests, an old build),
    // Leptos names the unhashed files.
    let scripts = hashes.as_ref().is_none_or(crate::assets::Hashes::has_scripts);
    let hashes = hashes.unwrap_or_default();
    // Leptos reads the hash file itself when it names the script and the wasm; an absolute
    // path, because it looks beside the executable otherwise.
    let hash_file =
        crate::assets::Hashes::file(&std::path::absolute(&settings.site_root).unwrap_or_default());
    let leptos_options = LeptosOptions::builder()
        .output_name("pamong")
        .site_root(settings.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(SocketAddr::from(([127, 0, 0, 1], port)))
        .hash_files(hashes.has_scripts())
        .hash_file(hash_file.to_string_lossy().into())
        .build();
    let context = ServerContext {
        db: db.clone(),
        clock: settings.clock,
        absolute_timeout: settings.session_absolute,
        idle_timeout: settings.session_idle,
        stylesheet: hashes.stylesheet().into(),
        scripts,
    };
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db: db.clone(),
        ctx: context.clone(),
        api_rate_limit: settings.api_rate_limit,
    };
    // The system clock, whatever the settings say: tower-sessions stamps expiry with it.
    let sessions = SessionManagerLayer::new(DbSessionStore::new(db, Clock::System))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.secure_cookies)
        .with_path("/")
        .with_signed(settings.cookie_key())
        .with_expiry(Expiry::OnInactivity(settings.session_idle));
    let routes = generate_route_list(App);
    let request_id = HeaderName::from_static("x-request-id");
    let options = Arc::new(leptos_options);
    let login = pamong_app::pages::login::LOGIN_POST;
    // Every page takes its own forms' plain posts (the login has its own handler).
    let pages: std::collections::BTreeSet<String> =
        routes.iter().map(|r| r.path().to_owned()).filter(|p| p != login).collect();
    let router = pages
        .into_iter()
        .fold(Router::new(), |router, page| router.route(&page, post(crate::form_post::post_form)));
    let worker = crate::worker::Worker::new(&hashes);
    router
        .route("/sw.js", get(move || std::future::ready(worker.response())))
        .route("/healthz", get(crate::health::healthz))
        .route("/readyz", get(crate::health::readyz))
        .route(login, post(crate::login_form::post_login))
        .route(pamong_app::routes::SECOND_FACTOR_QR, get(crate::second_factor_qr::qr))
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let context = context.clone();
                move || {
                    provide_context(context.clone());
                    provide_context(RequestActor::default());
                }
            },
            {
                let options = Arc::clone(&options);
                move || shell((*options).clone())
            },
        )
        .route_layer(axum::middleware::from_fn(crate::metrics::mark_route))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            move || {
                provide_context(context.clone());
                provide_context(RequestActor::default());
            },
            shell,
        ))
        .with_state(state.clone())
        // Every request's body is small, but for the import's file (below).
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .merge(uploads(state.clone()))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(
            TrustedOrigin::of_url(&settings.public_url),
            guard::same_origin,
        ))
        // The API authenticates by token, not by the session cookie: there is no cross-site
        // forgery to guard against, and other systems send no `Origin`.
        .merge(crate::api_v1::router(state.clone()))
        .merge(metrics_route(settings, db_for_metrics))
        .layer(axum::middleware::from_fn(guard::no_store))
        .layer(axum::middleware::from_fn(guard::close_after_refused_body))
        // Phones on mobile data: the wasm shrinks from about 1.7 MB to under 0.5 MB with brotli.
        .layer(CompressionLayer::new().br(true).gzip(true))
        // No sniffing, no framing (clickjacking), no full URLs (with record ids) to other sites.
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::STRICT_TRANSPORT_SECURITY, hsts(settings)))
        // A panic in one request answers 500 to that request; the process and everyone
        // else's requests carry on.
        .layer(CatchPanicLayer::new())
        // Outside the panic catcher, so a panic is counted as the 500 it answered.
        .layer(axum::middleware::from_fn(crate::metrics::track))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), uri = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// `/metrics`, for the operators' Prometheus (off without a token).
fn metrics_route(settings: &Settings, db: DatabaseConnection) -> Router {
    // Installed before the first request, so that nothing recorded is lost.
    crate::metrics::handle();
    let access =
        crate::metrics::MetricsAccess { db, token: settings.metrics_token.clone(), clock: settings.clock };
    Router::new()
        .route("/metrics", get(crate::metrics::scrape))
        .route_layer(axum::middleware::from_fn(crate::metrics::mark_route))
        .with_state(access)
}

/// The route of the client import's file upload, with a body limit of its own.
fn uploads(state: AppState) -> Router {
    use crate::import_upload::{UPLOAD_BODY_LIMIT, upload};
    Router::new()
        .route(pamong_app::routes::IMPORT_UPLOAD, post(upload))
        .route_layer(axum::middleware::from_fn(crate::metrics::mark_route))
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(UPLOAD_BODY_LIMIT))
}

/// HSTS when the public URL is https (a year, subdomains included); over plain http the
/// header would be ignored, and sending none keeps a test or LAN setup reachable.
fn hsts(settings: &Settings) -> Option<HeaderValue> {
    settings.secure_cookies.then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"))
}

/// Removes expired sessions every 10 minutes.
async fn sweep_expired_sessions(store: DbSessionStore) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        match store.delete_expired().await {
            Ok(n) if n > 0 => tracing::debug!(removed = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
        crate::metrics::job_ran("sessions");
    }
}

/// Keeps the regional comparison's figures fresh: every office's figures of today computed
/// again every five minutes (`snapshot::REFRESH_AFTER`), the month-ends once, so a Kanwil
/// or headquarters reader finds them kept rather than waiting for 94 offices' histories.
async fn refresh_figures(db: DatabaseConnection) {
    let period = pamong_domain::oversight::snapshot::REFRESH_AFTER.unsigned_abs();
    let mut every = tokio::time::interval(period);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let started = std::time::Instant::now();
        match pamong_service::oversight::snapshots::refresh(&db, Clock::System.now()).await {
            Ok(offices) => {
                tracing::debug!(offices, took_ms = started.elapsed().as_millis(), "figures refreshed")
            }
            Err(e) => tracing::warn!(error = %e, "could not refresh the figures"),
        }
        crate::metrics::job_ran("figures");
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing requests in flight");
}

#[cfg(test)]
mod tests {
    use super::sqlite_dir;

    #[test]
    fn sqlite_dir_of_urls() {
        assert_eq!(sqlite_dir("sqlite://data/pamong.db?mode=rwc"), Some("data".into()));
        assert_eq!(sqlite_dir("sqlite://pamong.db"), None);
        assert_eq!(sqlite_dir("sqlite::memory:"), None);
        assert_eq!(sqlite_dir("postgres://x/y"), None);
    }
}
