//! Outcome evaluation: how supervisions ended, and what followed. The status history is the
//! record: every change of a client to *selesai*, *dicabut*, *dipindahkan* or *meninggal* in
//! the period is one ended supervision, counted
//! - by outcome;
//! - for those closed here (completed or revoked), by what the reintegration checklist said
//!   on the closing day (KTP, BPJS, work, housing) and by whether a new offence was recorded
//!   during the supervision;
//! - for those completed, by whether the same NIK was registered again within one and two
//!   years — the recidivism proxy, counted only once the whole year (or two) has passed.
//!
//! Grouped by office, Kanwil, legal basis, risk band at the start or quarter. Counts only: no
//! client is named.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar::{CalendarMonth, add_years};
use crate::client::{ClientStatus, parse_date};
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::legal::LegalBasis;
use crate::reintegration::checklist::NeedItem;
use crate::reporting::RiskBand;
use crate::validate::{date_out_of_range, plausible_year};

text_enum! {
    /// How the ended supervisions are grouped.
    Grouping {
        /// By the office that supervised (for a transfer, the office that sent the client).
        Office => "kantor",
        /// By the office's Kanwil (headquarters and the admin).
        Kanwil => "kanwil",
        /// By legal basis.
        Basis => "dasar",
        /// By the risk band of the first assessment.
        Band => "risiko",
        /// By the quarter the supervision ended in.
        Quarter => "triwulan",
    }
}

/// The ways a supervision ends, in the order the tables show them.
pub const OUTCOMES: [ClientStatus; 4] =
    [ClientStatus::Selesai, ClientStatus::Dicabut, ClientStatus::Dipindahkan, ClientStatus::Meninggal];

/// The checklist items read on the closing day.
pub const CLOSING_ITEMS: [NeedItem; 4] = [NeedItem::Ktp, NeedItem::Bpjs, NeedItem::Work, NeedItem::Housing];

/// The re-entry windows, in years.
pub const REENTRY_YEARS: [u32; 2] = [1, 2];

/// The longest period one evaluation reads.
pub const PERIOD_MAX_YEARS: u8 = 10;

/// The evaluation as the page's GET form asks for it; empty fields take the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EvaluationForm {
    /// First day, `YYYY-MM-DD`.
    pub dari: String,
    /// Last day, `YYYY-MM-DD`.
    pub sampai: String,
    /// A [`Grouping`]'s text.
    pub menurut: String,
}

/// The days counted, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationPeriod {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
}

impl EvaluationPeriod {
    /// The default: the current month and the eleven before it, to today.
    pub fn default_on(today: Date) -> Self {
        let first = CalendarMonth::of(today).last(12).first().copied().unwrap_or(CalendarMonth::of(today));
        Self { from: first.first_day(), to: today }
    }

    /// Whether `day` is counted.
    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }
}

impl EvaluationForm {
    /// The period and grouping asked for on `today`, among the groupings `offered` (the first
    /// when none is asked for).
    pub fn parse(
        &self,
        today: Date,
        offered: &[Grouping],
    ) -> Result<(EvaluationPeriod, Grouping), ErrorKind> {
        let mut errors = FieldErrors::new();
        let default = EvaluationPeriod::default_on(today);
        let from = day_field(&mut errors, "dari", &self.dari, default.from);
        let to = day_field(&mut errors, "sampai", &self.sampai, default.to);
        if let (Some(from), Some(to)) = (from, to) {
            if to > today {
                errors.add("sampai", Problem::FutureDate);
            } else if to < from {
                errors.add("sampai", Problem::BeforeStart);
            } else if add_years(from, u32::from(PERIOD_MAX_YEARS)) <= to {
                errors.add("dari", Problem::PeriodTooLong { years: PERIOD_MAX_YEARS });
            }
        }
        let grouping = match self.menurut.trim() {
            "" => offered.first().copied(),
            raw => Grouping::parse(raw).filter(|g| offered.contains(g)),
        };
        if grouping.is_none() {
            errors.add("menurut", Problem::NotAllowed);
        }
        match (from, to, grouping) {
            (Some(from), Some(to), Some(grouping)) if errors.is_empty() => {
                Ok((EvaluationPeriod { from, to }, grouping))
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

fn day_field(errors: &mut FieldErrors, field: &str, raw: &str, default: Date) -> Option<Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(default);
    }
    let day = parse_date(raw);
    if day.is_none() {
        let year_shaped = raw.split('-').next().filter(|y| y.len() == 4).and_then(|y| y.parse::<i32>().ok());
        let problem = match year_shaped {
            Some(year) if raw.len() == 10 && !plausible_year(year) => date_out_of_range(),
            _ => Problem::BadFormat,
        };
        errors.add(field, problem);
    }
    day
}

/// One ended supervision, as the service found it in the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndedSupervision {
    /// How it ended.
    pub outcome: ClientStatus,
    /// The day it ended (the status change's).
    pub ended_on: Date,
    /// Whether a new offence (*tindak pidana baru*) was recorded between its start and end.
    pub new_offence: bool,
    /// The checklist items ([`CLOSING_ITEMS`]) met on the day it ended.
    pub met_at_closing: Vec<NeedItem>,
    /// Whether the client has a NIK (re-entry is traced by it).
    pub has_nik: bool,
    /// The first day, after the end, on which a supervision of the same NIK began.
    pub returned_on: Option<Date>,
}

/// Re-entries within one window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reentry {
    /// Completions whose whole window has passed.
    pub observed: u64,
    /// Of those, the ones whose NIK was registered again within the window.
    pub returned: u64,
    /// Completions whose window is still running (not counted yet).
    pub pending: u64,
}

