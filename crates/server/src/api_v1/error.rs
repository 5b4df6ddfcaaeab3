//! The API's refusals: a status and a JSON body saying what was wrong, field by field where
//! a field was.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pamong_domain::ErrorKind;
use serde::Serialize;
use utoipa::ToSchema;

/// A refused call.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// The answer's status.
    #[serde(skip)]
    status: StatusCode,
    /// What kind of refusal: `malformed` (a request that cannot be read: not JSON, a query
    /// or path parameter of the wrong type), `unauthenticated`, `not_found`, `invalid`,
    /// `rate_limited`, `conflict`, `internal`.
    pub error: &'static str,
    /// Why a `malformed` request could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The fields that were wrong (for `invalid`), each with its problem's code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
    /// Seconds to wait before calling again (for `rate_limited`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// The request's id, to find it in the server's log (for `internal`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// One field's problem.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's name.
    pub field: String,
    /// The problem, as the domain names it (`Required`, `BadFormat`, …).
    pub problem: String,
}

impl ApiError {
    /// The refusal of `kind`.
    pub fn new(kind: ErrorKind) -> Self {
        let (status, error) = match &kind {
            ErrorKind::Unauthenticated | ErrorKind::BadCredentials => {
                (StatusCode::UNAUTHORIZED, "unauthenticated")
            }
            ErrorKind::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ErrorKind::Conflict => (StatusCode::CONFLICT, "conflict"),
            ErrorKind::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            ErrorKind::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            ErrorKind::Internal { .. } => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        let mut out = ApiError {
            status,
            error,
            message: None,
            fields: Vec::new(),
            retry_after: None,
            request_id: None,
        };
        match kind {
            ErrorKind::RateLimited { retry_after_secs } => out.retry_after = Some(retry_after_secs),
            ErrorKind::Invalid(errors) => {
                out.fields = errors
                    .0
                    .into_iter()
                    .map(|e| FieldProblem { field: e.field, problem: format!("{:?}", e.problem) })
                    .collect();
            }
            ErrorKind::Internal { request_id } => out.request_id = request_id,
            ErrorKind::Unauthenticated
            | ErrorKind::BadCredentials
            | ErrorKind::NotFound
            | ErrorKind::Conflict => {}
        }
        out
    }

    /// A request that could not be read, with the status axum's extractor chose (400, 415
    /// or 422) and its reason.
    pub fn malformed(status: StatusCode, message: String) -> Self {
        ApiError {
            status,
            error: "malformed",
            message: Some(message),
            fields: Vec::new(),
            retry_after: None,
            request_id: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status;
        let retry = self.retry_after;
        let mut response = (status, Json(self)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(secs) = retry.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, secs);
        }
        response
    }
}
