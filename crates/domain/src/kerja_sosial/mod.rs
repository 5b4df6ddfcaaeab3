//! Pidana kerja sosial (KUHP 2023 art. 85): the rules of the hours ledger.
//!
//! A court orders 8 to 240 hours, to be done within 6 months of the start (the court may set
//! a shorter period, never a longer one), at most 8 hours on one day. The ledger counts
//! minutes (a session of 3½ hours is common); this module decides whether a sentence and each
//! session may be recorded, and where a placement stands: not started, on track, behind, late
//! (past the deadline with hours left) or completed.

mod forms;
mod views;

pub use forms::*;
pub use views::*;

use serde::{Deserialize, Serialize};
use time::{Date, Time};

use crate::Problem;
use crate::calendar::add_months;
use crate::legal::{
    KERJA_SOSIAL_MAX_HOURS, KERJA_SOSIAL_MAX_HOURS_PER_DAY, KERJA_SOSIAL_MIN_HOURS,
    KERJA_SOSIAL_WITHIN_MONTHS,
};

/// Minutes in an hour.
const HOUR: u32 = 60;

/// What an order of hours outside the statute is refused with.
const HOURS_ALLOWED: Problem =
    Problem::HoursOutOfRange { min: KERJA_SOSIAL_MIN_HOURS, max: KERJA_SOSIAL_MAX_HOURS };

/// A sentence of community service as the court ordered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Hours ordered (8 to 240).
    pub hours: u16,
    /// The first day the hours may be worked.
    pub start: Date,
    /// The last day they may be worked: the court's, or 6 months after the start.
    pub deadline: Date,
}

impl Sentence {
    /// Checks a court's order. `court_deadline` is the court's own period, when it set one.
    /// Each refusal names the field it is about (`hours`, `deadline`).
    pub fn new(
        hours: u16,
        start: Date,
        court_deadline: Option<Date>,
    ) -> Result<Self, (&'static str, Problem)> {
        if hours < KERJA_SOSIAL_MIN_HOURS {
            return Err(("hours", HOURS_ALLOWED));
        }
        if hours > KERJA_SOSIAL_MAX_HOURS {
            return Err(("hours", HOURS_ALLOWED));
        }
        let statutory = add_months(start, KERJA_SOSIAL_WITHIN_MONTHS);
        let deadline = match court_deadline {
            None => statutory,
            Some(d) if d <= start => return Err(("deadline", Problem::BeforeStart)),
            Some(d) if d > statutory => return Err(("deadline", Problem::ExceedsStatute)),
            Some(d) => d,
        };
        Ok(Self { hours, start, deadline })
    }

    /// The sentence in minutes.
    pub fn minutes(&self) -> u32 {
        u32::from(self.hours) * HOUR
    }
}

/// The minutes a session counts: departure less arrival less the break. A departure not after
/// the arrival, or a break as long as the session, counts nothing and is refused.
pub fn session_minutes(
    arrival: Time,
    departure: Time,
    break_minutes: u32,
) -> Result<u32, (&'static str, Problem)> {
    let span = (departure - arrival).whole_minutes();
    let span = u32::try_from(span).ok().filter(|m| *m > 0).ok_or(("departure", Problem::BeforeStart))?;
    span.checked_sub(break_minutes).filter(|m| *m > 0).ok_or(("break_minutes", Problem::BreakTooLong))
}

/// Whether a session of `adding` minutes may be recorded on a day that already counts
/// `that_day` minutes, for a sentence of which `done` minutes are counted: at most 8 hours on
/// one day, and never past the hours ordered.
pub fn check_session(
    sentence: &Sentence,
    done: u32,
    that_day: u32,
    adding: u32,
) -> Result<(), (&'static str, Problem)> {
    let day_max = u32::from(KERJA_SOSIAL_MAX_HOURS_PER_DAY) * HOUR;
    if that_day + adding > day_max {
        return Err(("departure", Problem::HoursPerDay { max: KERJA_SOSIAL_MAX_HOURS_PER_DAY }));
    }
    if done + adding > sentence.minutes() {
        return Err(("departure", Problem::PastSentence { hours: sentence.hours }));
    }
    Ok(())
}

