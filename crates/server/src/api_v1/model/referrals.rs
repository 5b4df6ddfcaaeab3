//! Referrals, as the client's officers and the partner's own users see them.

use pamong_domain::referrals::ReferralView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Named, day, instant};

/// A referral of a client to a partner's service. The partner's users see a child's initials
/// instead of the name, and nothing of the case file.
#[derive(Debug, Serialize, ToSchema)]
pub struct Referral {
    /// Public id.
    pub id: Uuid,
    /// The client (a child's initials where the identity is masked).
    pub client: Named,
    /// The partner the client is referred to.
    pub partner: Named,
    /// The service's code in the partner catalogue.
    pub service: String,
    /// The service's name.
    pub service_label: String,
    /// Why the client is referred.
    pub reason: String,
    /// By when the partner should answer or act.
    #[schema(format = Date)]
    pub due_on: String,
    /// `dikirim` (sent), `diterima` (accepted), `ditolak` (declined) or `selesai` (done).
    pub status: String,
    /// Why the partner declined.
    pub decline_reason: Option<String>,
    /// The outcome the partner reported.
    pub outcome: Option<String>,
    /// The referring officer's name.
    pub referred_by: Option<String>,
    /// When it was sent.
    #[schema(format = DateTime)]
    pub sent_at: String,
    /// When its status last changed.
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// Whether the token's user may answer it now (`POST /api/v1/referrals/{id}/answer`).
    pub can_answer: bool,
}

impl From<ReferralView> for Referral {
    fn from(r: ReferralView) -> Self {
        Referral {
            id: r.id,
            client: r.client.into(),
            partner: r.partner.into(),
            service: r.service.code,
            service_label: r.service.label,
            reason: r.reason,
            due_on: day(r.due_on),
            status: r.status.as_str().to_owned(),
            decline_reason: r.decline_reason,
            outcome: r.outcome,
            referred_by: r.referred_by,
            sent_at: instant(r.sent_at),
            updated_at: instant(r.updated_at),
            can_answer: r.can_respond,
        }
    }
}

/// A partner's answer to a referral: accept it, decline it (saying why) or report it done
/// (saying what came of it).
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerInput {
    /// `diterima` (accept a sent referral), `ditolak` (decline a sent one) or `selesai` (an
    /// accepted one is done).
    #[schema(pattern = "^(diterima|ditolak|selesai)$")]
    pub status: String,
    /// Why it is declined, or its outcome; required for `ditolak` and `selesai`.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub text: String,
}
