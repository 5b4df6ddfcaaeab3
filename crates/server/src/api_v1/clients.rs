//! `/api/v1/clients`: the client list and search, one client, and recording a report.

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use pamong_domain::caseload::ClientFilter;
use pamong_domain::page::ListQuery;
use pamong_domain::request_key::RequestKey;
use pamong_domain::supervision::ReportForm;
use pamong_service::{clients, referrals, supervision};
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::model::{Client, ClientPage, ClientQuery, Referral, ReportInput};
use super::{ApiActor, ApiError, ApiResult, refused};
use crate::startup::AppState;

/// The clients the token's user may read, searched and paged as the client list is.
#[utoipa::path(get, path = "/api/v1/clients", tag = "clients", params(ClientQuery),
    responses(
        (status = 200, description = "A page of clients", body = ClientPage),
        (status = 400, description = "A malformed request (a parameter of the wrong type)", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 422, description = "A search too long", body = ApiError),
        (status = 429, description = "Past the token's rate limit", body = ApiError),
    ),
    security(("token" = [])))]
pub(super) async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<ApiActor>,
    ApiQuery(query): ApiQuery<ClientQuery>,
) -> ApiResult<Json<ClientPage>> {
    let filter = ClientFilter {
        list: ListQuery {
            q: query.q.unwrap_or_default(),
            page: query.page.unwrap_or(1).max(1),
            per_page: query.per_page.unwrap_or(0),
            include_inactive: query.include_inactive.unwrap_or(false),
        },
        ..ClientFilter::default()
    };
    let page = clients::list(&state.ctx.db, &actor.0, &filter).await.map_err(|e| refused(&actor, e))?;
    Ok(Json(page.into()))
}

/// One client the token's user may read (a child's view is written to the access log).
#[utoipa::path(get, path = "/api/v1/clients/{id}", tag = "clients",
    params(("id" = Uuid, Path, description = "The client's public id")),
    responses(
        (status = 200, description = "The client", body = Client),
        (status = 400, description = "A malformed request (a parameter of the wrong type)", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 404, description = "No such client, or not the user's to read", body = ApiError),
        (status = 429, description = "Past the token's rate limit", body = ApiError),
    ),
    security(("token" = [])))]
pub(super) async fn get(
    State(state): State<AppState>,
    Extension(actor): Extension<ApiActor>,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Client>> {
    let db = &state.ctx.db;
    let now = state.ctx.now();
    let found = async {
        let today = clients::today_for(db, &actor.0, now).await?;
        clients::get(db, &actor.0, id, today, now).await
    }
    .await
    .map_err(|e| refused(&actor, e))?;
    Ok(Json(found.summary.into()))
}

/// Records a report or a home visit for a client of the token's user. An `Idempotency-Key`
/// header makes a retried call record it once.
#[utoipa::path(post, path = "/api/v1/clients/{id}/reports", tag = "clients",
    params(
        ("id" = Uuid, Path, description = "The client's public id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Any unique text (a UUID): a call repeated with the same key records once"),
    ),
    request_body = ReportInput,
    responses(
        (status = 201, description = "Recorded"),
        (status = 400, description = "A malformed request (a parameter of the wrong type)", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 404, description = "No such client, or not the user's to record for", body = ApiError),
        (status = 415, description = "The body is not JSON", body = ApiError),
        (status = 422, description = "Invalid fields", body = ApiError),
        (status = 429, description = "Past the token's rate limit", body = ApiError),
    ),
    security(("token" = [])))]
pub(super) async fn record_report(
    State(state): State<AppState>,
    Extension(actor): Extension<ApiActor>,
    ApiPath(id): ApiPath<Uuid>,
    headers: axum::http::HeaderMap,
    ApiJson(input): ApiJson<ReportInput>,
) -> ApiResult<StatusCode> {
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
    let key = RequestKey::from_arg(key).map_err(ApiError::new)?;
    let form = ReportForm {
        kind: input.kind,
        date: input.date,
        time: input.time,
        attended: if input.attended { "ya" } else { "tidak" }.to_owned(),
        notes: input.notes,
        latitude: input.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude: input.longitude.map(|v| v.to_string()).unwrap_or_default(),
    };
    let db = &state.ctx.db;
    let now = state.ctx.now();
    async {
        let today = clients::today_for(db, &actor.0, now).await?;
        supervision::record_report(db, &actor.0, id, &form, key.as_ref(), today, now).await
    }
    .await
    .map_err(|e| refused(&actor, e))?;
    Ok(StatusCode::CREATED)
}

/// A client's referrals, newest first (whoever may read the client).
#[utoipa::path(get, path = "/api/v1/clients/{id}/referrals", tag = "referrals",
    params(("id" = Uuid, Path, description = "The client's public id")),
    responses(
        (status = 200, description = "The client's referrals", body = Vec<Referral>),
        (status = 400, description = "A malformed request (a parameter of the wrong type)", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 404, description = "No such client, or not the user's to read", body = ApiError),
        (status = 429, description = "Past the token's rate limit", body = ApiError),
    ),
    security(("token" = [])))]
pub(super) async fn referrals_of(
    State(state): State<AppState>,
    Extension(actor): Extension<ApiActor>,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Referral>>> {
    let found = referrals::of_client(&state.ctx.db, &actor.0, id).await.map_err(|e| refused(&actor, e))?;
    Ok(Json(found.into_iter().map(Referral::from).collect()))
}
