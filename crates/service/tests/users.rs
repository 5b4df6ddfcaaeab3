//! Users: creation, edits, password resets and deactivation, with the policy matrix.

mod common;

use common::{Office, PASSWORD, World, audit_rows};
use pamong_domain::page::ListQuery;
use pamong_domain::user::PasswordChange;
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::session_store::{AUTH_KEY, DbSessionStore};
use pamong_service::{Actor, Clock, ServiceError, auth, users};
use time::{Duration, OffsetDateTime};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::SessionStore;

/// The instant the tests act at.
const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

fn problem(err: ServiceError, field: &str) -> Option<Problem> {
    match err {
        ServiceError::Domain(ErrorKind::Invalid(e)) => e.get(field),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn admin_creates_a_pk_who_can_log_in() {
    let w = World::new().await;
    let admin = w.actor(Role::Admin, Office::Own).await;
    let form = w.user_form("Siti.PK", Role::Pk, Office::Own);
    let created = users::create(w.conn(), &admin, &form, NOW).await.unwrap();
    assert_eq!(created.username, "siti.pk");
    assert_eq!(created.bapas.as_ref().map(|b| b.id), Some(w.bapas[0].id));
    assert_eq!(created.kanwil.as_ref().map(|k| k.id), Some(w.kanwil[0].id));
    let id = auth::login(w.conn(), "SITI.pk", PASSWORD, None, NOW).await.unwrap();
    let actor = auth::actor_for(w.conn(), id).await.unwrap().unwrap();
    assert_eq!(actor.role, Role::Pk);
    let rows = audit_rows(w.conn(), &created.id.to_string()).await;
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].changes.contains(PASSWORD), "password never audited");
}

#[tokio::test]
async fn duplicate_username_is_a_field_error_and_nothing_is_written() {
    let w = World::new().await;
    let sys = Actor::system();
    users::create(w.conn(), &sys, &w.user_form("ana", Role::Pk, Office::Own), NOW).await.unwrap();
    let err =
        users::create(w.conn(), &sys, &w.user_form("ANA", Role::Pk, Office::Other), NOW).await.unwrap_err();
    assert_eq!(problem(err, "username"), Some(Problem::Taken));
    let all =
        users::list(w.conn(), &sys, &ListQuery { q: "ana".into(), ..Default::default() }).await.unwrap();
    assert_eq!(all.total, 1);
}

#[tokio::test]
async fn kabapas_staffs_own_office_below_themselves_only() {
    let w = World::new().await;
    let kabapas = w.actor(Role::Kabapas, Office::Own).await;
    let ok = users::create(w.conn(), &kabapas, &w.user_form("pk.baru", Role::Pk, Office::Own), NOW).await;
    assert!(ok.is_ok());
    let err = users::create(w.conn(), &kabapas, &w.user_form("pk.lain", Role::Pk, Office::Other), NOW)
        .await
        .unwrap_err();
    assert_eq!(problem(err, "office_id"), Some(Problem::NotAllowed));
    let err = users::create(w.conn(), &kabapas, &w.user_form("boss", Role::Kabapas, Office::Own), NOW)
        .await
        .unwrap_err();
    assert_eq!(problem(err, "role"), Some(Problem::NotAllowed));
    let err = users::create(w.conn(), &kabapas, &w.user_form("root", Role::Admin, Office::Own), NOW)
        .await
        .unwrap_err();
    assert_eq!(problem(err, "role"), Some(Problem::NotAllowed));
}

/// Every role × own/other office × each user action.
#[tokio::test]
async fn user_policy_matrix() {
    let w = World::new().await;
    let sys = Actor::system();
    let target_own =
        users::create(w.conn(), &sys, &w.user_form("target.own", Role::Pk, Office::Own), NOW).await.unwrap();
    let target_other =
        users::create(w.conn(), &sys, &w.user_form("target.other", Role::Pk, Office::Other), NOW)
            .await
            .unwrap();
    for role in Role::ALL {
        let actor = w.actor(role, Office::Own).await;
        for (target, office) in [(&target_own, Office::Own), (&target_other, Office::Other)] {
            let own = office == Office::Own;
            let may_read = match role {
                Role::Admin => true,
                Role::Kanwil | Role::Kabapas => own,
                _ => false,
            };
            let may_manage = match role {
                Role::Admin => true,
                Role::Kabapas => own,
                _ => false,
            };
            let read = users::get(w.conn(), &actor, target.id).await;
            assert_eq!(read.is_ok(), may_read, "{role:?} reading {office:?} user");
            if !may_read {
                assert!(matches!(read, Err(ServiceError::Domain(ErrorKind::NotFound))));
            }
            let mut form = w.user_form(&target.username, Role::Pk, office);
            form.full_name = format!("Diubah oleh {}", role.as_str());
            let edit = users::update(w.conn(), &actor, target.id, &form, NOW).await;
            assert_eq!(edit.is_ok(), may_manage, "{role:?} editing {office:?} user: {edit:?}");
            let reset = users::reset_password(w.conn(), &actor, target.id, "sandi-baru-panjang", NOW).await;
            assert_eq!(reset.is_ok(), may_manage, "{role:?} resetting {office:?} user");
            let disable = users::set_active(w.conn(), &actor, target.id, true, NOW).await;
            assert_eq!(disable.is_ok(), may_manage, "{role:?} (de)activating {office:?} user");
            let listed = users::list(
                w.conn(),
                &actor,
                &ListQuery { q: target.username.clone(), ..Default::default() },
            )
            .await
            .unwrap();
            assert_eq!(listed.total == 1, may_read, "{role:?} listing {office:?} user");
        }
        let create = users::create(
            w.conn(),
            &actor,
            &w.user_form(&format!("new.{}", role.as_str()), Role::Pk, Office::Own),
            NOW,
        )
        .await;
        assert_eq!(create.is_ok(), matches!(role, Role::Admin | Role::Kabapas), "{role:?} creating a user");
    }
}

