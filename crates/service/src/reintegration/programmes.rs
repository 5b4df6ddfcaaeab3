//! The programme catalogue: kept by the Kabapas (and the admin) for the office, each
//! programme with the partner and the PKS it runs under, read by the office's staff, the
//! Kanwil's region and the partner's own user who runs it; a programme's page with its roll
//! and sessions.

use std::collections::HashMap;

use pamong_domain::agreements::{AgreementStatus, status_on};
use pamong_domain::caseload::PersonRef;
use pamong_domain::export::ExportFormat;
use pamong_domain::legal::LegalBasis;
use pamong_domain::logs::ExportKind;
use pamong_domain::reintegration::catalogue::{ProgrammeChoices, ProgrammeView};
use pamong_domain::reintegration::checklist::NeedItem;
use pamong_domain::reintegration::programmes::{
    EnrolmentStatus, ProgrammeForm, ProgrammeKind, Stay, Suits, occupancy,
};
use pamong_domain::reporting::RiskBand;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{agreement, bapas, partner, programme, programme_enrolment, programme_session};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::exports;
use crate::ids::{BapasId, KanwilId, PartnerId};
use crate::policy::{self, ProgrammeAt};
use crate::search::office_condition;

/// Most programmes a catalogue page lists (an office runs a handful; the admin's country-wide
/// list is searched by office from the office pages).
const LIST_MAX: u64 = 300;

/// Codes stored between commas.
fn joined<'a>(codes: impl Iterator<Item = &'a str>) -> String {
    codes.collect::<Vec<_>>().join(",")
}

fn split<T>(raw: &str, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    raw.split(',').filter_map(|c| parse(c.trim())).collect()
}

/// Whom a stored programme suits.
pub(crate) fn suits_of(row: &programme::Model) -> Suits {
    Suits {
        bands: split(&row.bands, RiskBand::parse),
        bases: split(&row.bases, LegalBasis::parse),
        sex: row.sex.clone(),
        min_age: row.min_age.and_then(|a| u8::try_from(a).ok()),
        max_age: row.max_age.and_then(|a| u8::try_from(a).ok()),
    }
}

/// The checklist items a stored programme serves.
pub(crate) fn needs_of(row: &programme::Model) -> Vec<NeedItem> {
    split(&row.needs, NeedItem::parse)
}

/// A stored programme's work units.
pub(crate) fn work_units_of(row: &programme::Model) -> Vec<String> {
    row.work_units.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// A stored programme's kind.
pub(crate) fn kind_of(row: &programme::Model) -> ProgrammeKind {
    ProgrammeKind::parse(&row.kind).unwrap_or(ProgrammeKind::Kepribadian)
}

/// The stay an enrolment takes in a transit house: until it ended, or the planned check-out.
pub(crate) fn stay_of(e: &programme_enrolment::Model) -> Stay {
    Stay { check_in: e.enrolled_on, check_out: e.ended_on.or(e.check_out) }
}

/// Where programmes sit, for the policy, by programme id.
pub(crate) async fn places<C: ConnectionTrait>(
    db: &C,
    rows: &[programme::Model],
) -> ServiceResult<HashMap<i32, ProgrammeAt>> {
    let kanwils = crate::clients::kanwils_of(db, rows.iter().map(|r| r.bapas_id)).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let at = ProgrammeAt {
                bapas_id: BapasId(r.bapas_id),
                kanwil_id: kanwils.get(&r.bapas_id).copied().unwrap_or(KanwilId(0)),
                partner_id: r.partner_id.map(PartnerId),
            };
            (r.id, at)
        })
        .collect())
}

/// A programme the actor may read, with where it sits.
pub(crate) async fn find_readable<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> ServiceResult<(programme::Model, ProgrammeAt)> {
    let row = programme::Entity::find()
        .filter(programme::Column::PublicId.eq(id))
        .one(db)
        .await?
        .ok_or_else(ServiceError::not_found)?;
    let at =
        places(db, std::slice::from_ref(&row)).await?.remove(&row.id).ok_or_else(ServiceError::not_found)?;
    if policy::can_read_programme(actor, at) { Ok((row, at)) } else { Err(ServiceError::not_found()) }
}

/// Places taken on `today` of each programme: active participants, or beds occupied that
/// night for a transit house.
pub(crate) async fn taken<C: ConnectionTrait>(
    db: &C,
    rows: &[programme::Model],
    today: Date,
) -> ServiceResult<HashMap<i32, u32>> {
    let enrolments = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::ProgrammeId.is_in(rows.iter().map(|r| r.id)))
        .filter(programme_enrolment::Column::Status.eq(EnrolmentStatus::Aktif.as_str()))
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let own = enrolments.iter().filter(|e| e.programme_id == r.id);
            let n = if kind_of(r).has_beds() {
                occupancy(&own.map(stay_of).collect::<Vec<_>>(), today)
            } else {
                u32::try_from(own.count()).unwrap_or(u32::MAX)
            };
            (r.id, n)
        })
        .collect())
}

