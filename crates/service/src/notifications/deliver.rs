//! Sending the e-mails that wait in the outbox. Each is leased before it is sent — one
//! conditional update, which only one worker wins — so two servers sharing a database never
//! send the same e-mail; a failure is retried after a growing pause and given up after
//! [`MAX_ATTEMPTS`].

use pamong_domain::notifications::{Channel, DeliveryStatus, MAX_ATTEMPTS, backoff};
use pamong_entity::notification;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::{Duration, OffsetDateTime};

use crate::error::ServiceResult;

/// How long a worker holds an e-mail it is sending: past it, another may try.
pub const LEASE: Duration = Duration::minutes(5);

/// An e-mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain text.
    pub body: String,
}

/// What sends e-mail: SMTP in the server, a fake in the tests.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    /// Sends one e-mail; the error says why it did not go.
    async fn send(&self, mail: &Mail) -> Result<(), String>;
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

/// Sends up to `batch` e-mails due at `now` through `mailer`.
pub async fn deliver(
    db: &DatabaseConnection,
    mailer: &dyn Mailer,
    now: OffsetDateTime,
    batch: u64,
) -> ServiceResult<Delivered> {
    let pending = DeliveryStatus::Pending.as_str();
    let due = notification::Entity::find()
        .filter(notification::Column::Channel.eq(Channel::Email.as_str()))
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
        let Some(to) = row.address.clone().filter(|_| leased) else { continue };
        let mail = Mail { to, subject: row.subject.clone(), body: row.body.clone() };
        let update = notification::Entity::update_many()
            .col_expr(notification::Column::LeaseUntil, Expr::value(Option::<OffsetDateTime>::None))
            .filter(notification::Column::Id.eq(row.id));
        match mailer.send(&mail).await {
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
                tracing::warn!(notification = %row.public_id, attempts, error = %why, "an e-mail was not sent");
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
                if status == DeliveryStatus::Failed { done.failed += 1 } else { done.retrying += 1 }
            }
        }
    }
    Ok(done)
}
