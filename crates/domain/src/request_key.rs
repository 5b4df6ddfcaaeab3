//! The idempotency key a write may carry.
//!
//! An officer's phone that records a home visit without a signal keeps the post in its
//! outbox and sends it when the signal returns; if the answer is lost on the way back, it
//! sends it again. Each queued write carries a key the phone made (a UUID), and the server
//! keeps the keys it has seen, so the second send is recognised and the visit is recorded
//! once. Forms rendered by the server carry a fresh key too, so a double tap saves once.

use serde::{Deserialize, Serialize};

use crate::{ErrorKind, Problem};

/// The form field (a server fn argument) that carries the key.
pub const KEY_FIELD: &str = "key";

/// Shortest key accepted: a key must be unguessable enough not to collide by chance.
const MIN_LEN: usize = 16;
/// Longest key accepted (a UUID is 36).
const MAX_LEN: usize = 64;

/// A key: 16 to 64 letters, digits and dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RequestKey(String);

impl RequestKey {
    /// Checks a key as sent.
    pub fn parse(text: &str) -> Option<Self> {
        let ok = (MIN_LEN..=MAX_LEN).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        ok.then(|| Self(text.to_owned()))
    }

    /// An optional key as a server fn receives it: none or empty is no key; anything else
    /// must be a key, or the write is refused (a field error on [`KEY_FIELD`]).
    pub fn from_arg(arg: Option<&str>) -> Result<Option<Self>, ErrorKind> {
        match arg.map(str::trim).filter(|k| !k.is_empty()) {
            None => Ok(None),
            Some(text) => {
                Self::parse(text).map(Some).ok_or_else(|| ErrorKind::field(KEY_FIELD, Problem::BadFormat))
            }
        }
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uuid_is_a_key() {
        let key = RequestKey::parse("0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b");
        assert_eq!(key.map(|k| k.as_str().len()), Some(36));
    }

    #[test]
    fn keys_are_bounded_in_length_and_alphabet() {
        assert!(RequestKey::parse(&"a".repeat(15)).is_none(), "too short");
        assert!(RequestKey::parse(&"a".repeat(16)).is_some());
        assert!(RequestKey::parse(&"a".repeat(64)).is_some());
        assert!(RequestKey::parse(&"a".repeat(65)).is_none(), "too long");
        assert!(RequestKey::parse("aaaaaaaaaaaaaaa'; drop").is_none());
        assert!(RequestKey::parse("aaaaaaaaaaaaaaaaé").is_none());
    }

    #[test]
    fn no_key_or_an_empty_one_is_none_and_a_bad_one_a_field_error() {
        assert_eq!(RequestKey::from_arg(None), Ok(None));
        assert_eq!(RequestKey::from_arg(Some("  ")), Ok(None));
        assert!(
            RequestKey::from_arg(Some("0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b")).is_ok_and(|k| k.is_some())
        );
        let refused = RequestKey::from_arg(Some("short"));
        assert!(
            refused.is_err_and(|e| e
                .field_errors()
                .is_some_and(|f| f.get(KEY_FIELD) == Some(Problem::BadFormat)))
        );
    }
}
