//! `GET /masuk/qr.svg`: the QR code of the authenticator key being enrolled, for the
//! enrolment page's `<img>`. It is drawn here, on the server: the key never goes to a
//! third-party QR service, and the page needs no script to show it. Only the user enrolling
//! (signed in, or half-way through a sign-in that must enrol) gets it; it is never cached.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pamong_app::api::second_factor::enrolling;
use tower_sessions::Session;

use crate::startup::AppState;

/// The key's QR code as SVG; 404 when this session is enrolling nobody.
pub async fn qr(State(state): State<AppState>, session: Session) -> Response {
    let user_id = match enrolling(&state.ctx, &session).await {
        Ok(Some((user_id, _))) => user_id,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match pamong_service::second_factor::enrolment_qr(&state.ctx.db, user_id, state.ctx.now()).await {
        Ok(svg) => ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "no-store")], svg)
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "could not draw the enrolment QR code");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
