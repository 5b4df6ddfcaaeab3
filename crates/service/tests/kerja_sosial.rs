//! Kerja sosial through the service on the test database (SQLite or PostgreSQL): the Kabapas
//! adds a work site with a partner's own user as its supervisor; the PK places a client
//! sentenced to community service there; the supervisor records and signs off the hours;
//! the ledger refuses a ninth hour on one day; a signed-off session is corrected only with a
//! reason; who may see and do what; a child reaches the supervisor as initials.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World, audit_rows};
use pamong_domain::caseload::TodayReason;
use pamong_domain::client::{ClientForm, ClientStatus};
use pamong_domain::kerja_sosial::{PlacementForm, PlacementStatus, Progress, SessionForm, SiteForm};
use pamong_domain::logs::{ExportFilter, ExportKind};
use pamong_domain::partners::PartnerForm;
use pamong_domain::request_key::RequestKey;
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::clients::registry;
use pamong_service::kerja_sosial::{closing, ledger, placements, sites};
use pamong_service::{Actor, ServiceError, clients, exports, partners, today};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
/// The instant the tests act at: 10:00 on [`TODAY`] at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);

struct Scene {
    world: World,
    kabapas: Actor,
    pk: Actor,
    mitra: Actor,
    site: Uuid,
}

/// A partner with its own user, and a work site it supervises.
async fn scene() -> Scene {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let partner_form =
        PartnerForm { name: "Dinas Sosial Kota".into(), kind: "dinsos".into(), ..Default::default() };
    let partner = partners::save(world.conn(), &kabapas, None, &partner_form, NOW).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await;
    partners::link_user(world.conn(), &kabapas, partner, mitra.public_id, true, NOW).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await; // logs in again, now linked
    let form = SiteForm {
        partner_id: partner.to_string(),
        name: "Panti Sosial — dapur umum".into(),
        address: "Jl. Merdeka 1".into(),
        work_kind: "Dapur umum".into(),
        days: "senin-sabtu".into(),
        opens: "08:00".into(),
        closes: "16:00".into(),
        capacity: "4".into(),
        supervisor_id: mitra.public_id.to_string(),
        suits_children: true,
        non_commercial: true,
        ..SiteForm::default()
    };
    let site = sites::save(world.conn(), &kabapas, None, &form, NOW).await.unwrap();
    let pk = world.actor(Role::Pk, Office::Own).await;
    Scene { world, kabapas, pk, mitra, site }
}

fn sentenced(name: &str) -> ClientForm {
    ClientForm {
        full_name: name.into(),
        sex: "L".into(),
        birth_date: "1990-05-01".into(),
        offence_articles: "Pasal 362 KUHP".into(),
        legal_basis: "kerja_sosial".into(),
        supervision_start: "2026-11-02".into(),
        ..ClientForm::default()
    }
}

fn placement(site: Uuid, hours: &str) -> PlacementForm {
    PlacementForm {
        site_id: site.to_string(),
        court: "PN Kota".into(),
        decision_number: "12/Pid.B/2026/PN Kota".into(),
        hours: hours.into(),
        start_on: "2026-11-02".into(),
        deadline: String::new(),
        schedule: "Senin dan Kamis 08.00–12.30".into(),
    }
}

fn worked(day: &str, arrival: &str, departure: &str, pause: &str) -> SessionForm {
    SessionForm {
        held_on: day.into(),
        arrival: arrival.into(),
        departure: departure.into(),
        break_minutes: pause.into(),
        work_done: "Menyiapkan makanan".into(),
        attendance: "3".into(),
        effort: "3".into(),
        behaviour: "3".into(),
        ..SessionForm::default()
    }
}

fn field_of(err: ServiceError) -> Option<(String, Problem)> {
    let kind = err.into_kind(None);
    let errors = kind.field_errors()?;
    errors.0.first().map(|e| (e.field.clone(), e.problem))
}

