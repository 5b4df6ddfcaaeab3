//! The regional comparison: every office of a Kanwil (or every Kanwil of the country) side by
//! side on the same vitals, the ones far worse than the whole marked as outliers, and each
//! figure's trend over twelve months. Only counts; no client is named.

use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime};

use crate::office::{OfficeRef, Zone};
use crate::oversight::vitals::{Tally, Vital};

/// Percentage points below the whole at which a share marks an office as an outlier.
pub const SHARE_GAP: u64 = 10;
/// A count marks an office as an outlier at this many times the whole's rate per client
/// (as a fraction: 3/2)...
pub const RATE_TIMES: (u64, u64) = (3, 2);
/// ...and when it counts at least this many clients (so one client in a small office is not
/// an alarm).
pub const MIN_COUNT: u64 = 3;

/// Whether an area's figure is far worse than the whole's: a share at least
/// [`SHARE_GAP`] points below it; a count at least 1.5 times the whole's rate per supervised
/// client and at least [`MIN_COUNT`] clients.
pub fn outlier(vital: Vital, area: Tally, area_clients: u64, whole: Tally, whole_clients: u64) -> bool {
    if vital.is_share() {
        return match (area.percent(), whole.percent()) {
            (Some(a), Some(w)) => a + SHARE_GAP <= w,
            _ => false,
        };
    }
    if area.count < MIN_COUNT || whole.count == 0 || area_clients == 0 || whole_clients == 0 {
        return false;
    }
    // area.count / area_clients ≥ 3/2 × whole.count / whole_clients, in whole numbers.
    let (times, per) = RATE_TIMES;
    u128::from(area.count) * u128::from(whole_clients) * u128::from(per)
        >= u128::from(times) * u128::from(whole.count) * u128::from(area_clients)
}

/// A count per 100 supervised clients, rounded half up (`None` with no clients): how a count
/// compares between offices of different sizes.
pub fn per_hundred(count: u64, clients: u64) -> Option<u64> {
    (clients > 0).then(|| (count * 200 + clients) / (clients * 2))
}

/// The days a twelve-month trend reads: the last day of each of the eleven months before
/// `today`'s, oldest first, then `today`.
pub fn trend_days(today: Date) -> Vec<Date> {
    let mut days = Vec::with_capacity(12);
    let (mut year, mut month) = (today.year(), today.month());
    for _ in 0..11 {
        month = month.previous();
        if month == Month::December {
            year -= 1;
        }
        if let Ok(last) = Date::from_calendar_date(year, month, month.length(year)) {
            days.push(last);
        }
    }
    days.reverse();
    days.push(today);
    days
}

/// An office (or a Kanwil) on one figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaFigure {
    /// The office or Kanwil.
    pub area: OfficeRef,
    /// Its clients under supervision today (what a count is weighed against).
    pub clients: u64,
    /// Its figure today.
    pub tally: Tally,
    /// Whether it is far worse than the whole.
    pub outlier: bool,
}

/// One figure across the region: the whole, each area, and the whole's trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionRow {
    /// Which figure.
    pub vital: Vital,
    /// The whole region (or country), today.
    pub total: Tally,
    /// Each area, in name order.
    pub areas: Vec<AreaFigure>,
    /// The whole at the end of each of the last eleven months, then today.
    pub trend: Vec<(Date, Tally)>,
}

impl RegionRow {
    /// The areas marked as outliers.
    pub fn outliers(&self) -> impl Iterator<Item = &AreaFigure> {
        self.areas.iter().filter(|a| a.outlier)
    }
}

/// The cooperation agreements (PKS) of an area: in force today, and of those how many end
/// within 90 days with no renewal signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementCount {
    /// The office or Kanwil.
    pub area: OfficeRef,
    /// In force today.
    pub in_force: u64,
    /// Ending within [`crate::agreements::EXPIRING_DAYS`] days and not renewed.
    pub expiring: u64,
}

/// The regional (or national) comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionVitals {
    /// The Kanwil compared; `None` for the whole country (the areas are then Kanwils).
    pub kanwil: Option<OfficeRef>,
    /// The day the figures stand at.
    pub as_of: Date,
    /// When today's figures were computed (the oldest office's, when kept ones answered),
    /// and the zone to tell it in.
    pub computed_at: OffsetDateTime,
    /// The zone of [`RegionVitals::computed_at`] (the first office's).
    pub zone: Zone,
    /// Clients under supervision in the whole today.
    pub clients: u64,
    /// The figures, in [`Vital::ALL`] order.
    pub rows: Vec<RegionRow>,
    /// The Kanwils the reader may choose between (none for a Kanwil's own staff).
    pub kanwils: Vec<OfficeRef>,
    /// The PKS of each area, in the areas' order.
    pub agreements: Vec<AgreementCount>,
}

impl RegionVitals {
    /// Whether the areas compared are Kanwils (the national view) rather than offices.
    pub fn by_kanwil(&self) -> bool {
        self.kanwil.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_share_ten_points_below_the_whole_is_an_outlier_and_nine_is_not() {
        let whole = Tally::share(80, 100);
        let v = Vital::ReportsOnTime30;
        assert!(outlier(v, Tally::share(70, 100), 0, whole, 0));
        assert!(!outlier(v, Tally::share(71, 100), 0, whole, 0));
        assert!(!outlier(v, Tally::share(0, 0), 0, whole, 0), "nothing due is no alarm");
        assert!(!outlier(v, Tally::share(95, 100), 0, whole, 0), "better is never an outlier");
    }

    #[test]
    fn a_count_is_weighed_against_the_office_s_size() {
        // The whole: 30 overdue of 300 clients (10 per 100).
        let whole = Tally::count(30);
        let v = Vital::Overdue;
        // 15 per 100 is exactly 1.5 times: an outlier; 14 per 100 is not.
        assert!(outlier(v, Tally::count(15), 100, whole, 300));
        assert!(!outlier(v, Tally::count(14), 100, whole, 300));
        // A big office with many overdue but a low rate is not; a tiny one needs 3 clients.
        assert!(!outlier(v, Tally::count(20), 250, whole, 300));
        assert!(!outlier(v, Tally::count(2), 5, whole, 300));
        assert!(outlier(v, Tally::count(3), 5, whole, 300));
        assert!(!outlier(v, Tally::count(3), 5, Tally::count(0), 300));
    }

    #[test]
    fn a_rate_per_hundred_rounds_half_up() {
        assert_eq!(per_hundred(1, 8), Some(13));
        assert_eq!(per_hundred(4, 4), Some(100));
        assert_eq!(per_hundred(0, 0), None);
    }

    #[test]
    fn a_trend_ends_each_past_month_and_today() {
        let days = trend_days(date!(2026 - 03 - 05));
        assert_eq!(days.len(), 12);
        assert_eq!(days[0], date!(2025 - 04 - 30));
        assert_eq!(days[9], date!(2026 - 01 - 31));
        assert_eq!(days[10], date!(2026 - 02 - 28));
        assert_eq!(days[11], date!(2026 - 03 - 05));
        let january = trend_days(date!(2027 - 01 - 31));
        assert_eq!((january[0], january[10]), (date!(2026 - 02 - 28), date!(2026 - 12 - 31)));
    }
}
