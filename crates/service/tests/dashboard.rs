//! The Kabapas dashboard through the service on the test database (SQLite or PostgreSQL):
//! each vital equal to a hand count, now and a month earlier, per PK — reports, Today's
//! reasons, the children's clocks, referrals and programmes; the lists behind the figures;
//! the office's Today by PK; and who reads what.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::abh::case::AbhCaseForm;
use pamong_domain::abh::litmas::{LitmasContent, LitmasRequestForm};
use pamong_domain::abh::process::DiversionForm;
use pamong_domain::agreements::AgreementForm;
use pamong_domain::client::ClientForm;
use pamong_domain::export::ExportFormat;
use pamong_domain::oversight::today_groups::PkChoice;
use pamong_domain::oversight::vitals::{OfficeVitals, Tally, Vital, VitalRow};
use pamong_domain::page::ListQuery;
use pamong_domain::partners::PartnerForm;
use pamong_domain::referrals::{ReferralForm, ReferralStatus};
use pamong_domain::reintegration::participation::EnrolForm;
use pamong_domain::reintegration::programmes::ProgrammeForm;
use pamong_domain::supervision::{ReportForm, StatusForm};
use pamong_domain::{ErrorKind, Role};
use pamong_service::abh::{litmas, process, register};
use pamong_service::clients::registry;
use pamong_service::oversight::{dashboard, region, tables};
use pamong_service::reintegration::{enrolments, programmes};
use pamong_service::{Actor, ServiceError, auth, offices, partners, referrals, supervision, today, users};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// A Saturday; the test offices keep WITA, so 02:00 UTC is 10:00 there.
const TODAY: Date = date!(2026 - 12 - 05);
const NOW: OffsetDateTime = datetime!(2026-12-05 02:00 UTC);

