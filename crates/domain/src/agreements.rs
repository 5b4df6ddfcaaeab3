//! Cooperation agreements (PKS, Perjanjian Kerja Sama) between a Bapas and a partner: their
//! status on a given day and the reminders before they expire.

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::partners::Choice;
use crate::validate::{optional_text, required_text};

/// Days left at which an agreement starts to count as expiring (and the first reminder
/// comes).
pub const EXPIRING_DAYS: i64 = 90;
/// Days before the end of the second, pressing reminder.
pub const URGENT_DAYS: i64 = 30;

/// Where an agreement stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgreementStatus {
    /// Not signed yet.
    Draft,
    /// Signed and in force.
    Active,
    /// In force, with [`EXPIRING_DAYS`] or fewer left.
    Expiring,
    /// Past its last day.
    Expired,
    /// Ended early by the parties.
    Terminated,
}

impl AgreementStatus {
    /// Stable text form.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "draf",
            AgreementStatus::Active => "aktif",
            AgreementStatus::Expiring => "segera_berakhir",
            AgreementStatus::Expired => "berakhir",
            AgreementStatus::Terminated => "diakhiri",
        }
    }
}

/// Days from `today` to the last day (0 on the last day, negative after it).
pub fn days_left(end: Date, today: Date) -> i64 {
    (end - today).whole_days()
}

/// The status of an agreement on `today`. The last day is still in force; an agreement
/// signed but not yet started counts as active (it is binding).
pub fn status_on(signed: Option<Date>, end: Date, terminated: Option<Date>, today: Date) -> AgreementStatus {
    if terminated.is_some_and(|t| t <= today) {
        AgreementStatus::Terminated
    } else if signed.is_none() {
        AgreementStatus::Draft
    } else if today > end {
        AgreementStatus::Expired
    } else if days_left(end, today) <= EXPIRING_DAYS {
        AgreementStatus::Expiring
    } else {
        AgreementStatus::Active
    }
}

/// Which reminder an agreement ending on `end` calls for on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Reminder {
    /// 30 days or fewer left.
    ThirtyDays,
    /// 90 days or fewer left.
    NinetyDays,
}

/// The reminder due on `today`, if any: within 90 days of the end, pressing within 30,
/// until (and on) the last day.
pub fn reminder(end: Date, today: Date) -> Option<Reminder> {
    match days_left(end, today) {
        d if d < 0 => None,
        d if d <= URGENT_DAYS => Some(Reminder::ThirtyDays),
        d if d <= EXPIRING_DAYS => Some(Reminder::NinetyDays),
        _ => None,
    }
}

/// The agreement form as typed. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct AgreementForm {
    /// The agreement's number.
    pub number: String,
    /// Title.
    pub title: String,
    /// Scope (ruang lingkup).
    pub scope: String,
    /// Further parties besides the Bapas and the partner.
    pub other_parties: String,
    /// Service codes it covers.
    pub services: Vec<String>,
    /// Signed on (empty while a draft).
    pub signed_on: String,
    /// First day in force.
    pub start_on: String,
    /// Last day in force.
    pub end_on: String,
}

/// A checked agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementDraft {
    /// Number.
    pub number: String,
    /// Title.
    pub title: String,
    /// Scope.
    pub scope: Option<String>,
    /// Other parties.
    pub other_parties: Option<String>,
    /// Services.
    pub services: Vec<String>,
    /// Signed on.
    pub signed_on: Option<Date>,
    /// Start.
    pub start_on: Date,
    /// End.
    pub end_on: Date,
}

