//! The one masking step holds for every field, including those not written yet.
//!
//! A child's case is recorded in every table that holds something about a client; then every
//! text column of every one of those rows is overwritten with a token of its own (`QX7Q`),
//! whatever the column — so a column added later gets one too. Every view a viewer without
//! a need to know can reach is serialised as the browser would receive it, and no token may
//! be in it, except those of the few columns a masked viewer is meant to read (the offence
//! and the police contact). The same views for the assigned PK do hold the tokens, so the
//! check is not blind.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::collections::BTreeMap;

use common::{Office, World};
use pamong_domain::Role;
use pamong_domain::abh::case::AbhCaseForm;
use pamong_domain::abh::clock::wall_clock;
use pamong_domain::abh::litmas::LitmasRequestForm;
use pamong_domain::abh::process::{DiversionForm, EventForm};
use pamong_domain::caseload::{ClientFilter, TransferForm};
use pamong_domain::client::ClientForm;
use pamong_domain::export::ExportFormat;
use pamong_domain::groups::GroupForm;
use pamong_domain::office::Zone;
use pamong_domain::page::ListQuery;
use pamong_domain::partners::PartnerForm;
use pamong_domain::referrals::ReferralForm;
use pamong_domain::reintegration::checklist::ChecklistForm;
use pamong_domain::reintegration::participation::{AttendanceForm, EnrolForm, OutcomeForm, SessionPlanForm};
use pamong_domain::reintegration::peduli::ActivityForm;
use pamong_domain::reintegration::programmes::ProgrammeForm;
use pamong_domain::reintegration::umkm::{BusinessForm, SupportForm};
use pamong_domain::supervision::{GuidanceForm, ReportForm, ViolationForm};
use pamong_entity::{
    abh_case, abh_diversion, abh_event, abh_litmas, business_status_change, business_support, client,
    client_business, client_guidance, client_need, client_report, client_transfer, client_violation,
    kb_client, programme_enrolment, referral,
};
use pamong_service::abh::{self, DeadlineScope, litmas, process, register};
use pamong_service::clients::{self, assignment, export, registry};
use pamong_service::reintegration::sessions as programme_sessions;
use pamong_service::reintegration::{checklist, enrolments, peduli, programmes, umkm};
use pamong_service::{Actor, DatabaseConnection, groups, partners, referrals, supervision};
use sea_orm::sea_query::{ColumnType, Value};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IdenStatic, IntoActiveModel, Iterable, QueryFilter,
};
use serde::Serialize;
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);
const BIRTH: &str = "2011-05-10";
/// The position recorded at the child's home, as no other number in the views reads.
const LATITUDE: f64 = -7.123_456_7;

/// Columns that hold codes the service parses (a token there would break the record, not
/// test the masking), or the case number, which every viewer of the case sees.
const CODED: &[&str] = &[
    "register_number",
    "name_folded",
    "sex",
    "legal_basis",
    "status",
    "risk_band",
    "stage",
    "kind",
    "action",
    "action_status",
    "service",
    "requester",
    "outcome",
    "agreement_forms",
    "parties",
    "partner_kind",
    "item",
    "state",
];
/// Text a masked viewer is meant to read: what the case is about, and the police contact.
const OPEN: &[&str] = &["abh_cases.offence", "abh_cases.investigator", "abh_cases.police_unit"];

/// Which token went into which `table.column`.
#[derive(Default)]
struct Tokens(BTreeMap<String, String>);

impl Tokens {
    fn next(&mut self, table: &str, column: &str) -> String {
        let token = format!("QX{}Q", self.0.len());
        self.0.insert(token.clone(), format!("{table}.{column}"));
        token
    }

    /// The restricted columns whose token appears in `text`.
    fn found_in(&self, text: &str) -> Vec<String> {
        // Tokens end in `Q`, so `QX1Q` is never found inside `QX12Q`.
        self.0
            .iter()
            .filter(|(token, column)| text.contains(token.as_str()) && !OPEN.contains(&column.as_str()))
            .map(|(_, column)| column.clone())
            .collect()
    }
}

