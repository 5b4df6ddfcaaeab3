//! Clients through the service on the test database (SQLite or PostgreSQL): registry,
//! duplicate guards, search, the policy matrix of every client action, supervision records,
//! Today, reassignment and transfers.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World, audit_rows};
use pamong_domain::caseload::{AssessmentForm, ClientFilter, TimelineEvent, TodayReason, TransferForm};
use pamong_domain::client::{ClientForm, ClientStatus};
use pamong_domain::page::ListQuery;
use pamong_domain::reporting::RiskBand;
use pamong_domain::supervision::{GuidanceForm, ReportForm, StatusForm, ViolationForm};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::clients::search::SEARCH_CAP;
use pamong_service::clients::{self, assignment, registry};
use pamong_service::{Actor, ServiceError, supervision, today};
use sea_orm::ConnectionTrait;
use time::Date;
use time::OffsetDateTime;
use time::macros::{date, datetime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 23);
/// The instant the tests act at: 10:00 on [`TODAY`] at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-23 02:00 UTC);

fn form(name: &str, nik: &str) -> ClientForm {
    ClientForm {
        nik: nik.into(),
        full_name: name.into(),
        sex: "L".into(),
        birth_date: "1985-03-12".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-10-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    }
}

fn field_problem(err: ServiceError, field: &str) -> Option<Problem> {
    match err {
        ServiceError::Domain(ErrorKind::Invalid(errors)) => errors.get(field),
        other => panic!("expected a field error, got {other:?}"),
    }
}

fn is_not_found<T: std::fmt::Debug>(r: Result<T, ServiceError>) -> bool {
    matches!(r, Err(ServiceError::Domain(ErrorKind::NotFound)))
}

async fn search(world: &World, actor: &Actor, q: &str) -> Vec<String> {
    let filter = ClientFilter { list: ListQuery { q: q.into(), ..Default::default() }, ..Default::default() };
    clients::list(world.conn(), actor, &filter)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.full_name)
        .collect()
}

#[tokio::test]
async fn register_edit_and_find() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let made = registry::create(world.conn(), &pk, &form("Budi Santoso", "3173051203850001"), TODAY, NOW)
        .await
        .unwrap();
    assert!(made.register_number.starts_with("BPA-2026-"), "{}", made.register_number);
    assert_eq!(
        made.pk.as_ref().map(|p| p.id),
        Some(pk.public_id),
        "an officer registers into their caseload"
    );
    assert_eq!(made.supervision_end, Some(date!(2028 - 08 - 01)), "PB: remaining 10 months + 1 year");
    assert_eq!(audit_rows(world.conn(), &made.id.to_string()).await.len(), 1);

    let mut edited = form("Budi Santoso", "3173051203850001");
    edited.aliases = "Bento".into();
    edited.pk_id = pk.public_id.to_string();
    registry::update(world.conn(), &pk, made.id, &edited, None, TODAY, NOW).await.unwrap();
    registry::create(world.conn(), &pk, &form("Siti Nurhaliza", ""), TODAY, NOW).await.unwrap();

    assert_eq!(search(&world, &pk, "santo").await, ["Budi Santoso"], "partial");
    assert_eq!(search(&world, &pk, "SANTOSO").await, ["Budi Santoso"], "case");
    assert_eq!(search(&world, &pk, "samtosi").await, Vec::<String>::new(), "two typos");
    assert_eq!(search(&world, &pk, "santoso").await, ["Budi Santoso"]);
    assert_eq!(search(&world, &pk, "snatoso").await, ["Budi Santoso"], "one typo (swap)");
    assert_eq!(search(&world, &pk, "nurhalisa").await, ["Siti Nurhaliza"], "one typo (letter)");
    assert_eq!(search(&world, &pk, "bento").await, ["Budi Santoso"], "alias");
    assert_eq!(search(&world, &pk, "bentp").await, ["Budi Santoso"], "a typo in an alias added by an edit");
    assert_eq!(search(&world, &pk, "budi santsoo").await, ["Budi Santoso"], "one typo in the second word");
    assert_eq!(search(&world, &pk, "siti nurhla").await, ["Siti Nurhaliza"], "a typo in a word still typed");
    assert_eq!(search(&world, &pk, "budy santsoo").await, Vec::<String>::new(), "a typo in two words");
    assert_eq!(search(&world, &pk, "3173 0512").await, ["Budi Santoso"], "NIK prefix");
    assert_eq!(search(&world, &pk, &made.register_number.to_lowercase()).await, ["Budi Santoso"]);
    let detail = clients::get(world.conn(), &pk, made.id, TODAY, NOW).await.unwrap();
    assert_eq!(detail.form.aliases, "Bento");
    assert!(detail.can_edit);
}

