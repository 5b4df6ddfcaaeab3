//! What an officer records while supervising: reports (wajib lapor, including home visits),
//! guidance sessions, violations and the action taken, status changes and transfers. Each
//! form is parsed here so the phone and the server agree on what is valid.

use serde::{Deserialize, Serialize};
use time::{Date, Time};

use crate::client::{ClientStatus, parse_date};
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::legal::LegalBasis;
use crate::validate::{optional_text, required_text};

/// How a client reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportKind {
    /// At the Bapas office.
    Kantor,
    /// By video call.
    Video,
    /// The officer visited the client's home (kunjungan rumah).
    Kunjungan,
}

impl ReportKind {
    /// Every kind, in the order of the form.
    pub const ALL: [ReportKind; 3] = [ReportKind::Kantor, ReportKind::Video, ReportKind::Kunjungan];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Kantor => "kantor",
            ReportKind::Video => "video",
            ReportKind::Kunjungan => "kunjungan",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<ReportKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

/// A report as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct ReportForm {
    /// [`ReportKind`] text form.
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub time: String,
    /// `"ya"` when the client attended (or was found at home), `"tidak"` when not.
    pub attended: String,
    /// What happened.
    pub notes: String,
    /// Latitude from the phone, when the officer allowed it.
    pub latitude: String,
    /// Longitude from the phone.
    pub longitude: String,
}

/// A report that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDraft {
    /// How.
    pub kind: ReportKind,
    /// Day.
    pub date: Date,
    /// Time of day.
    pub time: Time,
    /// Whether the client was there.
    pub attended: bool,
    /// Notes.
    pub notes: Option<String>,
    /// Where, for home visits whose officer shared the position.
    pub position: Option<(f64, f64)>,
}

pub(crate) fn date_not_after(errors: &mut FieldErrors, field: &str, raw: &str, today: Date) -> Option<Date> {
    if raw.trim().is_empty() {
        errors.add(field, Problem::Required);
        return None;
    }
    match parse_date(raw) {
        Some(d) if d > today => {
            errors.add(field, Problem::FutureDate);
            None
        }
        Some(d) => Some(d),
        None => {
            errors.add(field, crate::client::date_problem(raw));
            None
        }
    }
}

fn yes_no(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<bool> {
    match raw.trim() {
        "ya" => Some(true),
        "tidak" => Some(false),
        "" => {
            errors.add(field, Problem::Required);
            None
        }
        _ => {
            errors.add(field, Problem::BadFormat);
            None
        }
    }
}

fn coordinate(errors: &mut FieldErrors, field: &str, raw: &str, limit: f64) -> Option<f64> {
    if raw.trim().is_empty() {
        return None;
    }
    match raw.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Some(v),
        _ => {
            errors.add(field, Problem::BadFormat);
            None
        }
    }
}

