//! Wajib lapor (reporting): when a client is due, which reports were missed, and when the
//! misses call for a revocation warning.
//!
//! No statute ties the frequency to the risk band, so the frequency per band is a per-office
//! setting ([`ReportingFrequencies`]) with a default. Three consecutive missed reports are a
//! ground for revocation of PB/CB/CMB (statute), so that threshold is code.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::calendar::add_months;

/// Consecutive missed reports that are a ground for revocation.
pub const REVOCATION_MISSES: u32 = 3;

/// How often a client reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Frequency {
    /// Every 7 days.
    Weekly,
    /// Every 14 days.
    Fortnightly,
    /// Every calendar month, on the start's day (clamped to shorter months).
    Monthly,
}

/// The risk bands of the RRI instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RiskBand {
    /// Rendah (low).
    Rendah,
    /// Sedang (medium).
    Sedang,
    /// Tinggi (high).
    Tinggi,
    /// Sangat tinggi (very high).
    SangatTinggi,
}

impl RiskBand {
    /// Every band, lowest first.
    pub const ALL: [RiskBand; 4] =
        [RiskBand::Rendah, RiskBand::Sedang, RiskBand::Tinggi, RiskBand::SangatTinggi];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskBand::Rendah => "rendah",
            RiskBand::Sedang => "sedang",
            RiskBand::Tinggi => "tinggi",
            RiskBand::SangatTinggi => "sangat_tinggi",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<RiskBand> {
        Self::ALL.into_iter().find(|b| b.as_str() == raw.trim())
    }
}

impl Frequency {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Fortnightly => "fortnightly",
            Frequency::Monthly => "monthly",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<Frequency> {
        [Frequency::Weekly, Frequency::Fortnightly, Frequency::Monthly]
            .into_iter()
            .find(|f| f.as_str() == raw.trim())
    }
}

/// The reporting frequency of each risk band (a setting per Bapas).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingFrequencies {
    /// For Rendah, and for clients not yet assessed.
    pub rendah: Frequency,
    /// For Sedang.
    pub sedang: Frequency,
    /// For Tinggi.
    pub tinggi: Frequency,
    /// For Sangat tinggi.
    pub sangat_tinggi: Frequency,
}

impl Default for ReportingFrequencies {
    fn default() -> Self {
        Self {
            rendah: Frequency::Monthly,
            sedang: Frequency::Fortnightly,
            tinggi: Frequency::Weekly,
            sangat_tinggi: Frequency::Weekly,
        }
    }
}

impl ReportingFrequencies {
    /// The frequency for a band; an unassessed client reports as Rendah until assessed.
    pub fn for_band(&self, band: Option<RiskBand>) -> Frequency {
        match band {
            None | Some(RiskBand::Rendah) => self.rendah,
            Some(RiskBand::Sedang) => self.sedang,
            Some(RiskBand::Tinggi) => self.tinggi,
            Some(RiskBand::SangatTinggi) => self.sangat_tinggi,
        }
    }
}

/// A reporting schedule: from `anchor` (supervision start, or the day the frequency last
/// changed), one report due every period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// The first day of the first period.
    pub anchor: Date,
    /// How often.
    pub frequency: Frequency,
}

/// Where a client stands with reporting on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingStatus {
    /// The next due date on or after today.
    pub next_due: Date,
    /// Due dates already past with no report in their period, oldest first.
    pub missed: Vec<Date>,
    /// Misses in a row up to today (a report resets the count).
    pub consecutive_misses: u32,
    /// Whether the client already reported in the current period (the one ending on
    /// `next_due`): nothing is due, and an earlier miss has been made up for.
    pub reported_this_period: bool,
}

impl ReportingStatus {
    /// Whether the misses in a row reach the revocation threshold.
    pub fn revocation_warning(&self) -> bool {
        self.consecutive_misses >= REVOCATION_MISSES
    }
}

impl Schedule {
    /// The `n`-th due date (n ≥ 1): the last day of the n-th period.
    pub fn due(&self, n: u32) -> Date {
        let n = n.max(1);
        let date = match self.frequency {
            Frequency::Weekly => self.anchor.checked_add(Duration::days(7 * i64::from(n))),
            Frequency::Fortnightly => self.anchor.checked_add(Duration::days(14 * i64::from(n))),
            Frequency::Monthly => Some(add_months(self.anchor, n)),
        };
        date.unwrap_or(Date::MAX)
    }