/// Where a placement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    /// No hour counted yet, and the deadline not passed.
    NotStarted,
    /// As many hours done as an even pace from start to deadline would have by now, or more.
    OnTrack,
    /// Fewer hours than an even pace would have by now.
    Behind,
    /// The deadline has passed with hours left.
    Late,
    /// Every hour ordered is done.
    Completed,
}

/// Where a placement stands on `today`, with `done` minutes counted.
pub fn progress(sentence: &Sentence, done: u32, today: Date) -> Progress {
    let total = sentence.minutes();
    if done >= total {
        return Progress::Completed;
    }
    if today > sentence.deadline {
        return Progress::Late;
    }
    if done == 0 {
        return Progress::NotStarted;
    }
    // An even pace: the share of the period gone (counting today) times the hours ordered.
    let period = (sentence.deadline - sentence.start).whole_days() + 1;
    let gone = ((today - sentence.start).whole_days() + 1).clamp(0, period);
    let expected = u64::from(total) * u64::try_from(gone).unwrap_or(0) / u64::try_from(period).unwrap_or(1);
    if u64::from(done) >= expected { Progress::OnTrack } else { Progress::Behind }
}

/// Minutes still to do.
pub fn remaining(sentence: &Sentence, done: u32) -> u32 {
    sentence.minutes().saturating_sub(done)
}

/// The pace needed from `today` to finish by the deadline: minutes per week (hours left over
/// the weeks left, a part week counting as one). None when done or past the deadline.
pub fn needed_per_week(sentence: &Sentence, done: u32, today: Date) -> Option<u32> {
    let left = remaining(sentence, done);
    if left == 0 || today > sentence.deadline {
        return None;
    }
    let days = (sentence.deadline - today.max(sentence.start)).whole_days() + 1;
    let weeks = u32::try_from((days + 6) / 7).unwrap_or(1).max(1);
    Some(left.div_ceil(weeks))
}

/// The prosecutor's office a letter about a placement goes to: the district attorney of
/// the court that sentenced (Pengadilan Negeri X → Kejaksaan Negeri X); a court named
/// otherwise leaves the district for the PK to write.
pub fn prosecutor_office(court: &str) -> String {
    const COURT: &str = "pengadilan negeri ";
    let court = court.trim();
    let district = court
        .get(..COURT.len())
        .filter(|prefix| prefix.eq_ignore_ascii_case(COURT))
        .and_then(|_| court.get(COURT.len()..))
        .map(str::trim)
        .filter(|d| !d.is_empty());
    match district {
        Some(d) => format!("Kejaksaan Negeri {d}"),
        None => "Kejaksaan Negeri".to_owned(),
    }
}

/// Days a session may wait for the site's sign-off before the PK is told.
pub const SIGN_OFF_WAIT_DAYS: i64 = 3;

/// Days an absence without an acceptable reason stays on the PK's Today list.
pub const ABSENCE_FOLLOW_UP_DAYS: i64 = 7;

/// One session of a ledger, as the follow-up reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerLine {
    /// The day worked (or missed).
    pub held_on: Date,
    /// The day it was recorded.
    pub recorded_on: Date,
    /// Minutes counted.
    pub minutes: u32,
    /// Whether it is signed off (only signed-off minutes count).
    pub signed: bool,
    /// For an absence, whether its reason was accepted.
    pub absence: Option<bool>,
}

/// What the PK must follow up of a person's active placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUp {
    /// Where the placement stands.
    pub progress: Progress,
    /// The deadline.
    pub deadline: Date,
    /// The latest absence without an acceptable reason in the last [`ABSENCE_FOLLOW_UP_DAYS`].
    pub unexcused_absence: Option<Date>,
    /// The day of the oldest session waiting for sign-off longer than [`SIGN_OFF_WAIT_DAYS`].
    pub waiting_since: Option<Date>,
}

