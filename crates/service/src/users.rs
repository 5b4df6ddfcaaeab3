//! Users: the admin's and the Kabapas's management of accounts, and each user's own profile.

use std::collections::HashMap;

use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_domain::office::OfficeRef;
use pamong_domain::page::{ListQuery, Page};
use pamong_domain::role::OfficeLevel;
use pamong_domain::user::{PasswordChange, UserDraft, UserForm, UserView, check_password};
use pamong_domain::{ErrorKind, FieldErrors, Problem, Role};
use pamong_entity::{bapas, kanwil, session, user};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult, unique_to_field};
use crate::ids::{BapasId, KanwilId, UserId};
use crate::policy::{self, Placement, Scope};
use crate::search::{contains_ci, fetch_page, nothing, page};
use crate::{auth, exports, password};

/// Where a stored user sits. A role the code does not know is a broken row, not a default.
fn placement(row: &user::Model) -> ServiceResult<Placement> {
    let role = Role::parse(&row.role)
        .ok_or_else(|| ServiceError::Internal(format!("user {} has role {}", row.id, row.role)))?;
    Ok(Placement { role, kanwil_id: row.kanwil_id.map(KanwilId), bapas_id: row.bapas_id.map(BapasId) })
}

fn scope_condition(actor: &Actor) -> Condition {
    match policy::user_scope(actor) {
        Scope::All => Condition::all(),
        Scope::Kanwil(k) => Condition::all().add(user::Column::KanwilId.eq(k)),
        Scope::Bapas(b) => Condition::all().add(user::Column::BapasId.eq(b)),
        Scope::Nothing => Condition::all().add(nothing()),
    }
}

/// Users the actor may see, by name; searched by name or login name.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ListQuery,
) -> ServiceResult<Page<UserView>> {
    let mut cond = scope_condition(actor);
    if let Some(q) = query.search()? {
        cond = cond.add(
            Condition::any()
                .add(contains_ci(user::Column::FullName, q))
                .add(contains_ci(user::Column::Username, q)),
        );
    }
    if !query.include_inactive {
        cond = cond.add(user::Column::Active.eq(true));
    }
    let select = user::Entity::find().filter(cond).order_by_asc(user::Column::FullName);
    let (rows, total) = fetch_page(db, select, query).await?;
    let items = views(db, rows).await?;
    Ok(page(items, total, query))
}

/// The users as [`list`] reads them, every page up to [`crate::exports::LOG_MAX_ROWS`],
/// for a download in `format`; written to the export log. Refused to whoever lists no user.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ListQuery,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<Vec<UserView>> {
    if policy::user_scope(actor).is_empty() {
        return Err(ServiceError::not_found());
    }
    let rows = exports::all_pages(query, exports::LOG_MAX_ROWS, |q| async move { list(db, actor, &q).await })
        .await?;
    exports::record_list_download(db, actor, ExportKind::UserList, query, rows.len(), format, now).await?;
    Ok(rows)
}

