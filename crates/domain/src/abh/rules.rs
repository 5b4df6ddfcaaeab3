//! The SPPA rules that turn a child's age and offence into a route: who counts as a child,
//! when diversion is mandatory and when detention is allowed (UU 11/2012 arts. 1, 7, 21, 32).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar::add_years;

/// The age from which a person counts as a child in conflict with the law (art. 1(3)).
pub const CHILD_FROM_AGE: u32 = 12;
/// The age from which a person is an adult for the criminal justice system.
pub const ADULT_FROM_AGE: u32 = 18;
/// The youngest age at which a child may be detained (art. 32(2)).
pub const DETENTION_FROM_AGE: u32 = 14;
/// The penalty, in months, from which diversion no longer applies and detention may
/// (7 years: diversion for offences punishable by *less than* 7 years, art. 7(2);
/// detention for offences punishable by 7 years *or more*, art. 32(2)).
pub const SEVEN_YEARS_MONTHS: u32 = 7 * 12;
/// The longest programme (LPKS) for a child under 12 (art. 21).
pub const UNDER_TWELVE_PROGRAMME_MONTHS: u32 = 6;
/// The longest LPKS education or community service a diversion agreement may impose
/// (art. 11).
pub const AGREEMENT_MAX_MONTHS: u32 = 3;

/// Which road the law sends a young person down, by their age on the day of the offence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgeRoute {
    /// Under 12: investigator, PK and social worker decide on return to the parents or a
    /// programme of at most 6 months (art. 21).
    UnderTwelve,
    /// 12 to under 18: a child (Anak) under SPPA.
    Child,
    /// 18 or older: an adult case, not an ABH case.
    Adult,
}

impl AgeRoute {
    /// Stable text form.
    pub fn as_str(self) -> &'static str {
        match self {
            AgeRoute::UnderTwelve => "bawah_12",
            AgeRoute::Child => "anak",
            AgeRoute::Adult => "dewasa",
        }
    }
}

/// Whole years of age on `on`; a birthday on 29 February falls on 28 February in a common
/// year. `None` when `on` is before the birth.
pub fn age_on(birth: Date, on: Date) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut years = u32::try_from(on.year() - birth.year()).unwrap_or(0);
    if add_years(birth, years) > on {
        years = years.saturating_sub(1);
    }
    Some(years)
}

/// The route for someone born on `birth` who offended on `offence`; `None` when the
/// offence date is before the birth.
pub fn age_route(birth: Date, offence: Date) -> Option<AgeRoute> {
    let age = age_on(birth, offence)?;
    Some(if age < CHILD_FROM_AGE {
        AgeRoute::UnderTwelve
    } else if age < ADULT_FROM_AGE {
        AgeRoute::Child
    } else {
        AgeRoute::Adult
    })
}

/// Whether diversion must be sought at every stage: an offence punishable by less than 7
/// years that is not a repeat offence (art. 7(2)).
pub fn diversion_mandatory(max_penalty_months: u32, repeat_offence: bool) -> bool {
    max_penalty_months < SEVEN_YEARS_MONTHS && !repeat_offence
}

/// Whether the law allows detaining the child: aged 14 or more and an offence punishable by
/// 7 years or more (art. 32(2)). Age is taken on the day of the detention.
pub fn detention_allowed(age: u32, max_penalty_months: u32) -> bool {
    age >= DETENTION_FROM_AGE && max_penalty_months >= SEVEN_YEARS_MONTHS
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn age_turns_on_the_birthday() {
        let birth = date!(2012 - 03 - 15);
        assert_eq!(age_on(birth, date!(2024 - 03 - 14)), Some(11));
        assert_eq!(age_on(birth, date!(2024 - 03 - 15)), Some(12));
        assert_eq!(age_on(birth, date!(2012 - 03 - 15)), Some(0));
        assert_eq!(age_on(birth, date!(2012 - 03 - 14)), None);
    }

    #[test]
    fn leap_day_birthdays_count_on_28_february() {
        let birth = date!(2008 - 02 - 29);
        assert_eq!(age_on(birth, date!(2026 - 02 - 27)), Some(17));
        assert_eq!(age_on(birth, date!(2026 - 02 - 28)), Some(18));
        assert_eq!(age_on(birth, date!(2028 - 02 - 29)), Some(20));
    }

    #[test]
    fn routes_at_exactly_12_and_18() {
        let birth = date!(2010 - 06 - 30);
        assert_eq!(age_route(birth, date!(2022 - 06 - 29)), Some(AgeRoute::UnderTwelve));
        assert_eq!(age_route(birth, date!(2022 - 06 - 30)), Some(AgeRoute::Child));
        assert_eq!(age_route(birth, date!(2028 - 06 - 29)), Some(AgeRoute::Child));
        assert_eq!(age_route(birth, date!(2028 - 06 - 30)), Some(AgeRoute::Adult));
        assert_eq!(age_route(birth, date!(2010 - 06 - 29)), None);
    }

    #[test]
    fn diversion_below_seven_years_and_first_offence_only() {
        assert!(diversion_mandatory(7 * 12 - 1, false), "6 years 11 months");
        assert!(!diversion_mandatory(7 * 12, false), "exactly 7 years");
        assert!(!diversion_mandatory(6, true), "repeat offence");
        assert!(diversion_mandatory(0, false));
    }

    #[test]
    fn detention_needs_fourteen_and_seven_years() {
        assert!(detention_allowed(14, 84));
        assert!(!detention_allowed(13, 84), "13 years old");
        assert!(!detention_allowed(14, 83), "6 years 11 months");
        assert!(detention_allowed(17, 240));
    }

    #[test]
    fn age_exactly_14_on_the_day() {
        let birth = date!(2012 - 12 - 31);
        assert_eq!(age_on(birth, date!(2026 - 12 - 30)), Some(13));
        assert_eq!(age_on(birth, date!(2026 - 12 - 31)), Some(14));
    }
}
