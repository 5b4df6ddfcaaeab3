//! The kerja sosial forms as typed — a work site, a placement, a session of the ledger — and
//! their parsers, shared by the phone and the server.

use serde::{Deserialize, Serialize};
use time::{Date, Time, Weekday};
use uuid::Uuid;

use super::{Sentence, session_minutes};
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::legal::LegalBasis;
use crate::office::parse_id;
use crate::supervision::date_not_after;
use crate::validate::{optional_text, required_text, time_field};

text_enum! {
    /// The days a work site takes people.
    SiteDays {
        /// Monday to Friday.
        Weekdays => "senin-jumat",
        /// Monday to Saturday.
        MondayToSaturday => "senin-sabtu",
        /// Saturday and Sunday.
        Weekend => "sabtu-minggu",
        /// Every day.
        Everyday => "setiap-hari",
    }
}

impl SiteDays {
    /// Whether the site takes people on `day`.
    pub fn takes(self, day: Weekday) -> bool {
        let weekend = matches!(day, Weekday::Saturday | Weekday::Sunday);
        match self {
            SiteDays::Weekdays => !weekend,
            SiteDays::MondayToSaturday => day != Weekday::Sunday,
            SiteDays::Weekend => weekend,
            SiteDays::Everyday => true,
        }
    }
}

text_enum! {
    /// Where a placement stands administratively (its progress is computed from the ledger).
    PlacementStatus {
        /// Hours are being worked.
        Aktif => "aktif",
        /// Every hour done; the hours statement written.
        Selesai => "selesai",
    }
}

/// Whether a client works hours at a site: a sentence of pidana kerja sosial, or a child (a
/// diversion agreement's community service, or pelayanan masyarakat under SPPA art. 71, kept
/// in the same ledger).
pub fn serves_hours(basis: LegalBasis, child: bool) -> bool {
    basis == LegalBasis::KerjaSosial || child
}

/// Most people a site can take at a time.
pub const MAX_CAPACITY: u16 = 200;
/// The longest break a session may hold, in minutes.
pub const MAX_BREAK_MINUTES: u32 = 240;

/// A work site as the Kabapas types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct SiteForm {
    /// The hosting partner (public id).
    pub partner_id: String,
    /// The PKS it falls under (public id, optional).
    pub agreement_id: String,
    /// Name of the site.
    pub name: String,
    /// Street address.
    pub address: String,
    /// Area (kelurahan, kecamatan).
    pub area: String,
    /// The kind of work.
    pub work_kind: String,
    /// [`SiteDays`] text form.
    pub days: String,
    /// `HH:MM`.
    pub opens: String,
    /// `HH:MM`.
    pub closes: String,
    /// How many people at a time.
    pub capacity: String,
    /// The partner's own user who signs sessions off (public id, optional).
    pub supervisor_id: String,
    /// A named supervisor without an account.
    pub supervisor_name: String,
    /// Their phone.
    pub supervisor_phone: String,
    /// Suitable for women.
    pub suits_women: bool,
    /// Suitable for children.
    pub suits_children: bool,
    /// The site confirms the work is not commercial (KUHP art. 85).
    pub non_commercial: bool,
}

/// A checked work site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteDraft {
    /// Partner.
    pub partner_id: Uuid,
    /// PKS.
    pub agreement_id: Option<Uuid>,
    /// Name.
    pub name: String,
    /// Address.
    pub address: String,
    /// Area.
    pub area: Option<String>,
    /// Work.
    pub work_kind: String,
    /// Days.
    pub days: SiteDays,
    /// Opens.
    pub opens: Time,
    /// Closes.
    pub closes: Time,
    /// Capacity.
    pub capacity: u16,
    /// Supervisor's account.
    pub supervisor_id: Option<Uuid>,
    /// Supervisor's name (without an account).
    pub supervisor_name: Option<String>,
    /// Supervisor's phone.
    pub supervisor_phone: Option<String>,
    /// Women.
    pub suits_women: bool,
    /// Children.
    pub suits_children: bool,
}

fn optional_id(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<Uuid> {
    if raw.trim().is_empty() { None } else { parse_id(errors, field, raw) }
}

fn number<T: TryFrom<u32>>(errors: &mut FieldErrors, field: &str, raw: &str, range: (u32, u32)) -> Option<T> {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.add(field, Problem::Required);
        return None;
    }
    match raw.parse::<u32>() {
        Ok(n) if (range.0..=range.1).contains(&n) => T::try_from(n).ok(),
        _ => {
            errors.add(field, Problem::BadFormat);
            None
        }
    }
}

