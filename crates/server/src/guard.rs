//! What every request passes on its way in and out: cross-site writes are refused, and
//! responses that carry personal data are never stored by a browser or proxy.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origins a write may come from besides the request's own host: the public URL's.
#[derive(Debug, Clone)]
pub struct TrustedOrigin(pub Arc<str>);

impl TrustedOrigin {
    /// The origin (`scheme://host[:port]`) of a public URL, without path or trailing slash.
    pub fn of_url(url: &str) -> Self {
        let url = url.trim_end_matches('/');
        let origin = match url.find("://") {
            Some(i) => url[i + 3..].find('/').map_or(url, |j| &url[..i + 3 + j]),
            None => url,
        };
        Self(origin.to_ascii_lowercase().into())
    }
}

/// Refuses a state-changing request that a browser says came from another site.
///
/// A `text/plain` form on any web page can post a JSON body to a server fn, and the browser
/// sends the session cookie with it (SameSite=Lax allows top-level POSTs); such a request is
/// told apart by `Sec-Fetch-Site` (every current browser) or, failing that, `Origin` (sent
/// on every cross-origin POST). A request with neither comes from no browser (curl, the
/// bench harness) and carries no victim's cookie, so it passes.
pub async fn same_origin(State(trusted): State<TrustedOrigin>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || allowed(&trusted, &req) {
        next.run(req).await
    } else {
        tracing::warn!(
            origin = ?req.headers().get(header::ORIGIN),
            site = ?req.headers().get("sec-fetch-site"),
            "cross-site request refused"
        );
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

fn allowed(trusted: &TrustedOrigin, req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let origin = origin.to_ascii_lowercase();
    if origin == *trusted.0 {
        return true;
    }
    // The request's own host, whatever name or port it was reached by.
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).map(str::to_ascii_lowercase);
    host.is_some_and(|host| {
        origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host.as_str())
    })
}

/// `Cache-Control: no-store` on every response that is not a static asset: pages and server
/// fns carry NIKs, addresses and case notes, which must not stay in a shared phone's cache
/// or a proxy's. The wasm, script, style and icons are kept a year under a content-hashed
/// name and revalidated otherwise ([`crate::assets::cache_control`]).
pub async fn no_store(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res: Response<Body> = next.run(req).await;
    let kept = res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED;
    let policy = if is_asset(&path) && kept { crate::assets::cache_control(&path) } else { "no-store" };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    res
}

/// `Connection: close` on a 413: the body limit refuses a body from its `Content-Length`
/// without reading it, so the connection cannot carry another request; saying so keeps a
/// client from sending its next request down a connection the server is closing (the
/// reliability soak saw exactly that: a good request failing right after an oversized one).
pub async fn close_after_refused_body(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        res.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}

fn is_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || matches!(path, "/favicon.svg" | "/manifest.webmanifest")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_of_a_public_url() {
        assert_eq!(&*TrustedOrigin::of_url("https://Pamong.example/").0, "https://pamong.example");
        assert_eq!(&*TrustedOrigin::of_url("http://127.0.0.1:3000/app/x").0, "http://127.0.0.1:3000");
    }

    fn request(headers: &[(&str, &str)]) -> Request {
        let mut b = Request::post("/api/auth/login");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Body::empty()).unwrap_or_default()
    }

    #[test]
    fn cross_site_writes_are_told_apart() {
        let t = TrustedOrigin::of_url("https://pamong.example");
        assert!(allowed(
            &t,
            &request(&[("sec-fetch-site", "same-origin"), ("origin", "https://evil.example")])
        ));
        assert!(!allowed(&t, &request(&[("sec-fetch-site", "cross-site")])));
        assert!(!allowed(&t, &request(&[("sec-fetch-site", "same-site")])));
        assert!(allowed(&t, &request(&[("origin", "https://pamong.example")])));
        assert!(allowed(&t, &request(&[("origin", "http://10.0.0.5:3000"), ("host", "10.0.0.5:3000")])));
        assert!(!allowed(&t, &request(&[("origin", "https://evil.example"), ("host", "pamong.example")])));
        assert!(!allowed(&t, &request(&[("origin", "null")])));
        assert!(allowed(&t, &request(&[])), "no browser, no cookie to abuse");
    }

    #[test]
    fn assets_keep_their_caching() {
        assert!(is_asset("/pkg/pamong.wasm"));
        assert!(!is_asset("/klien"));
        assert!(!is_asset("/api/clients/list"));
    }
}
