//! Clients' small businesses (UMKM) through the service on the test database (SQLite or
//! PostgreSQL): added, supported by a partner of the office, moved on with every step kept;
//! who may read and keep them.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::client::ClientForm;
use pamong_domain::partners::PartnerForm;
use pamong_domain::reintegration::umkm::{
    BusinessForm, BusinessStatus, StatusForm, SupportForm, SupportKind,
};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::clients::registry;
use pamong_service::reintegration::umkm;
use pamong_service::{ServiceError, partners};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

const TODAY: Date = date!(2026 - 11 - 24);
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);

fn field(err: ServiceError, name: &str) -> Option<Problem> {
    match err {
        ServiceError::Domain(ErrorKind::Invalid(e)) => e.get(name),
        _ => None,
    }
}

#[tokio::test]
async fn a_business_is_added_supported_and_moved_on() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let partner =
        PartnerForm { name: "Dinas Koperasi dan UKM".into(), kind: "lainnya".into(), ..Default::default() };
    let partner = partners::save(world.conn(), &kabapas, None, &partner, NOW).await.unwrap();
    let other_office = world.actor(Role::Kabapas, Office::Other).await;
    let foreign = PartnerForm { name: "Dinas Lain".into(), kind: "lainnya".into(), ..Default::default() };
    let foreign = partners::save(world.conn(), &other_office, None, &foreign, NOW).await.unwrap();
    let form = ClientForm {
        full_name: "Budi Santoso".into(),
        sex: "L".into(),
        birth_date: "1985-03-01".into(),
        offence_articles: "Pasal 362 KUHP".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-10-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    let client = registry::create(world.conn(), &pk, &form, TODAY, NOW).await.unwrap().id;

    let planned = BusinessForm {
        name: "Warung Kopi Pak Budi".into(),
        kind: "warung kopi".into(),
        status: "direncanakan".into(),
        since: "2026-11-01".into(),
        ..BusinessForm::default()
    };
    let business = umkm::add(world.conn(), &pk, client, &planned, TODAY, NOW).await.unwrap();
    let capital = SupportForm {
        kind: "modal".into(),
        partner_id: partner.to_string(),
        received_on: "2026-11-10".into(),
        amount: "2.500.000".into(),
        description: "Gerobak dan mesin kopi".into(),
    };
    umkm::add_support(world.conn(), &pk, business, &capital, TODAY, NOW).await.unwrap();
    let elsewhere = SupportForm { partner_id: foreign.to_string(), ..capital.clone() };
    let err = umkm::add_support(world.conn(), &pk, business, &elsewhere, TODAY, NOW).await.unwrap_err();
    assert_eq!(field(err, "partner_id"), Some(Problem::UnknownReference), "another office's partner");

    let open = StatusForm { status: "berjalan".into(), on: "2026-11-12".into(), ..StatusForm::default() };
    umkm::change_status(world.conn(), &pk, business, &open, TODAY, NOW).await.unwrap();
    let stop = StatusForm { status: "berhenti".into(), on: "2026-11-11".into(), note: "Sepi".into() };
    let err = umkm::change_status(world.conn(), &pk, business, &stop, TODAY, NOW).await.unwrap_err();
    assert_eq!(field(err, "on"), Some(Problem::BeforeStart), "not before the last step");

    let shown = umkm::of_client(world.conn(), &pk, client).await.unwrap();
    assert!(shown.can_edit);
    let b = &shown.businesses[0];
    assert_eq!((b.status, b.since), (BusinessStatus::Berjalan, date!(2026 - 11 - 12)));
    assert_eq!(
        b.history.iter().map(|h| h.status).collect::<Vec<_>>(),
        [BusinessStatus::Direncanakan, BusinessStatus::Berjalan]
    );
    assert_eq!(b.supports[0].kind, SupportKind::Modal);
    assert_eq!(b.supports[0].partner.as_deref(), Some("Dinas Koperasi dan UKM"));
    assert_eq!(b.total(), 2_500_000);
    let audits = common::audit_rows(world.conn(), &business.to_string()).await;
    assert_eq!(audits.len(), 3, "added, supported, moved");

    for (who, reads, keeps) in [
        (world.actor(Role::Kabapas, Office::Own).await, true, true),
        (world.actor_named("pk.rekan", Role::Pk, Office::Own).await, true, false),
        (world.actor(Role::Kanwil, Office::Own).await, true, false),
        (world.actor(Role::Koordinator, Office::Own).await, false, false),
        (world.actor(Role::Mitra, Office::Own).await, false, false),
        (world.actor(Role::Pk, Office::Other).await, false, false),
    ] {
        let read = umkm::of_client(world.conn(), &who, client).await;
        assert_eq!(read.is_ok(), reads, "{} reads", who.username);
        let added = umkm::add(world.conn(), &who, client, &planned, TODAY, NOW).await;
        assert_eq!(added.is_ok(), keeps, "{} keeps", who.username);
    }
}
