//! Kelayan Binter groups through the service on the test database (SQLite or PostgreSQL):
//! forming a group, members, a meeting with attendance and action items, overdue items, the
//! clients under the group's attention (minimal data, children as initials), and the policy.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::abh::case::AbhCaseForm;
use pamong_domain::client::ClientForm;
use pamong_domain::groups::{ActionForm, GroupForm, MeetingForm, MemberForm};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::abh::register;
use pamong_service::clients::registry;
use pamong_service::{Actor, ServiceError, groups};
use time::Date;
use time::OffsetDateTime;
use time::macros::{date, datetime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
/// The instant the tests act at: 10:00 on [`TODAY`] at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);

fn member(name: &str, role: &str) -> MemberForm {
    MemberForm {
        name: name.into(),
        institution: "Kecamatan Tamansari".into(),
        role: role.into(),
        joined_on: "2026-01-10".into(),
        ..Default::default()
    }
}

async fn group(world: &World, coordinator: &Actor) -> Uuid {
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let form = GroupForm {
        name: "Kelayan Binter Tamansari".into(),
        areas: "Tamansari".into(),
        coordinator_id: coordinator.public_id.to_string(),
    };
    groups::create(world.conn(), &kabapas, &form, NOW).await.unwrap()
}

#[tokio::test]
async fn a_meeting_with_attendance_and_action_items() {
    let world = World::new().await;
    let coordinator = world.actor(Role::Koordinator, Office::Own).await;
    let g = group(&world, &coordinator).await;
    groups::add_member(world.conn(), &coordinator, g, &member("Camat Tamansari", "ketua"), TODAY, NOW)
        .await
        .unwrap();
    groups::add_member(world.conn(), &coordinator, g, &member("Kapolsek Tamansari", "anggota"), TODAY, NOW)
        .await
        .unwrap();
    let view = groups::get(world.conn(), &coordinator, g, TODAY).await.unwrap();
    let camat = view.members[0].id;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let meeting = MeetingForm {
        held_on: "2026-11-20".into(),
        place: "Kantor Kecamatan".into(),
        agenda: "Klien risiko tinggi di Tamansari".into(),
        decisions: "Kunjungan bersama bulan depan".into(),
        present: vec![camat.to_string()],
        actions: vec![
            ActionForm {
                title: "Data KTP klien".into(),
                owner: format!("anggota:{camat}"),
                due_on: "2026-11-22".into(),
            },
            ActionForm {
                title: "Jadwal kunjungan".into(),
                owner: format!("pk:{}", pk.public_id),
                due_on: "2026-12-05".into(),
            },
        ],
        ..Default::default()
    };
    groups::record_meeting(world.conn(), &coordinator, g, &meeting, TODAY, NOW).await.unwrap();
    let view = groups::get(world.conn(), &coordinator, g, TODAY).await.unwrap();
    assert_eq!(view.meetings[0].present, ["Camat Tamansari"]);
    assert_eq!(view.meetings[0].members, 2);
    assert_eq!(view.actions.len(), 2);
    assert!(view.actions[0].overdue, "due 22 November, open on the 24th");
    assert_eq!(view.actions[1].owner, "PK Pengguna pk.own");
    let open = groups::open_actions(world.conn(), &coordinator, TODAY).await.unwrap();
    assert_eq!(open.len(), 2);
    groups::complete_action(world.conn(), &coordinator, open[0].id, TODAY, NOW).await.unwrap();
    assert!(matches!(
        groups::complete_action(world.conn(), &coordinator, open[0].id, TODAY, NOW).await,
        Err(ServiceError::Domain(ErrorKind::Conflict))
    ));
    assert_eq!(groups::open_actions(world.conn(), &coordinator, TODAY).await.unwrap().len(), 1);

    let stranger = MeetingForm { present: vec![Uuid::nil().to_string()], actions: vec![], ..meeting };
    match groups::record_meeting(world.conn(), &coordinator, g, &stranger, TODAY, NOW).await.unwrap_err() {
        ServiceError::Domain(ErrorKind::Invalid(e)) => {
            assert_eq!(e.get("present"), Some(Problem::UnknownReference))
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_group_sees_its_clients_without_offences_and_children_as_initials() {
    let world = World::new().await;
    let coordinator = world.actor(Role::Koordinator, Office::Own).await;
    let g = group(&world, &coordinator).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let adult = ClientForm {
        full_name: "Joko Susilo".into(),
        sex: "L".into(),
        birth_date: "1980-01-01".into(),
        address: "Jl. Kemenangan 3, Tamansari".into(),
        offence_articles: "Pasal 365 KUHP".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-10-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    let joko = registry::create(world.conn(), &pk, &adult, TODAY, NOW).await.unwrap();
    let child = ClientForm {
        full_name: "Ayu Lestari".into(),
        sex: "P".into(),
        birth_date: "2011-05-10".into(),
        ..ClientForm::default()
    };
    let case = AbhCaseForm {
        mother_name: "Sri".into(),
        offence_date: "2026-11-01".into(),
        offence: "Pencurian".into(),
        penalty_years: "5".into(),
        investigation_start: "2026-11-20".into(),
        ..AbhCaseForm::default()
    };
    let ayu = register::create(world.conn(), &pk, &child, &case, TODAY, NOW).await.unwrap();
    groups::watch_client(world.conn(), &pk, g, joko.id, "Risiko tinggi, tinggal di Tamansari", TODAY, NOW)
        .await
        .unwrap();
    groups::watch_client(world.conn(), &pk, g, ayu, "Pendampingan keluarga", TODAY, NOW).await.unwrap();
    let err = groups::watch_client(world.conn(), &pk, g, joko.id, "lagi", TODAY, NOW).await.unwrap_err();
    assert!(matches!(err, ServiceError::Domain(ErrorKind::Invalid(_))), "once per group");
    let colleague = world.actor_named("pk.colleague", Role::Pk, Office::Own).await;
    assert!(
        groups::watch_client(world.conn(), &colleague, g, joko.id, "x", TODAY, NOW).await.is_err(),
        "not their client"
    );

    let view = groups::get(world.conn(), &coordinator, g, TODAY).await.unwrap();
    let text = format!("{:?}", view.clients);
    assert!(text.contains("Joko Susilo") && text.contains("Risiko tinggi"));
    assert!(!text.contains("365"), "no offence details");
    assert!(!text.contains("Ayu Lestari") && text.contains("A.L."), "a child only as initials");
}

#[tokio::test]
async fn policy_matrix_for_groups() {
    let world = World::new().await;
    let coordinator = world.actor(Role::Koordinator, Office::Own).await;
    let g = group(&world, &coordinator).await;
    let other_coordinator = world.actor_named("koordinator.kedua", Role::Koordinator, Office::Own).await;
    let cases: Vec<(&str, Actor, bool, bool)> = vec![
        ("its coordinator", coordinator.clone(), true, true),
        ("another coordinator", other_coordinator, false, false),
        ("Kabapas", world.actor(Role::Kabapas, Office::Own).await, true, true),
        ("PK", world.actor(Role::Pk, Office::Own).await, true, false),
        ("Kanwil of the region", world.actor(Role::Kanwil, Office::Own).await, true, false),
        ("Admin", world.actor(Role::Admin, Office::Own).await, true, false),
        ("Mitra", world.actor(Role::Mitra, Office::Own).await, false, false),
        ("Kabapas other office", world.actor(Role::Kabapas, Office::Other).await, false, false),
        ("PK other office", world.actor(Role::Pk, Office::Other).await, false, false),
        ("Kanwil elsewhere", world.actor(Role::Kanwil, Office::Other).await, false, false),
    ];
    for (label, actor, read, manage) in cases {
        let got_read = groups::get(world.conn(), &actor, g, TODAY).await.is_ok();
        let listed = groups::list(world.conn(), &actor, TODAY).await.unwrap().iter().any(|r| r.id == g);
        let got_manage = groups::add_member(world.conn(), &actor, g, &member("Tokoh", "anggota"), TODAY, NOW)
            .await
            .is_ok();
        assert_eq!((got_read, listed, got_manage), (read, read, manage), "{label}");
    }
    let pk = world.actor(Role::Pk, Office::Own).await;
    let form = GroupForm { name: "X".into(), areas: "Y".into(), coordinator_id: String::new() };
    assert!(groups::create(world.conn(), &pk, &form, NOW).await.is_err(), "only the Kabapas forms groups");
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let wrong = GroupForm { coordinator_id: pk.public_id.to_string(), ..form };
    match groups::create(world.conn(), &kabapas, &wrong, NOW).await.unwrap_err() {
        ServiceError::Domain(ErrorKind::Invalid(e)) => {
            assert_eq!(e.get("coordinator_id"), Some(Problem::UnknownReference))
        }
        other => panic!("{other:?}"),
    }
}
