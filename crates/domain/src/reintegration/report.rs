//! The monthly report of a Bapas: what reintegration did in a calendar month — the needs map
//! at the month's end against the previous month's, each programme's participants and
//! sessions, the Klien Bapas Peduli activities, the UMKM businesses and the action plans'
//! progress as of the month's end. The office prints it on its letterhead; the Kanwil reads
//! its region's. It counts and never names a client.
//!
//! A month is counted from its first day to its last, both included; a month still running
//! is counted to today and says so.

use serde::{Deserialize, Serialize};
use time::Date;

use super::action_plan::PlanView;
use super::needs_map::NeedsMap;
use super::peduli::{ActivityKind, MonthCount};
use super::programmes::{EnrolmentStatus, ProgrammeKind};
use super::umkm::BusinessStatus;
use crate::abh::litmas::Letterhead;
use crate::calendar::CalendarMonth;
use crate::caseload::PersonRef;

/// How many months back a report can be asked for (the current one included).
pub const REPORT_MONTHS: usize = 12;

/// The days a report counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPeriod {
    /// The month.
    pub month: CalendarMonth,
    /// The day compared with: the previous month's last.
    pub since: Date,
    /// The last day counted: the month's last, or today while it runs.
    pub as_of: Date,
    /// Whether the month is over (the report will not change with time).
    pub complete: bool,
}

impl ReportPeriod {
    /// `month` as counted on `today`; `None` for a month that has not begun.
    pub fn of(month: CalendarMonth, today: Date) -> Option<Self> {
        if month.first_day() > today {
            return None;
        }
        let last = month.last_day();
        Some(Self {
            month,
            since: month.previous().last_day(),
            as_of: last.min(today),
            complete: last < today,
        })
    }

    /// Whether `day` falls in the counted days.
    pub fn contains(&self, day: Date) -> bool {
        self.month.first_day() <= day && day <= self.as_of
    }
}

/// The month a report opens on: the last complete one (a monthly report is written once its
/// month is over).
pub fn default_month(today: Date) -> CalendarMonth {
    CalendarMonth::of(today).previous()
}

/// The months a report can be asked for on `today`, newest first.
pub fn months_offered(today: Date) -> Vec<CalendarMonth> {
    let mut months = CalendarMonth::of(today).last(REPORT_MONTHS);
    months.reverse();
    months
}

/// One enrolment, as the report counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnrolmentFacts {
    /// The day the participant joined (checked in, for a transit house).
    pub enrolled_on: Date,
    /// The day they completed or dropped out.
    pub ended_on: Option<Date>,
    /// Where they stand now.
    pub status: EnrolmentStatus,
}

/// One session whose attendance was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionFacts {
    /// The day.
    pub held_on: Date,
    /// Participants present.
    pub present: u32,
    /// Participants on its roll.
    pub roll: u32,
}

/// A programme's month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeMonth {
    /// The programme.
    pub programme: PersonRef,
    /// Its kind.
    pub kind: ProgrammeKind,
    /// The partner that runs it with the office.
    pub partner: Option<String>,
    /// Participants at any time in the month.
    pub took_part: u32,
    /// Of them, who joined in the month.
    pub joined: u32,
    /// Who completed in the month.
    pub completed: u32,
    /// Who dropped out in the month.
    pub dropped: u32,
    /// Still taking part at the month's end (or today).
    pub at_end: u32,
    /// Sessions held with attendance recorded.
    pub sessions: u32,
    /// Participants present, over those sessions.
    pub present: u32,
    /// Participants on the rolls, over those sessions.
    pub roll: u32,
}

impl ProgrammeMonth {
    /// Attendance in percent, rounded down; `None` without a recorded session.
    pub fn attendance(&self) -> Option<u32> {
        (self.roll > 0).then(|| self.present * 100 / self.roll)
    }

    /// Whether anything happened: a programme without participants or sessions in the month
    /// is listed once, at the end.
    pub fn is_idle(&self) -> bool {
        self.took_part == 0 && self.sessions == 0
    }
}

/// Counts a programme's month from its enrolments and recorded sessions.
pub fn programme_month(
    programme: PersonRef,
    kind: ProgrammeKind,
    partner: Option<String>,
    period: &ReportPeriod,
    enrolments: &[EnrolmentFacts],
    sessions: &[SessionFacts],
) -> ProgrammeMonth {
    let first = period.month.first_day();
    let mut out = ProgrammeMonth {
        programme,
        kind,
        partner,
        took_part: 0,
        joined: 0,
        completed: 0,
        dropped: 0,
        at_end: 0,
        sessions: 0,
        present: 0,
        roll: 0,
    };
    for e in enrolments {
        // An end after the counted days has not happened yet as of them.
        let ended = e.ended_on.filter(|end| *end <= period.as_of);
        if e.enrolled_on > period.as_of || ended.is_some_and(|end| end < first) {
            continue;
        }
        out.took_part += 1;
        out.joined += u32::from(e.enrolled_on >= first);
        match ended {
            Some(_) if e.status == EnrolmentStatus::Selesai => out.completed += 1,
            Some(_) if e.status == EnrolmentStatus::Keluar => out.dropped += 1,
            Some(_) => {}
            None => out.at_end += 1,
        }
    }
    for s in sessions.iter().filter(|s| period.contains(s.held_on)) {
        out.sessions += 1;
        out.present += s.present;
        out.roll += s.roll;
    }
    out
}

