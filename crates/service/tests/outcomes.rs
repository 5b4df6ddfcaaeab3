//! The outcome evaluation against hand-counted fixtures: supervisions ended by outcome, the
//! checklist on the closing day, new offences during supervision and re-entry of a NIK,
//! grouped as each reader may, and who reads it.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{Office, World};
use pamong_domain::caseload::TransferForm;
use pamong_domain::client::ClientForm;
use pamong_domain::oversight::outcomes::{EvaluationForm, EvaluationPeriod, GroupLabel, Grouping, Reentry};
use pamong_domain::reintegration::checklist::ChecklistForm;
use pamong_domain::supervision::{StatusForm, ViolationForm};
use pamong_domain::{ErrorKind, Role};
use pamong_service::clients::{assignment, registry};
use pamong_service::oversight::outcomes::evaluation;
use pamong_service::reintegration::checklist;
use pamong_service::{Actor, ServiceError, supervision};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 12 - 05);
const NOW: OffsetDateTime = datetime!(2026-12-05 02:00 UTC);

async fn client(world: &World, pk: &Actor, name: &str, nik: &str, start: &str) -> Uuid {
    let form = ClientForm {
        nik: nik.into(),
        full_name: name.into(),
        sex: "L".into(),
        birth_date: "1985-03-12".into(),
        legal_basis: "pb".into(),
        supervision_start: start.into(),
        remaining_months: "30".into(),
        ..ClientForm::default()
    };
    registry::create(world.conn(), pk, &form, TODAY, NOW).await.unwrap().id
}

async fn end(world: &World, pk: &Actor, id: Uuid, status: &str, on: &str) {
    let form = StatusForm { status: status.into(), date: on.into(), reason: "Sesuai putusan".into() };
    registry::change_status(world.conn(), pk, id, &form, TODAY, NOW).await.unwrap();
}

async fn mark(world: &World, pk: &Actor, id: Uuid, set: impl Fn(&mut ChecklistForm), on: Date) {
    let mut form = ChecklistForm::default();
    set(&mut form);
    checklist::mark(world.conn(), pk, id, &form, on, NOW).await.unwrap();
}

fn asked(dari: &str, sampai: &str, menurut: &str) -> EvaluationForm {
    EvaluationForm { dari: dari.into(), sampai: sampai.into(), menurut: menurut.into() }
}

/// At office BPA:
/// - Agus (NIK …0001), completed 10 Feb 2025 with his KTP (BPJS only after), registered again
///   on 1 Aug 2025: back within a year.
/// - Bayu (NIK …0002), completed 1 Oct 2025, not back a year later.
/// - Candra, revoked 15 Jun 2026 after a new offence on 1 Jun; KTP met in March.
/// - Dodi, without a NIK, completed 1 Nov 2026.
/// - Eko, transferred to BPB today.
/// - Fajar, died 1 Apr 2026.
/// - Gilang, still supervised.
struct Fixture {
    world: World,
    kabapas: Actor,
}

async fn fixture() -> Fixture {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;

    let agus = client(&world, &pk, "Agus Salim", "3173051203850001", "2024-01-15").await;
    mark(&world, &pk, agus, |f| f.ktp = "terpenuhi".into(), date!(2025 - 01 - 20)).await;
    end(&world, &pk, agus, "selesai", "2025-02-10").await;
    mark(&world, &kabapas, agus, |f| f.bpjs = "terpenuhi".into(), date!(2025 - 03 - 01)).await;
    client(&world, &pk, "Agus Salim", "3173051203850001", "2025-08-01").await;

    let bayu = client(&world, &pk, "Bayu Aji", "3173051203850002", "2024-06-01").await;
    end(&world, &pk, bayu, "selesai", "2025-10-01").await;

    let candra = client(&world, &pk, "Candra Wijaya", "", "2026-01-10").await;
    mark(&world, &pk, candra, |f| f.ktp = "terpenuhi".into(), date!(2026 - 03 - 01)).await;
    let offence = ViolationForm {
        kind: "tindak_pidana_baru".into(),
        date: "2026-06-01".into(),
        description: "Ditangkap karena pencurian".into(),
        action: "pencabutan".into(),
        action_status: String::new(),
    };
    supervision::record_violation(world.conn(), &pk, candra, &offence, TODAY, NOW).await.unwrap();
    end(&world, &pk, candra, "dicabut", "2026-06-15").await;

    let dodi = client(&world, &pk, "Dodi Pratama", "", "2026-02-01").await;
    end(&world, &pk, dodi, "selesai", "2026-11-01").await;

    let eko = client(&world, &pk, "Eko Saputra", "", "2026-03-01").await;
    let ask = TransferForm { to_bapas: world.bapas[1].id.to_string(), reason: "Pindah domisili".into() };
    assignment::request_transfer(world.conn(), &pk, eko, &ask, NOW).await.unwrap();
    let theirs = world.actor(Role::Kabapas, Office::Other).await;
    let transfer = assignment::incoming(world.conn(), &theirs).await.unwrap()[0].id;
    assignment::decide_transfer(world.conn(), &theirs, transfer, true, "Diterima", NOW).await.unwrap();

    let fajar = client(&world, &pk, "Fajar Nugroho", "", "2026-01-05").await;
    end(&world, &pk, fajar, "meninggal", "2026-04-01").await;

    client(&world, &pk, "Gilang Ramadhan", "", "2026-05-01").await;
    Fixture { world, kabapas }
}

