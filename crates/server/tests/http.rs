//! The server through its router: health, sessions (login, rate limit, logout, id rotation)
//! and the HTTP status of pages.

#![allow(clippy::unwrap_used, reason = "helpers of tests: a failure fails the test")]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{NOW, spawn, spawn_with};
use pamong_service::seed::DEMO_PASSWORD;
use pamong_service::testing::TestDb;

#[tokio::test]
async fn health_endpoints_answer_with_a_request_id() {
    let t = spawn().await;
    let live = t.get("/healthz", None).await;
    assert_eq!(live.nosniff.as_deref(), Some("nosniff"));
    assert_eq!((live.status, live.body.as_str()), (StatusCode::OK, "ok"));
    assert!(live.request_id.is_some_and(|id| id.len() == 36));
    let ready = t.get("/readyz", None).await;
    assert_eq!((ready.status, ready.body.as_str()), (StatusCode::OK, "ready"));
}

#[tokio::test]
async fn wrong_password_is_refused_without_a_session() {
    let t = spawn().await;
    let reply = t.login("admin", "salah-sekali", None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.body.contains("BadCredentials"), "{}", reply.body);
    assert!(reply.set_cookie.is_none());
}

#[tokio::test]
async fn too_many_failures_are_rate_limited_with_the_wait() {
    let t = spawn().await;
    for _ in 0..5 {
        assert_eq!(t.login("pk.jakbar", "salah", None).await.status, StatusCode::UNAUTHORIZED);
    }
    let reply = t.login("pk.jakbar", DEMO_PASSWORD, None).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(reply.body.contains("retry_after_secs"), "{}", reply.body);
}

