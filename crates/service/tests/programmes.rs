//! Reintegration programmes through the service on the test database (SQLite or
//! PostgreSQL): the catalogue, enrolment with consent, eligibility and room (a transit
//! house's beds by night), sessions and attendance, the ending of an enrolment and what each
//! step does to the checklist, Today and the timeline; and who may read, keep, run and join.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::caseload::{ProgrammeStep, TimelineEvent, TodayReason};
use pamong_domain::client::ClientForm;
use pamong_domain::partners::PartnerForm;
use pamong_domain::reintegration::checklist::{ChecklistForm, NeedItem, NeedState};
use pamong_domain::reintegration::participation::{AttendanceForm, EnrolForm, OutcomeForm, SessionPlanForm};
use pamong_domain::reintegration::programmes::{EnrolmentStatus, ProgrammeForm, Unsuitable};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::clients::registry;
use pamong_service::reintegration::{checklist, enrolments, programmes, sessions};
use pamong_service::{Actor, ServiceError, partners, supervision, today};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
/// 10:00 on [`TODAY`] at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);

async fn client(world: &World, pk: &Actor, name: &str, birth: &str) -> Uuid {
    let form = ClientForm {
        full_name: name.into(),
        sex: "L".into(),
        birth_date: birth.into(),
        offence_articles: "Pasal 362 KUHP".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-09-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    registry::create(world.conn(), pk, &form, TODAY, NOW).await.unwrap().id
}

fn programme_form(name: &str, kind: &str, capacity: u16) -> ProgrammeForm {
    ProgrammeForm {
        name: name.into(),
        kind: kind.into(),
        place: "Aula Bapas".into(),
        starts_on: "2026-10-01".into(),
        capacity: capacity.to_string(),
        needs: vec!["pekerjaan".into()],
        ..ProgrammeForm::default()
    }
}

fn enrol_form(programme: Uuid, on: &str) -> EnrolForm {
    EnrolForm {
        programme_id: programme.to_string(),
        enrolled_on: on.into(),
        consent: true,
        ..EnrolForm::default()
    }
}

fn field(err: ServiceError, name: &str) -> Option<Problem> {
    match err {
        ServiceError::Domain(ErrorKind::Invalid(e)) => e.get(name),
        _ => None,
    }
}

async fn work_state(world: &World, pk: &Actor, id: Uuid) -> (Option<NeedState>, Option<String>) {
    let needs = checklist::of_client(world.conn(), pk, id).await.unwrap();
    let item = needs.checklist.into_iter().find(|i| i.item == NeedItem::Work).unwrap();
    (item.state, item.by)
}

#[tokio::test]
async fn a_participant_s_way_through_a_programme() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let course = programmes::save(
        world.conn(),
        &kabapas,
        None,
        &programme_form("Pelatihan las", "kemandirian", 10),
        NOW,
    )
    .await
    .unwrap();
    let id = client(&world, &pk, "Budi Santoso", "1990-02-01").await;
    let needed = ChecklistForm { pekerjaan: "dibutuhkan".into(), ..ChecklistForm::default() };
    checklist::mark(world.conn(), &pk, id, &needed, TODAY, NOW).await.unwrap();

    // The client's page offers the course, saying it serves a need they have.
    let page = enrolments::of_client(world.conn(), &pk, id, TODAY).await.unwrap();
    let offered = page.options.iter().find(|o| o.programme.id == course).unwrap();
    assert_eq!((offered.unsuitable, offered.full), (None, false));
    assert_eq!(offered.serves_needed, [NeedItem::Work]);

    // Not without consent; then enrolled, the need is in progress by the programme.
    let no_consent = EnrolForm { consent: false, ..enrol_form(course, "2026-11-02") };
    let err = enrolments::enrol(world.conn(), &pk, id, &no_consent, TODAY, NOW).await.unwrap_err();
    assert_eq!(field(err, "consent"), Some(Problem::Required));
    let enrolment = enrolments::enrol(world.conn(), &pk, id, &enrol_form(course, "2026-11-02"), TODAY, NOW)
        .await
        .unwrap();
    assert_eq!(
        work_state(&world, &pk, id).await,
        (Some(NeedState::InProgress), Some("Pelatihan las".into()))
    );
    let twice = enrolments::enrol(world.conn(), &pk, id, &enrol_form(course, "2026-11-03"), TODAY, NOW).await;
    assert_eq!(field(twice.unwrap_err(), "programme_id"), Some(Problem::Taken));

    // A session before they joined is not theirs; one after is, and they were there.
    for (day, topic) in [("2026-10-26", "Perkenalan"), ("2026-11-16", "Mengelas sudut")] {
        let plan = SessionPlanForm { held_on: day.into(), topic: topic.into() };
        let session = sessions::plan(world.conn(), &pk, course, &plan, NOW).await.unwrap();
        let stranger = AttendanceForm { present: vec![enrolment.to_string()] };
        let result = sessions::record_attendance(world.conn(), &pk, session, &stranger, NOW).await;
        if day == "2026-10-26" {
            assert_eq!(field(result.unwrap_err(), "present"), Some(Problem::UnknownReference));
            sessions::record_attendance(world.conn(), &pk, session, &AttendanceForm::default(), NOW)
                .await
                .unwrap();
        } else {
            result.unwrap();
        }
    }
    let tomorrow = SessionPlanForm { held_on: "2026-11-25".into(), topic: "Praktik".into() };
    let next = sessions::plan(world.conn(), &kabapas, course, &tomorrow, NOW).await.unwrap();
    let early = sessions::record_attendance(world.conn(), &pk, next, &AttendanceForm::default(), NOW).await;
    assert_eq!(field(early.unwrap_err(), "present"), Some(Problem::FutureDate), "not held yet");

    let detail = enrolments::get(world.conn(), &pk, course, TODAY).await.unwrap();
    let me = detail.participants.iter().find(|p| p.enrolment == enrolment).unwrap();
    assert_eq!((me.attended, me.sessions), (1, 1), "the session before they joined does not count");
    assert_eq!(detail.programme.taken, 1);
    assert_eq!(detail.programme.next_session, Some(date!(2026 - 11 - 25)));
    let mine = enrolments::of_client(world.conn(), &pk, id, TODAY).await.unwrap();
    assert_eq!(mine.enrolments[0].next_session, Some(date!(2026 - 11 - 25)));
    assert!(mine.options.iter().all(|o| o.programme.id != course), "not offered again");

    // Today: the session tomorrow.
    let reasons = |items: Vec<pamong_domain::caseload::TodayItem>| {
        items.into_iter().find(|i| i.client.id == id).map(|i| i.reasons).unwrap_or_default()
    };
    let listed = reasons(today::today(world.conn(), &pk, TODAY).await.unwrap());
    assert!(listed.contains(&TodayReason::ProgrammeTomorrow), "{listed:?}");

    // Dropped out: the need is back, Today says so for a week, and it ends only once.
    let dropped =
        OutcomeForm { status: "keluar".into(), ended_on: "2026-11-23".into(), ..OutcomeForm::default() };
    let no_reason = enrolments::end(world.conn(), &pk, enrolment, &dropped, NOW).await;
    assert_eq!(field(no_reason.unwrap_err(), "reason"), Some(Problem::Required));
    let dropped = OutcomeForm { reason: "Bekerja di pasar".into(), ..dropped };
    enrolments::end(world.conn(), &pk, enrolment, &dropped, NOW).await.unwrap();
    assert_eq!(work_state(&world, &pk, id).await.0, Some(NeedState::Needed));
    let listed = reasons(today::today(world.conn(), &pk, TODAY).await.unwrap());
    assert!(listed.contains(&TodayReason::ProgrammeDropped { on: date!(2026 - 11 - 23) }), "{listed:?}");
    assert!(!listed.contains(&TodayReason::ProgrammeTomorrow), "no longer taking part");
    let a_week_on = reasons(today::today(world.conn(), &pk, date!(2026 - 11 - 30)).await.unwrap());
    assert!(!a_week_on.iter().any(|r| matches!(r, TodayReason::ProgrammeDropped { .. })));
    let again = enrolments::end(world.conn(), &pk, enrolment, &dropped, NOW).await.unwrap_err();
    assert!(matches!(again, ServiceError::Domain(ErrorKind::Conflict)));

    // Enrolled again and completed with a certificate and a job: the need is met.
    let second = enrolments::enrol(world.conn(), &pk, id, &enrol_form(course, "2026-11-24"), TODAY, NOW)
        .await
        .unwrap();
    let done = OutcomeForm {
        status: "selesai".into(),
        ended_on: "2026-11-24".into(),
        certificate: true,
        job_found: true,
        ..OutcomeForm::default()
    };
    enrolments::end(world.conn(), &kabapas, second, &done, NOW).await.unwrap();
    assert_eq!(work_state(&world, &pk, id).await.0, Some(NeedState::Met));

    // The timeline tells it all.
    let steps: Vec<ProgrammeStep> = supervision::timeline(world.conn(), &pk, id, TODAY)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.event {
            TimelineEvent::Programme { step, .. } => Some(step),
            _ => None,
        })
        .collect();
    assert_eq!(steps.iter().filter(|s| **s == ProgrammeStep::Enrolled).count(), 2);
    assert!(steps.contains(&ProgrammeStep::Session { topic: "Mengelas sudut".into(), present: true }));
    assert!(steps.contains(&ProgrammeStep::DroppedOut { reason: Some("Bekerja di pasar".into()) }));
    assert!(steps.iter().any(|s| matches!(s, ProgrammeStep::Completed(o) if o.certificate && o.job_found)));
    let audits = common::audit_rows(world.conn(), &second.to_string()).await;
    assert_eq!(audits.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["create", "update"]);
}