/// One Klien Bapas Peduli activity of the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityLine {
    /// The day.
    pub held_on: Date,
    /// What it was.
    pub kind: ActivityKind,
    /// Where.
    pub place: String,
    /// Clients who took part.
    pub clients: u32,
}

/// The office's Klien Bapas Peduli month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeduliMonth {
    /// Activities, and clients counted once however many they joined.
    pub count: MonthCount,
    /// The activities, in date order.
    pub activities: Vec<ActivityLine>,
}

/// One business, as the report counts it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusinessFacts {
    /// Its status changes, in the order made (the first is its registration).
    pub changes: Vec<(Date, BusinessStatus)>,
    /// The support it received: day and value in rupiah, when valued.
    pub supports: Vec<(Date, Option<u64>)>,
}

/// The office's UMKM month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessMonth {
    /// Businesses running at the month's end.
    pub running: u32,
    /// Of all, planned and not started at the month's end.
    pub planned: u32,
    /// Started running in the month.
    pub started: u32,
    /// Stopped in the month.
    pub stopped: u32,
    /// Support given in the month.
    pub supports: u32,
    /// Its value in rupiah.
    pub support_value: u64,
}

/// Counts the office's businesses' month.
pub fn business_month(period: &ReportPeriod, businesses: &[BusinessFacts]) -> BusinessMonth {
    let mut out = BusinessMonth::default();
    for b in businesses {
        let at_end = b.changes.iter().rfind(|(on, _)| *on <= period.as_of).map(|(_, s)| *s);
        out.running += u32::from(at_end == Some(BusinessStatus::Berjalan));
        out.planned += u32::from(at_end == Some(BusinessStatus::Direncanakan));
        let in_month = |status| b.changes.iter().any(|(on, s)| *s == status && period.contains(*on));
        out.started += u32::from(in_month(BusinessStatus::Berjalan));
        out.stopped += u32::from(in_month(BusinessStatus::Berhenti));
        for (_, value) in b.supports.iter().filter(|(on, _)| period.contains(*on)) {
            out.supports += 1;
            out.support_value = out.support_value.saturating_add(value.unwrap_or(0));
        }
    }
    out
}

/// An office's monthly report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyReport {
    /// The office.
    pub bapas: PersonRef,
    /// Its letterhead.
    pub letterhead: Letterhead,
    /// The days counted.
    pub period: ReportPeriod,
    /// The needs map at the end of the counted days, against the previous month's end.
    pub needs: NeedsMap,
    /// Each programme of the office, the busiest first, idle ones last.
    pub programmes: Vec<ProgrammeMonth>,
    /// Klien Bapas Peduli.
    pub peduli: PeduliMonth,
    /// UMKM.
    pub businesses: BusinessMonth,
    /// The action plans running in the month, with progress as of its end.
    pub plans: Vec<PlanView>,
    /// The months the viewer may switch to, newest first.
    pub months: Vec<CalendarMonth>,
    /// The other offices whose report the viewer reads.
    pub offices: Vec<PersonRef>,
    /// The day the report was made.
    pub prepared_on: Date,
}

