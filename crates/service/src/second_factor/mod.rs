//! Two-factor sign-in: after the password, a code from an authenticator app (TOTP) or a
//! one-time recovery code.
//!
//! The policy says whose role must use it ([`policy::requires_second_factor`]); anyone else
//! may turn it on. A sign-in goes: password ([`auth::login`]), then [`after_password`] says
//! what comes next: signed in, a code ([`verify`]), or — for a role that must and has no key
//! yet — enrolment ([`enrolment`], then [`confirm`]). Until then the session holds no login,
//! so a password alone opens nothing.
//!
//! Guessing is bounded like passwords are: failed codes count against the same limits
//! ([`auth::check_limits`]), under a key of their own (`2fa:` and the name), so that a right
//! password does not wipe the count of wrong codes. A code is good once: the step it
//! belongs to is claimed with a conditional update ([`totp`]'s `matching_step` only offers
//! later steps), so a replayed code is refused even by a second server.

mod recovery;
pub mod totp;

use pamong_domain::second_factor::{
    CODE_FIELD, Enrolment, LoginStep, RecoveryCodes, SecondFactor, SecondFactorStatus,
};
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::user_second_factor as factor;
use qrcode::QrCode;
use qrcode::render::svg;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::auth;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;

/// The name authenticator apps list Pamong's keys under.
pub const ISSUER: &str = "Pamong";

/// The name failed codes are counted under for the sign-in limits.
fn limit_key(username: &str) -> String {
    let name: String = username.chars().take(60).collect();
    format!("2fa:{name}")
}

/// The user whose sign-in is under way, as an actor (for the policy and the audit rows).
async fn signing_in(db: &DatabaseConnection, user_id: i32) -> ServiceResult<Actor> {
    auth::actor_for(db, user_id).await?.ok_or_else(|| ErrorKind::Unauthenticated.into())
}

async fn find<C: ConnectionTrait>(conn: &C, user_id: i32) -> ServiceResult<Option<factor::Model>> {
    Ok(factor::Entity::find_by_id(user_id).one(conn).await?)
}

/// The audit row of a change the actor made to their own second factor.
async fn audit_own<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    now: OffsetDateTime,
    action: &str,
) -> ServiceResult<()> {
    audit::record(conn, actor, now, action, "user", &actor.public_id.to_string(), &Changes::new()).await
}

/// Whether the user has a confirmed key (a key only shown for enrolment does not count).
async fn is_on<C: ConnectionTrait>(conn: &C, user_id: i32) -> ServiceResult<bool> {
    Ok(find(conn, user_id).await?.is_some_and(|f| f.secret.is_some()))
}

fn wrong_code() -> ServiceError {
    ErrorKind::field(CODE_FIELD, Problem::WrongCode).into()
}

/// What comes after a right password for `user_id`.
pub async fn after_password(db: &DatabaseConnection, user_id: i32) -> ServiceResult<LoginStep> {
    let actor = signing_in(db, user_id).await?;
    if is_on(db, user_id).await? {
        Ok(LoginStep::Code)
    } else if policy::requires_second_factor(&actor) {
        Ok(LoginStep::Enrol)
    } else {
        Ok(LoginStep::SignedIn)
    }
}

/// Checks the code typed at the second step of `user_id`'s sign-in (whose password was
/// right). A wrong, expired or replayed code is refused on the code field and counted.
pub async fn verify(
    db: &DatabaseConnection,
    user_id: i32,
    typed: &str,
    ip: Option<String>,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let actor = signing_in(db, user_id).await?;
    let key = limit_key(&actor.username);
    auth::check_limits(db, &key, ip.as_deref(), now).await?;
    let accepted = match SecondFactor::parse(typed)? {
        SecondFactor::Totp(code) => claim_step(db, user_id, code, now).await?,
        SecondFactor::Recovery(code) => spend_recovery(db, &actor, &code, now).await?,
    };
    auth::record_attempt(db, &key, ip, accepted, now).await?;
    if accepted { Ok(()) } else { Err(wrong_code()) }
}

