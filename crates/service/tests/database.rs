//! The database itself: migrations both ways, audit atomicity, sessions and the demo seed.

mod common;

use common::{Office, World, audit_rows};
use pamong_domain::Role;
use pamong_domain::office::KanwilForm;
use pamong_service::audit::{self, Changes};
use pamong_service::session_store::DbSessionStore;
use pamong_service::testing::TestDb;
use pamong_service::{Actor, Clock, auth, db, offices, seed, users};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, TransactionTrait};
use time::{Duration, OffsetDateTime};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::SessionStore;

/// The instant the tests act at.
const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    let t = TestDb::new().await;
    let status = db::migration_status(&t.conn).await.unwrap();
    assert!(status.iter().all(|(_, applied)| *applied));
    db::migrate_down(&t.conn, None).await.unwrap();
    let status = db::migration_status(&t.conn).await.unwrap();
    assert!(status.iter().all(|(_, applied)| !*applied));
    assert!(pamong_entity::user::Entity::find().count(&t.conn).await.is_err(), "tables dropped");
    db::migrate_up(&t.conn).await.unwrap();
    assert_eq!(pamong_entity::user::Entity::find().count(&t.conn).await.unwrap(), 0);
}

#[tokio::test]
async fn audit_row_rolls_back_with_its_mutation() {
    let t = TestDb::new().await;
    let sys = Actor::system();
    let txn = t.conn.begin().await.unwrap();
    audit::record(&txn, &sys, NOW, "create", "kanwil", "x-1", &Changes::new().set("name", &"X"))
        .await
        .unwrap();
    txn.rollback().await.unwrap();
    assert!(audit_rows(&t.conn, "x-1").await.is_empty());

    // A failed mutation (duplicate code) leaves no audit row behind.
    offices::create_kanwil(&t.conn, &sys, &KanwilForm { province_code: "31".into(), name: "A".into() }, NOW)
        .await
        .unwrap();
    let before = pamong_entity::audit_log::Entity::find().count(&t.conn).await.unwrap();
    let dup = offices::create_kanwil(
        &t.conn,
        &sys,
        &KanwilForm { province_code: "31".into(), name: "B".into() },
        NOW,
    )
    .await;
    assert!(dup.is_err());
    let after = pamong_entity::audit_log::Entity::find().count(&t.conn).await.unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let t = TestDb::new().await;
    let now = NOW;
    let sql = format!(
        "INSERT INTO bapas (public_id, kanwil_id, code, name, class, zone, active, created_at, updated_at) \
         VALUES ('{}', 999, 'X', 'X', 'I', 'WIB', true, '{now}', '{now}')",
        uuid::Uuid::now_v7()
    );
    assert!(t.conn.execute_unprepared(&sql).await.is_err());
}

#[tokio::test]
async fn session_store_round_trip_and_user_logout_everywhere() {
    let w = World::new().await;
    let pk = w.actor(Role::Pk, Office::Own).await;
    let store = DbSessionStore::new(w.conn().clone(), Clock::Fixed(NOW));
    let mut record = Record {
        id: Id::default(),
        data: [(
            pamong_service::session_store::AUTH_KEY.to_owned(),
            serde_json::json!({"user_id": pk.user_id.map(|u| u.get()), "login_at": 0}),
        )]
        .into_iter()
        .collect(),
        // Whole seconds: PostgreSQL keeps microseconds only.
        expiry_date: NOW + Duration::hours(1),
    };
    store.create(&mut record).await.unwrap();
    assert_eq!(store.load(&record.id).await.unwrap(), Some(record.clone()));
    // The table holds a hash of the id, never the id the cookie carries.
    let row = pamong_entity::session::Entity::find().one(w.conn()).await.unwrap().unwrap();
    assert_ne!(row.id, record.id.to_string());
    assert_eq!(row.id, pamong_service::session_store::stored_id(&record.id));
    // Resetting the password ends the session.
    users::reset_password(w.conn(), &Actor::system(), pk.public_id, "sandi-lain-sekali", NOW).await.unwrap();
    assert_eq!(store.load(&record.id).await.unwrap(), None);

    let mut expired =
        Record { id: Id::default(), data: Default::default(), expiry_date: NOW - Duration::seconds(1) };
    store.create(&mut expired).await.unwrap();
    assert_eq!(store.load(&expired.id).await.unwrap(), None, "expired sessions never load");
    assert_eq!(store.delete_expired().await.unwrap(), 1);
    store.delete(&record.id).await.unwrap();
}

