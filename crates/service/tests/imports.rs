//! Spreadsheet imports of clients through the service, on the test database: every bad row
//! named, every good row kept, a failure midway leaving nothing, and who may import.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World, audit_rows};
use pamong_domain::client::ClientForm;
use pamong_domain::export::ExportFormat;
use pamong_domain::import::{COLUMNS, FileProblem, ImportStatus, PK_FIELD, RowIssue, has_problem};
use pamong_domain::page::ListQuery;
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_entity::client;
use pamong_service::clients::import::{self, Uploaded};
use pamong_service::clients::registry;
use pamong_service::{Actor, ServiceError};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use time::OffsetDateTime;
use time::macros::{date, datetime};
use uuid::Uuid;

/// 10:00 on 2026-11-23 at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-23 02:00 UTC);

/// The template's heading row.
fn headings() -> String {
    COLUMNS.iter().map(|c| c.heading).collect::<Vec<_>>().join(",")
}

/// A CSV row of the template with the given cells (by field name); the rest empty.
fn row(cells: &[(&str, &str)]) -> String {
    COLUMNS
        .iter()
        .map(|c| cells.iter().find(|(f, _)| *f == c.field).map_or("", |(_, v)| v))
        .collect::<Vec<_>>()
        .join(",")
}

/// A good adult row: a PB client born on 12 March 1985 with NIK serial `serial`.
fn good(name: &str, serial: u16) -> String {
    let nik = format!("317305120385{serial:04}");
    row(&[
        ("nik", nik.as_str()),
        ("full_name", name),
        ("sex", "L"),
        ("birth_date", "12/03/1985"),
        ("legal_basis", "Pembebasan Bersyarat"),
        ("supervision_start", "2026-10-01"),
        ("remaining_months", "10"),
    ])
}

fn file(rows: &[String]) -> Vec<u8> {
    let mut out = headings();
    for r in rows {
        out.push('\n');
        out.push_str(r);
    }
    out.into_bytes()
}

async fn upload(world: &World, actor: &Actor, rows: &[String]) -> Uuid {
    match import::upload(world.conn(), actor, "klien.csv", file(rows), NOW).await.unwrap() {
        Uploaded::Checked(id) => id,
        Uploaded::Refused(why) => panic!("refused: {why:?}"),
    }
}

async fn clients(world: &World) -> u64 {
    client::Entity::find().count(world.conn()).await.unwrap()
}

fn all() -> ListQuery {
    ListQuery { per_page: 100, ..ListQuery::default() }
}