fn not_found(result: Result<impl std::fmt::Debug, ServiceError>) -> bool {
    matches!(result.map_err(|e| e.into_kind(None)), Err(ErrorKind::NotFound))
}

#[tokio::test]
async fn hours_are_placed_recorded_signed_off_and_corrected() {
    let Scene { world, kabapas, pk, mitra, site } = scene().await;
    let db = world.conn();
    let budi = registry::create(db, &pk, &sentenced("Budi Santoso"), TODAY, NOW).await.unwrap().id;
    assert_eq!(placements::sites_for(db, &pk, budi).await.unwrap().len(), 1);

    let too_many = placements::place(db, &pk, budi, &placement(site, "241"), NOW).await.unwrap_err();
    assert!(matches!(field_of(too_many), Some((f, Problem::HoursOutOfRange { .. })) if f == "hours"));
    let p = placements::place(db, &pk, budi, &placement(site, "40"), NOW).await.unwrap();
    let again = placements::place(db, &pk, budi, &placement(site, "40"), NOW).await;
    assert!(matches!(again.map_err(|e| e.into_kind(None)), Err(ErrorKind::Conflict)), "one active placement");

    // The supervisor's day lists Budi by name; a day worked is signed off as it is saved.
    let days = sites::my_days(db, &mitra, TODAY).await.unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].people[0].client.name, "Budi Santoso");
    assert!(days[0].keep_offline);
    let key = RequestKey::parse("0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b").unwrap();
    let four = worked("2026-11-23", "08:00", "12:30", "30");
    ledger::record(db, &mitra, p, &four, Some(&key), TODAY, NOW).await.unwrap();
    ledger::record(db, &mitra, p, &four, Some(&key), TODAY, NOW).await.unwrap(); // the outbox again
    let view = &placements::of_client(db, &pk, budi, TODAY).await.unwrap()[0];
    assert_eq!((view.done_minutes, view.sessions.len()), (240, 1), "sent twice, recorded once");
    assert_eq!(view.remaining_minutes, 36 * 60);

    // A ninth hour on the same day is refused on the departure field.
    let five = worked("2026-11-23", "13:00", "18:00", "");
    let refused = ledger::record(db, &mitra, p, &five, None, TODAY, NOW).await.unwrap_err();
    assert_eq!(field_of(refused), Some(("departure".into(), Problem::HoursPerDay { max: 8 })));
    // Exactly eight is fine.
    ledger::record(db, &mitra, p, &worked("2026-11-23", "13:00", "17:00", ""), None, TODAY, NOW)
        .await
        .unwrap();

    // The PK's own record waits for the supervisor's sign-off.
    ledger::record(db, &pk, p, &worked("2026-11-24", "08:00", "10:00", ""), None, TODAY, NOW).await.unwrap();
    let view = &placements::of_client(db, &pk, budi, TODAY).await.unwrap()[0];
    assert_eq!((view.done_minutes, view.pending_minutes), (480, 120));
    let pending = view.sessions.iter().find(|s| !s.signed_off()).unwrap().id;
    assert!(not_found(ledger::sign_off(db, &pk, pending, NOW).await), "only the supervisor signs off");
    ledger::sign_off(db, &mitra, pending, NOW).await.unwrap();
    let view = &placements::of_client(db, &pk, budi, TODAY).await.unwrap()[0];
    assert_eq!((view.done_minutes, view.pending_minutes), (600, 0));
    assert_eq!(view.progress, Progress::OnTrack);

    // A signed-off session is corrected only with a reason, and the correction is audited.
    let no_reason =
        ledger::correct(db, &pk, pending, &worked("2026-11-24", "08:00", "11:00", ""), "", TODAY, NOW)
            .await
            .unwrap_err();
    assert_eq!(field_of(no_reason), Some(("reason".into(), Problem::Required)));
    ledger::correct(
        db,
        &pk,
        pending,
        &worked("2026-11-24", "08:00", "11:00", ""),
        "Salah catat jam pulang",
        TODAY,
        NOW,
    )
    .await
    .unwrap();
    let rows = audit_rows(db, &pending.to_string()).await;
    let correction = rows.iter().find(|r| r.action == "correct").unwrap();
    assert!(correction.changes.contains("Salah catat jam pulang") && correction.changes.contains("minutes"));
    let view = &placements::of_client(db, &kabapas, budi, TODAY).await.unwrap()[0];
    assert_eq!(view.done_minutes, 660);
    assert_eq!(
        view.sessions.iter().find(|s| s.id == pending).unwrap().correction.as_deref(),
        Some("Salah catat jam pulang")
    );

    // Moving to another site keeps the hours done.
    let other = SiteForm {
        name: "Kelurahan".into(),
        supervisor_id: String::new(),
        supervisor_name: "Pak RW".into(),
        ..site_form(&world, &kabapas).await
    };
    let other = sites::save(db, &kabapas, None, &other, NOW).await.unwrap();
    placements::move_to(db, &pk, p, other, NOW).await.unwrap();
    let view = &placements::of_client(db, &pk, budi, TODAY).await.unwrap()[0];
    assert_eq!((view.site.id, view.done_minutes), (other, 660));
    assert!(
        sites::my_days(db, &mitra, TODAY).await.unwrap()[0].people.is_empty(),
        "no longer at the shelter"
    );
}

