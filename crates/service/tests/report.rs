//! The monthly report through the service on the test database (SQLite or PostgreSQL): each
//! part counted for its calendar month from the records reintegration keeps — the needs map
//! at the month's end, programmes, Klien Bapas Peduli, UMKM, action plans — and who reads it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::calendar::CalendarMonth;
use pamong_domain::client::ClientForm;
use pamong_domain::reintegration::action_plan::{ObjectiveForm, PlanForm};
use pamong_domain::reintegration::checklist::{ChecklistForm, NeedItem};
use pamong_domain::reintegration::participation::{AttendanceForm, EnrolForm, OutcomeForm, SessionPlanForm};
use pamong_domain::reintegration::peduli::ActivityForm;
use pamong_domain::reintegration::programmes::ProgrammeForm;
use pamong_domain::reintegration::umkm::{BusinessForm, StatusForm, SupportForm};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::clients::registry;
use pamong_service::reintegration::{
    action_plans, checklist, enrolments, peduli, programmes, report, sessions, umkm,
};
use pamong_service::{Actor, ServiceError};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);
const OCTOBER: CalendarMonth = CalendarMonth { year: 2026, month: 10 };
const NOVEMBER: CalendarMonth = CalendarMonth { year: 2026, month: 11 };

async fn client(world: &World, pk: &Actor, name: &str) -> Uuid {
    let form = ClientForm {
        full_name: name.into(),
        sex: "L".into(),
        birth_date: "1985-03-01".into(),
        offence_articles: "Pasal 362 KUHP".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-09-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    registry::create(world.conn(), pk, &form, TODAY, NOW).await.unwrap().id
}

fn enrol(programme: Uuid, on: &str) -> EnrolForm {
    EnrolForm {
        programme_id: programme.to_string(),
        enrolled_on: on.into(),
        consent: true,
        ..EnrolForm::default()
    }
}

#[tokio::test]
async fn each_part_is_counted_for_its_month() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let (a, b) = (client(&world, &pk, "Agus Salim").await, client(&world, &pk, "Bayu Aji").await);

    // Needs: KTP needed in October, met in November; work needed in November.
    let needed = ChecklistForm { ktp: "dibutuhkan".into(), ..ChecklistForm::default() };
    checklist::mark(world.conn(), &pk, a, &needed, date!(2026 - 10 - 20), NOW).await.unwrap();
    let met =
        ChecklistForm { ktp: "terpenuhi".into(), pekerjaan: "dibutuhkan".into(), ..ChecklistForm::default() };
    checklist::mark(world.conn(), &pk, a, &met, date!(2026 - 11 - 10), NOW).await.unwrap();

    // A course: one joined in October and completed in November, one joined in November.
    let course = ProgrammeForm {
        name: "Pelatihan las".into(),
        kind: "kemandirian".into(),
        place: "Aula Bapas".into(),
        starts_on: "2026-10-01".into(),
        capacity: "10".into(),
        ..ProgrammeForm::default()
    };
    let course = programmes::save(world.conn(), &kabapas, None, &course, NOW).await.unwrap();
    let first =
        enrolments::enrol(world.conn(), &pk, a, &enrol(course, "2026-10-15"), TODAY, NOW).await.unwrap();
    enrolments::enrol(world.conn(), &pk, b, &enrol(course, "2026-11-05"), TODAY, NOW).await.unwrap();
    let done =
        OutcomeForm { status: "selesai".into(), ended_on: "2026-11-20".into(), ..OutcomeForm::default() };
    enrolments::end(world.conn(), &pk, first, &done, NOW).await.unwrap();
    for (day, present) in [("2026-10-28", true), ("2026-11-12", false), ("2026-11-25", false)] {
        let plan = SessionPlanForm { held_on: day.into(), topic: "Mengelas".into() };
        let session = sessions::plan(world.conn(), &pk, course, &plan, NOW).await.unwrap();
        if day < "2026-11-24" {
            let present = if present { vec![first.to_string()] } else { Vec::new() };
            sessions::record_attendance(world.conn(), &pk, session, &AttendanceForm { present }, NOW)
                .await
                .unwrap();
        }
    }

    // Klien Bapas Peduli: one activity in each month.
    for (day, clients) in [("2026-10-10", vec![a]), ("2026-11-20", vec![a, b])] {
        let form = ActivityForm {
            held_on: day.into(),
            place: "Kali Angke".into(),
            kind: "bersih_bersih".into(),
            clients: clients.iter().map(Uuid::to_string).collect(),
            ..ActivityForm::default()
        };
        peduli::record(world.conn(), &pk, &form, TODAY, NOW).await.unwrap();
    }

    // UMKM: planned in October, running in November with capital.
    let planned = BusinessForm {
        name: "Warung Kopi".into(),
        kind: "warung kopi".into(),
        status: "direncanakan".into(),
        since: "2026-10-01".into(),
        ..BusinessForm::default()
    };
    let business = umkm::add(world.conn(), &pk, b, &planned, TODAY, NOW).await.unwrap();
    let open = StatusForm { status: "berjalan".into(), on: "2026-11-03".into(), ..StatusForm::default() };
    umkm::change_status(world.conn(), &pk, business, &open, TODAY, NOW).await.unwrap();
    let capital = SupportForm {
        kind: "modal".into(),
        received_on: "2026-11-04".into(),
        amount: "2.500.000".into(),
        ..SupportForm::default()
    };
    umkm::add_support(world.conn(), &pk, business, &capital, TODAY, NOW).await.unwrap();

    // An action plan from November; another that ended in September is not in the report.
    for (title, from, to) in
        [("Semester II", "2026-11-01", "2027-04-30"), ("Lalu", "2026-06-01", "2026-09-30")]
    {
        let plan = PlanForm { title: title.into(), starts_on: from.into(), ends_on: to.into() };
        let plan = action_plans::create(world.conn(), &kabapas, &plan, NOW).await.unwrap();
        let objective = ObjectiveForm {
            title: "1 klien ber-KTP".into(),
            item: "ktp".into(),
            target: "1".into(),
            due_on: to.into(),
            ..ObjectiveForm::default()
        };
        action_plans::add_objective(world.conn(), &kabapas, plan, &objective, NOW).await.unwrap();
    }

    let november = report::monthly(world.conn(), &kabapas, None, Some(NOVEMBER), TODAY).await.unwrap();
    assert_eq!((november.period.as_of, november.period.complete), (TODAY, false), "counted to today");
    let ktp = november.needs.items.iter().find(|i| i.item == NeedItem::Ktp).unwrap();
    assert_eq!(
        (ktp.open(), ktp.open_before, ktp.met_this_month),
        (0, 1, 1),
        "open at October's end, met since"
    );
    let work = november.needs.items.iter().find(|i| i.item == NeedItem::Work).unwrap();
    assert_eq!((work.needed, work.open_before), (1, 0));
    let p = &november.programmes[0];
    assert_eq!((p.took_part, p.joined, p.completed, p.dropped, p.at_end), (2, 1, 1, 0, 1));
    assert_eq!((p.sessions, p.present, p.roll), (1, 0, 2), "the session tomorrow is not held yet");
    assert_eq!((november.peduli.count.activities, november.peduli.count.clients), (1, 2));
    assert_eq!(november.peduli.activities[0].clients, 2);
    let biz = november.businesses;
    assert_eq!((biz.running, biz.started, biz.supports, biz.support_value), (1, 1, 1, 2_500_000));
    assert_eq!(november.plans.len(), 1, "only the plan running in the month");
    assert_eq!(november.plans[0].objectives[0].progress.met, 1);
    assert_eq!(november.plans[0].as_of, TODAY);

    let october = report::monthly(world.conn(), &kabapas, None, Some(OCTOBER), TODAY).await.unwrap();
    assert_eq!((october.period.as_of, october.period.complete), (date!(2026 - 10 - 31), true));
    let ktp = october.needs.items.iter().find(|i| i.item == NeedItem::Ktp).unwrap();
    assert_eq!((ktp.needed, ktp.open_before, ktp.met), (1, 0, 0), "as it stood on 31 October");
    let p = &october.programmes[0];
    assert_eq!((p.took_part, p.joined, p.completed, p.at_end), (1, 1, 0, 1));
    assert_eq!((p.sessions, p.present, p.roll, p.attendance()), (1, 1, 1, Some(100)));
    assert_eq!((october.peduli.count.activities, october.peduli.count.clients), (1, 1));
    assert_eq!(
        (october.businesses.running, october.businesses.planned, october.businesses.supports),
        (0, 1, 0)
    );
    assert!(october.plans.is_empty(), "the plan began in November");

    let default = report::monthly(world.conn(), &kabapas, None, None, TODAY).await.unwrap();
    assert_eq!(default.period.month, OCTOBER, "the last complete month");
    let future = CalendarMonth { year: 2026, month: 12 };
    let err = report::monthly(world.conn(), &kabapas, None, Some(future), TODAY).await.unwrap_err();
    assert!(
        matches!(err, ServiceError::Domain(ErrorKind::Invalid(ref e)) if e.get("bulan") == Some(Problem::FutureDate))
    );
}

