//! Referrals of a client to a partner's service, as a closed loop: the PK sends it (with the
//! client's consent), the partner's own user accepts or declines it (with a reason) and
//! reports the outcome; the PK sees each change.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::caseload::PersonRef;
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::partners::Choice;
use crate::validate::required_text;

text_enum! {
    /// Where a referral stands.
    ReferralStatus {
        /// Sent, waiting for the partner.
        Dikirim => "dikirim",
        /// Accepted by the partner.
        Diterima => "diterima",
        /// Declined by the partner, with a reason.
        Ditolak => "ditolak",
        /// Service given; the outcome reported.
        Selesai => "selesai",
    }
}

impl ReferralStatus {
    /// Whether the loop allows moving from this status to `next`: a sent referral is
    /// accepted or declined, an accepted one completed; nothing else.
    pub fn can_become(self, next: ReferralStatus) -> bool {
        matches!(
            (self, next),
            (ReferralStatus::Dikirim, ReferralStatus::Diterima | ReferralStatus::Ditolak)
                | (ReferralStatus::Diterima, ReferralStatus::Selesai)
        )
    }
}

/// A referral as the PK types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct ReferralForm {
    /// The partner (public id).
    pub partner_id: String,
    /// The service (a code of the partner's services).
    pub service: String,
    /// Why.
    pub reason: String,
    /// The client agreed to the referral and to sharing what it needs.
    pub consent: bool,
    /// By when the partner should respond or act.
    pub due_on: String,
}

/// A checked referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralDraft {
    /// Partner.
    pub partner_id: Uuid,
    /// Service code.
    pub service: String,
    /// Reason.
    pub reason: String,
    /// Due.
    pub due_on: Date,
}

impl ReferralForm {
    /// Checks the referral: a partner, a service it offers, a reason, the client's consent
    /// and a due date not in the past.
    pub fn parse(&self, offered: &[Choice], today: Date) -> Result<ReferralDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let partner_id = crate::office::parse_id(&mut errors, "partner_id", &self.partner_id);
        let service = self.service.trim().to_owned();
        if service.is_empty() {
            errors.add("service", Problem::Required);
        } else if !offered.iter().any(|s| s.code == service) {
            errors.add("service", Problem::NotAllowed);
        }
        let reason = required_text(&mut errors, "reason", &self.reason, 1000);
        if !self.consent {
            errors.add("consent", Problem::Required);
        }
        let due_on = date_field(&mut errors, "due_on", &self.due_on, true);
        if due_on.is_some_and(|d| d < today) {
            errors.add("due_on", Problem::BeforeStart);
        }
        match (partner_id, due_on) {
            (Some(partner_id), Some(due_on)) if errors.is_empty() => {
                Ok(ReferralDraft { partner_id, service, reason, due_on })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// A referral as shown to the PK, or to the partner (who sees only the client's name, or a
/// child's initials, and what the referral says).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralView {
    /// Public id.
    pub id: Uuid,
    /// The client (name, or initials for a child).
    pub client: PersonRef,
    /// The partner.
    pub partner: PersonRef,
    /// The service.
    pub service: Choice,
    /// Why.
    pub reason: String,
    /// Due.
    pub due_on: Date,
    /// Status.
    pub status: ReferralStatus,
    /// The partner's reason for declining.
    pub decline_reason: Option<String>,
    /// The outcome reported.
    pub outcome: Option<String>,
    /// The referring PK.
    pub referred_by: Option<String>,
    /// When it was sent.
    pub sent_at: OffsetDateTime,
    /// When its status last changed.
    pub updated_at: OffsetDateTime,
    /// Whether the actor (the partner's user) may accept, decline or complete it.
    pub can_respond: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_loop_moves_one_way() {
        use ReferralStatus::*;
        assert!(Dikirim.can_become(Diterima) && Dikirim.can_become(Ditolak));
        assert!(Diterima.can_become(Selesai));
        assert!(!Dikirim.can_become(Selesai), "accept first");
        assert!(!Ditolak.can_become(Diterima) && !Selesai.can_become(Diterima));
    }

    #[test]
    fn consent_and_an_offered_service_are_required() {
        let offered = crate::partners::default_services();
        let form = ReferralForm {
            partner_id: Uuid::from_u128(1).to_string(),
            service: "bpjs".into(),
            reason: "Belum punya jaminan kesehatan".into(),
            consent: true,
            due_on: "2026-12-01".into(),
        };
        assert!(form.parse(&offered, date!(2026 - 11 - 24)).is_ok());
        let no = ReferralForm { consent: false, service: "kredit".into(), ..form.clone() };
        let errors = no
            .parse(&offered, date!(2026 - 11 - 24))
            .err()
            .and_then(|e| e.field_errors().cloned())
            .unwrap_or_default();
        assert_eq!(errors.get("consent"), Some(Problem::Required));
        assert_eq!(errors.get("service"), Some(Problem::NotAllowed));
        let late = form
            .parse(&offered, date!(2026 - 12 - 02))
            .err()
            .and_then(|e| e.field_errors().cloned())
            .unwrap_or_default();
        assert_eq!(late.get("due_on"), Some(Problem::BeforeStart));
    }
}