impl Reentry {
    /// The share returned, in whole per cent (`None` when nothing was observed).
    pub fn percent(&self) -> Option<u64> {
        percent(self.returned, self.observed)
    }
}

/// What a group's ended supervisions add up to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeTally {
    /// Ended, per outcome in [`OUTCOMES`] order.
    pub ended: [u64; 4],
    /// Closed here (completed or revoked): the base of the closing and new-offence figures.
    pub closed: u64,
    /// Of those, the ones with each of [`CLOSING_ITEMS`] met on the closing day.
    pub met: [u64; 4],
    /// Of those, the ones with a new offence recorded during the supervision.
    pub new_offence: u64,
    /// Completions without a NIK (re-entry cannot be traced).
    pub without_nik: u64,
    /// Re-entry per window of [`REENTRY_YEARS`].
    pub reentry: [Reentry; 2],
}

/// Whether a supervision counts as closed by the office that held it: completed or revoked.
/// A transfer goes on elsewhere; a death says nothing of the supervision's work.
pub fn closed_here(outcome: ClientStatus) -> bool {
    matches!(outcome, ClientStatus::Selesai | ClientStatus::Dicabut)
}

/// Whether the NIK of a completion ended on `ended_on` came back within `years`, as known on
/// `today`: `None` while the window is still running. The window runs from the day after
/// the end to the same day `years` later, both included; it has passed once that day has.
pub fn returned_within(ended_on: Date, returned_on: Option<Date>, years: u32, today: Date) -> Option<bool> {
    let last = add_years(ended_on, years);
    (last < today).then(|| returned_on.is_some_and(|day| ended_on < day && day <= last))
}

impl OutcomeTally {
    /// Counts one ended supervision, as known on `today`.
    pub fn add(&mut self, case: &EndedSupervision, today: Date) {
        if let Some(i) = OUTCOMES.iter().position(|o| *o == case.outcome) {
            self.ended[i] += 1;
        }
        if closed_here(case.outcome) {
            self.closed += 1;
            for (i, item) in CLOSING_ITEMS.iter().enumerate() {
                if case.met_at_closing.contains(item) {
                    self.met[i] += 1;
                }
            }
            if case.new_offence {
                self.new_offence += 1;
            }
        }
        if case.outcome != ClientStatus::Selesai {
            return;
        }
        if !case.has_nik {
            self.without_nik += 1;
            return;
        }
        for (window, years) in self.reentry.iter_mut().zip(REENTRY_YEARS) {
            match returned_within(case.ended_on, case.returned_on, years, today) {
                None => window.pending += 1,
                Some(returned) => {
                    window.observed += 1;
                    window.returned += u64::from(returned);
                }
            }
        }
    }

    /// Adds another group's tally (for the total).
    pub fn merge(&mut self, other: &OutcomeTally) {
        for (mine, theirs) in self.ended.iter_mut().zip(other.ended) {
            *mine += theirs;
        }
        self.closed += other.closed;
        for (mine, theirs) in self.met.iter_mut().zip(other.met) {
            *mine += theirs;
        }
        self.new_offence += other.new_offence;
        self.without_nik += other.without_nik;
        for (mine, theirs) in self.reentry.iter_mut().zip(other.reentry) {
            mine.observed += theirs.observed;
            mine.returned += theirs.returned;
            mine.pending += theirs.pending;
        }
    }

    /// Every ended supervision.
    pub fn total(&self) -> u64 {
        self.ended.iter().sum()
    }

    /// The share of ended supervisions that were completed, in whole per cent.
    pub fn completed_percent(&self) -> Option<u64> {
        percent(self.ended[0], self.total())
    }

    /// The share of closed supervisions with the `i`-th closing item met, in whole per cent.
    pub fn met_percent(&self, i: usize) -> Option<u64> {
        percent(self.met.get(i).copied().unwrap_or(0), self.closed)
    }

    /// The share of closed supervisions with a new offence, in whole per cent.
    pub fn new_offence_percent(&self) -> Option<u64> {
        percent(self.new_offence, self.closed)
    }
}

