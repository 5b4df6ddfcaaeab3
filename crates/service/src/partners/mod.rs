//! Partner institutions (mitra) of each Bapas, with their contact persons and services, and
//! their cooperation agreements ([`agreements`]). Read by the office's staff, the region's
//! Kanwil and the admin; kept by the admin and the office's Kabapas.

pub mod agreements;

use std::collections::HashMap;

use pamong_domain::caseload::PersonRef;
use pamong_domain::client::fold_name;
use pamong_domain::export::ExportFormat;
use pamong_domain::logs::ExportKind;
use pamong_domain::office::OfficeRef;
use pamong_domain::page::Page;
use pamong_domain::partners::{
    Choice, Contact, POKMAS_KIND, PartnerDraft, PartnerFilter, PartnerForm, PartnerView, PokmasDomain,
    PokmasMember, PokmasMemberForm, label_of,
};
use pamong_entity::{bapas, partner, partner_contact, pokmas_member, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::exports;
use crate::ids::BapasId;
use crate::policy::{self, Scope};
use crate::search::{contains_ci, fetch_page, office_condition, page};
use crate::settings::{self, ChoiceList};

/// The condition restricting a table's `bapas_id` column to the actor's partner scope.
pub(crate) async fn scope_condition<C: ConnectionTrait, Col: ColumnTrait>(
    db: &C,
    actor: &Actor,
    bapas_column: Col,
) -> ServiceResult<Condition> {
    Ok(office_condition(db, policy::partner_scope(actor), bapas_column).await?)
}

/// Whether `bapas_id` lies in the actor's partner scope.
pub(crate) async fn in_scope<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    bapas_id: i32,
) -> ServiceResult<bool> {
    Ok(match policy::partner_scope(actor) {
        Scope::All => true,
        Scope::Bapas(b) => b.get() == bapas_id,
        Scope::Kanwil(k) => {
            bapas::Entity::find_by_id(bapas_id).one(db).await?.is_some_and(|b| b.kanwil_id == k.get())
        }
        Scope::Nothing => false,
    })
}

