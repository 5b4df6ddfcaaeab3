//! Plain form posts: every page's forms post to the page itself (`pamong_app::components::post`),
//! so they work before the wasm has loaded and without it.
//!
//! The handler runs the server fn the form names with the posted fields, exactly as the wasm
//! would call it. A success answers 303 to the page the form names (a reload then does not
//! post twice); a refusal renders the same page again, with what was typed and why it was
//! refused, under the refusal's status (422 for field errors).

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use pamong_app::components::post::{ACTION_FIELD, ID_SLOT, NEXT_FIELD, Posted};
use pamong_app::error::AppError;
use pamong_app::offline::OUTBOX_HEADER;
use pamong_app::routes;
use server_fn::error::FromServerFnError;

use crate::startup::{AppState, BODY_LIMIT};

/// The prefix of every server fn's URL; a form may name nothing else.
const SERVER_FN_PREFIX: &str = "/api/";

/// Runs the server fn a plain form post names, then redirects or renders the page again.
pub async fn post_form(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    };
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
    let named = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let Some(to) = named(ACTION_FIELD).filter(|to| to.starts_with(SERVER_FN_PREFIX)) else {
        return (StatusCode::BAD_REQUEST, "the form names no action").into_response();
    };
    let next = named(NEXT_FIELD).filter(|n| is_local(n));
    let arguments = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields.iter().filter(|(k, _)| !k.starts_with('_')))
        .finish();

    let mut call = Request::new(Body::from(arguments));
    *call.method_mut() = Method::POST;
    *call.uri_mut() = match to.parse() {
        Ok(uri) => uri,
        Err(_) => return (StatusCode::BAD_REQUEST, "the form names no action").into_response(),
    };
    *call.headers_mut() = parts.headers.clone();
    call.headers_mut().remove(header::CONTENT_LENGTH);
    call.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
    // Not text/html: the server fn answers with its result instead of redirecting back.
    call.headers_mut().insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    *call.extensions_mut() = parts.extensions.clone();
    let ctx = state.ctx.clone();
    let answer = leptos_axum::handle_server_fns_with_context(move || provide_context(ctx.clone()), call)
        .await
        .into_response();
    let status = answer.status();
    let location = answer.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).map(str::to_owned);
    // A server fn that sets a cookie (the language) sets it through the redirect too.
    let cookies: Vec<HeaderValue> = answer.headers().get_all(header::SET_COOKIE).iter().cloned().collect();
    let body = axum::body::to_bytes(answer.into_body(), BODY_LIMIT).await.unwrap_or_default();

    // The offline outbox sending a post again: it needs the outcome, not a page.
    if parts.headers.contains_key(OUTBOX_HEADER) {
        return outbox_answer(status, body);
    }

    if status.is_success() || status.is_redirection() {
        let target = location
            .filter(|l| is_local(l))
            .or_else(|| next.map(|n| fill_id(&n, &body)))
            .unwrap_or_else(|| routes::saved(parts.uri.path()));
        let mut redirect = Redirect::to(&target).into_response();
        for cookie in cookies {
            redirect.headers_mut().append(header::SET_COOKIE, cookie);
        }
        return redirect;
    }

    let posted = Posted {
        to,
        fields: fields.into_iter().filter(|(k, _)| Posted::keeps(k)).collect(),
        error: AppError::de(body),
    };
    render_again(state, parts, posted, status).await
}

/// What the service worker's outbox is told of a post it sent: 204 when done (or done
/// before: the idempotency key), otherwise the refusal's status and the server fn's error.
fn outbox_answer(status: StatusCode, body: Bytes) -> Response {
    if status.is_success() || status.is_redirection() {
        return StatusCode::NO_CONTENT.into_response();
    }
    let mut answer = (status, body).into_response();
    answer.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    answer
}

/// The page the form was on, rendered with the refused post in context.
async fn render_again(
    state: AppState,
    parts: axum::http::request::Parts,
    posted: Posted,
    status: StatusCode,
) -> Response {
    let mut page = Request::new(Body::empty());
    *page.uri_mut() = parts.uri;
    *page.headers_mut() = parts.headers;
    page.headers_mut().remove(header::CONTENT_LENGTH);
    page.headers_mut().remove(header::CONTENT_TYPE);
    *page.extensions_mut() = parts.extensions;
    let (ctx, options) = (state.ctx.clone(), state.leptos_options.clone());
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(ctx.clone());
            provide_context(posted.clone());
        },
        move || pamong_app::shell(options.clone()),
    );
    let mut response = render(page).await.into_response();
    // The page itself rendered fine; what it answers is the refusal's status.
    if response.status().is_success() {
        *response.status_mut() = status;
    }
    response
}

/// Whether `target` is a path on this site (never `//elsewhere` or a full URL): where a
/// form leads is taken from the post, so it must not lead off the site.
fn is_local(target: &str) -> bool {
    target.starts_with('/') && !target.starts_with("//") && !target.contains('\\')
}

/// `next` with [`ID_SLOT`] replaced by the id the server fn answered with: the answer
/// itself (a JSON string) or its `id` field.
fn fill_id(next: &str, answer: &Bytes) -> String {
    if !next.contains(ID_SLOT) {
        return next.to_owned();
    }
    let id = match serde_json::from_slice::<serde_json::Value>(answer) {
        Ok(serde_json::Value::String(id)) => Some(id),
        Ok(serde_json::Value::Object(map)) => map.get("id").and_then(|v| v.as_str()).map(str::to_owned),
        _ => None,
    };
    match id.and_then(|id| uuid::Uuid::parse_str(&id).ok()) {
        Some(id) => next.replace(ID_SLOT, &id.to_string()),
        None => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_leads_only_within_the_site() {
        assert!(is_local("/klien/1?pesan=tersimpan"));
        assert!(!is_local("//evil.example/"));
        assert!(!is_local("https://evil.example/"));
        assert!(!is_local("/\\evil.example"));
    }

    #[test]
    fn the_new_record_s_id_fills_the_slot() {
        let id = "0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b";
        let answer = Bytes::from(format!("\"{id}\""));
        assert_eq!(fill_id("/klien/{id}", &answer), format!("/klien/{id}"));
        let answer = Bytes::from(format!("{{\"id\":\"{id}\",\"name\":\"x\"}}"));
        assert_eq!(fill_id("/klien/{id}", &answer), format!("/klien/{id}"));
        assert_eq!(fill_id("/klien/{id}", &Bytes::from("null")), "/");
        assert_eq!(fill_id("/klien", &Bytes::from("null")), "/klien");
    }
}
