//! The legal basis of a client's supervision and the supervision period it implies.
//!
//! Statute (KUHP 2023 art. 75–76, 85) fixes the limits of pidana pengawasan and kerja sosial,
//! so those are constants. The periods of PB, CB and CMB come from secondary sources, so their
//! numbers are [`PeriodRules`], a setting with defaults, not constants. An officer can still
//! override the computed end date with a reason (kept by the service).

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::calendar::add_months;

/// Longest pidana pengawasan the court may impose (KUHP art. 75), in months.
pub const PENGAWASAN_MAX_MONTHS: u32 = 36;
/// Kerja sosial must be completed within this many months (KUHP art. 85).
pub const KERJA_SOSIAL_WITHIN_MONTHS: u32 = 6;
/// Fewest hours of kerja sosial a court may order.
pub const KERJA_SOSIAL_MIN_HOURS: u16 = 8;
/// Most hours of kerja sosial a court may order.
pub const KERJA_SOSIAL_MAX_HOURS: u16 = 240;
/// Most hours of kerja sosial in one day.
pub const KERJA_SOSIAL_MAX_HOURS_PER_DAY: u16 = 8;

/// Why a client is under the Bapas's supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LegalBasis {
    /// Pembebasan Bersyarat (parole).
    Pb,
    /// Cuti Bersyarat.
    Cb,
    /// Cuti Menjelang Bebas.
    Cmb,
    /// Asimilasi (placement in the community before release).
    Asimilasi,
    /// Pidana pengawasan (supervision sentence).
    PidanaPengawasan,
    /// Pidana kerja sosial (community service).
    KerjaSosial,
    /// Anak: pidana dengan syarat (child's conditional sentence).
    AnakBersyarat,
    /// A child's case still before the investigator, prosecutor or court, which the PK
    /// accompanies (pendampingan ABH): no supervision period and no reporting yet.
    PendampinganAnak,
}

impl LegalBasis {
    /// Every basis, in the order officers list them.
    pub const ALL: [LegalBasis; 8] = [
        LegalBasis::Pb,
        LegalBasis::Cb,
        LegalBasis::Cmb,
        LegalBasis::Asimilasi,
        LegalBasis::PidanaPengawasan,
        LegalBasis::KerjaSosial,
        LegalBasis::AnakBersyarat,
        LegalBasis::PendampinganAnak,
    ];

    /// Stable text form.
    pub fn as_str(self) -> &'static str {
        match self {
            LegalBasis::Pb => "pb",
            LegalBasis::Cb => "cb",
            LegalBasis::Cmb => "cmb",
            LegalBasis::Asimilasi => "asimilasi",
            LegalBasis::PidanaPengawasan => "pengawasan",
            LegalBasis::KerjaSosial => "kerja_sosial",
            LegalBasis::AnakBersyarat => "anak_bersyarat",
            LegalBasis::PendampinganAnak => "pendampingan_anak",
        }
    }

    /// Parses the text form.
    pub fn parse(raw: &str) -> Option<LegalBasis> {
        LegalBasis::ALL.into_iter().find(|b| b.as_str() == raw.trim())
    }

    /// Whether the client reports (wajib lapor) on a schedule: every supervision, not a
    /// child's case still in process, and not community service, whose hours at the work site
    /// are the obligation (their ledger is followed instead).
    pub fn reports(self) -> bool {
        !matches!(self, LegalBasis::PendampinganAnak | LegalBasis::KerjaSosial)
    }

    /// Whether revocation (pencabutan) applies: the integration programmes.
    pub fn revocable(self) -> bool {
        matches!(self, LegalBasis::Pb | LegalBasis::Cb | LegalBasis::Cmb)
    }
}

/// A length of time as courts and registers state it: months and days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Whole months.
    pub months: u32,
    /// Further days.
    pub days: u32,
}

impl Term {
    /// `date` plus this term (months first, the way sentences are counted).
    pub fn after(self, date: Date) -> Date {
        add_months(date, self.months).checked_add(Duration::days(i64::from(self.days))).unwrap_or(Date::MAX)
    }

    /// The shorter of this term and `months` whole months, compared from `start`.
    fn capped(self, start: Date, months: u32) -> Date {
        self.after(start).min(add_months(start, months))
    }
}

/// The numbers behind PB, CB and CMB periods (a setting; defaults from domain sources).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRules {
    /// PB supervision lasts the remaining sentence plus this many months.
    pub pb_extra_months: u32,
    /// CB lasts the remaining sentence, at most this many months.
    pub cb_max_months: u32,
    /// CMB lasts the last remission, at most this many months.
    pub cmb_max_months: u32,
}

impl Default for PeriodRules {
    fn default() -> Self {
        Self { pb_extra_months: 12, cb_max_months: 6, cmb_max_months: 6 }
    }
}

/// What the period computation needs beyond the basis and the start date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodInput {
    /// Sentence still to serve at release (PB, CB).
    pub remaining: Option<Term>,
    /// Length of the last remission (CMB).
    pub last_remission: Option<Term>,
    /// Length ordered by the court (pengawasan, anak).
    pub court_term: Option<Term>,
}

/// Why no end date can be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodError {
    /// The basis needs the remaining sentence.
    NeedsRemaining,
    /// The basis needs the last remission.
    NeedsRemission,
    /// The basis needs the court's term.
    NeedsCourtTerm,
    /// The court's term exceeds what the statute allows.
    ExceedsStatute,
}

