//! The reintegration checklist through the service on the test database (SQLite or
//! PostgreSQL): the PK marks items, a referral moves the item it serves on by itself, the
//! latest assessment's criminogenic needs show beside it; who may see and mark.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::caseload::AssessmentForm;
use pamong_domain::client::ClientForm;
use pamong_domain::needs::{NeedDomain, NeedLevel};
use pamong_domain::referrals::{ReferralForm, ReferralStatus};
use pamong_domain::reintegration::checklist::{ChecklistForm, ClientNeeds, NeedItem, NeedState};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_entity::audit_log;
use pamong_service::clients::registry;
use pamong_service::reintegration::checklist;
use pamong_service::{Actor, ServiceError, referrals, supervision};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
/// 10:00 on [`TODAY`] at the test offices (WITA).
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);

fn state(needs: &ClientNeeds, item: NeedItem) -> Option<NeedState> {
    needs.checklist.iter().find(|i| i.item == item).and_then(|i| i.state)
}

async fn client(world: &World, pk: &Actor, name: &str) -> Uuid {
    let form = ClientForm {
        full_name: name.into(),
        sex: "L".into(),
        birth_date: "1985-03-01".into(),
        offence_articles: "Pasal 362 KUHP".into(),
        legal_basis: "pb".into(),
        supervision_start: "2026-10-01".into(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    registry::create(world.conn(), pk, &form, TODAY, NOW).await.unwrap().id
}

#[tokio::test]
async fn the_pk_marks_items_and_each_change_is_audited() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let id = client(&world, &pk, "Budi Santoso").await;
    let fresh = checklist::of_client(world.conn(), &pk, id).await.unwrap();
    assert_eq!(fresh.checklist.len(), NeedItem::ALL.len());
    assert!(fresh.checklist.iter().all(|i| i.state.is_none()), "nothing marked yet");
    assert!(fresh.can_edit && fresh.criminogenic.is_empty());

    let form = ChecklistForm {
        ktp: "dibutuhkan".into(),
        bpjs: "terpenuhi".into(),
        note: "KTP hilang saat penahanan".into(),
        ..ChecklistForm::default()
    };
    checklist::mark(world.conn(), &pk, id, &form, TODAY, NOW).await.unwrap();
    let needs = checklist::of_client(world.conn(), &pk, id).await.unwrap();
    assert_eq!(state(&needs, NeedItem::Ktp), Some(NeedState::Needed));
    assert_eq!(state(&needs, NeedItem::Bpjs), Some(NeedState::Met));
    assert_eq!(state(&needs, NeedItem::Housing), None, "left empty, left alone");
    assert_eq!(needs.open(), 1);
    let ktp = needs.checklist.iter().find(|i| i.item == NeedItem::Ktp).unwrap();
    assert_eq!((ktp.since, ktp.note.as_deref()), (Some(TODAY), Some("KTP hilang saat penahanan")));

    let audits =
        || audit_log::Entity::find().filter(audit_log::Column::Entity.eq("client_needs")).count(world.conn());
    assert_eq!(audits().await.unwrap(), 1);
    // The same marks again change nothing and write no audit row; a note with them is
    // refused rather than lost.
    let again = ChecklistForm { note: String::new(), ..form.clone() };
    checklist::mark(world.conn(), &pk, id, &again, TODAY, NOW).await.unwrap();
    assert_eq!(audits().await.unwrap(), 1);
    let err = checklist::mark(world.conn(), &pk, id, &form, TODAY, NOW).await.unwrap_err();
    assert!(
        matches!(err, ServiceError::Domain(ErrorKind::Invalid(ref e)) if e.get("note") == Some(Problem::NothingChanged))
    );

    let bad = ChecklistForm { pekerjaan: "beres".into(), ..ChecklistForm::default() };
    let err = checklist::mark(world.conn(), &pk, id, &bad, TODAY, NOW).await.unwrap_err();
    assert!(
        matches!(err, ServiceError::Domain(ErrorKind::Invalid(ref e)) if e.get("pekerjaan") == Some(Problem::NotAllowed))
    );
}

#[tokio::test]
async fn a_referral_moves_the_item_it_serves() {
    let world = World::new().await;
    let (partner, mitra) =
        common::linked_partner(&world, "Disdukcapil Kota", "dukcapil", "dokumen", NOW).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let id = client(&world, &pk, "Agus Salim").await;
    let ktp = ChecklistForm { ktp: "dibutuhkan".into(), ..ChecklistForm::default() };
    checklist::mark(world.conn(), &pk, id, &ktp, TODAY, NOW).await.unwrap();

    let form = ReferralForm {
        partner_id: partner.to_string(),
        service: "dokumen".into(),
        reason: "Perekaman KTP-el".into(),
        consent: true,
        due_on: "2026-12-10".into(),
    };
    let first = referrals::create(world.conn(), &pk, id, &form, TODAY, NOW).await.unwrap();
    let needs = checklist::of_client(world.conn(), &pk, id).await.unwrap();
    let item = needs.checklist.iter().find(|i| i.item == NeedItem::Ktp).unwrap();
    assert_eq!(item.state, Some(NeedState::InProgress));
    assert_eq!(item.by.as_deref(), Some("Disdukcapil Kota"), "the partner working on it");

    // A second referral for the same need, then the first declined: still in progress.
    let second = referrals::create(world.conn(), &pk, id, &form, TODAY, NOW).await.unwrap();
    referrals::respond(world.conn(), &mitra, first, ReferralStatus::Ditolak, "Kuota penuh", NOW)
        .await
        .unwrap();
    let needs = checklist::of_client(world.conn(), &pk, id).await.unwrap();
    assert_eq!(state(&needs, NeedItem::Ktp), Some(NeedState::InProgress), "the second still works on it");
    referrals::respond(world.conn(), &mitra, second, ReferralStatus::Diterima, "", NOW).await.unwrap();
    referrals::respond(world.conn(), &mitra, second, ReferralStatus::Selesai, "KTP-el terbit", NOW)
        .await
        .unwrap();
    let needs = checklist::of_client(world.conn(), &pk, id).await.unwrap();
    assert_eq!(state(&needs, NeedItem::Ktp), Some(NeedState::Met));
    assert_eq!(needs.open(), 0);

    // The only referral declined puts the need back.
    let other = client(&world, &pk, "Dedi Kurniawan").await;
    let lone = referrals::create(world.conn(), &pk, other, &form, TODAY, NOW).await.unwrap();
    referrals::respond(world.conn(), &mitra, lone, ReferralStatus::Ditolak, "Di luar wilayah", NOW)
        .await
        .unwrap();
    let needs = checklist::of_client(world.conn(), &pk, other).await.unwrap();
    assert_eq!(state(&needs, NeedItem::Ktp), Some(NeedState::Needed), "a referral says it was needed");
}

#[tokio::test]
async fn the_latest_assessment_s_needs_show_beside_the_checklist() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let id = client(&world, &pk, "Hendra Wijaya").await;
    let mut answers = pamong_domain::rri::Answers::new();
    for item in &pamong_domain::rri::Instrument::part_a_2021().items {
        answers.insert(item.key.clone(), item.choices[0].key.clone());
    }
    let mut needs = pamong_domain::needs::NeedRatings::new();
    needs.insert(NeedDomain::DrugsAlcohol, 5);
    needs.insert(NeedDomain::Family, 1);
    let form = AssessmentForm { answers, needs, date: "2026-11-20".into(), ..Default::default() };
    supervision::assess(world.conn(), &pk, id, &form, TODAY, NOW).await.unwrap();
    let shown = checklist::of_client(world.conn(), &pk, id).await.unwrap();
    assert_eq!(shown.assessed_on, Some(date!(2026 - 11 - 20)));
    assert_eq!(shown.criminogenic.len(), NeedDomain::ALL.len());
    assert!(shown.criminogenic.contains(&(NeedDomain::DrugsAlcohol, NeedLevel::High)));
    assert!(shown.criminogenic.contains(&(NeedDomain::Family, NeedLevel::Some)));
    assert!(shown.criminogenic.contains(&(NeedDomain::Finance, NeedLevel::None)));
}

