//! The office's vitals: the few figures that say whether supervision goes well, each for the
//! office and per PK, now and a month earlier. Their definitions live here, as pure
//! functions over the same facts the Today list reads, so that the dashboard, its drill-down
//! lists and the methodology note cannot drift apart.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};

use crate::caseload::{ClientSummary, PersonRef, TodayReason};
use crate::office::OfficeRef;
use crate::oversight::today_groups::PkChoice;
use crate::page::Page;
use crate::reporting::{Schedule, periods};

text_enum! {
    /// A figure of the dashboard. The text form is its anchor on the methodology page and
    /// its drill-down's address.
    Vital {
        /// Share of the reports due in the last 30 days that were made in their period.
        ReportsOnTime30 => "lapor-tepat-30",
        /// The same over 90 days.
        ReportsOnTime90 => "lapor-tepat-90",
        /// Clients with a report missed and not yet made up for.
        Overdue => "terlambat-lapor",
        /// Clients whose misses in a row reach the revocation threshold.
        RevocationWarnings => "peringatan-pencabutan",
        /// Clients never assessed, or whose risk reassessment is due.
        ReassessmentsDue => "asesmen-ulang",
        /// Kerja sosial placements behind an even pace, or past their deadline.
        WorkBehind => "kerja-sosial-tertinggal",
    }
}

impl Vital {
    /// Whether a higher value is better (a share met) or worse (a count of problems).
    pub fn higher_is_better(self) -> bool {
        matches!(self, Vital::ReportsOnTime30 | Vital::ReportsOnTime90)
    }

    /// For a share of reports on time, the days it looks back.
    pub fn window_days(self) -> Option<i64> {
        match self {
            Vital::ReportsOnTime30 => Some(30),
            Vital::ReportsOnTime90 => Some(90),
            _ => None,
        }
    }

    /// The figure's zero: a count of none, or a share of none due.
    pub fn zero(self) -> Tally {
        if self.window_days().is_some() { Tally::share(0, 0) } else { Tally::count(0) }
    }

    /// Whether a client listed on Today for `reasons` counts towards this figure (the
    /// counts; the shares are read from the reporting history instead).
    pub fn counts(self, reasons: &[TodayReason]) -> bool {
        reasons.iter().any(|r| match self {
            Vital::Overdue => {
                matches!(r, TodayReason::Overdue { .. } | TodayReason::RevocationWarning { .. })
            }
            Vital::RevocationWarnings => matches!(r, TodayReason::RevocationWarning { .. }),
            Vital::ReassessmentsDue => matches!(r, TodayReason::ReassessmentDue { .. }),
            Vital::WorkBehind => matches!(r, TodayReason::WorkBehind { .. } | TodayReason::WorkLate { .. }),
            Vital::ReportsOnTime30 | Vital::ReportsOnTime90 => false,
        })
    }
}

/// A figure's value: a count, or a share met of a number due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    /// Counted (met, for a share).
    pub count: u64,
    /// Due, for a share; `None` for a plain count.
    pub of: Option<u64>,
}

impl Tally {
    /// A plain count.
    pub fn count(count: u64) -> Tally {
        Tally { count, of: None }
    }

    /// A share: `met` of `due`.
    pub fn share(met: u64, due: u64) -> Tally {
        Tally { count: met, of: Some(due) }
    }

    /// Adds another tally of the same figure.
    pub fn add(&mut self, other: Tally) {
        self.count += other.count;
        self.of = match (self.of, other.of) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        };
    }

    /// The share in whole per cent (rounded half up); `None` for a count or when nothing
    /// was due.
    pub fn percent(&self) -> Option<u64> {
        let of = self.of.filter(|of| *of > 0)?;
        Some((self.count * 200 + of) / (of * 2))
    }

    /// The number the dashboard compares and charts: the per cent of a share, else the count.
    pub fn figure(&self) -> Option<u64> {
        if self.of.is_some() { self.percent() } else { Some(self.count) }
    }
}