/// A parolee reporting monthly from 1 October: due 1 November, 1 December, 1 January.
async fn parolee(world: &World, pk: &Actor, name: &str) -> Uuid {
    let form = ClientForm {
        full_name: name.into(),
        sex: "L".into(),
        birth_date: "1985-03-01".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-10-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    registry::create(world.conn(), pk, &form, TODAY, NOW).await.unwrap().id
}

async fn report(world: &World, pk: &Actor, client: Uuid, on: &str) {
    let form = ReportForm {
        kind: "kunjungan".into(),
        date: on.into(),
        time: "09:30".into(),
        attended: "ya".into(),
        notes: "Klien ada di rumah".into(),
        latitude: "-6.16".into(),
        longitude: "106.76".into(),
    };
    supervision::record_report(world.conn(), pk, client, &form, None, TODAY, NOW).await.unwrap();
}

fn row(vitals: &OfficeVitals, vital: Vital) -> &VitalRow {
    vitals.rows.iter().find(|r| r.vital == vital).unwrap()
}

/// An officer's (now, before) of a figure.
fn of(vitals: &OfficeVitals, vital: Vital, pk: &Actor) -> (Tally, Tally) {
    let o = row(vitals, vital)
        .officers
        .iter()
        .find(|o| o.pk.as_ref().is_some_and(|p| p.id == pk.public_id))
        .unwrap();
    (o.now, o.before)
}

fn is_not_found<T: std::fmt::Debug>(r: Result<T, ServiceError>) -> bool {
    matches!(r, Err(ServiceError::Domain(ErrorKind::NotFound)))
}

/// Ani reported on 1 December, the due day, after missing 1 November; Budi never reported.
struct Office2 {
    world: World,
    kabapas: Actor,
    ani: Actor,
    budi: Actor,
    ani_client: Uuid,
    budi_client: Uuid,
}

async fn office() -> Office2 {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let ani = world.actor_named("pk.ani", Role::Pk, Office::Own).await;
    let budi = world.actor_named("pk.budi", Role::Pk, Office::Own).await;
    let ani_client = parolee(&world, &ani, "Agus Salim").await;
    let budi_client = parolee(&world, &budi, "Bambang Irawan").await;
    report(&world, &ani, ani_client, "2026-12-01").await;
    Office2 { world, kabapas, ani, budi, ani_client, budi_client }
}

#[tokio::test]
async fn each_vital_equals_its_hand_count_now_and_a_month_earlier() {
    let o = office().await;
    let v = dashboard::office_vitals(o.world.conn(), &o.kabapas, None, NOW).await.unwrap();
    assert_eq!((v.as_of, v.before), (TODAY, date!(2026 - 11 - 05)));
    assert!(v.drill_down);
    assert_eq!(v.rows.iter().map(|r| r.vital).collect::<Vec<_>>(), Vital::ALL);

    // 30 days (5 Nov – 4 Dec): one due date each, 1 December; Ani met it on the day.
    // A month earlier (6 Oct – 4 Nov): 1 November, missed by both.
    let on_time = row(&v, Vital::ReportsOnTime30);
    assert_eq!((on_time.now, on_time.before), (Tally::share(1, 2), Tally::share(0, 2)));
    assert_eq!(on_time.worse(), Some(false));
    assert_eq!(of(&v, Vital::ReportsOnTime30, &o.ani), (Tally::share(1, 1), Tally::share(0, 1)));
    assert_eq!(of(&v, Vital::ReportsOnTime30, &o.budi), (Tally::share(0, 1), Tally::share(0, 1)));
    // 90 days: 1 November and 1 December each.
    let long = row(&v, Vital::ReportsOnTime90);
    assert_eq!((long.now, long.before), (Tally::share(1, 4), Tally::share(0, 2)));

    // Overdue: Budi's client now (two misses); a month ago both (1 November missed, the
    // period to 1 December not yet reported in).
    let overdue = row(&v, Vital::Overdue);
    assert_eq!((overdue.now, overdue.before), (Tally::count(1), Tally::count(2)));
    assert_eq!(of(&v, Vital::Overdue, &o.budi), (Tally::count(1), Tally::count(1)));
    assert_eq!(row(&v, Vital::RevocationWarnings).now, Tally::count(0), "two misses are not three");
    // Neither was ever assessed.
    assert_eq!(row(&v, Vital::ReassessmentsDue).now, Tally::count(2));
    assert_eq!(row(&v, Vital::WorkBehind).now, Tally::count(0));
    // The officer lines add up to the office.
    for r in &v.rows {
        let mut sum = r.vital.zero();
        r.officers.iter().for_each(|o| sum.add(o.now));
        assert_eq!(sum, r.now, "{:?}", r.vital);
    }
}

#[tokio::test]
async fn the_lists_behind_the_figures_hold_the_clients_counted() {
    let o = office().await;
    let db = o.world.conn();
    let all = ListQuery::default();
    let names = |l: pamong_domain::oversight::vitals::VitalList| {
        l.page.items.into_iter().map(|i| i.client.full_name).collect::<Vec<_>>()
    };
    let overdue = dashboard::behind(db, &o.kabapas, Vital::Overdue, None, &all, NOW).await.unwrap();
    assert_eq!(names(overdue), ["Bambang Irawan"]);
    // Worst first: Budi's client met none, Ani's one of two.
    let long = dashboard::behind(db, &o.kabapas, Vital::ReportsOnTime90, None, &all, NOW).await.unwrap();
    assert_eq!(long.page.items[0].tally, Some(Tally::share(0, 2)));
    assert_eq!(names(long), ["Bambang Irawan", "Agus Salim"]);
    let ani = PkChoice::Officer(o.ani.public_id);
    let ani_30 =
        dashboard::behind(db, &o.kabapas, Vital::ReportsOnTime30, Some(ani), &all, NOW).await.unwrap();
    assert!(ani_30.page.items.is_empty(), "Ani's client met the one report due");
    assert_eq!(ani_30.pk.and_then(|(_, p)| p).map(|p| p.id), Some(o.ani.public_id));
    let due = dashboard::behind(db, &o.kabapas, Vital::ReassessmentsDue, Some(ani), &all, NOW).await.unwrap();
    assert_eq!(due.page.items.iter().map(|i| i.client.id).collect::<Vec<_>>(), [o.ani_client]);
    let _ = o.budi_client;

    // The whole list as a file: the same clients, worst first, each one's share; logged.
    let file = dashboard::export_behind(db, &o.kabapas, Vital::ReportsOnTime90, None, ExportFormat::Csv, NOW)
        .await
        .unwrap();
    assert_eq!(file.file_name, "daftar-lapor-tepat-90.csv");
    let text = String::from_utf8(file.bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[1].contains("Bambang Irawan") && lines[1].contains(",0/2,"), "{text}");
    assert!(lines[2].contains("Agus Salim") && lines[2].contains(",1/2,"), "{text}");
    let log = pamong_service::exports::list(db, &o.kabapas, &Default::default()).await.unwrap();
    assert_eq!(log.items[0].kind, pamong_domain::logs::ExportKind::VitalList);
    assert!(log.items[0].filter.starts_with("angka: lapor-tepat-90; pk: semua"), "{}", log.items[0].filter);
    // Only the Kabapas exports it, as only they open it.
    let refused = dashboard::export_behind(db, &o.ani, Vital::Overdue, None, ExportFormat::Csv, NOW).await;
    assert!(is_not_found(refused));
}

#[tokio::test]
async fn the_kabapas_reads_today_by_pk_and_one_pk_at_a_time() {
    let o = office().await;
    let db = o.world.conn();
    let all = ListQuery::default();
    let view = today::view(db, &o.kabapas, TODAY, None, &all).await.unwrap();
    let groups = view.groups.unwrap();
    assert!(view.page.items.is_empty());
    // Budi's client is overdue (pressing), so Budi comes first.
    let lines: Vec<_> = groups.iter().map(|g| (g.pk.as_ref().map(|p| p.id), g.clients, g.pressing)).collect();
    assert_eq!(lines, [(Some(o.budi.public_id), 1, 1), (Some(o.ani.public_id), 1, 0)]);
    let budi =
        today::view(db, &o.kabapas, TODAY, Some(PkChoice::Officer(o.budi.public_id)), &all).await.unwrap();
    assert_eq!(budi.page.items.iter().map(|i| i.client.id).collect::<Vec<_>>(), [o.budi_client]);
    assert_eq!(budi.chosen.map(|g| g.clients), Some(1));
    let nobody = today::view(db, &o.kabapas, TODAY, Some(PkChoice::Unassigned), &all).await.unwrap();
    assert!(nobody.page.items.is_empty());
    // An officer reads their own list, whatever they ask for.
    let own = today::view(db, &o.ani, TODAY, Some(PkChoice::Officer(o.budi.public_id)), &all).await.unwrap();
    assert!(own.groups.is_none());
    assert_eq!(own.page.items.iter().map(|i| i.client.id).collect::<Vec<_>>(), [o.ani_client]);
}

#[tokio::test]
async fn who_reads_the_vitals_and_who_opens_the_lists() {
    let o = office().await;
    let db = o.world.conn();
    let own = o.world.bapas[0].id;
    let all = ListQuery::default();
    let cases = [
        // (who, reads our office's vitals, opens their lists, what the overdue list holds
        // for them: a Kabapas always reads their own office's).
        ("Kabapas", o.kabapas.clone(), true, true, Some(1)),
        ("Kanwil", o.world.actor(Role::Kanwil, Office::Own).await, true, false, None),
        ("Pusat", o.world.actor(Role::Pusat, Office::Own).await, true, false, None),
        ("Admin", o.world.actor(Role::Admin, Office::Own).await, true, false, None),
        ("Kanwil elsewhere", o.world.actor(Role::Kanwil, Office::Other).await, false, false, None),
        ("Kabapas elsewhere", o.world.actor(Role::Kabapas, Office::Other).await, false, false, Some(0)),
        ("PK", o.ani.clone(), false, false, None),
        ("Koordinator", o.world.actor(Role::Koordinator, Office::Own).await, false, false, None),
        ("Mitra", o.world.actor(Role::Mitra, Office::Own).await, false, false, None),
    ];
    for (label, actor, reads, opens, listed) in cases {
        let vitals = dashboard::office_vitals(db, &actor, Some(own), NOW).await;
        assert_eq!(vitals.is_ok(), reads, "{label} reads the vitals");
        if let Ok(v) = &vitals {
            assert_eq!(v.drill_down, opens, "{label}");
            assert_eq!(v.rows.len(), Vital::ALL.len());
        } else {
            assert!(is_not_found(vitals), "{label}");
        }
        let list = dashboard::behind(db, &actor, Vital::Overdue, None, &all, NOW).await;
        assert_eq!(list.as_ref().ok().map(|l| l.page.total), listed, "{label} opens the list");
    }
}

#[tokio::test]
async fn the_figures_download_for_whoever_reads_them_and_each_download_is_logged() {
    use pamong_domain::logs::ExportKind;
    let o = office().await;
    let db = o.world.conn();
    let own = o.world.bapas[0].id;
    let page = dashboard::office_vitals(db, &o.kabapas, Some(own), NOW).await.unwrap();
    let file = tables::office_vitals(db, &o.kabapas, Some(own), ExportFormat::Xlsx, NOW).await.unwrap();
    assert_eq!(file, page, "the download holds what the page shows");
    let officers = page.rows[0].officers.len() as u64;
    assert_eq!(tables::office_rows(&page), Vital::ALL.len() as u64 * (1 + officers));
    assert!(is_not_found(tables::office_vitals(db, &o.ani, Some(own), ExportFormat::Csv, NOW).await));

    let kanwil = o.world.actor(Role::Kanwil, Office::Own).await;
    let region = tables::region_vitals(db, &kanwil, None, ExportFormat::CsvExcel, NOW).await.unwrap();
    assert_eq!(region, region::region_vitals(db, &kanwil, None, NOW).await.unwrap());
    let refused = tables::region_vitals(db, &o.kabapas, None, ExportFormat::Csv, NOW).await;
    assert!(is_not_found(refused), "a Kabapas compares no offices");

    // Each in its reader's log; the refusals left no row.
    let office_log = pamong_service::exports::list(db, &o.kabapas, &Default::default()).await.unwrap();
    let kinds: Vec<_> = office_log.items.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [ExportKind::OfficeVitals]);
    assert!(office_log.items[0].filter.ends_with("format: xlsx"), "{}", office_log.items[0].filter);
    let region_log = pamong_service::exports::list(db, &kanwil, &Default::default()).await.unwrap();
    let compared = region_log.items.iter().find(|r| r.kind == ExportKind::RegionVitals).unwrap();
    assert_eq!(compared.rows, tables::region_rows(&region));
    assert_eq!(region_log.items.iter().filter(|r| r.kind == ExportKind::RegionVitals).count(), 1);
}