#[tokio::test]
async fn eligibility_and_places_are_checked_when_enrolling() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let young = ProgrammeForm { max_age: "25".into(), ..programme_form("Kelas pemuda", "kepribadian", 1) };
    let young = programmes::save(world.conn(), &kabapas, None, &young, NOW).await.unwrap();
    let older = client(&world, &pk, "Hendra Wijaya", "1980-01-01").await;
    let page = enrolments::of_client(world.conn(), &pk, older, TODAY).await.unwrap();
    assert_eq!(page.options[0].unsuitable, Some(Unsuitable::Age));
    let err = enrolments::enrol(world.conn(), &pk, older, &enrol_form(young, "2026-11-24"), TODAY, NOW).await;
    assert_eq!(field(err.unwrap_err(), "programme_id"), Some(Problem::Unsuitable(Unsuitable::Age)));

    let first = client(&world, &pk, "Rudi Hartono", "2003-05-05").await;
    let second = client(&world, &pk, "Dedi Kurniawan", "2004-06-06").await;
    enrolments::enrol(world.conn(), &pk, first, &enrol_form(young, "2026-11-24"), TODAY, NOW).await.unwrap();
    let full =
        enrolments::enrol(world.conn(), &pk, second, &enrol_form(young, "2026-11-24"), TODAY, NOW).await;
    assert_eq!(field(full.unwrap_err(), "programme_id"), Some(Problem::NoRoom));
    let page = enrolments::of_client(world.conn(), &pk, second, TODAY).await.unwrap();
    assert!(page.options[0].full);
}

