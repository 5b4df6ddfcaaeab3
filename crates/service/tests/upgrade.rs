//! Upgrades never lose data: the demo data of an earlier release, as that release's own seed
//! wrote it (`tests/fixtures/`, made by `scripts/release-fixture.sh`), is restored, migrated
//! to this version, and every row of every table it had is still there with every value it
//! had (row counts and a SHA-256 of each table's old columns), on SQLite and on PostgreSQL.

use std::path::PathBuf;

use pamong_service::backup;
use pamong_service::testing::{self, TestDb};
use pamong_service::{auth, db, seed};
use time::OffsetDateTime;

/// The release the fixtures come from (the commit `scripts/release-fixture.sh` built).
const RELEASE: &str = "c4f835e";

/// The instant the test acts at.
const NOW: OffsetDateTime = time::macros::datetime!(2026-12-07 02:00 UTC);

fn fixture() -> PathBuf {
    let extension = if testing::backend() == "postgres" { "pgdump" } else { "sqlite" };
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/release-{RELEASE}.{extension}"))
}

#[tokio::test]
async fn the_previous_releases_data_survives_every_migration() {
    let target = TestDb::empty().await;
    backup::restore(target.conn.clone(), &target.url, &fixture()).await.unwrap();
    let conn = db::connect(&target.url).await.unwrap();

    let pending: Vec<String> = db::migration_status(&conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|(_, done)| !done)
        .map(|(n, _)| n)
        .collect();
    assert!(!pending.is_empty(), "the release is older than this version's migrations");
    let mut old_columns = backup::columns(&conn).await.unwrap();
    // The migrations' own ledger is the one table an upgrade adds rows to.
    old_columns.remove("seaql_migrations");
    let before = backup::fingerprints_of(&conn, &old_columns).await.unwrap();
    assert!(before.get("clients").is_some_and(|(rows, _)| *rows > 100), "the fixture holds the demo data");

    db::migrate_up(&conn).await.unwrap();
    assert!(db::migration_status(&conn).await.unwrap().iter().all(|(_, done)| *done));
    let after = backup::fingerprints_of(&conn, &old_columns).await.unwrap();
    for (table, print) in &before {
        assert_eq!(after.get(table), Some(print), "table {table} after {pending:?}");
    }
    // The upgraded database works: the release's demo user signs in.
    auth::login(&conn, "pk.jakbar", seed::DEMO_PASSWORD, None, NOW).await.unwrap();
}
