//! The REST API through the router: a token sees exactly what its user sees, a call without a
//! valid token or past the limit is refused with the right status, reports are recorded, and
//! the OpenAPI document describes the routes.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{NOW, TestApp, spawn};
use pamong_domain::api_token::TokenForm;
use pamong_domain::caseload::ClientFilter;
use pamong_domain::page::ListQuery;
use pamong_entity::user;
use pamong_service::{Actor, api_tokens, auth, clients, oversight, referrals};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

/// The demo user's actor and a token issued to them.
async fn token_of(app: &TestApp, username: &str) -> (Actor, String) {
    let row = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let actor = auth::actor_for(&app.db.conn, row.id).await.unwrap().unwrap();
    let form = TokenForm { name: format!("uji {username}") };
    let issued = api_tokens::issue(&app.db.conn, &Actor::system(), row.public_id, &form, NOW).await.unwrap();
    (actor, issued.secret)
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> common::Reply {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let req = match body {
        Some(b) => req.header(header::CONTENT_TYPE, "application/json").body(Body::from(b.to_owned())),
        None => req.body(Body::empty()),
    };
    app.send(req.unwrap()).await
}

fn ids(json: &Value) -> Vec<String> {
    let mut ids: Vec<String> =
        json["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn a_token_sees_exactly_what_its_user_sees() {
    let app = spawn().await;
    for username in ["pk.jakbar", "pk2.jakbar", "kabapas.jakbar", "kanwil.dki", "admin", "mitra.jakbar"] {
        let (actor, token) = token_of(&app, username).await;
        for q in ["", "budi", "santoso"] {
            let reply =
                call(&app, "GET", &format!("/api/v1/clients?q={q}&per_page=100"), Some(&token), None).await;
            let filter = ClientFilter {
                list: ListQuery { q: q.into(), page: 1, per_page: 100, include_inactive: false },
                ..ClientFilter::default()
            };
            match clients::list(&app.db.conn, &actor, &filter).await {
                Ok(page) => {
                    assert_eq!(reply.status, StatusCode::OK, "{username}: {}", reply.body);
                    let json: Value = serde_json::from_str(&reply.body).unwrap();
                    let mut expected: Vec<String> = page.items.iter().map(|c| c.id.to_string()).collect();
                    expected.sort();
                    assert_eq!(ids(&json), expected, "{username} searching {q:?}");
                    assert_eq!(json["total"], page.total);
                    // A masked child is masked through the API too.
                    for (item, summary) in json["items"].as_array().unwrap().iter().zip(&page.items) {
                        if summary.masked {
                            assert_eq!(item["masked"], true);
                            assert!(item["nik"].is_null());
                        }
                    }
                }
                Err(_) => assert_eq!(reply.status, StatusCode::NOT_FOUND, "{username}: {}", reply.body),
            }
        }
    }

    // One client: readable by its PK, not found for the PK of another office's client.
    let (pk, pk_token) = token_of(&app, "pk.jakbar").await;
    let mine = clients::list(&app.db.conn, &pk, &ClientFilter::default()).await.unwrap().items[0].id;
    let (_, jambi_token) = token_of(&app, "pk1.jambi").await;
    let reply = call(&app, "GET", &format!("/api/v1/clients/{mine}"), Some(&pk_token), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = call(&app, "GET", &format!("/api/v1/clients/{mine}"), Some(&jambi_token), None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(serde_json::from_str::<Value>(&reply.body).unwrap()["error"], "not_found");
}

#[tokio::test]
async fn calls_without_a_valid_token_or_past_the_limit_are_refused() {
    let app = spawn().await;
    let reply = call(&app, "GET", "/api/v1/clients", None, None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.headers.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer");
    let reply = call(&app, "GET", "/api/v1/clients", Some("pmg_not-a-token"), None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);

    let (_, token) = token_of(&app, "pk.jakbar").await;
    let reply = call(&app, "GET", "/api/v1/clients?page=abc", Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "a malformed query is the caller's error");
    let json: Value = serde_json::from_str(&reply.body).expect("a refusal in JSON, as the document says");
    assert_eq!(json["error"], "malformed");
    assert!(json["message"].as_str().unwrap().contains("page"), "{json}");
    let reply = call(&app, "GET", "/api/v1/clients/not-a-uuid", Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);

    // Revoked: refused from then on.
    let listed = api_tokens::list(&app.db.conn, &Actor::system(), {
        let row = user::Entity::find()
            .filter(user::Column::Username.eq("pk.jakbar"))
            .one(&app.db.conn)
            .await
            .unwrap();
        row.unwrap().public_id
    })
    .await
    .unwrap();
    api_tokens::revoke(&app.db.conn, &Actor::system(), listed[0].id, NOW).await.unwrap();
    let reply = call(&app, "GET", "/api/v1/clients", Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "a revoked token");

    // The rate limit: the server's clock stands still, so every call is in one window.
    let (_, token) = token_of(&app, "pk2.jakbar").await;
    for _ in 0..api_tokens::DEFAULT_RATE_LIMIT {
        assert_eq!(
            call(&app, "GET", "/api/v1/clients?per_page=1", Some(&token), None).await.status,
            StatusCode::OK
        );
    }
    let reply = call(&app, "GET", "/api/v1/clients?per_page=1", Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(reply.headers.get(header::RETRY_AFTER).is_some());
    assert_eq!(serde_json::from_str::<Value>(&reply.body).unwrap()["error"], "rate_limited");
}

#[tokio::test]
async fn a_report_is_recorded_once_per_idempotency_key() {
    let app = spawn().await;
    let (pk, token) = token_of(&app, "pk.jakbar").await;
    let own = ClientFilter { pk: Some("saya".into()), ..ClientFilter::default() };
    let caseload = clients::list(&app.db.conn, &pk, &own).await.unwrap().items;
    let client = caseload.iter().find(|c| !c.child && c.legal_basis.reports()).unwrap().id;
    let path = format!("/api/v1/clients/{client}/reports");
    let body = r#"{"kind":"kunjungan","date":"2026-11-24","time":"09:30","attended":true,"notes":"Di rumah","latitude":-6.16,"longitude":106.8}"#;
    let send = |key: &'static str| {
        let req = Request::post(&path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", key)
            .body(Body::from(body))
            .unwrap();
        app.send(req)
    };
    assert_eq!(send("0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b").await.status, StatusCode::CREATED);
    assert_eq!(send("0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b").await.status, StatusCode::CREATED, "a retry");
    let timeline =
        pamong_service::supervision::timeline(&app.db.conn, &pk, client, time::macros::date!(2026 - 11 - 24))
            .await
            .unwrap();
    let visits = timeline.iter().filter(|e| format!("{:?}", e.event).contains("Di rumah")).count();
    assert_eq!(visits, 1, "recorded once");

    let bad = r#"{"kind":"telepati","date":"2026-11-24","time":"09:30","attended":true}"#;
    let reply = call(&app, "POST", &path, Some(&token), Some(bad)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert_eq!(serde_json::from_str::<Value>(&reply.body).unwrap()["fields"][0]["field"], "kind");
    let reply = call(&app, "POST", &path, Some(&token), Some("{not json")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(serde_json::from_str::<Value>(&reply.body).unwrap()["error"], "malformed");
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    let app = spawn().await;
    let reply = call(&app, "GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/v1/clients",
        "/api/v1/clients/{id}",
        "/api/v1/clients/{id}/reports",
        "/api/v1/clients/{id}/referrals",
        "/api/v1/referrals",
        "/api/v1/referrals/{id}/answer",
        "/api/v1/figures/office",
        "/api/v1/figures/region",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is described");
    }
    assert_eq!(doc["components"]["securitySchemes"]["token"]["scheme"], "bearer");
    let page = call(&app, "GET", "/api/v1/docs", None, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<code>GET /api/v1/clients</code>"), "{}", page.body);
    assert!(page.body.contains("id=\"ClientPage\""));
}

#[tokio::test]
async fn a_partner_system_reads_and_answers_its_referrals() {
    let app = spawn().await;
    let (mitra, token) = token_of(&app, "mitra.jakbar").await;
    let reply = call(&app, "GET", "/api/v1/referrals", Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let json: Value = serde_json::from_str(&reply.body).unwrap();
    let expected = referrals::inbox(&app.db.conn, &mitra).await.unwrap();
    assert!(!expected.is_empty(), "the demo inbox has referrals");
    let listed: Vec<&str> = json.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    let wanted: Vec<String> = expected.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(listed, wanted, "the inbox, in its order");
    let open = expected.iter().find(|r| r.can_respond).unwrap();
    assert_eq!(json[0]["can_answer"], true);
    assert!(json[0]["sent_at"].as_str().unwrap().ends_with('Z'), "an RFC 3339 instant");
    assert_eq!(json[0]["due_on"].as_str().unwrap().len(), 10, "a day as YYYY-MM-DD");

    // The officer's token answers for no partner: an empty inbox, and no answering.
    let (_, pk_token) = token_of(&app, "pk.jakbar").await;
    let reply = call(&app, "GET", "/api/v1/referrals", Some(&pk_token), None).await;
    assert_eq!(reply.body, "[]");
    let path = format!("/api/v1/referrals/{}/answer", open.id);
    let accept = r#"{"status":"diterima"}"#;
    let reply = call(&app, "POST", &path, Some(&pk_token), Some(accept)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);

    // Declining needs a reason; an unknown status is refused; then accepted, once.
    let reply = call(&app, "POST", &path, Some(&token), Some(r#"{"status":"ditolak"}"#)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(serde_json::from_str::<Value>(&reply.body).unwrap()["fields"][0]["field"], "decline_reason");
    let reply = call(&app, "POST", &path, Some(&token), Some(r#"{"status":"hilang"}"#)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(call(&app, "POST", &path, Some(&token), Some(accept)).await.status, StatusCode::NO_CONTENT);
    assert_eq!(call(&app, "POST", &path, Some(&token), Some(accept)).await.status, StatusCode::CONFLICT);
    let done = r#"{"status":"selesai","text":"Ikut pelatihan las tiga minggu"}"#;
    assert_eq!(call(&app, "POST", &path, Some(&token), Some(done)).await.status, StatusCode::NO_CONTENT);

    // The officer reads the outcome on the client's referrals.
    let reply =
        call(&app, "GET", &format!("/api/v1/clients/{}/referrals", open.client.id), Some(&pk_token), None)
            .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let json: Value = serde_json::from_str(&reply.body).unwrap();
    let answered = json.as_array().unwrap().iter().find(|r| r["id"] == open.id.to_string()).unwrap();
    assert_eq!(answered["status"], "selesai");
    assert_eq!(answered["outcome"], "Ikut pelatihan las tiga minggu");
    assert_eq!(answered["can_answer"], false);
}

#[tokio::test]
async fn the_figures_are_the_dashboards_under_the_same_policy() {
    let app = spawn().await;
    let (kabapas, token) = token_of(&app, "kabapas.jakbar").await;
    let reply = call(&app, "GET", "/api/v1/figures/office", Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let json: Value = serde_json::from_str(&reply.body).unwrap();
    let vitals = oversight::dashboard::office_vitals(&app.db.conn, &kabapas, None, NOW).await.unwrap();
    assert_eq!(json["office"]["name"], vitals.bapas.name);
    assert_eq!(json["figures"].as_array().unwrap().len(), vitals.rows.len());
    for (figure, row) in json["figures"].as_array().unwrap().iter().zip(&vitals.rows) {
        assert_eq!(figure["figure"], row.vital.as_str());
        assert_eq!(figure["now"]["count"], row.now.count);
        assert_eq!(figure["now"]["of"], serde_json::to_value(row.now.of).unwrap());
        assert_eq!(figure["officers"].as_array().unwrap().len(), row.officers.len());
    }
    let reply = call(&app, "GET", "/api/v1/figures/region", Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "a Kabapas has no comparison");

    let (kanwil, token) = token_of(&app, "kanwil.dki").await;
    let reply = call(&app, "GET", "/api/v1/figures/region", Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let json: Value = serde_json::from_str(&reply.body).unwrap();
    let vitals = oversight::region::region_vitals(&app.db.conn, &kanwil, None, NOW).await.unwrap();
    assert_eq!(json["clients"], vitals.clients);
    assert_eq!(json["figures"][0]["areas"].as_array().unwrap().len(), vitals.rows[0].areas.len());
    assert_eq!(json["figures"][0]["trend"].as_array().unwrap().len(), vitals.rows[0].trend.len());

    // Another region's office is not the Kanwil's to read.
    let (_, jambi) = token_of(&app, "pk1.jambi").await;
    let reply = call(&app, "GET", "/api/v1/figures/office", Some(&jambi), None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "an officer reads no dashboard: {}", reply.body);
    let office = vitals.rows[0].areas[0].area.id;
    let reply =
        call(&app, "GET", &format!("/api/v1/figures/office?office={office}"), Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::OK, "the Kanwil reads its offices");
}