#[tokio::test]
async fn a_file_with_bad_rows_keeps_every_good_row_and_names_every_bad_one() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let pk = world.actor_named("pk.satu", Role::Pk, Office::Own).await;
    // Already under supervision: the file's row with this NIK is refused.
    let registered = ClientForm {
        nik: "3173051203850009".into(),
        full_name: "Sudah Terdaftar".into(),
        sex: "L".into(),
        birth_date: "1985-03-12".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-10-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    registry::create(world.conn(), &pk, &registered, date!(2026 - 11 - 23), NOW).await.unwrap();

    let mut rows: Vec<String> = (1..=6).map(|i| good(&format!("Klien Baik {i}"), i)).collect();
    rows[0] = row(&[
        ("nik", "3173051203850001"),
        ("full_name", "Klien Baik 1"),
        ("sex", "Laki-laki"),
        ("birth_date", "1985-03-12"),
        ("legal_basis", "pb"),
        ("supervision_start", "01/10/2026"),
        ("remaining_months", "10"),
        (PK_FIELD, "PK.SATU"),
    ]);
    rows.push(row(&[("full_name", ""), ("sex", "L"), ("birth_date", "1985-03-12")])); // row 8
    rows.push(good("Tanggal Salah", 7).replace("12/03/1985", "31/02/1985")); // row 9
    rows.push(good("Sudah Terdaftar Lagi", 9)); // row 10
    rows.push(good("Klien Baik 2", 2)); // row 11: the same NIK as row 3
    rows.push(row(&[
        ("full_name", "Anak Kecil"),
        ("sex", "P"),
        ("birth_date", "2014-05-01"),
        ("legal_basis", "pb"),
        ("supervision_start", "2026-10-01"),
        ("remaining_months", "3"),
    ])); // row 12
    rows.push(good("PK Tak Dikenal", 8) + "pk.entah"); // row 13
    let before = clients(&world).await;

    let id = upload(&world, &kabapas, &rows).await;
    let view = import::view(world.conn(), &kabapas, id, &all()).await.unwrap();
    assert_eq!(view.status, ImportStatus::Preview);
    assert_eq!((view.rows, view.good), (12, 6));
    let problem = |row: u32| view.problems.items.iter().find(|p| p.row == row).map(|p| p.issues.clone());
    assert!(has_problem(&problem(8).unwrap(), "full_name", Problem::Required));
    assert!(has_problem(&problem(9).unwrap(), "birth_date", Problem::BadFormat));
    assert!(has_problem(&problem(10).unwrap(), "nik", Problem::Taken));
    assert_eq!(problem(11).unwrap(), [RowIssue::RepeatOf(3)]);
    assert_eq!(problem(12).unwrap(), [RowIssue::Child]);
    assert!(has_problem(&problem(13).unwrap(), PK_FIELD, Problem::UnknownReference));
    assert_eq!(view.problems.total, 6, "every bad row is named, and no good one");
    assert!(view.can_start);
    assert_eq!(clients(&world).await, before, "a preview writes no client");

    import::start(world.conn(), &kabapas, id, NOW).await.unwrap().run().await.unwrap();
    let view = import::view(world.conn(), &kabapas, id, &all()).await.unwrap();
    assert_eq!(view.status, ImportStatus::Done);
    assert_eq!(view.imported, 6);
    assert!(!view.can_start);
    assert_eq!(clients(&world).await, before + 6);
    let first = client::Entity::find()
        .all(world.conn())
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.full_name == "Klien Baik 1")
        .unwrap();
    assert!(first.register_number.starts_with("BPA-2026-"), "{}", first.register_number);
    assert_eq!(first.pk_id, pk.user_id.map(|u| u.get()), "the PK named by username");
    assert_eq!(first.status, "aktif");
    let trail = audit_rows(world.conn(), &first.public_id.to_string()).await;
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "import");
    assert_eq!(trail[0].client_id, Some(first.id));

    // A second tap imports nothing twice.
    assert!(matches!(
        import::start(world.conn(), &kabapas, id, NOW).await.err(),
        Some(ServiceError::Domain(ErrorKind::Conflict))
    ));

    let describe = |issues: &[RowIssue]| format!("{} masalah", issues.len());
    let report = import::report(world.conn(), &kabapas, id, ExportFormat::Csv, NOW, &describe).await.unwrap();
    let text = String::from_utf8(report.bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 13, "the headings and every row: {text}");
    assert!(lines[1].starts_with("2,Klien Baik 1,diimpor,BPA-2026-"), "{}", lines[1]);
    assert!(lines.iter().any(|l| l.starts_with("11,Klien Baik 2,ditolak,,1 masalah")), "{text}");
}

#[tokio::test]
async fn only_the_kabapas_imports_and_only_into_their_office() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let id = upload(&world, &kabapas, &[good("Klien Baik", 1)]).await;
    for actor in [
        world.actor(Role::Pk, Office::Own).await,
        world.actor(Role::Kanwil, Office::Own).await,
        world.actor(Role::Admin, Office::Own).await,
        world.actor(Role::Kabapas, Office::Other).await,
    ] {
        let refused =
            |r: Result<(), ServiceError>| matches!(r, Err(ServiceError::Domain(ErrorKind::NotFound)));
        if actor.role != Role::Kabapas {
            let uploaded = import::upload(world.conn(), &actor, "x.csv", file(&[good("A", 2)]), NOW).await;
            assert!(refused(uploaded.map(|_| ())), "{:?} uploads", actor.role);
        }
        let viewed = import::view(world.conn(), &actor, id, &all()).await;
        assert!(refused(viewed.map(|_| ())), "{:?} views", actor.role);
        let started = import::start(world.conn(), &actor, id, NOW).await;
        assert!(refused(started.map(|_| ())), "{:?} starts", actor.role);
    }
}

