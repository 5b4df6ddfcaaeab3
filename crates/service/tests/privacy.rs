//! A child's identity on the ways around the child's own pages (issue 11), through the service
//! on the test database (SQLite or PostgreSQL): the pending transfer, the timeline of visits,
//! the adult form, the duplicate warning, court file numbers, audit rows, group pages, a
//! partner's user who moved, and the export log and the data-subject export.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World, audit_rows};
use pamong_domain::abh::case::AbhCaseForm;
use pamong_domain::caseload::{ClientFilter, TimelineEvent, TransferForm};
use pamong_domain::client::ClientForm;
use pamong_domain::export::ExportFormat;
use pamong_domain::groups::GroupForm;
use pamong_domain::logs::{AuditFilter, ExportFilter, ExportKind};
use pamong_domain::page::ListQuery;
use pamong_domain::partners::PartnerForm;
use pamong_domain::referrals::{ReferralForm, ReferralStatus};
use pamong_domain::supervision::{ReportForm, StatusForm};
use pamong_domain::user::UserForm;
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::abh::register;
use pamong_service::clients::{self, assignment, export, registry, subject};
use pamong_service::{Actor, ServiceError, audit, exports, groups, partners, referrals, supervision, users};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
/// The instant the tests act at: 10:00 on [`TODAY`] at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);
const NAME: &str = "Ayu Lestari Wulandari";
const MOTHER: &str = "Sri Wahyuni";
const BIRTH: &str = "2011-05-10";

fn field_problem(err: ServiceError, field: &str) -> Option<Problem> {
    match err {
        ServiceError::Domain(ErrorKind::Invalid(errors)) => errors.get(field),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// The world, its office's PK (who registers the child), a colleague, the Kabapas and the
/// region's Kanwil, and the child's id.
struct Scene {
    world: World,
    pk: Actor,
    colleague: Actor,
    kabapas: Actor,
    kanwil: Actor,
    child: Uuid,
}

async fn scene() -> Scene {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let colleague = world.actor_named("pk.rekan", Role::Pk, Office::Own).await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let kanwil = world.actor(Role::Kanwil, Office::Own).await;
    let child = ClientForm {
        full_name: NAME.into(),
        sex: "P".into(),
        birth_date: BIRTH.into(),
        address: "Jl. Melati 5".into(),
        ..ClientForm::default()
    };
    let case = AbhCaseForm {
        mother_name: MOTHER.into(),
        offence_date: "2026-11-01".into(),
        offence: "Pencurian ringan".into(),
        penalty_years: "5".into(),
        investigation_start: "2026-11-20".into(),
        ..AbhCaseForm::default()
    };
    let child = register::create(world.conn(), &pk, &child, &case, TODAY, NOW).await.unwrap();
    Scene { world, pk, colleague, kabapas, kanwil, child }
}

fn adult(name: &str) -> ClientForm {
    ClientForm {
        full_name: name.into(),
        sex: "L".into(),
        birth_date: "1985-03-12".into(),
        address: "Jl. Kenari 9".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-10-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    }
}

#[tokio::test]
async fn a_pending_transfer_does_not_name_the_child() {
    let s = scene().await;
    let to = s.world.bapas[1].id.to_string();
    let form = TransferForm { to_bapas: to, reason: format!("Ikut ibu {MOTHER} pindah") };
    assignment::request_transfer(s.world.conn(), &s.pk, s.child, &form, NOW).await.unwrap();
    for viewer in [&s.colleague, &s.kanwil] {
        let detail = clients::get(s.world.conn(), viewer, s.child, TODAY, NOW).await.unwrap();
        let transfer = detail.pending_transfer.expect("the transfer is shown");
        assert_eq!(transfer.client.name, "A.L.W.", "{}", viewer.username);
        assert!(transfer.reason.is_empty(), "{}: the reason names the mother", viewer.username);
        assert_eq!(detail.summary.full_name, "A.L.W.");
    }
    let own = clients::get(s.world.conn(), &s.pk, s.child, TODAY, NOW).await.unwrap();
    assert_eq!(own.pending_transfer.unwrap().client.name, NAME);
    // The receiving Kabapas decides on initials and the case number.
    let receiving = s.world.actor(Role::Kabapas, Office::Other).await;
    let incoming = assignment::incoming(s.world.conn(), &receiving).await.unwrap();
    assert_eq!(incoming.len(), 1);
    assert_eq!(incoming[0].client.name, "A.L.W.");
}

#[tokio::test]
async fn a_home_visit_on_a_childs_timeline_is_masked() {
    let s = scene().await;
    let visit = ReportForm {
        kind: "kunjungan".into(),
        date: TODAY.to_string(),
        time: "09:00".into(),
        attended: "ya".into(),
        notes: format!("Bertemu ibu {MOTHER}"),
        latitude: "-6.17".into(),
        longitude: "106.82".into(),
    };
    supervision::record_report(s.world.conn(), &s.pk, s.child, &visit, None, TODAY, NOW).await.unwrap();
    let visit_of = |entries: Vec<pamong_domain::caseload::TimelineEntry>| {
        entries.into_iter().find_map(|e| match e.event {
            TimelineEvent::Report { notes, position, .. } => Some((notes, position)),
            _ => None,
        })
    };
    for viewer in [&s.colleague, &s.kanwil] {
        let timeline = supervision::timeline(s.world.conn(), viewer, s.child, TODAY).await.unwrap();
        assert_eq!(visit_of(timeline), Some((None, None)), "{}", viewer.username);
    }
    for viewer in [&s.pk, &s.kabapas] {
        let timeline = supervision::timeline(s.world.conn(), viewer, s.child, TODAY).await.unwrap();
        let (notes, position) = visit_of(timeline).unwrap();
        assert!(notes.unwrap().contains(MOTHER), "{}", viewer.username);
        assert!(position.is_some());
    }
}

#[tokio::test]
async fn a_child_cannot_be_registered_as_an_adult() {
    let s = scene().await;
    let fourteen = ClientForm { birth_date: "2012-06-01".into(), ..adult("Bima Sakti") };
    let err = registry::create(s.world.conn(), &s.pk, &fourteen, TODAY, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "birth_date"), Some(Problem::ChildOnAdultForm));
    let basis = ClientForm { legal_basis: "pendampingan_anak".into(), ..adult("Bima Sakti") };
    let err = registry::create(s.world.conn(), &s.pk, &basis, TODAY, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "legal_basis"), Some(Problem::ChildOnAdultForm));
    // Eighteen today is an adult.
    let eighteen = ClientForm { birth_date: "2008-11-24".into(), ..adult("Bima Sakti") };
    registry::create(s.world.conn(), &s.pk, &eighteen, TODAY, NOW).await.unwrap();
}

