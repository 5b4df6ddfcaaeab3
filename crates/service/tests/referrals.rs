//! Referrals through the service on the test database (SQLite or PostgreSQL): a PK refers a
//! client to a partner's service; the partner's own user accepts and completes it; the PK
//! sees it on Today; who may send, see and answer.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::client::ClientForm;
use pamong_domain::partners::PartnerForm;
use pamong_domain::referrals::{ReferralForm, ReferralStatus};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::clients::registry;
use pamong_service::{ServiceError, partners, referrals};
use time::Date;
use time::OffsetDateTime;
use time::macros::{date, datetime};

const TODAY: Date = date!(2026 - 11 - 24);
/// The instant the tests act at: 10:00 on [`TODAY`] at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);

#[tokio::test]
async fn a_referral_goes_round_the_loop() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let partner_form = PartnerForm {
        name: "Dinas Sosial Kota".into(),
        kind: "dinsos".into(),
        services: vec!["bpjs".into()],
        ..Default::default()
    };
    let partner = partners::save(world.conn(), &kabapas, None, &partner_form, NOW).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await;
    let outsider = world.actor_named("mitra.lain", Role::Mitra, Office::Own).await;
    assert_eq!(partners::mitra_users(world.conn(), &kabapas, partner).await.unwrap().len(), 2);
    partners::link_user(world.conn(), &kabapas, partner, mitra.public_id, true, NOW).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await; // logs in again, now linked

    let pk = world.actor(Role::Pk, Office::Own).await;
    let client = ClientForm {
        full_name: "Joko Susilo".into(),
        sex: "L".into(),
        birth_date: "1980-01-01".into(),
        offence_articles: "Pasal 365 KUHP".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-10-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    let joko = registry::create(world.conn(), &pk, &client, TODAY, NOW).await.unwrap();
    let targets = referrals::targets(world.conn(), &pk, joko.id).await.unwrap();
    assert_eq!(targets[0].1[0].code, "bpjs");
    let form = ReferralForm {
        partner_id: partner.to_string(),
        service: "bpjs".into(),
        reason: "Belum punya jaminan kesehatan".into(),
        consent: true,
        due_on: "2026-12-10".into(),
    };
    let err = referrals::create(
        world.conn(),
        &pk,
        joko.id,
        &ReferralForm { service: "pekerjaan".into(), ..form.clone() },
        TODAY,
        NOW,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, ServiceError::Domain(ErrorKind::Invalid(ref e)) if e.get("service") == Some(Problem::NotAllowed))
    );
    let id = referrals::create(world.conn(), &pk, joko.id, &form, TODAY, NOW).await.unwrap();
    let colleague = world.actor_named("pk.colleague", Role::Pk, Office::Own).await;
    assert!(
        referrals::create(world.conn(), &colleague, joko.id, &form, TODAY, NOW).await.is_err(),
        "not their client"
    );

    let inbox = referrals::inbox(world.conn(), &mitra).await.unwrap();
    assert_eq!(inbox.len(), 1);
    assert!(inbox[0].can_respond);
    assert_eq!(inbox[0].client.name, "Joko Susilo");
    assert!(
        !format!("{inbox:?}").contains("Pasal 365"),
        "the partner sees no offence (not \"365\": ids are random hex)"
    );
    assert!(
        referrals::inbox(world.conn(), &outsider).await.unwrap().is_empty(),
        "an unlinked user sees nothing"
    );
    assert!(
        referrals::respond(world.conn(), &outsider, id, ReferralStatus::Diterima, "", NOW).await.is_err()
    );
    assert!(
        referrals::respond(world.conn(), &pk, id, ReferralStatus::Diterima, "", NOW).await.is_err(),
        "only the partner answers"
    );
    assert!(
        matches!(
            referrals::respond(world.conn(), &mitra, id, ReferralStatus::Selesai, "Sudah", NOW).await,
            Err(ServiceError::Domain(ErrorKind::Conflict))
        ),
        "accept first"
    );
    referrals::respond(world.conn(), &mitra, id, ReferralStatus::Diterima, "", NOW).await.unwrap();
    let today = referrals::recent_for_pk(world.conn(), &pk, TODAY, NOW).await.unwrap();
    assert_eq!(today[0].status, ReferralStatus::Diterima, "the PK sees the answer on Today");
    let err =
        referrals::respond(world.conn(), &mitra, id, ReferralStatus::Selesai, " ", NOW).await.unwrap_err();
    assert!(
        matches!(err, ServiceError::Domain(ErrorKind::Invalid(ref e)) if e.get("outcome") == Some(Problem::Required))
    );
    referrals::respond(world.conn(), &mitra, id, ReferralStatus::Selesai, "Kartu BPJS PBI terbit", NOW)
        .await
        .unwrap();
    let history = referrals::of_client(world.conn(), &pk, joko.id).await.unwrap();
    assert_eq!(history[0].status, ReferralStatus::Selesai);
    assert_eq!(history[0].outcome.as_deref(), Some("Kartu BPJS PBI terbit"));
    assert!(!common::audit_rows(world.conn(), &id.to_string()).await.is_empty());
}

/// Today shows the referrals a partner answered in the last week and those sent and past
/// their due day, and nothing else the PK ever sent.
#[tokio::test]
async fn today_shows_referrals_answered_this_week_or_late() {
    let world = World::new().await;
    let (partner, mitra) = common::linked_partner(&world, "Dinas Sosial Kota", "dinsos", "bpjs", NOW).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let days = |n: i64| time::Duration::days(n);
    let mut sent = Vec::new();
    for (name, due_on) in [
        ("Answered Long Ago", "2026-12-10"),
        ("Answered Lately", "2026-12-10"),
        ("Not Yet Due", "2026-11-30"),
        ("Past Due", "2026-11-20"),
    ] {
        let client = ClientForm {
            full_name: name.into(),
            sex: "L".into(),
            birth_date: "1980-01-01".into(),
            legal_basis: "pb".into(),
            supervision_start: "2026-10-01".into(),
            remaining_months: "10".into(),
            ..ClientForm::default()
        };
        let client =
            registry::create(world.conn(), &pk, &client, TODAY - days(20), NOW - days(20)).await.unwrap();
        let form = ReferralForm {
            partner_id: partner.to_string(),
            service: "bpjs".into(),
            reason: "Belum punya jaminan kesehatan".into(),
            consent: true,
            due_on: due_on.into(),
        };
        sent.push(
            referrals::create(world.conn(), &pk, client.id, &form, TODAY - days(14), NOW - days(14))
                .await
                .unwrap(),
        );
    }
    referrals::respond(world.conn(), &mitra, sent[0], ReferralStatus::Diterima, "", NOW - days(8))
        .await
        .unwrap();
    referrals::respond(world.conn(), &mitra, sent[1], ReferralStatus::Diterima, "", NOW - days(6))
        .await
        .unwrap();

    let shown = referrals::recent_for_pk(world.conn(), &pk, TODAY, NOW).await.unwrap();
    let names: Vec<&str> = shown.iter().map(|r| r.client.name.as_str()).collect();
    assert_eq!(names, ["Answered Lately", "Past Due"], "the latest change first");
}
