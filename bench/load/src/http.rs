//! One signed-in user over HTTP: the session cookie, server-fn calls and page loads.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

/// The server fns the harness calls that take a form post (`PostUrl`) rather than JSON.
const FORM_ENDPOINTS: [&str; 2] = ["clients/save", "clients/report"];

/// What a request came back with.
pub struct Answer {
    /// The status, or `None` when the server could not be reached or did not answer.
    pub status: Option<StatusCode>,
    /// The body (or the transport error).
    pub body: String,
    /// How long it took.
    pub took: Duration,
}

impl Answer {
    /// Whether the server answered 2xx.
    pub fn ok(&self) -> bool {
        self.status.is_some_and(|s| s.is_success())
    }
}

/// A signed-in session. `base` may name several servers (`URL,URL`) sharing one database:
/// the session signs in at the first and sends each request to the next in turn, as a
/// round-robin proxy would, so each server must know the others' sessions.
#[derive(Clone)]
pub struct Session {
    http: reqwest::Client,
    bases: Arc<[String]>,
    turn: Arc<AtomicUsize>,
    cookie: String,
}

/// A client for many sessions: pooled connections, a timeout no healthy request reaches.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(512)
        .build()
        .unwrap_or_default()
}

impl Session {
    /// Signs `username` in through the login server fn.
    pub async fn login(
        http: &reqwest::Client,
        base: &str,
        username: &str,
        password: &str,
    ) -> Result<Session, String> {
        let body = serde_json::json!({ "username": username, "password": password }).to_string();
        let bases: Arc<[String]> = base.split(',').map(|b| b.trim().to_owned()).collect();
        let first = bases.first().cloned().unwrap_or_default();
        let response = http
            .post(format!("{first}/api/auth/login"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| format!("login {username}: {e}"))?;
        let status = response.status();
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .collect::<Vec<_>>()
            .join("; ");
        if !status.is_success() || cookie.is_empty() {
            return Err(format!("login {username}: {status} {}", response.text().await.unwrap_or_default()));
        }
        Ok(Session { http: http.clone(), bases, turn: Arc::new(AtomicUsize::new(0)), cookie })
    }

    /// The server the next request goes to.
    fn base(&self) -> &str {
        let turn = self.turn.fetch_add(1, Ordering::Relaxed);
        self.bases.get(turn % self.bases.len().max(1)).map_or("", String::as_str)
    }

    /// Calls server fn `endpoint` with a JSON body (sent as is, so malformed ones too).
    pub async fn call(&self, endpoint: &str, body: String) -> Answer {
        // The server fns behind forms read a form post; the others JSON.
        let content_type = if FORM_ENDPOINTS.contains(&endpoint) {
            "application/x-www-form-urlencoded"
        } else {
            "application/json"
        };
        let request = self
            .http
            .post(format!("{}/api/{endpoint}", self.base()))
            .header("content-type", content_type)
            .header("cookie", &self.cookie)
            .body(body);
        send(request).await
    }

    /// Loads a page as a browser navigating to it would.
    pub async fn page(&self, path: &str) -> Answer {
        let request = self
            .http
            .get(format!("{}{path}", self.base()))
            .header("cookie", &self.cookie)
            .header("accept", "text/html");
        send(request).await
    }
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let started = Instant::now();
    match request.send().await {
        Ok(response) => {
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            Answer { status: Some(status), body, took: started.elapsed() }
        }
        Err(e) => Answer { status: None, body: e.to_string(), took: started.elapsed() },
    }
}
