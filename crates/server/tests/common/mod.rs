//! A test server on a fresh seeded database, driven through its router as a browser and the
//! wasm would drive it.

#![allow(dead_code, reason = "each test binary uses a different part of the helpers")]
#![allow(clippy::unwrap_used, reason = "helpers of tests: a failure fails the test")]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pamong_server::{Application, Settings};
use pamong_service::Clock;
use pamong_service::seed;
use pamong_service::testing::TestDb;
use tower::ServiceExt;

/// The instant the server's clock stands at in these tests.
pub const NOW: time::OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

pub struct TestApp {
    pub app: Application,
    pub db: TestDb,
    /// Codes of the demo key used so far: the server's clock stands still, and each code is
    /// good once, so each sign-in takes the next step's code.
    codes_used: std::sync::Mutex<std::collections::HashMap<String, i64>>,
}

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

/// A server on a fresh seeded database, its settings adjusted by `adjust` (short timeouts).
pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let db = TestDb::new().await;
    seed::seed_demo(&db.conn, NOW).await.unwrap();
    let settings = Settings {
        database_url: db.url.clone().into(),
        listen: "127.0.0.1:0".parse().unwrap(),
        public_url: "http://127.0.0.1:3000".into(),
        secure_cookies: false,
        secret: "a-test-secret-that-is-at-least-32-chars".to_owned().into(),
        site_root: std::env::temp_dir(),
        session_idle: time::Duration::minutes(30),
        session_absolute: time::Duration::hours(12),
        seed_demo: false,
        refresh_figures: false,
        api_rate_limit: pamong_service::api_tokens::DEFAULT_RATE_LIMIT,
        notifications: false,
        smtp_url: None,
        mail_from: "Pamong <pamong@localhost>".into(),
        whatsapp: None,
        metrics_token: None,
        clock: Clock::Fixed(NOW),
    };
    let mut settings = settings;
    adjust(&mut settings);
    let app = Application::build(settings).await.unwrap();
    TestApp { app, db, codes_used: Default::default() }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub cookie: Option<String>,
    pub set_cookie: Option<String>,
    pub request_id: Option<String>,
    pub nosniff: Option<String>,
    pub encoding: Option<String>,
    pub body: String,
    /// The body as sent (a file).
    pub bytes: Vec<u8>,
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.app.router().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let header_text = |name| res.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let set_cookie = header_text(header::SET_COOKIE);
        let request_id = header_text(header::HeaderName::from_static("x-request-id"));
        let nosniff = header_text(header::X_CONTENT_TYPE_OPTIONS);
        let encoding = header_text(header::CONTENT_ENCODING);
        let cookie = set_cookie.as_ref().and_then(|c| c.split(';').next()).map(str::to_owned);
        let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        Reply { status, headers, cookie, set_cookie, request_id, nosniff, encoding, body, bytes }
    }

    pub async fn call(&self, endpoint: &str, json: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(json.to_owned())).unwrap()).await
    }

    /// A server fn behind a form, called as the wasm calls it (a form post, answered as data).
    pub async fn submit(&self, endpoint: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_owned())).unwrap()).await
    }

    /// Signs in as the wasm would; a demo user whose role must use a second factor goes on
    /// to type the demo key's code, so the reply is the one that signed in.
    pub async fn login(&self, username: &str, password: &str, cookie: Option<&str>) -> Reply {
        let reply = self.password_step(username, password, cookie).await;
        if reply.status != StatusCode::OK || !reply.body.contains("\"kode\"") {
            return reply;
        }
        let code = self.next_demo_code(username);
        let signed_in = self.submit("auth/code", &format!("code={code:06}"), reply.cookie.as_deref()).await;
        assert_eq!(signed_in.status, StatusCode::OK, "second step of {username}: {}", signed_in.body);
        signed_in
    }

    /// The password step alone: the reply says what comes next (`"masuk"`, `"kode"`,
    /// `"aktifkan"`).
    pub async fn password_step(&self, username: &str, password: &str, cookie: Option<&str>) -> Reply {
        let body = format!(r#"{{"username":"{username}","password":"{password}"}}"#);
        self.call("auth/login", &body, cookie).await
    }

    /// A code of the demo key that `username` has not used yet at the clock's instant (one a
    /// step ahead is still accepted, so a test may sign a user in twice).
    pub fn next_demo_code(&self, username: &str) -> u32 {
        use pamong_service::second_factor::totp;
        let mut used = self.codes_used.lock().unwrap();
        let count = used.entry(username.to_owned()).or_insert(0);
        let ahead = *count;
        *count += 1;
        assert!(
            ahead <= totp::DRIFT_STEPS,
            "a test may sign in with the demo key {} times",
            totp::DRIFT_STEPS + 1
        );
        totp::code(seed::DEMO_TOTP_KEY, totp::step_at(NOW) + ahead).unwrap()
    }

    /// The login form posted as a browser without JavaScript posts it.
    pub async fn post_form(&self, path: &str, form: &str) -> Reply {
        self.post_form_as(path, form, None).await
    }

    /// A form posted to `path` as a browser without JavaScript posts it, signed in with
    /// `cookie` when given.
    pub async fn post_form_as(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_owned())).unwrap()).await
    }

    pub async fn me(&self, cookie: &str) -> String {
        self.call("auth/me", "{}", Some(cookie)).await.body
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        // As a browser navigates: the 302 of a page redirect is only for HTML requests.
        let mut req = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }
}