#[tokio::test]
async fn a_transit_house_counts_its_beds_night_by_night() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let house = ProgrammeForm {
        work_units: "Pertanian\nBinatu".into(),
        needs: vec!["tempat_tinggal".into()],
        ..programme_form("Griya Abhipraya", "griya_abhipraya", 2)
    };
    let house = programmes::save(world.conn(), &kabapas, None, &house, NOW).await.unwrap();
    let a = client(&world, &pk, "Agus Salim", "1985-01-01").await;
    let b = client(&world, &pk, "Bayu Aji", "1986-01-01").await;
    let c = client(&world, &pk, "Candra Putra", "1987-01-01").await;
    let stay = |who_out: &str, unit: &str| EnrolForm {
        check_out: who_out.into(),
        work_unit: unit.into(),
        ..enrol_form(house, "2026-11-20")
    };
    let bad_unit = enrolments::enrol(world.conn(), &pk, a, &stay("", "Bengkel"), TODAY, NOW).await;
    assert_eq!(field(bad_unit.unwrap_err(), "work_unit"), Some(Problem::NotAllowed));
    let first = enrolments::enrol(world.conn(), &pk, a, &stay("", "Pertanian"), TODAY, NOW).await.unwrap();
    enrolments::enrol(world.conn(), &pk, b, &stay("2026-12-20", "Binatu"), TODAY, NOW).await.unwrap();
    let no_bed = enrolments::enrol(world.conn(), &pk, c, &enrol_form(house, "2026-11-24"), TODAY, NOW).await;
    assert_eq!(field(no_bed.unwrap_err(), "programme_id"), Some(Problem::NoRoom));
    let detail = enrolments::get(world.conn(), &pk, house, TODAY).await.unwrap();
    assert_eq!(detail.occupied_tonight, Some(2));

    // The first resident checks out this morning: tonight's bed is free.
    let out =
        OutcomeForm { status: "selesai".into(), ended_on: "2026-11-24".into(), ..OutcomeForm::default() };
    enrolments::end(world.conn(), &pk, first, &out, NOW).await.unwrap();
    enrolments::enrol(world.conn(), &pk, c, &enrol_form(house, "2026-11-24"), TODAY, NOW).await.unwrap();
    let detail = enrolments::get(world.conn(), &pk, house, TODAY).await.unwrap();
    assert_eq!(detail.occupied_tonight, Some(2));
    let resident = detail.participants.iter().find(|p| p.client.name == "Bayu Aji").unwrap();
    assert_eq!(resident.work_unit.as_deref(), Some("Binatu"));
    assert_eq!(resident.stay.and_then(|s| s.check_out), Some(date!(2026 - 12 - 20)));
}

