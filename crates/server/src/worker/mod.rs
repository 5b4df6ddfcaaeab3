//! `/sw.js`: the service worker that keeps an officer's caseload readable offline and sends
//! the check-ins recorded without a signal once it returns (see `pamong_app::offline` for
//! what the server lets it keep, and `sw.js` beside this file for the worker itself).
//!
//! The script is versioned at build time: the server fills in the build's content hashes
//! (`pkg/hash.txt`), so a new build is a new worker, which the browser installs, and which
//! drops the previous build's stored files when it takes over.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::assets::Hashes;

/// The worker's source, with [`VERSION_SLOT`] and [`ASSETS_SLOT`] to fill.
const SOURCE: &str = include_str!("sw.js");
const VERSION_SLOT: &str = "\"__VERSION__\"";
const ASSETS_SLOT: &str = "\"__ASSETS__\"";

/// The worker for one build: its version and the files to store when it installs.
#[derive(Debug, Clone)]
pub struct Worker(std::sync::Arc<str>);

impl Worker {
    /// The worker of the build whose hashes are `hashes` (none: a build without hashed
    /// files, whose worker stores no files ahead and is versioned `dev`).
    pub fn new(hashes: &Hashes) -> Self {
        let version = match (&hashes.js, &hashes.wasm, &hashes.css) {
            (Some(js), Some(wasm), Some(css)) => format!("{js}-{wasm}-{css}"),
            _ => "dev".to_owned(),
        };
        let mut assets: Vec<String> = Vec::new();
        if let (Some(js), Some(wasm)) = (&hashes.js, &hashes.wasm) {
            assets.push(format!("/pkg/pamong.{js}.js"));
            assets.push(format!("/pkg/pamong.{wasm}.wasm"));
        }
        if hashes.css.is_some() {
            assets.push(hashes.stylesheet());
        }
        assets.extend(["/favicon.svg".to_owned(), "/manifest.webmanifest".to_owned()]);
        let list = assets.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ");
        let script = SOURCE
            .replace(VERSION_SLOT, &format!("\"{version}\""))
            .replace(ASSETS_SLOT, &format!("[{list}]"));
        Self(script.into())
    }

    /// The script as served: revalidated on every check (the browser looks for a new worker
    /// on each navigation), and allowed to control the whole site.
    pub fn response(&self) -> Response {
        let mut response = (StatusCode::OK, self.0.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
        headers.insert("service-worker-allowed", HeaderValue::from_static("/"));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_names_this_build_s_files() {
        let hashes = Hashes::parse("js: 0123456789abcdef\nwasm: fedcba9876543210\ncss: 00112233aabbccdd\n");
        let worker = Worker::new(&hashes);
        assert!(worker.0.contains("\"0123456789abcdef-fedcba9876543210-00112233aabbccdd\""));
        assert!(worker.0.contains("\"/pkg/pamong.fedcba9876543210.wasm\""));
        assert!(worker.0.contains("\"/pkg/pamong.00112233aabbccdd.css\""));
        assert!(!worker.0.contains("__VERSION__") && !worker.0.contains("__ASSETS__"));
    }

    #[test]
    fn a_build_without_hashes_is_the_dev_worker() {
        let worker = Worker::new(&Hashes::default());
        assert!(worker.0.contains("\"dev\""));
        assert!(worker.0.contains(r#"const ASSETS = ["/favicon.svg", "/manifest.webmanifest"];"#));
    }
}