#[tokio::test]
async fn the_duplicate_warning_does_not_confirm_a_child() {
    let s = scene().await;
    let birth = Date::parse(BIRTH, time::macros::format_description!("[year]-[month]-[day]")).unwrap();
    let other_pk = s.world.actor(Role::Pk, Office::Other).await;
    for viewer in [&s.colleague, &other_pk] {
        let similar = registry::similar(s.world.conn(), viewer, NAME, birth, None).await.unwrap();
        assert!(similar.visible.is_empty(), "{}", viewer.username);
        assert_eq!(similar.elsewhere, 0, "{}: not even a count", viewer.username);
    }
    let own = registry::similar(s.world.conn(), &s.pk, NAME, birth, None).await.unwrap();
    assert_eq!(own.visible.len(), 1);
    assert_eq!(own.visible[0].full_name, NAME);
}

#[tokio::test]
async fn court_file_numbers_are_masked_with_the_name() {
    let s = scene().await;
    let row = pamong_entity::client::Entity::find()
        .filter(pamong_entity::client::Column::PublicId.eq(s.child))
        .one(s.world.conn())
        .await
        .unwrap()
        .unwrap();
    let mut row: pamong_entity::client::ActiveModel = row.into();
    row.court = Set(Some("PN Jakarta Barat".into()));
    row.decision_number = Set(Some("12/Pid.Sus-Anak/2026/PN Jkt.Brt".into()));
    row.offence_articles = Set(Some("Pasal 362 KUHP".into()));
    row.update(s.world.conn()).await.unwrap();
    let masked = clients::get(s.world.conn(), &s.colleague, s.child, TODAY, NOW).await.unwrap().form;
    assert_eq!(
        (masked.court, masked.decision_number, masked.offence_articles),
        (String::new(), String::new(), String::new())
    );
    assert!(masked.address.is_empty() && masked.birth_date.is_empty());
    let full = clients::get(s.world.conn(), &s.kabapas, s.child, TODAY, NOW).await.unwrap().form;
    assert_eq!(full.decision_number, "12/Pid.Sus-Anak/2026/PN Jkt.Brt");
}

