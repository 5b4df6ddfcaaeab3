//! Two-factor sign-in: the second step after the password, what a user types there, and
//! what the account page shows of it.
//!
//! The second factor is a time-based code (TOTP, RFC 6238: six digits every 30 seconds from
//! an authenticator app) or, when the phone is lost, one of ten one-time recovery codes.
//! Which roles must use it is the service's policy; the codes are checked there.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::{ErrorKind, Problem};

/// The form field a code is typed into.
pub const CODE_FIELD: &str = "code";
/// How many recovery codes a user gets at a time.
pub const RECOVERY_CODES: usize = 10;
/// The letters of a recovery code: no `0`/`o`, `1`/`l`/`i`, so that one read off paper is
/// typed back right.
pub const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// The characters of a recovery code (shown as two groups of five).
pub const RECOVERY_LEN: usize = 10;
/// Digits of a TOTP code.
pub const TOTP_DIGITS: usize = 6;
/// Longest input read as a code: anything longer is refused before it is looked at.
const MAX_INPUT: usize = 32;

/// Where a sign-in stands once the password is right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoginStep {
    /// Signed in: no second factor for this user.
    #[serde(rename = "masuk")]
    SignedIn,
    /// The code from the authenticator (or a recovery code) comes next.
    #[serde(rename = "kode")]
    Code,
    /// The role needs a second factor and the user has none yet: enrol one first.
    #[serde(rename = "aktifkan")]
    Enrol,
}

/// A second factor as typed: spaces and dashes are ignored, case does not matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    /// Six digits from the authenticator.
    Totp(u32),
    /// A recovery code, normalised (ten lower-case characters, no dash).
    Recovery(String),
}

impl SecondFactor {
    /// Reads what was typed into [`CODE_FIELD`]; a field error otherwise.
    pub fn parse(raw: &str) -> Result<Self, ErrorKind> {
        let refuse = |problem| Err(ErrorKind::field(CODE_FIELD, problem));
        if raw.len() > MAX_INPUT {
            return refuse(Problem::TooLong { max: MAX_INPUT as u16 });
        }
        let typed: String =
            raw.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_lowercase).collect();
        if typed.is_empty() {
            return refuse(Problem::Required);
        }
        if typed.len() == TOTP_DIGITS && typed.bytes().all(|b| b.is_ascii_digit()) {
            return typed.parse().map(Self::Totp).or_else(|_| refuse(Problem::BadFormat));
        }
        if typed.len() == RECOVERY_LEN && typed.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)) {
            return Ok(Self::Recovery(typed));
        }
        refuse(Problem::BadFormat)
    }
}

/// A recovery code as shown to its user: `abcde-fghjk`.
pub fn display_recovery(code: &str) -> String {
    let (head, tail) = code.split_at(code.len().min(RECOVERY_LEN / 2));
    format!("{head}-{tail}")
}

/// A key to add to an authenticator app: shown as a QR code (drawn on the server from
/// `uri`) and as text for typing in by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The key in base32, in groups of four for reading.
    pub key: String,
    /// The sign-in name the app will list it under.
    pub account: String,
}

/// Two-factor sign-in as the account page shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorStatus {
    /// Since when it is on; `None` when off.
    pub enabled_since: Option<Date>,
    /// Whether the user's role must use it (it cannot be turned off).
    pub required: bool,
    /// Recovery codes not yet used.
    pub recovery_left: u32,
}

/// Fresh recovery codes, shown once (only their hashes are kept).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryCodes(pub Vec<String>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digits_are_a_totp_code_spaces_and_all() {
        assert_eq!(SecondFactor::parse("123 456"), Ok(SecondFactor::Totp(123_456)));
        assert_eq!(SecondFactor::parse(" 000042 "), Ok(SecondFactor::Totp(42)));
    }

    #[test]
    fn a_recovery_code_is_read_in_any_case_with_or_without_its_dash() {
        let want = Ok(SecondFactor::Recovery("abcde23456".into()));
        assert_eq!(SecondFactor::parse("ABCDE-23456"), want);
        assert_eq!(SecondFactor::parse("abcde23456"), want);
        assert_eq!(display_recovery("abcde23456"), "abcde-23456");
    }

    #[test]
    fn anything_else_is_refused_by_field() {
        for raw in ["", "12345", "1234567", "abcde-2345o", "12345a"] {
            let err = SecondFactor::parse(raw).unwrap_err();
            assert!(err.field_errors().and_then(|e| e.get(CODE_FIELD)).is_some(), "{raw}");
        }
        let long = "1".repeat(10_000);
        assert_eq!(
            SecondFactor::parse(&long).unwrap_err().field_errors().and_then(|e| e.get(CODE_FIELD)),
            Some(Problem::TooLong { max: 32 })
        );
    }
}