/// The form of the scene's first site, for a second one.
async fn site_form(world: &World, kabapas: &Actor) -> SiteForm {
    let first = &sites::list(world.conn(), kabapas, TODAY).await.unwrap()[0];
    SiteForm {
        partner_id: first.partner.id.to_string(),
        name: first.name.clone(),
        address: first.address.clone(),
        work_kind: first.work_kind.clone(),
        days: "senin-jumat".into(),
        opens: "08:00".into(),
        closes: "12:00".into(),
        capacity: "2".into(),
        non_commercial: true,
        ..SiteForm::default()
    }
}

#[tokio::test]
async fn only_the_site_s_own_supervisor_and_the_office_act() {
    let Scene { world, pk, mitra, site, .. } = scene().await;
    let db = world.conn();
    let budi = registry::create(db, &pk, &sentenced("Budi Santoso"), TODAY, NOW).await.unwrap().id;
    let p = placements::place(db, &pk, budi, &placement(site, "40"), NOW).await.unwrap();
    let four = worked("2026-11-23", "08:00", "12:30", "30");

    // Another partner's user of the same office, and the staff of another office.
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let other_partner =
        PartnerForm { name: "Kelurahan".into(), kind: "kelurahan".into(), ..Default::default() };
    let other_partner = partners::save(db, &kabapas, None, &other_partner, NOW).await.unwrap();
    let stranger = world.actor_named("mitra.lain", Role::Mitra, Office::Own).await;
    partners::link_user(db, &kabapas, other_partner, stranger.public_id, true, NOW).await.unwrap();
    let stranger = world.actor_named("mitra.lain", Role::Mitra, Office::Own).await;
    let far_pk = world.actor(Role::Pk, Office::Other).await;
    let far_kabapas = world.actor(Role::Kabapas, Office::Other).await;

    assert!(sites::my_days(db, &stranger, TODAY).await.unwrap().is_empty());
    assert!(not_found(ledger::record(db, &stranger, p, &four, None, TODAY, NOW).await));
    assert!(not_found(ledger::record(db, &far_pk, p, &four, None, TODAY, NOW).await));
    assert!(not_found(placements::of_client(db, &far_pk, budi, TODAY).await));
    assert!(not_found(placements::place(db, &far_kabapas, budi, &placement(site, "40"), NOW).await));
    assert!(not_found(sites::get(db, &far_pk, site, TODAY).await));
    assert!(not_found(sites::get(db, &stranger, site, TODAY).await));
    assert!(sites::list(db, &far_kabapas, TODAY).await.unwrap().is_empty());
    assert!(sites::list(db, &mitra, TODAY).await.unwrap().is_empty(), "a supervisor works from their day");
    // A PK only reads the office's sites; the far Kabapas cannot edit them.
    let edit = SiteForm {
        capacity: "9".into(),
        supervisor_name: "Pak RW".into(),
        ..site_form(&world, &kabapas).await
    };
    assert!(not_found(sites::save(db, &pk, Some(site), &edit, NOW).await));
    assert!(not_found(sites::save(db, &far_kabapas, Some(site), &edit, NOW).await));

    ledger::record(db, &mitra, p, &four, None, TODAY, NOW).await.unwrap();
    let session = placements::of_client(db, &pk, budi, TODAY).await.unwrap()[0].sessions[0].id;
    assert!(not_found(ledger::sign_off(db, &stranger, session, NOW).await));
    assert!(not_found(ledger::correct(db, &stranger, session, &four, "x", TODAY, NOW).await));

    // A client on another legal basis has no sites to be placed at.
    let pb =
        ClientForm { legal_basis: "pb".into(), remaining_months: "10".into(), ..sentenced("Joko Susilo") };
    let joko = registry::create(db, &pk, &pb, TODAY, NOW).await.unwrap().id;
    assert!(placements::sites_for(db, &pk, joko).await.unwrap().is_empty());
    assert!(not_found(placements::place(db, &pk, joko, &placement(site, "40"), NOW).await));
}

