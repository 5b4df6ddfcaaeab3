//! The reintegration checklist: the client's PK (or the Kabapas) marks each item *needed*,
//! *in progress* or *met*; a referral to a partner's service, or an enrolment in a programme
//! that serves the item, moves it on by itself (sent or enrolled: in progress; completed:
//! met; declined or dropped out: needed again, unless another referral or programme still
//! works on it). Every change is a new row, so the history stays readable for the needs map.

use std::collections::{BTreeMap, HashMap};

use pamong_domain::needs::{NeedRatings, levels};
use pamong_domain::privacy::disclose;
use pamong_domain::referrals::ReferralStatus;
use pamong_domain::reintegration::checklist::{
    ChecklistForm, ChecklistItem, ClientNeeds, NeedChange, NeedItem, NeedState, next_state,
};
use pamong_domain::reintegration::programmes::EnrolmentStatus;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{client_assessment, client_need, programme, programme_enrolment, referral};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::{find_editable, find_readable};
use crate::db::begin_write;
use crate::error::ServiceResult;
use crate::policy;
use crate::reintegration::programmes::needs_of;

/// Each item's latest change for a client, in item order.
async fn latest<C: ConnectionTrait>(
    db: &C,
    client_id: i32,
) -> ServiceResult<BTreeMap<NeedItem, client_need::Model>> {
    let rows = client_need::Entity::find()
        .filter(client_need::Column::ClientId.eq(client_id))
        .order_by_asc(client_need::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|r| Some((NeedItem::parse(&r.item)?, r))).collect())
}

fn state_of(row: Option<&client_need::Model>) -> Option<NeedState> {
    row.and_then(|r| NeedState::parse(&r.state))
}

/// What moved an item, besides the PK's own mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A referral (by id).
    Referral(i32),
    /// A programme enrolment (by id).
    Enrolment(i32),
}

/// One change, appended.
struct Change<'a> {
    client_id: i32,
    item: NeedItem,
    state: NeedState,
    source: Option<Source>,
    note: Option<&'a str>,
}

async fn append<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    change: Change<'_>,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    client_need::ActiveModel {
        client_id: Set(change.client_id),
        item: Set(change.item.as_str().into()),
        state: Set(change.state.as_str().into()),
        referral_id: Set(match change.source {
            Some(Source::Referral(id)) => Some(id),
            _ => None,
        }),
        enrolment_id: Set(match change.source {
            Some(Source::Enrolment(id)) => Some(id),
            _ => None,
        }),
        note: Set(change.note.map(str::to_owned)),
        changed_by: Set(actor.user_key()),
        changed_on: Set(today),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The client's needs as the actor may see them: the checklist and the latest assessment's
/// criminogenic needs.
pub async fn of_client(db: &DatabaseConnection, actor: &Actor, client: Uuid) -> ServiceResult<ClientNeeds> {
    let c = find_readable(db, actor, client).await?;
    let latest = latest(db, c.row.id).await?;
    let partners = partner_names(db, latest.values().filter_map(|r| r.referral_id)).await?;
    let programmes = programme_names(db, latest.values().filter_map(|r| r.enrolment_id)).await?;
    let checklist = NeedItem::ALL
        .iter()
        .map(|&item| {
            let row = latest.get(&item);
            ChecklistItem {
                item,
                state: state_of(row),
                by: row.and_then(|r| {
                    let partner = r.referral_id.and_then(|id| partners.get(&id));
                    partner.or_else(|| r.enrolment_id.and_then(|id| programmes.get(&id))).cloned()
                }),
                since: row.map(|r| r.changed_on),
                note: row.and_then(|r| r.note.clone()),
            }
        })
        .collect();
    let assessment = client_assessment::Entity::find()
        .filter(client_assessment::Column::ClientId.eq(c.row.id))
        .order_by_desc(client_assessment::Column::AssessedOn)
        .order_by_desc(client_assessment::Column::Id)
        .one(db)
        .await?;
    // An assessment whose needs do not read (an older shape) shows none rather than failing
    // the client's page.
    let ratings: NeedRatings =
        assessment.as_ref().and_then(|a| serde_json::from_str(&a.needs).ok()).unwrap_or_default();
    let criminogenic = if assessment.is_some() { levels(&ratings) } else { Vec::new() };
    let needs = ClientNeeds {
        checklist,
        criminogenic,
        assessed_on: assessment.map(|a| a.assessed_on),
        can_edit: policy::can_edit_client(actor, c.at),
    };
    Ok(disclose(needs, policy::identity(actor, c.at)))
}

/// The partner of each referral, by referral id.
async fn partner_names<C: ConnectionTrait>(
    db: &C,
    referrals: impl Iterator<Item = i32>,
) -> ServiceResult<HashMap<i32, String>> {
    let rows = referral::Entity::find().filter(referral::Column::Id.is_in(referrals)).all(db).await?;
    let names = crate::partners::names(db, rows.iter().map(|r| r.partner_id).collect()).await?;
    Ok(rows.into_iter().filter_map(|r| Some((r.id, names.get(&r.partner_id)?.1.clone()))).collect())
}

