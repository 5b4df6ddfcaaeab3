//! Calendar arithmetic the rules need: adding months the way people count them, and the
//! calendar month a monthly report counts.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// `date` plus `months` calendar months, with the day clamped to the end of a shorter month
/// (31 January + 1 month = 28 or 29 February).
pub fn add_months(date: Date, months: u32) -> Date {
    let index = i64::from(date.year()) * 12 + i64::from(u8::from(date.month()) - 1) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
    let month = u8::try_from(index.rem_euclid(12) + 1).ok().and_then(|m| Month::try_from(m).ok());
    let Some(month) = month else { return date };
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

/// `date` plus whole years, 29 February becoming 28 February in a common year.
pub fn add_years(date: Date, years: u32) -> Date {
    add_months(date, years.saturating_mul(12))
}

/// A calendar month, as a monthly report counts it: from its first day to its last, both
/// included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CalendarMonth {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
}

impl CalendarMonth {
    /// The month `day` falls in.
    pub fn of(day: Date) -> Self {
        Self { year: day.year(), month: u8::from(day.month()) }
    }

    fn month(self) -> Month {
        Month::try_from(self.month).unwrap_or(Month::January)
    }

    /// Its first day.
    pub fn first_day(self) -> Date {
        Date::from_calendar_date(self.year, self.month(), 1).unwrap_or(Date::MIN)
    }

    /// Its last day.
    pub fn last_day(self) -> Date {
        let month = self.month();
        Date::from_calendar_date(self.year, month, month.length(self.year)).unwrap_or(Date::MAX)
    }

    /// Whether `day` falls in it.
    pub fn contains(self, day: Date) -> bool {
        Self::of(day) == self
    }

    /// The month before.
    pub fn previous(self) -> Self {
        Self::of(self.first_day().previous_day().unwrap_or(Date::MIN))
    }

    /// The `count` months ending with this one, oldest first.
    pub fn last(self, count: usize) -> Vec<Self> {
        let mut months = Vec::with_capacity(count);
        let mut m = self;
        for _ in 0..count {
            months.push(m);
            m = m.previous();
        }
        months.reverse();
        months
    }

    /// Parses `YYYY-MM`.
    pub fn parse(raw: &str) -> Option<Self> {
        let (year, month) = raw.trim().split_once('-')?;
        let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u8>().ok()?);
        ((1..=12).contains(&month) && (1900..=9999).contains(&year)).then_some(Self { year, month })
    }
}

impl std::fmt::Display for CalendarMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_month_runs_from_its_first_day_to_its_last() {
        let feb = CalendarMonth::of(date!(2028 - 02 - 15));
        assert_eq!((feb.first_day(), feb.last_day()), (date!(2028 - 02 - 01), date!(2028 - 02 - 29)));
        assert!(feb.contains(date!(2028 - 02 - 01)) && feb.contains(date!(2028 - 02 - 29)));
        assert!(!feb.contains(date!(2028 - 01 - 31)) && !feb.contains(date!(2028 - 03 - 01)));
        let jan = CalendarMonth::of(date!(2027 - 01 - 01));
        assert_eq!(jan.previous(), CalendarMonth { year: 2026, month: 12 });
        assert_eq!(
            jan.last(3),
            [
                CalendarMonth { year: 2026, month: 11 },
                CalendarMonth { year: 2026, month: 12 },
                CalendarMonth { year: 2027, month: 1 }
            ]
        );
        assert_eq!(jan.to_string(), "2027-01");
        assert_eq!(CalendarMonth::parse("2027-01"), Some(jan));
        assert_eq!(CalendarMonth::parse("2027-13"), None);
        assert_eq!(CalendarMonth::parse("bulan"), None);
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(add_months(date!(2026 - 01 - 31), 1), date!(2026 - 02 - 28));
        assert_eq!(add_months(date!(2028 - 01 - 31), 1), date!(2028 - 02 - 29));
        assert_eq!(add_months(date!(2026 - 03 - 31), 1), date!(2026 - 04 - 30));
        assert_eq!(add_months(date!(2026 - 11 - 30), 3), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 12 - 15), 1), date!(2027 - 01 - 15));
        assert_eq!(add_months(date!(2026 - 05 - 10), 0), date!(2026 - 05 - 10));
    }

    #[test]
    fn leap_day_plus_a_year() {
        assert_eq!(add_years(date!(2028 - 02 - 29), 1), date!(2029 - 02 - 28));
        assert_eq!(add_years(date!(2028 - 02 - 29), 4), date!(2032 - 02 - 29));
    }
}
