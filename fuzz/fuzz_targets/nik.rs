//! NIK parsing: any bytes, on any day; an accepted NIK is 16 digits whose birth date is
//! a real day no later than the day it was checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pamong_domain::nik::Nik;
use time::macros::date;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    for today in [date!(2026 - 06 - 01), date!(2000 - 01 - 01), date!(2099 - 12 - 31)] {
        if let Ok(nik) = Nik::parse(&raw, today) {
            assert!(nik.as_str().len() == 16 && nik.as_str().bytes().all(|b| b.is_ascii_digit()));
            assert!(nik.birth_date() <= today, "{} born {}", nik.as_str(), nik.birth_date());
            let _ = (nik.region_code(), nik.regency_code(), nik.sex());
        }
    }
});