/// A child's case of `pk`'s opened on `investigation` (diversion applies: 5 years, a first
/// offence, age 15).
async fn child_case(world: &World, pk: &Actor, name: &str, investigation: &str) -> Uuid {
    let child = ClientForm {
        full_name: name.into(),
        sex: "P".into(),
        birth_date: "2011-05-10".into(),
        address: "Jl. Melati 5".into(),
        ..ClientForm::default()
    };
    let case = AbhCaseForm {
        mother_name: "Sri Wahyuni".into(),
        offence_date: "2026-11-01".into(),
        offence: "Pencurian ringan".into(),
        penalty_years: "5".into(),
        investigation_start: investigation.into(),
        investigator: "Bripka Andi".into(),
        police_unit: "Polsek Tamansari".into(),
        ..AbhCaseForm::default()
    };
    register::create(world.conn(), pk, &child, &case, TODAY, NOW).await.unwrap()
}

/// A Litmas request received at `received` (office wall clock, WITA).
async fn request_litmas(world: &World, pk: &Actor, child: Uuid, received: &str) -> Uuid {
    let request = LitmasRequestForm {
        requester: "penyidik".into(),
        kind: "diversi".into(),
        letter_number: "B/45/XII/2026".into(),
        received_at: received.into(),
    };
    litmas::request(world.conn(), pk, child, &request, NOW).await.unwrap()
}

