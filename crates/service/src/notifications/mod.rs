//! Notifications: the app's bell, e-mail, and WhatsApp reminders to clients. What makes a
//! notification due writes it — in its own transaction, as a partner's answer to a referral
//! does ([`notify`]), or in the periodic [`sweep`] for what falls due with the passing of
//! time (a missed report, a child's clock, a PKS ending, a client's report tomorrow) — and
//! the [`deliver`] step sends what waits on a channel through its [`Courier`], leasing each
//! row so that two servers do not both send it, and retrying a failure with
//! [`backoff`](pamong_domain::notifications::backoff).
//!
//! A notification is keyed by what it is about and its recipient (`dedup_key`, unique with
//! the channel), so a sweep that runs again, or on two servers, writes nothing twice.

mod deliver;
mod sweep;

pub use deliver::{Backlog, Courier, Delivered, Outgoing, backlog, deliver};
pub use sweep::sweep;

use pamong_domain::notifications::{
    About, Channel, DeliveryStatus, Notice, NotificationKind, NotificationView, whatsapp_number,
};
use pamong_domain::page::{ListQuery, Page};
use pamong_entity::{client, notification, user};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::search::{fetch_page, page};

/// Writes `notice` for the user `user_id`: to their bell, and by e-mail when they have an
/// address. Nothing for a deactivated user; nothing again for a notice already written.
pub(crate) async fn notify<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    notice: &Notice,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let Some(recipient) = user::Entity::find_by_id(user_id).one(db).await? else { return Ok(()) };
    if !recipient.active {
        return Ok(());
    }
    let email = recipient.email.as_deref().map(str::trim).filter(|e| !e.is_empty());
    let mut rows = vec![row(notice, Recipient::User(recipient.id), Channel::App, None, now)];
    if let Some(address) = email {
        rows.push(row(notice, Recipient::User(recipient.id), Channel::Email, Some(address.to_owned()), now));
    }
    insert(db, rows).await
}

/// Writes `notice` for the client `c` by WhatsApp — only when they consented and their phone
/// is a mobile number.
pub(crate) async fn notify_client<C: ConnectionTrait>(
    db: &C,
    c: &client::Model,
    notice: &Notice,
    now: OffsetDateTime,
) -> ServiceResult<bool> {
    let number = c.phone.as_deref().and_then(whatsapp_number);
    let Some(number) = number.filter(|_| c.whatsapp_consent_at.is_some()) else { return Ok(false) };
    insert(db, vec![row(notice, Recipient::Client(c.id), Channel::WhatsApp, Some(number), now)]).await?;
    Ok(true)
}

/// Who a row is for.
#[derive(Clone, Copy)]
enum Recipient {
    User(i32),
    Client(i32),
}

async fn insert<C: ConnectionTrait>(db: &C, rows: Vec<notification::ActiveModel>) -> ServiceResult<()> {
    for r in rows {
        notification::Entity::insert(r)
            .on_conflict(
                OnConflict::columns([notification::Column::DedupKey, notification::Column::Channel])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

fn row(
    notice: &Notice,
    to: Recipient,
    channel: Channel,
    address: Option<String>,
    now: OffsetDateTime,
) -> notification::ActiveModel {
    // The bell has it at once; an e-mail waits for the worker.
    let delivered = channel == Channel::App;
    let status = if delivered { DeliveryStatus::Sent } else { DeliveryStatus::Pending };
    let (user_id, client_id, whom) = match to {
        Recipient::User(id) => (Some(id), None, format!("u{id}")),
        Recipient::Client(id) => (None, Some(id), format!("k{id}")),
    };
    let (template, params) = match &notice.template {
        Some((name, params)) => (Some((*name).to_owned()), serde_json::to_string(params).ok()),
        None => (None, None),
    };
    notification::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        kind: Set(notice.kind.as_str().to_owned()),
        dedup_key: Set(format!("{}@{whom}", notice.key)),
        channel: Set(channel.as_str().to_owned()),
        user_id: Set(user_id),
        client_id: Set(client_id),
        address: Set(address),
        subject: Set(notice.subject.chars().take(200).collect()),
        body: Set(notice.body.clone()),
        about: Set(notice.about.as_text()),
        template: Set(template),
        params: Set(params),
        status: Set(status.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        lease_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(delivered.then_some(now)),
        read_at: Set(None),
        ..Default::default()
    }
}

fn view(row: notification::Model) -> NotificationView {
    NotificationView {
        id: row.public_id,
        kind: NotificationKind::parse(&row.kind).unwrap_or(NotificationKind::MissedReport),
        subject: row.subject,
        body: row.body,
        about: About::parse(&row.about),
        created_at: row.created_at,
        read: row.read_at.is_some(),
    }
}

/// The actor's bell, newest first, a page at a time.
pub async fn inbox(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &ListQuery,
) -> ServiceResult<Page<NotificationView>> {
    let Some(me) = actor.user_key() else { return Ok(Page::of(Vec::new(), query)) };
    let mine = notification::Entity::find()
        .filter(notification::Column::UserId.eq(me))
        .filter(notification::Column::Channel.eq(Channel::App.as_str()))
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id);
    let (rows, total) = fetch_page(db, mine, query).await?;
    Ok(page(rows.into_iter().map(view).collect(), total, query))
}

/// How many of the actor's notifications are unread (the number on the bell).
pub async fn unread(db: &DatabaseConnection, actor: &Actor) -> ServiceResult<u64> {
    let Some(me) = actor.user_key() else { return Ok(0) };
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(me))
        .filter(notification::Column::Channel.eq(Channel::App.as_str()))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks one of the actor's notifications read, or all of them (`None`).
pub async fn mark_read(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Option<Uuid>,
    now: OffsetDateTime,
) -> ServiceResult<u64> {
    let me = actor.user_key().ok_or_else(ServiceError::not_found)?;
    let txn = begin_write(db).await?;
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(now))
        .filter(notification::Column::UserId.eq(me))
        .filter(notification::Column::Channel.eq(Channel::App.as_str()))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(id) = id {
        update = update.filter(notification::Column::PublicId.eq(id));
    }
    let marked = update.exec(&txn).await?.rows_affected;
    let what = id.map_or_else(|| "semua".to_owned(), |id| id.to_string());
    audit::record(&txn, actor, now, "read", "notification", &what, &Changes::new().set("count", &marked))
        .await?;
    txn.commit().await?;
    Ok(marked)
}