#[tokio::test]
async fn every_figure_equals_its_hand_count() {
    let f = fixture().await;
    let db = f.world.conn();
    let e = evaluation(db, &f.kabapas, &asked("2025-01-01", "", ""), NOW).await.unwrap();
    assert_eq!(e.scope, "Bapas BPA");
    assert_eq!(e.period, EvaluationPeriod { from: date!(2025 - 01 - 01), to: TODAY });
    assert_eq!(e.groupings, [Grouping::Quarter, Grouping::Basis, Grouping::Band]);
    let t = &e.total;
    // Completed: Agus, Bayu, Dodi; revoked: Candra; transferred: Eko; died: Fajar.
    assert_eq!(t.ended, [3, 1, 1, 1]);
    // Closed here: the completed and the revoked. KTP on the closing day: Agus and Candra;
    // Agus's BPJS came after. One new offence (Candra).
    assert_eq!(t.closed, 4);
    assert_eq!(t.met, [2, 0, 0, 0]);
    assert_eq!(t.new_offence, 1);
    // Re-entry: Dodi has no NIK; within a year Agus came back and Bayu did not; neither
    // two-year window has passed.
    assert_eq!(t.without_nik, 1);
    assert_eq!(t.reentry[0], Reentry { observed: 2, returned: 1, pending: 0 });
    assert_eq!(t.reentry[1], Reentry { observed: 0, returned: 0, pending: 2 });

    // By quarter, oldest first.
    let quarters: Vec<_> = e
        .rows
        .iter()
        .map(|r| match r.label {
            GroupLabel::Quarter { year, quarter } => (year, quarter, r.tally.total()),
            ref other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(quarters, [(2025, 1, 1), (2025, 4, 1), (2026, 2, 2), (2026, 4, 2)]);

    // The default period is this year's months: Candra, Dodi, Eko, Fajar.
    let year = evaluation(db, &f.kabapas, &EvaluationForm::default(), NOW).await.unwrap();
    assert_eq!(year.total.ended, [1, 1, 1, 1]);
    // Nobody was assessed: one row of unassessed clients.
    let bands = evaluation(db, &f.kabapas, &asked("", "", "risiko"), NOW).await.unwrap();
    assert_eq!(bands.rows.len(), 1);
    assert_eq!(bands.rows[0].label, GroupLabel::Band(None));

    let text = format!("{e:?}{year:?}");
    for name in ["Agus", "Bayu", "Candra", "Dodi", "Eko", "Fajar"] {
        assert!(!text.contains(name), "no client is named: {name}");
    }
}

#[tokio::test]
async fn the_region_and_the_country_group_by_office_and_kanwil() {
    let f = fixture().await;
    let db = f.world.conn();
    let kanwil = f.world.actor(Role::Kanwil, Office::Own).await;
    let region = evaluation(db, &kanwil, &asked("2025-01-01", "", ""), NOW).await.unwrap();
    assert_eq!(region.scope, "Kanwil A");
    assert_eq!(region.grouping, Grouping::Office);
    // The transfer counts for the office that sent the client.
    let offices: Vec<_> = region.rows.iter().map(|r| (r.label.clone(), r.tally.ended)).collect();
    assert_eq!(offices, [(GroupLabel::Area("Bapas BPA".into()), [3, 1, 1, 1])]);
    assert!(region.groupings.iter().all(|g| *g != Grouping::Kanwil));
    assert!(evaluation(db, &kanwil, &asked("", "", "kanwil"), NOW).await.is_err());

    let pusat = f.world.actor(Role::Pusat, Office::Own).await;
    let nation = evaluation(db, &pusat, &asked("2025-01-01", "", ""), NOW).await.unwrap();
    assert_eq!(nation.grouping, Grouping::Kanwil);
    assert_eq!(nation.rows.len(), 1);
    assert_eq!(nation.rows[0].label, GroupLabel::Area("Kanwil A".into()));
    assert_eq!(nation.total.ended, [3, 1, 1, 1]);
    let basis = evaluation(db, &pusat, &asked("2025-01-01", "", "dasar"), NOW).await.unwrap();
    assert_eq!(basis.rows.len(), 1);

    // The other Kanwil's reader sees none of it; the receiving office's Kabapas neither
    // (Eko is still supervised there).
    let other = f.world.actor(Role::Kanwil, Office::Other).await;
    assert_eq!(evaluation(db, &other, &asked("2025-01-01", "", ""), NOW).await.unwrap().total.total(), 0);
    let theirs = f.world.actor(Role::Kabapas, Office::Other).await;
    assert_eq!(evaluation(db, &theirs, &asked("2025-01-01", "", ""), NOW).await.unwrap().total.total(), 0);
}

#[tokio::test]
async fn officers_partners_and_bad_periods_are_refused() {
    let f = fixture().await;
    let db = f.world.conn();
    for role in [Role::Pk, Role::Koordinator, Role::Mitra] {
        let actor = f.world.actor(role, Office::Own).await;
        let refused = evaluation(db, &actor, &EvaluationForm::default(), NOW).await;
        assert!(matches!(refused, Err(ServiceError::Domain(ErrorKind::NotFound))), "{role:?}");
    }
    let future = evaluation(db, &f.kabapas, &asked("", "2027-01-01", ""), NOW).await;
    assert!(matches!(future, Err(ServiceError::Domain(ErrorKind::Invalid(_)))));
}

#[tokio::test]
async fn a_nik_comes_back_only_once_its_supervision_has_ended() {
    let f = fixture().await;
    let pk = f.world.actor_named("pk.lain", Role::Pk, Office::Own).await;
    // Agus is supervised again: his NIK cannot be registered a third time while he is.
    let form = ClientForm {
        nik: "3173051203850001".into(),
        full_name: "Agus Salim".into(),
        sex: "L".into(),
        birth_date: "1985-03-12".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-12-01".into(),
        remaining_months: "6".into(),
        ..ClientForm::default()
    };
    let err = registry::create(f.world.conn(), &pk, &form, TODAY, NOW).await.unwrap_err();
    match err {
        ServiceError::Domain(ErrorKind::Invalid(errors)) => {
            assert_eq!(errors.get("nik"), Some(pamong_domain::Problem::Taken));
        }
        other => panic!("{other:?}"),
    }
}

fn sheet(bytes: Vec<u8>, name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    book.worksheet_range(name).unwrap().rows().map(<[calamine::Data]>::to_vec).collect()
}

#[tokio::test]
async fn exports_open_as_spreadsheets_keep_the_nik_and_are_logged() {
    use calamine::Data;
    use pamong_domain::caseload::ClientFilter;
    use pamong_domain::export::ExportFormat;
    use pamong_domain::logs::{ExportFilter, ExportKind};
    use pamong_service::clients::export;
    use pamong_service::{exports, oversight::outcomes};

    let f = fixture().await;
    let db = f.world.conn();
    // The evaluation as a workbook: a row per quarter, then the total, counts as numbers.
    let file = outcomes::export(db, &f.kabapas, &asked("2025-01-01", "", ""), ExportFormat::Xlsx, NOW)
        .await
        .unwrap();
    assert_eq!(file.file_name, "evaluasi.xlsx");
    let rows = sheet(file.bytes, "Evaluasi");
    assert_eq!(rows.len(), 1 + 4 + 1);
    assert_eq!(rows[0][0], Data::String("kelompok".into()));
    assert_eq!(rows[1][0], Data::String("2025-T1".into()));
    let total = &rows[5];
    assert_eq!(total[0], Data::String("jumlah".into()));
    assert_eq!(&total[1..5], &[Data::Float(3.0), Data::Float(1.0), Data::Float(1.0), Data::Float(1.0)]);
    assert_eq!(total[12], Data::Float(1.0), "back within a year");

    // The client list as a workbook: the NIK stays text with its 16 digits.
    let filter = ClientFilter { status: Some("selesai".into()), ..ClientFilter::default() };
    let file = export::list(db, &f.kabapas, &filter, ExportFormat::Xlsx, NOW).await.unwrap();
    let rows = sheet(file.bytes, "Klien");
    let bayu = rows.iter().find(|r| r[1] == Data::String("Bayu Aji".into())).unwrap();
    assert_eq!(bayu[2], Data::String("3173051203850002".into()));
    // For Excel in an Indonesian locale: a byte-order mark and semicolons.
    let file = export::list(db, &f.kabapas, &filter, ExportFormat::CsvExcel, NOW).await.unwrap();
    let text = String::from_utf8(file.bytes).unwrap();
    assert!(text.starts_with("\u{feff}nomor_register;nama;nik;"), "{text}");

    // Each export is in the log, with what was asked for.
    let log = exports::list(db, &f.kabapas, &ExportFilter::default()).await.unwrap();
    let kinds: Vec<_> = log.items.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [ExportKind::ClientList, ExportKind::ClientList, ExportKind::Evaluation]);
    assert!(log.items[2].filter.contains("format: xlsx"), "{}", log.items[2].filter);

    // An officer exports no evaluation.
    let pk = f.world.actor(Role::Pk, Office::Own).await;
    let refused = outcomes::export(db, &pk, &EvaluationForm::default(), ExportFormat::Csv, NOW).await;
    assert!(matches!(refused, Err(ServiceError::Domain(ErrorKind::NotFound))));
}