#[tokio::test]
async fn a_child_reaches_the_site_s_supervisor_as_initials() {
    use pamong_domain::abh::case::AbhCaseForm;
    use pamong_service::abh::register;
    let Scene { world, pk, mitra, .. } = scene().await;
    let db = world.conn();
    let child = ClientForm {
        full_name: "Ayu Lestari Wulandari".into(),
        sex: "P".into(),
        birth_date: "2011-03-01".into(),
        ..ClientForm::default()
    };
    let case = AbhCaseForm {
        mother_name: "Sri Wahyuni".into(),
        offence_date: "2026-11-01".into(),
        offence: "Pencurian ringan".into(),
        penalty_years: "5".into(),
        investigation_start: "2026-11-20".into(),
        ..AbhCaseForm::default()
    };
    let ayu = register::create(db, &pk, &child, &case, TODAY, NOW).await.unwrap();
    // The shelter did not say it suits women; the office's second site does.
    assert!(placements::sites_for(db, &pk, ayu).await.unwrap().is_empty(), "not suited to a girl");
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let suited = SiteForm {
        name: "Taman baca".into(),
        suits_women: true,
        suits_children: true,
        ..site_form(&world, &kabapas).await
    };
    let suited = SiteForm { supervisor_id: mitra.public_id.to_string(), ..suited };
    let suited = sites::save(db, &kabapas, None, &suited, NOW).await.unwrap();
    let form = PlacementForm { start_on: "2026-11-20".into(), hours: "20".into(), ..placement(suited, "20") };
    let p = placements::place(db, &pk, ayu, &form, NOW).await.unwrap();
    let days = sites::my_days(db, &mitra, TODAY).await.unwrap();
    let seen = days.iter().flat_map(|d| &d.people).find(|v| v.id == p).unwrap();
    assert_eq!(seen.client.name, "A.L.W.");
    assert!(seen.masked && seen.decision_number.is_empty());
    ledger::record(db, &mitra, p, &worked("2026-11-21", "08:00", "10:00", ""), None, TODAY, NOW)
        .await
        .unwrap();
    let seen = sites::my_days(db, &mitra, TODAY).await.unwrap();
    let seen = seen.iter().flat_map(|d| &d.people).find(|v| v.id == p).unwrap();
    assert_eq!(seen.sessions[0].work_done, None, "free text masked with the child");
    assert_eq!(seen.done_minutes, 120);
    // The child's own PK sees the name.
    assert_eq!(
        placements::of_client(db, &pk, ayu, TODAY).await.unwrap()[0].client.name,
        "Ayu Lestari Wulandari"
    );
}

