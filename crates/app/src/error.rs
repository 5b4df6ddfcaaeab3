//! The error every server fn returns: a domain [`ErrorKind`] the UI translates, or a
//! transport failure (no network, bad response) raised by the server-fn machinery itself.

use pamong_domain::ErrorKind;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// A failed server call, as both sides see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// A failure the user can act on, or an internal error with its request id.
    #[error("{0}")]
    Kind(ErrorKind),
    /// The call itself failed (network, encoding); the text is for logs, not for users.
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    /// The field errors of a validation failure, if that is what this is.
    pub fn field_errors(&self) -> Option<&pamong_domain::FieldErrors> {
        match self {
            Self::Kind(kind) => kind.field_errors(),
            Self::Transport(_) => None,
        }
    }
}

impl From<ErrorKind> for AppError {
    fn from(kind: ErrorKind) -> Self {
        Self::Kind(kind)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// On the server this is reached when a request could not be read (a missing field, a
    /// wrong type, a body that is not what the codec expects): the caller's fault, so the
    /// answer is 400 with what was wrong, not the server-fn default of 500.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        if let ServerFnErrorErr::Args(_)
        | ServerFnErrorErr::MissingArg(_)
        | ServerFnErrorErr::Deserialization(_) = value
            && let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        {
            response.set_status(http::StatusCode::BAD_REQUEST);
        }
        Self::Transport(value.to_string())
    }
}
