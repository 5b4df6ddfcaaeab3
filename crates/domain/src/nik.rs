//! NIK (Nomor Induk Kependudukan), Indonesia's 16-digit population number.
//!
//! Layout: province (2), kabupaten/kota (2), kecamatan (2) of first registration; birth date
//! `DDMMYY` with 40 added to the day for women; a 4-digit serial from 0001. A NIK never
//! changes, so its region is where the person was first registered, not where they live.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// Sex as recorded on Indonesian identity documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// Laki-laki (male).
    L,
    /// Perempuan (female).
    P,
}

impl Sex {
    /// "L" or "P".
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::L => "L",
            Sex::P => "P",
        }
    }

    /// Parses "L" or "P" (either case).
    pub fn parse(raw: &str) -> Option<Sex> {
        match raw.trim() {
            "L" | "l" => Some(Sex::L),
            "P" | "p" => Some(Sex::P),
            _ => None,
        }
    }
}

/// Why a text is not a NIK, precisely enough to tell the officer what to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NikError {
    /// Nothing was typed.
    Empty,
    /// A character other than a digit or a space.
    NotDigits,
    /// Not 16 digits (how many there were).
    WrongLength(u8),
    /// Province, kabupaten/kota or kecamatan code is 00 or the province is below 11.
    BadRegion,
    /// The day is neither 01–31 (men) nor 41–71 (women).
    BadDay,
    /// The month is not 01–12.
    BadMonth,
    /// Day and month do not form a date (e.g. 31 April, 29 February of a common year).
    BadDate,
    /// The serial is 0000.
    ZeroSerial,
}

/// A disagreement between a valid NIK and what else was entered about the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NikMismatch {
    /// The NIK's day says the other sex.
    Sex,
    /// The NIK's birth date differs from the date of birth entered.
    BirthDate,
}

/// A structurally valid NIK.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Nik {
    digits: String,
    sex: Sex,
    birth_date: Date,
}