#[tokio::test]
async fn the_office_its_kanwil_and_headquarters_read_it_and_no_one_else() {
    let world = World::new().await;
    let office = world.bapas[0].id;
    for (who, reads) in [
        (world.actor(Role::Kabapas, Office::Own).await, true),
        (world.actor(Role::Pk, Office::Own).await, true),
        (world.actor(Role::Kanwil, Office::Own).await, true),
        (world.actor(Role::Admin, Office::Own).await, true),
        (world.actor(Role::Pusat, Office::Own).await, true),
        (world.actor(Role::Koordinator, Office::Own).await, false),
        (world.actor(Role::Mitra, Office::Own).await, false),
        (world.actor(Role::Kanwil, Office::Other).await, false),
        (world.actor(Role::Kabapas, Office::Other).await, false),
    ] {
        let read = report::monthly(world.conn(), &who, Some(office), Some(NOVEMBER), TODAY).await;
        assert_eq!(read.is_ok(), reads, "{} reads", who.username);
        if let Ok(r) = read {
            assert_eq!(r.bapas.id, office);
            assert!(!r.letterhead.name.is_empty());
        }
    }
    let kanwil = world.actor(Role::Kanwil, Office::Own).await;
    let first = report::monthly(world.conn(), &kanwil, None, None, TODAY).await.unwrap();
    assert_eq!(first.bapas.id, office, "the first office of the region");
}
