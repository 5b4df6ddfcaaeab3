//! What an officer's phone keeps for when the signal is gone, and how a page tells the
//! service worker (`/sw.js`, served by `pamong_server::worker`).
//!
//! The worker stores a page only when the server marks it with [`OFFLINE_HEADER`]
//! (`until=<Unix seconds>`, the session's absolute end): an officer's Today, their own
//! caseload list, their own adult clients' pages and check-in forms, and the outbox — what
//! the policy's `can_keep_offline` allows, so nothing of another officer's clients and no
//! child's record is ever stored. The login page says [`FORGET`]: the worker then drops every
//! stored page (after a logout, or when the session has ended). A check-in form carries an
//! idempotency key; a post the worker could not send goes to its outbox with a key of its
//! own and is sent again, with [`OUTBOX_HEADER`], when the signal returns — the server then
//! answers with a bare status instead of a page (`pamong_server::form_post`).

use leptos::prelude::*;

/// The response header that lets the service worker keep a page.
pub const OFFLINE_HEADER: &str = "x-pamong-offline";
/// The request header of a post the service worker's outbox sends.
pub const OUTBOX_HEADER: &str = "x-pamong-outbox";
/// [`OFFLINE_HEADER`]'s value that makes the worker forget every stored page.
pub const FORGET: &str = "clear";

/// Until when (Unix seconds) the signed-in user's phone may keep pages: none for a user whose
/// phone keeps nothing. Provided by the signed-in frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeepUntil(pub Option<i64>);

/// Lets the service worker keep the page being rendered, if `allowed` (the page's own
/// policy answer) and the user's phone keeps pages at all.
pub fn keep_offline(allowed: bool) {
    let Some(KeepUntil(Some(until))) = use_context::<KeepUntil>() else { return };
    if allowed {
        set_header(&format!("until={until}"));
    }
}

/// Tells the service worker to forget every stored page (the login page).
pub fn forget_offline() {
    set_header(FORGET);
}

#[cfg(feature = "ssr")]
fn set_header(value: &str) {
    use http::{HeaderName, HeaderValue};
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(value))
    {
        response.insert_header(HeaderName::from_static(OFFLINE_HEADER), value);
    }
}

#[cfg(not(feature = "ssr"))]
fn set_header(_value: &str) {}
