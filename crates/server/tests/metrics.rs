//! `/metrics`: off without a token, refused without the right one, and after a few requests
//! the counters of requests (by route and status), their latency, the pool, the outbox and
//! the refused sign-ins.

#![allow(clippy::unwrap_used, reason = "helpers of tests: a failure fails the test")]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{spawn, spawn_with};
use secrecy::SecretString;

const TOKEN: &str = "a-scrape-token-for-the-tests";

fn scrape(token: Option<&str>) -> Request<Body> {
    let mut req = Request::get("/metrics");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    req.body(Body::empty()).unwrap()
}

/// The value of the sample `series` (name and labels exactly as rendered).
fn sample(body: &str, series: &str) -> Option<f64> {
    body.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.trim().parse().ok())
}

#[tokio::test]
async fn metrics_are_off_without_a_token() {
    let app = spawn().await;
    assert_eq!(app.send(scrape(None)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.send(scrape(Some("anything"))).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_after_a_few_requests() {
    let app = spawn_with(|s| s.metrics_token = Some(SecretString::from(TOKEN))).await;
    assert_eq!(app.send(scrape(None)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.send(scrape(Some("not-the-token"))).await.status, StatusCode::UNAUTHORIZED);

    for _ in 0..3 {
        let ok = app.send(Request::get("/healthz").body(Body::empty()).unwrap()).await;
        assert_eq!(ok.status, StatusCode::OK);
    }
    let missing = app.send(Request::get("/tidak-ada/12345").body(Body::empty()).unwrap()).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let refused = app.password_step("pk.jakbar", "bukan-sandinya", None).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
    let signed_in = app.login("pk.jakbar", pamong_service::seed::DEMO_PASSWORD, None).await;
    let cookie = signed_in.cookie.unwrap();
    let client =
        app.send(Request::get("/klien").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
    assert_eq!(client.status, StatusCode::OK);

    let reply = app.send(scrape(Some(TOKEN))).await;
    assert_eq!(reply.status, StatusCode::OK);
    let content_type = reply.headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
    let body = &reply.body;
    let healthz = r#"pamong_http_requests_total{method="GET",route="/healthz",status="200"}"#;
    assert!(sample(body, healthz) >= Some(3.0), "{body}");
    // A page's route is its pattern, and a path no route knows is "other": the labels stay few.
    assert!(
        sample(body, r#"pamong_http_requests_total{method="GET",route="/klien",status="200"}"#) >= Some(1.0)
    );
    assert!(
        sample(body, r#"pamong_http_requests_total{method="GET",route="other",status="404"}"#) >= Some(1.0)
    );
    assert!(!body.contains("12345"), "a path never becomes a label");
    assert!(body.contains(
        r#"pamong_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="0.005"}"#
    ));
    assert!(sample(body, "pamong_login_failures_total") >= Some(1.0), "{body}");
    assert!(sample(body, "pamong_db_pool_max_connections") >= Some(1.0), "{body}");
    assert!(body.contains(r#"pamong_db_pool_connections{state="idle"}"#));
    assert_eq!(sample(body, r#"pamong_notifications_due{channel="email"}"#), Some(0.0), "{body}");
    assert_eq!(sample(body, r#"pamong_notifications_lag_seconds{channel="whatsapp"}"#), Some(0.0));
    assert!(body.contains("# TYPE pamong_http_request_duration_seconds histogram"));
}
