//! Personal access tokens of the REST API: what the admin types to issue one, and how a
//! token is listed (never its secret, which is shown once).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::{ErrorKind, FieldErrors};
use crate::validate::required_text;

/// Issuing a token: what it is for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    /// What the token is for ("SDP Kanwil DKI").
    pub name: String,
}

impl TokenForm {
    /// The token's name, trimmed and bounded.
    pub fn parse(&self) -> Result<String, ErrorKind> {
        let mut errors = FieldErrors::new();
        let name = required_text(&mut errors, "name", &self.name, 80);
        errors.into_result(name)
    }
}

/// A token as its user's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    /// Public id.
    pub id: Uuid,
    /// What it is for.
    pub name: String,
    /// Its first characters.
    pub prefix: String,
    /// Issued.
    pub created_at: OffsetDateTime,
    /// Last used, if ever.
    pub last_used_at: Option<OffsetDateTime>,
    /// Whether it is revoked.
    pub revoked: bool,
}

/// A token just issued: its listing and its secret, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedToken {
    /// The listing.
    pub token: TokenView,
    /// The secret to give to the calling system.
    pub secret: String,
}