#[tokio::test]
async fn a_file_that_cannot_be_imported_says_why() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let refused = |bytes: &[u8]| {
        let (db, actor, bytes) = (world.conn().clone(), kabapas.clone(), bytes.to_vec());
        async move { import::upload(&db, &actor, "x.csv", bytes, NOW).await.unwrap() }
    };
    assert_eq!(
        refused(b"Nama lengkap,Jenis kelamin (L/P)\nBudi,L\n").await,
        Uploaded::Refused(FileProblem::MissingColumns(vec![
            "Tanggal lahir".into(),
            "Dasar hukum".into(),
            "Mulai bimbingan".into()
        ]))
    );
    assert_eq!(refused(headings().as_bytes()).await, Uploaded::Refused(FileProblem::Empty));
    assert_eq!(refused(b"PK\x03\x04broken").await, Uploaded::Refused(FileProblem::Unreadable));
}

/// Makes inserting a client named `name` fail inside the database, as a disk or a
/// constraint failing midway would.
async fn fail_on_insert_of(world: &World, name: &str) {
    let sql = match pamong_service::testing::backend() {
        "postgres" => vec![
            format!(
                "CREATE FUNCTION fail_import() RETURNS trigger AS $$ BEGIN \
                 IF NEW.full_name = '{name}' THEN RAISE EXCEPTION 'rusak'; END IF; RETURN NEW; END $$ \
                 LANGUAGE plpgsql"
            ),
            "CREATE TRIGGER fail_import BEFORE INSERT ON clients FOR EACH ROW EXECUTE FUNCTION fail_import()"
                .to_owned(),
        ],
        _ => vec![format!(
            "CREATE TRIGGER fail_import BEFORE INSERT ON clients WHEN NEW.full_name = '{name}' \
             BEGIN SELECT RAISE(ABORT, 'rusak'); END"
        )],
    };
    for statement in sql {
        world.conn().execute_unprepared(&statement).await.unwrap();
    }
}

#[tokio::test]
async fn a_failure_midway_leaves_nothing_and_the_import_can_run_again() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    // Past the first chunks, so that some rows were already written when it fails.
    let mut rows: Vec<String> = (1..=1_000u16)
        .map(|i| {
            let name = format!("Klien Nomor {i}");
            let birth = format!("{:02}/03/1985", 1 + i % 28);
            let nik = format!("317305{:02}0385{:04}", 1 + i % 28, i);
            row(&[
                ("nik", nik.as_str()),
                ("full_name", name.as_str()),
                ("sex", "L"),
                ("birth_date", birth.as_str()),
                ("legal_basis", "pb"),
                ("supervision_start", "2026-10-01"),
                ("remaining_months", "10"),
            ])
        })
        .collect();
    rows[900] = rows[900].replace("Klien Nomor 901", "Rusak Di Tengah");
    let id = upload(&world, &kabapas, &rows).await;
    assert_eq!(import::view(world.conn(), &kabapas, id, &all()).await.unwrap().good, 1_000);
    let before = clients(&world).await;
    fail_on_insert_of(&world, "Rusak Di Tengah").await;

    let failed = import::start(world.conn(), &kabapas, id, NOW).await.unwrap().run().await;
    assert!(failed.is_err());
    assert_eq!(clients(&world).await, before, "nothing half imported");
    let view = import::view(world.conn(), &kabapas, id, &all()).await.unwrap();
    assert_eq!((view.status, view.imported), (ImportStatus::Failed, 0));
    assert!(view.can_start, "a failed import may be tried again");

    world.conn().execute_unprepared("DROP TRIGGER fail_import ON clients").await.ok();
    world.conn().execute_unprepared("DROP TRIGGER IF EXISTS fail_import").await.ok();
    import::start(world.conn(), &kabapas, id, NOW).await.unwrap().run().await.unwrap();
    assert_eq!(clients(&world).await, before + 1_000);
}