#[tokio::test]
async fn audit_rows_withhold_a_childs_free_text() {
    let s = scene().await;
    let reason = format!("Ikut ibu {MOTHER} pindah");
    let form = TransferForm { to_bapas: s.world.bapas[1].id.to_string(), reason: reason.clone() };
    assignment::request_transfer(s.world.conn(), &s.pk, s.child, &form, NOW).await.unwrap();
    let status = StatusForm { status: "selesai".into(), date: TODAY.to_string(), reason: reason.clone() };
    // A transfer is waiting; end the adult's supervision instead to compare.
    let adult_id =
        registry::create(s.world.conn(), &s.pk, &adult("Joko Susilo"), TODAY, NOW).await.unwrap().id;
    registry::change_status(s.world.conn(), &s.pk, adult_id, &status, TODAY, NOW).await.unwrap();
    let all = pamong_entity::audit_log::Entity::find().all(s.world.conn()).await.unwrap();
    let transfer = all.iter().find(|r| r.entity == "client_transfer").unwrap();
    assert!(!transfer.changes.contains(MOTHER), "{}", transfer.changes);
    assert!(transfer.changes.contains("[dirahasiakan]"));
    let adult_rows = audit_rows(s.world.conn(), &adult_id.to_string()).await;
    assert!(adult_rows.iter().any(|r| r.changes.contains(MOTHER)), "an adult's reason is kept as written");
    for row in all.iter().filter(|r| r.entity_id == s.child.to_string()) {
        assert!(!row.changes.contains(NAME) && !row.changes.contains(MOTHER), "{}", row.changes);
    }
}

#[tokio::test]
async fn group_pages_show_clients_as_the_client_policy_allows() {
    let s = scene().await;
    let coordinator = s.world.actor(Role::Koordinator, Office::Own).await;
    let admin = s.world.actor(Role::Admin, Office::Own).await;
    let form = GroupForm {
        name: "Kelayan Binter Tamansari".into(),
        areas: "Tamansari".into(),
        coordinator_id: coordinator.public_id.to_string(),
    };
    let group = groups::create(s.world.conn(), &s.kabapas, &form, NOW).await.unwrap();
    let adult_id =
        registry::create(s.world.conn(), &s.pk, &adult("Joko Susilo"), TODAY, NOW).await.unwrap().id;
    for client in [adult_id, s.child] {
        groups::watch_client(
            s.world.conn(),
            &s.pk,
            group,
            client,
            &format!("Tetangga ibu {MOTHER}"),
            TODAY,
            NOW,
        )
        .await
        .unwrap();
    }
    let names = |actor: &Actor| {
        let conn = s.world.conn().clone();
        let actor = actor.clone();
        async move {
            let view = groups::get(&conn, &actor, group, TODAY).await.unwrap();
            view.clients.into_iter().map(|c| (c.name, c.area, c.reason)).collect::<Vec<_>>()
        }
    };
    let admin_sees = names(&admin).await;
    assert!(
        admin_sees.iter().all(|(n, a, r)| n.ends_with('.') && a.is_none() && r.is_empty()),
        "{admin_sees:?}"
    );
    let kanwil_sees = names(&s.kanwil).await;
    assert!(kanwil_sees.iter().any(|(n, ..)| n == "Joko Susilo"), "the region's Kanwil reads adults");
    assert!(kanwil_sees.iter().all(|(n, ..)| n != NAME), "never a child's name");
    let coordinator_sees = names(&coordinator).await;
    assert!(coordinator_sees.iter().any(|(n, a, _)| n == "Joko Susilo" && a.is_some()));
    assert!(coordinator_sees.iter().any(|(n, a, r)| n == "A.L.W." && a.is_none() && r.is_empty()));
    let kabapas_sees = names(&s.kabapas).await;
    assert!(kabapas_sees.iter().any(|(n, ..)| n == NAME));
}

