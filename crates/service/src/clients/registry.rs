//! Registering and editing clients, the duplicate guards, and ending a supervision.

use pamong_domain::caseload::{ClientSummary, SimilarClients};
use pamong_domain::client::{ClientDraft, ClientForm, ClientStatus, names_similar};
use pamong_domain::legal::LegalBasis;
use pamong_domain::legal::PeriodRules;
use pamong_domain::nik::Nik;
use pamong_domain::region::RegionCode;
use pamong_domain::supervision::StatusForm;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{bapas, client, client_status_change, region, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, Set, Statement,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{Found, Listing, children_condition, find_editable, searchable_name, summaries};
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult, unique_to_field};
use crate::ids::BapasId;
use crate::policy;

/// The clients a new registration may duplicate (`exclude` is the client being edited).
pub async fn similar(
    db: &DatabaseConnection,
    actor: &Actor,
    full_name: &str,
    birth_date: Date,
    exclude: Option<Uuid>,
) -> ServiceResult<SimilarClients> {
    if !policy::can_register_client(actor) {
        return Err(ServiceError::not_found());
    }
    // A child counts only where the actor may name them: otherwise the warning would confirm
    // to anyone typing a name and a birth date that such a child has a case (SPPA art. 19).
    let same_day = client::Entity::find()
        .filter(client::Column::BirthDate.eq(birth_date))
        .filter(children_condition(actor, Listing::Search))
        .all(db)
        .await?;
    let matches: Vec<client::Model> = same_day
        .into_iter()
        .filter(|c| Some(c.public_id) != exclude && names_similar(&c.full_name, full_name))
        .collect();
    let mut out = SimilarClients::default();
    let mut visible = Vec::new();
    for row in matches {
        let found = super::find_readable(db, actor, row.public_id).await;
        match found {
            Ok(_) => visible.push(row),
            Err(_) => out.elsewhere += 1,
        }
    }
    out.visible = summaries(db, actor, visible).await?;
    Ok(out)
}

/// Whether the NIK's region part is in the region list, where that part of the list is
/// loaded: the kabupaten/kota when its province is loaded, the kecamatan when its
/// kabupaten/kota has any kecamatan loaded. A partial list (the demo's) checks what it has.
pub(crate) async fn nik_region_known<C: ConnectionTrait>(db: &C, nik: &Nik) -> ServiceResult<bool> {
    let digits = nik.as_str();
    let (pp, kk, cc) = (&digits[0..2], &digits[2..4], &digits[4..6]);
    let exists =
        |code: String| async move { region::Entity::find_by_id(code).one(db).await.map(|r| r.is_some()) };
    if !exists(pp.to_owned()).await? {
        return Ok(true);
    }
    let regency = format!("{pp}.{kk}");
    if !exists(regency.clone()).await? {
        return Ok(false);
    }
    let kecamatan_loaded =
        region::Entity::find().filter(region::Column::ParentCode.eq(regency.as_str())).count(db).await? > 0;
    Ok(!kecamatan_loaded || exists(format!("{regency}.{cc}")).await?)
}

/// Whether a village code is in the region list, where the list holds its province (a
/// partial list, the demo's, checks what it has).
pub(crate) async fn region_known<C: ConnectionTrait>(db: &C, code: &RegionCode) -> ServiceResult<bool> {
    let province = RegionCode::parse(&code.as_str()[..2]);
    let list_has_province = match province {
        Some(p) => region::Entity::find_by_id(p.as_str().to_owned()).one(db).await?.is_some(),
        None => false,
    };
    Ok(!list_has_province || region::Entity::find_by_id(code.as_str().to_owned()).one(db).await?.is_some())
}

/// Checks the references a draft makes (NIK free and its region known, village in the list,
/// the PK one the actor may assign) and returns the PK's internal id.
async fn check_references<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    draft: &ClientDraft,
    bapas_id: BapasId,
    current: Option<&client::Model>,
) -> ServiceResult<Option<i32>> {
    if let Some(nik) = &draft.nik {
        // One active supervision per NIK; someone whose supervision ended comes back as a
        // new client under the same NIK (the evaluation's re-entry).
        let active = ClientStatus::Aktif.as_str();
        let taken = current.is_none_or(|c| c.status == active)
            && client::Entity::find()
                .filter(client::Column::Nik.eq(nik.as_str()))
                .filter(client::Column::Status.eq(active))
                .all(db)
                .await?
                .iter()
                .any(|other| Some(other.id) != current.map(|c| c.id));
        if taken {
            return Err(ErrorKind::field("nik", Problem::Taken).into());
        }
        if !nik_region_known(db, nik).await? {
            return Err(ErrorKind::field("nik", Problem::UnknownRegion).into());
        }
    }
    if let Some(code) = &draft.region_code
        && !region_known(db, code).await?
    {
        return Err(ErrorKind::field("region_code", Problem::UnknownRegion).into());
    }
    let current_pk = current.and_then(|c| c.pk_id);
    let pk = match draft.pk_id {
        // An officer registers into their own caseload.
        None if current.is_none() => policy::registers_into(actor).map(i32::from),
        None => None,
        Some(id) => {
            let officer = user::Entity::find()
                .filter(user::Column::PublicId.eq(id))
                .filter(user::Column::BapasId.eq(bapas_id))
                .filter(user::Column::Role.eq(policy::CASELOAD_ROLE.as_str()))
                .filter(user::Column::Active.eq(true))
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::from(ErrorKind::field("pk_id", Problem::UnknownReference)))?;
            Some(officer.id)
        }
    };
    // Only the Kabapas gives a client to someone else; an officer keeps what they have.
    let changes_pk = match current {
        Some(_) => pk != current_pk,
        None => pk != policy::registers_into(actor).map(i32::from),
    };
    if changes_pk && !policy::can_assign_clients(actor) {
        return Err(ErrorKind::field("pk_id", Problem::NotAllowed).into());
    }
    Ok(pk)
}

