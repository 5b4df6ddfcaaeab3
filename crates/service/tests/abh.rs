//! Children's cases through the service on the test database (SQLite or PostgreSQL):
//! registration, the Litmas from request to delivery with its clock, diversion and breach,
//! and the child's identity — which roles see the name in searches, lists, pages and
//! exports, the access log every view writes, and break-glass.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::abh::case::{AbhCaseForm, AccessFilter};
use pamong_domain::abh::clock::{ClockKind, ClockState, Stage};
use pamong_domain::abh::litmas::{LitmasContent, LitmasRequestForm, LitmasStatus};
use pamong_domain::abh::process::{BreachForm, DiversionForm, StageForm};
use pamong_domain::caseload::ClientFilter;
use pamong_domain::client::ClientForm;
use pamong_domain::export::ExportFormat;
use pamong_domain::logs::{ExportFilter, ExportKind};
use pamong_domain::office::Zone;
use pamong_domain::page::ListQuery;
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_entity::access_log;
use pamong_service::abh::{self, DeadlineScope, access, litmas, process, register};
use pamong_service::clients::{self, export};
use pamong_service::{Actor, ServiceError};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
/// The instant the tests act at: 10:00 on [`TODAY`] at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);
const NAME: &str = "Ayu Lestari Wulandari";

fn child() -> ClientForm {
    ClientForm {
        full_name: NAME.into(),
        sex: "P".into(),
        birth_date: "2011-05-10".into(),
        address: "Jl. Melati 5".into(),
        ..ClientForm::default()
    }
}

fn case() -> AbhCaseForm {
    AbhCaseForm {
        mother_name: "Sri Wahyuni".into(),
        offence_date: "2026-11-01".into(),
        offence: "Pencurian ringan".into(),
        penalty_years: "5".into(),
        investigation_start: "2026-11-20".into(),
        investigator: "Bripka Andi".into(),
        police_unit: "Polsek Tamansari".into(),
        ..AbhCaseForm::default()
    }
}

fn field_problem(err: ServiceError, field: &str) -> Option<Problem> {
    match err {
        ServiceError::Domain(ErrorKind::Invalid(errors)) => errors.get(field),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// Office wall-clock text for an instant (the test offices are WITA).
fn wall(at: OffsetDateTime) -> String {
    pamong_domain::abh::clock::wall_clock(at, Zone::Wita)
}

async fn views_by(world: &World, username: &str) -> u64 {
    access_log::Entity::find()
        .filter(access_log::Column::ActorUsername.eq(username))
        .count(world.conn())
        .await
        .unwrap()
}

#[tokio::test]
async fn registers_a_child_and_refuses_an_adult() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let id = register::create(world.conn(), &pk, &child(), &case(), TODAY, NOW).await.unwrap();
    let view = abh::get(world.conn(), &pk, id, None, NOW).await.unwrap();
    assert_eq!(view.child.full_name, NAME);
    assert!(!view.masked && view.can_edit);
    assert_eq!(view.rules.age_at_offence, 15);
    assert!(view.rules.diversion_mandatory);
    assert_eq!(view.stage, Stage::Penyidikan);
    let start = view.clocks.iter().find(|c| c.kind == ClockKind::DiversionStart(Stage::Penyidikan)).unwrap();
    assert_eq!(
        start.due.map(|d| pamong_domain::abh::clock::local(d, Zone::Wita).date()),
        Some(date!(2026 - 11 - 27))
    );

    let adult = ClientForm { birth_date: "2008-11-01".into(), ..child() };
    let err = register::create(world.conn(), &pk, &adult, &case(), TODAY, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "offence_date"), Some(Problem::AdultAtOffence));
    let both = ClientForm { full_name: String::new(), ..adult };
    let err = register::create(
        world.conn(),
        &pk,
        &both,
        &AbhCaseForm { mother_name: String::new(), ..case() },
        TODAY,
        NOW,
    )
    .await
    .unwrap_err();
    match err {
        ServiceError::Domain(ErrorKind::Invalid(errors)) => {
            assert_eq!(errors.get("full_name"), Some(Problem::Required), "identity errors");
            assert_eq!(
                errors.get("mother_name"),
                Some(Problem::ParentOrGuardian),
                "and case errors together"
            );
        }
        other => panic!("{other:?}"),
    }
    // No reporting schedule for a case in process, and the child is no client of Today.
    let detail = clients::get(world.conn(), &pk, id, TODAY, NOW).await.unwrap();
    assert!(detail.reporting.is_none());
    assert!(pamong_service::today::today(world.conn(), &pk, TODAY).await.unwrap().is_empty());
}

