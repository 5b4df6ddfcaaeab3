//! The statutory clocks of a child's case, as instants in UTC.
//!
//! Deadlines counted in hours (the Litmas's 3×24 h, art. 28) run from the instant the request
//! arrived. Deadlines counted in days from a calendar date (diversion, arts. 29, 42, 52) end
//! at the close of the last day *in the office's time zone*: the same date ends seven hours
//! after UTC midnight in WIB and nine in WIT, so the zone is part of the computation.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time};

use crate::office::Zone;

/// Hours a PK has to deliver a Litmas after the request (3×24 h).
pub const LITMAS_HOURS: i64 = 72;
/// Days within which diversion must start at a stage.
pub const DIVERSION_START_DAYS: i64 = 7;
/// Days within which a started diversion must finish.
pub const DIVERSION_FINISH_DAYS: i64 = 30;
/// Days the official has to act on the PK's report of a breached agreement (art. 14).
pub const BREACH_ACTION_DAYS: i64 = 7;
/// Below this much time left, a running clock is shown as urgent.
pub const URGENT_HOURS: i64 = 24;

text_enum! {
    /// The three stages of a child's case, each with its own diversion attempt.
    #[derive(PartialOrd, Ord)]
    Stage {
        /// Investigation (police); the trigger is the start of the investigation.
        Penyidikan => "penyidikan",
        /// Prosecution; the trigger is the day the prosecutor received the file.
        Penuntutan => "penuntutan",
        /// Court; the trigger is the day the judge was appointed.
        Pengadilan => "pengadilan",
    }
}

/// What a clock counts down to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClockKind {
    /// Delivering a requested Litmas (3×24 h).
    Litmas,
    /// Starting diversion at a stage (7 days).
    DiversionStart(Stage),
    /// Finishing diversion at a stage (30 days from its start).
    DiversionFinish(Stage),
    /// The official acting on a breached diversion agreement (7 days).
    BreachAction,
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockState {
    /// Still counting; the deadline has not passed.
    Running,
    /// Done in time, at this instant.
    Met {
        /// When it was done.
        at: OffsetDateTime,
    },
    /// The deadline passed without it being done, or it was done late.
    Breached {
        /// When it was done, if it was (late).
        done_at: Option<OffsetDateTime>,
    },
    /// The rule does not apply to this case (e.g. diversion for a 7-year offence).
    NotApplicable,
}

impl ClockState {
    /// Whether the clock still needs someone to act: running or breached without being done.
    pub fn is_open(self) -> bool {
        matches!(self, ClockState::Running | ClockState::Breached { done_at: None })
    }
}

/// How pressing an open clock is, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Urgency {
    /// The deadline has passed.
    Breached,
    /// Less than 24 hours left.
    Urgent,
    /// More time than that.
    Normal,
    /// Nothing left to do (met or not applicable, or done late).
    Closed,
}

/// The Litmas deadline: 72 hours after the request was received.
pub fn litmas_due(received: OffsetDateTime) -> OffsetDateTime {
    received + Duration::hours(LITMAS_HOURS)
}

/// The last instant of `date` in the zone (23:59:59), as UTC.
pub fn end_of_day(date: Date, zone: Zone) -> OffsetDateTime {
    PrimitiveDateTime::new(date, Time::from_hms(23, 59, 59).unwrap_or(Time::MIDNIGHT))
        .assume_offset(zone.offset())
        .to_offset(time::UtcOffset::UTC)
}

/// The first instant of `date` in the zone, as UTC: how a thing recorded only by its date
/// counts as done.
pub fn start_of_day(date: Date, zone: Zone) -> OffsetDateTime {
    PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_offset(zone.offset()).to_offset(time::UtcOffset::UTC)
}

fn days_after(date: Date, days: i64) -> Date {
    date.checked_add(Duration::days(days)).unwrap_or(Date::MAX)
}

/// The deadline to start diversion: the end of the 7th day after the stage's trigger date.
pub fn diversion_start_due(trigger: Date, zone: Zone) -> OffsetDateTime {
    end_of_day(days_after(trigger, DIVERSION_START_DAYS), zone)
}