impl Nik {
    /// Parses `raw`, ignoring white space. `today` settles the century: the birth date is
    /// taken in the 2000s unless that would put it after today.
    pub fn parse(raw: &str, today: Date) -> Result<Nik, NikError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            return Err(NikError::Empty);
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NikError::NotDigits);
        }
        if digits.len() != 16 {
            return Err(NikError::WrongLength(u8::try_from(digits.len()).unwrap_or(u8::MAX)));
        }
        let num = |from: usize| -> u16 {
            digits[from..from + 2].bytes().fold(0, |acc, b| acc * 10 + u16::from(b - b'0'))
        };
        let (province, regency, district) = (num(0), num(2), num(4));
        if province < 11 || regency == 0 || district == 0 {
            return Err(NikError::BadRegion);
        }
        let (raw_day, month, year2) = (num(6), num(8), num(10));
        let (sex, day) = match raw_day {
            1..=31 => (Sex::L, raw_day),
            41..=71 => (Sex::P, raw_day - 40),
            _ => return Err(NikError::BadDay),
        };
        let month =
            u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()).ok_or(NikError::BadMonth)?;
        if &digits[12..] == "0000" {
            return Err(NikError::ZeroSerial);
        }
        let day = u8::try_from(day).map_err(|_| NikError::BadDay)?;
        let year = i32::from(year2);
        let birth_date = [2000 + year, 1900 + year]
            .into_iter()
            .filter_map(|y| Date::from_calendar_date(y, month, day).ok())
            .find(|d| *d <= today)
            .ok_or(NikError::BadDate)?;
        Ok(Nik { digits, sex, birth_date })
    }

    /// The 16 digits.
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// The kecamatan code of first registration, dotted: `PP.KK.CC`.
    pub fn region_code(&self) -> String {
        format!("{}.{}.{}", &self.digits[0..2], &self.digits[2..4], &self.digits[4..6])
    }

    /// The kabupaten/kota code of first registration, dotted: `PP.KK`.
    pub fn regency_code(&self) -> String {
        format!("{}.{}", &self.digits[0..2], &self.digits[2..4])
    }

    /// The sex the NIK encodes.
    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// The birth date the NIK encodes.
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// What disagrees with the sex and date of birth entered for the same person.
    pub fn mismatches(&self, sex: Option<Sex>, birth_date: Option<Date>) -> Vec<NikMismatch> {
        let mut found = Vec::new();
        if sex.is_some_and(|s| s != self.sex) {
            found.push(NikMismatch::Sex);
        }
        // The NIK keeps two digits of the year: compare day, month and those two digits, so
        // a person born in 1920 is not flagged when the century guess said 2020.
        if birth_date.is_some_and(|d| {
            d.day() != self.birth_date.day()
                || d.month() != self.birth_date.month()
                || d.year().rem_euclid(100) != self.birth_date.year().rem_euclid(100)
        }) {
            found.push(NikMismatch::BirthDate);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 23);

    #[test]
    fn man_born_in_the_1980s() {
        let nik = Nik::parse("3173 0512 0385 0001", TODAY).unwrap();
        assert_eq!(nik.as_str(), "3173051203850001");
        assert_eq!(nik.sex(), Sex::L);
        assert_eq!(nik.birth_date(), date!(1985 - 03 - 12));
        assert_eq!(nik.region_code(), "31.73.05");
        assert_eq!(nik.regency_code(), "31.73");
    }

    #[test]
    fn woman_has_forty_added_to_the_day() {
        let nik = Nik::parse("3509015208050002", TODAY).unwrap();
        assert_eq!(nik.sex(), Sex::P);
        assert_eq!(nik.birth_date(), date!(2005 - 08 - 12));
        // Day 41 is the 1st, day 71 the 31st.
        assert_eq!(Nik::parse("3509014101900001", TODAY).unwrap().birth_date(), date!(1990 - 01 - 01));
        assert_eq!(Nik::parse("3509017101900001", TODAY).unwrap().birth_date(), date!(1990 - 01 - 31));
    }

    #[test]
    fn century_keeps_birth_dates_out_of_the_future() {
        assert_eq!(Nik::parse("3509012311260001", TODAY).unwrap().birth_date(), date!(2026 - 11 - 23));
        assert_eq!(Nik::parse("3509012411260001", TODAY).unwrap().birth_date(), date!(1926 - 11 - 24));
    }

    #[test]
    fn leap_days() {
        // 29 Feb '04 exists in 2004; 29 Feb '00 exists in 2000.
        assert_eq!(Nik::parse("3509012902040001", TODAY).unwrap().birth_date(), date!(2004 - 02 - 29));
        assert_eq!(Nik::parse("3509016902000001", TODAY).unwrap().birth_date(), date!(2000 - 02 - 29));
        // 29 Feb '25 never existed (neither 2025 nor 1925).
        assert_eq!(Nik::parse("3509012902250001", TODAY), Err(NikError::BadDate));
        assert_eq!(Nik::parse("3509013104900001", TODAY), Err(NikError::BadDate));
    }

    #[test]
    fn precise_reasons() {
        assert_eq!(Nik::parse("  ", TODAY), Err(NikError::Empty));
        assert_eq!(Nik::parse("3173-0512-0385-0001", TODAY), Err(NikError::NotDigits));
        assert_eq!(Nik::parse("317305120385001", TODAY), Err(NikError::WrongLength(15)));
        assert_eq!(Nik::parse("1073051203850001", TODAY), Err(NikError::BadRegion));
        assert_eq!(Nik::parse("3100051203850001", TODAY), Err(NikError::BadRegion));
        assert_eq!(Nik::parse("3173001203850001", TODAY), Err(NikError::BadRegion));
        assert_eq!(Nik::parse("3173053203850001", TODAY), Err(NikError::BadDay));
        assert_eq!(Nik::parse("3173050003850001", TODAY), Err(NikError::BadDay));
        assert_eq!(Nik::parse("3173057203850001", TODAY), Err(NikError::BadDay));
        assert_eq!(Nik::parse("3173051213850001", TODAY), Err(NikError::BadMonth));
        assert_eq!(Nik::parse("3173051203850000", TODAY), Err(NikError::ZeroSerial));
    }

    #[test]
    fn cross_checks() {
        let nik = Nik::parse("3509015208050002", TODAY).unwrap();
        assert!(nik.mismatches(Some(Sex::P), Some(date!(2005 - 08 - 12))).is_empty());
        assert_eq!(nik.mismatches(Some(Sex::L), None), vec![NikMismatch::Sex]);
        assert_eq!(nik.mismatches(None, Some(date!(2005 - 08 - 13))), vec![NikMismatch::BirthDate]);
        // Only two digits of the year are in the NIK: 1905 agrees with it as well.
        assert!(nik.mismatches(None, Some(date!(1905 - 08 - 12))).is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(raw in "\\PC{0,40}") {
            let _ = Nik::parse(&raw, TODAY);
        }

        #[test]
        fn digit_strings_never_panic(raw in "[0-9 ]{0,24}") {
            let _ = Nik::parse(&raw, TODAY);
        }

        #[test]
        fn valid_niks_round_trip(
            province in 11u16..=99, regency in 1u16..=99, district in 1u16..=99,
            birth in (0i32..=36_000).prop_map(|d| TODAY - time::Duration::days(i64::from(d))),
            woman in any::<bool>(), serial in 1u16..=9999,
        ) {
            let day = u16::from(birth.day()) + if woman { 40 } else { 0 };
            let raw = format!(
                "{province:02}{regency:02}{district:02}{day:02}{:02}{:02}{serial:04}",
                u8::from(birth.month()),
                birth.year().rem_euclid(100),
            );
            let nik = Nik::parse(&raw, TODAY).unwrap();
            prop_assert_eq!(nik.as_str(), raw.as_str());
            prop_assert_eq!(nik.sex(), if woman { Sex::P } else { Sex::L });
            prop_assert!(nik.birth_date() <= TODAY);
            prop_assert!(nik.mismatches(Some(nik.sex()), Some(birth)).is_empty());
        }
    }
}