impl AgreementForm {
    /// Checks the form: the end follows the start, the signature precedes the end.
    pub fn parse(&self, services: &[Choice]) -> Result<AgreementDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let number = required_text(&mut errors, "number", &self.number, 120);
        let title = required_text(&mut errors, "title", &self.title, 300);
        let scope = optional_text(&mut errors, "scope", &self.scope, 4000);
        let other_parties = optional_text(&mut errors, "other_parties", &self.other_parties, 500);
        let chosen = crate::partners::chosen_codes(&mut errors, "services", &self.services, services);
        let signed_on = date_field(&mut errors, "signed_on", &self.signed_on, false);
        let start_on = date_field(&mut errors, "start_on", &self.start_on, true);
        let end_on = date_field(&mut errors, "end_on", &self.end_on, true);
        if let (Some(start), Some(end)) = (start_on, end_on)
            && end < start
        {
            errors.add("end_on", Problem::BeforeStart);
        }
        if let (Some(signed), Some(end)) = (signed_on, end_on)
            && signed > end
        {
            errors.add("signed_on", Problem::BadFormat);
        }
        match (start_on, end_on) {
            (Some(start_on), Some(end_on)) if errors.is_empty() => Ok(AgreementDraft {
                number,
                title,
                scope,
                other_parties,
                services: chosen,
                signed_on,
                start_on,
                end_on,
            }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// An agreement as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementView {
    /// Public id.
    pub id: Uuid,
    /// The partner.
    pub partner: crate::caseload::PersonRef,
    /// The Bapas.
    pub bapas: crate::office::OfficeRef,
    /// Number.
    pub number: String,
    /// Title.
    pub title: String,
    /// Scope.
    pub scope: Option<String>,
    /// Other parties.
    pub other_parties: Option<String>,
    /// Services covered.
    pub services: Vec<Choice>,
    /// Signed on.
    pub signed_on: Option<Date>,
    /// Start.
    pub start_on: Date,
    /// End.
    pub end_on: Date,
    /// Ended early on, with the reason.
    pub terminated: Option<(Date, String)>,
    /// Status today.
    pub status: AgreementStatus,
    /// Days left today.
    pub days_left: i64,
    /// The agreement this one renewed, and the one that renewed it.
    pub previous: Option<Uuid>,
    /// The renewal, if renewed.
    pub renewed_by: Option<Uuid>,
    /// Whether the actor may change it.
    pub can_manage: bool,
}

/// Ending an agreement early.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct TerminationForm {
    /// The day it ends.
    pub date: String,
    /// Why.
    pub reason: String,
}

impl TerminationForm {
    /// Checks the termination (a date within the agreement and a reason).
    pub fn parse(&self, start: Date, end: Date) -> Result<(Date, String), ErrorKind> {
        let mut errors = FieldErrors::new();
        let date = date_field(&mut errors, "date", &self.date, true);
        if date.is_some_and(|d| d < start || d > end) {
            errors.add("date", Problem::BadFormat);
        }
        let reason = required_text(&mut errors, "reason", &self.reason, 500);
        match date {
            Some(date) if errors.is_empty() => Ok((date, reason)),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const END: Date = date!(2027 - 03 - 31);

    #[test]
    fn status_by_date_with_the_last_day_in_force() {
        let signed = Some(date!(2026 - 01 - 05));
        assert_eq!(status_on(None, END, None, date!(2026 - 02 - 01)), AgreementStatus::Draft);
        assert_eq!(status_on(signed, END, None, date!(2026 - 02 - 01)), AgreementStatus::Active);
        assert_eq!(
            status_on(signed, END, None, date!(2026 - 12 - 30)),
            AgreementStatus::Active,
            "91 days left"
        );
        assert_eq!(
            status_on(signed, END, None, date!(2026 - 12 - 31)),
            AgreementStatus::Expiring,
            "90 days left"
        );
        assert_eq!(status_on(signed, END, None, END), AgreementStatus::Expiring, "the last day");
        assert_eq!(
            status_on(signed, END, None, date!(2027 - 04 - 01)),
            AgreementStatus::Expired,
            "the day after"
        );
        let ended = Some(date!(2026 - 06 - 30));
        assert_eq!(status_on(signed, END, ended, date!(2026 - 06 - 29)), AgreementStatus::Active);
        assert_eq!(status_on(signed, END, ended, date!(2026 - 06 - 30)), AgreementStatus::Terminated);
    }

    #[test]
    fn reminders_at_90_and_30_days() {
        assert_eq!(reminder(END, date!(2026 - 12 - 30)), None, "91 days");
        assert_eq!(reminder(END, date!(2026 - 12 - 31)), Some(Reminder::NinetyDays), "90 days");
        assert_eq!(reminder(END, date!(2027 - 03 - 01)), Some(Reminder::ThirtyDays), "30 days");
        assert_eq!(reminder(END, date!(2027 - 02 - 28)), Some(Reminder::NinetyDays), "31 days");
        assert_eq!(reminder(END, END), Some(Reminder::ThirtyDays), "the last day");
        assert_eq!(reminder(END, date!(2027 - 04 - 01)), None, "expired");
    }

    #[test]
    fn the_form_checks_its_dates() {
        let form = AgreementForm {
            number: "PKS/01/2026".into(),
            title: "Layanan dokumen kependudukan klien".into(),
            start_on: "2026-01-01".into(),
            end_on: "2025-12-31".into(),
            services: vec!["dokumen".into()],
            ..Default::default()
        };
        let services = crate::partners::default_services();
        let errors = form.parse(&services).err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("end_on"), Some(Problem::BeforeStart));
        let fixed = AgreementForm { end_on: "2027-12-31".into(), ..form };
        assert_eq!(fixed.parse(&services).map(|d| d.services), Ok(vec!["dokumen".to_owned()]));
    }

    #[test]
    fn termination_within_the_agreement_with_a_reason() {
        let start = date!(2026 - 01 - 01);
        let ok = TerminationForm { date: "2026-06-30".into(), reason: "Mitra dibubarkan".into() };
        assert_eq!(ok.parse(start, END), Ok((date!(2026 - 06 - 30), "Mitra dibubarkan".into())));
        let late = TerminationForm { date: "2027-04-01".into(), ..ok };
        assert!(late.parse(start, END).is_err());
    }
}
