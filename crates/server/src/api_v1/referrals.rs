//! `/api/v1/referrals`: for partner systems, the referrals addressed to the token user's
//! institution, and their answers.

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use pamong_domain::ErrorKind;
use pamong_domain::error::Problem;
use pamong_domain::referrals::ReferralStatus;
use pamong_service::referrals;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::model::{AnswerInput, Referral};
use super::{ApiActor, ApiError, ApiResult, refused};
use crate::startup::AppState;

/// The referrals addressed to the partner the token's user works for, the open ones first.
/// Empty for a user who answers for no partner.
#[utoipa::path(get, path = "/api/v1/referrals", tag = "referrals",
    responses(
        (status = 200, description = "The partner's referrals", body = Vec<Referral>),
        (status = 400, description = "A malformed request (a parameter of the wrong type)", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 429, description = "Past the token's rate limit", body = ApiError),
    ),
    security(("token" = [])))]
pub(super) async fn inbox(
    State(state): State<AppState>,
    Extension(actor): Extension<ApiActor>,
) -> ApiResult<Json<Vec<Referral>>> {
    let found = referrals::inbox(&state.ctx.db, &actor.0).await.map_err(|e| refused(&actor, e))?;
    Ok(Json(found.into_iter().map(Referral::from).collect()))
}

/// The partner answers a referral: accepts or declines one sent, or reports an accepted one
/// done. The client's officer sees the answer on their Today list.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/answer", tag = "referrals",
    params(("id" = Uuid, Path, description = "The referral's public id")),
    request_body = AnswerInput,
    responses(
        (status = 204, description = "Answered"),
        (status = 400, description = "A malformed request (a parameter of the wrong type)", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 404, description = "No such referral, or not addressed to the user's partner", body = ApiError),
        (status = 409, description = "The referral's status does not allow this answer", body = ApiError),
        (status = 415, description = "The body is not JSON", body = ApiError),
        (status = 422, description = "An unknown status, or the reason or outcome missing", body = ApiError),
        (status = 429, description = "Past the token's rate limit", body = ApiError),
    ),
    security(("token" = [])))]
pub(super) async fn answer(
    State(state): State<AppState>,
    Extension(actor): Extension<ApiActor>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<AnswerInput>,
) -> ApiResult<StatusCode> {
    let next = ReferralStatus::parse(input.status.trim())
        .ok_or_else(|| ApiError::new(ErrorKind::field("status", Problem::NotAllowed)))?;
    referrals::respond(&state.ctx.db, &actor.0, id, next, &input.text, state.ctx.now())
        .await
        .map_err(|e| refused(&actor, e))?;
    Ok(StatusCode::NO_CONTENT)
}