impl MonthlyReport {
    /// Participants across programmes in the month (a client in two programmes counts twice).
    pub fn participants(&self) -> u32 {
        self.programmes.iter().map(|p| p.took_part).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;
    use uuid::Uuid;

    fn month(year: i32, month: u8) -> CalendarMonth {
        CalendarMonth { year, month }
    }

    fn period(m: CalendarMonth, today: Date) -> ReportPeriod {
        ReportPeriod::of(m, today).expect("a month begun")
    }

    #[test]
    fn a_past_month_counts_from_its_first_day_to_its_last_against_the_month_before() {
        let p = period(month(2026, 11), date!(2026 - 12 - 04));
        assert_eq!((p.since, p.as_of, p.complete), (date!(2026 - 10 - 31), date!(2026 - 11 - 30), true));
        assert!(p.contains(date!(2026 - 11 - 01)) && p.contains(date!(2026 - 11 - 30)));
        assert!(!p.contains(date!(2026 - 10 - 31)) && !p.contains(date!(2026 - 12 - 01)));
    }

    #[test]
    fn february_and_the_new_year_end_where_the_calendar_does() {
        let feb = period(month(2028, 2), date!(2028 - 03 - 10));
        assert_eq!((feb.since, feb.as_of), (date!(2028 - 01 - 31), date!(2028 - 02 - 29)), "a leap year");
        let jan = period(month(2027, 1), date!(2027 - 02 - 01));
        assert_eq!(jan.since, date!(2026 - 12 - 31), "compared with December of the year before");
    }

    #[test]
    fn the_running_month_counts_to_today_and_a_future_one_not_at_all() {
        let p = period(month(2026, 12), date!(2026 - 12 - 04));
        assert_eq!((p.as_of, p.complete), (date!(2026 - 12 - 04), false));
        assert!(!p.contains(date!(2026 - 12 - 05)), "tomorrow is not counted yet");
        let last_day = period(month(2026, 12), date!(2026 - 12 - 31));
        assert!(!last_day.complete, "the last day is still running");
        assert_eq!(ReportPeriod::of(month(2027, 1), date!(2026 - 12 - 31)), None);
    }

    #[test]
    fn the_report_opens_on_the_last_complete_month_and_offers_a_year() {
        assert_eq!(default_month(date!(2027 - 01 - 01)), month(2026, 12));
        let months = months_offered(date!(2026 - 12 - 04));
        assert_eq!(months.len(), REPORT_MONTHS);
        assert_eq!((months[0], months[11]), (month(2026, 12), month(2026, 1)));
    }

    fn enrolment(on: Date, ended: Option<Date>, status: EnrolmentStatus) -> EnrolmentFacts {
        EnrolmentFacts { enrolled_on: on, ended_on: ended, status }
    }

    fn count(p: &ReportPeriod, e: &[EnrolmentFacts], s: &[SessionFacts]) -> ProgrammeMonth {
        let programme = PersonRef { id: Uuid::nil(), name: "Kursus".into() };
        programme_month(programme, ProgrammeKind::Kemandirian, None, p, e, s)
    }

    #[test]
    fn participants_are_counted_by_what_happened_within_the_month() {
        use EnrolmentStatus::*;
        let p = period(month(2026, 11), date!(2026 - 12 - 04));
        let e = [
            enrolment(date!(2026 - 10 - 01), None, Aktif), // all month
            enrolment(date!(2026 - 11 - 01), Some(date!(2026 - 11 - 30)), Selesai), // joined, completed
            enrolment(date!(2026 - 10 - 15), Some(date!(2026 - 11 - 10)), Keluar), // dropped
            enrolment(date!(2026 - 09 - 01), Some(date!(2026 - 10 - 31)), Selesai), // ended before
            enrolment(date!(2026 - 12 - 01), None, Aktif), // joined after
            enrolment(date!(2026 - 11 - 20), Some(date!(2026 - 12 - 02)), Keluar), // dropped after
        ];
        let m = count(&p, &e, &[]);
        assert_eq!((m.took_part, m.joined, m.completed, m.dropped, m.at_end), (4, 2, 1, 1, 2));
        assert!(!m.is_idle());
    }

    #[test]
    fn sessions_and_attendance_count_within_the_counted_days() {
        let p = period(month(2026, 12), date!(2026 - 12 - 04));
        let s = [
            SessionFacts { held_on: date!(2026 - 11 - 30), present: 9, roll: 9 },
            SessionFacts { held_on: date!(2026 - 12 - 01), present: 3, roll: 4 },
            SessionFacts { held_on: date!(2026 - 12 - 04), present: 2, roll: 4 },
        ];
        let m = count(&p, &[], &s);
        assert_eq!((m.sessions, m.present, m.roll, m.attendance()), (2, 5, 8, Some(62)));
        assert_eq!(count(&p, &[], &[]).attendance(), None);
        assert!(count(&p, &[], &[]).is_idle());
    }

    #[test]
    fn businesses_are_counted_as_they_stood_at_the_month_s_end() {
        use BusinessStatus::*;
        let p = period(month(2026, 11), date!(2026 - 12 - 04));
        let b = [
            BusinessFacts {
                changes: vec![(date!(2026 - 09 - 01), Direncanakan), (date!(2026 - 11 - 03), Berjalan)],
                supports: vec![(date!(2026 - 11 - 02), Some(2_500_000)), (date!(2026 - 12 - 01), Some(1))],
            },
            BusinessFacts {
                changes: vec![(date!(2026 - 08 - 01), Berjalan), (date!(2026 - 11 - 30), Berhenti)],
                supports: vec![(date!(2026 - 11 - 15), None)],
            },
            BusinessFacts { changes: vec![(date!(2026 - 12 - 01), Berjalan)], supports: vec![] },
            BusinessFacts { changes: vec![(date!(2026 - 10 - 01), Direncanakan)], supports: vec![] },
        ];
        let m = business_month(&p, &b);
        assert_eq!((m.running, m.planned, m.started, m.stopped), (1, 1, 1, 1));
        assert_eq!((m.supports, m.support_value), (2, 2_500_000));
    }
}
