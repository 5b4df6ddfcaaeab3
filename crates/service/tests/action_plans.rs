//! Action plans through the service on the test database (SQLite or PostgreSQL): the Kabapas
//! writes a plan and objectives; progress moves with the checklist — through the partner's
//! referrals, or any way — never typed; who reads and who writes.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::client::ClientForm;
use pamong_domain::partners::PartnerForm;
use pamong_domain::referrals::{ReferralForm, ReferralStatus};
use pamong_domain::reintegration::action_plan::{ObjectiveForm, PlanForm, Standing};
use pamong_domain::reintegration::checklist::{ChecklistForm, NeedItem};
use pamong_domain::{ErrorKind, Problem, Role};
use pamong_service::clients::registry;
use pamong_service::reintegration::{action_plans, checklist};
use pamong_service::{Actor, ServiceError, partners, referrals};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const TODAY: Date = date!(2026 - 11 - 24);
const NOW: OffsetDateTime = datetime!(2026-11-24 02:00 UTC);

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
async fn progress_is_counted_from_the_checklist_not_typed() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let dukcapil = PartnerForm {
        name: "Disdukcapil Kota".into(),
        kind: "dukcapil".into(),
        services: vec!["dokumen".into()],
        ..Default::default()
    };
    let dukcapil = partners::save(world.conn(), &kabapas, None, &dukcapil, NOW).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await;
    partners::link_user(world.conn(), &kabapas, dukcapil, mitra.public_id, true, NOW).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await;

    let plan = PlanForm {
        title: "Semester II".into(),
        starts_on: "2026-11-01".into(),
        ends_on: "2027-04-30".into(),
    };
    let plan = action_plans::create(world.conn(), &kabapas, &plan, NOW).await.unwrap();
    let through = ObjectiveForm {
        title: "2 klien ber-KTP melalui Dukcapil".into(),
        item: "ktp".into(),
        target: "2".into(),
        partner_id: dukcapil.to_string(),
        owner_id: pk.public_id.to_string(),
        due_on: "2027-04-30".into(),
        ..ObjectiveForm::default()
    };
    action_plans::add_objective(world.conn(), &kabapas, plan, &through, NOW).await.unwrap();
    let any = ObjectiveForm { title: "2 klien ber-KTP".into(), partner_id: String::new(), ..through.clone() };
    action_plans::add_objective(world.conn(), &kabapas, plan, &any, NOW).await.unwrap();
    let late = ObjectiveForm { due_on: "2027-05-01".into(), ..through.clone() };
    let err = action_plans::add_objective(world.conn(), &kabapas, plan, &late, NOW).await.unwrap_err();
    assert!(
        matches!(err, ServiceError::Domain(ErrorKind::Invalid(ref e)) if e.get("due_on") == Some(Problem::NotAllowed))
    );

    let progress = |title: &'static str| {
        let world = &world;
        let kabapas = &kabapas;
        async move {
            let plans = action_plans::of_office(world.conn(), kabapas, None, TODAY).await.unwrap();
            plans.plans[0].objectives.iter().find(|o| o.title == title).unwrap().progress
        }
    };
    let fresh = progress("2 klien ber-KTP melalui Dukcapil").await;
    assert_eq!(
        (fresh.met, fresh.in_progress, fresh.standing),
        (0, 0, Standing::Behind),
        "nothing met 23 days in"
    );

    // One client through Dukcapil: on the way, then met.
    let a = client(&world, &pk, "Agus Salim").await;
    let needed = ChecklistForm { ktp: "dibutuhkan".into(), ..ChecklistForm::default() };
    checklist::mark(world.conn(), &pk, a, &needed, TODAY, NOW).await.unwrap();
    let refer = ReferralForm {
        partner_id: dukcapil.to_string(),
        service: "dokumen".into(),
        reason: "Perekaman KTP-el".into(),
        consent: true,
        due_on: "2026-12-10".into(),
    };
    let referral = referrals::create(world.conn(), &pk, a, &refer, TODAY, NOW).await.unwrap();
    assert_eq!(progress("2 klien ber-KTP melalui Dukcapil").await.in_progress, 1);
    referrals::respond(world.conn(), &mitra, referral, ReferralStatus::Diterima, "", NOW).await.unwrap();
    referrals::respond(world.conn(), &mitra, referral, ReferralStatus::Selesai, "KTP-el terbit", NOW)
        .await
        .unwrap();
    let through_now = progress("2 klien ber-KTP melalui Dukcapil").await;
    assert_eq!((through_now.met, through_now.in_progress), (1, 0));

    // Another met by the PK's own mark: counts only where no way is named.
    let b = client(&world, &pk, "Bayu Aji").await;
    let met = ChecklistForm { ktp: "terpenuhi".into(), ..ChecklistForm::default() };
    checklist::mark(world.conn(), &pk, b, &met, TODAY, NOW).await.unwrap();
    assert_eq!(progress("2 klien ber-KTP melalui Dukcapil").await.met, 1);
    let any_now = progress("2 klien ber-KTP").await;
    assert_eq!((any_now.met, any_now.standing), (2, Standing::Achieved));
    let plans = action_plans::of_office(world.conn(), &kabapas, None, TODAY).await.unwrap();
    assert_eq!(plans.plans[0].achieved(), 1);
    assert!(plans.plans[0].objectives[0].owner.is_some(), "the PK answers for it");
    assert!(plans.choices.open_needs.iter().any(|(item, _)| *item == NeedItem::Ktp));
}

