//! Date and date-time fields: whatever is typed, an accepted value lies in the plausible
//! years, so no page recomputes a century of reporting periods.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pamong_domain::abh::litmas::parse_local_datetime;
use pamong_domain::client::parse_date;
use pamong_domain::validate::plausible_year;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    if let Some(day) = parse_date(&raw) {
        assert!(plausible_year(day.year()), "{raw:?} → {day}");
    }
    if let Some(at) = parse_local_datetime(&raw) {
        assert!(plausible_year(at.year()), "{raw:?} → {at}");
    }
});
