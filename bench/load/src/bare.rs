//! The yardstick of `bench/ssr.sh`: a bare axum server answering every GET with the same
//! bytes a Pamong page answered, so the two can be compared in one run on one machine.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;

/// Serves `file`'s bytes as HTML on `listen` until killed.
pub async fn run(file: &str, listen: &str) -> Result<(), String> {
    let body: &'static [u8] = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?.leak();
    let page = move || async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response() };
    let app = Router::new().fallback(page);
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| format!("{listen}: {e}"))?;
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}
