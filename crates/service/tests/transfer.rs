//! An office's SQLite database moves into PostgreSQL whole: the demo data, an audit and an
//! access-log row, a stored file, each row with its id, timestamps and uuids as they were;
//! the sequences go on after the copied ids; a target with rows is refused.
//!
//! The target is PostgreSQL, so this runs in the PostgreSQL pass of `make test`
//! (`PAMONG_TEST_DB=postgres`); in the SQLite pass the target does not exist.

use pamong_domain::caseload::ClientFilter;
use pamong_domain::page::ListQuery;
use pamong_entity::{access_log, audit_log, bapas, client, client_import, client_report, user};
use pamong_service::testing::{self, TestDb};
use pamong_service::transfer::{self, TransferError};
use pamong_service::{Actor, auth, clients, seed, users};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder, Set, Statement};
use time::OffsetDateTime;

const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00:30.123456 UTC);

/// The same rows, field for field, in both databases.
macro_rules! same_rows {
    ($from:expr, $to:expr, $($entity:ident),+) => {$(
        let before = $entity::Entity::find().order_by_asc($entity::Column::Id).all($from).await.unwrap();
        let after = $entity::Entity::find().order_by_asc($entity::Column::Id).all($to).await.unwrap();
        assert!(!before.is_empty(), "{} has rows to copy", stringify!($entity));
        assert_eq!(before, after, "{}", stringify!($entity));
    )+};
}

#[tokio::test]
async fn an_office_database_moves_to_postgres_with_every_row() {
    if testing::backend() != "postgres" {
        return;
    }
    let source = TestDb::sqlite().await;
    let (child, pk) = testing::demo_with_a_childs_page_viewed(&source.conn, NOW).await;
    // A stored file: every byte value, as SQLite keeps it (a blob).
    client_import::ActiveModel {
        public_id: Set(uuid::Uuid::now_v7()),
        bapas_id: Set(child.bapas_id),
        user_id: Set(child.pk_id.unwrap()),
        file_name: Set("klien.csv".into()),
        file: Set((0..=255).collect()),
        status: Set("pratinjau".into()),
        rows: Set(0),
        good: Set(0),
        imported: Set(0),
        ignored_columns: Set("[]".into()),
        problems: Set("[]".into()),
        written: Set(None),
        created_at: Set(NOW),
        started_at: Set(None),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(&source.conn)
    .await
    .unwrap();

    let target = TestDb::empty().await;
    let mut told = Vec::new();
    let copied = transfer::sqlite_to_postgres(&source.conn, &target.conn, |table, rows| {
        told.push((table.to_owned(), rows));
    })
    .await
    .unwrap();
    assert_eq!(told, copied.tables, "progress told table by table");
    assert!(copied.tables.len() > 40, "every table: {}", copied.tables.len());
    // Parents before children: offices before their users, users before their clients.
    let at = |name: &str| copied.tables.iter().position(|(t, _)| t == name).unwrap();
    assert!(at("kanwil") < at("bapas") && at("bapas") < at("users") && at("users") < at("clients"));
    for (table, rows) in &copied.tables {
        let count = format!("SELECT COUNT(*) FROM \"{table}\"");
        let in_source: i64 = source
            .conn
            .query_one_raw(Statement::from_string(source.conn.get_database_backend(), count.clone()))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index(0)
            .unwrap();
        assert_eq!(u64::try_from(in_source).unwrap(), *rows, "{table}");
    }
    same_rows!(
        &source.conn,
        &target.conn,
        bapas,
        user,
        client,
        client_report,
        audit_log,
        access_log,
        client_import
    );

    // The moved database works: sign-in, search (its words rebuilt) and new rows, whose ids
    // follow the copied ones.
    auth::login(&target.conn, "pk.jakbar", seed::DEMO_PASSWORD, None, NOW).await.unwrap();
    let words: i64 = target
        .conn
        .query_one_raw(Statement::from_string(
            target.conn.get_database_backend(),
            "SELECT COUNT(*) FROM name_word_keys".to_owned(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    assert!(words > 0, "the names' words are rebuilt");
    let name = child.full_name.clone();
    let filter =
        ClientFilter { list: ListQuery { q: name.clone(), ..Default::default() }, ..Default::default() };
    let found = clients::list(&target.conn, &pk, &filter).await.unwrap();
    assert!(!found.items.is_empty(), "the search finds {name}");
    let office = bapas::Entity::find_by_id(child.bapas_id).one(&target.conn).await.unwrap().unwrap();
    let form = pamong_domain::user::UserForm {
        username: "pk.baru".into(),
        full_name: "PK Baru".into(),
        role: "pk".into(),
        office_id: office.public_id.to_string(),
        password: "kata-sandi-panjang-2026".into(),
        ..Default::default()
    };
    users::create(&target.conn, &Actor::system(), &form, NOW).await.unwrap();
    assert_eq!(
        user::Entity::find().count(&target.conn).await.unwrap(),
        user::Entity::find().count(&source.conn).await.unwrap() + 1
    );

    // Never into a database with rows.
    let again = transfer::sqlite_to_postgres(&source.conn, &target.conn, |_, _| {}).await;
    assert!(matches!(again, Err(TransferError::NotEmpty(_))), "{again:?}");
}

#[tokio::test]
async fn only_sqlite_moves_into_postgresql() {
    let a = TestDb::sqlite().await;
    let b = TestDb::sqlite().await;
    let refused = transfer::sqlite_to_postgres(&a.conn, &b.conn, |_, _| {}).await;
    assert!(matches!(refused, Err(TransferError::WrongBackends)), "{refused:?}");
}
