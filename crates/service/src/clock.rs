//! Where "now" comes from.
//!
//! Service fns never read the wall clock: each one that stamps or compares an instant takes
//! `now` (and the office's `today`, where dates matter) from its caller. The server reads a
//! [`Clock`] once per request and hands the instant down; tests fix one, so a suite that
//! passes today passes next year too (`make test` proves it by running the service and
//! server suites again under `faketime` a year ahead).

use time::OffsetDateTime;

/// The source of the current instant for a running server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The operating system's clock.
    #[default]
    System,
    /// Always this instant (tests, and reproducing a report as of a given moment).
    Fixed(OffsetDateTime),
}

impl Clock {
    /// The current instant, in UTC.
    pub fn now(self) -> OffsetDateTime {
        match self {
            Self::System => OffsetDateTime::now_utc(),
            Self::Fixed(at) => at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_fixed_clock_stands_still() {
        let at = datetime!(2026-11-24 09:00 UTC);
        assert_eq!(Clock::Fixed(at).now(), at);
        assert_eq!(Clock::Fixed(at).now(), Clock::Fixed(at).now());
    }
}