/// `part` of `whole` in whole per cent, rounded half up; `None` for an empty whole.
pub fn percent(part: u64, whole: u64) -> Option<u64> {
    (whole > 0).then(|| (part * 200 + whole) / (whole * 2))
}

/// The quarter `day` falls in: its year and 1–4.
pub fn quarter_of(day: Date) -> (i32, u8) {
    (day.year(), (u8::from(day.month()) - 1) / 3 + 1)
}

/// What a row of the evaluation stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupLabel {
    /// An office or a Kanwil, by name.
    Area(String),
    /// A legal basis.
    Basis(LegalBasis),
    /// The band of the first assessment (`None`: never assessed).
    Band(Option<RiskBand>),
    /// A quarter.
    Quarter {
        /// Year.
        year: i32,
        /// 1–4.
        quarter: u8,
    },
}

impl GroupLabel {
    /// Where the row goes: areas by name, bases and bands in their own order (unassessed
    /// last), quarters oldest first.
    pub fn order(&self) -> (i64, String) {
        let index = |i: Option<usize>| i64::try_from(i.unwrap_or(usize::MAX >> 1)).unwrap_or(i64::MAX);
        match self {
            GroupLabel::Area(name) => (0, name.to_lowercase()),
            GroupLabel::Basis(basis) => {
                (index(LegalBasis::ALL.iter().position(|b| b == basis)), String::new())
            }
            GroupLabel::Band(band) => {
                (index(band.and_then(|b| RiskBand::ALL.iter().position(|x| *x == b))), String::new())
            }
            GroupLabel::Quarter { year, quarter } => {
                (i64::from(*year) * 4 + i64::from(*quarter), String::new())
            }
        }
    }
}

/// One row of the evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRow {
    /// What it stands for.
    pub label: GroupLabel,
    /// Its figures.
    pub tally: OutcomeTally,
}

