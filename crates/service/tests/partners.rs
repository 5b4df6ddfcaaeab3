//! Partner institutions and cooperation agreements through the service on the test database
//! (SQLite or PostgreSQL): the directory with contacts and services, agreements with their
//! status and reminders, renewal history, and who may read and keep them.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::agreements::{AgreementForm, AgreementStatus, Reminder, TerminationForm};
use pamong_domain::partners::{ContactForm, PartnerFilter, PartnerForm};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::partners::{self, agreements};
use pamong_service::settings::{self, ChoiceList};
use pamong_service::{Actor, ServiceError};
use time::OffsetDateTime;
use time::macros::{date, datetime};
use time::{Date, Duration};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
/// The instant the tests act at: 10:00 on [`TODAY`] at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);

fn dinsos() -> PartnerForm {
    PartnerForm {
        name: "Dinas Sosial Kota".into(),
        kind: "dinsos".into(),
        area: "Kecamatan Tamansari".into(),
        services: vec!["bpjs".into(), "psikososial".into()],
        contacts: vec![ContactForm {
            name: "Rudi Hartono".into(),
            position: "Kabid Rehsos".into(),
            phone: "081234567890".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn pks(number: &str, end: Date) -> AgreementForm {
    AgreementForm {
        number: number.into(),
        title: "Layanan jaminan kesehatan bagi klien pemasyarakatan".into(),
        services: vec!["bpjs".into()],
        signed_on: "2025-12-01".into(),
        start_on: "2026-01-01".into(),
        end_on: end.to_string(),
        ..Default::default()
    }
}

fn field_problem(err: ServiceError, field: &str) -> Option<Problem> {
    match err {
        ServiceError::Domain(ErrorKind::Invalid(errors)) => errors.get(field),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_partner_with_contacts_services_and_a_pks_that_expires() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let id = partners::save(world.conn(), &kabapas, None, &dinsos(), NOW).await.unwrap();
    let p = partners::get(world.conn(), &kabapas, id).await.unwrap();
    assert_eq!(p.kind_label, "Dinas Sosial");
    assert_eq!(p.services.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["bpjs", "psikososial"]);
    assert_eq!(p.contacts[0].position.as_deref(), Some("Kabid Rehsos"));
    assert_eq!(p.bapas.id, world.bapas[0].id);

    let found = |service: &str| PartnerFilter { service: Some(service.into()), ..Default::default() };
    assert_eq!(partners::list(world.conn(), &kabapas, &found("bpjs")).await.unwrap().total, 1);
    assert_eq!(partners::list(world.conn(), &kabapas, &found("pekerjaan")).await.unwrap().total, 0);

    let soon = TODAY + Duration::days(20);
    let pks_id =
        agreements::create(world.conn(), &kabapas, id, None, &pks("PKS/07/2026", soon), NOW).await.unwrap();
    let err = agreements::create(world.conn(), &kabapas, id, None, &pks("PKS/07/2026", soon), NOW)
        .await
        .unwrap_err();
    assert_eq!(field_problem(err, "number"), Some(Problem::Taken), "numbers are unique in an office");
    let (view, history) = agreements::get(world.conn(), &kabapas, pks_id, TODAY).await.unwrap();
    assert_eq!(view.status, AgreementStatus::Expiring);
    assert_eq!(view.days_left, 20);
    assert!(history.is_empty());
    let reminders = agreements::reminders(world.conn(), &kabapas, TODAY).await.unwrap();
    assert_eq!(reminders.len(), 1);
    assert_eq!(reminders[0].reminder, Reminder::ThirtyDays);
    let admin = world.actor(Role::Admin, Office::Own).await;
    assert_eq!(agreements::reminders(world.conn(), &admin, TODAY).await.unwrap().len(), 1, "the admin too");
    let pk = world.actor(Role::Pk, Office::Own).await;
    assert!(agreements::reminders(world.conn(), &pk, TODAY).await.unwrap().is_empty(), "not a PK's concern");

    // Renewed: the old agreement keeps its record, the reminder goes.
    let renewed = pks("PKS/31/2026", date!(2028 - 12 - 31));
    let new_id = agreements::create(world.conn(), &kabapas, id, Some(pks_id), &renewed, NOW).await.unwrap();
    let (new_view, history) = agreements::get(world.conn(), &kabapas, new_id, TODAY).await.unwrap();
    assert_eq!(new_view.previous, Some(pks_id));
    assert_eq!(history.iter().map(|h| h.id).collect::<Vec<_>>(), [pks_id]);
    assert!(agreements::reminders(world.conn(), &kabapas, TODAY).await.unwrap().is_empty());
    let (old_view, _) = agreements::get(world.conn(), &kabapas, pks_id, TODAY).await.unwrap();
    assert_eq!(old_view.renewed_by, Some(new_id));

    let end = TerminationForm { date: "2026-12-01".into(), reason: "Digantikan perjanjian baru".into() };
    agreements::terminate(world.conn(), &kabapas, pks_id, &end, NOW).await.unwrap();
    let (old_view, _) = agreements::get(world.conn(), &kabapas, pks_id, date!(2026 - 12 - 02)).await.unwrap();
    assert_eq!(old_view.status, AgreementStatus::Terminated);
    assert!(!common::audit_rows(world.conn(), &pks_id.to_string()).await.is_empty());
}

#[tokio::test]
async fn a_pokmas_lipas_with_its_domain_and_members() {
    use pamong_domain::partners::{PokmasDomain, PokmasMemberForm};
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let form = PartnerForm {
        name: "Pokmas Lipas Tamansari".into(),
        kind: "pokmas".into(),
        pokmas_domain: "kemandirian_kepribadian".into(),
        ..dinsos()
    };
    let id = partners::save(world.conn(), &kabapas, None, &form, NOW).await.unwrap();
    let member = PokmasMemberForm {
        name: "Bengkel Las Maju".into(),
        kind: "organisasi".into(),
        role: "Pelatihan las".into(),
        ..Default::default()
    };
    partners::add_pokmas_member(world.conn(), &kabapas, id, &member, NOW).await.unwrap();
    let view = partners::get(world.conn(), &kabapas, id).await.unwrap();
    assert_eq!(view.pokmas_domain, Some(PokmasDomain::KemandirianKepribadian));
    assert!(view.pokmas_members[0].organisation);
    let pk = world.actor(Role::Pk, Office::Own).await;
    assert!(
        partners::add_pokmas_member(world.conn(), &pk, id, &member, NOW).await.is_err(),
        "kept by the Kabapas"
    );
    let other = partners::save(world.conn(), &kabapas, None, &dinsos(), NOW).await.unwrap();
    assert!(
        matches!(
            partners::add_pokmas_member(world.conn(), &kabapas, other, &member, NOW).await,
            Err(ServiceError::Domain(ErrorKind::Conflict))
        ),
        "only a Pokmas has members"
    );
}

#[tokio::test]
async fn the_admin_configures_kinds_and_services() {
    let world = World::new().await;
    let admin = world.actor(Role::Admin, Office::Own).await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    settings::set_choices(
        world.conn(),
        &admin,
        ChoiceList::PartnerKinds,
        "dinsos: Dinas Sosial\nbank: Bank daerah",
        NOW,
    )
    .await
    .unwrap();
    let bank = PartnerForm {
        kind: "bank".into(),
        name: "Bank DKI".into(),
        services: vec![],
        contacts: vec![],
        ..dinsos()
    };
    partners::save(world.conn(), &kabapas, None, &bank, NOW).await.unwrap();
    let gone = PartnerForm { kind: "pesantren".into(), ..dinsos() };
    let err = partners::save(world.conn(), &kabapas, None, &gone, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "kind"), Some(Problem::BadFormat));
    assert!(
        settings::set_choices(world.conn(), &kabapas, ChoiceList::PartnerKinds, "a: A", NOW).await.is_err()
    );
}

/// What an actor could do with a partner of our office.
#[derive(Debug, PartialEq, Eq)]
struct Allowed {
    read: bool,
    listed: bool,
    edit: bool,
    add_pks: bool,
}

async fn try_everything(world: &World, actor: &Actor, partner: Uuid, n: usize) -> Allowed {
    let db = world.conn();
    let read = partners::get(db, actor, partner).await.is_ok()
        && agreements::of_partner(db, actor, partner, TODAY).await.is_ok();
    let listed = partners::list(db, actor, &PartnerFilter::default())
        .await
        .unwrap()
        .items
        .iter()
        .any(|p| p.id == partner);
    let edit = partners::save(db, actor, Some(partner), &dinsos(), NOW).await.is_ok();
    let form = pks(&format!("PKS/M/{n}"), date!(2027 - 12 - 31));
    let add_pks = agreements::create(db, actor, partner, None, &form, NOW).await.is_ok();
    Allowed { read, listed, edit, add_pks }
}

#[tokio::test]
async fn policy_matrix_for_partners_and_agreements() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let partner = partners::save(world.conn(), &kabapas, None, &dinsos(), NOW).await.unwrap();
    let reads = |read| Allowed { read, listed: read, edit: false, add_pks: false };
    let keeps = Allowed { read: true, listed: true, edit: true, add_pks: true };
    let cases: Vec<(&str, Actor, Allowed)> = vec![
        ("Kabapas", kabapas.clone(), keeps),
        (
            "Admin",
            world.actor(Role::Admin, Office::Own).await,
            Allowed { read: true, listed: true, edit: true, add_pks: true },
        ),
        ("PK", world.actor(Role::Pk, Office::Own).await, reads(true)),
        ("Koordinator", world.actor(Role::Koordinator, Office::Own).await, reads(true)),
        ("Kanwil of the region", world.actor(Role::Kanwil, Office::Own).await, reads(true)),
        ("Mitra", world.actor(Role::Mitra, Office::Own).await, reads(false)),
        ("Kabapas other office", world.actor(Role::Kabapas, Office::Other).await, reads(false)),
        ("PK other office", world.actor(Role::Pk, Office::Other).await, reads(false)),
        ("Koordinator other office", world.actor(Role::Koordinator, Office::Other).await, reads(false)),
        ("Kanwil elsewhere", world.actor(Role::Kanwil, Office::Other).await, reads(false)),
    ];
    for (n, (label, actor, expected)) in cases.into_iter().enumerate() {
        assert_eq!(try_everything(&world, &actor, partner, n).await, expected, "{label}");
    }
    // A Kabapas adds partners to their own office only; the admin must say which.
    let other = world.actor(Role::Kabapas, Office::Other).await;
    let theirs = partners::save(world.conn(), &other, None, &dinsos(), NOW).await.unwrap();
    assert_eq!(partners::get(world.conn(), &other, theirs).await.unwrap().bapas.id, world.bapas[1].id);
    let admin = world.actor(Role::Admin, Office::Own).await;
    let err = partners::save(world.conn(), &admin, None, &dinsos(), NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "bapas_id"), Some(Problem::Required));
    let pk = world.actor(Role::Pk, Office::Own).await;
    assert!(partners::save(world.conn(), &pk, None, &dinsos(), NOW).await.is_err());
}