#[tokio::test]
async fn deactivation_and_reset_end_sessions_and_block_login() {
    let w = World::new().await;
    let sys = Actor::system();
    let pk = users::create(w.conn(), &sys, &w.user_form("pk.x", Role::Pk, Office::Own), NOW).await.unwrap();
    users::set_active(w.conn(), &sys, pk.id, false, NOW).await.unwrap();
    let err = auth::login(w.conn(), "pk.x", PASSWORD, None, NOW).await.unwrap_err();
    assert!(matches!(err, ServiceError::Domain(ErrorKind::BadCredentials)));
    users::set_active(w.conn(), &sys, pk.id, true, NOW).await.unwrap();
    users::reset_password(w.conn(), &sys, pk.id, "sandi-baru-sekali", NOW).await.unwrap();
    assert!(auth::login(w.conn(), "pk.x", PASSWORD, None, NOW).await.is_err());
    assert!(auth::login(w.conn(), "pk.x", "sandi-baru-sekali", None, NOW).await.is_ok());
}

#[tokio::test]
async fn nobody_deactivates_or_demotes_themselves() {
    let w = World::new().await;
    let admin = w.actor(Role::Admin, Office::Own).await;
    let err = users::set_active(w.conn(), &admin, admin.public_id, false, NOW).await.unwrap_err();
    assert_eq!(problem(err, "active"), Some(Problem::NotAllowed));
    let form = w.user_form(&admin.username, Role::Pk, Office::Own);
    let err = users::update(w.conn(), &admin, admin.public_id, &form, NOW).await.unwrap_err();
    assert_eq!(problem(err, "role"), Some(Problem::NotAllowed));
}

#[tokio::test]
async fn own_password_change_checks_the_current_one_and_ends_other_sessions() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let store = DbSessionStore::new(w.conn().clone(), Clock::Fixed(NOW));
    let mut other =
        Record { id: Id::default(), data: Default::default(), expiry_date: NOW + Duration::hours(1) };
    other
        .data
        .insert(AUTH_KEY.into(), serde_json::json!({"user_id": pk.user_id.map(|u| u.get()), "login_at": 0}));
    store.create(&mut other).await.unwrap();
    let wrong = PasswordChange {
        current: "salah-sekali".into(),
        new: "sandi-baru-123".into(),
        confirm: "sandi-baru-123".into(),
    };
    let err = users::change_own_password(w.conn(), &pk, &wrong, None, NOW).await.unwrap_err();
    assert_eq!(problem(err, "current"), Some(Problem::WrongPassword));
    assert!(store.load(&other.id).await.unwrap().is_some(), "a refused change ends nothing");
    let right = PasswordChange { current: PASSWORD.into(), ..wrong };
    users::change_own_password(w.conn(), &pk, &right, None, NOW).await.unwrap();
    assert!(store.load(&other.id).await.unwrap().is_none(), "the phone left signed in is signed out");
    assert!(auth::login(w.conn(), &pk.username, "sandi-baru-123", None, NOW).await.is_ok());
    let profile = users::profile(w.conn(), &pk).await.unwrap();
    assert_eq!(profile.username, pk.username);
}

#[tokio::test]
async fn own_password_change_is_rate_limited_like_login() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let guess = |n: usize| PasswordChange {
        current: format!("tebakan-ke-{n}"),
        new: "sandi-baru-123".into(),
        confirm: "sandi-baru-123".into(),
    };
    for n in 0..5 {
        let err = users::change_own_password(w.conn(), &pk, &guess(n), None, NOW).await.unwrap_err();
        assert_eq!(problem(err, "current"), Some(Problem::WrongPassword));
    }
    let right = PasswordChange { current: PASSWORD.into(), ..guess(5) };
    let err = users::change_own_password(w.conn(), &pk, &right, None, NOW).await.unwrap_err();
    assert!(matches!(err, ServiceError::Domain(ErrorKind::RateLimited { .. })), "{err:?}");
}