/// Overwrites every text column (but the coded ones) of the rows `E` holds matching `filter`.
async fn overwrite<E>(db: &DatabaseConnection, tokens: &mut Tokens, filter: sea_orm::Condition)
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let table = E::default().table_name().to_owned();
    for row in E::find().filter(filter).all(db).await.unwrap() {
        let mut active = row.into_active_model();
        for column in E::Column::iter() {
            let name = column.as_str().to_owned();
            let text = matches!(column.def().get_column_type(), ColumnType::String(_) | ColumnType::Text);
            if text && !CODED.contains(&name.as_str()) {
                active.set(column, Value::String(Some(tokens.next(&table, &name))));
            }
        }
        active.update(db).await.unwrap();
    }
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

struct Scene {
    world: World,
    pk: Actor,
    child: Uuid,
    group: Uuid,
    litmas: Uuid,
    course: Uuid,
    office: Uuid,
    tokens: Tokens,
}

/// A child's case recorded everywhere a client's data lives, then tokens in every text column.
async fn scene() -> Scene {
    let world = World::new().await;
    let db = world.conn().clone();
    let pk = world.actor(Role::Pk, Office::Own).await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let coordinator = world.actor(Role::Koordinator, Office::Own).await;
    let child = ClientForm {
        full_name: "Ayu Lestari Wulandari".into(),
        sex: "P".into(),
        birth_date: BIRTH.into(),
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
    let id = register::create(&db, &pk, &child, &case, TODAY, NOW).await.unwrap();
    let at = |kind: &str| ReportForm {
        kind: kind.into(),
        date: TODAY.to_string(),
        time: "09:00".into(),
        attended: "ya".into(),
        notes: "catatan".into(),
        latitude: LATITUDE.to_string(),
        longitude: "110.1234567".into(),
    };
    supervision::record_report(&db, &pk, id, &at("kunjungan"), None, TODAY, NOW).await.unwrap();
    let guidance = GuidanceForm {
        kind: "kepribadian".into(),
        topic: "topik".into(),
        date: TODAY.to_string(),
        attended: "ya".into(),
        notes: "catatan".into(),
    };
    supervision::record_guidance(&db, &pk, id, &guidance, None, TODAY, NOW).await.unwrap();
    let violation = ViolationForm {
        kind: "tidak_lapor".into(),
        date: TODAY.to_string(),
        description: "uraian".into(),
        action: "teguran".into(),
        action_status: "diusulkan".into(),
    };
    supervision::record_violation(&db, &pk, id, &violation, TODAY, NOW).await.unwrap();
    let litmas = litmas::request(
        &db,
        &pk,
        id,
        &LitmasRequestForm {
            requester: "penyidik".into(),
            kind: "diversi".into(),
            letter_number: "B/1/XI/2026".into(),
            received_at: wall_clock(NOW - time::Duration::hours(2), Zone::Wita),
        },
        NOW,
    )
    .await
    .unwrap();
    let diversion = DiversionForm {
        stage: "penyidikan".into(),
        started_on: TODAY.to_string(),
        notes: "catatan".into(),
        ..DiversionForm::default()
    };
    process::save_diversion(&db, &pk, id, &diversion, TODAY, NOW).await.unwrap();
    let event = EventForm {
        kind: "rujukan".into(),
        date: TODAY.to_string(),
        stage: "penyidikan".into(),
        place: "rumah".into(),
        partner_kind: "dinsos".into(),
        partner_name: "LPKS Harapan".into(),
        notes: "catatan".into(),
        ..EventForm::default()
    };
    process::add_event(&db, &pk, id, &event, TODAY, NOW).await.unwrap();
    let group = GroupForm {
        name: "Kelayan Binter Tamansari".into(),
        areas: "Tamansari".into(),
        coordinator_id: coordinator.public_id.to_string(),
    };
    let group = groups::create(&db, &kabapas, &group, NOW).await.unwrap();
    groups::watch_client(&db, &pk, group, id, "alasan", TODAY, NOW).await.unwrap();
    let partner = PartnerForm {
        name: "Dinas Sosial Kota".into(),
        kind: "dinsos".into(),
        services: vec!["bpjs".into()],
        ..Default::default()
    };
    let partner = partners::save(&db, &kabapas, None, &partner, NOW).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await;
    partners::link_user(&db, &kabapas, partner, mitra.public_id, true, NOW).await.unwrap();
    let referral = ReferralForm {
        partner_id: partner.to_string(),
        service: "bpjs".into(),
        reason: "alasan".into(),
        consent: true,
        due_on: "2026-12-01".into(),
    };
    referrals::create(&db, &pk, id, &referral, TODAY, NOW).await.unwrap();
    let needs =
        ChecklistForm { ktp: "dibutuhkan".into(), note: "catatan".into(), ..ChecklistForm::default() };
    checklist::mark(&db, &pk, id, &needs, TODAY, NOW).await.unwrap();
    // A programme the partner runs: the child joined, came to a session, then dropped out.
    let course = ProgrammeForm {
        partner_id: partner.to_string(),
        name: "Pelatihan".into(),
        kind: "kemandirian".into(),
        place: "BLK".into(),
        starts_on: "2026-11-01".into(),
        capacity: "10".into(),
        ..ProgrammeForm::default()
    };
    let course = programmes::save(&db, &kabapas, None, &course, NOW).await.unwrap();
    let joined = EnrolForm {
        programme_id: course.to_string(),
        enrolled_on: "2026-11-20".into(),
        consent: true,
        ..EnrolForm::default()
    };
    let enrolment = enrolments::enrol(&db, &pk, id, &joined, TODAY, NOW).await.unwrap();
    let session = SessionPlanForm { held_on: TODAY.to_string(), topic: "Praktik".into() };
    let session = programme_sessions::plan(&db, &pk, course, &session, NOW).await.unwrap();
    let present = AttendanceForm { present: vec![enrolment.to_string()] };
    programme_sessions::record_attendance(&db, &pk, session, &present, NOW).await.unwrap();
    let dropped = OutcomeForm {
        status: "keluar".into(),
        ended_on: TODAY.to_string(),
        reason: "alasan".into(),
        ..Default::default()
    };
    enrolments::end(&db, &pk, enrolment, &dropped, NOW).await.unwrap();
    let activity = ActivityForm {
        held_on: TODAY.to_string(),
        place: "Taman".into(),
        kind: "bersih_bersih".into(),
        clients: vec![id.to_string()],
        ..ActivityForm::default()
    };
    peduli::record(&db, &pk, &activity, TODAY, NOW).await.unwrap();
    let business = BusinessForm {
        name: "usaha".into(),
        kind: "warung".into(),
        status: "berjalan".into(),
        since: TODAY.to_string(),
        note: "catatan".into(),
    };
    let business = umkm::add(&db, &pk, id, &business, TODAY, NOW).await.unwrap();
    let support = SupportForm {
        kind: "modal".into(),
        partner_id: partner.to_string(),
        received_on: TODAY.to_string(),
        description: "uraian".into(),
        amount: "100000".into(),
    };
    umkm::add_support(&db, &pk, business, &support, TODAY, NOW).await.unwrap();
    let transfer = TransferForm { to_bapas: world.bapas[1].id.to_string(), reason: "alasan".into() };
    assignment::request_transfer(&db, &pk, id, &transfer, NOW).await.unwrap();

    let row = client::Entity::find().filter(client::Column::PublicId.eq(id)).one(&db).await.unwrap().unwrap();
    let case = abh_case::Entity::find()
        .filter(abh_case::Column::ClientId.eq(row.id))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let mut tokens = Tokens::default();
    let by = |expr: sea_orm::sea_query::SimpleExpr| sea_orm::Condition::all().add(expr);
    overwrite::<client::Entity>(&db, &mut tokens, by(client::Column::Id.eq(row.id))).await;
    overwrite::<abh_case::Entity>(&db, &mut tokens, by(abh_case::Column::Id.eq(case.id))).await;
    overwrite::<client_report::Entity>(&db, &mut tokens, by(client_report::Column::ClientId.eq(row.id)))
        .await;
    overwrite::<client_guidance::Entity>(&db, &mut tokens, by(client_guidance::Column::ClientId.eq(row.id)))
        .await;
    overwrite::<client_violation::Entity>(
        &db,
        &mut tokens,
        by(client_violation::Column::ClientId.eq(row.id)),
    )
    .await;
    overwrite::<client_transfer::Entity>(&db, &mut tokens, by(client_transfer::Column::ClientId.eq(row.id)))
        .await;
    overwrite::<kb_client::Entity>(&db, &mut tokens, by(kb_client::Column::ClientId.eq(row.id))).await;
    overwrite::<referral::Entity>(&db, &mut tokens, by(referral::Column::ClientId.eq(row.id))).await;
    overwrite::<client_need::Entity>(&db, &mut tokens, by(client_need::Column::ClientId.eq(row.id))).await;
    let businesses: Vec<i32> = client_business::Entity::find()
        .filter(client_business::Column::ClientId.eq(row.id))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.id)
        .collect();
    overwrite::<client_business::Entity>(&db, &mut tokens, by(client_business::Column::ClientId.eq(row.id)))
        .await;
    overwrite::<business_status_change::Entity>(
        &db,
        &mut tokens,
        by(business_status_change::Column::BusinessId.is_in(businesses.clone())),
    )
    .await;
    overwrite::<business_support::Entity>(
        &db,
        &mut tokens,
        by(business_support::Column::BusinessId.is_in(businesses)),
    )
    .await;
    overwrite::<programme_enrolment::Entity>(
        &db,
        &mut tokens,
        by(programme_enrolment::Column::ClientId.eq(row.id)),
    )
    .await;
    overwrite::<abh_litmas::Entity>(&db, &mut tokens, by(abh_litmas::Column::CaseId.eq(case.id))).await;
    overwrite::<abh_diversion::Entity>(&db, &mut tokens, by(abh_diversion::Column::CaseId.eq(case.id))).await;
    overwrite::<abh_event::Entity>(&db, &mut tokens, by(abh_event::Column::CaseId.eq(case.id))).await;
    let office = world.bapas[0].id;
    Scene { world, pk, child: id, group, litmas, course, office, tokens }
}