impl SiteForm {
    /// Checks a site: a partner, a name, an address, the work, days and hours (closing after
    /// opening), a capacity of 1 to [`MAX_CAPACITY`], a supervisor (an account or a name), and
    /// the confirmation that the work is not commercial.
    pub fn parse(&self) -> Result<SiteDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let partner_id = parse_id(&mut errors, "partner_id", &self.partner_id);
        let agreement_id = optional_id(&mut errors, "agreement_id", &self.agreement_id);
        let name = required_text(&mut errors, "name", &self.name, 200);
        let address = required_text(&mut errors, "address", &self.address, 500);
        let area = optional_text(&mut errors, "area", &self.area, 200);
        let work_kind = required_text(&mut errors, "work_kind", &self.work_kind, 300);
        let days = SiteDays::parse(&self.days);
        if days.is_none() {
            errors.add(
                "days",
                if self.days.trim().is_empty() { Problem::Required } else { Problem::BadFormat },
            );
        }
        let opens = time_field(&mut errors, "opens", &self.opens);
        let closes = time_field(&mut errors, "closes", &self.closes);
        if let (Some(o), Some(c)) = (opens, closes)
            && c <= o
        {
            errors.add("closes", Problem::BeforeStart);
        }
        let capacity = number::<u16>(&mut errors, "capacity", &self.capacity, (1, u32::from(MAX_CAPACITY)));
        let supervisor_id = optional_id(&mut errors, "supervisor_id", &self.supervisor_id);
        let supervisor_name = optional_text(&mut errors, "supervisor_name", &self.supervisor_name, 200);
        if supervisor_id.is_none() && supervisor_name.is_none() && errors.get("supervisor_id").is_none() {
            errors.add("supervisor_name", Problem::Required);
        }
        let supervisor_phone = optional_text(&mut errors, "supervisor_phone", &self.supervisor_phone, 40);
        if !self.non_commercial {
            errors.add("non_commercial", Problem::Required);
        }
        match (partner_id, days, opens, closes, capacity) {
            (Some(partner_id), Some(days), Some(opens), Some(closes), Some(capacity))
                if errors.is_empty() =>
            {
                Ok(SiteDraft {
                    partner_id,
                    agreement_id,
                    name,
                    address,
                    area,
                    work_kind,
                    days,
                    opens,
                    closes,
                    capacity,
                    supervisor_id,
                    supervisor_name,
                    supervisor_phone,
                    suits_women: self.suits_women,
                    suits_children: self.suits_children,
                })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// A placement as the PK types it from the court's decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlacementForm {
    /// The site (public id).
    pub site_id: String,
    /// The sentencing court.
    pub court: String,
    /// The decision's number.
    pub decision_number: String,
    /// Hours ordered.
    pub hours: String,
    /// `YYYY-MM-DD`: the first day hours may be worked.
    pub start_on: String,
    /// `YYYY-MM-DD`: the court's own deadline, when it set one.
    pub deadline: String,
    /// When the person works there.
    pub schedule: String,
}

/// A checked placement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementDraft {
    /// Site.
    pub site_id: Uuid,
    /// Court.
    pub court: String,
    /// Decision number.
    pub decision_number: String,
    /// The sentence (hours, start, deadline).
    pub sentence: Sentence,
    /// Schedule.
    pub schedule: String,
}

impl PlacementForm {
    /// Checks a placement: a site, the court and its decision, a sentence within the statute
    /// (see [`Sentence::new`]) and a schedule.
    pub fn parse(&self) -> Result<PlacementDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let site_id = parse_id(&mut errors, "site_id", &self.site_id);
        let court = required_text(&mut errors, "court", &self.court, 200);
        let decision_number = required_text(&mut errors, "decision_number", &self.decision_number, 100);
        let hours = number::<u16>(&mut errors, "hours", &self.hours, (0, 10_000));
        let start = date_field(&mut errors, "start_on", &self.start_on, true);
        let court_deadline = date_field(&mut errors, "deadline", &self.deadline, false);
        let schedule = required_text(&mut errors, "schedule", &self.schedule, 300);
        let sentence = match (hours, start) {
            (Some(hours), Some(start)) => match Sentence::new(hours, start, court_deadline) {
                Ok(s) => Some(s),
                Err((field, problem)) => {
                    errors.add(field, problem);
                    None
                }
            },
            _ => None,
        };
        match (site_id, sentence) {
            (Some(site_id), Some(sentence)) if errors.is_empty() => {
                Ok(PlacementDraft { site_id, court, decision_number, sentence, schedule })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// Why a session is corrected: required once it is signed off (it is evidence), kept with
/// the session and audited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CorrectionForm {
    /// The reason, as typed.
    pub reason: String,
}

/// A session as the site's supervisor (or the PK) types it: a day worked, or an absence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    /// `YYYY-MM-DD`.
    pub held_on: String,
    /// `"ya"` when the person did not come.
    pub absent: String,
    /// `HH:MM`.
    pub arrival: String,
    /// `HH:MM`.
    pub departure: String,
    /// Minutes of break (empty: none).
    pub break_minutes: String,
    /// What they did.
    pub work_done: String,
    /// Rating of attendance, `1` to `3`.
    pub attendance: String,
    /// Rating of effort.
    pub effort: String,
    /// Rating of behaviour.
    pub behaviour: String,
    /// Why they did not come.
    pub absence_reason: String,
    /// `"ya"` when the reason is acceptable, `"tidak"` when not.
    pub absence_accepted: String,
}

/// Ratings of a session, each 1 (kurang) to 3 (baik).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratings {
    /// Punctuality and attendance.
    pub attendance: u8,
    /// Effort.
    pub effort: u8,
    /// Behaviour.
    pub behaviour: u8,
}

/// What a session records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionEntry {
    /// A day worked.
    Worked {
        /// Arrival.
        arrival: Time,
        /// Departure.
        departure: Time,
        /// Break in minutes.
        break_minutes: u32,
        /// Minutes counted.
        minutes: u32,
        /// The work done.
        work_done: Option<String>,
        /// Ratings.
        ratings: Ratings,
    },
    /// The person did not come.
    Absent {
        /// Why.
        reason: String,
        /// Whether the reason is acceptable.
        accepted: bool,
    },
}