/// Programmes as the actor sees them on `today`.
pub(crate) async fn views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<programme::Model>,
    today: Date,
) -> ServiceResult<Vec<ProgrammeView>> {
    let partners = crate::partners::names(db, rows.iter().filter_map(|r| r.partner_id).collect()).await?;
    let agreements: HashMap<i32, agreement::Model> = agreement::Entity::find()
        .filter(agreement::Column::Id.is_in(rows.iter().filter_map(|r| r.agreement_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let offices: HashMap<i32, bapas::Model> =
        crate::offices::bapas_by_id(db, rows.iter().map(|r| r.bapas_id)).await?;
    let taken = taken(db, &rows, today).await?;
    let upcoming: Vec<(i32, Date)> = programme_session::Entity::find()
        .select_only()
        .column(programme_session::Column::ProgrammeId)
        .column(programme_session::Column::HeldOn)
        .filter(programme_session::Column::ProgrammeId.is_in(rows.iter().map(|r| r.id)))
        .filter(programme_session::Column::HeldOn.gte(today))
        .order_by_asc(programme_session::Column::HeldOn)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let agreement = r.agreement_id.and_then(|a| agreements.get(&a));
            let in_force = agreement.is_some_and(|a| {
                a.start_on <= today
                    && matches!(
                        status_on(a.signed_on, a.end_on, a.terminated_on, today),
                        AgreementStatus::Active | AgreementStatus::Expiring
                    )
            });
            let office = offices.get(&r.bapas_id);
            ProgrammeView {
                id: r.public_id,
                kind: kind_of(&r),
                bapas: PersonRef {
                    id: office.map(|b| b.public_id).unwrap_or_default(),
                    name: office.map(|b| b.name.clone()).unwrap_or_default(),
                },
                partner: r
                    .partner_id
                    .and_then(|p| partners.get(&p))
                    .map(|(id, name)| PersonRef { id: *id, name: name.clone() }),
                agreement: agreement
                    .map(|a| PersonRef { id: a.public_id, name: format!("{} — {}", a.number, a.title) }),
                agreement_in_force: in_force || r.partner_id.is_none(),
                suits: suits_of(&r),
                needs: needs_of(&r),
                work_units: work_units_of(&r),
                taken: taken.get(&r.id).copied().unwrap_or(0),
                next_session: upcoming.iter().find(|(p, _)| *p == r.id).map(|(_, d)| *d),
                can_edit: policy::can_manage_programmes(actor, BapasId(r.bapas_id)),
                capacity: u16::try_from(r.capacity).unwrap_or(0),
                name: r.name,
                place: r.place,
                schedule: r.schedule,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                active: r.active,
            }
        })
        .collect())
}

/// The programmes the actor may read: the offices' catalogues in their scope, or those their
/// institution runs; active first, by name.
pub async fn list(db: &DatabaseConnection, actor: &Actor, today: Date) -> ServiceResult<Vec<ProgrammeView>> {
    let mut scope = Condition::any()
        .add(office_condition(db, policy::programme_scope(actor), programme::Column::BapasId).await?);
    if let Some(partner) = policy::programme_partner(actor) {
        scope = scope.add(programme::Column::PartnerId.eq(partner.get()));
    }
    let rows: Vec<programme::Model> = programme::Entity::find()
        .filter(scope)
        .order_by_desc(programme::Column::Active)
        .order_by_asc(programme::Column::Name)
        .limit(LIST_MAX)
        .all(db)
        .await?;
    // The partner condition above only narrows the query; the policy has the last word
    // (a partner's user moved to another office reads nothing of the old one).
    let places = places(db, &rows).await?;
    let rows = rows
        .into_iter()
        .filter(|r| places.get(&r.id).is_some_and(|at| policy::can_read_programme(actor, *at)))
        .collect();
    views(db, actor, rows, today).await
}

/// The catalogue as [`list`] reads it, for a download in `format`; written to the export log.
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    format: ExportFormat,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Vec<ProgrammeView>> {
    exports::logged_list(db, actor, ExportKind::ProgrammeList, list(db, actor, today).await?, format, now)
        .await
}

