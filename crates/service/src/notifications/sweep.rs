//! The sweep: what falls due with the passing of time, written as notifications. It reads
//! what each officer's Today list and deadlines board say, and what each Kabapas's home page
//! says of the agreements, through the same service fns and policy — so a notification
//! never tells anyone what their own pages would not — and writes one notification per
//! fact: a run of missed reports, kerja sosial sessions waiting for their sign-off, a child's
//! clock with under 24 hours left, a PKS ending with no renewal; and to each client who
//! consented, a WhatsApp reminder the day before their next report.

use pamong_domain::Role;
use pamong_domain::abh::clock::{ClockKind, ClockState};
use pamong_domain::caseload::TodayReason;
use pamong_domain::notifications::Notice;
use pamong_domain::reporting::status_over;
use pamong_entity::{bapas, user};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::{Date, Duration, OffsetDateTime};

use super::{notify, notify_client};
use crate::abh::{self, DeadlineScope};
use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::oversight::cases::Cases;
use crate::{auth, clients, partners, policy, today};

/// How far ahead a child's clock is announced.
pub const CLOCK_WARNING: Duration = Duration::hours(24);

/// The active users of `role`, each as an actor.
async fn actors_of(db: &DatabaseConnection, role: Role) -> ServiceResult<Vec<(i32, Actor)>> {
    let ids: Vec<i32> = user::Entity::find()
        .filter(user::Column::Role.eq(role.as_str()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(actor) = auth::actor_for(db, id).await? {
            out.push((id, actor));
        }
    }
    Ok(out)
}

/// A child's clock in words, as the notification names it.
fn clock_words(kind: ClockKind) -> String {
    match kind {
        ClockKind::Litmas => "Litmas 3×24 jam".to_owned(),
        ClockKind::DiversionStart(stage) => format!("Mulai diversi ({})", stage.as_str()),
        ClockKind::DiversionFinish(stage) => format!("Selesai diversi ({})", stage.as_str()),
        ClockKind::BreachAction => "Tindak lanjut pelanggaran diversi".to_owned(),
    }
}

/// Reminds the officer's clients who consented of a report due tomorrow (and not yet made in
/// its period), by WhatsApp.
async fn report_reminders(
    db: &DatabaseConnection,
    cases: &Cases,
    day: Date,
    now: OffsetDateTime,
) -> ServiceResult<usize> {
    let consenting = cases.rows.iter().filter(|r| r.whatsapp_consent_at.is_some() && cases.reports_due(r));
    let mut office: Option<String> = None;
    let mut reminded = 0;
    for row in consenting {
        let status = status_over(&cases.segments(row, day), &cases.reports(row, day), day);
        if status.next_due != day + Duration::days(1) || status.reported_this_period {
            continue;
        }
        if office.is_none() {
            office = bapas::Entity::find_by_id(row.bapas_id).one(db).await?.map(|b| b.name);
        }
        let notice =
            Notice::next_report(row.public_id, office.as_deref().unwrap_or("Bapas"), status.next_due);
        reminded += usize::from(notify_client(db, row, &notice, now).await?);
    }
    Ok(reminded)
}

/// Writes what is due at `now`; returns how many notices it considered (written or already
/// there).
pub async fn sweep(db: &DatabaseConnection, now: OffsetDateTime) -> ServiceResult<usize> {
    let mut notices = 0;
    for (user_id, actor) in actors_of(db, policy::CASELOAD_ROLE).await? {
        let Some(remit) = policy::remit(&actor) else { continue };
        let day = clients::today_for(db, &actor, now).await?;
        let cases = Cases::load_on(db, remit, day).await?;
        for item in today::of_cases(db, &actor, &cases, day).await? {
            let (id, register) = (item.client.id, item.client.register_number.as_str());
            for reason in &item.reasons {
                let notice = match *reason {
                    TodayReason::Overdue { since } => Notice::missed_report(id, register, since),
                    TodayReason::SignOffWaiting { since } => Notice::sign_off_waiting(id, register, since),
                    _ => continue,
                };
                notify(db, user_id, &notice, now).await?;
                notices += 1;
            }
        }
        notices += report_reminders(db, &cases, day, now).await?;
        for row in abh::deadlines(db, &actor, DeadlineScope::Mine, now).await? {
            let Some(due) = row.clock.due else { continue };
            if row.clock.state != ClockState::Running || due <= now || due - now > CLOCK_WARNING {
                continue;
            }
            let what = clock_words(row.clock.kind);
            let notice = Notice::sppa_clock(row.client_id, &row.register_number, &what, due, row.zone);
            notify(db, user_id, &notice, now).await?;
            notices += 1;
        }
    }
    for (user_id, actor) in actors_of(db, policy::OFFICE_HEAD_ROLE).await? {
        let day = clients::today_for(db, &actor, now).await?;
        for r in partners::agreements::reminders(db, &actor, day).await? {
            let a = &r.agreement;
            let notice = Notice::agreement_expiring(a.id, &a.number, &a.partner.name, a.end_on);
            notify(db, user_id, &notice, now).await?;
            notices += 1;
        }
    }
    Ok(notices)
}