/// The evaluation a reader sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Whose supervisions: the office's, the region's or the country's name.
    pub scope: String,
    /// The days counted.
    pub period: EvaluationPeriod,
    /// How the rows are grouped.
    pub grouping: Grouping,
    /// The groupings the reader may choose.
    pub groupings: Vec<Grouping>,
    /// The day re-entry windows are judged on (today in the reader's zone).
    pub as_of: Date,
    /// The rows, in [`GroupLabel::order`].
    pub rows: Vec<OutcomeRow>,
    /// All rows together.
    pub total: OutcomeTally,
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn completed(ended_on: Date, returned_on: Option<Date>) -> EndedSupervision {
        EndedSupervision {
            outcome: ClientStatus::Selesai,
            ended_on,
            new_offence: false,
            met_at_closing: Vec::new(),
            has_nik: true,
            returned_on,
        }
    }

    #[test]
    fn the_reentry_window_counts_once_it_has_passed() {
        let end = date!(2025 - 03 - 10);
        // The last day of the window is still running on it.
        assert_eq!(returned_within(end, None, 1, date!(2026 - 03 - 10)), None);
        assert_eq!(returned_within(end, None, 1, date!(2026 - 03 - 11)), Some(false));
        // Back on the window's last day counts; a day later does not.
        assert_eq!(returned_within(end, Some(date!(2026 - 03 - 10)), 1, date!(2026 - 04 - 01)), Some(true));
        assert_eq!(returned_within(end, Some(date!(2026 - 03 - 11)), 1, date!(2026 - 04 - 01)), Some(false));
        // A registration on the day of the end is the same supervision's, not a return.
        assert_eq!(returned_within(end, Some(end), 1, date!(2026 - 04 - 01)), Some(false));
        // Two years: back after 18 months is a return within two, not within one.
        let back = Some(date!(2026 - 09 - 10));
        assert_eq!(returned_within(end, back, 1, date!(2027 - 04 - 01)), Some(false));
        assert_eq!(returned_within(end, back, 2, date!(2027 - 04 - 01)), Some(true));
    }

    #[test]
    fn a_completion_on_29_february_has_its_year_end_on_28_february() {
        let end = date!(2024 - 02 - 29);
        assert_eq!(returned_within(end, Some(date!(2025 - 02 - 28)), 1, date!(2025 - 03 - 01)), Some(true));
        assert_eq!(returned_within(end, Some(date!(2025 - 03 - 01)), 1, date!(2025 - 03 - 02)), Some(false));
    }

    #[test]
    fn the_tally_counts_each_figure_on_its_own_base() {
        let today = date!(2026 - 12 - 05);
        let mut tally = OutcomeTally::default();
        let mut closed = completed(date!(2025 - 06 - 30), Some(date!(2026 - 02 - 01)));
        closed.met_at_closing = vec![NeedItem::Ktp, NeedItem::Work];
        tally.add(&closed, today);
        let revoked = EndedSupervision {
            outcome: ClientStatus::Dicabut,
            new_offence: true,
            met_at_closing: vec![NeedItem::Ktp],
            ..completed(date!(2026 - 05 - 01), None)
        };
        tally.add(&revoked, today);
        // A transfer and a death are ended but not closed here.
        let moved = EndedSupervision {
            outcome: ClientStatus::Dipindahkan,
            new_offence: true,
            ..completed(today, None)
        };
        tally.add(&moved, today);
        tally.add(&EndedSupervision { outcome: ClientStatus::Meninggal, ..completed(today, None) }, today);
        tally.add(&EndedSupervision { has_nik: false, ..completed(date!(2026 - 01 - 01), None) }, today);
        tally.add(&completed(date!(2026 - 11 - 30), None), today);

        assert_eq!(tally.ended, [3, 1, 1, 1]);
        assert_eq!(tally.total(), 6);
        assert_eq!(tally.closed, 4);
        assert_eq!(tally.met, [2, 0, 1, 0]);
        assert_eq!(tally.met_percent(0), Some(50));
        assert_eq!(tally.new_offence, 1);
        assert_eq!(tally.new_offence_percent(), Some(25));
        assert_eq!(tally.without_nik, 1);
        // June 2025: observed for one year (returned in it), pending for two.
        assert_eq!(tally.reentry[0], Reentry { observed: 1, returned: 1, pending: 1 });
        assert_eq!(tally.reentry[1], Reentry { observed: 0, returned: 0, pending: 2 });
        assert_eq!(tally.completed_percent(), Some(50));

        let mut total = OutcomeTally::default();
        total.merge(&tally);
        total.merge(&tally);
        assert_eq!(total.ended, [6, 2, 2, 2]);
        assert_eq!(total.reentry[0].returned, 2);
    }

    #[test]
    fn percentages_round_half_up_and_an_empty_base_has_none() {
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn quarters_and_row_order() {
        assert_eq!(quarter_of(date!(2026 - 03 - 31)), (2026, 1));
        assert_eq!(quarter_of(date!(2026 - 04 - 01)), (2026, 2));
        assert_eq!(quarter_of(date!(2026 - 12 - 31)), (2026, 4));
        let mut labels = [
            GroupLabel::Band(None),
            GroupLabel::Band(Some(RiskBand::Tinggi)),
            GroupLabel::Band(Some(RiskBand::Rendah)),
        ];
        labels.sort_by_key(GroupLabel::order);
        assert_eq!(labels[0], GroupLabel::Band(Some(RiskBand::Rendah)));
        assert_eq!(labels[2], GroupLabel::Band(None));
        let q4 = GroupLabel::Quarter { year: 2025, quarter: 4 };
        assert!(q4.order() < GroupLabel::Quarter { year: 2026, quarter: 1 }.order());
    }

    #[test]
    fn the_form_defaults_to_the_last_twelve_months_and_checks_its_days() {
        let today = date!(2026 - 12 - 05);
        let offered = [Grouping::Office, Grouping::Basis];
        let (period, grouping) = EvaluationForm::default().parse(today, &offered).unwrap();
        assert_eq!(period, EvaluationPeriod { from: date!(2026 - 01 - 01), to: today });
        assert_eq!(grouping, Grouping::Office);

        let form = |dari: &str, sampai: &str, menurut: &str| EvaluationForm {
            dari: dari.into(),
            sampai: sampai.into(),
            menurut: menurut.into(),
        };
        let field = |f: EvaluationForm| match f.parse(today, &offered) {
            Err(ErrorKind::Invalid(errors)) => {
                errors.0.into_iter().map(|e| (e.field, e.problem)).collect::<Vec<_>>()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(field(form("", "2026-12-06", "")), vec![("sampai".into(), Problem::FutureDate)]);
        assert_eq!(
            field(form("2026-06-01", "2026-05-31", "")),
            vec![("sampai".into(), Problem::BeforeStart)]
        );
        assert_eq!(field(form("31-12-2025", "", "")), vec![("dari".into(), Problem::BadFormat)]);
        assert_eq!(field(form("0001-01-01", "", "")), vec![("dari".into(), date_out_of_range())]);
        assert_eq!(
            field(form("2016-12-05", "2026-12-05", "")),
            vec![("dari".into(), Problem::PeriodTooLong { years: PERIOD_MAX_YEARS })]
        );
        // A grouping the reader is not offered is refused, not quietly replaced.
        assert_eq!(field(form("", "", "kanwil")), vec![("menurut".into(), Problem::NotAllowed)]);
        // One day is a period; ten years less a day is the longest.
        assert!(form("2026-12-05", "2026-12-05", "dasar").parse(today, &offered).is_ok());
        assert!(form("2016-12-06", "2026-12-05", "").parse(today, &offered).is_ok());
    }
}