/// A partner the actor may read.
pub(crate) async fn find_readable<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<partner::Model> {
    let row = partner::Entity::find()
        .filter(partner::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    if in_scope(db, actor, row.bapas_id).await? { Ok(row) } else { Err(ServiceError::not_found()) }
}

/// Codes as stored: between commas, so that a search for one matches it whole.
pub(crate) fn codes_column(codes: &[String]) -> Option<String> {
    (!codes.is_empty()).then(|| format!(",{},", codes.join(",")))
}

/// Codes from their stored form.
pub(crate) fn split(raw: &Option<String>) -> Vec<String> {
    raw.as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Labels for service codes, in catalogue order (codes no longer listed last, as codes).
pub(crate) fn service_choices(codes: &[String], catalogue: &[Choice]) -> Vec<Choice> {
    let mut out: Vec<Choice> = catalogue.iter().filter(|c| codes.contains(&c.code)).cloned().collect();
    for code in codes.iter().filter(|c| !catalogue.iter().any(|k| &k.code == *c)) {
        out.push(Choice { code: code.clone(), label: code.clone() });
    }
    out
}

async fn view<C: ConnectionTrait>(db: &C, actor: &Actor, row: partner::Model) -> ServiceResult<PartnerView> {
    let office =
        bapas::Entity::find_by_id(row.bapas_id).one(db).await?.ok_or_else(ServiceError::not_found)?;
    let kinds = settings::choices(db, ChoiceList::PartnerKinds).await?;
    let catalogue = settings::choices(db, ChoiceList::PartnerServices).await?;
    let contacts = partner_contact::Entity::find()
        .filter(partner_contact::Column::PartnerId.eq(row.id))
        .order_by_asc(partner_contact::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|c| Contact { name: c.name, position: c.role, phone: c.phone, email: c.email })
        .collect();
    let pokmas_members = pokmas_member::Entity::find()
        .filter(pokmas_member::Column::PartnerId.eq(row.id))
        .order_by_asc(pokmas_member::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| PokmasMember { name: m.name, organisation: m.organisation, role: m.role, phone: m.phone })
        .collect();
    Ok(PartnerView {
        id: row.public_id,
        pokmas_domain: row.pokmas_domain.as_deref().and_then(PokmasDomain::parse),
        pokmas_members,
        bapas: OfficeRef { id: office.public_id, name: office.name },
        kind_label: label_of(&kinds, &row.kind),
        kind: row.kind,
        address: row.address,
        area: row.area,
        phone: row.phone,
        email: row.email,
        services: service_choices(&split(&row.services), &catalogue),
        contacts,
        notes: row.notes,
        active: row.active,
        can_manage: policy::can_manage_partners(actor, BapasId(row.bapas_id)),
        name: row.name,
    })
}

/// The partners as [`list`] reads them, every page up to [`crate::exports::LOG_MAX_ROWS`],
/// for a download in `format`; written to the export log. Refused to whoever lists none.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &PartnerFilter,
    format: ExportFormat,
    now: OffsetDateTime,
) -> ServiceResult<Vec<PartnerView>> {
    if policy::partner_scope(actor).is_empty() {
        return Err(ServiceError::not_found());
    }
    let rows = exports::all_pages(&filter.list, exports::LOG_MAX_ROWS, |list| {
        let filter = PartnerFilter { list, ..filter.clone() };
        async move { self::list(db, actor, &filter).await }
    })
    .await?;
    let asked = [
        ("cari", filter.list.q.as_str()),
        ("jenis", filter.kind.as_deref().unwrap_or_default()),
        ("layanan", filter.service.as_deref().unwrap_or_default()),
    ];
    exports::record_log_download(db, actor, ExportKind::PartnerList, &asked, rows.len(), format, now).await?;
    Ok(rows)
}

/// Partners the actor may see, searched (name, area) and filtered (kind, service).
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &PartnerFilter,
) -> ServiceResult<Page<PartnerView>> {
    let mut cond = scope_condition(db, actor, partner::Column::BapasId).await?;
    if !filter.list.include_inactive {
        cond = cond.add(partner::Column::Active.eq(true));
    }
    if let Some(q) = filter.list.search()? {
        cond = cond.add(
            Condition::any()
                .add(contains_ci(partner::Column::NameFolded, &fold_name(q)))
                .add(contains_ci(partner::Column::Area, q)),
        );
    }
    if let Some(kind) = filter.kind.as_deref().filter(|k| !k.is_empty()) {
        cond = cond.add(partner::Column::Kind.eq(kind));
    }
    if let Some(service) = filter.service.as_deref().filter(|s| !s.is_empty()) {
        // Codes are stored between commas (`,bpjs,dokumen,`), so a code matches only whole.
        cond = cond.add(contains_ci(partner::Column::Services, &format!(",{service},")));
    }
    let select = partner::Entity::find().filter(cond).order_by_asc(partner::Column::NameFolded);
    let (rows, total) = fetch_page(db, select, &filter.list).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(view(db, actor, row).await?);
    }
    Ok(page(items, total, &filter.list))
}

/// One partner.
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> ServiceResult<PartnerView> {
    let row = find_readable(db, actor, id).await?;
    view(db, actor, row).await
}

/// The office a new partner or agreement belongs to: the admin's choice, a Kabapas's own.
async fn target_office<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    chosen: Option<Uuid>,
) -> ServiceResult<BapasId> {
    let bapas_id = match (policy::chooses_partner_office(actor), chosen) {
        (true, Some(id)) => bapas::Entity::find()
            .filter(bapas::Column::PublicId.eq(id))
            .one(db)
            .await?
            .map(|b| BapasId(b.id))
            .ok_or_else(|| {
                pamong_domain::ErrorKind::field("bapas_id", pamong_domain::Problem::UnknownReference)
            })?,
        (true, None) => {
            return Err(pamong_domain::ErrorKind::field("bapas_id", pamong_domain::Problem::Required).into());
        }
        (false, _) => actor.bapas_id.ok_or_else(ServiceError::not_found)?,
    };
    if policy::can_manage_partners(actor, bapas_id) { Ok(bapas_id) } else { Err(ServiceError::not_found()) }
}