#[tokio::test]
async fn litmas_from_request_to_delivery_stops_the_clock() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let id = register::create(world.conn(), &pk, &child(), &case(), TODAY, NOW).await.unwrap();
    let now = NOW;
    let request = LitmasRequestForm {
        requester: "penyidik".into(),
        kind: "diversi".into(),
        letter_number: "B/45/XI/2026".into(),
        received_at: wall(now - Duration::hours(2)),
    };
    let litmas_id = litmas::request(world.conn(), &pk, id, &request, now).await.unwrap();
    let view = litmas::get(world.conn(), &pk, litmas_id, now).await.unwrap();
    assert_eq!(view.status, LitmasStatus::Draf);
    assert_eq!(view.clock.state, ClockState::Running);
    assert!(view.content.background.contains("Pencurian ringan"), "drafted from the template");
    let left = view.clock.left(now).unwrap();
    assert!(left > Duration::hours(69) && left <= Duration::hours(70), "{left}");

    let board = abh::deadlines(world.conn(), &kabapas, DeadlineScope::Office, now).await.unwrap();
    assert_eq!(board.iter().filter(|d| d.litmas_id == Some(litmas_id)).count(), 1);
    let mine = abh::deadlines(world.conn(), &pk, DeadlineScope::Mine, now).await.unwrap();
    assert!(mine.iter().any(|d| d.litmas_id == Some(litmas_id)));
    assert_eq!(mine[0].clock.kind, ClockKind::Litmas, "72 hours come before 7 days");

    let err = litmas::save(world.conn(), &pk, litmas_id, &view.content, true, NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "victim_condition"), Some(Problem::TemplatePrompt));
    let written = LitmasContent {
        personal_family: "Anak tinggal bersama ibu.".into(),
        background: "Terpengaruh teman sebaya.".into(),
        victim_condition: "Korban tidak terluka.".into(),
        diversion_record: "Belum ada musyawarah.".into(),
        recommendation: "Diversi: pengembalian kepada orang tua.".into(),
    };
    litmas::save(world.conn(), &pk, litmas_id, &written, true, NOW).await.unwrap();
    assert!(
        matches!(
            litmas::review(world.conn(), &pk, litmas_id, true, "", NOW).await,
            Err(ServiceError::Domain(ErrorKind::Conflict))
        ),
        "the PK cannot approve their own"
    );
    let err = litmas::review(world.conn(), &kabapas, litmas_id, false, " ", NOW).await.unwrap_err();
    assert_eq!(field_problem(err, "note"), Some(Problem::Required), "a returned draft says why");
    litmas::review(world.conn(), &kabapas, litmas_id, true, "", NOW).await.unwrap();
    let delivered = now - Duration::minutes(30);
    litmas::deliver(world.conn(), &pk, litmas_id, &wall(delivered), now).await.unwrap();
    let view = litmas::get(world.conn(), &kabapas, litmas_id, now).await.unwrap();
    assert_eq!(view.status, LitmasStatus::Diserahkan);
    assert!(matches!(view.clock.state, ClockState::Met { .. }));
    assert_eq!(view.approved.as_ref().map(|(n, _)| n.as_str()), Some("Pengguna kabapas.own"));
    let board = abh::deadlines(world.conn(), &kabapas, DeadlineScope::Office, now).await.unwrap();
    assert!(board.iter().all(|d| d.litmas_id != Some(litmas_id)), "met clocks leave the board");
    assert!(!common::audit_rows(world.conn(), &litmas_id.to_string()).await.is_empty());

    // Printed as a document by whoever reads the child's identity, and logged.
    let printed = litmas::for_print(world.conn(), &pk, litmas_id, now).await.unwrap();
    assert_eq!(printed.content, written);
    let far = world.actor(Role::Pk, Office::Other).await;
    assert!(matches!(
        litmas::for_print(world.conn(), &far, litmas_id, now).await,
        Err(ServiceError::Domain(ErrorKind::NotFound))
    ));
    let log = pamong_service::exports::list(world.conn(), &kabapas, &ExportFilter::default()).await.unwrap();
    let kinds: Vec<_> = log.items.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [ExportKind::Litmas]);
    assert_eq!(log.items[0].filter, view.register_number);
}