#[tokio::test]
async fn who_may_see_and_mark_the_checklist() {
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let id = client(&world, &pk, "Rudi Hartono").await;
    let form = ChecklistForm { pekerjaan: "dibutuhkan".into(), ..ChecklistForm::default() };
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    checklist::mark(world.conn(), &kabapas, id, &form, TODAY, NOW).await.unwrap();
    for (who, may_read, may_mark) in [
        (world.actor_named("pk.rekan", Role::Pk, Office::Own).await, true, false),
        (world.actor(Role::Kanwil, Office::Own).await, true, false),
        (world.actor(Role::Koordinator, Office::Own).await, false, false),
        (world.actor(Role::Mitra, Office::Own).await, false, false),
        (world.actor(Role::Admin, Office::Own).await, false, false),
        (world.actor(Role::Pk, Office::Other).await, false, false),
        (world.actor(Role::Kabapas, Office::Other).await, false, false),
    ] {
        let read = checklist::of_client(world.conn(), &who, id).await;
        assert_eq!(read.is_ok(), may_read, "{} reads", who.username);
        if let Ok(needs) = read {
            assert_eq!(needs.can_edit, may_mark, "{} may mark", who.username);
        }
        let marked = checklist::mark(world.conn(), &who, id, &form, TODAY, NOW).await;
        assert_eq!(marked.is_ok(), may_mark, "{} marks", who.username);
    }
}

