//! Offices: the admin's changes, validation, audit, and who may see or change what.

mod common;

use common::{Office, World, audit_rows, bapas_form};
use pamong_domain::office::{KanwilForm, Zone};
use pamong_domain::page::ListQuery;
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::{Actor, ServiceError, offices};
use time::OffsetDateTime;

/// The instant the tests act at.
const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

fn field_problem(err: ServiceError, field: &str) -> Option<Problem> {
    match err {
        ServiceError::Domain(ErrorKind::Invalid(e)) => e.get(field),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn admin_creates_edits_and_deactivates_a_bapas_with_audit() {
    let w = World::new().await;
    let admin = w.actor(Role::Admin, Office::Own).await;
    let mut form = bapas_form(&w.kanwil[0], "JAKBAR");
    form.coverage = "31.73 Kota Administrasi Jakarta Barat".into();
    let created = offices::create_bapas(w.conn(), &admin, &form, NOW).await.unwrap();
    assert_eq!(created.zone, Zone::Wita);
    assert_eq!(created.coverage.len(), 1);

    form.name = "Bapas Kelas I Jakarta Barat".into();
    form.kanwil_id = w.kanwil[1].id.to_string();
    let edited = offices::update_bapas(w.conn(), &admin, created.id, &form, NOW).await.unwrap();
    assert_eq!(edited.kanwil.id, w.kanwil[1].id);

    let off = offices::set_bapas_active(w.conn(), &admin, created.id, false, NOW).await.unwrap();
    assert!(!off.active);
    let listed = offices::list_bapas(w.conn(), &admin, &ListQuery::default()).await.unwrap();
    assert!(listed.items.iter().all(|b| b.id != created.id), "inactive Bapas hidden by default");

    let rows = audit_rows(w.conn(), &created.id.to_string()).await;
    let actions: Vec<_> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["create", "update", "deactivate"]);
    assert!(rows.iter().all(|r| r.actor_username == admin.username));
    assert!(rows[1].changes.contains("Kanwil B"), "{}", rows[1].changes);
}

#[tokio::test]
async fn duplicate_codes_become_field_errors() {
    let w = World::new().await;
    let sys = Actor::system();
    let err = offices::create_bapas(w.conn(), &sys, &bapas_form(&w.kanwil[0], "bpa"), NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "code"), Some(Problem::Taken));
    let dup = KanwilForm { province_code: "31".into(), name: "Lagi".into() };
    let err = offices::create_kanwil(w.conn(), &sys, &dup, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "province_code"), Some(Problem::Taken));
}

#[tokio::test]
async fn kanwil_with_active_bapas_cannot_be_deactivated() {
    let w = World::new().await;
    let err =
        offices::set_kanwil_active(w.conn(), &Actor::system(), w.kanwil[0].id, false, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "active"), Some(Problem::InUse));
}

#[tokio::test]
async fn search_is_case_insensitive_and_literal() {
    let w = World::new().await;
    let sys = Actor::system();
    let q = |q: &str| ListQuery { q: q.into(), ..Default::default() };
    assert_eq!(offices::list_bapas(w.conn(), &sys, &q("bpa")).await.unwrap().total, 1);
    assert_eq!(offices::list_bapas(w.conn(), &sys, &q("BAPAS")).await.unwrap().total, 2);
    assert_eq!(offices::list_bapas(w.conn(), &sys, &q("%")).await.unwrap().total, 0);
    let page = offices::list_bapas(w.conn(), &sys, &ListQuery { per_page: 1, page: 2, ..Default::default() })
        .await
        .unwrap();
    assert_eq!((page.items.len(), page.total, page.page), (1, 2, 2));
}

/// Every role × own/other office × each office action.
#[tokio::test]
async fn office_policy_matrix() {
    let w = World::new().await;
    for role in Role::ALL {
        let actor = w.actor(role, Office::Own).await;
        let own = w.bapas[0].id;
        let other = w.bapas[1].id;
        let sees_own = offices::get_bapas(w.conn(), &actor, own).await.is_ok();
        let sees_other = offices::get_bapas(w.conn(), &actor, other).await.is_ok();
        let listed = offices::list_bapas(w.conn(), &actor, &ListQuery::default()).await.unwrap().total;
        let (exp_own, exp_other, exp_listed) = match role {
            // The admin and headquarters read the whole country.
            Role::Admin | Role::Pusat => (true, true, 2),
            _ => (true, false, 1),
        };
        assert_eq!(
            (sees_own, sees_other, listed),
            (exp_own, exp_other, exp_listed),
            "{role:?} reading Bapas"
        );

        let sees_own_kanwil = offices::get_kanwil(w.conn(), &actor, w.kanwil[0].id).await.is_ok();
        let sees_other_kanwil = offices::get_kanwil(w.conn(), &actor, w.kanwil[1].id).await.is_ok();
        assert_eq!(
            (sees_own_kanwil, sees_other_kanwil),
            (true, matches!(role, Role::Admin | Role::Pusat)),
            "{role:?} reading Kanwil"
        );

        for (target, office) in [(own, "own"), (other, "other")] {
            let form = bapas_form(&w.kanwil[0], "NEWCODE");
            let same =
                if target == own { bapas_form(&w.kanwil[0], "BPA") } else { bapas_form(&w.kanwil[1], "BPB") };
            let edit = offices::update_bapas(w.conn(), &actor, target, &same, NOW).await;
            let deactivate = offices::set_bapas_active(w.conn(), &actor, target, true, NOW).await;
            let create = offices::create_bapas(w.conn(), &actor, &form, NOW).await;
            let allowed = role == Role::Admin;
            assert_eq!(edit.is_ok(), allowed, "{role:?} editing {office} Bapas");
            assert_eq!(deactivate.is_ok(), allowed, "{role:?} (de)activating {office} Bapas");
            if !allowed {
                assert!(
                    matches!(edit, Err(ServiceError::Domain(ErrorKind::NotFound))),
                    "denied as not found"
                );
                assert!(matches!(create, Err(ServiceError::Domain(ErrorKind::NotFound))));
            } else if let Ok(created) = create {
                offices::set_bapas_active(w.conn(), &actor, created.id, false, NOW).await.unwrap();
            }
        }
        let kanwil_create = offices::create_kanwil(
            w.conn(),
            &actor,
            &KanwilForm { province_code: "99".into(), name: "X".into() },
            NOW,
        )
        .await;
        assert_eq!(kanwil_create.is_ok(), role == Role::Admin, "{role:?} creating Kanwil");
        if let Ok(k) = kanwil_create {
            offices::set_kanwil_active(w.conn(), &actor, k.id, false, NOW).await.unwrap();
        }
    }
}

#[tokio::test]
async fn kanwil_user_sees_the_bapas_of_their_region_only() {
    let w = World::new().await;
    let kanwil = w.actor(Role::Kanwil, Office::Own).await;
    let sys = Actor::system();
    let extra = offices::create_bapas(w.conn(), &sys, &bapas_form(&w.kanwil[0], "BPA2"), NOW).await.unwrap();
    let listed = offices::list_bapas(w.conn(), &kanwil, &ListQuery::default()).await.unwrap();
    let mut ids: Vec<_> = listed.items.iter().map(|b| b.id).collect();
    ids.sort();
    let mut expected = vec![w.bapas[0].id, extra.id];
    expected.sort();
    assert_eq!(ids, expected);
    let options = offices::options(w.conn(), &kanwil).await.unwrap();
    assert_eq!(options.kanwil.len(), 1);
}
