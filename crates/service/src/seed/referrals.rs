//! Demo referrals: `pk.jakbar` has referred three clients to Dinas Sosial — one accepted in
//! time, one past its due day with no answer (on the PK's Today and the dashboard), one
//! waiting in `mitra.jakbar`'s inbox.

use pamong_domain::client::ClientStatus;
use pamong_domain::legal::LegalBasis;
use pamong_domain::referrals::{ReferralForm, ReferralStatus};
use pamong_entity::client;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::{Duration, OffsetDateTime};

use super::groups::actor;
use super::partners::DemoPartner;
use crate::error::ServiceResult;
use crate::referrals;

/// A demo referral: days ago it was sent, days after that it was due, and days after
/// sending the partner accepted it (if they did).
struct Plan {
    service: &'static str,
    reason: &'static str,
    sent_days_ago: i64,
    due_after: i64,
    answered_after: Option<i64>,
}

const PLANS: [Plan; 3] = [
    Plan {
        service: "bpjs",
        reason: "Belum terdaftar BPJS Kesehatan; perlu PBI karena belum bekerja.",
        sent_days_ago: 12,
        due_after: 10,
        answered_after: Some(3),
    },
    Plan {
        service: "psikososial",
        reason: "Sering cemas sejak bebas; keluarga minta pendampingan.",
        sent_days_ago: 9,
        due_after: 7,
        answered_after: None,
    },
    Plan {
        service: "tempat_tinggal",
        reason: "Diusir dari kontrakan; sementara menumpang di rumah kerabat.",
        sent_days_ago: 1,
        due_after: 14,
        answered_after: None,
    },
];

/// Adds the demo referrals (when the demo's PK and partner user exist).
pub async fn generate(
    db: &DatabaseConnection,
    dinsos: &DemoPartner,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let today = super::demo_today(now);
    let (Some(pk), Some(mitra)) = (actor(db, "pk.jakbar").await?, actor(db, "mitra.jakbar").await?) else {
        return Ok(());
    };
    let clients = client::Entity::find()
        .filter(client::Column::PkId.eq(pk.user_key()))
        .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
        .filter(client::Column::LegalBasis.eq(LegalBasis::Pb.as_str()))
        .order_by_asc(client::Column::Id)
        .limit(PLANS.len() as u64)
        .all(db)
        .await?;
    for (plan, c) in PLANS.iter().zip(clients) {
        let sent = today - Duration::days(plan.sent_days_ago);
        let form = ReferralForm {
            partner_id: dinsos.id.to_string(),
            service: plan.service.into(),
            reason: plan.reason.into(),
            consent: true,
            due_on: (sent + Duration::days(plan.due_after)).to_string(),
        };
        let at = now - Duration::days(plan.sent_days_ago);
        let id = referrals::create(db, &pk, c.public_id, &form, sent, at).await?;
        if let Some(after) = plan.answered_after {
            referrals::respond(db, &mitra, id, ReferralStatus::Diterima, "", at + Duration::days(after))
                .await?;
        }
    }
    Ok(())
}