fn int(v: Option<u32>) -> Option<i32> {
    v.and_then(|n| i32::try_from(n).ok())
}

/// Writes a draft's fields onto an active model.
pub(crate) fn apply(model: &mut client::ActiveModel, draft: &ClientDraft, pk: Option<i32>) {
    model.pk_id = Set(pk);
    model.nik = Set(draft.nik.as_ref().map(|n| n.as_str().to_owned()));
    model.full_name = Set(draft.full_name.clone());
    model.name_folded = Set(searchable_name(&draft.full_name, &draft.aliases));
    model.aliases = Set(if draft.aliases.is_empty() { None } else { Some(draft.aliases.join(", ")) });
    model.sex = Set(draft.sex.as_str().to_owned());
    model.birth_place = Set(draft.birth_place.clone());
    model.birth_date = Set(draft.birth_date);
    model.religion = Set(draft.religion.clone());
    model.education = Set(draft.education.clone());
    model.occupation = Set(draft.occupation.clone());
    model.address = Set(draft.address.clone());
    model.region_code = Set(draft.region_code.as_ref().map(|c| c.as_str().to_owned()));
    model.phone = Set(draft.phone.clone());
    model.guarantor_name = Set(draft.guarantor_name.clone());
    model.guarantor_relation = Set(draft.guarantor_relation.clone());
    model.guarantor_phone = Set(draft.guarantor_phone.clone());
    model.court = Set(draft.court.clone());
    model.decision_number = Set(draft.decision_number.clone());
    model.offence_articles = Set(draft.offence_articles.clone());
    model.legal_basis = Set(draft.legal_basis.as_str().to_owned());
    model.supervision_start = Set(draft.supervision_start);
    let p = &draft.period_input;
    model.remaining_months = Set(int(p.remaining.map(|t| t.months)));
    model.remaining_days = Set(int(p.remaining.map(|t| t.days)));
    model.remission_months = Set(int(p.last_remission.map(|t| t.months)));
    model.remission_days = Set(int(p.last_remission.map(|t| t.days)));
    model.term_months = Set(int(p.court_term.map(|t| t.months)));
    model.term_days = Set(int(p.court_term.map(|t| t.days)));
    model.computed_end = Set(draft.computed_end);
    model.supervision_end = Set(draft.supervision_end);
    model.end_override_reason = Set(draft.end_override_reason.clone());
}

/// What an audit row says about a client's fields: identifying fields by name only (the
/// audit log is read more widely than the case file), free text withheld for a child.
fn audit_changes(old: Option<&client::Model>, new: &client::Model) -> Changes {
    let mut c = Changes::of_client(new);
    macro_rules! field {
        ($kind:ident, $name:literal, $f:ident) => {
            c = match old {
                Some(o) => field!(@diff $kind, c, $name, &o.$f, &new.$f),
                None => field!(@set $kind, c, $name, &new.$f),
            };
        };
        (@diff plain, $c:ident, $name:literal, $o:expr, $n:expr) => { $c.diff($name, $o, $n) };
        (@diff text, $c:ident, $name:literal, $o:expr, $n:expr) => { $c.text_diff($name, $o, $n) };
        (@set plain, $c:ident, $name:literal, $n:expr) => { $c.set($name, $n) };
        (@set text, $c:ident, $name:literal, $n:expr) => { $c.text($name, $n) };
    }
    field!(text, "full_name", full_name);
    field!(plain, "legal_basis", legal_basis);
    field!(plain, "supervision_start", supervision_start);
    field!(plain, "supervision_end", supervision_end);
    field!(text, "end_override_reason", end_override_reason);
    field!(plain, "pk_id", pk_id);
    field!(text, "court", court);
    field!(text, "decision_number", decision_number);
    field!(text, "offence_articles", offence_articles);
    if old.is_some_and(|o| o.nik != new.nik) {
        c = c.redacted("nik");
    }
    if old.is_some_and(|o| {
        (&o.address, &o.region_code, &o.phone) != (&new.address, &new.region_code, &new.phone)
    }) {
        c = c.redacted("address_or_phone");
    }
    c
}

