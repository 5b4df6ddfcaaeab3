//! What happens on a child's case after registration: the stage moving on, diversion at each
//! stage (meetings, outcome, agreement, breach), hearings the PK accompanies and referrals
//! to child-protection partners.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::clock::Stage;
use super::litmas::instant_field;
use super::rules::AGREEMENT_MAX_MONTHS;
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::Zone;
use crate::validate::{enum_set, optional_text, required_text};

text_enum! {
    /// Whether a diversion deliberation reached an agreement.
    DiversionOutcome {
        /// Agreement reached.
        Sepakat => "sepakat",
        /// No agreement: the case goes on to the next stage.
        TidakSepakat => "tidak_sepakat",
    }
}

text_enum! {
    /// The forms a diversion agreement may take (art. 11).
    AgreementForm {
        /// Compensation to the victim.
        GantiKerugian => "ganti_kerugian",
        /// Medical or psychosocial rehabilitation.
        Rehabilitasi => "rehabilitasi",
        /// Return to the parents or guardian.
        KembaliOrangTua => "kembali_orang_tua",
        /// Education or training at an LPKS, at most 3 months.
        Lpks => "lpks",
        /// Community service, at most 3 months.
        PelayananMasyarakat => "pelayanan_masyarakat",
    }
}

impl AgreementForm {
    /// Whether the form has a length, capped at 3 months.
    pub fn has_length(self) -> bool {
        matches!(self, AgreementForm::Lpks | AgreementForm::PelayananMasyarakat)
    }
}

text_enum! {
    /// Kinds of things recorded on a child's case.
    EventKind {
        /// A diversion meeting (musyawarah) with the parties.
        Musyawarah => "musyawarah",
        /// A hearing or interview the PK accompanied (pendampingan).
        Pendampingan => "pendampingan",
        /// A referral to a child-protection partner.
        Rujukan => "rujukan",
    }
}

text_enum! {
    /// Parties at a diversion meeting.
    Party {
        /// The child.
        Anak => "anak",
        /// Parents or guardian.
        OrangTua => "orang_tua",
        /// The victim (or their parents).
        Korban => "korban",
        /// The PK.
        Pk => "pk",
        /// The social worker (peksos).
        Peksos => "peksos",
        /// Community leader.
        TokohMasyarakat => "tokoh_masyarakat",
    }
}

text_enum! {
    /// Child-protection partners a case is referred to.
    PartnerKind {
        /// DP3A or its UPTD PPA.
        Dp3a => "dp3a",
        /// Dinas Sosial or an LPKS.
        Dinsos => "dinsos",
        /// A social worker.
        Peksos => "peksos",
        /// Another partner.
        Lainnya => "lainnya",
    }
}

/// Moving the case to a later stage, with the date that starts its diversion clock.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct StageForm {
    /// Text form of [`Stage`].
    pub stage: String,
    /// The file received (penuntutan) or the judge appointed (pengadilan).
    pub trigger_date: String,
}