/// A database from before the names' words were kept learns them when it is migrated.
#[tokio::test]
async fn migrating_fills_the_names_words_when_none_are_kept() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    registry::create(world.conn(), &pk, &form("Budi Santoso", ""), TODAY, NOW).await.unwrap();
    world.conn().execute_unprepared("DELETE FROM name_word_keys").await.unwrap();
    assert_eq!(search(&world, &pk, "santsoo").await, Vec::<String>::new(), "no words, no correction");
    pamong_service::db::migrate_up(world.conn()).await.unwrap();
    assert_eq!(search(&world, &pk, "santsoo").await, ["Budi Santoso"]);
}

#[tokio::test]
async fn duplicate_nik_is_refused_countrywide_and_similar_names_warn() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let elsewhere = world.actor(Role::Pk, Office::Other).await;
    registry::create(world.conn(), &pk, &form("Budi Santoso", "3173051203850001"), TODAY, NOW).await.unwrap();
    let err = registry::create(world.conn(), &elsewhere, &form("Budi S.", "3173 0512 0385 0001"), TODAY, NOW)
        .await
        .unwrap_err();
    assert_eq!(field_problem(err, "nik"), Some(Problem::Taken));

    let same_office =
        registry::similar(world.conn(), &pk, "budi santosa", date!(1985 - 03 - 12), None).await.unwrap();
    assert_eq!(same_office.visible.len(), 1);
    assert_eq!(same_office.elsewhere, 0);
    let other = registry::similar(world.conn(), &elsewhere, "Budi Santoso", date!(1985 - 03 - 12), None)
        .await
        .unwrap();
    assert!(other.visible.is_empty(), "another office's client is not shown");
    assert_eq!(other.elsewhere, 1, "but counted");
    let other_day =
        registry::similar(world.conn(), &pk, "Budi Santoso", date!(1985 - 03 - 13), None).await.unwrap();
    assert_eq!(other_day.visible.len() as u64 + other_day.elsewhere, 0);
}

#[tokio::test]
async fn an_officer_cannot_give_a_client_to_someone_else() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let colleague = world.actor_named("pk.colleague", Role::Pk, Office::Own).await;
    let mut f = form("Budi Santoso", "");
    f.pk_id = colleague.public_id.to_string();
    let err = registry::create(world.conn(), &pk, &f, TODAY, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "pk_id"), Some(Problem::NotAllowed));
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let made = registry::create(world.conn(), &kabapas, &f, TODAY, NOW).await.unwrap();
    assert_eq!(made.pk.map(|p| p.id), Some(colleague.public_id));
    let outsider = world.actor(Role::Pk, Office::Other).await;
    f.pk_id = outsider.public_id.to_string();
    let err = registry::create(world.conn(), &kabapas, &f, TODAY, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "pk_id"), Some(Problem::UnknownReference));
}

/// What each action answered: true when allowed.
#[derive(Debug, PartialEq, Eq)]
struct Allowed {
    read: bool,
    listed: bool,
    edit: bool,
    record: bool,
    reassign: bool,
    transfer: bool,
}