#[tokio::test]
async fn a_draft_litmas_is_not_printed() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let id = register::create(world.conn(), &pk, &child(), &case(), TODAY, NOW).await.unwrap();
    let request = LitmasRequestForm {
        requester: "penyidik".into(),
        kind: "diversi".into(),
        letter_number: "B/46/XI/2026".into(),
        received_at: wall(NOW - Duration::hours(1)),
    };
    let litmas_id = litmas::request(world.conn(), &pk, id, &request, NOW).await.unwrap();
    let draft = litmas::for_print(world.conn(), &pk, litmas_id, NOW).await;
    assert!(matches!(draft, Err(ServiceError::Domain(ErrorKind::NotFound))), "a draft is no document yet");
}

#[tokio::test]
async fn diversion_agreement_and_breach_clocks() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let id = register::create(world.conn(), &pk, &child(), &case(), TODAY, NOW).await.unwrap();
    let now = NOW;
    let diversion = DiversionForm {
        stage: "penyidikan".into(),
        started_on: "2026-11-22".into(),
        finished_on: "2026-11-24".into(),
        outcome: "sepakat".into(),
        agreement_forms: vec!["kembali_orang_tua".into()],
        ..DiversionForm::default()
    };
    process::save_diversion(world.conn(), &pk, id, &diversion, TODAY, NOW).await.unwrap();
    let breach = BreachForm {
        stage: "penyidikan".into(),
        at: wall(now - Duration::hours(1)),
        notes: "Anak tidak pulang".into(),
    };
    process::record_breach(world.conn(), &pk, id, &breach, false, now).await.unwrap();
    let view = abh::get(world.conn(), &pk, id, None, now).await.unwrap();
    let state = |kind| view.clocks.iter().find(|c| c.kind == kind).map(|c| c.state);
    assert!(matches!(state(ClockKind::DiversionStart(Stage::Penyidikan)), Some(ClockState::Met { .. })));
    assert!(matches!(state(ClockKind::DiversionFinish(Stage::Penyidikan)), Some(ClockState::Met { .. })));
    assert_eq!(state(ClockKind::BreachAction), Some(ClockState::Running));
    let acted = BreachForm { at: wall(now), notes: "Penyidik melanjutkan perkara".into(), ..breach };
    process::record_breach(world.conn(), &pk, id, &acted, true, now).await.unwrap();
    let view = abh::get(world.conn(), &pk, id, None, now).await.unwrap();
    assert!(
        view.clocks
            .iter()
            .any(|c| c.kind == ClockKind::BreachAction && matches!(c.state, ClockState::Met { .. }))
    );
    // Moving on to prosecution: no diversion there once an agreement was reached.
    let stage = StageForm { stage: "penuntutan".into(), trigger_date: "2026-11-24".into() };
    process::set_stage(world.conn(), &pk, id, &stage, TODAY, NOW).await.unwrap();
    let view = abh::get(world.conn(), &pk, id, None, now).await.unwrap();
    assert_eq!(view.stage, Stage::Penuntutan);
    assert!(
        view.clocks.iter().any(|c| c.kind == ClockKind::DiversionStart(Stage::Penuntutan)
            && c.state == ClockState::NotApplicable)
    );
}

/// What one actor got to see of the child.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    /// Found by a search for the name.
    searched: bool,
    /// Listed (in the client list or the children's cases).
    listed: bool,
    /// Opened the page at all.
    opened: bool,
    /// The full name appeared anywhere in what they got.
    full_name: bool,
}

