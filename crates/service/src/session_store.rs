//! A tower-sessions store on Pamong's own `sessions` table, so sessions live in the same
//! database (SQLite or PostgreSQL) and migrations as everything else, and ending all of a
//! user's sessions is one `DELETE`. Rows are keyed by the SHA-256 of the session id, not the
//! id itself: the cookie is the only place the id lives, so a copy of the table (a backup, a
//! read replica, a SQL injection elsewhere) signs nobody in.

use async_trait::async_trait;
use pamong_entity::session;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set, SqlErr};
use serde::{Deserialize, Serialize};
use tower_sessions::session::{Id, Record};

use crate::clock::Clock;
use tower_sessions::session_store::{Error, Result, SessionStore};

/// The key under which the login is kept in a session's data.
pub const AUTH_KEY: &str = "auth";

/// What a session remembers about its login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthData {
    /// Internal user id.
    pub user_id: i32,
    /// When the user logged in (Unix seconds), for the absolute timeout.
    pub login_at: i64,
}

/// The key under which a sign-in half done is kept: the password was right, the second
/// factor is still to come. It is not a login: nothing but the second step reads it.
pub const PENDING_KEY: &str = "pending";

/// A sign-in waiting for its second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLogin {
    /// Internal user id.
    pub user_id: i32,
    /// When the password was accepted (Unix seconds): the second step must follow soon.
    pub at: i64,
    /// What the second step is: a code, or enrolling a key first.
    pub step: pamong_domain::second_factor::LoginStep,
}

/// How long after the password the second step may come (seconds).
pub const PENDING_SECS: i64 = 10 * 60;

/// The key under which fresh recovery codes wait to be shown once.
pub const FRESH_CODES_KEY: &str = "recovery_codes";

/// Sessions stored through sea-orm.
#[derive(Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    clock: Clock,
}

impl std::fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbSessionStore")
    }
}

impl DbSessionStore {
    /// A store on `db` that judges expiry by `clock`. The server passes the system clock:
    /// tower-sessions stamps each record's expiry with it, so the store must compare against
    /// the same clock.
    pub fn new(db: DatabaseConnection, clock: Clock) -> Self {
        Self { db, clock }
    }

    /// Removes sessions past their expiry; run periodically.
    pub async fn delete_expired(&self) -> std::result::Result<u64, DbErr> {
        let res = session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lt(self.clock.now()))
            .exec(&self.db)
            .await?;
        Ok(res.rows_affected)
    }
}

/// The key a session is stored under: the hex SHA-256 of its id.
pub fn stored_id(id: &Id) -> String {
    sha256_hex(id.to_string().as_bytes())
}

/// The hex SHA-256 of `data`: how a secret that is random enough (a session id, an API
/// token) is stored, so that a read of the table signs nobody in.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    let digest = Sha256::digest(data);
    digest.iter().fold(String::with_capacity(64), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn backend(err: DbErr) -> Error {
    Error::Backend(err.to_string())
}

fn to_row(record: &Record) -> Result<session::ActiveModel> {
    let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
    let user_id = record
        .data
        .get(AUTH_KEY)
        .and_then(|v| serde_json::from_value::<AuthData>(v.clone()).ok())
        .map(|a| a.user_id);
    Ok(session::ActiveModel {
        id: Set(stored_id(&record.id)),
        data: Set(data),
        expires_at: Set(record.expiry_date),
        user_id: Set(user_id),
    })
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A fresh id on the (astronomically unlikely) collision, never an overwrite.
        loop {
            match session::Entity::insert(to_row(record)?).exec(&self.db).await {
                Ok(_) => return Ok(()),
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    record.id = Id::default();
                }
                Err(e) => return Err(backend(e)),
            }
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        session::Entity::insert(to_row(record)?)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .update_columns([
                        session::Column::Data,
                        session::Column::ExpiresAt,
                        session::Column::UserId,
                    ])
                    .to_owned(),
            )
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let row = session::Entity::find_by_id(stored_id(id))
            .filter(session::Column::ExpiresAt.gt(self.clock.now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        row.map(|r| {
            let data = serde_json::from_str(&r.data).map_err(|e| Error::Decode(e.to_string()))?;
            Ok(Record { id: *id, data, expiry_date: r.expires_at })
        })
        .transpose()
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        session::Entity::delete_by_id(stored_id(id)).exec(&self.db).await.map_err(backend)?;
        Ok(())
    }
}
