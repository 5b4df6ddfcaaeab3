//! Logging in: password check, rate limiting of guesses, and turning a session's user id back
//! into an [`Actor`].

use pamong_domain::office::{OfficeRef, Zone};
use pamong_domain::user::CurrentUser;
use pamong_domain::{ErrorKind, Role};
use pamong_entity::{bapas, kanwil, login_attempt, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};
use time::{Duration, OffsetDateTime};

use crate::actor::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::{BapasId, KanwilId, PartnerId, UserId};
use crate::{password, settings};

/// Checks a login. Answers the user's internal id, or `BadCredentials` for an unknown name, a
/// wrong password and an inactive account alike (no account enumeration), or `RateLimited`
/// after too many recent failures for that name or from that address.
pub async fn login(
    db: &DatabaseConnection,
    username: &str,
    password: &str,
    ip: Option<String>,
    now: OffsetDateTime,
) -> ServiceResult<i32> {
    let username: String = username.trim().to_lowercase().chars().take(64).collect();
    check_limits(db, &username, ip.as_deref(), now).await?;
    let found = user::Entity::find().filter(user::Column::Username.eq(&username)).one(db).await?;
    let accepted = match &found {
        Some(u) => password::verify(password, &u.password_hash).await? && u.active,
        None => {
            password::verify_dummy(password).await?;
            false
        }
    };
    record_attempt(db, &username, ip, accepted, now).await?;
    match found {
        Some(u) if accepted => {
            let id = u.id;
            let mut row: user::ActiveModel = u.into();
            row.last_login_at = Set(Some(now));
            row.update(db).await?;
            Ok(id)
        }
        _ => Err(ErrorKind::BadCredentials.into()),
    }
}

/// Refuses with `RateLimited` while `username`, or the client address `ip`, has used up its
/// failures in the window. An address gets several accounts' worth of failures (an office
/// behind one NAT shares it), and a guesser rotating names meets that limit instead.
pub async fn check_limits(
    db: &DatabaseConnection,
    username: &str,
    ip: Option<&str>,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let max_failures = settings::get_i64(db, settings::LOGIN_MAX_FAILURES).await?.max(1).unsigned_abs();
    let window = Duration::minutes(settings::get_i64(db, settings::LOGIN_WINDOW_MINUTES).await?.max(1));
    let by_name = lockout(db, login_attempt::Column::Username, username, max_failures, window, now);
    if let Some(retry_after_secs) = by_name.await? {
        return Err(ErrorKind::RateLimited { retry_after_secs }.into());
    }
    if let Some(ip) = ip {
        let max = max_failures.saturating_mul(IP_FAILURES_PER_ACCOUNT);
        if let Some(retry_after_secs) = lockout(db, login_attempt::Column::Ip, ip, max, window, now).await? {
            return Err(ErrorKind::RateLimited { retry_after_secs }.into());
        }
    }
    Ok(())
}

/// How many accounts' worth of failures one client address may spend in a window.
pub const IP_FAILURES_PER_ACCOUNT: u64 = 4;

/// The counter of refused sign-ins (`/metrics`): a wrong password or code, an unknown or
/// inactive user.
pub const LOGIN_FAILURES: &str = "pamong_login_failures_total";