#[tokio::test]
async fn login_sets_a_safe_cookie_and_logout_ends_the_session() {
    let t = spawn().await;
    let reply = t.login("admin", DEMO_PASSWORD, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let set_cookie = reply.set_cookie.unwrap();
    assert!(set_cookie.starts_with("pamong_session="));
    assert!(set_cookie.contains("HttpOnly"));
    assert!(set_cookie.contains("SameSite=Lax"));
    assert!(!set_cookie.contains("Secure"), "plain http in tests");
    let cookie = reply.cookie.unwrap();
    assert!(t.me(&cookie).await.contains(r#""username":"admin""#));

    assert_eq!(t.submit("auth/logout", "", Some(&cookie)).await.status, StatusCode::OK);
    assert_eq!(t.me(&cookie).await, "null", "the old cookie no longer logs in");
}

#[tokio::test]
async fn login_rotates_the_session_id() {
    let t = spawn().await;
    let first = t.login("kabapas.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let second = t.login("kabapas.jakbar", DEMO_PASSWORD, Some(&first)).await.cookie.unwrap();
    assert_ne!(first, second);
    assert_eq!(t.me(&first).await, "null");
    assert!(t.me(&second).await.contains("kabapas.jakbar"));
}

#[tokio::test]
async fn a_forged_cookie_is_not_a_session() {
    let t = spawn().await;
    let cookie = t.login("admin", DEMO_PASSWORD, None).await.cookie.unwrap();
    let forged = format!("{}x", cookie);
    assert_eq!(t.me(&forged).await, "null");
}

#[tokio::test]
async fn pages_answer_with_the_right_status() {
    let t = spawn().await;
    let redirect = t.get("/admin/pengguna", None).await;
    assert_eq!(redirect.status, StatusCode::FOUND);
    assert!(redirect.body.is_empty() || !redirect.body.contains("Siti"));
    let missing = t.get("/tidak-ada", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let compressed = t
        .send(Request::get("/tidak-ada").header(header::ACCEPT_ENCODING, "br").body(Body::empty()).unwrap())
        .await;
    assert_eq!(compressed.encoding.as_deref(), Some("br"), "pages are compressed for phones");
    let id = missing.request_id.unwrap();
    assert!(missing.body.contains(&id), "the 404 page quotes the request id");

    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let home = t.get("/", Some(&cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Siti Rahmawati"));
    // A PK may not list users: the page answers "not found", not a list.
    let hidden = t.get("/admin/pengguna/0190f5a0-0000-7000-8000-000000000000", Some(&cookie)).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn server_functions_enforce_the_policy() {
    let t = spawn().await;
    let pk = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let body = "form[province_code]=99&form[name]=Kanwil+Palsu";
    let refused = t.submit("kanwil/save", body, Some(&pk)).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let anonymous = t.submit("kanwil/save", body, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let admin = t.login("admin", DEMO_PASSWORD, None).await.cookie.unwrap();
    let invalid = t.submit("kanwil/save", "form[province_code]=9&form[name]=", Some(&admin)).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid.body.contains("province_code") && invalid.body.contains("Required"), "{}", invalid.body);
    let created = t.submit("kanwil/save", body, Some(&admin)).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
}

/// The official list shipped beside the repository (`../shared/data`), loaded twice: the
/// second run changes nothing.
#[tokio::test]
async fn the_official_region_list_imports_and_reimports() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/wilayah-kepmendagri-2025.csv");
    assert!(file.exists(), "the sample region list is missing at {}", file.display());
    let parsed = pamong_server::regions::parse_file(&file).unwrap();
    assert!(parsed.rejected.is_empty(), "{:?}", &parsed.rejected[..parsed.rejected.len().min(5)]);
    assert_eq!(parsed.rows.len(), 91_599);
    let db = TestDb::new().await;
    let sys = pamong_service::Actor::system();
    let first = pamong_service::regions::import(&db.conn, &sys, &parsed.rows, "wilayah.csv", NOW, |_| {})
        .await
        .unwrap();
    assert_eq!(first.added, 91_599);
    assert_eq!(pamong_service::regions::counts(&db.conn).await.unwrap(), [38, 514, 7_285, 83_762]);
    let again = pamong_service::regions::import(&db.conn, &sys, &parsed.rows, "wilayah.csv", NOW, |_| {})
        .await
        .unwrap();
    assert_eq!((again.added, again.renamed, again.unchanged), (0, 0, 91_599));
}

/// The JSON of a client-list call searching for `q`.
fn client_search(q: &str) -> String {
    format!(r#"{{"filter":{{"list":{{"q":"{q}","page":1,"per_page":20,"include_inactive":false}}}}}}"#)
}

#[tokio::test]
async fn a_huge_search_is_refused_and_the_server_stays_up() {
    let t = spawn().await;
    let mitra = t.login("mitra.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let huge = "a".repeat(10_000);
    let started = std::time::Instant::now();
    let refused = t.call("clients/list", &client_search(&huge), Some(&mitra)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains(r#""q""#) && refused.body.contains("TooLong"), "{}", refused.body);
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "answered at once");
    // The same from a link: the page says what is wrong, and nothing falls over.
    let page = t.get(&format!("/klien?q={huge}"), Some(&mitra)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("100"), "the page says how long a search may be");
    // The longest search still tolerant of typos works, for a user who may search.
    let pk = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let typo = t.call("clients/list", &client_search("rahmawatii binti sulaiman xyz"), Some(&pk)).await;
    assert_eq!(typo.status, StatusCode::OK, "{}", typo.body);
    let ready = t.get("/readyz", None).await;
    assert_eq!((ready.status, ready.body.as_str()), (StatusCode::OK, "ready"));
}

#[tokio::test]
async fn a_malformed_body_answers_400_not_500() {
    let t = spawn().await;
    let admin = t.login("admin", DEMO_PASSWORD, None).await.cookie.unwrap();
    let missing = t.submit("clients/save", "", Some(&admin)).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST, "{}", missing.body);
    assert!(missing.body.contains("form"), "says what is missing: {}", missing.body);
    let wrong_type = t.submit("kanwil/save", "id=7&form[name]=x", Some(&admin)).await;
    assert_eq!(wrong_type.status, StatusCode::BAD_REQUEST, "{}", wrong_type.body);
    let not_json = t.call("clients/list", "{{{{", Some(&admin)).await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST, "{}", not_json.body);
    let huge = "x".repeat(2 * 1024 * 1024);
    let oversized = Request::post("/api/kanwil/save")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, huge.len())
        .header(header::COOKIE, &admin)
        .body(Body::from(huge))
        .unwrap();
    let refused = t.send(oversized).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(refused.headers[header::CONNECTION], "close", "the unread body ends the connection");
}

#[tokio::test]
async fn a_cross_site_post_is_refused() {
    let t = spawn().await;
    let body = format!(r#"{{"username":"admin","password":"{DEMO_PASSWORD}"}}"#);
    for (name, value) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")] {
        let req = Request::post("/api/auth/login")
            .header(header::CONTENT_TYPE, "text/plain")
            .header(name, value)
            .body(Body::from(body.clone()))
            .unwrap();
        let reply = t.send(req).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{name}: {value}");
        assert!(reply.set_cookie.is_none(), "no session for a cross-site post");
    }
    let own = Request::post("/api/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(t.send(own).await.status, StatusCode::OK, "the app's own origin signs in");
}

#[tokio::test]
async fn the_login_form_posts_and_redirects() {
    let t = spawn().await;
    let wrong = t.post_form("/masuk", "username=pk.jakbar&password=salah-sekali").await;
    assert_eq!(wrong.status, StatusCode::SEE_OTHER);
    assert_eq!(wrong.headers[header::LOCATION], "/masuk?gagal=kredensial&nama=pk.jakbar");
    let page = t.get("/masuk?gagal=kredensial&nama=pk.jakbar", None).await;
    assert!(page.body.contains("banner--error"), "the login page says why");
    assert!(page.body.contains(r#"value="pk.jakbar""#), "and keeps the username");
    let empty = t.post_form("/masuk", "username=pk.jakbar&password=").await;
    assert_eq!(empty.headers[header::LOCATION], "/masuk?gagal=kosong&nama=pk.jakbar");
    let page = t.get("/masuk?gagal=kosong&nama=pk.jakbar", None).await;
    assert!(page.body.contains("Wajib diisi"), "an empty password is asked for");
    let signed_in = t.post_form("/masuk", &format!("username=pk.jakbar&password={DEMO_PASSWORD}")).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.headers[header::LOCATION], "/");
    let cookie = signed_in.cookie.unwrap();
    assert!(t.me(&cookie).await.contains("pk.jakbar"));
}

#[tokio::test]
async fn pages_name_the_browser_app_only_when_it_was_built() {
    let built = spawn().await.get("/masuk", None).await;
    assert!(built.body.contains("pamong.js"), "without a hash file the page loads the app");
    // The first `make run` serves before the wasm is built: its hash file names the style only.
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/hash.txt"), "css: 0123456789abcdef\n").unwrap();
    let root = site.path().to_path_buf();
    let t = spawn_with(move |s| s.site_root = root).await;
    let page = t.get("/masuk", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("/pkg/pamong.0123456789abcdef.css"), "styled");
    assert!(!page.body.contains("pamong.js") && !page.body.contains(".wasm"), "no script to fail");
    assert!(page.body.contains("<form") && page.body.contains("method=\"post\""), "the form posts");
}

#[tokio::test]
async fn responses_carry_the_security_headers() {
    let t = spawn().await;
    let page = t.get("/masuk", None).await;
    let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).unwrap();
    assert!(page.body.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the nonce");
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    let api = t.call("auth/me", "{}", None).await;
    assert_eq!(api.headers[header::CACHE_CONTROL], "no-store");
    assert!(page.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "plain http: no HSTS");
    let https = spawn_with(|s| s.secure_cookies = true).await;
    let page = https.get("/masuk", None).await;
    assert!(page.headers[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap().starts_with("max-age="));
}

/// The session machinery runs on the system clock, so these two wait in real seconds.
#[tokio::test]
async fn an_active_session_outlives_the_idle_timeout() {
    let t = spawn_with(|s| s.session_idle = time::Duration::seconds(3)).await;
    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    for _ in 0..6 {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        assert!(t.me(&cookie).await.contains("pk.jakbar"), "still signed in while active");
    }
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    assert_eq!(t.me(&cookie).await, "null", "idle longer than the timeout: signed out");
}

#[tokio::test]
async fn the_absolute_timeout_ends_even_an_active_session() {
    let t = spawn_with(|s| {
        s.session_idle = time::Duration::seconds(3);
        s.session_absolute = time::Duration::seconds(4);
    })
    .await;
    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let mut signed_in = 0;
    for _ in 0..7 {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        if t.me(&cookie).await.contains("pk.jakbar") {
            signed_in += 1;
        }
    }
    assert!((3..=5).contains(&signed_in), "signed in for about four seconds, then out: {signed_in}");
    assert_eq!(t.me(&cookie).await, "null");
}