#[tokio::test]
async fn deadline_figures_count_what_was_decided_this_month() {
    let o = office().await;
    let db = o.world.conn();
    // Ani's child: diversion due to start by the end of 3 December, never started (breached
    // in December); a Litmas requested at 10:00 on 1 December, never delivered (breached at
    // 10:00 on 4 December).
    let ani_child = child_case(&o.world, &o.ani, "Ayu Lestari", "2026-11-26").await;
    request_litmas(&o.world, &o.ani, ani_child, "2026-12-01T10:00").await;
    // Budi's child: diversion started on 2 December, in time; a Litmas requested on
    // 4 December and delivered this morning (met).
    let budi_child = child_case(&o.world, &o.budi, "Dewi Anggraini", "2026-11-28").await;
    let diversion = DiversionForm {
        stage: "penyidikan".into(),
        started_on: "2026-12-02".into(),
        ..DiversionForm::default()
    };
    process::save_diversion(db, &o.budi, budi_child, &diversion, TODAY, NOW).await.unwrap();
    let l = request_litmas(&o.world, &o.budi, budi_child, "2026-12-04T10:00").await;
    let written = LitmasContent {
        personal_family: "Anak tinggal bersama ibu.".into(),
        background: "Terpengaruh teman sebaya.".into(),
        victim_condition: "Korban tidak terluka.".into(),
        diversion_record: "Musyawarah dimulai 2 Desember.".into(),
        recommendation: "Diversi: pengembalian kepada orang tua.".into(),
    };
    litmas::save(db, &o.budi, l, &written, true, NOW).await.unwrap();
    litmas::review(db, &o.kabapas, l, true, "", NOW).await.unwrap();
    litmas::deliver(db, &o.budi, l, "2026-12-05T09:00", NOW).await.unwrap();

    // Referrals: Ani's client's due on 2 December, never answered; Budi's client's due on
    // 10 December, accepted this morning (answered by its day).
    let partner_form = PartnerForm {
        name: "Dinas Sosial Kota".into(),
        kind: "dinsos".into(),
        services: vec!["bpjs".into()],
        ..Default::default()
    };
    let partner = partners::save(db, &o.kabapas, None, &partner_form, NOW).await.unwrap();
    let mitra = o.world.actor(Role::Mitra, Office::Own).await;
    partners::link_user(db, &o.kabapas, partner, mitra.public_id, true, NOW).await.unwrap();
    let mitra = o.world.actor(Role::Mitra, Office::Own).await;
    let refer = |due: &str| ReferralForm {
        partner_id: partner.to_string(),
        service: "bpjs".into(),
        reason: "Belum punya jaminan kesehatan".into(),
        consent: true,
        due_on: due.into(),
    };
    let earlier = datetime!(2026-11-20 02:00 UTC);
    referrals::create(db, &o.ani, o.ani_client, &refer("2026-12-02"), date!(2026 - 11 - 20), earlier)
        .await
        .unwrap();
    let answered =
        referrals::create(db, &o.budi, o.budi_client, &refer("2026-12-10"), TODAY, NOW).await.unwrap();
    referrals::respond(db, &mitra, answered, ReferralStatus::Diterima, "", NOW).await.unwrap();

    // Ani's parolee joined a course on 2 November; Budi's never did.
    let course = ProgrammeForm {
        name: "Pelatihan las".into(),
        kind: "kemandirian".into(),
        place: "Aula Bapas".into(),
        starts_on: "2026-10-01".into(),
        capacity: "10".into(),
        needs: vec!["pekerjaan".into()],
        ..ProgrammeForm::default()
    };
    let course = programmes::save(db, &o.kabapas, None, &course, NOW).await.unwrap();
    let enrol = EnrolForm {
        programme_id: course.to_string(),
        enrolled_on: "2026-11-02".into(),
        consent: true,
        ..EnrolForm::default()
    };
    enrolments::enrol(db, &o.ani, o.ani_client, &enrol, TODAY, NOW).await.unwrap();

    let v = dashboard::office_vitals(db, &o.kabapas, None, NOW).await.unwrap();
    // A month earlier (to 5 November) nothing had fallen due.
    let sppa = row(&v, Vital::SppaClocks);
    assert_eq!((sppa.now, sppa.before), (Tally::share(1, 2), Tally::share(0, 0)));
    assert_eq!(of(&v, Vital::SppaClocks, &o.ani).0, Tally::share(0, 1));
    assert_eq!(of(&v, Vital::SppaClocks, &o.budi).0, Tally::share(1, 1));
    let litmas_row = row(&v, Vital::LitmasOnTime);
    assert_eq!((litmas_row.now, litmas_row.before), (Tally::share(1, 2), Tally::share(0, 0)));
    assert_eq!(of(&v, Vital::LitmasOnTime, &o.budi).0, Tally::share(1, 1));
    let answers = row(&v, Vital::ReferralsAnswered);
    assert_eq!((answers.now, answers.before), (Tally::share(1, 2), Tally::share(0, 0)));
    assert_eq!(of(&v, Vital::ReferralsAnswered, &o.ani).0, Tally::share(0, 1));
    // Children followed on their clocks are not counted among the supervised.
    let taking_part = row(&v, Vital::ProgrammeParticipation);
    assert_eq!((taking_part.now, taking_part.before), (Tally::share(1, 2), Tally::share(1, 2)));
    for r in &v.rows {
        let mut sum = r.vital.zero();
        r.officers.iter().for_each(|o| sum.add(o.now));
        assert_eq!(sum, r.now, "{:?}", r.vital);
    }

    // The lists behind them: who fell short.
    let all = ListQuery::default();
    let ids = |l: pamong_domain::oversight::vitals::VitalList| {
        l.page.items.into_iter().map(|i| i.client.id).collect::<Vec<_>>()
    };
    let breached = dashboard::behind(db, &o.kabapas, Vital::SppaClocks, None, &all, NOW).await.unwrap();
    assert_eq!(ids(breached), [ani_child]);
    let late = dashboard::behind(db, &o.kabapas, Vital::LitmasOnTime, None, &all, NOW).await.unwrap();
    assert_eq!(ids(late), [ani_child]);
    let unanswered =
        dashboard::behind(db, &o.kabapas, Vital::ReferralsAnswered, None, &all, NOW).await.unwrap();
    assert_eq!(ids(unanswered), [o.ani_client]);
    let not_taking_part =
        dashboard::behind(db, &o.kabapas, Vital::ProgrammeParticipation, None, &all, NOW).await.unwrap();
    assert_eq!(ids(not_taking_part), [o.budi_client]);
}

