//! Service errors: the cause stays here (and in the log); the user gets an [`ErrorKind`].

use pamong_domain::{ErrorKind, Problem};
use sea_orm::{DbErr, SqlErr};

/// A failed use case.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// A failure the user can act on (validation, not found, ...).
    #[error("{0}")]
    Domain(#[from] ErrorKind),
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] DbErr),
    /// Anything else unexpected (hashing failure, corrupt data).
    #[error("internal: {0}")]
    Internal(String),
}

/// Result of a use case.
pub type ServiceResult<T> = Result<T, ServiceError>;

impl ServiceError {
    /// Shorthand for "not found (or not yours)".
    pub fn not_found() -> Self {
        Self::Domain(ErrorKind::NotFound)
    }

    /// What the user may see. Database and internal causes are logged here, once, with the
    /// request id, and become an opaque internal error.
    pub fn into_kind(self, request_id: Option<String>) -> ErrorKind {
        match self {
            Self::Domain(kind) => kind,
            Self::Db(err) => {
                tracing::error!(request_id = request_id.as_deref(), error = %err, "database error");
                ErrorKind::Internal { request_id }
            }
            Self::Internal(msg) => {
                tracing::error!(request_id = request_id.as_deref(), error = %msg, "internal error");
                ErrorKind::Internal { request_id }
            }
        }
    }
}

/// Turns a unique-constraint violation into a field error on `field` ("already taken"), and
/// leaves every other database error as it is.
pub fn unique_to_field(err: DbErr, field: &str) -> ServiceError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ErrorKind::field(field, Problem::Taken).into(),
        _ => ServiceError::Db(err),
    }
}
