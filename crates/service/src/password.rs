//! Password hashing with argon2id (OWASP's recommended parameters are argon2's defaults).
//!
//! A hash or a verification costs tens of milliseconds of CPU by design, so both run on
//! tokio's blocking pool: a flood of logins then queues there instead of stalling every
//! other request on the async workers.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use pamong_domain::user::MAX_PASSWORD_LEN;

use crate::error::ServiceError;

/// Hashes `password` into a PHC string (algorithm, parameters, salt and hash).
pub async fn hash(password: &str) -> Result<String, ServiceError> {
    let password = password.to_owned();
    blocking(move || hash_now(&password)).await?
}

/// Whether `password` matches the stored PHC string. A malformed hash never matches, and
/// neither does a password longer than any that could have been set.
pub async fn verify(password: &str, phc: &str) -> Result<bool, ServiceError> {
    let (password, phc) = (password.to_owned(), phc.to_owned());
    blocking(move || verify_now(&password, &phc)).await
}

/// Spends the time of a verification without a user, so that an unknown login name takes as
/// long to refuse as a wrong password (no user enumeration by timing).
pub async fn verify_dummy(password: &str) -> Result<(), ServiceError> {
    // A valid hash of a random string: computed once, then reused.
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let password = password.to_owned();
    blocking(move || {
        let phc = DUMMY.get_or_init(|| hash_now("pamong-dummy-password").unwrap_or_default());
        let _ = verify_now(&password, phc);
    })
    .await
}

fn hash_now(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("hashing password: {e}")))
}

fn verify_now(password: &str, phc: &str) -> bool {
    // Cut before hashing: argon2 reads all of its input, and no stored password is longer.
    let password = if password.chars().count() > usize::from(MAX_PASSWORD_LEN) { "" } else { password };
    PasswordHash::new(phc)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
        && !password.is_empty()
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ServiceError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ServiceError::Internal(format!("password worker: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_then_verify() {
        let phc = hash("rahasia-panjang").await.unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("rahasia-panjang", &phc).await.unwrap());
        assert!(!verify("rahasia-pendek", &phc).await.unwrap());
        assert!(!verify("rahasia-panjang", "not a hash").await.unwrap());
        assert!(!verify(&"x".repeat(100_000), &phc).await.unwrap());
    }
}