/// The deadline to finish diversion: the end of the 30th day after it started.
pub fn diversion_finish_due(started: Date, zone: Zone) -> OffsetDateTime {
    end_of_day(days_after(started, DIVERSION_FINISH_DAYS), zone)
}

/// The deadline for the official to act on a reported breach: 7 days after the report.
pub fn breach_action_due(reported: OffsetDateTime) -> OffsetDateTime {
    reported + Duration::days(BREACH_ACTION_DAYS)
}

/// A clock's state: done at or before the deadline is met (exactly on it counts); not done
/// is running until the deadline has passed.
pub fn state(due: OffsetDateTime, done: Option<OffsetDateTime>, now: OffsetDateTime) -> ClockState {
    match done {
        Some(at) if at <= due => ClockState::Met { at },
        Some(at) => ClockState::Breached { done_at: Some(at) },
        None if now > due => ClockState::Breached { done_at: None },
        None => ClockState::Running,
    }
}

/// One clock of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// What it counts down to.
    pub kind: ClockKind,
    /// The deadline; `None` only when not applicable.
    pub due: Option<OffsetDateTime>,
    /// Where it stands.
    pub state: ClockState,
}

impl Clock {
    /// A clock from its deadline and when it was done.
    pub fn new(
        kind: ClockKind,
        due: OffsetDateTime,
        done: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Self {
        Clock { kind, due: Some(due), state: state(due, done, now) }
    }

    /// A clock whose rule does not apply.
    pub fn not_applicable(kind: ClockKind) -> Self {
        Clock { kind, due: None, state: ClockState::NotApplicable }
    }

    /// Time left until the deadline (negative once passed); `None` when not applicable.
    pub fn left(&self, now: OffsetDateTime) -> Option<Duration> {
        self.due.map(|due| due - now)
    }

    /// How pressing the clock is at `now`.
    pub fn urgency(&self, now: OffsetDateTime) -> Urgency {
        match (self.state, self.left(now)) {
            (ClockState::Breached { done_at: None }, _) => Urgency::Breached,
            (ClockState::Running, Some(left)) if left < Duration::hours(URGENT_HOURS) => Urgency::Urgent,
            (ClockState::Running, _) => Urgency::Normal,
            _ => Urgency::Closed,
        }
    }
}

/// An instant as the office's clock shows it.
pub fn local(instant: OffsetDateTime, zone: Zone) -> PrimitiveDateTime {
    let at = instant.to_offset(zone.offset());
    PrimitiveDateTime::new(at.date(), at.time())
}

/// An instant as the office's wall clock writes it in a form, `YYYY-MM-DDTHH:MM` (what
/// `<input type="datetime-local">` holds); the reverse of
/// [`super::litmas::parse_local_datetime`] read with [`from_local`].
pub fn wall_clock(instant: OffsetDateTime, zone: Zone) -> String {
    let at = local(instant, zone);
    format!("{}T{:02}:{:02}", at.date(), at.hour(), at.minute())
}

/// A wall-clock time at an office, as the UTC instant it is.
pub fn from_local(at: PrimitiveDateTime, zone: Zone) -> OffsetDateTime {
    at.assume_offset(zone.offset()).to_offset(time::UtcOffset::UTC)
}

/// Orders open clocks for a deadlines board: breached first (the longest overdue on top),
/// then by time left.
pub fn board_order(a: &Clock, b: &Clock, now: OffsetDateTime) -> std::cmp::Ordering {
    let breached = |c: &Clock| c.urgency(now) == Urgency::Breached;
    breached(b).cmp(&breached(a)).then(a.due.cmp(&b.due))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn litmas_due_after_exactly_72_hours() {
        let received = datetime!(2026-11-24 01:00 UTC);
        let due = litmas_due(received);
        assert_eq!(due, datetime!(2026-11-27 01:00 UTC));
        assert_eq!(state(due, Some(due), due), ClockState::Met { at: due }, "on the dot is in time");
        let late = due + Duration::seconds(1);
        assert_eq!(state(due, Some(late), late), ClockState::Breached { done_at: Some(late) });
        assert_eq!(state(due, None, due), ClockState::Running, "not yet passed at the deadline");
        assert_eq!(state(due, None, late), ClockState::Breached { done_at: None });
    }

    #[test]
    fn request_at_2330_wib_crosses_the_month_end() {
        let received = from_local(datetime!(2026-11-30 23:30), Zone::Wib);
        assert_eq!(received, datetime!(2026-11-30 16:30 UTC));
        let due = litmas_due(received);
        assert_eq!(local(due, Zone::Wib), datetime!(2026-12-03 23:30));
        assert_eq!(wall_clock(due, Zone::Wib), "2026-12-03T23:30");
    }

    #[test]
    fn the_same_wall_clock_request_at_wita_and_wit_offices() {
        let wall = datetime!(2026-11-30 23:30);
        let wita = litmas_due(from_local(wall, Zone::Wita));
        let wit = litmas_due(from_local(wall, Zone::Wit));
        assert_eq!(wita, datetime!(2026-12-03 15:30 UTC));
        assert_eq!(wit, datetime!(2026-12-03 14:30 UTC));
        assert_eq!(local(wita, Zone::Wita), datetime!(2026-12-03 23:30));
        assert_eq!(local(wit, Zone::Wit), datetime!(2026-12-03 23:30));
        // Seen from a WIB office the WIT deadline is two hours earlier on its clock.
        assert_eq!(local(wit, Zone::Wib), datetime!(2026-12-03 21:30));
    }

    #[test]
    fn diversion_days_end_at_the_office_midnight() {
        let wib = diversion_start_due(date!(2026 - 11 - 24), Zone::Wib);
        assert_eq!(local(wib, Zone::Wib), datetime!(2026-12-01 23:59:59));
        let wit = diversion_start_due(date!(2026 - 11 - 24), Zone::Wit);
        assert_eq!(wib - wit, Duration::hours(2));
        let started = date!(2026 - 12 - 01);
        assert_eq!(
            state(wib, Some(start_of_day(started, Zone::Wib)), wib),
            ClockState::Met { at: start_of_day(started, Zone::Wib) }
        );
        let late = start_of_day(date!(2026 - 12 - 02), Zone::Wib);
        assert!(matches!(state(wib, Some(late), late), ClockState::Breached { .. }));
        let finish = diversion_finish_due(started, Zone::Wib);
        assert_eq!(local(finish, Zone::Wib), datetime!(2026-12-31 23:59:59));
    }

    #[test]
    fn breach_action_within_seven_days_of_the_report() {
        let reported = datetime!(2026-11-24 03:00 UTC);
        assert_eq!(breach_action_due(reported), datetime!(2026-12-01 03:00 UTC));
    }

    #[test]
    fn urgency_turns_red_under_24_hours() {
        let due = datetime!(2026-11-27 01:00 UTC);
        let clock = Clock::new(ClockKind::Litmas, due, None, due - Duration::hours(30));
        assert_eq!(clock.urgency(due - Duration::hours(30)), Urgency::Normal);
        assert_eq!(clock.urgency(due - Duration::hours(24)), Urgency::Normal);
        assert_eq!(clock.urgency(due - Duration::hours(23)), Urgency::Urgent);
        let later = due + Duration::minutes(1);
        assert_eq!(Clock::new(ClockKind::Litmas, due, None, later).urgency(later), Urgency::Breached);
        assert_eq!(Clock::not_applicable(ClockKind::BreachAction).urgency(later), Urgency::Closed);
    }

    #[test]
    fn board_puts_breached_first_then_least_time_left() {
        let now = datetime!(2026-11-24 00:00 UTC);
        let soon = Clock::new(ClockKind::Litmas, now + Duration::hours(2), None, now);
        let later = Clock::new(ClockKind::Litmas, now + Duration::hours(50), None, now);
        let overdue = Clock::new(ClockKind::Litmas, now - Duration::hours(1), None, now);
        let long_overdue = Clock::new(ClockKind::Litmas, now - Duration::hours(9), None, now);
        let mut clocks = vec![later, soon, overdue, long_overdue];
        clocks.sort_by(|a, b| board_order(a, b, now));
        assert_eq!(clocks, vec![long_overdue, overdue, soon, later]);
    }
}
