//! Test support: a fresh, migrated database per test, on the backend chosen by the
//! environment, so the same tests run on SQLite and on PostgreSQL.
//!
//! - `PAMONG_TEST_DB=sqlite` (default): a file in a temporary directory.
//! - `PAMONG_TEST_DB=postgres`: a new database `pamong_t_<uuid>` on the server named by
//!   `PAMONG_TEST_PG_URL`, dropped when the test ends. Without that URL the test fails
//!   loudly: a PostgreSQL run must never pass by silently testing nothing.

#![expect(clippy::expect_used, reason = "test helpers fail the test on setup errors")]

use sea_orm::{ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use crate::db;

/// A database that lives as long as this value.
pub struct TestDb {
    /// The connection pool.
    pub conn: DatabaseConnection,
    /// The URL it was opened with.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[expect(dead_code, reason = "held so the directory outlives the test")] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

/// Which backend the tests run on, from `PAMONG_TEST_DB`.
pub fn backend() -> &'static str {
    match std::env::var("PAMONG_TEST_DB").as_deref() {
        Ok("postgres") => "postgres",
        _ => "sqlite",
    }
}

impl TestDb {
    /// A fresh migrated database.
    pub async fn new() -> Self {
        if backend() == "postgres" { Self::postgres().await } else { Self::sqlite().await }
    }

    /// A fresh database without tables (not migrated): where a backup is restored.
    pub async fn empty() -> Self {
        if backend() == "postgres" { Self::postgres_empty().await } else { Self::sqlite_empty().await }
    }

    /// A fresh migrated SQLite database, whatever the backend of the run (the source of a
    /// move to PostgreSQL).
    pub async fn sqlite() -> Self {
        let t = Self::sqlite_empty().await;
        db::migrate_up(&t.conn).await.expect("migrate sqlite");
        t
    }

    async fn sqlite_empty() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
        let conn = db::connect(&url).await.expect("open sqlite");
        Self { conn, url, cleanup: Cleanup::Sqlite(dir) }
    }

    async fn postgres() -> Self {
        let t = Self::postgres_empty().await;
        db::migrate_up(&t.conn).await.expect("migrate postgres");
        t
    }

    async fn postgres_empty() -> Self {
        let admin_url = std::env::var("PAMONG_TEST_PG_URL").expect(
            "PAMONG_TEST_DB=postgres needs PAMONG_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)",
        );
        let name = format!("pamong_t_{}", Uuid::now_v7().simple());
        let admin = db::connect(&admin_url).await.expect("connect to PAMONG_TEST_PG_URL");
        admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
        let _ = admin.close().await;
        let url = with_database(&admin_url, &name);
        let conn = db::connect(&url).await.expect("open test database");
        Self { conn, url, cleanup: Cleanup::Postgres { admin_url, name } }
    }
}

/// Seeds the demo into `db` and has a child's PK open the child's page (an access-log row
/// beside the seed's audit rows): the data a copy of the database must keep. Returns the
/// child and their PK.
pub async fn demo_with_a_childs_page_viewed(
    db: &DatabaseConnection,
    now: time::OffsetDateTime,
) -> (pamong_entity::client::Model, crate::Actor) {
    use pamong_entity::client;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    crate::seed::seed_demo(db, now).await.expect("seed the demo");
    let child = client::Entity::find()
        .filter(client::Column::IsChild.eq(true))
        .one(db)
        .await
        .expect("read a child")
        .expect("the demo has a child");
    let pk_id = child.pk_id.expect("the child has a PK");
    let pk = crate::auth::actor_for(db, pk_id).await.expect("read the PK").expect("the PK is active");
    crate::clients::get(db, &pk, child.public_id, now.date(), now).await.expect("the PK opens the page");
    (child, pk)
}

/// Replaces the database name (the path) of a PostgreSQL URL, keeping any query string.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{}", &base[..path_start], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs inside the test's runtime, which cannot block on itself: use a
            // thread with its own small runtime.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                    return;
                };
                rt.block_on(async {
                    if let Ok(admin) = db::connect(&admin_url).await {
                        let _ = admin
                            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .await;
                        let _ = admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_database_name() {
        assert_eq!(with_database("postgres://u@h:5432/postgres", "x"), "postgres://u@h:5432/x");
        assert_eq!(with_database("postgres://u@h:5432", "x"), "postgres://u@h:5432/x");
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