async fn try_everything(world: &World, actor: &Actor, client: Uuid, pk: Uuid) -> Allowed {
    let db = world.conn();
    let read = clients::get(db, actor, client, TODAY, NOW).await.is_ok()
        && supervision::timeline(db, actor, client, TODAY).await.is_ok();
    let listed = clients::list(db, actor, &ClientFilter::default())
        .await
        .unwrap()
        .items
        .iter()
        .any(|c| c.id == client);
    let mut f = form("Budi Santoso", "");
    f.pk_id = pk.to_string();
    let edit = registry::update(db, actor, client, &f, None, TODAY, NOW).await.is_ok();
    let report = ReportForm {
        kind: "kantor".into(),
        date: "2026-11-20".into(),
        time: "10:00".into(),
        attended: "ya".into(),
        ..ReportForm::default()
    };
    let record = supervision::record_report(db, actor, client, &report, None, TODAY, NOW).await.is_ok();
    let reassign = assignment::reassign(db, actor, client, pk, NOW).await.is_ok();
    let transfer = TransferForm { to_bapas: world.bapas[1].id.to_string(), reason: "Pindah domisili".into() };
    let transfer = match assignment::request_transfer(db, actor, client, &transfer, NOW).await {
        Ok(()) => true,
        Err(ServiceError::Domain(ErrorKind::NotFound)) => false,
        Err(e) => panic!("{e:?}"),
    };
    Allowed { read, listed, edit, record, reassign, transfer }
}

#[tokio::test]
async fn policy_matrix_for_every_client_action() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let yes =
        |read, edit, reassign| Allowed { read, listed: read, edit, record: edit, reassign, transfer: edit };
    let cases: Vec<(&str, Actor, Allowed)> = vec![
        ("PK own caseload", pk.clone(), yes(true, true, false)),
        (
            "PK same office",
            world.actor_named("pk.colleague", Role::Pk, Office::Own).await,
            yes(true, false, false),
        ),
        ("PK other office", world.actor(Role::Pk, Office::Other).await, yes(false, false, false)),
        ("Kabapas", world.actor(Role::Kabapas, Office::Own).await, yes(true, true, true)),
        ("Kabapas other office", world.actor(Role::Kabapas, Office::Other).await, yes(false, false, false)),
        ("Kanwil of the region", world.actor(Role::Kanwil, Office::Own).await, yes(true, false, false)),
        ("Kanwil elsewhere", world.actor(Role::Kanwil, Office::Other).await, yes(false, false, false)),
        ("Koordinator", world.actor(Role::Koordinator, Office::Own).await, yes(false, false, false)),
        ("Mitra", world.actor(Role::Mitra, Office::Own).await, yes(false, false, false)),
        ("Admin", world.actor(Role::Admin, Office::Own).await, yes(false, false, false)),
    ];
    for (label, actor, expected) in cases {
        // A fresh client for each actor, so a transfer asked by one does not block the next.
        let client =
            registry::create(world.conn(), &pk, &form("Budi Santoso", ""), TODAY, NOW).await.unwrap();
        let got = try_everything(&world, &actor, client.id, pk.public_id).await;
        assert_eq!(got, expected, "{label}");
    }
    // Creating is for the office's officers and Kabapas only.
    for role in [Role::Kanwil, Role::Koordinator, Role::Mitra, Role::Admin] {
        let actor = world.actor(role, Office::Own).await;
        assert!(
            is_not_found(registry::create(world.conn(), &actor, &form("X Y", ""), TODAY, NOW).await),
            "{role:?}"
        );
    }
}