/// Everything `actor` can read about the child, as JSON, view by view (errors are read too:
/// a "not found" must not carry the record either).
async fn views(s: &Scene, actor: &Actor) -> Vec<(&'static str, String)> {
    let db = s.world.conn();
    let birth = Date::parse(BIRTH, time::macros::format_description!("[year]-[month]-[day]")).unwrap();
    let list = ClientFilter {
        list: ListQuery { include_inactive: true, ..ListQuery::default() },
        ..ClientFilter::default()
    };
    let name = clients::get(db, &s.pk, s.child, TODAY, NOW).await.unwrap().summary.full_name;
    vec![
        (
            "clients::get",
            format!("{:?}", clients::get(db, actor, s.child, TODAY, NOW).await.map(|v| json(&v))),
        ),
        (
            "timeline",
            format!("{:?}", supervision::timeline(db, actor, s.child, TODAY).await.map(|v| json(&v))),
        ),
        ("clients::list", format!("{:?}", clients::list(db, actor, &list).await.map(|v| json(&v)))),
        (
            "export::list",
            format!(
                "{:?}",
                export::list(db, actor, &list, ExportFormat::Csv, NOW)
                    .await
                    .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            ),
        ),
        (
            "similar",
            format!("{:?}", registry::similar(db, actor, &name, birth, None).await.map(|v| json(&v))),
        ),
        ("abh::get", format!("{:?}", abh::get(db, actor, s.child, None, NOW).await.map(|v| json(&v)))),
        ("abh::list", format!("{:?}", abh::list(db, actor, &ListQuery::default()).await.map(|v| json(&v)))),
        (
            "abh::deadlines",
            format!("{:?}", abh::deadlines(db, actor, DeadlineScope::Office, NOW).await.map(|v| json(&v))),
        ),
        ("litmas::get", format!("{:?}", litmas::get(db, actor, s.litmas, NOW).await.map(|v| json(&v)))),
        (
            "referrals::of_client",
            format!("{:?}", referrals::of_client(db, actor, s.child).await.map(|v| json(&v))),
        ),
        (
            "reintegration::needs",
            format!("{:?}", checklist::of_client(db, actor, s.child).await.map(|v| json(&v))),
        ),
        (
            "programmes::of_client",
            format!("{:?}", enrolments::of_client(db, actor, s.child, TODAY).await.map(|v| json(&v))),
        ),
        (
            "programmes::get",
            format!("{:?}", enrolments::get(db, actor, s.course, TODAY).await.map(|v| json(&v))),
        ),
        (
            "peduli::office",
            format!("{:?}", peduli::office(db, actor, Some(s.office), TODAY).await.map(|v| json(&v))),
        ),
        ("umkm::of_client", format!("{:?}", umkm::of_client(db, actor, s.child).await.map(|v| json(&v)))),
        ("referrals::inbox", format!("{:?}", referrals::inbox(db, actor).await.map(|v| json(&v)))),
        ("groups::get", format!("{:?}", groups::get(db, actor, s.group, TODAY).await.map(|v| json(&v)))),
        ("transfers::incoming", format!("{:?}", assignment::incoming(db, actor).await.map(|v| json(&v)))),
    ]
}