fn absent(day: &str, accepted: &str) -> SessionForm {
    SessionForm {
        held_on: day.into(),
        absent: "ya".into(),
        absence_reason: "Tidak datang, tidak memberi kabar".into(),
        absence_accepted: accepted.into(),
        ..SessionForm::default()
    }
}

/// The reasons the PK's Today gives for `client` on `day`.
async fn reasons_on(world: &World, pk: &Actor, client: Uuid, day: Date) -> Vec<TodayReason> {
    let items = today::today(world.conn(), pk, day).await.unwrap();
    items.into_iter().find(|i| i.client.id == client).map(|i| i.reasons).unwrap_or_default()
}

#[tokio::test]
async fn today_follows_up_and_completion_ends_the_supervision_with_a_statement() {
    let Scene { world, kabapas, pk, mitra, site } = scene().await;
    let db = world.conn();
    let budi = registry::create(db, &pk, &sentenced("Budi Santoso"), TODAY, NOW).await.unwrap().id;
    let p = placements::place(db, &pk, budi, &placement(site, "8"), NOW).await.unwrap();

    // An absence without an acceptable reason, and the PK's own eight hours (recorded at
    // NOW, 2026-11-24), waiting for the site's sign-off.
    ledger::record(db, &mitra, p, &absent("2026-11-23", "tidak"), None, TODAY, NOW).await.unwrap();
    ledger::record(db, &pk, p, &worked("2026-11-24", "08:00", "16:00", ""), None, TODAY, NOW).await.unwrap();
    let on = |d: Date| reasons_on(&world, &pk, budi, d);
    assert!(on(TODAY).await.contains(&TodayReason::WorkAbsence { on: date!(2026 - 11 - 23) }));
    assert!(
        !on(date!(2026 - 11 - 27)).await.iter().any(|r| matches!(r, TodayReason::SignOffWaiting { .. })),
        "three days is not yet over three"
    );
    let later = on(date!(2026 - 11 - 28)).await;
    assert!(later.contains(&TodayReason::SignOffWaiting { since: date!(2026 - 11 - 24) }), "{later:?}");
    assert!(
        !on(date!(2026 - 12 - 01)).await.iter().any(|r| matches!(r, TodayReason::WorkAbsence { .. })),
        "an absence a week and a day old has been followed up"
    );
    let kabapas_today = today::today(db, &kabapas, date!(2026 - 11 - 28)).await.unwrap();
    assert!(kabapas_today.iter().any(|i| i.client.id == budi), "the Kabapas sees the office's");

    // Closing waits for every hour to be signed off.
    let early = closing::complete(db, &pk, p, TODAY, NOW).await.unwrap_err();
    assert_eq!(field_of(early), Some(("placement".into(), Problem::HoursLeft { hours: 8 })));
    let pending = placements::of_client(db, &pk, budi, TODAY).await.unwrap()[0]
        .sessions
        .iter()
        .find(|s| !s.signed_off())
        .unwrap()
        .id;
    ledger::sign_off(db, &mitra, pending, NOW).await.unwrap();
    assert!(on(TODAY).await.contains(&TodayReason::WorkCompleted));
    let far_pk = world.actor(Role::Pk, Office::Other).await;
    assert!(not_found(closing::complete(db, &far_pk, p, TODAY, NOW).await));
    assert!(not_found(closing::complete(db, &mitra, p, TODAY, NOW).await), "the site does not close it");
    assert!(not_found(closing::document(db, &mitra, p, TODAY, NOW).await));

    closing::complete(db, &pk, p, TODAY, NOW).await.unwrap();
    let again = closing::complete(db, &pk, p, TODAY, NOW).await;
    assert!(matches!(again.map_err(|e| e.into_kind(None)), Err(ErrorKind::Conflict)));
    let detail = clients::get(db, &pk, budi, TODAY, NOW).await.unwrap();
    assert_eq!(detail.summary.status, ClientStatus::Selesai, "the sentence is served");
    assert!(audit_rows(db, &p.to_string()).await.iter().any(|r| r.action == "complete"));
    assert!(on(TODAY).await.is_empty(), "off Today");
    let doc = closing::document(db, &pk, p, TODAY, NOW).await.unwrap();
    assert_eq!(doc.placement.status, PlacementStatus::Selesai);
    assert_eq!((doc.placement.done_minutes, doc.placement.sessions.len()), (480, 2));
    assert!(doc.placement.for_prosecutor(), "the unexcused absence is still reported");

    // Printed as a document: the same statement, and the print in the office's export log.
    assert_eq!(closing::statement_for_print(db, &pk, p, TODAY, NOW).await.unwrap(), doc);
    assert!(not_found(closing::statement_for_print(db, &mitra, p, TODAY, NOW).await));
    assert!(not_found(closing::statement_for_print(db, &far_pk, p, TODAY, NOW).await));
    let log = exports::list(db, &kabapas, &ExportFilter::default()).await.unwrap();
    let printed: Vec<_> = log.items.iter().filter(|r| r.kind == ExportKind::HoursStatement).collect();
    assert_eq!(printed.len(), 1, "the refused prints leave no row");
    assert_eq!(printed[0].filter, doc.register_number);
}