#[tokio::test]
async fn reports_build_the_timeline_and_today() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    // Monthly reporting from 1 October: 1 November was missed; 1 December is next.
    let client = registry::create(world.conn(), &pk, &form("Budi Santoso", ""), TODAY, NOW).await.unwrap();
    let items = today::today(world.conn(), &pk, TODAY).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].reasons,
        [TodayReason::Overdue { since: date!(2026 - 11 - 01) }, TodayReason::ReassessmentDue { since: None }]
    );

    let visit = ReportForm {
        kind: "kunjungan".into(),
        date: "2026-11-23".into(),
        time: "09:30".into(),
        attended: "ya".into(),
        notes: "Klien ada di rumah bersama orang tua".into(),
        latitude: "-6.16".into(),
        longitude: "106.76".into(),
    };
    supervision::record_report(world.conn(), &pk, client.id, &visit, None, TODAY, NOW).await.unwrap();
    let timeline = supervision::timeline(world.conn(), &pk, client.id, TODAY).await.unwrap();
    assert!(matches!(timeline[0].event, TimelineEvent::Report { .. }));
    assert!(matches!(timeline[1].event, TimelineEvent::Missed), "the miss of 1 November stays on record");
    let items = today::today(world.conn(), &pk, TODAY).await.unwrap();
    assert_eq!(items[0].reasons, [TodayReason::ReassessmentDue { since: None }], "overdue made up for");

    let mut answers = pamong_domain::rri::Answers::new();
    for item in &pamong_domain::rri::Instrument::part_a_2021().items {
        answers.insert(item.key.clone(), item.choices.last().unwrap().key.clone());
    }
    let form = AssessmentForm { answers, date: "2026-11-23".into(), ..Default::default() };
    let score = supervision::assess(world.conn(), &pk, client.id, &form, TODAY, NOW).await.unwrap();
    assert_eq!(score.band, RiskBand::SangatTinggi);
    assert!(today::today(world.conn(), &pk, TODAY).await.unwrap().is_empty());
    let detail = clients::get(world.conn(), &pk, client.id, TODAY, NOW).await.unwrap();
    assert_eq!(detail.summary.risk_band, Some(RiskBand::SangatTinggi));
    assert_eq!(detail.reassessment_due, Some(date!(2027 - 05 - 23)));

    let guidance = GuidanceForm {
        kind: "kemandirian".into(),
        topic: "Pelatihan las".into(),
        date: "2026-11-22".into(),
        attended: "ya".into(),
        notes: String::new(),
    };
    supervision::record_guidance(world.conn(), &pk, client.id, &guidance, None, TODAY, NOW).await.unwrap();
    let violation = ViolationForm {
        kind: "langgar_syarat".into(),
        date: "2026-11-21".into(),
        description: "Keluar kota tanpa izin".into(),
        action: "teguran".into(),
        action_status: String::new(),
    };
    supervision::record_violation(world.conn(), &pk, client.id, &violation, TODAY, NOW).await.unwrap();

    let timeline = supervision::timeline(world.conn(), &pk, client.id, TODAY).await.unwrap();
    let violation_id = timeline
        .iter()
        .find_map(|e| match e.event {
            TimelineEvent::Violation { id, .. } => Some(id),
            _ => None,
        })
        .unwrap();
    let colleague = world.actor_named("pk.colleague", Role::Pk, Office::Own).await;
    assert!(is_not_found(
        supervision::update_violation_status(world.conn(), &colleague, violation_id, "selesai", NOW).await
    ));
    supervision::update_violation_status(world.conn(), &pk, violation_id, "selesai", NOW).await.unwrap();
    let timeline = supervision::timeline(world.conn(), &pk, client.id, TODAY).await.unwrap();
    assert!(timeline.iter().any(|e| matches!(
        e.event,
        TimelineEvent::Violation { action_status: pamong_domain::supervision::ActionStatus::Selesai, .. }
    )));
    let kinds: Vec<&str> = timeline
        .iter()
        .map(|e| match &e.event {
            TimelineEvent::Report { .. } => "report",
            TimelineEvent::Assessment { .. } => "assessment",
            TimelineEvent::Guidance { .. } => "guidance",
            TimelineEvent::Violation { .. } => "violation",
            TimelineEvent::Missed => "missed",
            TimelineEvent::Started => "started",
            TimelineEvent::Status { .. } => "status",
            TimelineEvent::Programme { .. } => "programme",
        })
        .collect();
    // The assessment made reporting weekly from today; the monthly miss before it stays.
    assert_eq!(kinds, ["report", "assessment", "guidance", "violation", "missed", "started"]);
    match &timeline[0].event {
        TimelineEvent::Report { position, attended, .. } => {
            assert!(attended);
            assert_eq!(*position, Some((-6.16, 106.76)));
        }
        other => panic!("{other:?}"),
    }

    let end = StatusForm {
        status: "selesai".into(),
        date: "2026-11-23".into(),
        reason: "Masa bimbingan selesai".into(),
    };
    registry::change_status(world.conn(), &pk, client.id, &end, TODAY, NOW).await.unwrap();
    let detail = clients::get(world.conn(), &pk, client.id, TODAY, NOW).await.unwrap();
    assert_eq!(detail.summary.status, ClientStatus::Selesai);
    assert!(!detail.can_edit, "an ended supervision is read-only");
    assert!(is_not_found(
        supervision::record_report(world.conn(), &pk, client.id, &visit, None, TODAY, NOW).await
    ));
}

