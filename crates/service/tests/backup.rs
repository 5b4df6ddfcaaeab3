//! A backup taken from a running database restores into an empty one with every row of
//! every table — the audit and access logs included — the same (row counts and a SHA-256 of
//! each table's contents), on SQLite and on PostgreSQL; a restore never writes into a
//! database that has tables.

use pamong_entity::{access_log, audit_log, user};
use pamong_service::backup::{self, BackupError};
use pamong_service::testing::{self, TestDb};
use pamong_service::{auth, db, seed};
use sea_orm::{EntityTrait, PaginatorTrait};
use time::OffsetDateTime;

const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

#[tokio::test]
async fn a_backup_restores_every_row_of_every_table() {
    let source = TestDb::new().await;
    testing::demo_with_a_childs_page_viewed(&source.conn, NOW).await;
    assert!(access_log::Entity::find().count(&source.conn).await.unwrap() > 0);
    assert!(audit_log::Entity::find().count(&source.conn).await.unwrap() > 0);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pamong.backup");
    backup::backup(&source.conn, &source.url, &file).await.unwrap();
    assert!(matches!(backup::backup(&source.conn, &source.url, &file).await, Err(BackupError::Exists(_))));

    // Never into a database with tables.
    let occupied = TestDb::new().await;
    let refused = backup::restore(occupied.conn.clone(), &occupied.url, &file).await;
    assert!(matches!(refused, Err(BackupError::NotEmpty(_))), "{refused:?}");

    let target = TestDb::empty().await;
    backup::restore(target.conn.clone(), &target.url, &file).await.unwrap();
    let restored = db::connect(&target.url).await.unwrap();
    let before = backup::fingerprints(&source.conn).await.unwrap();
    let after = backup::fingerprints(&restored).await.unwrap();
    assert!(before.len() > 40, "every table: {}", before.len());
    for (table, print) in &before {
        assert_eq!(after.get(table), Some(print), "table {table}");
    }
    assert_eq!(before.len(), after.len());
    // The restored database is a working one: it migrates (nothing to do) and signs in.
    db::migrate_up(&restored).await.unwrap();
    assert_eq!(
        user::Entity::find().count(&restored).await.unwrap(),
        user::Entity::find().count(&source.conn).await.unwrap()
    );
    auth::login(&restored, "pk.jakbar", seed::DEMO_PASSWORD, None, NOW).await.unwrap();
}