/// A checked session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDraft {
    /// The day.
    pub date: Date,
    /// Worked or absent.
    pub entry: SessionEntry,
}

impl SessionDraft {
    /// Minutes the session counts (none for an absence).
    pub fn minutes(&self) -> u32 {
        match self.entry {
            SessionEntry::Worked { minutes, .. } => minutes,
            SessionEntry::Absent { .. } => 0,
        }
    }
}

fn rating(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<u8> {
    number::<u8>(errors, field, raw, (1, 3))
}

impl SessionForm {
    /// Checks a session: a day not after `today`; for a day worked, arrival before departure
    /// and a break shorter than the session (see [`session_minutes`]) and the three ratings;
    /// for an absence, the reason and whether it is acceptable. Whether the day's and the
    /// sentence's hours allow it is checked against the ledger ([`super::check_session`]).
    pub fn parse(&self, today: Date) -> Result<SessionDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let date = date_not_after(&mut errors, "held_on", &self.held_on, today);
        let entry = if self.absent.trim() == "ya" {
            let reason = required_text(&mut errors, "absence_reason", &self.absence_reason, 500);
            let accepted = match self.absence_accepted.trim() {
                "ya" => Some(true),
                "tidak" => Some(false),
                "" => {
                    errors.add("absence_accepted", Problem::Required);
                    None
                }
                _ => {
                    errors.add("absence_accepted", Problem::BadFormat);
                    None
                }
            };
            accepted.map(|accepted| SessionEntry::Absent { reason, accepted })
        } else {
            let arrival = time_field(&mut errors, "arrival", &self.arrival);
            let departure = time_field(&mut errors, "departure", &self.departure);
            let break_minutes = if self.break_minutes.trim().is_empty() {
                Some(0)
            } else {
                number::<u32>(&mut errors, "break_minutes", &self.break_minutes, (0, MAX_BREAK_MINUTES))
            };
            let work_done = optional_text(&mut errors, "work_done", &self.work_done, 1000);
            let attendance = rating(&mut errors, "attendance", &self.attendance);
            let effort = rating(&mut errors, "effort", &self.effort);
            let behaviour = rating(&mut errors, "behaviour", &self.behaviour);
            let minutes = match (arrival, departure, break_minutes) {
                (Some(a), Some(d), Some(b)) => match session_minutes(a, d, b) {
                    Ok(m) => Some(m),
                    Err((field, problem)) => {
                        errors.add(field, problem);
                        None
                    }
                },
                _ => None,
            };
            match (arrival, departure, break_minutes, minutes, attendance, effort, behaviour) {
                (
                    Some(arrival),
                    Some(departure),
                    Some(break_minutes),
                    Some(minutes),
                    Some(a),
                    Some(e),
                    Some(b),
                ) => Some(SessionEntry::Worked {
                    arrival,
                    departure,
                    break_minutes,
                    minutes,
                    work_done,
                    ratings: Ratings { attendance: a, effort: e, behaviour: b },
                }),
                _ => None,
            }
        };
        match (date, entry) {
            (Some(date), Some(entry)) if errors.is_empty() => Ok(SessionDraft { date, entry }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, time};

    fn worked(arrival: &str, departure: &str) -> SessionForm {
        SessionForm {
            held_on: "2026-03-02".into(),
            arrival: arrival.into(),
            departure: departure.into(),
            break_minutes: "30".into(),
            attendance: "3".into(),
            effort: "2".into(),
            behaviour: "3".into(),
            ..SessionForm::default()
        }
    }

    fn field(form: &SessionForm, today: Date) -> Option<(String, Problem)> {
        let errors = form.parse(today).err()?.field_errors().cloned()?;
        errors.0.first().map(|e| (e.field.clone(), e.problem))
    }

    #[test]
    fn a_day_worked_counts_its_minutes_less_the_break() {
        let d = worked("08:00", "12:30").parse(date!(2026 - 03 - 02)).map(|d| d.minutes());
        assert_eq!(d, Ok(240));
        assert_eq!(
            field(&worked("12:00", "08:00"), date!(2026 - 03 - 02)),
            Some(("departure".into(), Problem::BeforeStart))
        );
        assert_eq!(
            field(
                &SessionForm { break_minutes: "241".into(), ..worked("08:00", "16:00") },
                date!(2026 - 03 - 02)
            ),
            Some(("break_minutes".into(), Problem::BadFormat))
        );
        assert_eq!(
            field(&worked("08:00", "12:00"), date!(2026 - 03 - 01)),
            Some(("held_on".into(), Problem::FutureDate)),
            "not in the future"
        );
    }

    #[test]
    fn an_absence_needs_a_reason_and_a_judgement() {
        let absent = SessionForm {
            held_on: "2026-03-02".into(),
            absent: "ya".into(),
            absence_reason: "Sakit, surat dokter".into(),
            absence_accepted: "ya".into(),
            ..SessionForm::default()
        };
        let parsed = absent.parse(date!(2026 - 03 - 02));
        assert_eq!(parsed.map(|d| d.minutes()), Ok(0));
        let no_reason = SessionForm { absence_reason: String::new(), ..absent };
        assert_eq!(
            field(&no_reason, date!(2026 - 03 - 02)),
            Some(("absence_reason".into(), Problem::Required))
        );
    }

    #[test]
    fn a_placement_carries_a_sentence_within_the_statute() {
        let form = PlacementForm {
            site_id: Uuid::from_u128(7).to_string(),
            court: "PN Jakarta Barat".into(),
            decision_number: "12/Pid.B/2026/PN Jkt.Brt".into(),
            hours: "240".into(),
            start_on: "2026-01-05".into(),
            deadline: String::new(),
            schedule: "Sabtu 08.00–12.00".into(),
        };
        assert_eq!(form.parse().map(|p| p.sentence.deadline), Ok(date!(2026 - 07 - 05)));
        let too_many = PlacementForm { hours: "241".into(), ..form.clone() };
        let errors = too_many.parse().err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert!(matches!(errors.get("hours"), Some(Problem::HoursOutOfRange { min: 8, max: 240 })));
        let long = PlacementForm { deadline: "2026-07-06".into(), ..form };
        let errors = long.parse().err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("deadline"), Some(Problem::ExceedsStatute));
    }

    #[test]
    fn a_site_needs_a_supervisor_and_non_commercial_work() {
        let form = SiteForm {
            partner_id: Uuid::from_u128(3).to_string(),
            name: "Kantor Kelurahan Kedoya Utara".into(),
            address: "Jl. Kedoya Raya 1".into(),
            work_kind: "Kebersihan lingkungan".into(),
            days: "senin-jumat".into(),
            opens: "08:00".into(),
            closes: "15:00".into(),
            capacity: "4".into(),
            supervisor_name: "Bapak Lurah".into(),
            non_commercial: true,
            ..SiteForm::default()
        };
        assert_eq!(form.parse().map(|s| (s.capacity, s.opens)), Ok((4, time!(08:00))));
        let bad = SiteForm {
            supervisor_name: String::new(),
            non_commercial: false,
            closes: "07:00".into(),
            ..form
        };
        let errors = bad.parse().err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("supervisor_name"), Some(Problem::Required));
        assert_eq!(errors.get("non_commercial"), Some(Problem::Required));
        assert_eq!(errors.get("closes"), Some(Problem::BeforeStart));
    }

    #[test]
    fn site_days() {
        assert!(SiteDays::Weekdays.takes(Weekday::Friday) && !SiteDays::Weekdays.takes(Weekday::Saturday));
        assert!(
            SiteDays::Weekend.takes(Weekday::Sunday) && !SiteDays::MondayToSaturday.takes(Weekday::Sunday)
        );
    }
}