#[tokio::test]
async fn kabapas_sees_loads_and_reassigns() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let colleague = world.actor_named("pk.colleague", Role::Pk, Office::Own).await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let a = registry::create(world.conn(), &pk, &form("Budi Santoso", ""), TODAY, NOW).await.unwrap();
    registry::create(world.conn(), &pk, &form("Agus Salim", ""), TODAY, NOW).await.unwrap();
    assert!(is_not_found(assignment::officer_loads(world.conn(), &pk).await));
    let loads = assignment::officer_loads(world.conn(), &kabapas).await.unwrap();
    let total = |id: Uuid| loads.iter().find(|l| l.pk.as_ref().map(|p| p.id) == Some(id)).map(|l| l.total());
    assert_eq!(total(pk.public_id), Some(2));
    assert_eq!(total(colleague.public_id), Some(0), "an officer without clients is listed too");

    assignment::reassign(world.conn(), &kabapas, a.id, colleague.public_id, NOW).await.unwrap();
    let mine = ClientFilter { pk: Some("saya".into()), ..Default::default() };
    assert_eq!(clients::list(world.conn(), &colleague, &mine).await.unwrap().total, 1);
    assert!(audit_rows(world.conn(), &a.id.to_string()).await.iter().any(|r| r.action == "reassign"));
    let outsider = world.actor(Role::Pk, Office::Other).await;
    let err = assignment::reassign(world.conn(), &kabapas, a.id, outsider.public_id, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "pk_id"), Some(Problem::UnknownReference));
}

#[tokio::test]
async fn transfer_waits_for_the_receiving_kabapas() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let own_kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let their_kabapas = world.actor(Role::Kabapas, Office::Other).await;
    let their_pk = world.actor(Role::Pk, Office::Other).await;
    let client = registry::create(world.conn(), &pk, &form("Budi Santoso", ""), TODAY, NOW).await.unwrap();
    let ask =
        TransferForm { to_bapas: world.bapas[1].id.to_string(), reason: "Pindah domisili ke Jember".into() };
    assignment::request_transfer(world.conn(), &pk, client.id, &ask, NOW).await.unwrap();
    let again = assignment::request_transfer(world.conn(), &pk, client.id, &ask, NOW).await.unwrap_err();
    assert_eq!(field_problem(again, "to_bapas"), Some(Problem::InUse), "one pending transfer at a time");

    assert!(assignment::incoming(world.conn(), &own_kabapas).await.unwrap().is_empty());
    assert!(assignment::incoming(world.conn(), &their_pk).await.unwrap().is_empty());
    let incoming = assignment::incoming(world.conn(), &their_kabapas).await.unwrap();
    assert_eq!(incoming.len(), 1);
    assert!(incoming[0].can_decide);
    let transfer = incoming[0].id;
    assert!(is_not_found(
        assignment::decide_transfer(world.conn(), &own_kabapas, transfer, true, "", NOW).await
    ));
    assert!(is_not_found(
        assignment::decide_transfer(world.conn(), &their_pk, transfer, true, "", NOW).await
    ));

    assignment::decide_transfer(world.conn(), &their_kabapas, transfer, true, "Diterima", NOW).await.unwrap();
    assert!(
        is_not_found(clients::get(world.conn(), &pk, client.id, TODAY, NOW).await),
        "gone from the old office"
    );
    let there = clients::get(world.conn(), &their_kabapas, client.id, TODAY, NOW).await.unwrap();
    assert_eq!(there.bapas.id, world.bapas[1].id);
    assert_eq!(there.summary.status, ClientStatus::Aktif);
    assert_eq!(there.summary.pk, None, "waits for the Kabapas to assign a PK");
    let timeline = supervision::timeline(world.conn(), &their_kabapas, client.id, TODAY).await.unwrap();
    assert!(
        timeline
            .iter()
            .any(|e| matches!(e.event, TimelineEvent::Status { status: ClientStatus::Dipindahkan, .. }))
    );
}