/// A new active client of `bapas_id` from a draft, not yet stored. Its register number is
/// its public id until the row's id gives it its own ([`register_number`]).
pub(crate) fn new_client(
    draft: &ClientDraft,
    bapas_id: BapasId,
    pk: Option<i32>,
    is_child: bool,
    now: OffsetDateTime,
) -> client::ActiveModel {
    let public_id = Uuid::now_v7();
    let mut model = client::ActiveModel {
        public_id: Set(public_id),
        register_number: Set(public_id.to_string()),
        bapas_id: Set(bapas_id.get()),
        status: Set(ClientStatus::Aktif.as_str().to_owned()),
        status_date: Set(Some(draft.supervision_start)),
        status_reason: Set(None),
        risk_band: Set(None),
        risk_score: Set(None),
        assessed_on: Set(None),
        is_child: Set(is_child),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut model, draft, pk);
    model
}

/// A client's register number: the office, the year supervision began and the row id. The
/// row id makes it unique without a counter table that concurrent registrations would fight
/// over.
pub(crate) fn register_number(office_code: &str, draft: &ClientDraft, id: i32) -> String {
    format!("{}-{}-{:06}", office_code, draft.supervision_start.year(), id)
}

/// Ids for `n` new clients, taken before they are inserted, so that an import writes each
/// row once with its register number. Inside a write transaction: on PostgreSQL from the
/// table's sequence, which no other writer can take the same values from; on SQLite, whose
/// write transaction holds the database's one write lock, after the highest id the table
/// has ever given (`AUTOINCREMENT` keeps it in `sqlite_sequence`, so a deleted client's id
/// is not given again).
pub(crate) async fn reserve_ids<C: ConnectionTrait>(txn: &C, n: usize) -> ServiceResult<Vec<i32>> {
    let count = i64::try_from(n).map_err(|_| ServiceError::Internal(format!("{n} ids")))?;
    let backend = txn.get_database_backend();
    let ids: Vec<i64> = match backend {
        DbBackend::Postgres => {
            let sql = "SELECT nextval(pg_get_serial_sequence('clients', 'id')) FROM generate_series(1, $1)";
            let rows =
                txn.query_all_raw(Statement::from_sql_and_values(backend, sql, [count.into()])).await?;
            rows.iter().map(|r| r.try_get_by_index::<i64>(0)).collect::<Result<_, _>>()?
        }
        _ => {
            let sql = "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'clients'), 0), \
                       COALESCE((SELECT MAX(id) FROM clients), 0))";
            let last: i64 = match txn.query_one_raw(Statement::from_string(backend, sql)).await? {
                Some(row) => row.try_get_by_index(0)?,
                None => 0,
            };
            (last + 1..=last + count).collect()
        }
    };
    ids.into_iter()
        .map(|id| {
            i32::try_from(id).map_err(|_| ServiceError::Internal(format!("client id {id} out of range")))
        })
        .collect()
}

/// The first status row of a new client: active from the start of supervision.
pub(crate) fn first_status(
    client_id: i32,
    start: Date,
    actor: &Actor,
    now: OffsetDateTime,
) -> client_status_change::ActiveModel {
    client_status_change::ActiveModel {
        client_id: Set(client_id),
        status: Set(ClientStatus::Aktif.as_str().to_owned()),
        changed_on: Set(start),
        reason: Set(None),
        officer_id: Set(actor.user_key()),
        created_at: Set(now),
        ..Default::default()
    }
}

/// Inserts a client registered in `bapas_id` with its register number and first status row,
/// inside the caller's transaction (the caller writes the audit row).
pub(crate) async fn insert<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    draft: &ClientDraft,
    bapas_id: BapasId,
    is_child: bool,
    now: OffsetDateTime,
) -> ServiceResult<client::Model> {
    let office = bapas::Entity::find_by_id(bapas_id).one(txn).await?.ok_or_else(ServiceError::not_found)?;
    let pk = check_references(txn, actor, draft, bapas_id, None).await?;
    let model = new_client(draft, bapas_id, pk, is_child, now);
    let row = model.insert(txn).await.map_err(|e| unique_to_field(e, "nik"))?;
    super::vocabulary::learn(txn, [row.name_folded.as_str()]).await?;
    let number = register_number(&office.code, draft, row.id);
    let mut numbered: client::ActiveModel = row.into();
    numbered.register_number = Set(number);
    let row = numbered.update(txn).await?;
    first_status(row.id, row.supervision_start, actor, now).insert(txn).await?;
    Ok(row)
}

