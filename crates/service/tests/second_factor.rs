//! Two-factor sign-in in the service: what follows the password for each role, enrolment,
//! a code claimed once even by two servers at the same moment, recovery codes, and the audit
//! rows.

#![allow(clippy::unwrap_used, reason = "helpers of tests: a failure fails the test")]

mod common;

use common::{Office, World, audit_rows};
use pamong_domain::second_factor::{CODE_FIELD, LoginStep};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::second_factor::{self, totp};
use pamong_service::{ServiceError, policy};
use time::OffsetDateTime;

const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

fn kind(err: ServiceError) -> ErrorKind {
    match err {
        ServiceError::Domain(k) => k,
        other => panic!("unexpected {other:?}"),
    }
}

fn code_at(key: &str, at: OffsetDateTime) -> String {
    format!("{:06}", totp::code(key, totp::step_at(at)).unwrap())
}

#[tokio::test]
async fn the_policy_decides_who_must_use_it() {
    let w = World::new().await;
    for (role, office, step) in [
        (Role::Admin, Office::Own, LoginStep::Enrol),
        (Role::Kanwil, Office::Own, LoginStep::Enrol),
        (Role::Kabapas, Office::Own, LoginStep::Enrol),
        (Role::Pk, Office::Own, LoginStep::SignedIn),
        (Role::Mitra, Office::Own, LoginStep::SignedIn),
    ] {
        let actor = w.actor(role, office).await;
        assert_eq!(policy::requires_second_factor(&actor), step == LoginStep::Enrol);
        let id = actor.user_id.unwrap().get();
        assert_eq!(second_factor::after_password(w.conn(), id).await.unwrap(), step, "{role:?}");
    }
}

#[tokio::test]
async fn enrolment_confirmed_with_a_code_then_each_code_once_even_racing() {
    let w = World::new().await;
    let kabapas = w.actor(Role::Kabapas, Office::Own).await;
    let id = kabapas.user_id.unwrap().get();
    let shown = second_factor::enrolment(w.conn(), id, NOW).await.unwrap();
    let key: String = shown.key.split_whitespace().collect();
    assert_eq!(
        second_factor::enrolment(w.conn(), id, NOW).await.unwrap(),
        shown,
        "the same key until confirmed"
    );
    assert!(second_factor::enrolment_qr(w.conn(), id, NOW).await.unwrap().contains("<svg"));

    let wrong = second_factor::confirm(w.conn(), id, "123456", None, NOW).await.unwrap_err();
    assert!(matches!(kind(wrong), ErrorKind::Invalid(e) if e.get(CODE_FIELD) == Some(Problem::WrongCode)));
    let codes = second_factor::confirm(w.conn(), id, &code_at(&key, NOW), None, NOW).await.unwrap();
    assert_eq!(codes.0.len(), 10);
    assert_eq!(second_factor::after_password(w.conn(), id).await.unwrap(), LoginStep::Code);
    let audit = audit_rows(w.conn(), &kabapas.public_id.to_string()).await;
    assert!(audit.iter().any(|r| r.action == "enable_second_factor"));

    // The enrolment's own code is spent; the next step's code is good once, whoever is first.
    let later = NOW + time::Duration::seconds(30);
    assert!(second_factor::verify(w.conn(), id, &code_at(&key, NOW), None, later).await.is_err());
    let next = code_at(&key, later);
    let (a, b) = tokio::join!(
        second_factor::verify(w.conn(), id, &next, None, later),
        second_factor::verify(w.conn(), id, &next, None, later),
    );
    assert!(a.is_ok() ^ b.is_ok(), "exactly one of two racing sign-ins passes: {a:?} {b:?}");

    // A recovery code, dash or not, once; then one fewer is left.
    let recovery = codes.0[3].clone();
    second_factor::verify(w.conn(), id, &recovery.to_uppercase(), None, later).await.unwrap();
    assert!(second_factor::verify(w.conn(), id, &recovery.replace('-', ""), None, later).await.is_err());
    let status = second_factor::status(w.conn(), &kabapas).await.unwrap();
    assert_eq!((status.recovery_left, status.required, status.enabled_since), (9, true, Some(NOW.date())));
    let audit = audit_rows(w.conn(), &kabapas.public_id.to_string()).await;
    assert!(audit.iter().any(|r| r.action == "use_recovery_code"));
}

#[tokio::test]
async fn only_an_optional_role_turns_it_off_and_the_admin_resets_it() {
    let w = World::new().await;
    let admin = w.actor(Role::Admin, Office::Own).await;
    for role in [Role::Pk, Role::Kabapas] {
        let user = w.actor(role, Office::Own).await;
        let id = user.user_id.unwrap().get();
        let key: String =
            second_factor::enrolment(w.conn(), id, NOW).await.unwrap().key.split_whitespace().collect();
        second_factor::confirm(w.conn(), id, &code_at(&key, NOW), None, NOW).await.unwrap();
        let off = second_factor::turn_off(w.conn(), &user, NOW).await;
        if role == Role::Pk {
            off.unwrap();
            assert_eq!(second_factor::after_password(w.conn(), id).await.unwrap(), LoginStep::SignedIn);
        } else {
            assert!(off.is_err(), "a Kabapas keeps it");
            second_factor::reset(w.conn(), &admin, user.public_id, NOW).await.unwrap();
            assert_eq!(second_factor::after_password(w.conn(), id).await.unwrap(), LoginStep::Enrol);
        }
    }
    // An officer resets nobody's.
    let pk = w.actor(Role::Pk, Office::Own).await;
    assert!(second_factor::reset(w.conn(), &pk, admin.public_id, NOW).await.is_err());
}