#[tokio::test]
async fn the_catalogue_is_kept_by_the_office_and_run_with_its_partner() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let partner_form = PartnerForm { name: "BLK Kota".into(), kind: "lainnya".into(), ..Default::default() };
    let partner = partners::save(world.conn(), &kabapas, None, &partner_form, NOW).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await;
    partners::link_user(world.conn(), &kabapas, partner, mitra.public_id, true, NOW).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await;
    let outsider = world.actor_named("mitra.lain", Role::Mitra, Office::Own).await;
    let with_partner =
        ProgrammeForm { partner_id: partner.to_string(), ..programme_form("Las", "kemandirian", 5) };
    let course = programmes::save(world.conn(), &kabapas, None, &with_partner, NOW).await.unwrap();
    let alone =
        programmes::save(world.conn(), &kabapas, None, &programme_form("Kajian", "kepribadian", 5), NOW)
            .await
            .unwrap();
    let listed = programmes::list(world.conn(), &kabapas, TODAY).await.unwrap();
    let shown = listed.iter().find(|p| p.id == course).unwrap();
    assert!(!shown.agreement_in_force, "a partner without a PKS is flagged");
    assert!(listed.iter().find(|p| p.id == alone).unwrap().agreement_in_force, "the office alone needs none");
    let orphan = ProgrammeForm { agreement_id: Uuid::now_v7().to_string(), ..programme_form("X", "umkm", 5) };
    let err = programmes::save(world.conn(), &kabapas, None, &orphan, NOW).await.unwrap_err();
    assert_eq!(field(err, "partner_id"), Some(Problem::Required));

    // Who reads, runs and keeps it (a child participant is the masking test's).
    let pk = world.actor(Role::Pk, Office::Own).await;
    let adult = client(&world, &pk, "Yusuf Maulana", "1990-01-01").await;
    enrolments::enrol(world.conn(), &pk, adult, &enrol_form(course, "2026-11-20"), TODAY, NOW).await.unwrap();

    let plan = SessionPlanForm { held_on: "2026-11-24".into(), topic: "Praktik".into() };
    for (who, reads_course, reads_alone, runs) in [
        (&kabapas, true, true, true),
        (&pk, true, true, true),
        (&world.actor_named("pk.rekan", Role::Pk, Office::Own).await, true, true, true),
        (&mitra, true, false, true),
        (&outsider, false, false, false),
        (&world.actor(Role::Kanwil, Office::Own).await, true, true, false),
        (&world.actor(Role::Koordinator, Office::Own).await, true, true, false),
        (&world.actor(Role::Admin, Office::Own).await, true, true, false),
        (&world.actor(Role::Kabapas, Office::Other).await, false, false, false),
        (&world.actor(Role::Pk, Office::Other).await, false, false, false),
        (&world.actor(Role::Kanwil, Office::Other).await, false, false, false),
    ] {
        let read = enrolments::get(world.conn(), who, course, TODAY).await;
        assert_eq!(read.is_ok(), reads_course, "{} reads the course", who.username);
        let list = programmes::list(world.conn(), who, TODAY).await.unwrap();
        assert_eq!(list.iter().any(|p| p.id == course), reads_course, "{} lists the course", who.username);
        assert_eq!(
            list.iter().any(|p| p.id == alone),
            reads_alone,
            "{} lists the office's own",
            who.username
        );
        let planned = sessions::plan(world.conn(), who, course, &plan, NOW).await;
        assert_eq!(planned.is_ok(), runs, "{} runs it", who.username);
        if let Ok(detail) = read {
            assert_eq!(detail.can_run, runs, "{} is offered to run it", who.username);
            let name = &detail.participants[0].client.name;
            let open = matches!(who.role, Role::Kabapas | Role::Pk | Role::Mitra | Role::Kanwil);
            assert_eq!(name == "Yusuf Maulana", open, "{} sees {name}", who.username);
        }
        let edit = programmes::save(
            world.conn(),
            who,
            Some(alone),
            &programme_form("Kajian", "kepribadian", 6),
            NOW,
        )
        .await;
        assert_eq!(
            edit.is_ok(),
            who.role == Role::Kabapas && reads_course || who.role == Role::Admin,
            "{} keeps it",
            who.username
        );
    }

    // Enrolling is the client's PK's (or the Kabapas's), not another officer's.
    let colleague = world.actor_named("pk.rekan", Role::Pk, Office::Own).await;
    let other = client(&world, &pk, "Eko Prasetyo", "1991-01-01").await;
    let refused =
        enrolments::enrol(world.conn(), &colleague, other, &enrol_form(alone, "2026-11-24"), TODAY, NOW)
            .await;
    assert!(matches!(refused, Err(ServiceError::Domain(ErrorKind::NotFound))));
    let mine = enrolments::of_client(world.conn(), &colleague, other, TODAY).await.unwrap();
    assert!(mine.options.is_empty(), "nothing to enrol in for a reader");
    assert!(
        enrolments::get(world.conn(), &kabapas, course, TODAY).await.unwrap().participants[0].status
            == EnrolmentStatus::Aktif
    );
}
