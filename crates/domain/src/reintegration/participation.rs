//! Taking part in a programme: the PK enrols a client with their consent (a transit house's
//! resident with the night they leave, when known, and the work unit they join), the
//! programme's sessions are planned and their attendance recorded, and each participant's
//! enrolment ends once — completed, or dropped out with a reason — with what came of it.

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use super::programmes::{CAPACITY_MAX, EnrolmentStatus, Stay, TEXT_MAX};
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::parse_id;
use crate::validate::{optional_text, required_text, row_count};

/// How long a participant who dropped out stays on their PK's Today: a week to follow up.
pub const DROPPED_FOLLOW_UP_DAYS: i64 = 7;

/// Longest reason for dropping out.
pub const REASON_MAX: u16 = 500;

/// The enrolment form on the client's page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnrolForm {
    /// The programme's public id.
    pub programme_id: String,
    /// The day they join (a transit house: the night they check in).
    pub enrolled_on: String,
    /// A transit house: the morning they are expected to leave (optional).
    pub check_out: String,
    /// A transit house: the work unit they join (optional).
    pub work_unit: String,
    /// The client agreed to take part (ticked by the PK who asked them).
    pub consent: bool,
}

/// A checked enrolment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolDraft {
    /// The programme.
    pub programme_id: Uuid,
    /// First day.
    pub enrolled_on: Date,
    /// Expected check-out.
    pub check_out: Option<Date>,
    /// Work unit.
    pub work_unit: Option<String>,
}

impl EnrolDraft {
    /// The bed the enrolment takes in a transit house.
    pub fn stay(&self) -> Stay {
        Stay { check_in: self.enrolled_on, check_out: self.check_out }
    }
}

impl EnrolForm {
    /// Checks the enrolment: a programme, a start not after `today`, a check-out after the
    /// check-in, and the client's consent — nobody is put in a programme without it.
    pub fn parse(&self, today: Date) -> Result<EnrolDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let programme_id = parse_id(&mut errors, "programme_id", &self.programme_id);
        let enrolled_on = date_field(&mut errors, "enrolled_on", &self.enrolled_on, true);
        if enrolled_on.is_some_and(|d| d > today) {
            errors.add("enrolled_on", Problem::FutureDate);
        }
        let check_out = date_field(&mut errors, "check_out", &self.check_out, false);
        if let (Some(start), Some(out)) = (enrolled_on, check_out)
            && out <= start
        {
            errors.add("check_out", Problem::BeforeStart);
        }
        let work_unit = optional_text(&mut errors, "work_unit", &self.work_unit, TEXT_MAX);
        if !self.consent {
            errors.add("consent", Problem::Required);
        }
        match (programme_id, enrolled_on) {
            (Some(programme_id), Some(enrolled_on)) if errors.is_empty() => {
                Ok(EnrolDraft { programme_id, enrolled_on, check_out, work_unit })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// What came of taking part, besides completing it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcomes {
    /// A certificate was awarded.
    pub certificate: bool,
    /// The participant found a job.
    pub job_found: bool,
    /// The participant started a business.
    pub business_started: bool,
}

/// The form that ends an enrolment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutcomeForm {
    /// `selesai` or `keluar`.
    pub status: String,
    /// The last day (a transit house: the morning they checked out).
    pub ended_on: String,
    /// Why they dropped out (required then).
    pub reason: String,
    /// A certificate.
    pub certificate: bool,
    /// A job.
    pub job_found: bool,
    /// A business.
    pub business_started: bool,
}

/// A checked ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeDraft {
    /// Completed or dropped out.
    pub status: EnrolmentStatus,
    /// Last day.
    pub ended_on: Date,
    /// Why they dropped out.
    pub reason: Option<String>,
    /// What came of it.
    pub outcomes: Outcomes,
}