#[tokio::test]
async fn offices_side_by_side_with_outliers_and_a_trend() {
    let o = office().await;
    let db = o.world.conn();
    // Six more clients at our office, begun on 20 November: nothing due yet.
    for i in 0..6 {
        let form = ClientForm {
            full_name: format!("Klien Baru {i}"),
            sex: "L".into(),
            birth_date: "1990-01-01".into(),
            legal_basis: "pb".into(),
            supervision_start: "2026-11-20".into(),
            remaining_months: "10".into(),
            ..ClientForm::default()
        };
        registry::create(db, &o.ani, &form, TODAY, NOW).await.unwrap();
    }
    // A second office of the same region whose five parolees never reported; one of them
    // finished on 3 December.
    let bpc =
        offices::create_bapas(db, &Actor::system(), &common::bapas_form(&o.world.kanwil[0], "BPC"), NOW)
            .await
            .unwrap();
    let mut form = o.world.user_form("pk.citra", Role::Pk, Office::Own);
    form.office_id = bpc.id.to_string();
    users::create(db, &Actor::system(), &form, NOW).await.unwrap();
    let user = auth::login(db, "pk.citra", common::PASSWORD, None, NOW).await.unwrap();
    let citra = auth::actor_for(db, user).await.unwrap().unwrap();
    let mut theirs = Vec::new();
    for i in 0..5 {
        theirs.push(parolee(&o.world, &citra, &format!("Klien Lain {i}")).await);
    }
    let done =
        StatusForm { status: "selesai".into(), date: "2026-12-03".into(), reason: "Masa habis".into() };
    registry::change_status(db, &citra, theirs[0], &done, TODAY, NOW).await.unwrap();

    // Our office's PKS: one in force for long, one ending within 90 days.
    let partner = PartnerForm {
        name: "Dinas Sosial Kota".into(),
        kind: "dinsos".into(),
        services: vec!["bpjs".into()],
        ..Default::default()
    };
    let partner = partners::save(db, &o.kabapas, None, &partner, NOW).await.unwrap();
    for (number, end) in [("PKS/1/2026", "2028-06-30"), ("PKS/2/2026", "2027-01-31")] {
        let pks = AgreementForm {
            number: number.into(),
            title: "Layanan jaminan sosial klien".into(),
            services: vec!["bpjs".into()],
            signed_on: "2026-01-02".into(),
            start_on: "2026-01-05".into(),
            end_on: end.into(),
            ..Default::default()
        };
        partners::agreements::create(db, &o.kabapas, partner, None, &pks, NOW).await.unwrap();
    }

    let kanwil = o.world.actor(Role::Kanwil, Office::Own).await;
    let v = region::region_vitals(db, &kanwil, None, NOW).await.unwrap();
    let pks: Vec<_> = v.agreements.iter().map(|a| (a.area.name.as_str(), a.in_force, a.expiring)).collect();
    assert_eq!(pks, [("Bapas BPA", 2, 1), ("Bapas BPC", 0, 0)]);
    assert_eq!(v.kanwil.as_ref().map(|k| k.id), Some(o.world.kanwil[0].id));
    assert!(v.kanwils.is_empty(), "a Kanwil compares its own region");
    let row = |vital| v.rows.iter().find(|r| r.vital == vital).unwrap();
    let area = |vital, name: &str| row(vital).areas.iter().find(|a| a.area.name == name).unwrap().clone();
    // Overdue: ours 1 of 8 supervised, theirs 4 of 4 — far above the region's 5 of 12.
    assert_eq!(
        (area(Vital::Overdue, "Bapas BPA").tally, area(Vital::Overdue, "Bapas BPA").clients),
        (Tally::count(1), 8)
    );
    let far = area(Vital::Overdue, "Bapas BPC");
    assert_eq!((far.tally, far.clients, far.outlier), (Tally::count(4), 4, true));
    assert!(!area(Vital::Overdue, "Bapas BPA").outlier);
    assert_eq!(row(Vital::Overdue).total, Tally::count(5));
    // Reports on time over 30 days: ours 1 of 2, theirs 0 of 4 (at least ten points below 1 of 6).
    assert_eq!(row(Vital::ReportsOnTime30).total, Tally::share(1, 6));
    assert!(area(Vital::ReportsOnTime30, "Bapas BPC").outlier);
    assert!(!area(Vital::ReportsOnTime30, "Bapas BPA").outlier);
    // The trend: twelve points, today last; at the end of November the 1 November reports of
    // all seven parolees then supervised (the one finished since included) were missed.
    let trend = &row(Vital::ReportsOnTime30).trend;
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[11], (TODAY, Tally::share(1, 6)));
    assert_eq!(trend[10], (date!(2026 - 11 - 30), Tally::share(0, 7)));
    assert_eq!(trend[9], (date!(2026 - 10 - 31), Tally::share(0, 0)), "nothing due in October");

    // Headquarters compares the Kanwils, then chooses one; no client is ever named.
    let pusat = o.world.actor(Role::Pusat, Office::Own).await;
    let nation = region::region_vitals(db, &pusat, None, NOW).await.unwrap();
    assert!(nation.by_kanwil());
    assert_eq!(nation.kanwils.len(), 2);
    let overdue = nation.rows.iter().find(|r| r.vital == Vital::Overdue).unwrap();
    let names: Vec<_> = overdue.areas.iter().map(|a| (a.area.name.as_str(), a.tally, a.clients)).collect();
    assert_eq!(names, [("Kanwil A", Tally::count(5), 12), ("Kanwil B", Tally::count(0), 0)]);
    let text = format!("{nation:?}");
    assert!(!text.contains("Agus Salim") && !text.contains("Klien Lain"), "never a client's name");
    let chosen = region::region_vitals(db, &pusat, Some(o.world.kanwil[0].id), NOW).await.unwrap();
    assert_eq!(chosen.rows[0].areas.len(), 2);

    // A Kabapas reads their own dashboard, an officer neither.
    assert!(is_not_found(region::region_vitals(db, &o.kabapas, None, NOW).await));
    assert!(is_not_found(region::region_vitals(db, &o.ani, None, NOW).await));

    // Our office's month-before figure counts who was supervised then: theirs, at BPC's own
    // dashboard, the finished client too.
    let bpc_kabapas = {
        let mut form = o.world.user_form("kabapas.bpc", Role::Kabapas, Office::Own);
        form.office_id = bpc.id.to_string();
        users::create(db, &Actor::system(), &form, NOW).await.unwrap();
        let user = auth::login(db, "kabapas.bpc", common::PASSWORD, None, NOW).await.unwrap();
        auth::actor_for(db, user).await.unwrap().unwrap()
    };
    let theirs_now = dashboard::office_vitals(db, &bpc_kabapas, None, NOW).await.unwrap();
    let overdue = row_of(&theirs_now, Vital::Overdue);
    assert_eq!((overdue.now, overdue.before), (Tally::count(4), Tally::count(5)));
}