#[tokio::test]
async fn a_partners_user_moved_elsewhere_leaves_the_inbox_behind() {
    let s = scene().await;
    let form = PartnerForm {
        name: "Dinas Sosial Kota".into(),
        kind: "dinsos".into(),
        services: vec!["bpjs".into()],
        ..Default::default()
    };
    let partner = partners::save(s.world.conn(), &s.kabapas, None, &form, NOW).await.unwrap();
    let mitra = s.world.actor(Role::Mitra, Office::Own).await;
    partners::link_user(s.world.conn(), &s.kabapas, partner, mitra.public_id, true, NOW).await.unwrap();
    let client = registry::create(s.world.conn(), &s.pk, &adult("Joko Susilo"), TODAY, NOW).await.unwrap().id;
    let referral = ReferralForm {
        partner_id: partner.to_string(),
        service: "bpjs".into(),
        reason: "Butuh BPJS".into(),
        consent: true,
        due_on: "2026-12-01".into(),
    };
    let referral = referrals::create(s.world.conn(), &s.pk, client, &referral, TODAY, NOW).await.unwrap();
    let mitra = s.world.actor(Role::Mitra, Office::Own).await;
    assert_eq!(referrals::inbox(s.world.conn(), &mitra).await.unwrap().len(), 1);

    // The admin moves the user to the other office.
    let admin = Actor::system();
    let moved = UserForm {
        office_id: s.world.bapas[1].id.to_string(),
        ..s.world.user_form("mitra.own", Role::Mitra, Office::Own)
    };
    users::update(
        s.world.conn(),
        &admin,
        mitra.public_id,
        &UserForm { password: String::new(), ..moved },
        NOW,
    )
    .await
    .unwrap();
    let moved = s.world.actor(Role::Mitra, Office::Own).await;
    assert!(referrals::inbox(s.world.conn(), &moved).await.unwrap().is_empty());
    let answer =
        referrals::respond(s.world.conn(), &moved, referral, ReferralStatus::Diterima, "", NOW).await;
    assert!(matches!(answer, Err(ServiceError::Domain(ErrorKind::NotFound))));
}

#[tokio::test]
async fn exports_are_logged_and_read_by_the_kabapas_and_the_kanwil() {
    let s = scene().await;
    registry::create(s.world.conn(), &s.pk, &adult("Joko Susilo"), TODAY, NOW).await.unwrap();
    let filter = ClientFilter::default();
    export::list(s.world.conn(), &s.pk, &filter, ExportFormat::Xlsx, NOW).await.unwrap();
    let everything = subject::export(s.world.conn(), &s.kabapas, s.child, NOW).await.unwrap();
    assert_eq!(everything.full_name, NAME);
    let tables: Vec<&str> =
        everything.sections.iter().filter(|t| !t.records.is_empty()).map(|t| t.table.as_str()).collect();
    for table in ["clients", "client_status_changes", "abh_cases", "access_log", "audit_log"] {
        assert!(tables.contains(&table), "{table} in {tables:?}");
    }
    let client_row = &everything.sections[0].records[0];
    assert!(client_row.iter().any(|(k, v)| k == "full_name" && v == NAME));
    assert!(client_row.iter().all(|(k, _)| k != "id" && k != "bapas_id"), "internal keys stay in");
    for actor in [&s.pk, &s.colleague, &s.kanwil] {
        let refused = subject::export(s.world.conn(), actor, s.child, NOW).await;
        assert!(matches!(refused, Err(ServiceError::Domain(ErrorKind::NotFound))), "{}", actor.username);
    }

    for reader in [&s.kabapas, &s.kanwil] {
        let log = exports::list(s.world.conn(), reader, &ExportFilter::default()).await.unwrap();
        let kinds: Vec<ExportKind> = log.items.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [ExportKind::DataSubject, ExportKind::ClientList], "{}", reader.username);
        assert_eq!(log.items[1].rows, 2, "the adult and the child (masked)");
        assert_eq!(log.items[1].filter, "semua; format: xlsx");
    }
    let other_kanwil = s.world.actor(Role::Kanwil, Office::Other).await;
    assert_eq!(
        exports::list(s.world.conn(), &other_kanwil, &ExportFilter::default()).await.unwrap().total,
        0
    );
    assert!(
        exports::list(s.world.conn(), &s.pk, &ExportFilter::default()).await.is_err(),
        "officers do not read it"
    );
    let filtered = ExportFilter { kind: Some(ExportKind::ClientList), ..ExportFilter::default() };
    assert_eq!(exports::list(s.world.conn(), &s.kabapas, &filtered).await.unwrap().total, 1);

    // The log itself downloads as searched, and the download joins it; an officer's is refused
    // and leaves no row.
    let db = s.world.conn();
    let rows = exports::for_download(db, &s.kabapas, &filtered, ExportFormat::Csv, NOW).await.unwrap();
    assert_eq!(rows, exports::list(db, &s.kabapas, &filtered).await.unwrap().items);
    assert!(exports::for_download(db, &s.pk, &filtered, ExportFormat::Csv, NOW).await.is_err());
    let log = exports::list(db, &s.kabapas, &ExportFilter::default()).await.unwrap();
    assert_eq!(log.items[0].kind, ExportKind::ExportLog);
    assert_eq!(log.items[0].filter, "jenis: clients_csv; format: csv");
    assert_eq!((log.items[0].rows, log.total), (1, 3));
}