impl StageForm {
    /// Checks the move; a case only moves forward.
    pub fn parse(&self, current: Stage, today: Date) -> Result<(Stage, Date), ErrorKind> {
        let mut errors = FieldErrors::new();
        let stage = Stage::parse(&self.stage);
        match stage {
            None => errors.add("stage", Problem::Required),
            Some(s) if s <= current => errors.add("stage", Problem::NotAllowed),
            Some(_) => {}
        }
        let date = date_field(&mut errors, "trigger_date", &self.trigger_date, true);
        if date.is_some_and(|d| d > today) {
            errors.add("trigger_date", Problem::FutureDate);
        }
        match (stage, date) {
            (Some(stage), Some(date)) if errors.is_empty() => Ok((stage, date)),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The diversion record of one stage as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct DiversionForm {
    /// Text form of [`Stage`].
    pub stage: String,
    /// When the deliberation started.
    pub started_on: String,
    /// When it finished.
    pub finished_on: String,
    /// Text form of [`DiversionOutcome`], empty while running.
    pub outcome: String,
    /// Text forms of [`AgreementForm`].
    pub agreement_forms: Vec<String>,
    /// Length of LPKS education or community service, months.
    pub agreement_months: String,
    /// Notes.
    pub notes: String,
}

/// A checked diversion record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiversionDraft {
    /// Stage.
    pub stage: Stage,
    /// Start.
    pub started_on: Date,
    /// Finish, with the outcome.
    pub finished: Option<(Date, DiversionOutcome)>,
    /// Agreement forms (when agreed).
    pub agreement_forms: Vec<AgreementForm>,
    /// Length in months, when a form has one.
    pub agreement_months: Option<u32>,
    /// Notes.
    pub notes: Option<String>,
}

impl DiversionForm {
    /// Checks the record: a finish needs an outcome and the reverse; an agreement needs at
    /// least one form; LPKS and community service last 1 to 3 months.
    pub fn parse(&self, today: Date) -> Result<DiversionDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let stage = Stage::parse(&self.stage);
        if stage.is_none() {
            errors.add("stage", Problem::Required);
        }
        let started_on = date_field(&mut errors, "started_on", &self.started_on, true);
        let finished_on = date_field(&mut errors, "finished_on", &self.finished_on, false);
        for (field, date) in [("started_on", started_on), ("finished_on", finished_on)] {
            if date.is_some_and(|d| d > today) {
                errors.add(field, Problem::FutureDate);
            }
        }
        if let (Some(start), Some(end)) = (started_on, finished_on)
            && end < start
        {
            errors.add("finished_on", Problem::BeforeStart);
        }
        let outcome = if self.outcome.trim().is_empty() {
            None
        } else {
            let outcome = DiversionOutcome::parse(&self.outcome);
            if outcome.is_none() {
                errors.add("outcome", Problem::BadFormat);
            }
            outcome
        };
        if outcome.is_some() && finished_on.is_none() && errors.get("finished_on").is_none() {
            errors.add("finished_on", Problem::Required);
        }
        if finished_on.is_some() && outcome.is_none() && errors.get("outcome").is_none() {
            errors.add("outcome", Problem::Required);
        }
        let mut forms = enum_set(&mut errors, "agreement_forms", &self.agreement_forms, AgreementForm::parse);
        let agreed = outcome == Some(DiversionOutcome::Sepakat);
        if agreed && forms.is_empty() {
            errors.add("agreement_forms", Problem::Required);
        }
        if !agreed {
            forms.clear();
        }
        let agreement_months = if forms.iter().any(|f| f.has_length()) {
            match self.agreement_months.trim().parse::<u32>() {
                Ok(m) if (1..=AGREEMENT_MAX_MONTHS).contains(&m) => Some(m),
                Ok(_) => {
                    errors.add("agreement_months", Problem::ExceedsStatute);
                    None
                }
                Err(_) if self.agreement_months.trim().is_empty() => {
                    errors.add("agreement_months", Problem::Required);
                    None
                }
                Err(_) => {
                    errors.add("agreement_months", Problem::BadFormat);
                    None
                }
            }
        } else {
            None
        };
        let notes = optional_text(&mut errors, "notes", &self.notes, 2000);
        match (stage, started_on) {
            (Some(stage), Some(started_on)) if errors.is_empty() => Ok(DiversionDraft {
                stage,
                started_on,
                finished: finished_on.zip(outcome),
                agreement_forms: forms,
                agreement_months,
                notes,
            }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// A breach of a diversion agreement reported by the PK, or the official's action on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct BreachForm {
    /// Text form of [`Stage`] whose agreement was breached.
    pub stage: String,
    /// When (office time, `YYYY-MM-DDTHH:MM`).
    pub at: String,
    /// What happened, or what the official did.
    pub notes: String,
}

/// A checked breach report or action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachDraft {
    /// Stage.
    pub stage: Stage,
    /// When, UTC.
    pub at: OffsetDateTime,
    /// Notes.
    pub notes: String,
}

impl BreachForm {
    /// Checks the report; the time is read in the office's zone.
    pub fn parse(&self, zone: Zone, now: OffsetDateTime) -> Result<BreachDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let stage = Stage::parse(&self.stage);
        if stage.is_none() {
            errors.add("stage", Problem::Required);
        }
        let at = instant_field(&mut errors, "at", &self.at, zone, now);
        let notes = required_text(&mut errors, "notes", &self.notes, 2000);
        match (stage, at) {
            (Some(stage), Some(at)) if errors.is_empty() => Ok(BreachDraft { stage, at, notes }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The diversion of one stage as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiversionView {
    /// Stage.
    pub stage: Stage,
    /// Start.
    pub started_on: Date,
    /// Finish.
    pub finished_on: Option<Date>,
    /// Outcome.
    pub outcome: Option<DiversionOutcome>,
    /// Agreement forms.
    pub agreement_forms: Vec<AgreementForm>,
    /// Length, months.
    pub agreement_months: Option<u32>,
    /// Notes.
    pub notes: Option<String>,
    /// Breach reported, with notes.
    pub breach: Option<(OffsetDateTime, String)>,
    /// The official's action on the breach, with notes.
    pub breach_action: Option<(OffsetDateTime, String)>,
}

/// A meeting, accompanied hearing or referral as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct EventForm {
    /// Text form of [`EventKind`].
    pub kind: String,
    /// Date.
    pub date: String,
    /// Text form of [`Stage`].
    pub stage: String,
    /// Place.
    pub place: String,
    /// Parties present (meetings): text forms of [`Party`].
    pub parties: Vec<String>,
    /// Partner kind (referrals): text form of [`PartnerKind`].
    pub partner_kind: String,
    /// Partner's name (referrals).
    pub partner_name: String,
    /// Notes.
    pub notes: String,
}

/// A checked event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    /// Kind.
    pub kind: EventKind,
    /// Date.
    pub date: Date,
    /// Stage.
    pub stage: Stage,
    /// Place.
    pub place: Option<String>,
    /// Parties (meetings).
    pub parties: Vec<Party>,
    /// Partner (referrals).
    pub partner: Option<(PartnerKind, String)>,
    /// Notes.
    pub notes: String,
}

impl EventForm {
    /// Checks the event: a meeting needs the parties present, a referral its partner.
    pub fn parse(&self, today: Date) -> Result<EventDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let kind = EventKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", Problem::Required);
        }
        let stage = Stage::parse(&self.stage);
        if stage.is_none() {
            errors.add("stage", Problem::Required);
        }
        let date = date_field(&mut errors, "date", &self.date, true);
        if date.is_some_and(|d| d > today) {
            errors.add("date", Problem::FutureDate);
        }
        let place = optional_text(&mut errors, "place", &self.place, 200);
        let mut parties = enum_set(&mut errors, "parties", &self.parties, Party::parse);
        if kind == Some(EventKind::Musyawarah) && parties.is_empty() {
            errors.add("parties", Problem::Required);
        }
        let partner = if kind == Some(EventKind::Rujukan) {
            let partner_kind = PartnerKind::parse(&self.partner_kind);
            if partner_kind.is_none() {
                errors.add("partner_kind", Problem::Required);
            }
            let name = required_text(&mut errors, "partner_name", &self.partner_name, 200);
            partner_kind.map(|k| (k, name))
        } else {
            None
        };
        if kind != Some(EventKind::Musyawarah) {
            parties.clear();
        }
        let notes = required_text(&mut errors, "notes", &self.notes, 4000);
        match (kind, stage, date) {
            (Some(kind), Some(stage), Some(date)) if errors.is_empty() => {
                Ok(EventDraft { kind, date, stage, place, parties, partner, notes })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// An event as shown on the case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    /// Public id.
    pub id: Uuid,
    /// Kind.
    pub kind: EventKind,
    /// Date.
    pub date: Date,
    /// Stage.
    pub stage: Stage,
    /// Place.
    pub place: Option<String>,
    /// Parties present.
    pub parties: Vec<Party>,
    /// Partner.
    pub partner: Option<(PartnerKind, String)>,
    /// Notes.
    pub notes: String,
    /// Who recorded it.
    pub author: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn errors<T>(r: Result<T, ErrorKind>) -> FieldErrors {
        r.err().and_then(|e| e.field_errors().cloned()).unwrap_or_default()
    }

    #[test]
    fn agreements_last_at_most_three_months() {
        let today = date!(2026 - 11 - 24);
        let form = DiversionForm {
            stage: "penyidikan".into(),
            started_on: "2026-11-20".into(),
            finished_on: "2026-11-23".into(),
            outcome: "sepakat".into(),
            agreement_forms: vec!["pelayanan_masyarakat".into()],
            agreement_months: "3".into(),
            ..Default::default()
        };
        assert_eq!(form.parse(today).map(|d| d.agreement_months), Ok(Some(3)));
        let four = DiversionForm { agreement_months: "4".into(), ..form.clone() };
        assert_eq!(errors(four.parse(today)).get("agreement_months"), Some(Problem::ExceedsStatute));
        let no_form = DiversionForm { agreement_forms: vec![], ..form.clone() };
        assert_eq!(errors(no_form.parse(today)).get("agreement_forms"), Some(Problem::Required));
        let returned = DiversionForm {
            agreement_forms: vec!["kembali_orang_tua".into()],
            agreement_months: String::new(),
            ..form.clone()
        };
        assert_eq!(returned.parse(today).map(|d| d.agreement_months), Ok(None));
        let open = DiversionForm { finished_on: String::new(), outcome: String::new(), ..form.clone() };
        assert_eq!(open.parse(today).map(|d| d.finished), Ok(None));
        let no_outcome = DiversionForm { outcome: String::new(), ..form.clone() };
        assert_eq!(errors(no_outcome.parse(today)).get("outcome"), Some(Problem::Required));
        let backwards = DiversionForm { finished_on: "2026-11-19".into(), ..form };
        assert_eq!(errors(backwards.parse(today)).get("finished_on"), Some(Problem::BeforeStart));
    }

    #[test]
    fn stages_only_move_forward() {
        let today = date!(2026 - 11 - 24);
        let form = StageForm { stage: "penuntutan".into(), trigger_date: "2026-11-24".into() };
        assert_eq!(form.parse(Stage::Penyidikan, today), Ok((Stage::Penuntutan, today)));
        assert_eq!(errors(form.parse(Stage::Penuntutan, today)).get("stage"), Some(Problem::NotAllowed));
    }

    #[test]
    fn meetings_need_parties_and_referrals_a_partner() {
        let today = date!(2026 - 11 - 24);
        let meeting = EventForm {
            kind: "musyawarah".into(),
            date: "2026-11-24".into(),
            stage: "penyidikan".into(),
            notes: "Musyawarah pertama".into(),
            ..Default::default()
        };
        assert_eq!(errors(meeting.parse(today)).get("parties"), Some(Problem::Required));
        let referral = EventForm { kind: "rujukan".into(), ..meeting };
        assert_eq!(errors(referral.clone().parse(today)).get("partner_kind"), Some(Problem::Required));
        let ok =
            EventForm { partner_kind: "dp3a".into(), partner_name: "UPTD PPA Jakarta".into(), ..referral };
        assert!(ok.parse(today).is_ok());
    }
}
