//! Kanwil and Bapas offices: listing within the actor's scope, and the admin's changes.

use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_domain::office::{
    BapasClass, BapasDraft, BapasForm, BapasView, Coverage, KanwilForm, KanwilView, OfficeRef, Zone,
};
use pamong_domain::page::{ListQuery, Page};
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{bapas, bapas_coverage, kanwil};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult, unique_to_field};
use crate::exports;
use crate::policy::{self, Scope};
use crate::search::{contains_ci, fetch_page, nothing, page};

/// The offices an actor may pick from in forms (users' office, a Bapas's Kanwil).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeOptions {
    /// Active Kanwil in scope.
    pub kanwil: Vec<OfficeRef>,
    /// Active Bapas in scope.
    pub bapas: Vec<OfficeRef>,
}

fn kanwil_condition(actor: &Actor) -> Condition {
    match policy::office_scope(actor) {
        Scope::All => Condition::all(),
        Scope::Kanwil(_) | Scope::Bapas(_) => match actor.kanwil_id {
            Some(k) => Condition::all().add(kanwil::Column::Id.eq(k)),
            None => Condition::all().add(nothing()),
        },
        Scope::Nothing => Condition::all().add(nothing()),
    }
}

fn bapas_condition(actor: &Actor) -> Condition {
    match policy::office_scope(actor) {
        Scope::All => Condition::all(),
        Scope::Kanwil(k) => Condition::all().add(bapas::Column::KanwilId.eq(k)),
        Scope::Bapas(b) => Condition::all().add(bapas::Column::Id.eq(b)),
        Scope::Nothing => Condition::all().add(nothing()),
    }
}

fn require_manager(actor: &Actor) -> ServiceResult<()> {
    if policy::can_manage_offices(actor) { Ok(()) } else { Err(ServiceError::not_found()) }
}

/// Kanwil in the actor's scope, by name, searched by name or province code.
pub async fn list_kanwil(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ListQuery,
) -> ServiceResult<Page<KanwilView>> {
    let mut cond = kanwil_condition(actor);
    if let Some(q) = query.search()? {
        cond = cond.add(
            Condition::any()
                .add(contains_ci(kanwil::Column::Name, q))
                .add(kanwil::Column::ProvinceCode.eq(q)),
        );
    }
    if !query.include_inactive {
        cond = cond.add(kanwil::Column::Active.eq(true));
    }
    let select = kanwil::Entity::find().filter(cond).order_by_asc(kanwil::Column::Name);
    let (rows, total) = fetch_page(db, select, query).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(kanwil_view(db, row).await?);
    }
    Ok(page(items, total, query))
}

/// The Kanwil as [`list_kanwil`] reads them, every page, for a download in `format`; written
/// to the export log.
pub async fn kanwil_for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ListQuery,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<Vec<KanwilView>> {
    let rows =
        exports::all_pages(query, exports::LOG_MAX_ROWS, |q| async move { list_kanwil(db, actor, &q).await })
            .await?;
    exports::record_list_download(db, actor, ExportKind::KanwilList, query, rows.len(), format, now).await?;
    Ok(rows)
}

/// The Bapas as [`list_bapas`] reads them, every page, for a download in `format`; written
/// to the export log.
pub async fn bapas_for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ListQuery,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<Vec<BapasView>> {
    let rows =
        exports::all_pages(query, exports::LOG_MAX_ROWS, |q| async move { list_bapas(db, actor, &q).await })
            .await?;
    exports::record_list_download(db, actor, ExportKind::BapasList, query, rows.len(), format, now).await?;
    Ok(rows)
}

async fn kanwil_view<C: ConnectionTrait>(db: &C, row: kanwil::Model) -> ServiceResult<KanwilView> {
    let bapas_count = bapas::Entity::find()
        .filter(bapas::Column::KanwilId.eq(row.id))
        .filter(bapas::Column::Active.eq(true))
        .count(db)
        .await?;
    Ok(KanwilView {
        id: row.public_id,
        province_code: row.province_code,
        name: row.name,
        active: row.active,
        bapas_count,
    })
}

async fn find_kanwil<C: ConnectionTrait>(db: &C, actor: &Actor, id: Uuid) -> ServiceResult<kanwil::Model> {
    kanwil::Entity::find()
        .filter(kanwil_condition(actor))
        .filter(kanwil::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)
}

