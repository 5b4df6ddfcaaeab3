//! A client's small business (UMKM) as a record of its own: what it is, when it started, the
//! support it received (capital, equipment, mentoring, training — from which partner) and
//! where it stands over time (planned, running, stopped), each change kept with its day.

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::caseload::PersonRef;
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::parse_id;
use crate::validate::{optional_text, required_text};

text_enum! {
    /// Where a business stands.
    BusinessStatus {
        /// Planned, not started yet.
        Direncanakan => "direncanakan",
        /// Running.
        Berjalan => "berjalan",
        /// Stopped.
        Berhenti => "berhenti",
    }
}

text_enum! {
    /// What support a business received.
    SupportKind {
        /// Capital (a grant or a loan).
        Modal => "modal",
        /// Equipment.
        Peralatan => "peralatan",
        /// Mentoring.
        Pendampingan => "pendampingan",
        /// Training.
        Pelatihan => "pelatihan",
    }
}

/// Longest name or kind.
const NAME_MAX: u16 = 120;
/// Longest note or description.
const NOTE_MAX: u16 = 500;
/// The largest amount recorded, in rupiah (a UMKM grant is far below it).
pub const AMOUNT_MAX: u64 = 10_000_000_000;

/// The form that adds a business.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BusinessForm {
    /// Its name ("Warung Kopi Pak Budi").
    pub name: String,
    /// What it does ("warung kopi", "servis motor").
    pub kind: String,
    /// `direncanakan` or `berjalan`.
    pub status: String,
    /// The day it started (running) or was planned.
    pub since: String,
    /// A note.
    pub note: String,
}

/// A checked business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessDraft {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Status.
    pub status: BusinessStatus,
    /// Since.
    pub since: Date,
    /// Note.
    pub note: Option<String>,
}

fn status_field(errors: &mut FieldErrors, raw: &str) -> Option<BusinessStatus> {
    let status = BusinessStatus::parse(raw);
    if status.is_none() {
        errors.add("status", if raw.trim().is_empty() { Problem::Required } else { Problem::NotAllowed });
    }
    status
}

fn day_field(errors: &mut FieldErrors, field: &str, raw: &str, today: Date) -> Option<Date> {
    let day = date_field(errors, field, raw, true);
    if day.is_some_and(|d| d > today) {
        errors.add(field, Problem::FutureDate);
        return None;
    }
    day
}