impl OutcomeForm {
    /// Checks the ending of an enrolment that began on `enrolled_on`: completed or dropped
    /// out (with a reason), on a day between the start and `today`.
    pub fn parse(&self, enrolled_on: Date, today: Date) -> Result<OutcomeDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let status = match EnrolmentStatus::parse(&self.status) {
            Some(s) if EnrolmentStatus::Aktif.can_become(s) => Some(s),
            _ if self.status.trim().is_empty() => {
                errors.add("status", Problem::Required);
                None
            }
            _ => {
                errors.add("status", Problem::NotAllowed);
                None
            }
        };
        let ended_on = date_field(&mut errors, "ended_on", &self.ended_on, true);
        if ended_on.is_some_and(|d| d > today) {
            errors.add("ended_on", Problem::FutureDate);
        } else if ended_on.is_some_and(|d| d < enrolled_on) {
            errors.add("ended_on", Problem::BeforeStart);
        }
        let reason = optional_text(&mut errors, "reason", &self.reason, REASON_MAX);
        if status == Some(EnrolmentStatus::Keluar) && reason.is_none() && errors.get("reason").is_none() {
            errors.add("reason", Problem::Required);
        }
        let outcomes = Outcomes {
            certificate: self.certificate,
            job_found: self.job_found,
            business_started: self.business_started,
        };
        match (status, ended_on) {
            (Some(status), Some(ended_on)) if errors.is_empty() => {
                Ok(OutcomeDraft { status, ended_on, reason, outcomes })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The form that plans a session of a programme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionPlanForm {
    /// The day.
    pub held_on: String,
    /// What it is about.
    pub topic: String,
}

/// A checked session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPlan {
    /// The day.
    pub held_on: Date,
    /// Topic.
    pub topic: String,
}

impl SessionPlanForm {
    /// Checks a session of a programme that starts on `starts_on`: a day not before it and a
    /// topic.
    pub fn parse(&self, starts_on: Date) -> Result<SessionPlan, ErrorKind> {
        let mut errors = FieldErrors::new();
        let held_on = date_field(&mut errors, "held_on", &self.held_on, true);
        if held_on.is_some_and(|d| d < starts_on) {
            errors.add("held_on", Problem::BeforeStart);
        }
        let topic = required_text(&mut errors, "topic", &self.topic, TEXT_MAX);
        match held_on {
            Some(held_on) if errors.is_empty() => Ok(SessionPlan { held_on, topic }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The attendance form of a session: the enrolments present (everyone else taking part
/// that day was absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttendanceForm {
    /// Public ids of the enrolments present.
    pub present: Vec<String>,
}

impl AttendanceForm {
    /// The enrolments present, each once; at most a full programme's worth, each an id.
    pub fn parse(&self) -> Result<Vec<Uuid>, ErrorKind> {
        let mut errors = FieldErrors::new();
        let mut present = Vec::new();
        if row_count(&mut errors, "present", &self.present, CAPACITY_MAX) {
            for raw in &self.present {
                match parse_id(&mut errors, "present", raw) {
                    Some(id) if !present.contains(&id) => present.push(id),
                    _ => {}
                }
            }
        }
        errors.into_result(present)
    }
}

/// Whether the participant's drop-out still asks for the PK's follow-up on `today`.
pub fn dropped_needs_follow_up(ended_on: Date, today: Date) -> bool {
    ended_on <= today && (today - ended_on).whole_days() < DROPPED_FOLLOW_UP_DAYS
}

/// Whether a participant enrolled from `enrolled_on` and ended on `ended_on` (if they have)
/// was taking part on `day`: a session's roll lists them.
pub fn takes_part_on(enrolled_on: Date, ended_on: Option<Date>, day: Date) -> bool {
    enrolled_on <= day && ended_on.is_none_or(|end| day <= end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 04);

    fn errors(e: ErrorKind) -> FieldErrors {
        e.field_errors().cloned().unwrap_or_default()
    }

    #[test]
    fn enrolment_needs_consent_and_a_check_out_after_check_in() {
        let form = EnrolForm {
            programme_id: Uuid::nil().to_string(),
            enrolled_on: "2026-12-04".into(),
            check_out: "2027-01-04".into(),
            work_unit: "Pertanian".into(),
            consent: true,
        };
        let draft = form.parse(TODAY).unwrap();
        assert_eq!(draft.stay(), Stay { check_in: TODAY, check_out: Some(date!(2027 - 01 - 04)) });
        let no_consent = EnrolForm { consent: false, ..form.clone() };
        assert_eq!(errors(no_consent.parse(TODAY).unwrap_err()).get("consent"), Some(Problem::Required));
        let same_day = EnrolForm { check_out: "2026-12-04".into(), ..form.clone() };
        assert_eq!(errors(same_day.parse(TODAY).unwrap_err()).get("check_out"), Some(Problem::BeforeStart));
        let tomorrow = EnrolForm { enrolled_on: "2026-12-05".into(), ..form };
        assert_eq!(errors(tomorrow.parse(TODAY).unwrap_err()).get("enrolled_on"), Some(Problem::FutureDate));
    }

    #[test]
    fn dropping_out_needs_a_reason_and_an_ending_inside_the_enrolment() {
        let enrolled = date!(2026 - 11 - 01);
        let done = OutcomeForm {
            status: "selesai".into(),
            ended_on: "2026-12-04".into(),
            certificate: true,
            ..OutcomeForm::default()
        };
        let draft = done.parse(enrolled, TODAY).unwrap();
        assert_eq!((draft.status, draft.outcomes.certificate), (EnrolmentStatus::Selesai, true));
        let dropped = OutcomeForm { status: "keluar".into(), ..done.clone() };
        assert_eq!(
            errors(dropped.parse(enrolled, TODAY).unwrap_err()).get("reason"),
            Some(Problem::Required)
        );
        let reopened = OutcomeForm { status: "aktif".into(), ..done.clone() };
        assert_eq!(
            errors(reopened.parse(enrolled, TODAY).unwrap_err()).get("status"),
            Some(Problem::NotAllowed)
        );
        let early = OutcomeForm { ended_on: "2026-10-31".into(), ..done.clone() };
        assert_eq!(
            errors(early.parse(enrolled, TODAY).unwrap_err()).get("ended_on"),
            Some(Problem::BeforeStart)
        );
        let first_day = OutcomeForm { ended_on: "2026-11-01".into(), ..done.clone() };
        assert!(first_day.parse(enrolled, TODAY).is_ok(), "the day it began");
        let later = OutcomeForm { ended_on: "2026-12-05".into(), ..done };
        assert_eq!(
            errors(later.parse(enrolled, TODAY).unwrap_err()).get("ended_on"),
            Some(Problem::FutureDate)
        );
    }

    #[test]
    fn sessions_and_attendance_are_checked() {
        let start = date!(2026 - 12 - 01);
        let plan = SessionPlanForm { held_on: "2026-12-01".into(), topic: "Mengelas sudut".into() };
        assert_eq!(plan.parse(start).unwrap().held_on, start);
        let early = SessionPlanForm { held_on: "2026-11-30".into(), ..plan };
        assert_eq!(errors(early.parse(start).unwrap_err()).get("held_on"), Some(Problem::BeforeStart));
        let id = Uuid::from_u128(7);
        let twice = AttendanceForm { present: vec![id.to_string(), id.to_string()] };
        assert_eq!(twice.parse().unwrap(), [id]);
        let junk = AttendanceForm { present: vec!["x".into()] };
        assert_eq!(errors(junk.parse().unwrap_err()).get("present"), Some(Problem::UnknownReference));
        let flood = AttendanceForm { present: vec![id.to_string(); usize::from(CAPACITY_MAX) + 1] };
        assert!(flood.parse().is_err(), "more than a full programme");
    }

    #[test]
    fn a_drop_out_is_followed_up_for_a_week_and_the_roll_follows_the_enrolment() {
        let dropped = date!(2026 - 11 - 28);
        assert!(dropped_needs_follow_up(dropped, dropped));
        assert!(dropped_needs_follow_up(dropped, date!(2026 - 12 - 04)), "the sixth day");
        assert!(!dropped_needs_follow_up(dropped, date!(2026 - 12 - 05)), "a week on");
        assert!(!dropped_needs_follow_up(date!(2026 - 12 - 05), TODAY), "not yet");
        let from = date!(2026 - 12 - 01);
        assert!(!takes_part_on(from, None, date!(2026 - 11 - 30)));
        assert!(takes_part_on(from, None, from));
        assert!(takes_part_on(from, Some(TODAY), TODAY), "their last day");
        assert!(!takes_part_on(from, Some(TODAY), date!(2026 - 12 - 05)));
    }
}