/// One Kanwil, if the actor may see it.
pub async fn get_kanwil(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> ServiceResult<KanwilView> {
    let row = find_kanwil(db, actor, id).await?;
    kanwil_view(db, row).await
}

/// Creates a Kanwil (admin only).
pub async fn create_kanwil(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &KanwilForm,
    now: OffsetDateTime,
) -> ServiceResult<KanwilView> {
    require_manager(actor)?;
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let row = kanwil::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        province_code: Set(draft.province_code.as_str().to_owned()),
        name: Set(draft.name.clone()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| unique_to_field(e, "province_code"))?;
    let changes = Changes::new().set("province_code", &row.province_code).set("name", &row.name);
    audit::record(&txn, actor, now, "create", "kanwil", &row.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    kanwil_view(db, row).await
}

/// Edits a Kanwil (admin only).
pub async fn update_kanwil(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &KanwilForm,
    now: OffsetDateTime,
) -> ServiceResult<KanwilView> {
    require_manager(actor)?;
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let old = find_kanwil(&txn, actor, id).await?;
    let changes = Changes::new()
        .diff("province_code", &old.province_code.as_str(), &draft.province_code.as_str())
        .diff("name", &old.name, &draft.name);
    let mut row: kanwil::ActiveModel = old.into();
    row.province_code = Set(draft.province_code.as_str().to_owned());
    row.name = Set(draft.name);
    row.updated_at = Set(now);
    let row = row.update(&txn).await.map_err(|e| unique_to_field(e, "province_code"))?;
    if !changes.is_empty() {
        audit::record(&txn, actor, now, "update", "kanwil", &id.to_string(), &changes).await?;
    }
    txn.commit().await?;
    kanwil_view(db, row).await
}

/// Activates or deactivates a Kanwil (admin only). A Kanwil with active Bapas stays active.
pub async fn set_kanwil_active(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    active: bool,
    now: OffsetDateTime,
) -> ServiceResult<KanwilView> {
    require_manager(actor)?;
    let txn = begin_write(db).await?;
    let old = find_kanwil(&txn, actor, id).await?;
    if !active {
        let in_use = bapas::Entity::find()
            .filter(bapas::Column::KanwilId.eq(old.id))
            .filter(bapas::Column::Active.eq(true))
            .count(&txn)
            .await?;
        if in_use > 0 {
            return Err(ErrorKind::field("active", Problem::InUse).into());
        }
    }
    let changes = Changes::new().diff("active", &old.active, &active);
    let mut row: kanwil::ActiveModel = old.into();
    row.active = Set(active);
    row.updated_at = Set(now);
    let row = row.update(&txn).await?;
    if !changes.is_empty() {
        let action = if active { "activate" } else { "deactivate" };
        audit::record(&txn, actor, now, action, "kanwil", &id.to_string(), &changes).await?;
    }
    txn.commit().await?;
    kanwil_view(db, row).await
}

/// Bapas in the actor's scope, by name, searched by name or code.
pub async fn list_bapas(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ListQuery,
) -> ServiceResult<Page<BapasView>> {
    let mut cond = bapas_condition(actor);
    if let Some(q) = query.search()? {
        cond = cond.add(
            Condition::any()
                .add(contains_ci(bapas::Column::Name, q))
                .add(contains_ci(bapas::Column::Code, q)),
        );
    }
    if !query.include_inactive {
        cond = cond.add(bapas::Column::Active.eq(true));
    }
    let select = bapas::Entity::find().filter(cond).order_by_asc(bapas::Column::Name);
    let (rows, total) = fetch_page(db, select, query).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(bapas_view(db, row).await?);
    }
    Ok(page(items, total, query))
}

async fn bapas_view<C: ConnectionTrait>(db: &C, row: bapas::Model) -> ServiceResult<BapasView> {
    let kanwil = kanwil::Entity::find_by_id(row.kanwil_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("bapas {} without kanwil", row.id)))?;
    let coverage = bapas_coverage::Entity::find()
        .filter(bapas_coverage::Column::BapasId.eq(row.id))
        .order_by_asc(bapas_coverage::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|c| Coverage { code: c.code, name: c.name })
        .collect();
    Ok(BapasView {
        id: row.public_id,
        kanwil: OfficeRef { id: kanwil.public_id, name: kanwil.name },
        code: row.code,
        name: row.name,
        class: BapasClass::parse(&row.class).unwrap_or(BapasClass::II),
        zone: Zone::parse(&row.zone).unwrap_or(Zone::Wib),
        address: row.address,
        phone: row.phone,
        coverage,
        active: row.active,
    })
}