/// Accepts `code` for the user's key if it is for a step later than the last one used,
/// claiming that step so the same code is refused from then on.
async fn claim_step(
    db: &DatabaseConnection,
    user_id: i32,
    code: u32,
    now: OffsetDateTime,
) -> ServiceResult<bool> {
    let Some(row) = find(db, user_id).await? else { return Ok(false) };
    let Some(key) = row.secret.as_deref() else { return Ok(false) };
    let Some(step) = totp::matching_step(key, code, now, row.last_step) else { return Ok(false) };
    let claimed = factor::Entity::update_many()
        .col_expr(factor::Column::LastStep, Expr::value(step))
        .filter(factor::Column::UserId.eq(user_id))
        .filter(
            Condition::any().add(factor::Column::LastStep.is_null()).add(factor::Column::LastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Accepts a recovery code of a user whose second factor is on, spending it (audited).
async fn spend_recovery(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &str,
    now: OffsetDateTime,
) -> ServiceResult<bool> {
    let Some(user_id) = actor.user_key() else { return Ok(false) };
    if !is_on(db, user_id).await? {
        return Ok(false);
    }
    let txn = begin_write(db).await?;
    if !recovery::spend(&txn, user_id, code, now).await? {
        return Ok(false);
    }
    let left = recovery::left(&txn, user_id).await?;
    let changes = Changes::new().set("recovery_codes_left", &left);
    audit::record(&txn, actor, now, "use_recovery_code", "user", &actor.public_id.to_string(), &changes)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// The key `user_id` is enrolling: the one shown before and not yet confirmed, or a new one.
/// Reading it twice (the page, then its QR image) gives the same key; the key in use, if
/// any, keeps working until a code from the new one confirms it.
async fn pending_key(db: &DatabaseConnection, user_id: i32, now: OffsetDateTime) -> ServiceResult<String> {
    let fresh = totp::new_key();
    let row = factor::ActiveModel {
        user_id: Set(user_id),
        secret: Set(None),
        pending_secret: Set(Some(fresh.clone())),
        enabled_at: Set(None),
        last_step: Set(None),
        updated_at: Set(now),
    };
    factor::Entity::insert(row)
        .on_conflict(OnConflict::column(factor::Column::UserId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    factor::Entity::update_many()
        .col_expr(factor::Column::PendingSecret, Expr::value(fresh))
        .filter(factor::Column::UserId.eq(user_id))
        .filter(factor::Column::PendingSecret.is_null())
        .exec(db)
        .await?;
    find(db, user_id)
        .await?
        .and_then(|f| f.pending_secret)
        .ok_or_else(|| ServiceError::Internal(format!("no pending key for user {user_id}")))
}

/// The key to add to the authenticator, for the page that shows it.
pub async fn enrolment(
    db: &DatabaseConnection,
    user_id: i32,
    now: OffsetDateTime,
) -> ServiceResult<Enrolment> {
    let actor = signing_in(db, user_id).await?;
    let key = pending_key(db, user_id, now).await?;
    let grouped = key.as_bytes().chunks(4).map(String::from_utf8_lossy).collect::<Vec<_>>().join(" ");
    Ok(Enrolment { key: grouped, account: actor.username })
}

/// The enrolment key as a QR code an authenticator app scans (SVG, drawn here: the key
/// never goes to a third-party QR service).
pub async fn enrolment_qr(
    db: &DatabaseConnection,
    user_id: i32,
    now: OffsetDateTime,
) -> ServiceResult<String> {
    let actor = signing_in(db, user_id).await?;
    let key = pending_key(db, user_id, now).await?;
    let uri = totp::uri(&key, ISSUER, &actor.username);
    let code = QrCode::new(uri.as_bytes()).map_err(|e| ServiceError::Internal(format!("qr: {e}")))?;
    Ok(code.render::<svg::Color>().min_dimensions(220, 220).quiet_zone(true).build())
}

/// Confirms enrolment with a code from the new key: it becomes the user's key, and the user
/// gets fresh recovery codes, shown once.
pub async fn confirm(
    db: &DatabaseConnection,
    user_id: i32,
    typed: &str,
    ip: Option<String>,
    now: OffsetDateTime,
) -> ServiceResult<RecoveryCodes> {
    let actor = signing_in(db, user_id).await?;
    let limit = limit_key(&actor.username);
    auth::check_limits(db, &limit, ip.as_deref(), now).await?;
    let SecondFactor::Totp(code) = SecondFactor::parse(typed)? else { return Err(wrong_code()) };
    let Some(pending) = find(db, user_id).await?.and_then(|f| f.pending_secret) else {
        return Err(ErrorKind::Conflict.into());
    };
    let step = totp::matching_step(&pending, code, now, None);
    auth::record_attempt(db, &limit, ip, step.is_some(), now).await?;
    let Some(step) = step else { return Err(wrong_code()) };
    let txn = begin_write(db).await?;
    let enabled = factor::Entity::update_many()
        .col_expr(factor::Column::Secret, Expr::value(pending.clone()))
        .col_expr(factor::Column::PendingSecret, Expr::value(Option::<String>::None))
        .col_expr(factor::Column::EnabledAt, Expr::value(now))
        .col_expr(factor::Column::LastStep, Expr::value(step))
        .col_expr(factor::Column::UpdatedAt, Expr::value(now))
        .filter(factor::Column::UserId.eq(user_id))
        .filter(factor::Column::PendingSecret.eq(pending))
        .exec(&txn)
        .await?;
    if enabled.rows_affected != 1 {
        return Err(ErrorKind::Conflict.into());
    }
    let codes = recovery::replace(&txn, user_id, now).await?;
    audit_own(&txn, &actor, now, "enable_second_factor").await?;
    txn.commit().await?;
    Ok(codes)
}

/// The actor's own two-factor sign-in, for the account page.
pub async fn status(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<SecondFactorStatus> {
    let Some(user_id) = actor.user_key() else { return Err(ErrorKind::Unauthenticated.into()) };
    let row = find(db, user_id).await?.filter(|f| f.secret.is_some());
    Ok(SecondFactorStatus {
        enabled_since: row.as_ref().and_then(|f| f.enabled_at).map(OffsetDateTime::date),
        required: policy::requires_second_factor(actor),
        recovery_left: if row.is_some() { recovery::left(db, user_id).await? } else { 0 },
    })
}

/// New recovery codes for the actor, the old ones void.
pub async fn renew_recovery_codes(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> ServiceResult<RecoveryCodes> {
    let Some(user_id) = actor.user_key() else { return Err(ErrorKind::Unauthenticated.into()) };
    let txn = begin_write(db).await?;
    if !is_on(&txn, user_id).await? {
        return Err(ErrorKind::Conflict.into());
    }
    let codes = recovery::replace(&txn, user_id, now).await?;
    audit_own(&txn, actor, now, "renew_recovery_codes").await?;
    txn.commit().await?;
    Ok(codes)
}

/// Turns the actor's own second factor off; refused for a role that must keep it.
pub async fn turn_off(db: &DatabaseConnection, actor: &Actor, now: OffsetDateTime) -> ServiceResult<()> {
    let Some(user_id) = actor.user_key() else { return Err(ErrorKind::Unauthenticated.into()) };
    if policy::requires_second_factor(actor) {
        return Err(ErrorKind::field(CODE_FIELD, Problem::NotAllowed).into());
    }
    remove(db, actor, user_id, "disable_second_factor", &actor.public_id, now).await
}

/// Removes the second factor of a user the actor manages (a lost phone and no recovery codes
/// left): they enrol again at their next sign-in if their role needs it.
pub async fn reset(
    db: &DatabaseConnection,
    actor: &Actor,
    user: Uuid,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let target = crate::users::find_managed(db, actor, user).await?;
    remove(db, actor, target.id, "reset_second_factor", &user, now).await
}

async fn remove(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    action: &str,
    public_id: &Uuid,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let removed = factor::Entity::delete_by_id(user_id).exec(&txn).await?;
    recovery::remove(&txn, user_id).await?;
    if removed.rows_affected == 0 {
        // Nothing to remove: already off (a second click, or a user who never had one).
        return Ok(());
    }
    audit::record(&txn, actor, now, action, "user", &public_id.to_string(), &Changes::new()).await?;
    txn.commit().await?;
    Ok(())
}

/// Enrols `user_id` with a known key (the demo seed's users, whose key the README gives):
/// on, with fresh recovery codes, on `conn`.
pub async fn enrol_with_key<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    key: &str,
    now: OffsetDateTime,
) -> ServiceResult<RecoveryCodes> {
    let row = factor::ActiveModel {
        user_id: Set(user_id),
        secret: Set(Some(key.to_owned())),
        pending_secret: Set(None),
        enabled_at: Set(Some(now)),
        last_step: Set(None),
        updated_at: Set(now),
    };
    factor::Entity::insert(row).exec_without_returning(conn).await?;
    recovery::replace(conn, user_id, now).await
}