/// Reports due in `[from, to]` and how many of them were made in their period — on or before
/// the due day, after the previous one. Only due dates before `today` are decided: a report
/// due today can still be made.
pub fn reports_on_time(segments: &[Schedule], reports: &[Date], from: Date, to: Date, today: Date) -> Tally {
    let mut tally = Tally::share(0, 0);
    for (start, due) in periods(segments, to) {
        if due < from || due > to || due >= today {
            continue;
        }
        let met = reports.iter().any(|r| *r >= start && *r <= due);
        tally.add(Tally::share(u64::from(met), 1));
    }
    tally
}

/// The window a share of reports on time covers as of `today`: the `days` days before it.
pub fn window(today: Date, days: i64) -> (Date, Date) {
    let to = today.previous_day().unwrap_or(today);
    let from = today.checked_sub(Duration::days(days)).unwrap_or(Date::MIN);
    (from, to)
}

/// The day the dashboard compares with: the same day a month earlier (the month's last day
/// when it is shorter, 31 December → 30 November).
pub fn month_before(today: Date) -> Date {
    let month = today.month().previous();
    let year = if month == Month::December { today.year() - 1 } else { today.year() };
    let day = today.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(today)
}

/// One row of the per-PK table: a figure for one officer (or for the clients no officer holds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerTally {
    /// The officer; `None` for clients no officer holds.
    pub pk: Option<PersonRef>,
    /// Now.
    pub now: Tally,
    /// A month earlier.
    pub before: Tally,
}

impl OfficerTally {
    /// The choice that opens this officer's part of the list behind the figure.
    pub fn choice(&self) -> PkChoice {
        PkChoice::of(self.pk.as_ref())
    }

    /// Whether the officer's figure got worse since a month earlier.
    pub fn worse(&self, vital: Vital) -> bool {
        match (self.now.figure(), self.before.figure()) {
            (Some(now), Some(before)) if vital.higher_is_better() => now < before,
            (Some(now), Some(before)) => now > before,
            _ => false,
        }
    }
}

/// A figure of the dashboard with its breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VitalRow {
    /// Which figure.
    pub vital: Vital,
    /// The office, now.
    pub now: Tally,
    /// The office, a month earlier.
    pub before: Tally,
    /// Per officer, in the dashboard's officer order.
    pub officers: Vec<OfficerTally>,
}

impl VitalRow {
    /// Whether the figure got worse since a month earlier (`None` when either side has no
    /// value, as a share with nothing due).
    pub fn worse(&self) -> Option<bool> {
        let (now, before) = (self.now.figure()?, self.before.figure()?);
        Some(if self.vital.higher_is_better() { now < before } else { now > before })
    }
}

/// The Kabapas dashboard of one office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeVitals {
    /// The office.
    pub bapas: OfficeRef,
    /// The day the figures stand at (the office's today).
    pub as_of: Date,
    /// The day they are compared with.
    pub before: Date,
    /// The figures, in [`Vital::ALL`] order.
    pub rows: Vec<VitalRow>,
    /// Offices the reader may choose between (one for a Kabapas).
    pub offices: Vec<OfficeRef>,
    /// Whether the reader may open the lists of clients behind the figures.
    pub drill_down: bool,
}

/// One client behind a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VitalLine {
    /// The client, masked as the client list masks them.
    pub client: ClientSummary,
    /// For a share of reports on time, the client's own (reports met of due in the window).
    pub tally: Option<Tally>,
    /// What the Today list says of them today.
    pub reasons: Vec<TodayReason>,
}