async fn look(world: &World, actor: &Actor, id: Uuid) -> (Seen, u64) {
    let db = world.conn();
    let before = views_by(world, &actor.username).await;
    let by_name = ClientFilter {
        list: ListQuery { q: "wulandari".into(), ..Default::default() },
        ..Default::default()
    };
    let searched = clients::list(db, actor, &by_name).await.unwrap();
    let listed = clients::list(db, actor, &ClientFilter::default()).await.unwrap();
    let cases = abh::list(db, actor, &ListQuery::default()).await.unwrap();
    let page = clients::get(db, actor, id, TODAY, NOW).await;
    let case = abh::get(db, actor, id, None, NOW).await;
    let csv = export::list(db, actor, &ClientFilter::default(), ExportFormat::Csv, NOW).await.unwrap();
    let csv = String::from_utf8(csv.bytes).unwrap();
    let board = abh::deadlines(db, actor, DeadlineScope::Office, NOW).await.unwrap();
    let mut text = format!("{searched:?}{listed:?}{cases:?}{board:?}{csv}");
    if let Ok(p) = &page {
        text.push_str(&format!("{p:?}"));
    }
    if let Ok(c) = &case {
        text.push_str(&format!("{c:?}"));
    }
    let seen = Seen {
        searched: searched.items.iter().any(|c| c.id == id),
        listed: listed.items.iter().any(|c| c.id == id) || cases.items.iter().any(|c| c.child.id == id),
        opened: page.is_ok() && case.is_ok(),
        full_name: text.contains(NAME) || text.contains("Sri Wahyuni") || text.contains("Melati"),
    };
    (seen, views_by(world, &actor.username).await - before)
}

#[tokio::test]
async fn the_childs_name_appears_only_where_the_law_allows() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let id = register::create(world.conn(), &pk, &child(), &case(), TODAY, NOW).await.unwrap();
    let request = LitmasRequestForm {
        requester: "penyidik".into(),
        kind: "diversi".into(),
        received_at: wall(NOW - Duration::hours(1)),
        ..Default::default()
    };
    litmas::request(world.conn(), &pk, id, &request, NOW).await.unwrap();
    let seen = |searched, listed, opened, full_name| Seen { searched, listed, opened, full_name };
    let cases: Vec<(&str, Actor, Seen)> = vec![
        ("assigned PK", pk.clone(), seen(true, true, true, true)),
        ("Kabapas", world.actor(Role::Kabapas, Office::Own).await, seen(true, true, true, true)),
        (
            "PK same office",
            world.actor_named("pk.colleague", Role::Pk, Office::Own).await,
            seen(false, true, true, false),
        ),
        ("PK other office", world.actor(Role::Pk, Office::Other).await, seen(false, false, false, false)),
        (
            "Kabapas other office",
            world.actor(Role::Kabapas, Office::Other).await,
            seen(false, false, false, false),
        ),
        (
            "Kanwil of the region",
            world.actor(Role::Kanwil, Office::Own).await,
            seen(false, false, true, false),
        ),
        (
            "Kanwil elsewhere",
            world.actor(Role::Kanwil, Office::Other).await,
            seen(false, false, false, false),
        ),
        ("Koordinator", world.actor(Role::Koordinator, Office::Own).await, seen(false, false, false, false)),
        ("Mitra", world.actor(Role::Mitra, Office::Own).await, seen(false, false, false, false)),
        ("Admin", world.actor(Role::Admin, Office::Own).await, seen(false, false, false, false)),
    ];
    for (label, actor, expected) in cases {
        let (got, logged) = look(&world, &actor, id).await;
        // Each page opened is one view: the client page and the case page.
        let views = if got.opened { 2 } else { 0 };
        let exported = u64::from(got.full_name);
        assert_eq!(got, expected, "{label}");
        assert_eq!(logged, views + exported, "{label}: one access-log row per view and per full export");
    }
    // Masked viewers see initials and the case number.
    let colleague = world.actor_named("pk.colleague", Role::Pk, Office::Own).await;
    let view = abh::get(world.conn(), &colleague, id, None, NOW).await.unwrap();
    assert_eq!(view.child.full_name, "A.L.W.");
    assert!(view.child.register_number.starts_with("BPA-2026-"));
    assert!(view.family.is_none() && view.identity.is_none() && view.litmas[0].content.background.is_empty());
    // The audit log never holds the name.
    let audit = common::audit_rows(world.conn(), &id.to_string()).await;
    assert!(!audit.is_empty() && audit.iter().all(|r| !r.changes.contains("Ayu")));
}