#[tokio::test]
async fn the_needs_map_counts_the_office_and_names_nobody() {
    use pamong_service::reintegration::needs_map;
    let world = World::new().await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let budi = client(&world, &pk, "Budi Santoso").await;
    let agus = client(&world, &pk, "Agus Salim").await;
    client(&world, &pk, "Dedi Kurniawan").await;
    let last_month = date!(2026 - 10 - 20);
    let ktp = ChecklistForm {
        ktp: "dibutuhkan".into(),
        pekerjaan: "dibutuhkan".into(),
        ..ChecklistForm::default()
    };
    checklist::mark(world.conn(), &pk, budi, &ktp, last_month, NOW).await.unwrap();
    checklist::mark(world.conn(), &pk, agus, &ktp, TODAY, NOW).await.unwrap();
    let met = ChecklistForm { ktp: "terpenuhi".into(), ..ChecklistForm::default() };
    checklist::mark(world.conn(), &pk, budi, &met, TODAY, NOW).await.unwrap();

    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let shown = needs_map::of_office(world.conn(), &kabapas, None, TODAY).await.unwrap();
    assert_eq!(shown.office.id, world.bapas[0].id);
    assert_eq!(shown.offices.len(), 1, "the Kabapas reads their own office only");
    let map = &shown.map;
    assert_eq!((map.clients, map.mapped), (3, 2));
    let count = |item: NeedItem| map.items.iter().find(|c| c.item == item).unwrap().clone();
    let ktp = count(NeedItem::Ktp);
    assert_eq!((ktp.open(), ktp.open_before, ktp.met, ktp.met_this_month), (1, 1, 1, 1));
    let work = count(NeedItem::Work);
    assert_eq!((work.open(), work.open_before, work.trend()), (2, 1, 1));
    assert!(!format!("{shown:?}").contains("Budi"), "counts, never names");

    // The Kanwil reads any office of its region, not another region's; the admin any.
    let kanwil = world.actor(Role::Kanwil, Office::Own).await;
    let read = needs_map::of_office(world.conn(), &kanwil, Some(world.bapas[0].id), TODAY).await.unwrap();
    assert_eq!(read.map.clients, 3);
    assert!(needs_map::of_office(world.conn(), &kanwil, Some(world.bapas[1].id), TODAY).await.is_err());
    let admin = world.actor(Role::Admin, Office::Own).await;
    let all = needs_map::of_office(world.conn(), &admin, Some(world.bapas[1].id), TODAY).await.unwrap();
    assert_eq!((all.offices.len(), all.map.clients), (2, 0));
    for role in [Role::Pk, Role::Koordinator, Role::Mitra] {
        let who = world.actor_named(&format!("peta.{}", role.as_str()), role, Office::Own).await;
        assert!(needs_map::of_office(world.conn(), &who, None, TODAY).await.is_err(), "{role:?}");
    }
    let other_kabapas = world.actor(Role::Kabapas, Office::Other).await;
    let own = needs_map::of_office(world.conn(), &other_kabapas, Some(world.bapas[0].id), TODAY).await;
    assert!(own.is_err(), "another office's Kabapas");
}