/// Registers a client in the actor's office (an officer's own caseload unless the Kabapas
/// assigns someone).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    form: &ClientForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<ClientSummary> {
    let Some(bapas_id) = actor.bapas_id.filter(|_| policy::can_register_client(actor)) else {
        return Err(ServiceError::not_found());
    };
    let draft = form.parse(today, &PeriodRules::default())?;
    if draft.legal_basis == LegalBasis::PendampinganAnak {
        // A child's case has its own form, whose record protects the child's identity.
        return Err(ErrorKind::field("legal_basis", Problem::ChildOnAdultForm).into());
    }
    let txn = begin_write(db).await?;
    let row = insert(&txn, actor, &draft, bapas_id, false, now).await?;
    audit::record(
        &txn,
        actor,
        now,
        "create",
        "client",
        &row.public_id.to_string(),
        &audit_changes(None, &row),
    )
    .await?;
    txn.commit().await?;
    first_summary(db, actor, row).await
}

/// A saved client as the actor may see them.
async fn first_summary(
    db: &DatabaseConnection,
    actor: &Actor,
    row: client::Model,
) -> ServiceResult<ClientSummary> {
    summaries(db, actor, vec![row]).await?.pop().ok_or_else(ServiceError::not_found)
}

/// Edits a client's registry entry (the assigned PK or the Kabapas, while active).
///
/// `seen` is the [`version`](super::version_of) of the entry the form was filled from: when the
/// entry changed since (another officer's edit, a transfer, a new PK), the edit is refused with
/// `Conflict` rather than silently overwriting that change, and the page shows both and asks.
/// `None` skips the check (an edit made without a version, such as a test's).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &ClientForm,
    seen: Option<&str>,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<ClientSummary> {
    let draft = form.parse(today, &PeriodRules::default())?;
    let txn = begin_write(db).await?;
    let Found { row: old, .. } = find_editable(&txn, actor, id).await?;
    if old.status != ClientStatus::Aktif.as_str() {
        return Err(ServiceError::not_found());
    }
    if seen.is_some_and(|seen| seen != super::version_of(&old)) {
        return Err(ErrorKind::Conflict.into());
    }
    if old.is_child != (draft.legal_basis == LegalBasis::PendampinganAnak) {
        // A child's record stays a child's, and an adult's cannot become one by its basis.
        return Err(ErrorKind::field("legal_basis", Problem::NotAllowed).into());
    }
    let pk = check_references(&txn, actor, &draft, BapasId(old.bapas_id), Some(&old)).await?;
    let mut model: client::ActiveModel = old.clone().into();
    apply(&mut model, &draft, pk);
    model.updated_at = Set(now);
    let row = model.update(&txn).await.map_err(|e| unique_to_field(e, "nik"))?;
    if row.name_folded != old.name_folded {
        super::vocabulary::learn(&txn, [row.name_folded.as_str()]).await?;
    }
    let changes = audit_changes(Some(&old), &row);
    if !changes.is_empty() {
        audit::record(&txn, actor, now, "update", "client", &row.public_id.to_string(), &changes).await?;
    }
    txn.commit().await?;
    first_summary(db, actor, row).await
}

/// Ends a supervision (selesai, dicabut, meninggal) with its date and reason.
pub async fn change_status(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    form: &StatusForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let Found { row, .. } = find_editable(&txn, actor, id).await?;
    let current = ClientStatus::parse(&row.status).unwrap_or(ClientStatus::Aktif);
    let draft = form.parse(today, current)?;
    if draft.date < row.supervision_start {
        return Err(ErrorKind::field("date", Problem::BeforeStart).into());
    }
    set_status(&txn, actor, row, draft.status, draft.date, Some(draft.reason), now).await?;
    txn.commit().await?;
    Ok(())
}

/// Records a status change on the client and in its history, audited.
pub(crate) async fn set_status<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: client::Model,
    status: ClientStatus,
    date: Date,
    reason: Option<String>,
    now: OffsetDateTime,
) -> ServiceResult<client::Model> {
    let old_status = row.status.clone();
    let mut model: client::ActiveModel = row.into();
    model.status = Set(status.as_str().to_owned());
    model.status_date = Set(Some(date));
    model.status_reason = Set(reason.clone());
    model.updated_at = Set(now);
    let row = model.update(db).await?;
    client_status_change::ActiveModel {
        client_id: Set(row.id),
        status: Set(status.as_str().to_owned()),
        changed_on: Set(date),
        reason: Set(reason.clone()),
        officer_id: Set(actor.user_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let changes = Changes::of_client(&row).diff("status", &old_status, &row.status).text("reason", &reason);
    audit::record(db, actor, now, "status", "client", &row.public_id.to_string(), &changes).await?;
    Ok(row)
}