    /// Assesses the reports made (any order) as of `today`. A period runs from the day after
    /// the previous due date (the anchor itself for the first) to its due date inclusive; a
    /// due date before today whose period holds no report is a miss.
    pub fn status(&self, reports: &[Date], today: Date) -> ReportingStatus {
        status_over(std::slice::from_ref(self), reports, today)
    }
}

/// When a client's risk band changes, so may their frequency: the reporting history is a
/// run of schedules, each from its anchor until the next one's. A period still open when the
/// frequency changes is dropped (the new schedule's first period starts that day), and misses
/// in a row carry across the change.
pub fn status_over(segments: &[Schedule], reports: &[Date], today: Date) -> ReportingStatus {
    let reported = |from: Date, due: Date| reports.iter().any(|r| *r >= from && *r <= due);
    let mut missed = Vec::new();
    let mut consecutive = 0u32;
    for (from, due) in periods(segments, today) {
        if due >= today {
            return ReportingStatus {
                next_due: due,
                missed,
                consecutive_misses: consecutive,
                reported_this_period: reported(from, due),
            };
        }
        if reported(from, due) {
            consecutive = 0;
        } else {
            missed.push(due);
            consecutive += 1;
        }
    }
    // Only when no period is open today (no schedules, or one starting after today).
    let next_due = segments.last().map_or(today, |s| s.due(1));
    ReportingStatus { next_due, missed, consecutive_misses: consecutive, reported_this_period: false }
}

/// Every period of the schedules that has begun by `until`, as (first day, due date), in
/// order. A period cut short by the next schedule is left out.
pub fn periods(segments: &[Schedule], until: Date) -> Vec<(Date, Date)> {
    let mut out = Vec::new();
    for (k, segment) in segments.iter().enumerate() {
        let next_anchor = segments.get(k + 1).map(|next| next.anchor);
        let mut from = segment.anchor;
        let mut n = 1;
        while from <= until {
            let due = segment.due(n);
            if due == Date::MAX || next_anchor.is_some_and(|anchor| due >= anchor) {
                break;
            }
            out.push((from, due));
            from = due.next_day().unwrap_or(Date::MAX);
            n += 1;
        }
    }
    out
}

/// The first day of the period open on `today` (the one whose due date is today or later),
/// if the schedules have begun by then. Every report from that day on may count for it.
pub fn open_period_start(segments: &[Schedule], today: Date) -> Option<Date> {
    periods(segments, today).into_iter().find(|(_, due)| *due >= today).map(|(from, _)| from)
}

/// Whether the reports from a cutoff on (a day no later than [`open_period_start`]) and
/// `before`, the last report before that cutoff, give [`status_over`] on `today` the
/// answer the whole history would, in all the Today list reads of it: the misses in a row
/// and their due dates, the open period's report, the next due date.
///
/// They do when there is no earlier report, or when that report falls in a period that
/// counts: the run of misses stops at a period with a report, and every report after it is
/// known. A report in a period cut short by a change of frequency (or made before the
/// supervision began) counts for no period, and then the run may reach further back than
/// what was read.
pub fn latest_before_decides(segments: &[Schedule], before: Option<Date>, today: Date) -> bool {
    before.is_none_or(|day| periods(segments, today).iter().any(|(from, due)| *from <= day && day <= *due))
}