#[tokio::test]
async fn nik_and_village_are_checked_against_the_loaded_region_list() {
    use pamong_domain::region::RegionRow;
    use pamong_service::regions;
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let rows: Vec<RegionRow> = [
        ("31", "DKI Jakarta"),
        ("31.73", "Kota Jakarta Barat"),
        ("31.73.05", "Kebon Jeruk"),
        ("31.73.05.1001", "Kebon Jeruk"),
    ]
    .into_iter()
    .map(|(c, n)| RegionRow::parse(c, n).unwrap())
    .collect();
    regions::import(world.conn(), &Actor::system(), &rows, "test", NOW, |_| {}).await.unwrap();

    // 31.73.06 is not a kecamatan of the loaded Jakarta Barat.
    let err = registry::create(world.conn(), &pk, &form("Budi Santoso", "3173061203850001"), TODAY, NOW)
        .await
        .unwrap_err();
    assert_eq!(field_problem(err, "nik"), Some(Problem::UnknownRegion));
    // Another province is not loaded at all, so it cannot be checked and is accepted.
    registry::create(world.conn(), &pk, &form("Agus Salim", "3509011203850001"), TODAY, NOW).await.unwrap();

    let mut f = form("Budi Santoso", "3173051203850001");
    f.region_code = "31.73.05.1999".into();
    let err = registry::create(world.conn(), &pk, &f, TODAY, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "region_code"), Some(Problem::UnknownRegion));
    f.region_code = "31.73.05.1001".into();
    let made = registry::create(world.conn(), &pk, &f, TODAY, NOW).await.unwrap();
    let detail = clients::get(world.conn(), &pk, made.id, TODAY, NOW).await.unwrap();
    assert_eq!(detail.region_names, ["DKI Jakarta", "Kota Jakarta Barat", "Kebon Jeruk", "Kebon Jeruk"]);
}

#[tokio::test]
async fn reporting_frequency_is_an_office_setting() {
    use pamong_domain::reporting::{Frequency, ReportingFrequencies};
    use pamong_service::settings;
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let client = registry::create(world.conn(), &pk, &form("Budi Santoso", ""), TODAY, NOW).await.unwrap();
    // Unassessed clients report monthly by default: due 1 November (missed), then 1 December.
    let detail = clients::get(world.conn(), &pk, client.id, TODAY, NOW).await.unwrap();
    assert_eq!(detail.reporting.as_ref().map(|r| r.next_due), Some(date!(2026 - 12 - 01)));

    let weekly = ReportingFrequencies { rendah: Frequency::Weekly, ..ReportingFrequencies::default() };
    let bapas_id = kabapas.bapas_id.unwrap();
    assert!(is_not_found(
        settings::set_reporting_frequencies(world.conn(), &pk, bapas_id, weekly, NOW).await
    ));
    let other = world.actor(Role::Kabapas, Office::Other).await;
    assert!(is_not_found(
        settings::set_reporting_frequencies(world.conn(), &other, bapas_id, weekly, NOW).await
    ));
    settings::set_reporting_frequencies(world.conn(), &kabapas, bapas_id, weekly, NOW).await.unwrap();
    let detail = clients::get(world.conn(), &pk, client.id, TODAY, NOW).await.unwrap();
    let reporting = detail.reporting.unwrap();
    assert_eq!(reporting.next_due, date!(2026 - 11 - 26), "weekly from Thursday 1 October");
    assert_eq!(reporting.consecutive_misses, 7, "every week since 8 October missed");
    assert!(reporting.revocation_warning());
}

