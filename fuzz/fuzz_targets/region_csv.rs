//! The Kemendagri region file: any bytes are read line by line; every accepted row is a
//! valid code with a bounded name, and no line is counted twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pamong_domain::region::RegionCode;
use pamong_service::regions::parse_csv;

fuzz_target!(|data: &[u8]| {
    let parsed = parse_csv(data);
    let lines = data.iter().filter(|b| **b == b'\n' || **b == b'\r').count() + 1;
    assert!(parsed.rows.len() + parsed.rejected.len() <= lines);
    for row in &parsed.rows {
        assert!(RegionCode::parse(row.code.as_str()).is_some());
        assert!(!row.name.is_empty() && row.name.chars().count() <= 120);
    }
});