async fn find_bapas<C: ConnectionTrait>(db: &C, actor: &Actor, id: Uuid) -> ServiceResult<bapas::Model> {
    bapas::Entity::find()
        .filter(bapas_condition(actor))
        .filter(bapas::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)
}

/// One Bapas, if the actor may see it.
pub async fn get_bapas(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> ServiceResult<BapasView> {
    let row = find_bapas(db, actor, id).await?;
    bapas_view(db, row).await
}

/// Resolves the Kanwil a Bapas form names; only active ones can take new Bapas.
async fn kanwil_for_draft<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    draft: &BapasDraft,
) -> ServiceResult<kanwil::Model> {
    match find_kanwil(db, actor, draft.kanwil_id).await {
        Ok(k) if k.active => Ok(k),
        Ok(_) | Err(ServiceError::Domain(ErrorKind::NotFound)) => {
            Err(ErrorKind::field("kanwil_id", Problem::UnknownReference).into())
        }
        Err(e) => Err(e),
    }
}

async fn replace_coverage<C: ConnectionTrait>(
    db: &C,
    bapas_id: i32,
    coverage: &[Coverage],
) -> ServiceResult<()> {
    bapas_coverage::Entity::delete_many()
        .filter(bapas_coverage::Column::BapasId.eq(bapas_id))
        .exec(db)
        .await?;
    for c in coverage {
        bapas_coverage::ActiveModel {
            bapas_id: Set(bapas_id),
            code: Set(c.code.clone()),
            name: Set(c.name.clone()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

fn coverage_codes(coverage: &[Coverage]) -> Vec<String> {
    coverage.iter().map(|c| format!("{} {}", c.code, c.name)).collect()
}

/// Creates a Bapas (admin only).
pub async fn create_bapas(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &BapasForm,
    now: OffsetDateTime,
) -> ServiceResult<BapasView> {
    require_manager(actor)?;
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let kanwil = kanwil_for_draft(&txn, actor, &draft).await?;
    let row = bapas::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        kanwil_id: Set(kanwil.id),
        code: Set(draft.code.clone()),
        name: Set(draft.name.clone()),
        class: Set(draft.class.as_str().to_owned()),
        zone: Set(draft.zone.label().to_owned()),
        address: Set(draft.address.clone()),
        phone: Set(draft.phone.clone()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| unique_to_field(e, "code"))?;
    replace_coverage(&txn, row.id, &draft.coverage).await?;
    let changes = Changes::new()
        .set("kanwil", &kanwil.name)
        .set("code", &row.code)
        .set("name", &row.name)
        .set("class", &row.class)
        .set("zone", &row.zone)
        .set("address", &row.address)
        .set("phone", &row.phone)
        .set("coverage", &coverage_codes(&draft.coverage));
    audit::record(&txn, actor, now, "create", "bapas", &row.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    bapas_view(db, row).await
}

/// Edits a Bapas (admin only).
pub async fn update_bapas(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &BapasForm,
    now: OffsetDateTime,
) -> ServiceResult<BapasView> {
    require_manager(actor)?;
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let old = find_bapas(&txn, actor, id).await?;
    let old_view = bapas_view(&txn, old.clone()).await?;
    let kanwil = kanwil_for_draft(&txn, actor, &draft).await?;
    let changes = Changes::new()
        .diff("kanwil", &old_view.kanwil.name, &kanwil.name)
        .diff("code", &old.code, &draft.code)
        .diff("name", &old.name, &draft.name)
        .diff("class", &old.class.as_str(), &draft.class.as_str())
        .diff("zone", &old.zone.as_str(), &draft.zone.label())
        .diff("address", &old.address, &draft.address)
        .diff("phone", &old.phone, &draft.phone)
        .diff("coverage", &coverage_codes(&old_view.coverage), &coverage_codes(&draft.coverage));
    let mut row: bapas::ActiveModel = old.into();
    row.kanwil_id = Set(kanwil.id);
    row.code = Set(draft.code);
    row.name = Set(draft.name);
    row.class = Set(draft.class.as_str().to_owned());
    row.zone = Set(draft.zone.label().to_owned());
    row.address = Set(draft.address);
    row.phone = Set(draft.phone);
    row.updated_at = Set(now);
    let row = row.update(&txn).await.map_err(|e| unique_to_field(e, "code"))?;
    replace_coverage(&txn, row.id, &draft.coverage).await?;
    crate::users::follow_bapas_kanwil(&txn, crate::ids::BapasId(row.id), crate::ids::KanwilId(kanwil.id))
        .await?;
    if !changes.is_empty() {
        audit::record(&txn, actor, now, "update", "bapas", &id.to_string(), &changes).await?;
    }
    txn.commit().await?;
    bapas_view(db, row).await
}

/// Activates or deactivates a Bapas (admin only).
pub async fn set_bapas_active(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    active: bool,
    now: OffsetDateTime,
) -> ServiceResult<BapasView> {
    require_manager(actor)?;
    let txn = begin_write(db).await?;
    let old = find_bapas(&txn, actor, id).await?;
    let changes = Changes::new().diff("active", &old.active, &active);
    let mut row: bapas::ActiveModel = old.into();
    row.active = Set(active);
    row.updated_at = Set(now);
    let row = row.update(&txn).await?;
    if !changes.is_empty() {
        let action = if active { "activate" } else { "deactivate" };
        audit::record(&txn, actor, now, action, "bapas", &id.to_string(), &changes).await?;
    }
    txn.commit().await?;
    bapas_view(db, row).await
}

/// Active offices the actor may pick in forms.
pub async fn options(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<OfficeOptions> {
    let kanwil = kanwil::Entity::find()
        .filter(kanwil_condition(actor))
        .filter(kanwil::Column::Active.eq(true))
        .order_by_asc(kanwil::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|k| OfficeRef { id: k.public_id, name: k.name })
        .collect();
    let bapas = bapas::Entity::find()
        .filter(bapas_condition(actor))
        .filter(bapas::Column::Active.eq(true))
        .order_by_asc(bapas::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|b| OfficeRef { id: b.public_id, name: b.name })
        .collect();
    Ok(OfficeOptions { kanwil, bapas })
}

/// The public id of the Bapas with this code, or of the Kanwil with this province code
/// (for the CLI, where people type codes rather than ids).
pub async fn id_by_code(db: &DatabaseConnection, code: &str) -> ServiceResult<Option<Uuid>> {
    let code = code.trim().to_uppercase();
    if let Some(b) = bapas::Entity::find().filter(bapas::Column::Code.eq(&code)).one(db).await? {
        return Ok(Some(b.public_id));
    }
    let k = kanwil::Entity::find().filter(kanwil::Column::ProvinceCode.eq(&code)).one(db).await?;
    Ok(k.map(|k| k.public_id))
}

/// How many Bapas are active (for spreading generated demo data).
pub async fn count_active_bapas(db: &DatabaseConnection) -> ServiceResult<usize> {
    use sea_orm::PaginatorTrait;
    let n = bapas::Entity::find().filter(bapas::Column::Active.eq(true)).count(db).await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// The given Bapas, by internal key (for the lists that show each row's office, zone or
/// Kanwil), in one query.
pub(crate) async fn bapas_by_id<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> ServiceResult<std::collections::HashMap<i32, bapas::Model>> {
    let ids: std::collections::BTreeSet<i32> = ids.into_iter().collect();
    Ok(bapas::Entity::find()
        .filter(bapas::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect())
}

/// The time zone of each of the given Bapas, to show each row's time as its office keeps it.
pub(crate) async fn zones_of<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> ServiceResult<std::collections::HashMap<i32, Zone>> {
    Ok(bapas_by_id(db, ids)
        .await?
        .into_iter()
        .map(|(id, b)| (id, Zone::parse(&b.zone).unwrap_or(Zone::Wib)))
        .collect())
}

/// The day it is at an office (its time zone; WIB for an office not found): the day a
/// record made `now` belongs to there.
pub(crate) async fn today_at<C: ConnectionTrait>(
    db: &C,
    bapas_id: i32,
    now: OffsetDateTime,
) -> ServiceResult<Date> {
    let zone = bapas::Entity::find_by_id(bapas_id).one(db).await?.and_then(|b| Zone::parse(&b.zone));
    Ok(now.to_offset(zone.unwrap_or(Zone::Wib).offset()).date())
}

/// The heading of an office's printed documents (a Litmas, a kerja sosial statement).
pub(crate) async fn letterhead<C: ConnectionTrait>(
    db: &C,
    bapas_id: i32,
) -> ServiceResult<pamong_domain::abh::litmas::Letterhead> {
    let office = bapas::Entity::find_by_id(bapas_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    Ok(pamong_domain::abh::litmas::Letterhead {
        zone: Zone::parse(&office.zone).unwrap_or(Zone::Wib),
        name: office.name,
        address: office.address,
        phone: office.phone,
    })
}
