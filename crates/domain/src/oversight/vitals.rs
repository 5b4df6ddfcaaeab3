//! The office's vitals: the few figures that say whether supervision goes well, each for the
//! office and per PK, now and a month earlier. Their definitions live here, as pure
//! functions over the same facts the Today list reads, so that the dashboard, its drill-down
//! lists and the methodology note cannot drift apart.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month, OffsetDateTime};

use crate::abh::clock::{Clock, ClockState, end_of_day, state};

use crate::caseload::{ClientSummary, PersonRef, TodayReason};
use crate::office::{OfficeRef, Zone};
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
        /// Share of the SPPA diversion clocks (start, finish, acting on a breach) decided this
        /// month that were met.
        SppaClocks => "jam-sppa",
        /// Share of the Litmas clocks decided this month that were met: delivered within 3×24 h.
        LitmasOnTime => "litmas-3x24",
        /// Share of the referrals decided this month that the partner answered by their due day.
        ReferralsAnswered => "rujukan-dijawab",
        /// Kerja sosial placements behind an even pace, or past their deadline.
        WorkBehind => "kerja-sosial-tertinggal",
        /// Share of the supervised clients enrolled in a reintegration programme.
        ProgrammeParticipation => "ikut-program",
    }
}

impl Vital {
    /// Whether the figure is a share (met of due) rather than a count of clients.
    pub fn is_share(self) -> bool {
        !matches!(
            self,
            Vital::Overdue | Vital::RevocationWarnings | Vital::ReassessmentsDue | Vital::WorkBehind
        )
    }

    /// Whether a higher value is better (a share met) or worse (a count of problems).
    pub fn higher_is_better(self) -> bool {
        self.is_share()
    }

    /// Whether the figure counts deadlines decided since the first of the month (met or
    /// breached), rather than standing on one day.
    pub fn by_month(self) -> bool {
        matches!(self, Vital::SppaClocks | Vital::LitmasOnTime | Vital::ReferralsAnswered)
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
        if self.is_share() { Tally::share(0, 0) } else { Tally::count(0) }
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
            Vital::ReportsOnTime30
            | Vital::ReportsOnTime90
            | Vital::SppaClocks
            | Vital::LitmasOnTime
            | Vital::ReferralsAnswered
            | Vital::ProgrammeParticipation => false,
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

/// The first day of `day`'s month: where a figure counted by month starts.
pub fn month_start(day: Date) -> Date {
    day.replace_day(1).unwrap_or(day)
}

/// A deadline and when what it waits for was done: a statutory clock of a child's case, or
/// a referral's due day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The last instant it may be done in.
    pub due: OffsetDateTime,
    /// When it was done, if it was.
    pub done: Option<OffsetDateTime>,
}

impl Deadline {
    /// A clock's deadline, when its rule applies.
    pub fn of_clock(clock: &Clock) -> Option<Deadline> {
        let done = match clock.state {
            ClockState::Met { at } => Some(at),
            ClockState::Breached { done_at } => done_at,
            ClockState::Running => None,
            ClockState::NotApplicable => return None,
        };
        clock.due.map(|due| Deadline { due, done })
    }

    /// A referral's: the end of its due day in the office's zone, and when the partner
    /// answered it.
    pub fn of_day(due_on: Date, zone: Zone, answered: Option<OffsetDateTime>) -> Deadline {
        Deadline { due: end_of_day(due_on, zone), done: answered }
    }

    /// When it was decided as of `as_of`, and whether it was met: met when done by the
    /// deadline (on its last second included), breached the moment the deadline passed.
    /// `None` while still running, or when only done after `as_of`.
    pub fn decided(&self, as_of: OffsetDateTime) -> Option<(OffsetDateTime, bool)> {
        match state(self.due, self.done.filter(|d| *d <= as_of), as_of) {
            ClockState::Met { at } => Some((at, true)),
            ClockState::Breached { .. } => Some((self.due, false)),
            ClockState::Running | ClockState::NotApplicable => None,
        }
    }
}

/// Deadlines decided from `from` to `as_of` (both included) and how many of them were met.
pub fn deadlines_met(deadlines: &[Deadline], from: OffsetDateTime, as_of: OffsetDateTime) -> Tally {
    let mut tally = Tally::share(0, 0);
    for (at, met) in deadlines.iter().filter_map(|d| d.decided(as_of)) {
        if at >= from && at <= as_of {
            tally.add(Tally::share(u64::from(met), 1));
        }
    }
    tally
}

/// Whether a client is enrolled in a programme on `day`: an enrolment begun by then and not
/// ended before it (its last day counts). `spans` are (enrolled on, ended on).
pub fn enrolled(spans: &[(Date, Option<Date>)], day: Date) -> bool {
    spans.iter().any(|(from, to)| *from <= day && to.is_none_or(|to| to >= day))
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

    fn at(s: &str) -> OffsetDateTime {
        OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).expect("a test instant")
    }