/// What the PK must follow up of a placement with this ledger on `today`.
pub fn follow_up(sentence: &Sentence, ledger: &[LedgerLine], today: Date) -> FollowUp {
    let done = ledger.iter().filter(|l| l.signed).map(|l| l.minutes).sum();
    let days_since = |d: Date| (today - d).whole_days();
    let unexcused_absence = ledger
        .iter()
        .filter(|l| l.absence == Some(false) && (0..=ABSENCE_FOLLOW_UP_DAYS).contains(&days_since(l.held_on)))
        .map(|l| l.held_on)
        .max();
    let waiting_since = ledger
        .iter()
        .filter(|l| !l.signed && days_since(l.recorded_on) > SIGN_OFF_WAIT_DAYS)
        .map(|l| l.held_on)
        .min();
    FollowUp {
        progress: progress(sentence, done, today),
        deadline: sentence.deadline,
        unexcused_absence,
        waiting_since,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, time};

    const START: Date = date!(2026 - 01 - 05);

    fn sentence(hours: u16) -> Sentence {
        Sentence::new(hours, START, None).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn a_sentence_is_8_to_240_hours() {
        assert_eq!(Sentence::new(7, START, None), Err(("hours", HOURS_ALLOWED)));
        assert!(Sentence::new(8, START, None).is_ok());
        assert!(Sentence::new(240, START, None).is_ok());
        assert_eq!(Sentence::new(241, START, None), Err(("hours", HOURS_ALLOWED)));
    }

    #[test]
    fn the_deadline_is_six_months_or_the_court_s_shorter_one() {
        assert_eq!(sentence(40).deadline, date!(2026 - 07 - 05));
        let shorter = Sentence::new(40, START, Some(date!(2026 - 03 - 31)));
        assert_eq!(shorter.map(|s| s.deadline), Ok(date!(2026 - 03 - 31)));
        assert!(Sentence::new(40, START, Some(date!(2026 - 07 - 05))).is_ok(), "exactly six months");
        assert_eq!(
            Sentence::new(40, START, Some(date!(2026 - 07 - 06))),
            Err(("deadline", Problem::ExceedsStatute)),
            "longer is refused"
        );
        assert_eq!(Sentence::new(40, START, Some(START)), Err(("deadline", Problem::BeforeStart)));
    }

    #[test]
    fn a_session_counts_its_time_less_the_break() {
        assert_eq!(session_minutes(time!(08:00), time!(12:30), 30), Ok(240));
        assert_eq!(session_minutes(time!(08:00), time!(08:00), 0), Err(("departure", Problem::BeforeStart)));
        assert_eq!(session_minutes(time!(09:00), time!(08:00), 0), Err(("departure", Problem::BeforeStart)));
        assert_eq!(
            session_minutes(time!(08:00), time!(09:00), 60),
            Err(("break_minutes", Problem::BreakTooLong))
        );
    }

    #[test]
    fn at_most_eight_hours_a_day_and_never_past_the_sentence() {
        let s = sentence(40);
        assert!(check_session(&s, 0, 0, 8 * 60).is_ok(), "eight hours on one day");
        assert_eq!(
            check_session(&s, 0, 4 * 60, 4 * 60 + 1),
            Err(("departure", Problem::HoursPerDay { max: 8 }))
        );
        assert!(check_session(&s, 36 * 60, 0, 4 * 60).is_ok(), "the last four hours");
        assert_eq!(
            check_session(&s, 36 * 60, 0, 4 * 60 + 1),
            Err(("departure", Problem::PastSentence { hours: 40 }))
        );
    }

    #[test]
    fn where_a_placement_stands() {
        let s = sentence(40); // 2026-01-05 .. 2026-07-05: 182 days.
        assert_eq!(progress(&s, 0, START), Progress::NotStarted);
        assert_eq!(progress(&s, 60, START), Progress::OnTrack);
        // Half the period gone (day 91 of 182): 20 hours expected.
        let half = date!(2026 - 04 - 05);
        assert_eq!(progress(&s, 20 * 60, half), Progress::OnTrack);
        assert_eq!(progress(&s, 20 * 60 - 1, half), Progress::Behind);
        assert_eq!(
            progress(&s, 39 * 60, date!(2026 - 07 - 05)),
            Progress::Behind,
            "the last day, hours left"
        );
        assert_eq!(progress(&s, 39 * 60, date!(2026 - 07 - 06)), Progress::Late);
        assert_eq!(progress(&s, 0, date!(2026 - 07 - 06)), Progress::Late);
        assert_eq!(progress(&s, 40 * 60, date!(2026 - 07 - 06)), Progress::Completed);
    }

    #[test]
    fn the_pace_needed_is_hours_left_over_weeks_left() {
        let s = sentence(40);
        assert_eq!(remaining(&s, 10 * 60), 30 * 60);
        // 2026-06-22 .. 2026-07-05 is 14 days: two weeks for 30 hours.
        assert_eq!(needed_per_week(&s, 10 * 60, date!(2026 - 06 - 22)), Some(15 * 60));
        // The last day is a week of its own.
        assert_eq!(needed_per_week(&s, 10 * 60, date!(2026 - 07 - 05)), Some(30 * 60));
        assert_eq!(needed_per_week(&s, 40 * 60, date!(2026 - 06 - 22)), None, "done");
        assert_eq!(needed_per_week(&s, 0, date!(2026 - 07 - 06)), None, "past the deadline");
    }

    fn line(
        held_on: Date,
        recorded_on: Date,
        minutes: u32,
        signed: bool,
        absence: Option<bool>,
    ) -> LedgerLine {
        LedgerLine { held_on, recorded_on, minutes, signed, absence }
    }

    #[test]
    fn follow_up_names_unexcused_absences_and_sign_offs_waiting_to_the_day() {
        let s = sentence(40);
        let today = date!(2026 - 03 - 10);
        let ledger = [
            line(date!(2026 - 03 - 02), date!(2026 - 03 - 02), 0, true, Some(false)), // 8 days ago
            line(date!(2026 - 03 - 03), date!(2026 - 03 - 03), 0, true, Some(false)), // 7 days ago
            line(date!(2026 - 03 - 04), date!(2026 - 03 - 04), 0, true, Some(true)),  // excused
            line(date!(2026 - 03 - 05), date!(2026 - 03 - 06), 240, false, None),     // 4 days waiting
            line(date!(2026 - 03 - 07), date!(2026 - 03 - 07), 240, false, None),     // 3 days waiting
        ];
        let f = follow_up(&s, &ledger, today);
        assert_eq!(f.unexcused_absence, Some(date!(2026 - 03 - 03)), "the last day of the week counts");
        assert_eq!(f.waiting_since, Some(date!(2026 - 03 - 05)), "over three days since it was recorded");
        assert_eq!(f.progress, Progress::NotStarted, "unsigned hours do not count");
        assert_eq!(f.deadline, s.deadline);
        let f = follow_up(&s, &ledger[2..], today);
        assert_eq!(f.unexcused_absence, None);
        let f = follow_up(&s, &ledger[4..], today);
        assert_eq!(f.waiting_since, None, "three days is not over three");
    }

    #[test]
    fn follow_up_completes_on_the_last_signed_hour() {
        let s = sentence(8);
        let today = date!(2026 - 01 - 06);
        let mut ledger = [line(START, START, 8 * 60, false, None)];
        assert_eq!(follow_up(&s, &ledger, today).progress, Progress::NotStarted);
        ledger[0].signed = true;
        assert_eq!(follow_up(&s, &ledger, today).progress, Progress::Completed);
    }

    #[test]
    fn the_letter_goes_to_the_sentencing_court_s_district_attorney() {
        assert_eq!(prosecutor_office("Pengadilan Negeri Jakarta Barat"), "Kejaksaan Negeri Jakarta Barat");
        assert_eq!(prosecutor_office("  pengadilan negeri Jambi "), "Kejaksaan Negeri Jambi");
        assert_eq!(prosecutor_office("Pengadilan Negeri "), "Kejaksaan Negeri");
        assert_eq!(prosecutor_office("PN Jambi"), "Kejaksaan Negeri");
        assert_eq!(prosecutor_office("Pengadilan"), "Kejaksaan Negeri", "shorter than the prefix");
        assert_eq!(prosecutor_office("Pengadilan Negeri 🏛"), "Kejaksaan Negeri 🏛");
    }
}