/// The list behind a figure of an office's dashboard, now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VitalList {
    /// The office.
    pub bapas: OfficeRef,
    /// The figure.
    pub vital: Vital,
    /// The day it stands at.
    pub as_of: Date,
    /// The officer whose clients are listed, when one was chosen, with their name.
    pub pk: Option<(PkChoice, Option<PersonRef>)>,
    /// A page of the clients who make up the figure.
    pub page: Page<VitalLine>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporting::Frequency;
    use time::macros::date;

    fn weekly() -> Vec<Schedule> {
        // Due every Monday from 9 November: 9, 16, 23, 30 November, 7 December.
        vec![Schedule { anchor: date!(2026 - 11 - 02), frequency: Frequency::Weekly }]
    }

    #[test]
    fn a_report_on_the_due_day_is_on_time_and_one_a_day_late_is_not() {
        let today = date!(2026 - 12 - 05);
        let (from, to) = window(today, 30);
        // 9 Nov reported on the day: on time. 16 Nov reported a day late, on 17 Nov: a miss,
        // and the report falls in the next period, so 23 Nov is met. 30 Nov: nothing.
        let reports = [date!(2026 - 11 - 09), date!(2026 - 11 - 17)];
        let tally = reports_on_time(&weekly(), &reports, from, to, today);
        assert_eq!(tally, Tally::share(2, 4));
        assert_eq!(tally.percent(), Some(50));
    }

    #[test]
    fn a_report_due_today_is_not_yet_decided() {
        let today = date!(2026 - 11 - 30);
        let (from, to) = window(today, 30);
        let tally = reports_on_time(&weekly(), &[], from, to, today);
        // 9, 16, 23 November; 30 November is today's.
        assert_eq!(tally, Tally::share(0, 3));
    }

    #[test]
    fn the_window_starts_exactly_its_days_before_today() {
        let today = date!(2026 - 12 - 09);
        let (from, to) = window(today, 30);
        assert_eq!((from, to), (date!(2026 - 11 - 09), date!(2026 - 12 - 08)));
        // 9 November is on the window's first day and counts; 2 November would not.
        assert_eq!(reports_on_time(&weekly(), &[], from, to, today), Tally::share(0, 5));
    }

    #[test]
    fn nothing_due_has_no_percent_and_a_share_rounds_half_up() {
        assert_eq!(Tally::share(0, 0).percent(), None);
        assert_eq!(Tally::share(1, 8).percent(), Some(13));
        assert_eq!(Tally::share(2, 3).percent(), Some(67));
        assert_eq!(Tally::count(4).percent(), None);
        assert_eq!(Tally::count(4).figure(), Some(4));
    }

    #[test]
    fn a_month_before_keeps_the_day_or_takes_the_shorter_month_s_last() {
        assert_eq!(month_before(date!(2026 - 12 - 05)), date!(2026 - 11 - 05));
        assert_eq!(month_before(date!(2026 - 12 - 31)), date!(2026 - 11 - 30));
        assert_eq!(month_before(date!(2026 - 03 - 31)), date!(2026 - 02 - 28));
        assert_eq!(month_before(date!(2026 - 01 - 15)), date!(2025 - 12 - 15));
    }

    #[test]
    fn counts_read_the_today_reasons() {
        let warning = [TodayReason::RevocationWarning { misses: 3 }];
        assert!(Vital::Overdue.counts(&warning));
        assert!(Vital::RevocationWarnings.counts(&warning));
        let overdue = [TodayReason::Overdue { since: date!(2026 - 11 - 30) }];
        assert!(Vital::Overdue.counts(&overdue));
        assert!(!Vital::RevocationWarnings.counts(&overdue));
        assert!(Vital::WorkBehind.counts(&[TodayReason::WorkLate { deadline: date!(2026 - 11 - 30) }]));
        assert!(Vital::ReassessmentsDue.counts(&[TodayReason::ReassessmentDue { since: None }]));
        assert!(!Vital::ReportsOnTime30.counts(&warning));
    }

    #[test]
    fn worse_knows_which_way_is_up() {
        let row = |vital, now, before| VitalRow { vital, now, before, officers: Vec::new() };
        assert_eq!(row(Vital::Overdue, Tally::count(3), Tally::count(2)).worse(), Some(true));
        assert_eq!(row(Vital::ReportsOnTime30, Tally::share(3, 4), Tally::share(1, 2)).worse(), Some(false));
        assert_eq!(row(Vital::ReportsOnTime30, Tally::share(0, 0), Tally::share(1, 2)).worse(), None);
    }
}