#[tokio::test]
async fn no_restricted_column_reaches_a_viewer_without_need_to_know() {
    let s = scene().await;
    let w = &s.world;
    let viewers = [
        w.actor_named("pk.rekan", Role::Pk, Office::Own).await,
        w.actor(Role::Kanwil, Office::Own).await,
        w.actor(Role::Admin, Office::Own).await,
        w.actor(Role::Koordinator, Office::Own).await,
        w.actor(Role::Mitra, Office::Own).await,
        w.actor(Role::Kabapas, Office::Other).await,
        w.actor(Role::Pk, Office::Other).await,
    ];
    let mut leaks = Vec::new();
    for viewer in &viewers {
        for (view, text) in views(&s, viewer).await {
            for column in s.tokens.found_in(&text) {
                leaks.push(format!("{} via {view}: {column}", viewer.username));
            }
            for (what, secret) in [("birth date", BIRTH), ("home position", "7.12345")] {
                if text.contains(secret) {
                    leaks.push(format!("{} via {view}: {what}", viewer.username));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "restricted columns reached viewers without need to know:\n{}",
        leaks.join("\n")
    );
}

#[tokio::test]
async fn the_assigned_pk_reads_every_restricted_column() {
    let s = scene().await;
    let all: String = views(&s, &s.pk).await.into_iter().map(|(_, text)| text).collect();
    let seen = s.tokens.found_in(&all);
    // What the service never shows anyone (the folded search name is not text at all).
    for column in [
        "clients.nik",
        "clients.full_name",
        "clients.address",
        "abh_cases.mother_name",
        "client_reports.notes",
        "abh_litmas.letter_number",
        "client_transfers.reason",
        "kb_clients.reason",
        "referrals.reason",
        "abh_events.notes",
        "abh_diversions.notes",
    ] {
        assert!(
            seen.iter().any(|c| c == column),
            "{column} never reached the assigned PK: the test is blind to it"
        );
    }
    assert!(all.contains("7.12345"), "the home position");
}
