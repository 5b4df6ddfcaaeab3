//! Forms posted as a browser without JavaScript posts them: a refused post renders the page
//! again with what was typed and why; an accepted one redirects to the result with the saved
//! notice; the post cannot lead off the site or reach anything but a server fn.

#![allow(clippy::unwrap_used, reason = "tests: a failure fails the test")]

mod common;

use axum::http::{StatusCode, header};
use common::{NOW, TestApp, spawn};
use pamong_domain::caseload::ClientFilter;
use pamong_service::seed::DEMO_PASSWORD;
use pamong_service::{auth, clients, supervision};
use uuid::Uuid;

/// The first client on `username`'s caseload.
async fn own_client(t: &TestApp, username: &str) -> Uuid {
    let id = auth::login(&t.db.conn, username, DEMO_PASSWORD, None, NOW).await.unwrap();
    let actor = auth::actor_for(&t.db.conn, id).await.unwrap().unwrap();
    let mine = ClientFilter { pk: Some(actor.public_id.to_string()), ..ClientFilter::default() };
    clients::list(&t.db.conn, &actor, &mine).await.unwrap().items[0].id
}

fn encode(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

fn report(client: Uuid, date: &str, notes: &str) -> String {
    let client = client.to_string();
    let page = format!("/klien/{client}?pesan=tersimpan");
    encode(&[
        ("_aksi", "/api/clients/report"),
        ("_lanjut", &page),
        ("id", &client),
        ("form[kind]", "kantor"),
        ("form[date]", date),
        ("form[time]", "08:30"),
        ("form[attended]", "ya"),
        ("form[notes]", notes),
    ])
}

#[tokio::test]
async fn a_report_posted_without_javascript_is_refused_with_what_was_typed_then_saved() {
    let t = spawn().await;
    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let client = own_client(&t, "pk.jakbar").await;
    let page = format!("/klien/{client}/lapor");

    let refused =
        t.post_form_as(&page, &report(client, "kemarin", "Datang tepat waktu"), Some(&cookie)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("error-summary"), "the page lists the problems");
    assert!(refused.body.contains(r#"value="kemarin""#), "the typed date is kept");
    assert!(refused.body.contains("Datang tepat waktu"), "the typed notes are kept");
    assert!(refused.body.contains(r#"value="08:30""#), "the typed time is kept");

    let saved =
        t.post_form_as(&page, &report(client, "2026-11-24", "Datang tepat waktu"), Some(&cookie)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.headers[header::LOCATION], format!("/klien/{client}?pesan=tersimpan"));
    let id = auth::login(&t.db.conn, "pk.jakbar", DEMO_PASSWORD, None, NOW).await.unwrap();
    let actor = auth::actor_for(&t.db.conn, id).await.unwrap().unwrap();
    let today = time::macros::date!(2026 - 11 - 24);
    let timeline = supervision::timeline(&t.db.conn, &actor, client, today).await.unwrap();
    let notes = timeline.iter().filter(|e| format!("{e:?}").contains("Datang tepat waktu")).count();
    assert_eq!(notes, 1, "saved once");

    let shown = t.get(&format!("/klien/{client}?pesan=tersimpan"), Some(&cookie)).await;
    assert!(shown.body.contains("Perubahan tersimpan."), "the saved notice shows");
}

#[tokio::test]
async fn a_new_client_posted_without_javascript_leads_to_its_page() {
    let t = spawn().await;
    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let form = encode(&[
        ("_aksi", "/api/clients/save"),
        ("_lanjut", "/klien/{id}?pesan=tersimpan"),
        ("form[full_name]", "Budi Santoso Tanpa Skrip"),
        ("form[sex]", "L"),
        ("form[birth_date]", "1985-03-12"),
        ("form[legal_basis]", "pb"),
        ("form[supervision_start]", "2026-09-24"),
        ("form[remaining_months]", "10"),
    ]);
    let saved = t.post_form_as("/klien/baru", &form, Some(&cookie)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let to = saved.headers[header::LOCATION].to_str().unwrap();
    let id = to.trim_start_matches("/klien/").trim_end_matches("?pesan=tersimpan");
    assert!(Uuid::parse_str(id).is_ok(), "leads to the new client's page: {to}");
}

#[tokio::test]
async fn a_refused_password_is_never_written_back() {
    let t = spawn().await;
    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let form = encode(&[
        ("_aksi", "/api/clients/report"),
        ("_lanjut", "/"),
        ("form[password]", "rahasia-sekali-123"),
        ("form[notes]", "x"),
    ]);
    let refused = t.post_form_as("/klien/baru", &form, Some(&cookie)).await;
    assert!(refused.status.is_client_error(), "{}", refused.status);
    assert!(!refused.body.contains("rahasia-sekali-123"));
}

#[tokio::test]
async fn a_post_cannot_lead_off_the_site_or_name_anything_but_a_server_fn() {
    let t = spawn().await;
    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let client = own_client(&t, "pk.jakbar").await;
    let page = format!("/klien/{client}/lapor");
    let off_site =
        report(client, "2026-11-24", "x").replace("_lanjut=%2Fklien", "_lanjut=%2F%2Fevil.example%2Fklien");
    let saved = t.post_form_as(&page, &off_site, Some(&cookie)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let to = saved.headers[header::LOCATION].to_str().unwrap();
    assert!(to.starts_with('/') && !to.starts_with("//"), "stays on the site: {to}");

    let not_a_server_fn = encode(&[("_aksi", "/admin"), ("id", &client.to_string())]);
    let refused = t.post_form_as(&page, &not_a_server_fn, Some(&cookie)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let nothing = t.post_form_as(&page, "", Some(&cookie)).await;
    assert_eq!(nothing.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_post_from_another_site_is_refused() {
    let t = spawn().await;
    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let client = own_client(&t, "pk.jakbar").await;
    let req = axum::http::Request::post(format!("/klien/{client}/lapor"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .header(header::COOKIE, &cookie)
        .body(axum::body::Body::from(report(client, "2026-11-24", "dari situs lain")))
        .unwrap();
    assert_eq!(t.send(req).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn signing_out_and_deactivating_work_without_javascript() {
    let t = spawn().await;
    let admin = t.login("admin", DEMO_PASSWORD, None).await.cookie.unwrap();
    let kanwil = encode(&[
        ("_aksi", "/api/kanwil/save"),
        ("_lanjut", "/admin/kanwil?pesan=tersimpan"),
        ("form[province_code]", "99"),
        ("form[name]", "Kanwil Tanpa Skrip"),
    ]);
    let created = t.post_form_as("/admin/kanwil/baru", &kanwil, Some(&admin)).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(created.headers[header::LOCATION], "/admin/kanwil?pesan=tersimpan");

    let out = encode(&[("_aksi", "/api/auth/logout"), ("_lanjut", "/masuk")]);
    let signed_out = t.post_form_as("/akun", &out, Some(&admin)).await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_out.headers[header::LOCATION], "/masuk");
    assert!(!t.me(&admin).await.contains("admin"), "the session has ended");
}

/// `report` as the offline outbox sends it: with its idempotency key and header.
async fn from_outbox(t: &TestApp, page: &str, form: &str, cookie: Option<&str>) -> common::Reply {
    let mut req = axum::http::Request::post(page)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(pamong_app::offline::OUTBOX_HEADER, "1");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    t.send(req.body(axum::body::Body::from(form.to_owned())).unwrap()).await
}

#[tokio::test]
async fn a_check_in_sent_again_from_the_outbox_is_recorded_once() {
    let t = spawn().await;
    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let client = own_client(&t, "pk.jakbar").await;
    let page = format!("/klien/{client}/lapor");
    let keyed = |notes: &str| {
        format!("{}&key=0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b", report(client, "2026-11-24", notes))
    };

    // The answer of the first send is lost; the outbox sends the same post again.
    for _ in 0..2 {
        let sent = from_outbox(&t, &page, &keyed("Kunjungan tanpa sinyal"), Some(&cookie)).await;
        assert_eq!(sent.status, StatusCode::NO_CONTENT, "{}", sent.body);
    }
    let id = auth::login(&t.db.conn, "pk.jakbar", DEMO_PASSWORD, None, NOW).await.unwrap();
    let actor = auth::actor_for(&t.db.conn, id).await.unwrap().unwrap();
    let timeline =
        supervision::timeline(&t.db.conn, &actor, client, time::macros::date!(2026 - 11 - 24)).await.unwrap();
    let sent = timeline.iter().filter(|e| format!("{e:?}").contains("Kunjungan tanpa sinyal")).count();
    assert_eq!(sent, 1, "recorded once");

    // A refusal is a status with the error; a signed-out phone is told to sign in.
    let refused = from_outbox(&t, &page, &keyed("x").replace("2026-11-24", "kemarin"), Some(&cookie)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Invalid"), "{}", refused.body);
    let signed_out = from_outbox(&t, &page, &keyed("x"), None).await;
    assert_eq!(signed_out.status, StatusCode::UNAUTHORIZED);
    let bad_key =
        from_outbox(&t, &page, &format!("{}&key=short", report(client, "2026-11-24", "x")), Some(&cookie))
            .await;
    assert_eq!(bad_key.status, StatusCode::UNPROCESSABLE_ENTITY, "a key that is not one is refused");
}

#[tokio::test]
async fn only_an_officer_s_own_pages_may_be_kept_offline_and_the_login_page_forgets_them() {
    let t = spawn().await;
    let header = pamong_app::offline::OFFLINE_HEADER;
    let pk = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let client = own_client(&t, "pk.jakbar").await;
    for path in [
        "/".to_owned(),
        "/klien?pk=saya".to_owned(),
        format!("/klien/{client}"),
        format!("/klien/{client}/lapor"),
        "/kotak-keluar".to_owned(),
    ] {
        let page = t.get(&path, Some(&pk)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let kept = page.headers.get(header).and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(kept.starts_with("until="), "{path} is kept: {kept:?}");
    }
    for path in ["/klien".to_owned(), format!("/klien/{client}/ubah"), format!("/klien/{client}/pelanggaran")]
    {
        let page = t.get(&path, Some(&pk)).await;
        assert!(page.headers.get(header).is_none(), "{path} is not kept (the office's list, other forms)");
    }
    let kabapas = t.login("kabapas.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let page = t.get(&format!("/klien/{client}"), Some(&kabapas)).await;
    assert!(page.headers.get(header).is_none(), "the Kabapas's phone keeps nothing");
    let login = t.get("/masuk", None).await;
    assert_eq!(login.headers[header], pamong_app::offline::FORGET);
}

#[tokio::test]
async fn the_service_worker_is_served_from_the_root_and_revalidated() {
    let t = spawn().await;
    let worker = t.get("/sw.js", None).await;
    assert_eq!(worker.status, StatusCode::OK);
    assert!(worker.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
    assert_eq!(worker.headers[header::CACHE_CONTROL], "no-store");
    assert!(worker.body.contains("const VERSION = \"") && !worker.body.contains("__VERSION__"));
}