    #[test]
    fn a_clock_met_on_its_last_second_counts_as_met_and_one_a_second_late_is_breached() {
        let due = at("2026-12-03T10:00:00Z");
        let (from, as_of) = (at("2026-12-01T00:00:00Z"), at("2026-12-05T00:00:00Z"));
        let on_time = Deadline { due, done: Some(due) };
        let late = Deadline { due, done: Some(due + Duration::seconds(1)) };
        let never = Deadline { due, done: None };
        assert_eq!(deadlines_met(&[on_time], from, as_of), Tally::share(1, 1));
        assert_eq!(deadlines_met(&[late], from, as_of), Tally::share(0, 1));
        assert_eq!(deadlines_met(&[on_time, late, never], from, as_of), Tally::share(1, 3));
    }

    #[test]
    fn a_running_clock_is_not_decided_and_a_deed_after_the_day_read_is_not_seen() {
        let due = at("2026-12-06T10:00:00Z");
        let (from, as_of) = (at("2026-12-01T00:00:00Z"), at("2026-12-05T00:00:00Z"));
        assert_eq!(deadlines_met(&[Deadline { due, done: None }], from, as_of), Tally::share(0, 0));
        // Done early counts when it was done; done after the day read, not yet.
        let early = Deadline { due, done: Some(at("2026-12-04T08:00:00Z")) };
        assert_eq!(deadlines_met(&[early], from, as_of), Tally::share(1, 1));
        let tomorrow = Deadline { due, done: Some(at("2026-12-05T08:00:00Z")) };
        assert_eq!(deadlines_met(&[tomorrow], from, as_of), Tally::share(0, 0));
        // A clock met on the day it falls due exactly at the instant read: met.
        assert_eq!(
            deadlines_met(&[Deadline { due: as_of, done: Some(as_of) }], from, as_of),
            Tally::share(1, 1)
        );
    }

    #[test]
    fn a_month_starts_at_midnight_in_the_office_s_zone() {
        // Breached at 16:30 UTC on 30 November: 23:30 that day in WIB (November's), 01:30 on
        // 1 December in WIT (December's).
        let breached = Deadline { due: at("2026-11-30T16:30:00Z"), done: None };
        let as_of = at("2026-12-05T00:00:00Z");
        let december = month_start(date!(2026 - 12 - 05));
        let from = |zone| crate::abh::clock::start_of_day(december, zone);
        assert_eq!(deadlines_met(&[breached], from(Zone::Wib), as_of), Tally::share(0, 0));
        assert_eq!(deadlines_met(&[breached], from(Zone::Wit), as_of), Tally::share(0, 1));
        // A referral due on 30 November runs to the end of that day where the office is.
        let referral = Deadline::of_day(date!(2026 - 11 - 30), Zone::Wib, Some(at("2026-11-30T16:59:59Z")));
        assert_eq!(referral.decided(as_of), Some((at("2026-11-30T16:59:59Z"), true)));
        assert_eq!(month_start(date!(2026 - 02 - 28)), date!(2026 - 02 - 01));
    }

    #[test]
    fn an_enrolment_counts_from_its_first_day_to_its_last() {
        let spans = [(date!(2026 - 11 - 10), Some(date!(2026 - 11 - 20)))];
        assert!(!enrolled(&spans, date!(2026 - 11 - 09)));
        assert!(enrolled(&spans, date!(2026 - 11 - 10)));
        assert!(enrolled(&spans, date!(2026 - 11 - 20)));
        assert!(!enrolled(&spans, date!(2026 - 11 - 21)));
        assert!(enrolled(&[(date!(2026 - 11 - 10), None)], date!(2027 - 01 - 01)));
    }

    #[test]
    fn shares_are_better_higher_and_counts_lower() {
        for vital in Vital::ALL.iter().copied() {
            assert_eq!(vital.zero().of.is_some(), vital.is_share(), "{vital:?}");
            assert_eq!(vital.higher_is_better(), vital.is_share(), "{vital:?}");
        }
        assert!(Vital::LitmasOnTime.by_month() && !Vital::ProgrammeParticipation.by_month());
    }
}