#[tokio::test]
async fn the_kabapas_writes_the_office_reads_and_the_kanwil_follows() {
    let world = World::new().await;
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let form = PlanForm {
        title: "Semester II".into(),
        starts_on: "2026-11-01".into(),
        ends_on: "2027-04-30".into(),
    };
    let plan = action_plans::create(world.conn(), &kabapas, &form, NOW).await.unwrap();
    let other = world.actor(Role::Kabapas, Office::Other).await;
    let foreign = PartnerForm { name: "Dinas Lain".into(), kind: "lainnya".into(), ..Default::default() };
    let foreign = partners::save(world.conn(), &other, None, &foreign, NOW).await.unwrap();
    let objective = ObjectiveForm {
        title: "Sasaran".into(),
        item: "bpjs".into(),
        target: "5".into(),
        partner_id: foreign.to_string(),
        due_on: "2027-01-31".into(),
        ..ObjectiveForm::default()
    };
    let err = action_plans::add_objective(world.conn(), &kabapas, plan, &objective, NOW).await.unwrap_err();
    assert!(
        matches!(err, ServiceError::Domain(ErrorKind::Invalid(ref e)) if e.get("partner_id") == Some(Problem::UnknownReference))
    );

    let office = world.bapas[0].id;
    for (who, reads, writes) in [
        (world.actor(Role::Pk, Office::Own).await, true, false),
        (world.actor(Role::Kanwil, Office::Own).await, true, false),
        (world.actor(Role::Admin, Office::Own).await, true, false),
        (world.actor(Role::Koordinator, Office::Own).await, false, false),
        (world.actor(Role::Mitra, Office::Own).await, false, false),
        (world.actor(Role::Kanwil, Office::Other).await, false, false),
        (other.clone(), false, false),
    ] {
        let read = action_plans::of_office(world.conn(), &who, Some(office), TODAY).await;
        assert_eq!(read.is_ok(), reads, "{} reads", who.username);
        if let Ok(read) = read {
            assert_eq!((read.plans.len(), read.can_edit), (1, false), "{}", who.username);
        }
        let fine = ObjectiveForm { partner_id: String::new(), ..objective.clone() };
        let added = action_plans::add_objective(world.conn(), &who, plan, &fine, NOW).await;
        assert_eq!(added.is_ok(), writes, "{} writes", who.username);
    }
    // The Kanwil without an office named reads the first of its region.
    let kanwil = world.actor(Role::Kanwil, Office::Own).await;
    let first = action_plans::of_office(world.conn(), &kanwil, None, TODAY).await.unwrap();
    assert_eq!(first.bapas.id, office);
}
