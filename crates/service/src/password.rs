//! Password hashing with argon2id (OWASP's recommended parameters are argon2's defaults).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};

use crate::error::ServiceError;

/// Hashes `password` into a PHC string (algorithm, parameters, salt and hash).
pub fn hash(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("hashing password: {e}")))
}

/// Whether `password` matches the stored PHC string. A malformed hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// Spends the time of a verification without a user, so that an unknown login name takes as
/// long to refuse as a wrong password (no user enumeration by timing).
pub fn verify_dummy(password: &str) {
    // A valid hash of a random string: computed once, then reused.
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("pamong-dummy-password").unwrap_or_default());
    let _ = verify(password, phc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_then_verify() {
        let phc = hash("rahasia-panjang").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("rahasia-panjang", &phc));
        assert!(!verify("rahasia-pendek", &phc));
        assert!(!verify("rahasia-panjang", "not a hash"));
    }
}
