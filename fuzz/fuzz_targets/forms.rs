//! Every form's `parse`: the first byte picks the form, the rest fills its fields (texts
//! of any length, lists of up to 300 rows) and the form is parsed in every context it can
//! meet. Only a panic or a hang is a finding; what each form accepts has its unit tests.
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use pamong_domain::arbitrary::{Source, parse_form};
use time::macros::{date, datetime};

/// Fields drawn from the fuzzer's bytes; a text may be one drawn piece repeated, so that
/// short inputs still reach every length cap.
struct Bytes<'a>(Unstructured<'a>);

impl Source for Bytes<'_> {
    fn text(&mut self) -> String {
        let piece: String = self.0.arbitrary().unwrap_or_default();
        let times: u16 = self.0.int_in_range(0..=8).map(|e| 1u16 << e).unwrap_or(1);
        piece.repeat(usize::from(times))
    }

    fn number(&mut self) -> u64 {
        self.0.arbitrary().unwrap_or_default()
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((which, rest)) = data.split_first() else { return };
    let mut source = Bytes(Unstructured::new(rest));
    parse_form(usize::from(*which), &mut source, date!(2026 - 06 - 01), datetime!(2026-06-01 10:00 UTC));
});
