//! Sending what waits in the outbox, channel by channel. Each row is leased before it is sent
//! — one conditional update, which only one worker wins — so two servers sharing a database
//! never send the same message; a failure is retried after a growing pause and given up
//! after [`MAX_ATTEMPTS`].

use pamong_domain::notifications::{Channel, DeliveryStatus, MAX_ATTEMPTS, backoff};
use pamong_entity::notification;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::{Duration, OffsetDateTime};

use crate::error::ServiceResult;

/// How long a worker holds a message it is sending: past it, another may try.
pub const LEASE: Duration = Duration::minutes(5);

/// A message to send on one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The e-mail address, or the WhatsApp number (`62…`).
    pub to: String,
    /// Subject line (e-mail).
    pub subject: String,
    /// Plain text (e-mail; for WhatsApp, what the template says, kept for the record).
    pub body: String,
    /// WhatsApp: the approved template's name and its parameters.
    pub template: Option<(String, Vec<String>)>,
}

/// What sends one channel's messages: SMTP and the WhatsApp Cloud API in the server, fakes
/// in the tests.
#[async_trait::async_trait]
pub trait Courier: Send + Sync {
    /// Sends one message; the error says why it did not go.
    async fn send(&self, message: &Outgoing) -> Result<(), String>;
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Sent.
    pub sent: usize,
    /// Failed, to be tried again later.
    pub retrying: usize,
    /// Failed for the last time.
    pub failed: usize,
}

/// Not leased, or its lease has run out.
fn free(now: OffsetDateTime) -> Condition {
    Condition::any()
        .add(notification::Column::LeaseUntil.is_null())
        .add(notification::Column::LeaseUntil.lt(now))
}

fn outgoing(row: &notification::Model) -> Option<Outgoing> {
    let template = match (&row.template, &row.params) {
        (Some(name), Some(params)) => Some((name.clone(), serde_json::from_str(params).ok()?)),
        _ => None,
    };
    Some(Outgoing {
        to: row.address.clone()?,
        subject: row.subject.clone(),
        body: row.body.clone(),
        template,
    })
}

/// Sends up to `batch` messages of `channel` due at `now` through `courier`.
pub async fn deliver(
    db: &DatabaseConnection,
    channel: Channel,
    courier: &dyn Courier,
    now: OffsetDateTime,
    batch: u64,
) -> ServiceResult<Delivered> {
    let pending = DeliveryStatus::Pending.as_str();
    let due = notification::Entity::find()
        .filter(notification::Column::Channel.eq(channel.as_str()))
        .filter(notification::Column::Status.eq(pending))
        .filter(notification::Column::NextAttemptAt.lte(now))
        .filter(free(now))
        .order_by_asc(notification::Column::NextAttemptAt)
        .order_by_asc(notification::Column::Id)
        .limit(batch)
        .all(db)
        .await?;
    let mut done = Delivered::default();
    for row in due {
        let leased = notification::Entity::update_many()
            .col_expr(notification::Column::LeaseUntil, Expr::value(now + LEASE))
            .filter(notification::Column::Id.eq(row.id))
            .filter(notification::Column::Status.eq(pending))
            .filter(free(now))
            .exec(db)
            .await?
            .rows_affected
            == 1;
        if !leased {
            continue;
        }
        let update = notification::Entity::update_many()
            .col_expr(notification::Column::LeaseUntil, Expr::value(Option::<OffsetDateTime>::None))
            .filter(notification::Column::Id.eq(row.id));
        let sent = match outgoing(&row) {
            Some(message) => courier.send(&message).await,
            None => Err("no address".to_owned()),
        };
        match sent {
            Ok(()) => {
                update
                    .col_expr(notification::Column::Status, Expr::value(DeliveryStatus::Sent.as_str()))
                    .col_expr(notification::Column::SentAt, Expr::value(now))
                    .exec(db)
                    .await?;
                done.sent += 1;
            }
            Err(why) => {
                let attempts = row.attempts + 1;
                let (status, next) = match backoff(attempts).filter(|_| attempts < MAX_ATTEMPTS) {
                    Some(wait) => (DeliveryStatus::Pending, now + wait),
                    None => (DeliveryStatus::Failed, now),
                };
                tracing::warn!(notification = %row.public_id, channel = channel.as_str(), attempts, error = %why, "a message was not sent");
                update
                    .col_expr(notification::Column::Status, Expr::value(status.as_str()))
                    .col_expr(notification::Column::Attempts, Expr::value(attempts))
                    .col_expr(notification::Column::NextAttemptAt, Expr::value(next))
                    .col_expr(
                        notification::Column::LastError,
                        Expr::value(why.chars().take(500).collect::<String>()),
                    )
                    .exec(db)
                    .await?;
                if status == DeliveryStatus::Failed {
                    done.failed += 1;
                } else {
                    done.retrying += 1;
                }
            }
        }
    }
    Ok(done)
}

/// What waits on one channel: messages due and not sent, and how long the oldest has
/// waited — the worker's lag, which `/metrics` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlog {
    /// The channel.
    pub channel: Channel,
    /// Messages due at `now` and still pending.
    pub due: u64,
    /// Seconds since the oldest of them fell due (0 when none waits).
    pub lag_seconds: i64,
}

/// The backlog of each channel the worker sends (e-mail and WhatsApp) at `now`.
pub async fn backlog(db: &DatabaseConnection, now: OffsetDateTime) -> ServiceResult<Vec<Backlog>> {
    let mut out = Vec::with_capacity(2);
    for channel in [Channel::Email, Channel::WhatsApp] {
        let (due, oldest): (i64, Option<OffsetDateTime>) = notification::Entity::find()
            .select_only()
            .column_as(notification::Column::Id.count(), "due")
            .column_as(notification::Column::NextAttemptAt.min(), "oldest")
            .filter(notification::Column::Channel.eq(channel.as_str()))
            .filter(notification::Column::Status.eq(DeliveryStatus::Pending.as_str()))
            .filter(notification::Column::NextAttemptAt.lte(now))
            .into_tuple()
            .one(db)
            .await?
            .unwrap_or((0, None));
        let lag_seconds = oldest.map_or(0, |at| (now - at).whole_seconds().max(0));
        out.push(Backlog { channel, due: due.unsigned_abs(), lag_seconds });
    }
    Ok(out)
}