fn apply(model: &mut partner::ActiveModel, draft: &PartnerDraft) {
    model.name = Set(draft.name.clone());
    model.name_folded = Set(fold_name(&draft.name));
    model.kind = Set(draft.kind.clone());
    model.address = Set(draft.address.clone());
    model.area = Set(draft.area.clone());
    model.phone = Set(draft.phone.clone());
    model.email = Set(draft.email.clone());
    model.services = Set(codes_column(&draft.services));
    model.notes = Set(draft.notes.clone());
    model.pokmas_domain = Set(draft.pokmas_domain.map(|d| d.as_str().to_owned()));
}

async fn replace_contacts<C: ConnectionTrait>(
    db: &C,
    partner_id: i32,
    contacts: &[Contact],
) -> ServiceResult<()> {
    partner_contact::Entity::delete_many()
        .filter(partner_contact::Column::PartnerId.eq(partner_id))
        .exec(db)
        .await?;
    for (i, c) in contacts.iter().enumerate() {
        partner_contact::ActiveModel {
            partner_id: Set(partner_id),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            name: Set(c.name.clone()),
            role: Set(c.position.clone()),
            phone: Set(c.phone.clone()),
            email: Set(c.email.clone()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Adds a partner (`id` `None`) or changes one: the admin, or the office's Kabapas.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Option<Uuid>,
    form: &PartnerForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let txn = begin_write(db).await?;
    let kinds = settings::choices(&txn, ChoiceList::PartnerKinds).await?;
    let catalogue = settings::choices(&txn, ChoiceList::PartnerServices).await?;
    let draft = form.parse(&kinds, &catalogue)?;
    let (row, action, changes) = match id {
        None => {
            let bapas_id = target_office(&txn, actor, draft.bapas_id).await?;
            let mut model = partner::ActiveModel {
                public_id: Set(Uuid::now_v7()),
                bapas_id: Set(bapas_id.get()),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            apply(&mut model, &draft);
            let row = model.insert(&txn).await?;
            let changes = Changes::at_office(bapas_id.get())
                .set("name", &row.name)
                .set("kind", &row.kind)
                .set("services", &row.services);
            (row, "create", changes)
        }
        Some(id) => {
            let old = find_readable(&txn, actor, id).await?;
            if !policy::can_manage_partners(actor, BapasId(old.bapas_id)) {
                return Err(ServiceError::not_found());
            }
            let mut model: partner::ActiveModel = old.clone().into();
            apply(&mut model, &draft);
            model.updated_at = Set(now);
            let row = model.update(&txn).await?;
            let changes = Changes::at_office(old.bapas_id)
                .diff("name", &old.name, &row.name)
                .diff("kind", &old.kind, &row.kind)
                .diff("services", &old.services, &row.services)
                .diff("address", &old.address, &row.address);
            (row, "update", changes)
        }
    };
    replace_contacts(&txn, row.id, &draft.contacts).await?;
    audit::record(&txn, actor, now, action, "partner", &row.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(row.public_id)
}

/// Deactivates or reactivates a partner.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    active: bool,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let old = find_readable(&txn, actor, id).await?;
    if !policy::can_manage_partners(actor, BapasId(old.bapas_id)) {
        return Err(ServiceError::not_found());
    }
    let mut model: partner::ActiveModel = old.clone().into();
    model.active = Set(active);
    model.updated_at = Set(now);
    model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        now,
        "update",
        "partner",
        &id.to_string(),
        &Changes::new().diff("active", &old.active, &active),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The `mitra` users of the partner's office, with whether each is linked to this partner:
/// for the Kabapas or the admin to link the partner's own users.
pub async fn mitra_users(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<Vec<(PersonRef, bool)>> {
    let p = find_readable(db, actor, id).await?;
    if !policy::can_manage_partners(actor, BapasId(p.bapas_id)) {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::BapasId.eq(p.bapas_id))
        .filter(user::Column::Role.eq(policy::PARTNER_USER_ROLE.as_str()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .filter(|u| u.partner_id.is_none() || u.partner_id == Some(p.id))
        .map(|u| {
            (
                PersonRef { id: u.public_id, name: format!("{} ({})", u.full_name, u.username) },
                u.partner_id == Some(p.id),
            )
        })
        .collect())
}

/// Links a `mitra` user of the partner's office to the partner (`link` false: unlinks).
pub async fn link_user(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    user_id: Uuid,
    link: bool,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let p = find_readable(&txn, actor, id).await?;
    if !policy::can_manage_partners(actor, BapasId(p.bapas_id)) {
        return Err(ServiceError::not_found());
    }
    let u = user::Entity::find()
        .filter(user::Column::PublicId.eq(user_id))
        .filter(user::Column::BapasId.eq(p.bapas_id))
        .filter(user::Column::Role.eq(policy::PARTNER_USER_ROLE.as_str()))
        .one(&txn)
        .await?
        .ok_or_else(|| pamong_domain::ErrorKind::field("user", pamong_domain::Problem::UnknownReference))?;
    let old = u.partner_id;
    let new = if link { Some(p.id) } else { None };
    let mut model: user::ActiveModel = u.into();
    model.partner_id = Set(new);
    model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        now,
        "update",
        "user",
        &user_id.to_string(),
        &Changes::new().diff("partner_id", &old, &new),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds a member to a Pokmas Lipas: the admin or the office's Kabapas.
pub async fn add_pokmas_member(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &PokmasMemberForm,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let member = form.parse()?;
    let txn = begin_write(db).await?;
    let p = find_readable(&txn, actor, id).await?;
    if !policy::can_manage_partners(actor, BapasId(p.bapas_id)) {
        return Err(ServiceError::not_found());
    }
    if p.kind != POKMAS_KIND {
        return Err(pamong_domain::ErrorKind::Conflict.into());
    }
    pokmas_member::ActiveModel {
        partner_id: Set(p.id),
        name: Set(member.name.clone()),
        organisation: Set(member.organisation),
        role: Set(member.role),
        phone: Set(member.phone),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let changes = Changes::new().set("name", &member.name).set("organisation", &member.organisation);
    audit::record(&txn, actor, now, "create", "pokmas_member", &id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// The names of partners by internal id.
pub(crate) async fn names<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
) -> ServiceResult<HashMap<i32, (Uuid, String)>> {
    Ok(partner::Entity::find()
        .filter(partner::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, (p.public_id, p.name)))
        .collect())
}

/// What an editor of the office's partner-run records (work sites, programmes) offers: the
/// active partners of the offices whose records the actor keeps (`keeps` says, per office),
/// by name, and their agreements not terminated ("number — title"), keyed by the partner's
/// public id, the latest ending first.
pub(crate) async fn with_agreements<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    keeps: impl Fn(&Actor, BapasId) -> bool,
) -> ServiceResult<(Vec<partner::Model>, Vec<(Uuid, PersonRef)>)> {
    let partners: Vec<partner::Model> = partner::Entity::find()
        .filter(scope_condition(db, actor, partner::Column::BapasId).await?)
        .filter(partner::Column::Active.eq(true))
        .order_by_asc(partner::Column::NameFolded)
        .limit(1000)
        .all(db)
        .await?
        .into_iter()
        .filter(|p| keeps(actor, BapasId(p.bapas_id)))
        .collect();
    let by_id: HashMap<i32, Uuid> = partners.iter().map(|p| (p.id, p.public_id)).collect();
    let agreements = pamong_entity::agreement::Entity::find()
        .filter(pamong_entity::agreement::Column::PartnerId.is_in(by_id.keys().copied()))
        .filter(pamong_entity::agreement::Column::TerminatedOn.is_null())
        .order_by_desc(pamong_entity::agreement::Column::EndOn)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| {
            let partner = by_id.get(&a.partner_id)?;
            Some((*partner, PersonRef { id: a.public_id, name: format!("{} — {}", a.number, a.title) }))
        })
        .collect();
    Ok((partners, agreements))
}