#[tokio::test]
async fn a_long_export_holds_every_client_of_the_list_in_its_order() {
    use pamong_domain::export::ExportFormat;
    let world = World::new().await;
    let db = world.conn();
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    // More than one chunk of the export (a thousand) per office.
    pamong_service::seed::clients::generate(db, 1_203, 7, NOW).await.unwrap();
    let filter = ClientFilter::default();
    let file = clients::export::list(db, &kabapas, &filter, ExportFormat::Csv, NOW).await.unwrap();
    let text = String::from_utf8(file.bytes).unwrap();
    let registers: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let mut listed = Vec::new();
    for page in 1..=13 {
        let query = ListQuery { page, per_page: 100, ..ListQuery::default() };
        let got = clients::list(db, &kabapas, &ClientFilter { list: query, ..filter.clone() }).await.unwrap();
        listed.extend(got.items.into_iter().map(|c| c.register_number));
    }
    assert_eq!(listed.len(), 1_203, "the office's own clients only");
    assert_eq!(registers, listed, "every client once, in the list's order");
    // A search exports what it finds, and only that.
    let first_name = text.lines().nth(1).unwrap().split(',').nth(1).unwrap().to_owned();
    let search =
        ClientFilter { list: ListQuery { q: first_name.clone(), ..ListQuery::default() }, ..filter.clone() };
    let found = clients::list(db, &kabapas, &search).await.unwrap().total;
    let file = clients::export::list(db, &kabapas, &search, ExportFormat::Csv, NOW).await.unwrap();
    let lines = String::from_utf8(file.bytes).unwrap().lines().count() as u64;
    assert!((1..1_203).contains(&found));
    assert_eq!(lines, 1 + found);

    // The name index finds every client the text is in: the same as reading every name.
    let names: Vec<String> =
        text.lines().skip(1).map(|l| l.split(',').nth(1).unwrap().to_lowercase()).collect();
    let searched =
        |q: &str| ClientFilter { list: ListQuery { q: q.into(), ..ListQuery::default() }, ..filter.clone() };
    for q in ["santoso", "wijaya", "siti", "an sa"] {
        let expected = names.iter().filter(|n| n.contains(q)).count() as u64;
        let got = clients::list(db, &kabapas, &searched(q)).await.unwrap();
        assert!(expected > 0, "{q}");
        assert_eq!((got.total, got.more), (expected, false), "{q}");
        let mut in_order: Vec<String> = got.items.iter().map(|c| c.full_name.to_lowercase()).collect();
        in_order.sort();
        assert_eq!(in_order, got.items.iter().map(|c| c.full_name.to_lowercase()).collect::<Vec<_>>(), "{q}");
    }
    // A search that matches nearly everyone stops at the cap and says there is more.
    let capped = clients::list(db, &kabapas, &searched("a")).await.unwrap();
    assert_eq!((capped.total, capped.more), (SEARCH_CAP, true));
    let capped = clients::list(db, &kabapas, &searched("san")).await.unwrap();
    assert!(!capped.more && capped.total > 0, "three letters go through the trigram index");
}

/// Today reads a year of reports no more: the misses in a row still count from the last
/// report, however long ago it was.
#[tokio::test]
async fn today_counts_the_misses_since_a_report_long_ago() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    // Monthly from 1 November 2025 (due on the 1st); reported every month until July 2026.
    let long = ClientForm {
        supervision_start: "2025-11-01".into(),
        remaining_months: "24".into(),
        ..form("Lama Sekali", "")
    };
    let client = registry::create(world.conn(), &pk, &long, TODAY, NOW).await.unwrap();
    for month in [
        "2025-11-15",
        "2025-12-10",
        "2026-01-10",
        "2026-03-10",
        "2026-04-10",
        "2026-05-10",
        "2026-06-10",
        "2026-07-10",
    ] {
        let report = ReportForm {
            kind: "kantor".into(),
            date: month.into(),
            time: "09:00".into(),
            attended: "ya".into(),
            notes: "Wajib lapor".into(),
            latitude: String::new(),
            longitude: String::new(),
        };
        supervision::record_report(world.conn(), &pk, client.id, &report, None, TODAY, NOW).await.unwrap();
    }
    let items = today::today(world.conn(), &pk, TODAY).await.unwrap();
    assert_eq!(
        items[0].reasons,
        [TodayReason::RevocationWarning { misses: 3 }, TodayReason::ReassessmentDue { since: None }],
        "1 September, 1 October and 1 November missed; February's miss was made good since"
    );
}