#[tokio::test]
async fn a_client_s_history_and_the_office_s_audit_log_are_read_by_the_kabapas_and_the_admin() {
    let s = scene().await;
    let db = s.world.conn();
    let joko = registry::create(db, &s.pk, &adult("Joko Susilo"), TODAY, NOW).await.unwrap().id;
    let visit = ReportForm {
        kind: "kunjungan".into(),
        date: TODAY.to_string(),
        time: "09:30".into(),
        attended: "ya".into(),
        notes: "Klien ada di rumah".into(),
        latitude: "-6.16".into(),
        longitude: "106.76".into(),
    };
    supervision::record_report(db, &s.pk, joko, &visit, None, TODAY, NOW).await.unwrap();
    let ended = StatusForm { status: "selesai".into(), date: TODAY.to_string(), reason: "Masa habis".into() };
    registry::change_status(db, &s.pk, joko, &ended, TODAY, NOW).await.unwrap();

    // Newest first: the status, the visit, the registration — all Joko's, one per record.
    let history = audit::trail::of_client(db, &s.kabapas, joko).await.unwrap();
    let kinds: Vec<_> = history.iter().map(|r| (r.entity.as_str(), r.action.as_str())).collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert!(
        kinds.contains(&("client_report", "create")) && kinds.contains(&("client", "status")),
        "{kinds:?}"
    );
    assert!(history.iter().all(|r| r.client.as_ref().map(|(id, _)| *id) == Some(joko)));
    let status = history.iter().find(|r| r.action == "status").unwrap();
    assert!(status.changes.iter().any(|c| c.field == "status" && c.new.as_deref() == Some("selesai")));
    assert!(status.user.contains("pk.own"), "{}", status.user);
    // The admin opens no client's page, so reads the history through the whole log; the PK
    // who made the changes, the Kanwil and another office's Kabapas do not read it at all.
    let admin = s.world.actor(Role::Admin, Office::Own).await;
    assert!(audit::trail::of_client(db, &admin, joko).await.is_err());
    let elsewhere = s.world.actor(Role::Kabapas, Office::Other).await;
    for reader in [&s.pk, &s.kanwil, &elsewhere] {
        assert!(audit::trail::of_client(db, reader, joko).await.is_err(), "{}", reader.username);
    }
    // A child's history keeps none of the child's free text.
    let child = audit::trail::of_client(db, &s.kabapas, s.child).await.unwrap();
    assert!(!child.is_empty());
    assert!(!format!("{child:?}").contains(NAME) && !format!("{child:?}").contains(MOTHER));

    // The office's log: searched by register number and narrowed to a kind of record.
    let register = history[0].client.clone().unwrap().1;
    let by_register =
        AuditFilter { list: ListQuery { q: register, ..ListQuery::default() }, ..AuditFilter::default() };
    let found = audit::trail::search(db, &s.kabapas, &by_register).await.unwrap();
    assert_eq!(found.total, 3);
    let reports = AuditFilter { entity: Some("client_report".into()), ..AuditFilter::default() };
    assert_eq!(audit::trail::search(db, &s.kabapas, &reports).await.unwrap().total, 1);
    assert_eq!(audit::trail::search(db, &elsewhere, &reports).await.unwrap().total, 0, "their office's only");
    assert!(audit::trail::search(db, &s.kanwil, &reports).await.is_err());
    assert!(audit::trail::search(db, &s.pk, &reports).await.is_err());
    assert!(audit::trail::search(db, &admin, &AuditFilter::default()).await.unwrap().total >= 5);

    // The log downloads as searched, every page, for those who read it; the download is
    // export-logged, a refusal is not.
    let all = audit::trail::for_download(db, &admin, &AuditFilter::default(), ExportFormat::Xlsx, NOW)
        .await
        .unwrap();
    assert_eq!(
        all.len() as u64,
        audit::trail::search(db, &admin, &AuditFilter::default()).await.unwrap().total
    );
    let found =
        audit::trail::for_download(db, &s.kabapas, &by_register, ExportFormat::Csv, NOW).await.unwrap();
    assert_eq!(found.len(), 3);
    assert!(audit::trail::for_download(db, &s.kanwil, &reports, ExportFormat::Csv, NOW).await.is_err());
    let log = exports::list(db, &s.kabapas, &ExportFilter::default()).await.unwrap();
    assert_eq!(log.total, 1, "the Kabapas's download only");
    assert_eq!((log.items[0].kind, log.items[0].rows), (ExportKind::AuditLog, 3));
    assert!(log.items[0].filter.starts_with("cari: ") && log.items[0].filter.ends_with("; format: csv"));
}