/// Notes one password check (a login or a change of one's own password), for the limits.
pub async fn record_attempt(
    db: &DatabaseConnection,
    username: &str,
    ip: Option<String>,
    succeeded: bool,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    login_attempt::ActiveModel {
        username: Set(username.to_owned()),
        ip: Set(ip),
        succeeded: Set(succeeded),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if !succeeded {
        metrics::counter!(LOGIN_FAILURES).increment(1);
    }
    Ok(())
}

/// Seconds until the attempts with `column = value` may try again, if they have used up
/// `max_failures` in the window. Failures before the last success do not count.
async fn lockout(
    db: &DatabaseConnection,
    column: login_attempt::Column,
    value: &str,
    max_failures: u64,
    window: Duration,
    now: OffsetDateTime,
) -> ServiceResult<Option<u64>> {
    let mut since = now - window;
    let last_success = login_attempt::Entity::find()
        .filter(column.eq(value))
        .filter(login_attempt::Column::Succeeded.eq(true))
        .filter(login_attempt::Column::At.gt(since))
        .order_by_desc(login_attempt::Column::At)
        .one(db)
        .await?;
    if let Some(success) = last_success {
        since = success.at;
    }
    let failures = login_attempt::Entity::find()
        .filter(column.eq(value))
        .filter(login_attempt::Column::Succeeded.eq(false))
        .filter(login_attempt::Column::At.gt(since));
    let count = failures.clone().count(db).await?;
    if count < max_failures {
        return Ok(None);
    }
    // Locked until the oldest counted failure leaves the window.
    let oldest = failures.order_by_asc(login_attempt::Column::At).one(db).await?;
    let until = oldest.map_or(now, |a| a.at + window);
    let secs = (until - now).whole_seconds().max(1);
    Ok(Some(secs.unsigned_abs()))
}

/// The actor for a logged-in user id, or `None` when the user is gone or deactivated.
pub async fn actor_for(db: &DatabaseConnection, user_id: i32) -> ServiceResult<Option<Actor>> {
    let Some(u) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if !u.active {
        return Ok(None);
    }
    let role = Role::parse(&u.role)
        .ok_or_else(|| ServiceError::Internal(format!("user {} has role {}", u.id, u.role)))?;
    Ok(Some(Actor {
        user_id: Some(UserId(u.id)),
        public_id: u.public_id,
        username: u.username,
        role,
        kanwil_id: u.kanwil_id.map(KanwilId),
        bapas_id: u.bapas_id.map(BapasId),
        request_id: None,
        partner_id: u.partner_id.map(PartnerId),
    }))
}

/// The signed-in user's name and offices, as one row: [`current_user`] runs on every page.
#[derive(Debug, FromQueryResult)]
struct UserOffices {
    public_id: uuid::Uuid,
    username: String,
    full_name: String,
    kanwil_public_id: Option<uuid::Uuid>,
    kanwil_name: Option<String>,
    bapas_public_id: Option<uuid::Uuid>,
    bapas_name: Option<String>,
    bapas_zone: Option<String>,
}

/// What every page needs to know about the signed-in user: the user and both offices in one
/// query (joined), since every page asks.
pub async fn current_user(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<CurrentUser> {
    let id = actor.user_id.ok_or_else(ServiceError::not_found)?;
    let u = user::Entity::find_by_id(id)
        .select_only()
        .columns([user::Column::PublicId, user::Column::Username, user::Column::FullName])
        .join(JoinType::LeftJoin, user::Relation::Kanwil.def())
        .join(JoinType::LeftJoin, user::Relation::Bapas.def())
        .column_as(kanwil::Column::PublicId, "kanwil_public_id")
        .column_as(kanwil::Column::Name, "kanwil_name")
        .column_as(bapas::Column::PublicId, "bapas_public_id")
        .column_as(bapas::Column::Name, "bapas_name")
        .column_as(bapas::Column::Zone, "bapas_zone")
        .into_model::<UserOffices>()
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let office = |id: Option<uuid::Uuid>, name: Option<String>| Some(OfficeRef { id: id?, name: name? });
    Ok(CurrentUser {
        id: u.public_id,
        username: u.username,
        full_name: u.full_name,
        role: actor.role,
        zone: u.bapas_zone.as_deref().and_then(Zone::parse).unwrap_or(Zone::Wib),
        kanwil: office(u.kanwil_public_id, u.kanwil_name),
        bapas: office(u.bapas_public_id, u.bapas_name),
        can: crate::policy::abilities(actor),
        session_ends: None,
        unread: crate::notifications::unread(db, actor).await?,
    })
}
