//! Logging in: wrong passwords, unknown users and the rate limit.

mod common;

use common::{Office, PASSWORD, World};
use pamong_domain::{ErrorKind, Role};
use pamong_service::{ServiceError, auth, settings};
use time::OffsetDateTime;

/// The instant the tests act at.
const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

fn kind(err: ServiceError) -> ErrorKind {
    match err {
        ServiceError::Domain(k) => k,
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_user_answer_alike() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let wrong = auth::login(w.conn(), &pk.username, "bukan-sandinya", None, NOW).await.unwrap_err();
    let unknown = auth::login(w.conn(), "tidak.ada", PASSWORD, None, NOW).await.unwrap_err();
    assert_eq!(kind(wrong), ErrorKind::BadCredentials);
    assert_eq!(kind(unknown), ErrorKind::BadCredentials);
}

#[tokio::test]
async fn fifth_failure_locks_the_account_for_the_window() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let max = settings::LOGIN_MAX_FAILURES.default;
    for _ in 0..max {
        let err =
            auth::login(w.conn(), &pk.username, "salah", Some("127.0.0.1".into()), NOW).await.unwrap_err();
        assert_eq!(kind(err), ErrorKind::BadCredentials);
    }
    // Even the right password is refused now, with the time to wait.
    let err = auth::login(w.conn(), &pk.username, PASSWORD, None, NOW).await.unwrap_err();
    match kind(err) {
        ErrorKind::RateLimited { retry_after_secs } => {
            let window = u64::try_from(settings::LOGIN_WINDOW_MINUTES.default * 60).unwrap();
            assert!(retry_after_secs > window - 60 && retry_after_secs <= window, "{retry_after_secs}");
        }
        other => panic!("expected rate limit, got {other:?}"),
    }
    // Other accounts are unaffected.
    let kabapas = w.actor(Role::Kabapas, Office::Own).await;
    assert!(auth::login(w.conn(), &kabapas.username, PASSWORD, None, NOW).await.is_ok());
}

#[tokio::test]
async fn success_resets_the_failure_count() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let max = settings::LOGIN_MAX_FAILURES.default;
    for _ in 0..max - 1 {
        let _ = auth::login(w.conn(), &pk.username, "salah", None, NOW).await;
    }
    assert!(auth::login(w.conn(), &pk.username, PASSWORD, None, NOW).await.is_ok());
    for _ in 0..max - 1 {
        let _ = auth::login(w.conn(), &pk.username, "salah", None, NOW).await;
    }
    assert!(auth::login(w.conn(), &pk.username, PASSWORD, None, NOW).await.is_ok());
}

#[tokio::test]
async fn current_user_names_office_and_zone() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let me = auth::current_user(w.conn(), &pk).await.unwrap();
    assert_eq!(me.bapas.map(|b| b.id), Some(w.bapas[0].id));
    assert_eq!(me.zone.label(), "WITA");
}
