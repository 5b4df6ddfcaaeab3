//! The notifications worker: every ten minutes it writes what has fallen due
//! ([`pamong_service::notifications::sweep`], which reads every officer's caseload), and
//! every minute it sends what waits ([`pamong_service::notifications::deliver`]): e-mail through SMTP ([`smtp::SmtpMailer`])
//! and clients' reminders through the WhatsApp Business Cloud API ([`whatsapp::CloudApi`]),
//! each when configured. Several servers may run it on one database: rows are keyed so the
//! sweep writes nothing twice, and each message is leased before it is sent.

pub mod smtp;
pub mod whatsapp;

use std::sync::Arc;

use pamong_domain::notifications::Channel;
use pamong_service::notifications::{self, Courier};
use pamong_service::{Clock, DatabaseConnection};

/// How often the worker sends.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(60);
/// The sweep runs every this many rounds (ten minutes): nothing it writes is more urgent
/// than that, and it reads every caseload.
pub const SWEEP_EVERY: u32 = 10;
/// Messages sent per channel and round at most (the rest wait a minute).
pub const BATCH: u64 = 200;

/// What sends each channel: none configured leaves the messages waiting.
#[derive(Clone, Default)]
pub struct Couriers {
    /// E-mail.
    pub email: Option<Arc<dyn Courier>>,
    /// WhatsApp.
    pub whatsapp: Option<Arc<dyn Courier>>,
}

/// Runs one round: the sweep (when `sweep`), then each configured channel. Failures are
/// logged; the next round tries again.
pub async fn round(db: &DatabaseConnection, couriers: &Couriers, clock: Clock, sweep: bool) {
    if sweep {
        match notifications::sweep(db, clock.now()).await {
            Ok(n) => tracing::debug!(notices = n, "notifications swept"),
            Err(e) => tracing::warn!(error = %e, "the notifications sweep failed"),
        }
    }
    let channels = [(Channel::Email, &couriers.email), (Channel::WhatsApp, &couriers.whatsapp)];
    for (channel, courier) in channels {
        let Some(courier) = courier else { continue };
        match notifications::deliver(db, channel, courier.as_ref(), clock.now(), BATCH).await {
            Ok(d) if d.sent + d.retrying + d.failed > 0 => tracing::info!(
                channel = channel.as_str(),
                sent = d.sent,
                retrying = d.retrying,
                failed = d.failed,
                "notifications delivered"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(channel = channel.as_str(), error = %e, "delivery failed"),
        }
    }
}

/// The worker's loop, until the task is aborted.
pub async fn run(db: DatabaseConnection, couriers: Couriers, clock: Clock) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The first round, at start, sweeps.
    for n in 0u32.. {
        tick.tick().await;
        round(&db, &couriers, clock, n % SWEEP_EVERY == 0).await;
        crate::metrics::job_ran("notifications");
    }
}
