//! `/api/v1/figures`: the dashboards' figures, for the reporting systems of the Kanwil and
//! Ditjenpas. Counts only, read under the same policy as the dashboards.

use axum::extract::State;
use axum::{Extension, Json};
use pamong_service::oversight;

use super::extract::ApiQuery;
use super::model::{OfficeFigures, OfficeQuery, RegionFigures, RegionQuery};
use super::{ApiActor, ApiError, ApiResult, refused};
use crate::startup::AppState;

/// An office's figures now and a month earlier, per officer: the Kabapas dashboard.
#[utoipa::path(get, path = "/api/v1/figures/office", tag = "figures", params(OfficeQuery),
    responses(
        (status = 200, description = "The office's figures", body = OfficeFigures),
        (status = 400, description = "A malformed request (a parameter of the wrong type)", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 404, description = "No such office, or not the user's to read", body = ApiError),
        (status = 429, description = "Past the token's rate limit", body = ApiError),
    ),
    security(("token" = [])))]
pub(super) async fn office(
    State(state): State<AppState>,
    Extension(actor): Extension<ApiActor>,
    ApiQuery(query): ApiQuery<OfficeQuery>,
) -> ApiResult<Json<OfficeFigures>> {
    let vitals = oversight::dashboard::office_vitals(&state.ctx.db, &actor.0, query.office, state.ctx.now())
        .await
        .map_err(|e| refused(&actor, e))?;
    Ok(Json(vitals.into()))
}

/// A region's offices side by side with a twelve-month trend (a Kanwil's staff), or the
/// country's Kanwils (headquarters and the admin).
#[utoipa::path(get, path = "/api/v1/figures/region", tag = "figures", params(RegionQuery),
    responses(
        (status = 200, description = "The region's figures", body = RegionFigures),
        (status = 400, description = "A malformed request (a parameter of the wrong type)", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 404, description = "No comparison for this user, or no such Kanwil", body = ApiError),
        (status = 429, description = "Past the token's rate limit", body = ApiError),
    ),
    security(("token" = [])))]
pub(super) async fn region(
    State(state): State<AppState>,
    Extension(actor): Extension<ApiActor>,
    ApiQuery(query): ApiQuery<RegionQuery>,
) -> ApiResult<Json<RegionFigures>> {
    let vitals = oversight::region::region_vitals(&state.ctx.db, &actor.0, query.kanwil, state.ctx.now())
        .await
        .map_err(|e| refused(&actor, e))?;
    Ok(Json(vitals.into()))
}