#[tokio::test]
async fn a_placement_past_its_deadline_is_late_on_today_and_for_the_prosecutor() {
    let Scene { world, pk, site, .. } = scene().await;
    let db = world.conn();
    let form = ClientForm { supervision_start: "2026-05-04".into(), ..sentenced("Andi Wijaya") };
    let andi = registry::create(db, &pk, &form, TODAY, NOW).await.unwrap().id;
    let late = PlacementForm { start_on: "2026-05-04".into(), ..placement(site, "40") };
    let p = placements::place(db, &pk, andi, &late, NOW).await.unwrap();
    let deadline = date!(2026 - 11 - 04);
    assert!(reasons_on(&world, &pk, andi, TODAY).await.contains(&TodayReason::WorkLate { deadline }));
    let doc = closing::document(db, &pk, p, TODAY, NOW).await.unwrap();
    assert_eq!(doc.placement.progress, Progress::Late);
    assert!(doc.placement.for_prosecutor() && !doc.placement.closable());
    assert!(!doc.officer.unwrap_or_default().is_empty(), "the PK signs");
}

/// The demo's tour places one of `pk.jakbar`'s kerja sosial clients (end2end's
/// `kerja-sosial.spec.ts`): whatever the date the demo is seeded on, one must be left, still
/// serving, after the two the demo places itself. Seeded on 2026-12-08 (Jakarta), chance had
/// left none.
#[tokio::test]
async fn the_demo_leaves_its_pk_a_kerja_sosial_client_to_place_on_any_date() {
    use pamong_domain::legal::LegalBasis;
    use pamong_entity::{client, ks_placement, user};
    use pamong_service::seed;
    use pamong_service::testing::TestDb;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    for seeded_at in [datetime!(2026-12-07 17:30 UTC), datetime!(2027-03-15 02:00 UTC)] {
        let t = TestDb::new().await;
        seed::seed_demo(&t.conn, seeded_at).await.unwrap();
        let pk = user::Entity::find().filter(user::Column::Username.eq("pk.jakbar")).one(&t.conn).await;
        let pk = pk.unwrap().expect("the demo PK");
        let serving = client::Entity::find()
            .filter(client::Column::PkId.eq(pk.id))
            .filter(client::Column::LegalBasis.eq(LegalBasis::KerjaSosial.as_str()))
            .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
            .filter(client::Column::SupervisionEnd.gt(seeded_at.date()))
            .all(&t.conn)
            .await
            .unwrap();
        let placed: Vec<i32> =
            ks_placement::Entity::find().all(&t.conn).await.unwrap().iter().map(|p| p.client_id).collect();
        let unplaced = serving.iter().filter(|c| !placed.contains(&c.id)).count();
        assert!(unplaced >= 1, "seeded at {seeded_at}: {} serving, none left to place", serving.len());
    }
}
