//! Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, six digits, a
//! new code every 30 seconds, the parameters every authenticator app uses by default.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;
use time::OffsetDateTime;

/// Seconds each code stands for.
pub const PERIOD: i64 = 30;
/// Steps either side of now whose code is still accepted: a phone's clock a little off, or a
/// code typed as it changed.
pub const DRIFT_STEPS: i64 = 1;
/// Bytes of a new key (160 bits, RFC 4226's recommendation for HMAC-SHA1).
const KEY_BYTES: usize = 20;

/// A new random key, in base32 without padding (as authenticator apps take it).
pub fn new_key() -> String {
    let mut bytes = [0u8; KEY_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    BASE32_NOPAD.encode(&bytes)
}

/// The 30-second step `at` falls in.
pub fn step_at(at: OffsetDateTime) -> i64 {
    at.unix_timestamp().div_euclid(PERIOD)
}

/// The six-digit code of `key` (base32) for `step`; `None` for a key that is not base32.
pub fn code(key: &str, step: i64) -> Option<u32> {
    let secret = BASE32_NOPAD.decode(key.as_bytes()).ok()?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&secret).ok()?;
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // Dynamic truncation (RFC 4226 §5.3): four bytes from an offset the last nibble picks.
    let offset = usize::from(digest.last()? & 0x0f);
    let word = digest.get(offset..offset + 4)?;
    let value = u32::from_be_bytes([word[0] & 0x7f, word[1], word[2], word[3]]);
    Some(value % 1_000_000)
}

/// The step whose code `typed` is, among those near `now`, if it is later than `after` (the
/// step of the last code accepted): a code is good once.
pub fn matching_step(key: &str, typed: u32, now: OffsetDateTime, after: Option<i64>) -> Option<i64> {
    let current = step_at(now);
    (current - DRIFT_STEPS..=current + DRIFT_STEPS)
        .filter(|step| after.is_none_or(|last| *step > last))
        .find(|step| code(key, *step) == Some(typed))
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn uri(key: &str, issuer: &str, account: &str) -> String {
    let enc = pamong_domain::page::percent_encode;
    format!(
        "otpauth://totp/{}:{}?secret={key}&issuer={}&algorithm=SHA1&digits=6&period={PERIOD}",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's test key for SHA-1: "12345678901234567890" in base32.
    const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    fn at(unix: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(unix).unwrap()
    }

    #[test]
    fn codes_match_the_rfc_6238_vectors() {
        // The RFC lists eight digits; six are their last six.
        for (unix, eight) in [
            (59, 94_287_082),
            (1_111_111_109, 7_081_804),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
        ] {
            assert_eq!(code(RFC_KEY, step_at(at(unix))), Some(eight % 1_000_000), "at {unix}");
        }
    }

    #[test]
    fn a_code_is_accepted_a_step_either_side_and_only_after_the_last_one_used() {
        let now = at(1_234_567_890);
        let step = step_at(now);
        let prev = code(RFC_KEY, step - 1).unwrap();
        let next = code(RFC_KEY, step + 1).unwrap();
        let far = code(RFC_KEY, step + 2).unwrap();
        assert_eq!(matching_step(RFC_KEY, prev, now, None), Some(step - 1));
        assert_eq!(matching_step(RFC_KEY, next, now, None), Some(step + 1));
        assert_eq!(matching_step(RFC_KEY, far, now, None), None);
        // Replayed: the step was already used.
        assert_eq!(matching_step(RFC_KEY, prev, now, Some(step - 1)), None);
        assert_eq!(matching_step(RFC_KEY, next, now, Some(step)), Some(step + 1));
    }

    #[test]
    fn a_new_key_is_base32_of_160_bits_and_the_uri_names_it() {
        let key = new_key();
        assert_eq!(key.len(), 32);
        assert!(code(&key, 1).is_some());
        assert_ne!(new_key(), key);
        let uri = uri(&key, "Pamong", "kabapas.jakbar");
        assert!(uri.starts_with("otpauth://totp/Pamong:kabapas.jakbar?secret="), "{uri}");
        assert!(uri.contains(&key));
        assert_eq!(code("not base32!", 1), None);
    }
}