/// What the programme editor offers the actor: the active partners of the offices whose
/// catalogue they keep, with their agreements not terminated.
pub async fn choices(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<ProgrammeChoices> {
    if !policy::keeps_partners(actor) {
        return Err(ServiceError::not_found());
    }
    let (partners, agreements) =
        crate::partners::with_agreements(db, actor, policy::can_manage_programmes).await?;
    let partners = partners.into_iter().map(|p| PersonRef { id: p.public_id, name: p.name }).collect();
    Ok(ProgrammeChoices { partners, agreements })
}

/// The form as the programme stands, for editing.
pub async fn form_of(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> ServiceResult<ProgrammeForm> {
    let (row, at) = find_readable(db, actor, id).await?;
    if !policy::can_manage_programmes(actor, at.bapas_id) {
        return Err(ServiceError::not_found());
    }
    let partner = match row.partner_id {
        Some(p) => crate::partners::names(db, vec![p]).await?.remove(&p).map(|(id, _)| id.to_string()),
        None => None,
    };
    let agreement = match row.agreement_id {
        Some(a) => agreement::Entity::find_by_id(a).one(db).await?.map(|a| a.public_id.to_string()),
        None => None,
    };
    let number = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
    let suits = suits_of(&row);
    Ok(ProgrammeForm {
        partner_id: partner.unwrap_or_default(),
        agreement_id: agreement.unwrap_or_default(),
        kind: row.kind.clone(),
        place: row.place.clone(),
        schedule: row.schedule.clone().unwrap_or_default(),
        starts_on: row.starts_on.to_string(),
        ends_on: row.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        capacity: row.capacity.to_string(),
        bands: suits.bands.iter().map(|b| b.as_str().to_owned()).collect(),
        bases: suits.bases.iter().map(|b| b.as_str().to_owned()).collect(),
        sex: row.sex.clone().unwrap_or_default(),
        min_age: number(row.min_age),
        max_age: number(row.max_age),
        needs: needs_of(&row).iter().map(|n| n.as_str().to_owned()).collect(),
        work_units: row.work_units.clone(),
        name: row.name,
    })
}

/// Adds a programme to the actor's office (`id` none) or changes one they keep: run by the
/// office alone or with one of its partners, under one of that partner's agreements. The
/// office is the partner's, or for the office alone the actor's own.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Option<Uuid>,
    form: &ProgrammeForm,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let existing = match id {
        Some(id) => {
            let (row, at) = find_readable(&txn, actor, id).await?;
            if !policy::can_manage_programmes(actor, at.bapas_id) {
                return Err(ServiceError::not_found());
            }
            Some(row)
        }
        None => None,
    };
    let partner = match draft.partner_id {
        Some(p) => Some(
            partner::Entity::find()
                .filter(partner::Column::PublicId.eq(p))
                .filter(partner::Column::Active.eq(true))
                .one(&txn)
                .await?
                .filter(|p| policy::can_manage_programmes(actor, BapasId(p.bapas_id)))
                .ok_or_else(|| ErrorKind::field("partner_id", Problem::UnknownReference))?,
        ),
        None => None,
    };
    let bapas_id = match (&partner, &existing, actor.bapas_id) {
        (Some(p), _, _) => p.bapas_id,
        (None, Some(row), _) => row.bapas_id,
        (None, None, Some(own)) if policy::can_manage_programmes(actor, own) => own.get(),
        // The admin names the office through a partner: a programme of no office is nobody's.
        (None, None, _) => return Err(ErrorKind::field("partner_id", Problem::Required).into()),
    };
    if existing.as_ref().is_some_and(|row| row.bapas_id != bapas_id) {
        // A programme stays with its office; a partner of another office cannot take it over.
        return Err(ErrorKind::field("partner_id", Problem::NotAllowed).into());
    }
    let agreement_id = match (draft.agreement_id, &partner) {
        (Some(a), Some(p)) => Some(
            agreement::Entity::find()
                .filter(agreement::Column::PublicId.eq(a))
                .filter(agreement::Column::PartnerId.eq(p.id))
                .one(&txn)
                .await?
                .ok_or_else(|| ErrorKind::field("agreement_id", Problem::UnknownReference))?
                .id,
        ),
        _ => None,
    };
    let mut model = match &existing {
        Some(row) => programme::ActiveModel::from(row.clone()),
        None => programme::ActiveModel {
            public_id: Set(Uuid::now_v7()),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        },
    };
    model.bapas_id = Set(bapas_id);
    model.partner_id = Set(partner.as_ref().map(|p| p.id));
    model.agreement_id = Set(agreement_id);
    model.name = Set(draft.name.clone());
    model.kind = Set(draft.kind.as_str().to_owned());
    model.place = Set(draft.place.clone());
    model.schedule = Set(draft.schedule.clone());
    model.starts_on = Set(draft.starts_on);
    model.ends_on = Set(draft.ends_on);
    model.capacity = Set(i32::from(draft.capacity));
    model.bands = Set(joined(draft.suits.bands.iter().map(|b| b.as_str())));
    model.bases = Set(joined(draft.suits.bases.iter().map(|b| b.as_str())));
    model.sex = Set(draft.suits.sex.clone());
    model.min_age = Set(draft.suits.min_age.map(i32::from));
    model.max_age = Set(draft.suits.max_age.map(i32::from));
    model.needs = Set(joined(draft.needs.iter().map(|n| n.as_str())));
    model.work_units = Set(draft.work_units.join("\n"));
    model.updated_at = Set(now);
    let saved = match existing {
        Some(_) => model.update(&txn).await?,
        None => model.insert(&txn).await?,
    };
    let changes = Changes::new()
        .set("name", &saved.name)
        .set("kind", &saved.kind)
        .set("partner", &partner.map(|p| p.public_id))
        .set("capacity", &saved.capacity)
        .set("needs", &saved.needs);
    let action = if id.is_some() { "update" } else { "create" };
    audit::record(&txn, actor, now, action, "programme", &saved.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(saved.public_id)
}