/// The programme of each enrolment, by enrolment id.
async fn programme_names<C: ConnectionTrait>(
    db: &C,
    enrolments: impl Iterator<Item = i32>,
) -> ServiceResult<HashMap<i32, String>> {
    let rows = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::Id.is_in(enrolments))
        .all(db)
        .await?;
    let names: HashMap<i32, String> = programme::Entity::find()
        .filter(programme::Column::Id.is_in(rows.iter().map(|e| e.programme_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(rows.into_iter().filter_map(|e| Some((e.id, names.get(&e.programme_id)?.clone()))).collect())
}

/// The PK marks items: each one posted moves to its state (items left empty stay as they
/// are); one audit row lists what changed.
pub async fn mark(
    db: &DatabaseConnection,
    actor: &Actor,
    client: Uuid,
    form: &ChecklistForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let draft = form.parse()?;
    let txn = begin_write(db).await?;
    let c = find_editable(&txn, actor, client).await?;
    let latest = latest(&txn, c.row.id).await?;
    let mut changes = Changes::of_client(&c.row);
    for (item, state) in draft.marks {
        let current = state_of(latest.get(&item));
        if let Some(next) = next_state(current, NeedChange::Marked(state)) {
            let change =
                Change { client_id: c.row.id, item, state: next, source: None, note: draft.note.as_deref() };
            append(&txn, actor, change, today, now).await?;
            changes = changes.diff(item.as_str(), &current.map(NeedState::as_str), &Some(next.as_str()));
        }
    }
    if changes.is_empty() {
        // A note goes with the items it explains; written with none changed, it would be lost.
        return match draft.note {
            Some(_) => Err(ErrorKind::field("note", Problem::NothingChanged).into()),
            None => Ok(()),
        };
    }
    if let Some(note) = &draft.note {
        changes = changes.text("note", note);
    }
    audit::record(&txn, actor, now, "update", "client_needs", &client.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether a referral or an enrolment other than `except` still works on `item` for the
/// client: a referral sent or accepted, or an active enrolment in a programme serving it.
async fn others_open<C: ConnectionTrait>(
    db: &C,
    client_id: i32,
    item: NeedItem,
    except: Source,
) -> ServiceResult<bool> {
    let referrals = referral::Entity::find()
        .filter(referral::Column::ClientId.eq(client_id))
        .filter(
            referral::Column::Status
                .is_in([ReferralStatus::Dikirim.as_str(), ReferralStatus::Diterima.as_str()]),
        )
        .all(db)
        .await?;
    let by_referral = referrals
        .iter()
        .any(|r| except != Source::Referral(r.id) && NeedItem::served_by(&r.service) == Some(item));
    if by_referral {
        return Ok(true);
    }
    let enrolments = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::ClientId.eq(client_id))
        .filter(programme_enrolment::Column::Status.eq(EnrolmentStatus::Aktif.as_str()))
        .all(db)
        .await?;
    let programmes =
        programme::Entity::find()
            .filter(programme::Column::Id.is_in(
                enrolments.iter().filter(|e| except != Source::Enrolment(e.id)).map(|e| e.programme_id),
            ))
            .all(db)
            .await?;
    Ok(programmes.iter().any(|p| needs_of(p).contains(&item)))
}

/// Moves `item` of the client on as `source` moved: started, done, or ended (needed again
/// unless something else still works on it). Dated `today`, the client's office's day.
async fn follow<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    (client_id, item, source): (i32, NeedItem, Source),
    change: NeedChange,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let change = match change {
        NeedChange::ServiceEnded { .. } => {
            NeedChange::ServiceEnded { others_open: others_open(db, client_id, item, source).await? }
        }
        other => other,
    };
    let latest = latest(db, client_id).await?;
    if let Some(state) = next_state(state_of(latest.get(&item)), change) {
        let change = Change { client_id, item, state, source: Some(source), note: None };
        append(db, actor, change, today, now).await?;
    }
    Ok(())
}

/// Moves the item a referral serves as the referral moves (called by the referral service,
/// inside its transaction, whose audit row records the referral's change). The change is
/// dated by the client's office, whoever moved the referral.
pub(crate) async fn follow_referral<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &referral::Model,
    bapas_id: i32,
    status: ReferralStatus,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let Some(item) = NeedItem::served_by(&row.service) else { return Ok(()) };
    let today = crate::offices::today_at(db, bapas_id, now).await?;
    let change = match status {
        ReferralStatus::Dikirim | ReferralStatus::Diterima => NeedChange::ServiceStarted,
        ReferralStatus::Selesai => NeedChange::ServiceDone,
        ReferralStatus::Ditolak => NeedChange::ServiceEnded { others_open: false },
    };
    follow(db, actor, (row.client_id, item, Source::Referral(row.id)), change, today, now).await
}

/// Moves the items a programme serves as a client's enrolment in it moves (called by the
/// enrolment service, inside its transaction, whose audit row records the enrolment).
pub(crate) async fn follow_enrolment<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    enrolment: &programme_enrolment::Model,
    serves: &[NeedItem],
    status: EnrolmentStatus,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    for &item in serves {
        let source = Source::Enrolment(enrolment.id);
        let change = status.need_change(false);
        follow(db, actor, (enrolment.client_id, item, source), change, today, now).await?;
    }
    Ok(())
}

/// The current state of each item the client has one for.
pub(crate) async fn current<C: ConnectionTrait>(
    db: &C,
    client_id: i32,
) -> ServiceResult<BTreeMap<NeedItem, NeedState>> {
    Ok(latest(db, client_id)
        .await?
        .into_iter()
        .filter_map(|(item, row)| Some((item, state_of(Some(&row))?)))
        .collect())
}