impl ReportForm {
    /// Validates a report; reports cannot be dated after `today`.
    pub fn parse(&self, today: Date) -> Result<ReportDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let kind = match ReportKind::parse(&self.kind) {
            Some(k) => Some(k),
            None => {
                errors.add(
                    "kind",
                    if self.kind.trim().is_empty() { Problem::Required } else { Problem::BadFormat },
                );
                None
            }
        };
        let date = date_not_after(&mut errors, "date", &self.date, today);
        let time = crate::validate::time_field(&mut errors, "time", &self.time);
        let attended = yes_no(&mut errors, "attended", &self.attended);
        let notes = optional_text(&mut errors, "notes", &self.notes, 2000);
        let latitude = coordinate(&mut errors, "latitude", &self.latitude, 90.0);
        let longitude = coordinate(&mut errors, "longitude", &self.longitude, 180.0);
        let position = match (latitude, longitude) {
            (Some(lat), Some(lon)) => Some((lat, lon)),
            _ => None,
        };
        match (kind, date, time, attended) {
            (Some(kind), Some(date), Some(time), Some(attended)) if errors.is_empty() => {
                Ok(ReportDraft { kind, date, time, attended, notes, position })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The two kinds of guidance (bimbingan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GuidanceKind {
    /// Bimbingan kepribadian: religion, legal awareness, counselling.
    Kepribadian,
    /// Bimbingan kemandirian: skills, jobs, small business.
    Kemandirian,
}

impl GuidanceKind {
    /// Both kinds.
    pub const ALL: [GuidanceKind; 2] = [GuidanceKind::Kepribadian, GuidanceKind::Kemandirian];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            GuidanceKind::Kepribadian => "kepribadian",
            GuidanceKind::Kemandirian => "kemandirian",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<GuidanceKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

/// A guidance session as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct GuidanceForm {
    /// [`GuidanceKind`] text form.
    pub kind: String,
    /// What it was about.
    pub topic: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `"ya"` / `"tidak"`.
    pub attended: String,
    /// Notes.
    pub notes: String,
}

/// A guidance session that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidanceDraft {
    /// Kind.
    pub kind: GuidanceKind,
    /// Topic.
    pub topic: String,
    /// Day.
    pub date: Date,
    /// Whether the client attended.
    pub attended: bool,
    /// Notes.
    pub notes: Option<String>,
}

impl GuidanceForm {
    /// Validates a guidance session.
    pub fn parse(&self, today: Date) -> Result<GuidanceDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let kind = GuidanceKind::parse(&self.kind);
        if kind.is_none() {
            errors.add(
                "kind",
                if self.kind.trim().is_empty() { Problem::Required } else { Problem::BadFormat },
            );
        }
        let topic = required_text(&mut errors, "topic", &self.topic, 200);
        let date = date_not_after(&mut errors, "date", &self.date, today);
        let attended = yes_no(&mut errors, "attended", &self.attended);
        let notes = optional_text(&mut errors, "notes", &self.notes, 2000);
        match (kind, date, attended) {
            (Some(kind), Some(date), Some(attended)) if errors.is_empty() => {
                Ok(GuidanceDraft { kind, topic, date, attended, notes })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// What kind of violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ViolationKind {
    /// Did not report as required.
    TidakLapor,
    /// Broke a general or special condition.
    LanggarSyarat,
    /// Suspected of a new offence.
    TindakPidanaBaru,
    /// Anything else.
    Lainnya,
}

impl ViolationKind {
    /// Every kind.
    pub const ALL: [ViolationKind; 4] = [
        ViolationKind::TidakLapor,
        ViolationKind::LanggarSyarat,
        ViolationKind::TindakPidanaBaru,
        ViolationKind::Lainnya,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ViolationKind::TidakLapor => "tidak_lapor",
            ViolationKind::LanggarSyarat => "langgar_syarat",
            ViolationKind::TindakPidanaBaru => "tindak_pidana_baru",
            ViolationKind::Lainnya => "lainnya",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<ViolationKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

/// The action taken on a violation, mildest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ViolationAction {
    /// A warning (teguran).
    Teguran,
    /// Recommended to the TPP hearing (sidang TPP).
    RekomendasiTpp,
    /// Revocation (pencabutan) proposed; only for PB, CB and CMB.
    Pencabutan,
}

impl ViolationAction {
    /// Every action.
    pub const ALL: [ViolationAction; 3] =
        [ViolationAction::Teguran, ViolationAction::RekomendasiTpp, ViolationAction::Pencabutan];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ViolationAction::Teguran => "teguran",
            ViolationAction::RekomendasiTpp => "rekomendasi_tpp",
            ViolationAction::Pencabutan => "pencabutan",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<ViolationAction> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

/// Where the action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    /// Proposed by the officer.
    Diusulkan,
    /// Being processed (hearing scheduled, letter sent).
    Diproses,
    /// Done.
    Selesai,
}

impl ActionStatus {
    /// Every status.
    pub const ALL: [ActionStatus; 3] =
        [ActionStatus::Diusulkan, ActionStatus::Diproses, ActionStatus::Selesai];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Diusulkan => "diusulkan",
            ActionStatus::Diproses => "diproses",
            ActionStatus::Selesai => "selesai",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<ActionStatus> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

/// A violation as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct ViolationForm {
    /// [`ViolationKind`] text form.
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// What happened.
    pub description: String,
    /// [`ViolationAction`] text form.
    pub action: String,
    /// [`ActionStatus`] text form.
    pub action_status: String,
}

/// A violation that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViolationDraft {
    /// Kind.
    pub kind: ViolationKind,
    /// Day.
    pub date: Date,
    /// What happened.
    pub description: String,
    /// Action taken.
    pub action: ViolationAction,
    /// Its status.
    pub action_status: ActionStatus,
}

impl ViolationForm {
    /// Validates a violation for a client under `basis`: revocation applies to PB, CB and CMB
    /// only.
    pub fn parse(&self, today: Date, basis: LegalBasis) -> Result<ViolationDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let kind = ViolationKind::parse(&self.kind);
        if kind.is_none() {
            errors.add(
                "kind",
                if self.kind.trim().is_empty() { Problem::Required } else { Problem::BadFormat },
            );
        }
        let date = date_not_after(&mut errors, "date", &self.date, today);
        let description = required_text(&mut errors, "description", &self.description, 2000);
        let action = ViolationAction::parse(&self.action);
        match action {
            None => errors.add(
                "action",
                if self.action.trim().is_empty() { Problem::Required } else { Problem::BadFormat },
            ),
            Some(ViolationAction::Pencabutan) if !basis.revocable() => {
                errors.add("action", Problem::NotAllowed)
            }
            Some(_) => {}
        }
        let action_status = if self.action_status.trim().is_empty() {
            Some(ActionStatus::Diusulkan)
        } else {
            let s = ActionStatus::parse(&self.action_status);
            if s.is_none() {
                errors.add("action_status", Problem::BadFormat);
            }
            s
        };
        match (kind, date, action, action_status) {
            (Some(kind), Some(date), Some(action), Some(action_status)) if errors.is_empty() => {
                Ok(ViolationDraft { kind, date, description, action, action_status })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// An end (or other change) of a client's status, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct StatusForm {
    /// [`ClientStatus`] text form.
    pub status: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Why.
    pub reason: String,
}

/// A status change that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusDraft {
    /// The new status.
    pub status: ClientStatus,
    /// When it took effect.
    pub date: Date,
    /// Why.
    pub reason: String,
}

impl StatusForm {
    /// Validates a change from `current`. Transfers go through their own flow, so
    /// `dipindahkan` is not offered here.
    pub fn parse(&self, today: Date, current: ClientStatus) -> Result<StatusDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let status = ClientStatus::parse(&self.status);
        match status {
            None => errors.add(
                "status",
                if self.status.trim().is_empty() { Problem::Required } else { Problem::BadFormat },
            ),
            Some(ClientStatus::Dipindahkan) => errors.add("status", Problem::NotAllowed),
            Some(s) if !current.can_become(s) => errors.add("status", Problem::NotAllowed),
            Some(_) => {}
        }
        let date = date_not_after(&mut errors, "date", &self.date, today);
        let reason = required_text(&mut errors, "reason", &self.reason, 500);
        match (status, date) {
            (Some(status), Some(date)) if errors.is_empty() => Ok(StatusDraft { status, date, reason }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, time};

    const TODAY: Date = date!(2026 - 11 - 23);

    fn problems(r: Result<impl std::fmt::Debug, ErrorKind>) -> FieldErrors {
        r.err().and_then(|e| e.field_errors().cloned()).unwrap_or_default()
    }

    #[test]
    fn a_home_visit_with_position() {
        let form = ReportForm {
            kind: "kunjungan".into(),
            date: "2026-11-23".into(),
            time: "09:30".into(),
            attended: "ya".into(),
            notes: "  Klien di rumah ".into(),
            latitude: "-6.1754".into(),
            longitude: "106.8272".into(),
        };
        let draft = form.parse(TODAY).unwrap();
        assert_eq!(draft.kind, ReportKind::Kunjungan);
        assert_eq!(draft.time, time!(09:30));
        assert!(draft.attended);
        assert_eq!(draft.notes.as_deref(), Some("Klien di rumah"));
        assert_eq!(draft.position, Some((-6.1754, 106.8272)));
    }

    #[test]
    fn report_problems() {
        let errors = problems(ReportForm::default().parse(TODAY));
        for f in ["kind", "date", "time", "attended"] {
            assert_eq!(errors.get(f), Some(Problem::Required), "{f}");
        }
        let form = ReportForm {
            kind: "telepati".into(),
            date: "2026-11-24".into(),
            time: "25:00".into(),
            attended: "mungkin".into(),
            latitude: "91".into(),
            longitude: "abc".into(),
            ..ReportForm::default()
        };
        let errors = problems(form.parse(TODAY));
        assert_eq!(errors.get("kind"), Some(Problem::BadFormat));
        assert_eq!(errors.get("date"), Some(Problem::FutureDate), "tomorrow cannot be reported yet");
        assert_eq!(errors.get("time"), Some(Problem::BadFormat));
        assert_eq!(errors.get("attended"), Some(Problem::BadFormat));
        assert_eq!(errors.get("latitude"), Some(Problem::BadFormat));
        assert_eq!(errors.get("longitude"), Some(Problem::BadFormat));
    }

    #[test]
    fn guidance_needs_topic() {
        let form = GuidanceForm {
            kind: "kemandirian".into(),
            topic: " ".into(),
            date: "2026-11-20".into(),
            attended: "tidak".into(),
            notes: String::new(),
        };
        assert_eq!(problems(form.parse(TODAY)).get("topic"), Some(Problem::Required));
        let ok = GuidanceForm { topic: "Pelatihan las".into(), ..form }.parse(TODAY).unwrap();
        assert_eq!(ok.kind, GuidanceKind::Kemandirian);
        assert!(!ok.attended);
    }

    #[test]
    fn revocation_only_for_integration_programmes() {
        let form = ViolationForm {
            kind: "tidak_lapor".into(),
            date: "2026-11-01".into(),
            description: "Tiga kali tidak lapor".into(),
            action: "pencabutan".into(),
            action_status: String::new(),
        };
        let draft = form.parse(TODAY, LegalBasis::Pb).unwrap();
        assert_eq!(draft.action, ViolationAction::Pencabutan);
        assert_eq!(draft.action_status, ActionStatus::Diusulkan, "a new action starts as proposed");
        assert_eq!(
            problems(form.parse(TODAY, LegalBasis::PidanaPengawasan)).get("action"),
            Some(Problem::NotAllowed)
        );
    }

    #[test]
    fn status_changes_follow_the_lifecycle() {
        let form =
            StatusForm { status: "selesai".into(), date: "2026-11-23".into(), reason: "Masa habis".into() };
        assert_eq!(form.parse(TODAY, ClientStatus::Aktif).unwrap().status, ClientStatus::Selesai);
        assert_eq!(
            problems(form.parse(TODAY, ClientStatus::Dicabut)).get("status"),
            Some(Problem::NotAllowed)
        );
        let transfer = StatusForm { status: "dipindahkan".into(), ..form.clone() };
        assert_eq!(
            problems(transfer.parse(TODAY, ClientStatus::Aktif)).get("status"),
            Some(Problem::NotAllowed)
        );
        let no_reason = StatusForm { reason: String::new(), ..form };
        assert_eq!(
            problems(no_reason.parse(TODAY, ClientStatus::Aktif)).get("reason"),
            Some(Problem::Required)
        );
    }
}
