//! Several people acting at the same moment, on the test database (a file on SQLite, so the
//! locking is SQLite's own): concurrent saves all land, and a state change acts once.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::caseload::TransferForm;
use pamong_domain::client::ClientForm;
use pamong_domain::groups::GroupForm;
use pamong_domain::supervision::ReportForm;
use pamong_domain::{ErrorKind, Role};
use pamong_entity::{client_report, kb_client};
use pamong_service::clients::{assignment, registry};
use pamong_service::{ServiceError, groups, supervision};
use sea_orm::{EntityTrait, PaginatorTrait};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

const TODAY: Date = date!(2026 - 11 - 23);
const NOW: OffsetDateTime = datetime!(2026-11-23 02:00 UTC);

fn client(n: usize) -> ClientForm {
    ClientForm {
        full_name: format!("Klien Serentak {}", char::from(b'A' + u8::try_from(n).unwrap())),
        sex: "L".into(),
        birth_date: "1985-03-12".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-10-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    }
}

fn report() -> ReportForm {
    ReportForm {
        kind: "kantor".into(),
        date: "2026-11-23".into(),
        time: "09:30".into(),
        attended: "ya".into(),
        notes: "Hadir tepat waktu".into(),
        ..ReportForm::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_reports_saved_at_once_all_land() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let mut ids = Vec::new();
    for n in 0..20 {
        ids.push(registry::create(w.conn(), &pk, &client(n), TODAY, NOW).await.unwrap().id);
    }
    let saves = ids.into_iter().map(|id| {
        let (db, pk) = (w.conn().clone(), pk.clone());
        tokio::spawn(
            async move { supervision::record_report(&db, &pk, id, &report(), None, TODAY, NOW).await },
        )
    });
    let mut failed = Vec::new();
    for save in saves.collect::<Vec<_>>() {
        failed.extend(save.await.unwrap().err());
    }
    assert!(failed.is_empty(), "every save lands: {failed:?}");
    assert_eq!(client_report::Entity::find().count(w.conn()).await.unwrap(), 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_transfer_accepted_twice_at_once_is_accepted_once() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let kabapas = w.actor(Role::Kabapas, Office::Other).await;
    let c = registry::create(w.conn(), &pk, &client(0), TODAY, NOW).await.unwrap();
    let ask =
        TransferForm { to_bapas: w.bapas[1].id.to_string(), reason: "Pindah domisili ke Jember".into() };
    assignment::request_transfer(w.conn(), &pk, c.id, &ask, NOW).await.unwrap();
    let transfer = assignment::incoming(w.conn(), &kabapas).await.unwrap()[0].id;
    let taps = (0..2).map(|_| {
        let (db, kabapas) = (w.conn().clone(), kabapas.clone());
        tokio::spawn(async move { assignment::decide_transfer(&db, &kabapas, transfer, true, "", NOW).await })
    });
    let mut results = Vec::new();
    for tap in taps.collect::<Vec<_>>() {
        results.push(tap.await.unwrap());
    }
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    assert!(
        results.iter().any(|r| matches!(r, Err(ServiceError::Domain(ErrorKind::Conflict)))),
        "the other tap is told someone acted first: {results:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_client_put_under_a_group_twice_at_once_is_watched_once() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let kabapas = w.actor(Role::Kabapas, Office::Own).await;
    let coordinator = w.actor(Role::Koordinator, Office::Own).await;
    let form = GroupForm {
        name: "Kelayan Binter Serentak".into(),
        areas: "Tamansari".into(),
        coordinator_id: coordinator.public_id.to_string(),
    };
    let group = groups::create(w.conn(), &kabapas, &form, NOW).await.unwrap();
    let c = registry::create(w.conn(), &pk, &client(0), TODAY, NOW).await.unwrap();
    let taps = (0..4).map(|_| {
        let (db, pk) = (w.conn().clone(), pk.clone());
        tokio::spawn(
            async move { groups::watch_client(&db, &pk, group, c.id, "Risiko tinggi", TODAY, NOW).await },
        )
    });
    let mut results = Vec::new();
    for tap in taps.collect::<Vec<_>>() {
        results.push(tap.await.unwrap());
    }
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    assert!(
        results.iter().all(|r| r.is_ok() || matches!(r, Err(ServiceError::Domain(ErrorKind::Invalid(_))))),
        "the others are told the client is already watched: {results:?}"
    );
    assert_eq!(kb_client::Entity::find().count(w.conn()).await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_report_sent_again_with_its_key_is_recorded_once() {
    use pamong_domain::request_key::RequestKey;
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let id = registry::create(w.conn(), &pk, &client(0), TODAY, NOW).await.unwrap().id;
    let key = RequestKey::parse("0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b").unwrap();
    // An outbox replay racing a retry of the same send, then a third send later.
    let sends = (0..3).map(|_| {
        let (db, pk, key) = (w.conn().clone(), pk.clone(), key.clone());
        tokio::spawn(async move {
            supervision::record_report(&db, &pk, id, &report(), Some(&key), TODAY, NOW).await
        })
    });
    for send in sends.collect::<Vec<_>>() {
        send.await.unwrap().unwrap();
    }
    supervision::record_report(w.conn(), &pk, id, &report(), Some(&key), TODAY, NOW).await.unwrap();
    assert_eq!(client_report::Entity::find().count(w.conn()).await.unwrap(), 1, "once per key");

    let other = RequestKey::parse("0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5c").unwrap();
    supervision::record_report(w.conn(), &pk, id, &report(), Some(&other), TODAY, NOW).await.unwrap();
    supervision::record_report(w.conn(), &pk, id, &report(), None, TODAY, NOW).await.unwrap();
    assert_eq!(
        client_report::Entity::find().count(w.conn()).await.unwrap(),
        3,
        "another key, or none, is a new report"
    );
}

#[tokio::test]
async fn an_edit_of_a_client_changed_meanwhile_is_refused_as_a_conflict() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let made = registry::create(w.conn(), &pk, &client(0), TODAY, NOW).await.unwrap();
    let seen = pamong_service::clients::get(w.conn(), &pk, made.id, TODAY, NOW).await.unwrap().version;
    let mut theirs = client(0);
    theirs.pk_id = pk.public_id.to_string();
    theirs.phone = "081234567890".into();
    let later = NOW + time::Duration::minutes(5);
    registry::update(w.conn(), &pk, made.id, &theirs, Some(&seen), TODAY, later).await.unwrap();

    let mut mine = client(0);
    mine.pk_id = pk.public_id.to_string();
    mine.address = "Jl. Kenanga 3".into();
    let refused = registry::update(
        w.conn(),
        &pk,
        made.id,
        &mine,
        Some(&seen),
        TODAY,
        later + time::Duration::minutes(1),
    )
    .await;
    assert!(matches!(refused, Err(ServiceError::Domain(ErrorKind::Conflict))), "{refused:?}");
    let current = pamong_service::clients::get(w.conn(), &pk, made.id, TODAY, NOW).await.unwrap();
    assert_eq!(current.form.phone, "081234567890", "their change stands");
    assert_ne!(current.version, seen);
    registry::update(
        w.conn(),
        &pk,
        made.id,
        &mine,
        Some(&current.version),
        TODAY,
        later + time::Duration::minutes(2),
    )
    .await
    .unwrap();
}