/// Maps rows to views, loading the office names they refer to in two queries.
async fn views<C: ConnectionTrait>(db: &C, rows: Vec<user::Model>) -> ServiceResult<Vec<UserView>> {
    let kanwil_ids: Vec<i32> = rows.iter().filter_map(|u| u.kanwil_id).collect();
    let bapas_ids: Vec<i32> = rows.iter().filter_map(|u| u.bapas_id).collect();
    let kanwil_names: HashMap<i32, OfficeRef> = kanwil::Entity::find()
        .filter(kanwil::Column::Id.is_in(kanwil_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|k| (k.id, OfficeRef { id: k.public_id, name: k.name }))
        .collect();
    let bapas_names: HashMap<i32, OfficeRef> = bapas::Entity::find()
        .filter(bapas::Column::Id.is_in(bapas_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, OfficeRef { id: b.public_id, name: b.name }))
        .collect();
    rows.into_iter()
        .map(|u| {
            Ok(UserView {
                id: u.public_id,
                role: placement(&u)?.role,
                kanwil: u.kanwil_id.and_then(|k| kanwil_names.get(&k).cloned()),
                bapas: u.bapas_id.and_then(|b| bapas_names.get(&b).cloned()),
                username: u.username,
                full_name: u.full_name,
                nip: u.nip,
                email: u.email,
                phone: u.phone,
                active: u.active,
                last_login_at: u.last_login_at,
            })
        })
        .collect()
}

async fn view<C: ConnectionTrait>(db: &C, row: user::Model) -> ServiceResult<UserView> {
    views(db, vec![row]).await?.pop().ok_or_else(|| ServiceError::Internal("user view".into()))
}

/// Finds a user the actor may see (themselves included).
async fn find_visible<C: ConnectionTrait>(db: &C, actor: &Actor, id: Uuid) -> ServiceResult<user::Model> {
    let row = user::Entity::find()
        .filter(user::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let is_self = Some(row.id) == actor.user_key();
    if is_self || policy::contains(policy::user_scope(actor), placement(&row)?) {
        Ok(row)
    } else {
        Err(ServiceError::not_found())
    }
}

/// Finds a user the actor may manage; anyone else is "not found".
pub(crate) async fn find_managed<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<user::Model> {
    let row = find_visible(db, actor, id).await?;
    if policy::can_manage_user(actor, placement(&row)?) { Ok(row) } else { Err(ServiceError::not_found()) }
}

/// One user, if the actor may see them.
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> ServiceResult<UserView> {
    let row = find_visible(db, actor, id).await?;
    view(db, row).await
}

/// The actor's own account.
pub async fn profile(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<UserView> {
    let id = actor.user_id.ok_or_else(ServiceError::not_found)?;
    let row = user::Entity::find_by_id(id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    view(db, row).await
}

/// Resolves the office a draft names into a placement the actor may manage.
async fn resolve_placement<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    draft: &UserDraft,
) -> ServiceResult<Placement> {
    let unknown = || ServiceError::from(ErrorKind::field("office_id", Problem::UnknownReference));
    let at = match (draft.role.office_level(), draft.office_id) {
        (OfficeLevel::National, _) => Placement { role: draft.role, kanwil_id: None, bapas_id: None },
        (OfficeLevel::Kanwil, Some(id)) => {
            let k = kanwil::Entity::find()
                .filter(kanwil::Column::PublicId.eq(id))
                .filter(kanwil::Column::Active.eq(true))
                .one(db)
                .await?
                .ok_or_else(unknown)?;
            Placement { role: draft.role, kanwil_id: Some(KanwilId(k.id)), bapas_id: None }
        }
        (OfficeLevel::Bapas, Some(id)) => {
            let b = bapas::Entity::find()
                .filter(bapas::Column::PublicId.eq(id))
                .filter(bapas::Column::Active.eq(true))
                .one(db)
                .await?
                .ok_or_else(unknown)?;
            Placement {
                role: draft.role,
                kanwil_id: Some(KanwilId(b.kanwil_id)),
                bapas_id: Some(BapasId(b.id)),
            }
        }
        (OfficeLevel::Kanwil | OfficeLevel::Bapas, None) => return Err(unknown()),
    };
    if policy::can_manage_user(actor, at) {
        return Ok(at);
    }
    // Say which choice is not theirs to make: the role, or the office.
    let field = if actor.role.assignable_roles().contains(&draft.role) { "office_id" } else { "role" };
    Err(ErrorKind::field(field, Problem::NotAllowed).into())
}

/// Creates a user with an initial password (admin: anyone; Kabapas: staff of their office).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &UserForm,
    now: OffsetDateTime,
) -> ServiceResult<UserView> {
    if actor.role.assignable_roles().is_empty() {
        return Err(ServiceError::not_found());
    }
    let (draft, initial_password) = form.parse_new()?;
    let hash = password::hash(&initial_password).await?;
    let txn = begin_write(db).await?;
    let at = resolve_placement(&txn, actor, &draft).await?;
    let row = user::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        username: Set(draft.username.clone()),
        full_name: Set(draft.full_name.clone()),
        nip: Set(draft.nip.clone()),
        email: Set(draft.email.clone()),
        phone: Set(draft.phone.clone()),
        role: Set(draft.role.as_str().to_owned()),
        kanwil_id: Set(at.kanwil_id.map(i32::from)),
        bapas_id: Set(at.bapas_id.map(i32::from)),
        password_hash: Set(hash),
        active: Set(true),
        last_login_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| unique_to_field(e, "username"))?;
    let changes = Changes::new()
        .set("username", &row.username)
        .set("full_name", &row.full_name)
        .set("nip", &row.nip)
        .set("email", &row.email)
        .set("phone", &row.phone)
        .set("role", &row.role)
        .set("kanwil_id", &row.kanwil_id)
        .set("bapas_id", &row.bapas_id)
        .redacted("password");
    audit::record(&txn, actor, now, "create", "user", &row.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    view(db, row).await
}

/// Edits a user's profile, role and office (the password is reset separately).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &UserForm,
    now: OffsetDateTime,
) -> ServiceResult<UserView> {
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let old = find_managed(&txn, actor, id).await?;
    let at = resolve_placement(&txn, actor, &draft).await?;
    let was = placement(&old)?;
    if Some(old.id) == actor.user_key() && at != was {
        // Nobody demotes or moves themselves: it would lock them out mid-edit.
        return Err(ErrorKind::field("role", Problem::NotAllowed).into());
    }
    // A partner's user who moves to another office, or stops being a partner's user, leaves
    // the institution's inbox behind: referrals about its clients are not theirs to read.
    let keeps_partner = at.bapas_id == was.bapas_id && at.role == was.role;
    let partner_id = if keeps_partner { old.partner_id } else { None };
    let changes = Changes::new()
        .diff("username", &old.username, &draft.username)
        .diff("full_name", &old.full_name, &draft.full_name)
        .diff("nip", &old.nip, &draft.nip)
        .diff("email", &old.email, &draft.email)
        .diff("phone", &old.phone, &draft.phone)
        .diff("role", &old.role.as_str(), &draft.role.as_str())
        .diff("kanwil_id", &old.kanwil_id, &at.kanwil_id.map(i32::from))
        .diff("bapas_id", &old.bapas_id, &at.bapas_id.map(i32::from))
        .diff("partner_id", &old.partner_id, &partner_id);
    let mut row: user::ActiveModel = old.into();
    row.username = Set(draft.username);
    row.full_name = Set(draft.full_name);
    row.nip = Set(draft.nip);
    row.email = Set(draft.email);
    row.phone = Set(draft.phone);
    row.role = Set(draft.role.as_str().to_owned());
    row.kanwil_id = Set(at.kanwil_id.map(i32::from));
    row.bapas_id = Set(at.bapas_id.map(i32::from));
    row.partner_id = Set(partner_id);
    row.updated_at = Set(now);
    let row = row.update(&txn).await.map_err(|e| unique_to_field(e, "username"))?;
    if !changes.is_empty() {
        audit::record(&txn, actor, now, "update", "user", &id.to_string(), &changes).await?;
    }
    txn.commit().await?;
    view(db, row).await
}

/// Ends every session of a user (after a password reset or deactivation).
pub async fn end_sessions<C: ConnectionTrait>(db: &C, user_id: UserId) -> ServiceResult<()> {
    session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}

/// Sets a new password for a user the actor manages and logs them out everywhere.
pub async fn reset_password(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    new_password: &str,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let old = find_managed(&txn, actor, id).await?;
    let mut errors = FieldErrors::new();
    check_password(&mut errors, "password", new_password, &old.username);
    errors.into_result(())?;
    let user_id = UserId(old.id);
    let mut row: user::ActiveModel = old.into();
    row.password_hash = Set(password::hash(new_password).await?);
    row.updated_at = Set(now);
    row.update(&txn).await?;
    end_sessions(&txn, user_id).await?;
    audit::record(
        &txn,
        actor,
        now,
        "password_reset",
        "user",
        &id.to_string(),
        &Changes::new().redacted("password"),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Activates or deactivates a user the actor manages; deactivation logs them out everywhere.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    active: bool,
    now: OffsetDateTime,
) -> ServiceResult<UserView> {
    let txn = begin_write(db).await?;
    let old = find_managed(&txn, actor, id).await?;
    if Some(old.id) == actor.user_key() && !active {
        return Err(ErrorKind::field("active", Problem::NotAllowed).into());
    }
    let changes = Changes::new().diff("active", &old.active, &active);
    let user_id = UserId(old.id);
    let mut row: user::ActiveModel = old.into();
    row.active = Set(active);
    row.updated_at = Set(now);
    let row = row.update(&txn).await?;
    if !active {
        end_sessions(&txn, user_id).await?;
    }
    if !changes.is_empty() {
        let action = if active { "activate" } else { "deactivate" };
        audit::record(&txn, actor, now, action, "user", &id.to_string(), &changes).await?;
    }
    txn.commit().await?;
    view(db, row).await
}

/// Changes the actor's own password after checking the current one, and ends every session
/// of the user (the caller keeps its own by giving it a new id). A wrong current password
/// counts as a failed login: the same limits stop guessing through this form.
pub async fn change_own_password(
    db: &DatabaseConnection,
    actor: &Actor,
    change: &PasswordChange,
    ip: Option<String>,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let id = actor.user_id.ok_or_else(ServiceError::not_found)?;
    change.check(&actor.username)?;
    auth::check_limits(db, &actor.username, ip.as_deref(), now).await?;
    let old = user::Entity::find_by_id(id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let accepted = password::verify(&change.current, &old.password_hash).await?;
    auth::record_attempt(db, &actor.username, ip, accepted, now).await?;
    if !accepted {
        return Err(ErrorKind::field("current", Problem::WrongPassword).into());
    }
    let hash = password::hash(&change.new).await?;
    let txn = begin_write(db).await?;
    let public_id = old.public_id;
    let mut row: user::ActiveModel = old.into();
    row.password_hash = Set(hash);
    row.updated_at = Set(now);
    row.update(&txn).await?;
    end_sessions(&txn, id).await?;
    audit::record(
        &txn,
        actor,
        now,
        "password_change",
        "user",
        &public_id.to_string(),
        &Changes::new().redacted("password"),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Keeps the Kanwil of a Bapas's users in step when the Bapas moves to another Kanwil.
pub async fn follow_bapas_kanwil<C: ConnectionTrait>(
    db: &C,
    bapas_id: BapasId,
    kanwil_id: KanwilId,
) -> ServiceResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::KanwilId, Expr::value(kanwil_id))
        .filter(user::Column::BapasId.eq(bapas_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The public id of the user with this login name (for the CLI).
pub async fn id_by_username(db: &DatabaseConnection, username: &str) -> ServiceResult<Option<Uuid>> {
    let row = user::Entity::find()
        .filter(user::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?;
    Ok(row.map(|u| u.public_id))
}