fn row_of(vitals: &OfficeVitals, vital: Vital) -> VitalRow {
    row(vitals, vital).clone()
}

#[tokio::test]
async fn the_comparison_keeps_its_figures_and_computes_today_again_when_old() {
    use pamong_domain::oversight::region::RegionVitals;
    use pamong_domain::oversight::snapshot::{LIVE_FOR, REFRESH_AFTER};
    use pamong_service::oversight::snapshots;
    use time::Duration;
    let o = office().await;
    let db = o.world.conn();
    let own = o.world.bapas[0].id;
    let kanwil = o.world.actor(Role::Kanwil, Office::Own).await;
    let overdue = |v: &RegionVitals| v.rows.iter().find(|r| r.vital == Vital::Overdue).unwrap().total;
    let first = region::region_vitals(db, &kanwil, None, NOW).await.unwrap();
    assert_eq!(first.computed_at, NOW);
    assert_eq!(overdue(&first), Tally::count(1), "Budi never reported");

    // Budi makes up for his misses: the office's own dashboard counts it at once, the
    // comparison once its kept figures are ten minutes old.
    report(&o.world, &o.budi, o.budi_client, "2026-12-05").await;
    let soon = NOW + Duration::minutes(5);
    let live = dashboard::office_vitals(db, &o.kabapas, Some(own), soon).await.unwrap();
    assert_eq!(row(&live, Vital::Overdue).now, Tally::count(0));
    let kept = region::region_vitals(db, &kanwil, None, soon).await.unwrap();
    assert_eq!((kept.computed_at, overdue(&kept)), (NOW, Tally::count(1)));
    assert_eq!(kept.rows, first.rows, "every figure as kept");

    let later = NOW + LIVE_FOR;
    let fresh = region::region_vitals(db, &kanwil, None, later).await.unwrap();
    assert_eq!((fresh.computed_at, overdue(&fresh)), (later, Tally::count(0)));
    let trend = |v: &RegionVitals| v.rows.iter().map(|r| r.trend[..11].to_vec()).collect::<Vec<_>>();
    assert_eq!(trend(&fresh), trend(&first), "the month-ends were final");

    // The background refresh computes today again before a reader finds it old.
    let refreshed_at = later + REFRESH_AFTER;
    assert_eq!(snapshots::refresh(db, refreshed_at).await.unwrap(), 2, "both offices");
    let read = region::region_vitals(db, &kanwil, None, refreshed_at + Duration::minutes(1)).await.unwrap();
    assert_eq!(read.computed_at, refreshed_at);
    // A reader of an earlier instant does not take figures computed after it.
    let past = region::region_vitals(db, &kanwil, None, later).await.unwrap();
    assert_eq!(past.computed_at, later);
}