/// The end of supervision that the rules imply, or `None` where no rule fixes it
/// (asimilasi ends with the sentence, entered by the officer).
pub fn supervision_end(
    basis: LegalBasis,
    start: Date,
    input: &PeriodInput,
    rules: &PeriodRules,
) -> Result<Option<Date>, PeriodError> {
    let end = match basis {
        LegalBasis::Pb => {
            let remaining = input.remaining.ok_or(PeriodError::NeedsRemaining)?;
            add_months(remaining.after(start), rules.pb_extra_months)
        }
        LegalBasis::Cb => {
            input.remaining.ok_or(PeriodError::NeedsRemaining)?.capped(start, rules.cb_max_months)
        }
        LegalBasis::Cmb => {
            input.last_remission.ok_or(PeriodError::NeedsRemission)?.capped(start, rules.cmb_max_months)
        }
        LegalBasis::PidanaPengawasan => {
            let term = input.court_term.ok_or(PeriodError::NeedsCourtTerm)?;
            let end = term.after(start);
            if end > add_months(start, PENGAWASAN_MAX_MONTHS) {
                return Err(PeriodError::ExceedsStatute);
            }
            end
        }
        LegalBasis::KerjaSosial => add_months(start, KERJA_SOSIAL_WITHIN_MONTHS),
        LegalBasis::AnakBersyarat => input.court_term.ok_or(PeriodError::NeedsCourtTerm)?.after(start),
        LegalBasis::Asimilasi | LegalBasis::PendampinganAnak => return Ok(None),
    };
    Ok(Some(end))
}

/// Whether a court's order of community-service hours is within the statute.
pub fn kerja_sosial_hours_valid(hours: u16) -> bool {
    (KERJA_SOSIAL_MIN_HOURS..=KERJA_SOSIAL_MAX_HOURS).contains(&hours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const RULES: PeriodRules = PeriodRules { pb_extra_months: 12, cb_max_months: 6, cmb_max_months: 6 };

    fn end(basis: LegalBasis, start: Date, input: PeriodInput) -> Result<Option<Date>, PeriodError> {
        supervision_end(basis, start, &input, &RULES)
    }

    #[test]
    fn pb_is_remaining_sentence_plus_a_year() {
        let input = PeriodInput { remaining: Some(Term { months: 8, days: 10 }), ..Default::default() };
        assert_eq!(end(LegalBasis::Pb, date!(2026 - 01 - 31), input), Ok(Some(date!(2027 - 10 - 10))));
        // Across a month end: 31 Jan + 1 month is 28 Feb, + 1 year is 28 Feb.
        let one = PeriodInput { remaining: Some(Term { months: 1, days: 0 }), ..Default::default() };
        assert_eq!(end(LegalBasis::Pb, date!(2026 - 01 - 31), one), Ok(Some(date!(2027 - 02 - 28))));
        assert_eq!(
            end(LegalBasis::Pb, date!(2026 - 01 - 31), PeriodInput::default()),
            Err(PeriodError::NeedsRemaining)
        );
    }

    #[test]
    fn cb_and_cmb_are_capped_at_six_months() {
        let long = PeriodInput { remaining: Some(Term { months: 9, days: 0 }), ..Default::default() };
        assert_eq!(end(LegalBasis::Cb, date!(2026 - 08 - 31), long), Ok(Some(date!(2027 - 02 - 28))));
        let short = PeriodInput { remaining: Some(Term { months: 2, days: 15 }), ..Default::default() };
        assert_eq!(end(LegalBasis::Cb, date!(2026 - 08 - 31), short), Ok(Some(date!(2026 - 11 - 15))));
        let remission =
            PeriodInput { last_remission: Some(Term { months: 3, days: 0 }), ..Default::default() };
        assert_eq!(end(LegalBasis::Cmb, date!(2026 - 03 - 01), remission), Ok(Some(date!(2026 - 06 - 01))));
        assert_eq!(
            end(LegalBasis::Cmb, date!(2026 - 03 - 01), PeriodInput::default()),
            Err(PeriodError::NeedsRemission)
        );
    }

    #[test]
    fn pengawasan_at_most_three_years() {
        let three = PeriodInput { court_term: Some(Term { months: 36, days: 0 }), ..Default::default() };
        assert_eq!(
            end(LegalBasis::PidanaPengawasan, date!(2028 - 02 - 29), three),
            Ok(Some(date!(2031 - 02 - 28)))
        );
        let more = PeriodInput { court_term: Some(Term { months: 36, days: 1 }), ..Default::default() };
        assert_eq!(
            end(LegalBasis::PidanaPengawasan, date!(2026 - 01 - 02), more),
            Err(PeriodError::ExceedsStatute)
        );
    }

    #[test]
    fn kerja_sosial_within_six_months_and_hours() {
        assert_eq!(
            end(LegalBasis::KerjaSosial, date!(2026 - 08 - 31), PeriodInput::default()),
            Ok(Some(date!(2027 - 02 - 28)))
        );
        assert!(!kerja_sosial_hours_valid(7));
        assert!(kerja_sosial_hours_valid(8));
        assert!(kerja_sosial_hours_valid(240));
        assert!(!kerja_sosial_hours_valid(241));
    }

    #[test]
    fn asimilasi_has_no_rule_and_bases_round_trip() {
        assert_eq!(end(LegalBasis::Asimilasi, date!(2026 - 01 - 01), PeriodInput::default()), Ok(None));
        for basis in LegalBasis::ALL {
            assert_eq!(LegalBasis::parse(basis.as_str()), Some(basis));
        }
        assert!(LegalBasis::Pb.revocable() && !LegalBasis::KerjaSosial.revocable());
    }
}
