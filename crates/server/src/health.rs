//! Health endpoints for load balancers and orchestrators.

use axum::extract::State;
use axum::http::StatusCode;
use pamong_service::DatabaseConnection;

/// Liveness: the process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: the database answers too.
pub async fn readyz(State(db): State<DatabaseConnection>) -> (StatusCode, &'static str) {
    if pamong_service::db::ping(&db).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}