impl BusinessForm {
    /// Checks a new business: a name and a kind, planned or running since a day not after
    /// `today` (a business is not added already stopped).
    pub fn parse(&self, today: Date) -> Result<BusinessDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let name = required_text(&mut errors, "name", &self.name, NAME_MAX);
        let kind = required_text(&mut errors, "kind", &self.kind, NAME_MAX);
        let status = status_field(&mut errors, &self.status);
        if status == Some(BusinessStatus::Berhenti) {
            errors.add("status", Problem::NotAllowed);
        }
        let since = day_field(&mut errors, "since", &self.since, today);
        let note = optional_text(&mut errors, "note", &self.note, NOTE_MAX);
        match (status, since) {
            (Some(status), Some(since)) if errors.is_empty() => {
                Ok(BusinessDraft { name, kind, status, since, note })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The form that moves a business on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    /// The new status.
    pub status: String,
    /// The day.
    pub on: String,
    /// Why (required when it stops).
    pub note: String,
}

/// A checked status change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The new status.
    pub status: BusinessStatus,
    /// The day.
    pub on: Date,
    /// Why.
    pub note: Option<String>,
}

impl StatusForm {
    /// Checks a move from `current` (last changed on `since`): to another status, on a day
    /// between `since` and `today`, with a reason when the business stops.
    pub fn parse(
        &self,
        current: BusinessStatus,
        since: Date,
        today: Date,
    ) -> Result<StatusChange, ErrorKind> {
        let mut errors = FieldErrors::new();
        let status = status_field(&mut errors, &self.status);
        if status == Some(current) {
            // Already there: a move to where it stands is no move.
            errors.add("status", Problem::NotAllowed);
        }
        let on = day_field(&mut errors, "on", &self.on, today);
        if on.is_some_and(|d| d < since) {
            errors.add("on", Problem::BeforeStart);
        }
        let note = optional_text(&mut errors, "note", &self.note, NOTE_MAX);
        if status == Some(BusinessStatus::Berhenti) && note.is_none() && errors.get("note").is_none() {
            errors.add("note", Problem::Required);
        }
        match (status, on) {
            (Some(status), Some(on)) if errors.is_empty() => Ok(StatusChange { status, on, note }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The form that records support received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportForm {
    /// [`SupportKind`]'s text.
    pub kind: String,
    /// The partner that gave it (empty: the office itself).
    pub partner_id: String,
    /// The day received.
    pub received_on: String,
    /// What it was ("gerobak dan kompor", "pendampingan pemasaran daring").
    pub description: String,
    /// Its value in rupiah (optional; digits, dots allowed: "2.500.000").
    pub amount: String,
}

/// Checked support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportDraft {
    /// Kind.
    pub kind: SupportKind,
    /// Partner.
    pub partner_id: Option<Uuid>,
    /// Day.
    pub received_on: Date,
    /// What.
    pub description: Option<String>,
    /// Rupiah.
    pub amount: Option<u64>,
}

impl SupportForm {
    /// Checks support received on a day not after `today`, with an amount in whole rupiah.
    pub fn parse(&self, today: Date) -> Result<SupportDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let kind = SupportKind::parse(&self.kind);
        if kind.is_none() {
            errors.add(
                "kind",
                if self.kind.trim().is_empty() { Problem::Required } else { Problem::NotAllowed },
            );
        }
        let partner_id = if self.partner_id.trim().is_empty() {
            None
        } else {
            parse_id(&mut errors, "partner_id", &self.partner_id)
        };
        let received_on = day_field(&mut errors, "received_on", &self.received_on, today);
        let description = optional_text(&mut errors, "description", &self.description, NOTE_MAX);
        let amount = parse_rupiah(&self.amount);
        if amount.is_err() {
            errors.add("amount", Problem::BadFormat);
        }
        match (kind, received_on, amount) {
            (Some(kind), Some(received_on), Ok(amount)) if errors.is_empty() => {
                Ok(SupportDraft { kind, partner_id, received_on, description, amount })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// An amount that does not read as whole rupiah.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotRupiah;

/// An amount in rupiah as typed: digits with optional thousands dots or spaces and an
/// optional "Rp"; empty is none. Refused past [`AMOUNT_MAX`] or with anything else (a
/// decimal comma, a minus).
pub fn parse_rupiah(raw: &str) -> Result<Option<u64>, NotRupiah> {
    let raw = raw.trim();
    let raw = raw.strip_prefix("Rp").or_else(|| raw.strip_prefix("rp")).unwrap_or(raw).trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if raw.len() > 20 || !raw.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ' ') {
        return Err(NotRupiah);
    }
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    match digits.parse::<u64>() {
        Ok(n) if n <= AMOUNT_MAX => Ok(Some(n)),
        _ => Err(NotRupiah),
    }
}

/// Rupiah with thousands dots, the Indonesian way: `Rp2.500.000`.
pub fn format_rupiah(amount: u64) -> String {
    format!("Rp{}", crate::page::thousands(amount))
}

/// A step in a business's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusStep {
    /// The status it moved to.
    pub status: BusinessStatus,
    /// The day.
    pub on: Date,
    /// Why.
    pub note: Option<String>,
}

/// Support as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportView {
    /// Kind.
    pub kind: SupportKind,
    /// The partner that gave it (none: the office).
    pub partner: Option<String>,
    /// Day.
    pub received_on: Date,
    /// What.
    pub description: Option<String>,
    /// Rupiah.
    pub amount: Option<u64>,
}

/// A business as shown on the client's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessView {
    /// Public id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Where it stands.
    pub status: BusinessStatus,
    /// Since when.
    pub since: Date,
    /// Its history, oldest first.
    pub history: Vec<StatusStep>,
    /// Support received, newest first.
    pub supports: Vec<SupportView>,
}

impl BusinessView {
    /// The sum of the support with an amount, in rupiah.
    pub fn total(&self) -> u64 {
        self.supports.iter().filter_map(|s| s.amount).sum()
    }
}

/// What a client's page shows of their businesses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientBusinesses {
    /// Their businesses, running first.
    pub businesses: Vec<BusinessView>,
    /// The viewer records them.
    pub can_edit: bool,
    /// The office's partners, for the support form (empty unless the viewer records).
    pub partners: Vec<PersonRef>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 04);

