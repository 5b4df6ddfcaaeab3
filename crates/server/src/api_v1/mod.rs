//! The REST API for other systems, `/api/v1`, described by the OpenAPI 3.1 document at
//! `/api/v1/openapi.json`.
//!
//! Every call carries a personal access token (`Authorization: Bearer pmg_…`) and acts as the
//! token's user: the handlers call the same service fns as the pages, so the policy, the
//! masking of children's identities, the access log and the audit rows are the same. A
//! refusal answers JSON ([`ApiError`]) with the status that says what it is: 400 for a
//! malformed request, 401 without a valid token, 404 for what the user may not see, 422 for
//! invalid fields, 429 past the token's rate limit.

mod clients;
mod docs;
mod error;
mod extract;
mod figures;
mod model;
mod openapi;
mod referrals;

pub use error::ApiError;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use pamong_service::Actor;
use tower_http::limit::RequestBodyLimitLayer;

use crate::startup::{AppState, BODY_LIMIT};

/// Where the API lives.
pub const BASE: &str = "/api/v1";

/// The actor a call's token acts as, put on the request by [`authenticate`].
#[derive(Clone)]
pub(crate) struct ApiActor(pub Actor);

/// A handler's answer: its JSON, or a refusal.
type ApiResult<T> = Result<T, ApiError>;

/// The refusal of a service's error, carrying the call's request id.
fn refused(actor: &ApiActor, e: pamong_service::ServiceError) -> ApiError {
    ApiError::new(e.into_kind(actor.0.request_id.clone()))
}

/// The API's routes: the document is public, everything else needs a token.
pub fn router(state: AppState) -> Router {
    let calls = Router::new()
        .route("/api/v1/clients", get(clients::list))
        .route("/api/v1/clients/{id}", get(clients::get))
        .route("/api/v1/clients/{id}/reports", post(clients::record_report))
        .route("/api/v1/clients/{id}/referrals", get(clients::referrals_of))
        .route("/api/v1/referrals", get(referrals::inbox))
        .route("/api/v1/referrals/{id}/answer", post(referrals::answer))
        .route("/api/v1/figures/office", get(figures::office))
        .route("/api/v1/figures/region", get(figures::region))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), authenticate));
    Router::new()
        .route("/api/v1/openapi.json", get(|| async { Json(openapi::document()) }))
        .route(
            pamong_app::routes::API_DOCS,
            get(|| async { docs::page(&serde_json::to_value(openapi::document()).unwrap_or_default()) }),
        )
        .merge(calls)
        .route_layer(axum::middleware::from_fn(crate::metrics::mark_route))
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
}

/// Turns the bearer token into the call's actor, or refuses the call.
async fn authenticate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default()
        .to_owned();
    let request_id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    match pamong_service::api_tokens::authenticate(
        &state.ctx.db,
        &bearer,
        state.api_rate_limit,
        state.ctx.now(),
    )
    .await
    {
        Ok(actor) => {
            request.extensions_mut().insert(ApiActor(actor.with_request_id(request_id)));
            next.run(request).await
        }
        Err(e) => ApiError::new(e.into_kind(request_id)).into_response(),
    }
}