#[tokio::test]
async fn demo_seed_fills_an_empty_database_once() {
    let t = TestDb::new().await;
    assert!(seed::is_empty(&t.conn).await.unwrap());
    let logins = seed::seed_demo(&t.conn, NOW).await.unwrap();
    assert_eq!(logins.len(), Role::ALL.len());
    let roles: Vec<_> = logins.iter().map(|l| l.role).collect();
    assert_eq!(roles, Role::ALL);
    for login in &logins {
        assert!(
            auth::login(&t.conn, &login.username, seed::DEMO_PASSWORD, None, NOW).await.is_ok(),
            "{}",
            login.username
        );
    }
    assert!(seed::seed_demo(&t.conn, NOW).await.unwrap().is_empty(), "second run changes nothing");
    let bapas = pamong_entity::bapas::Entity::find().count(&t.conn).await.unwrap();
    assert_eq!(bapas, 3);
}

mod regions {
    use super::NOW;
    use pamong_domain::Role;
    use pamong_domain::region::{RegionCode, RegionRow};
    use pamong_service::testing::TestDb;
    use pamong_service::{Actor, regions};

    fn rows(lines: &[(&str, &str)]) -> Vec<RegionRow> {
        lines.iter().filter_map(|(c, n)| RegionRow::parse(c, n).ok()).collect()
    }

    #[tokio::test]
    async fn import_adds_then_renames_without_removing() {
        let t = TestDb::new().await;
        let sys = Actor::system();
        let first =
            rows(&[("31", "DKI Jakarta"), ("31.73", "Kota Jakarta Barat"), ("31.73.05", "Kebon Jeruk")]);
        let mut calls = 0;
        let s = regions::import(&t.conn, &sys, &first, "v1.csv", NOW, |_| calls += 1).await.unwrap();
        assert_eq!((s.added, s.renamed, s.unchanged), (3, 0, 0));
        assert!(calls >= 1);
        // The next decree renames one region, adds one, and no longer lists another.
        let second = rows(&[
            ("31", "Daerah Khusus Ibukota Jakarta"),
            ("31.73", "Kota Jakarta Barat"),
            ("31.73.06", "Palmerah"),
        ]);
        let s = regions::import(&t.conn, &sys, &second, "v2.csv", NOW, |_| {}).await.unwrap();
        assert_eq!((s.added, s.renamed, s.unchanged), (1, 1, 1));
        assert_eq!(regions::counts(&t.conn).await.unwrap(), [1, 1, 2, 0]);
        let jakbar = RegionCode::parse("31.73").unwrap();
        let names: Vec<String> =
            regions::children(&t.conn, Some(&jakbar)).await.unwrap().into_iter().map(|r| r.name).collect();
        assert_eq!(names, ["Kebon Jeruk", "Palmerah"], "a code the new list dropped still resolves");
        let provinces = regions::children(&t.conn, None).await.unwrap();
        assert_eq!(provinces[0].name, "Daerah Khusus Ibukota Jakarta");
        assert!(regions::exists(&t.conn, &RegionCode::parse("31.73.05").unwrap()).await.unwrap());
    }

    #[tokio::test]
    async fn only_an_admin_imports() {
        let t = TestDb::new().await;
        let pk = Actor {
            role: Role::Kabapas,
            bapas_id: Some(pamong_service::ids::BapasId(1)),
            kanwil_id: Some(pamong_service::ids::KanwilId(1)),
            ..Actor::system()
        };
        assert!(regions::import(&t.conn, &pk, &rows(&[("31", "DKI")]), "x.csv", NOW, |_| {}).await.is_err());
        assert_eq!(regions::counts(&t.conn).await.unwrap(), [0, 0, 0, 0]);
    }
}

#[tokio::test]
async fn a_database_migrated_by_a_newer_version_is_refused() {
    let t = TestDb::new().await;
    assert!(db::unknown_migrations(&t.conn).await.unwrap().is_empty());
    let future = "m20991231_000001_from_a_newer_version";
    t.conn
        .execute_unprepared(&format!(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('{future}', 4102358400)"
        ))
        .await
        .unwrap();
    assert_eq!(db::unknown_migrations(&t.conn).await.unwrap(), vec![future.to_owned()]);
    let refused = db::migrate_up(&t.conn).await.unwrap_err().to_string();
    assert!(refused.contains("newer than this version") && refused.contains(future), "{refused}");
    // `migrate status` still describes it: every known migration applied.
    assert!(db::migration_status(&t.conn).await.unwrap().iter().all(|(_, applied)| *applied));
}