#[tokio::test]
async fn break_glass_needs_a_reason_and_the_kabapas_sees_it() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let colleague = world.actor_named("pk.colleague", Role::Pk, Office::Own).await;
    let id = register::create(world.conn(), &pk, &child(), &case(), TODAY, NOW).await.unwrap();
    let now = NOW;
    let err = abh::get(world.conn(), &colleague, id, Some("  "), now).await.unwrap_err();
    assert_eq!(field_problem(err, "reason"), Some(Problem::Required));
    let err = abh::get(world.conn(), &colleague, id, Some("cek"), now).await.unwrap_err();
    assert_eq!(field_problem(err, "reason"), Some(Problem::TooShort { min: 10 }));
    let reason = "Menggantikan PK yang sedang cuti untuk sidang besok";
    let view = abh::get(world.conn(), &colleague, id, Some(reason), now).await.unwrap();
    assert!(!view.masked);
    assert_eq!(view.child.full_name, NAME);
    assert!(!view.can_edit, "breaking the glass lets one read, not record");

    let log =
        access::list(world.conn(), &kabapas, &AccessFilter { break_glass_only: true, ..Default::default() })
            .await
            .unwrap();
    assert_eq!(log.total, 1);
    assert_eq!(log.items[0].reason.as_deref(), Some(reason));
    assert!(log.items[0].user.contains("pk.colleague"));
    assert!(log.items[0].record.starts_with("BPA-2026-") && !format!("{log:?}").contains(NAME));
    abh::get(world.conn(), &pk, id, None, now).await.unwrap();
    let all = access::list(world.conn(), &kabapas, &AccessFilter::default()).await.unwrap();
    assert_eq!(all.total, 2, "refused attempts show nothing, so log nothing; views do");
    assert_eq!(all.items[0].reason, None, "newest first: the assigned PK's own view");
    // The region's Kanwil reads the log too (oversight), another region's sees nothing of it.
    let kanwil = world.actor(Role::Kanwil, Office::Own).await;
    assert_eq!(access::list(world.conn(), &kanwil, &AccessFilter::default()).await.unwrap().total, 2);
    let far = world.actor(Role::Kanwil, Office::Other).await;
    assert_eq!(access::list(world.conn(), &far, &AccessFilter::default()).await.unwrap().total, 0);
    for other in [colleague, world.actor(Role::Admin, Office::Own).await] {
        assert!(
            access::list(world.conn(), &other, &AccessFilter::default()).await.is_err(),
            "{}",
            other.username
        );
    }
    // The log downloads as searched and the download is export-logged; a PK's is refused.
    let glass = AccessFilter { break_glass_only: true, ..Default::default() };
    let rows = access::for_download(world.conn(), &kabapas, &glass, ExportFormat::Xlsx, now).await.unwrap();
    assert_eq!(rows, log.items);
    assert!(access::for_download(world.conn(), &pk, &glass, ExportFormat::Csv, now).await.is_err());
    let exported = pamong_service::exports::list(world.conn(), &kabapas, &Default::default()).await.unwrap();
    assert_eq!(exported.total, 1);
    assert_eq!(exported.items[0].filter, "hanya: buka darurat; format: xlsx");
    let elsewhere = world.actor(Role::Kabapas, Office::Other).await;
    let theirs = access::list(world.conn(), &elsewhere, &AccessFilter::default()).await.unwrap();
    assert_eq!(theirs.total, 0, "another office's Kabapas sees their own office's log only");
    assert!(
        abh::get(world.conn(), &elsewhere, id, Some(reason), now).await.is_err(),
        "no glass to break elsewhere"
    );
}
