//! Klien Bapas Peduli through the service on the test database (SQLite or PostgreSQL): an
//! office records its activities and each officer adds their own clients; names stay in the
//! office; the Kanwil and the admin read participation per office and month and see who has
//! reported nothing this month.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::calendar::CalendarMonth;
use pamong_domain::client::ClientForm;
use pamong_domain::partners::PartnerForm;
use pamong_domain::reintegration::peduli::{ActivityForm, MonthCount, ParticipantsForm};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::clients::registry;
use pamong_service::reintegration::peduli;
use pamong_service::{Actor, ServiceError, partners};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);

async fn client(world: &World, pk: &Actor, name: &str) -> Uuid {
    let form = ClientForm {
        full_name: name.into(),
        sex: "L".into(),
        birth_date: "1988-04-04".into(),
        offence_articles: "Pasal 362 KUHP".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-09-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    registry::create(world.conn(), pk, &form, TODAY, NOW).await.unwrap().id
}

fn field(err: ServiceError, name: &str) -> Option<Problem> {
    match err {
        ServiceError::Domain(ErrorKind::Invalid(e)) => e.get(name),
        _ => None,
    }
}

#[tokio::test]
async fn an_office_records_its_activities_and_names_stay_in_the_office() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let colleague = world.actor_named("pk.rekan", Role::Pk, Office::Own).await;
    let partner =
        PartnerForm { name: "Dinas Lingkungan Hidup".into(), kind: "lainnya".into(), ..Default::default() };
    let partner = partners::save(world.conn(), &kabapas, None, &partner, NOW).await.unwrap();
    let mine = client(&world, &pk, "Budi Santoso").await;
    let theirs = client(&world, &colleague, "Joko Widodo").await;

    let form = ActivityForm {
        held_on: "2026-11-20".into(),
        place: "Kali Angke".into(),
        kind: "bersih_bersih".into(),
        partners: vec![partner.to_string()],
        clients: vec![mine.to_string()],
        ..ActivityForm::default()
    };
    // Only one's own clients: the colleague's is refused, whole.
    let foreign = ActivityForm { clients: vec![mine.to_string(), theirs.to_string()], ..form.clone() };
    let err = peduli::record(world.conn(), &pk, &foreign, TODAY, NOW).await.unwrap_err();
    assert_eq!(field(err, "clients"), Some(Problem::UnknownReference));
    let id = peduli::record(world.conn(), &pk, &form, TODAY, NOW).await.unwrap();
    let join = ParticipantsForm { clients: vec![theirs.to_string()] };
    peduli::add_participants(world.conn(), &colleague, id, &join, NOW).await.unwrap();
    peduli::add_participants(world.conn(), &colleague, id, &join, NOW).await.unwrap();
    let kabapas_page = peduli::office(world.conn(), &kabapas, None, TODAY).await.unwrap();
    assert!(
        kabapas_page.can_record && kabapas_page.my_clients.is_empty(),
        "the Kabapas leaves names to officers"
    );
    let page = peduli::office(world.conn(), &pk, None, TODAY).await.unwrap();
    let activity = &page.activities[0];
    assert_eq!(activity.participants, 2, "once each");
    assert_eq!(activity.partners, ["Dinas Lingkungan Hidup"]);
    let names: Vec<&str> = activity.clients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Budi Santoso", "Joko Widodo"]);
    assert_eq!(page.my_clients.iter().map(|c| c.id).collect::<Vec<_>>(), [mine]);

    let office = world.bapas[0].id;
    for (who, reads, names) in [
        (world.actor(Role::Kanwil, Office::Own).await, true, false),
        (world.actor(Role::Admin, Office::Own).await, true, false),
        (world.actor(Role::Koordinator, Office::Own).await, false, false),
        (world.actor(Role::Mitra, Office::Own).await, false, false),
        (world.actor(Role::Kanwil, Office::Other).await, false, false),
        (world.actor(Role::Kabapas, Office::Other).await, false, false),
        (world.actor(Role::Pk, Office::Other).await, false, false),
    ] {
        let seen = peduli::office(world.conn(), &who, Some(office), TODAY).await;
        assert_eq!(seen.is_ok(), reads, "{} reads", who.username);
        if let Ok(seen) = seen {
            assert_eq!(seen.activities[0].participants, 2, "{} counts", who.username);
            assert_eq!(!seen.activities[0].clients.is_empty(), names, "{} names", who.username);
            assert!(!seen.can_record);
        }
        let bare = ActivityForm { clients: Vec::new(), partners: Vec::new(), ..form.clone() };
        let recorded = peduli::record(world.conn(), &who, &bare, TODAY, NOW).await;
        assert_eq!(
            recorded.is_ok(),
            who.role == Role::Pk || who.role == Role::Kabapas,
            "{} records",
            who.username
        );
    }
    let tomorrow = ActivityForm { held_on: "2026-11-25".into(), ..form };
    let err = peduli::record(world.conn(), &pk, &tomorrow, TODAY, NOW).await.unwrap_err();
    assert_eq!(field(err, "held_on"), Some(Problem::FutureDate));
}

#[tokio::test]
async fn the_kanwil_and_the_admin_see_participation_per_month_and_who_is_silent() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let a = client(&world, &pk, "Agus Salim").await;
    let b = client(&world, &pk, "Bayu Aji").await;
    let held = |on: &str, clients: &[Uuid]| ActivityForm {
        held_on: on.into(),
        place: "Balai warga".into(),
        kind: "bantuan".into(),
        clients: clients.iter().map(Uuid::to_string).collect(),
        ..ActivityForm::default()
    };
    for form in [held("2026-10-31", &[a, b]), held("2026-11-01", &[a]), held("2026-11-24", &[a, b])] {
        peduli::record(world.conn(), &pk, &form, TODAY, NOW).await.unwrap();
    }
    let kanwil = world.actor(Role::Kanwil, Office::Own).await;
    let overview = peduli::overview(world.conn(), &kanwil, TODAY).await.unwrap();
    assert_eq!(overview.months.last(), Some(&CalendarMonth { year: 2026, month: 11 }));
    assert_eq!(overview.offices.len(), 1, "its region only");
    let row = &overview.offices[0];
    assert_eq!(row.months[4], MonthCount { activities: 1, clients: 2 }, "October");
    assert_eq!(row.months[5], MonthCount { activities: 2, clients: 2 }, "November, each client once");
    assert_eq!(overview.silent(), 0);

    let admin = world.actor(Role::Admin, Office::Own).await;
    let all = peduli::overview(world.conn(), &admin, TODAY).await.unwrap();
    assert_eq!(all.offices.len(), 2);
    assert_eq!(all.silent(), 1);
    assert_eq!(all.offices[0].bapas.id, world.bapas[1].id, "the silent office first");
    for who in
        [pk, world.actor(Role::Koordinator, Office::Own).await, world.actor(Role::Mitra, Office::Own).await]
    {
        assert!(
            peduli::overview(world.conn(), &who, TODAY).await.is_err(),
            "{} has no figures",
            who.username
        );
    }
}
