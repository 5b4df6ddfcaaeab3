//! The notifications worker: every minute it writes what has fallen due
//! ([`pamong_service::notifications::sweep`]) and sends the e-mails waiting
//! ([`pamong_service::notifications::deliver`]) through SMTP ([`smtp::SmtpMailer`]), when one
//! is configured. Several servers may run it on one database: rows are keyed so the sweep
//! writes nothing twice, and each e-mail is leased before it is sent.

pub mod smtp;

use std::sync::Arc;

use pamong_service::notifications::{self, Mailer};
use pamong_service::{Clock, DatabaseConnection};

/// How often the worker looks.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(60);
/// E-mails sent per round at most (the rest wait a minute).
pub const BATCH: u64 = 200;

/// Runs one round: the sweep, then the e-mails. Failures are logged; the next round tries
/// again.
pub async fn round(db: &DatabaseConnection, mailer: Option<&dyn Mailer>, clock: Clock) {
    match notifications::sweep(db, clock.now()).await {
        Ok(n) => tracing::debug!(notices = n, "notifications swept"),
        Err(e) => tracing::warn!(error = %e, "the notifications sweep failed"),
    }
    if let Some(mailer) = mailer {
        match notifications::deliver(db, mailer, clock.now(), BATCH).await {
            Ok(d) if d.sent + d.retrying + d.failed > 0 => {
                tracing::info!(sent = d.sent, retrying = d.retrying, failed = d.failed, "e-mails delivered");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "e-mail delivery failed"),
        }
    }
}

/// The worker's loop, until the task is aborted.
pub async fn run(db: DatabaseConnection, mailer: Option<Arc<dyn Mailer>>, clock: Clock) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        round(&db, mailer.as_deref(), clock).await;
    }
}