    fn problem(e: ErrorKind, field: &str) -> Option<Problem> {
        e.field_errors().and_then(|f| f.get(field))
    }

    #[test]
    fn a_business_starts_planned_or_running_never_stopped() {
        let form = BusinessForm {
            name: "Warung Kopi Pak Budi".into(),
            kind: "warung kopi".into(),
            status: "berjalan".into(),
            since: "2026-11-01".into(),
            ..BusinessForm::default()
        };
        assert_eq!(form.parse(TODAY).unwrap().status, BusinessStatus::Berjalan);
        let stopped = BusinessForm { status: "berhenti".into(), ..form.clone() };
        assert_eq!(problem(stopped.parse(TODAY).unwrap_err(), "status"), Some(Problem::NotAllowed));
        let later = BusinessForm { since: "2026-12-05".into(), ..form };
        assert_eq!(problem(later.parse(TODAY).unwrap_err(), "since"), Some(Problem::FutureDate));
    }

    #[test]
    fn a_status_moves_on_a_day_after_the_last_and_stopping_needs_a_reason() {
        let since = date!(2026 - 11 - 01);
        let run = StatusForm { status: "berjalan".into(), on: "2026-11-01".into(), ..StatusForm::default() };
        assert!(run.parse(BusinessStatus::Direncanakan, since, TODAY).is_ok(), "the same day");
        assert_eq!(
            problem(run.parse(BusinessStatus::Berjalan, since, TODAY).unwrap_err(), "status"),
            Some(Problem::NotAllowed)
        );
        let early = StatusForm { on: "2026-10-31".into(), ..run };
        assert_eq!(
            problem(early.parse(BusinessStatus::Direncanakan, since, TODAY).unwrap_err(), "on"),
            Some(Problem::BeforeStart)
        );
        let stop = StatusForm { status: "berhenti".into(), on: "2026-12-01".into(), ..StatusForm::default() };
        assert_eq!(
            problem(stop.parse(BusinessStatus::Berjalan, since, TODAY).unwrap_err(), "note"),
            Some(Problem::Required)
        );
        let stop = StatusForm { note: "Modal habis".into(), ..stop };
        assert!(stop.parse(BusinessStatus::Berjalan, since, TODAY).is_ok());
        let restart =
            StatusForm { status: "berjalan".into(), on: "2026-12-04".into(), ..StatusForm::default() };
        assert!(
            restart.parse(BusinessStatus::Berhenti, date!(2026 - 12 - 01), TODAY).is_ok(),
            "it may start again"
        );
    }

    #[test]
    fn rupiah_read_and_written_the_indonesian_way() {
        assert_eq!(parse_rupiah("2.500.000"), Ok(Some(2_500_000)));
        assert_eq!(parse_rupiah("Rp 750 000"), Ok(Some(750_000)));
        assert_eq!(parse_rupiah(""), Ok(None));
        assert_eq!(parse_rupiah("2,5 juta"), Err(NotRupiah));
        assert_eq!(parse_rupiah("-100"), Err(NotRupiah));
        assert_eq!(parse_rupiah("10000000001"), Err(NotRupiah), "past the ceiling");
        assert_eq!(parse_rupiah("10000000000"), Ok(Some(AMOUNT_MAX)));
        assert_eq!(format_rupiah(2_500_000), "Rp2.500.000");
        assert_eq!(format_rupiah(750), "Rp750");
        assert_eq!(format_rupiah(0), "Rp0");
        let support = SupportForm {
            kind: "modal".into(),
            received_on: "2026-12-01".into(),
            amount: "1.000.000".into(),
            ..SupportForm::default()
        };
        assert_eq!(support.parse(TODAY).unwrap().amount, Some(1_000_000));
        let bad = SupportForm { kind: "hibah".into(), amount: "banyak".into(), ..support };
        let e = bad.parse(TODAY).unwrap_err();
        assert_eq!(
            (problem(e.clone(), "kind"), problem(e, "amount")),
            (Some(Problem::NotAllowed), Some(Problem::BadFormat))
        );
    }
}
