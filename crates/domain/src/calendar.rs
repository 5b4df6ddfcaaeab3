//! Calendar arithmetic the rules need: adding months the way people count them.

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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

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