/// The schedules of a client's supervision: from `start` at the unassessed frequency, then a
/// new one from each assessment (`(date, band)`, any order) that changes the frequency.
pub fn schedules(
    start: Date,
    assessments: &[(Date, RiskBand)],
    frequencies: &ReportingFrequencies,
) -> Vec<Schedule> {
    let mut sorted: Vec<(Date, RiskBand)> = assessments.to_vec();
    sorted.sort();
    let mut out = vec![Schedule { anchor: start, frequency: frequencies.for_band(None) }];
    for (date, band) in sorted {
        let frequency = frequencies.for_band(Some(band));
        let anchor = date.max(start);
        let Some(current) = out.last_mut() else { continue };
        if current.frequency == frequency {
            continue;
        }
        if current.anchor == anchor {
            // Several assessments on the start day (or one day): the last one rules.
            current.frequency = frequency;
        } else {
            out.push(Schedule { anchor, frequency });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn weekly() -> Schedule {
        Schedule { anchor: date!(2026 - 11 - 02), frequency: Frequency::Weekly }
    }

    #[test]
    fn default_frequencies_follow_risk() {
        let f = ReportingFrequencies::default();
        assert_eq!(f.for_band(None), Frequency::Monthly);
        assert_eq!(f.for_band(Some(RiskBand::Sedang)), Frequency::Fortnightly);
        assert_eq!(f.for_band(Some(RiskBand::SangatTinggi)), Frequency::Weekly);
    }

    #[test]
    fn monthly_due_dates_keep_the_anchor_day() {
        let s = Schedule { anchor: date!(2026 - 01 - 31), frequency: Frequency::Monthly };
        assert_eq!(s.due(1), date!(2026 - 02 - 28));
        assert_eq!(s.due(2), date!(2026 - 03 - 31), "no drift after a short month");
        assert_eq!(s.due(13), date!(2027 - 02 - 28));
    }

    #[test]
    fn a_due_date_today_is_not_yet_missed() {
        let st = weekly().status(&[], date!(2026 - 11 - 09));
        assert_eq!(st.next_due, date!(2026 - 11 - 09));
        assert!(st.missed.is_empty());
        let st = weekly().status(&[], date!(2026 - 11 - 10));
        assert_eq!(st.missed, vec![date!(2026 - 11 - 09)]);
        assert_eq!(st.next_due, date!(2026 - 11 - 16));
    }

    #[test]
    fn third_consecutive_miss_warns() {
        let today = date!(2026 - 11 - 24);
        let two = weekly().status(&[], date!(2026 - 11 - 17));
        assert_eq!((two.consecutive_misses, two.revocation_warning()), (2, false));
        let three = weekly().status(&[], today);
        assert_eq!((three.consecutive_misses, three.revocation_warning()), (3, true));
    }

    #[test]
    fn interrupted_misses_do_not_warn() {
        // Missed the 9th and the 16th, reported on the 20th, missed the 30th.
        let reports = [date!(2026 - 11 - 20)];
        let st = weekly().status(&reports, date!(2026 - 12 - 01));
        assert_eq!(st.missed, vec![date!(2026 - 11 - 09), date!(2026 - 11 - 16), date!(2026 - 11 - 30)]);
        assert_eq!(st.consecutive_misses, 1);
        assert!(!st.revocation_warning());
    }

    #[test]
    fn report_on_the_anchor_day_counts_for_the_first_period() {
        let st = weekly().status(&[date!(2026 - 11 - 02)], date!(2026 - 11 - 10));
        assert!(st.missed.is_empty());
    }

    #[test]
    fn misses_carry_across_a_change_of_frequency() {
        // Monthly from 1 September; assessed Tinggi on 15 October: weekly from then.
        let f = ReportingFrequencies::default();
        let segs = schedules(date!(2026 - 09 - 01), &[(date!(2026 - 10 - 15), RiskBand::Tinggi)], &f);
        assert_eq!(segs.len(), 2);
        let st = status_over(&segs, &[], date!(2026 - 10 - 30));
        // 1 October (monthly) missed; the period to 1 November is dropped at the change;
        // weekly dues 22 and 29 October missed.
        assert_eq!(st.missed, vec![date!(2026 - 10 - 01), date!(2026 - 10 - 22), date!(2026 - 10 - 29)]);
        assert_eq!(st.consecutive_misses, 3);
        assert!(st.revocation_warning());
        assert_eq!(st.next_due, date!(2026 - 11 - 05));
        // The same band again changes nothing; a lower one goes back to monthly.
        let same = schedules(
            date!(2026 - 09 - 01),
            &[(date!(2026 - 10 - 15), RiskBand::Tinggi), (date!(2026 - 10 - 20), RiskBand::SangatTinggi)],
            &f,
        );
        assert_eq!(same.len(), 2);
        let back = schedules(
            date!(2026 - 09 - 01),
            &[(date!(2026 - 10 - 15), RiskBand::Tinggi), (date!(2026 - 11 - 01), RiskBand::Rendah)],
            &f,
        );
        assert_eq!(back.len(), 3);
        assert_eq!(back[2].frequency, Frequency::Monthly);
    }

    #[test]
    fn an_assessment_on_the_first_day_sets_the_first_frequency() {
        let f = ReportingFrequencies::default();
        let segs = schedules(date!(2026 - 09 - 01), &[(date!(2026 - 08 - 20), RiskBand::Tinggi)], &f);
        assert_eq!(segs, vec![Schedule { anchor: date!(2026 - 09 - 01), frequency: Frequency::Weekly }]);
    }

    proptest! {
        #[test]
        fn status_over_segments_never_panics(
            changes in proptest::collection::vec((0i64..300, 0usize..4), 0..6),
            offsets in proptest::collection::vec(0i64..400, 0..30), today_offset in 0i64..400,
        ) {
            let start = date!(2026 - 01 - 01);
            let assessments: Vec<(Date, RiskBand)> =
                changes.iter().map(|(d, b)| (start + Duration::days(*d), RiskBand::ALL[*b])).collect();
            let segs = schedules(start, &assessments, &ReportingFrequencies::default());
            prop_assert!(segs.windows(2).all(|w| w[0].anchor < w[1].anchor));
            let reports: Vec<Date> = offsets.iter().map(|o| start + Duration::days(*o)).collect();
            let today = start + Duration::days(today_offset);
            let st = status_over(&segs, &reports, today);
            prop_assert!(st.consecutive_misses as usize <= st.missed.len());
            prop_assert!(st.missed.windows(2).all(|w| w[0] < w[1]));
        }


        /// Today reads, of each client, the reports since the open period began (or earlier)
        /// and the last one before: whenever `latest_before_decides` says so, that answers
        /// as the whole history does.
        #[test]
        fn the_last_report_before_the_open_period_decides_the_run(
            changes in proptest::collection::vec((0i64..300, 0usize..4), 0..4),
            offsets in proptest::collection::vec(-30i64..400, 0..40),
            today_offset in 0i64..400, earlier in 0i64..60,
        ) {
            let start = date!(2026 - 01 - 01);
            let assessments: Vec<(Date, RiskBand)> =
                changes.iter().map(|(d, b)| (start + Duration::days(*d), RiskBand::ALL[*b])).collect();
            let segs = schedules(start, &assessments, &ReportingFrequencies::default());
            let today = start + Duration::days(today_offset);
            let all: Vec<Date> =
                offsets.iter().map(|o| start + Duration::days(*o)).filter(|d| *d <= today).collect();
            let cutoff = open_period_start(&segs, today).unwrap_or(today) - Duration::days(earlier);
            let before = all.iter().copied().filter(|d| *d < cutoff).max();
            prop_assume!(latest_before_decides(&segs, before, today));
            let read: Vec<Date> = all.iter().copied().filter(|d| *d >= cutoff).chain(before).collect();
            let whole = status_over(&segs, &all, today);
            let light = status_over(&segs, &read, today);
            prop_assert_eq!(light.next_due, whole.next_due);
            prop_assert_eq!(light.consecutive_misses, whole.consecutive_misses);
            prop_assert_eq!(light.reported_this_period, whole.reported_this_period);
            let run = |s: &ReportingStatus| s.missed[s.missed.len() - s.consecutive_misses as usize..].to_vec();
            prop_assert_eq!(run(&light), run(&whole));
        }

        #[test]
        fn due_dates_strictly_increase(
            offset in 0i64..20_000, n in 1u32..400,
            freq in prop_oneof![Just(Frequency::Weekly), Just(Frequency::Fortnightly), Just(Frequency::Monthly)],
        ) {
            let s = Schedule { anchor: date!(2000 - 01 - 01) + Duration::days(offset), frequency: freq };
            prop_assert!(s.due(n) < s.due(n + 1));
            prop_assert!(s.due(1) > s.anchor);
        }

        #[test]
        fn status_never_panics_and_is_consistent(
            offsets in proptest::collection::vec(0i64..400, 0..30), today_offset in 0i64..400,
        ) {
            let s = weekly();
            let reports: Vec<Date> = offsets.iter().map(|o| s.anchor + Duration::days(*o)).collect();
            let today = s.anchor + Duration::days(today_offset);
            let st = s.status(&reports, today);
            prop_assert!(st.next_due >= today);
            prop_assert!(st.consecutive_misses as usize <= st.missed.len());
            prop_assert!(st.missed.iter().all(|d| *d < today));
        }
    }
}
