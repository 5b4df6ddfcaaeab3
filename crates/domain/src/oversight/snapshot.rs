//! An office's vitals kept for a day ([`Snapshot`]): how they are written to a row and read
//! back, and when a kept row still answers. A past day's figures are final once computed after
//! that day ended (later corrections to the records of that month do not move them, as a
//! report sent at month's end does not change); today's answer for [`LIVE_FOR`].

use time::{Date, Duration, OffsetDateTime};

use super::vitals::{Tally, Vital};

/// How long today's kept figures answer a reader before they are computed again.
pub const LIVE_FOR: Duration = Duration::minutes(10);

/// How old today's kept figures may grow before the background refresh computes them again:
/// half of [`LIVE_FOR`], so a reader finds them fresh.
pub const REFRESH_AFTER: Duration = Duration::minutes(5);

/// The longest text [`encode`] writes (ten figures of two numbers each fit many times over).
pub const MAX_CHARS: usize = 1000;

/// An office's figures on a day, in [`Vital::ALL`] order, and the clients then supervised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The clients supervised that day.
    pub clients: u64,
    /// One tally per vital, in [`Vital::ALL`] order.
    pub tallies: Vec<Tally>,
}

/// Writes the tallies (in [`Vital::ALL`] order) as `code=count` or `code=met/due`, joined by
/// `;`, so a row stays readable and a figure added later is simply missing from old rows.
pub fn encode(tallies: &[Tally]) -> String {
    Vital::ALL
        .iter()
        .zip(tallies)
        .map(|(vital, t)| match t.of {
            Some(of) => format!("{}={}/{of}", vital.as_str(), t.count),
            None => format!("{}={}", vital.as_str(), t.count),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads [`encode`]'s text back in [`Vital::ALL`] order; `None` when a figure is missing or
/// written in the wrong kind (a share as a count, say), so the row is computed again.
pub fn decode(text: &str) -> Option<Vec<Tally>> {
    let mut found: Vec<(Vital, Tally)> = Vec::with_capacity(Vital::ALL.len());
    for part in text.split(';').filter(|p| !p.is_empty()) {
        let (code, value) = part.split_once('=')?;
        let vital = Vital::parse(code)?;
        let tally = match value.split_once('/') {
            Some((count, of)) => Tally::share(count.parse().ok()?, of.parse().ok()?),
            None => Tally::count(value.parse().ok()?),
        };
        if tally.of.is_some() != vital.is_share() {
            return None;
        }
        found.push((vital, tally));
    }
    Vital::ALL.iter().map(|v| found.iter().find(|(f, _)| f == v).map(|(_, t)| *t)).collect()
}

/// When figures were kept and for which day, to decide whether they still answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    /// The day they are of.
    pub day: Date,
    /// The last instant of that day at the office.
    pub day_ended: OffsetDateTime,
    /// When they were computed.
    pub computed_at: OffsetDateTime,
}

impl Kept {
    /// Whether the figures still answer at `now` (`today` at the office): a past day's once
    /// computed after it ended; today's while younger than `live_for` (never figures computed
    /// after `now`, which a reader of an earlier instant cannot have).
    pub fn current(&self, today: Date, now: OffsetDateTime, live_for: Duration) -> bool {
        if self.day < today {
            self.computed_at >= self.day_ended
        } else {
            self.day == today && self.computed_at <= now && now - self.computed_at < live_for
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn tallies() -> Vec<Tally> {
        Vital::ALL
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let n = i as u64;
                if v.is_share() { Tally::share(n, n * 2) } else { Tally::count(n) }
            })
            .collect()
    }

    #[test]
    fn figures_round_trip() {
        let text = encode(&tallies());
        assert!(text.starts_with("lapor-tepat-30=0/0;lapor-tepat-90=1/2;terlambat-lapor=2;"));
        assert!(text.len() <= MAX_CHARS);
        assert_eq!(decode(&text), Some(tallies()));
    }

    #[test]
    fn a_row_missing_a_figure_or_garbled_is_computed_again() {
        let text = encode(&tallies());
        let without_last = text.rsplit_once(';').map(|(head, _)| head).unwrap_or_default();
        assert_eq!(decode(without_last), None);
        assert_eq!(decode(&text.replace("terlambat-lapor=2", "terlambat-lapor=2/4")), None);
        assert_eq!(decode(&text.replace("=1/2", "=x/2")), None);
        assert_eq!(decode(&text.replace("lapor-tepat-30", "tidak-ada")), None);
        assert_eq!(decode(""), None);
    }

    fn kept(day: Date, day_ended: OffsetDateTime, computed_at: OffsetDateTime) -> Kept {
        Kept { day, day_ended, computed_at }
    }

    #[test]
    fn a_past_day_is_final_once_computed_after_it_ended() {
        let (day, ended) = (date!(2026 - 11 - 30), datetime!(2026-11-30 23:59:59.999 +07:00));
        let today = date!(2026 - 12 - 03);
        let now = datetime!(2026-12-03 09:00 +07:00);
        assert!(kept(day, ended, datetime!(2026-12-01 00:00 +07:00)).current(today, now, LIVE_FOR));
        assert!(kept(day, ended, ended).current(today, now, LIVE_FOR), "computed on the last instant counts");
        let early = kept(day, ended, datetime!(2026-11-30 22:00 +07:00));
        assert!(!early.current(today, now, LIVE_FOR), "computed before its end");
    }

    #[test]
    fn todays_figures_answer_for_ten_minutes() {
        let today = date!(2026 - 12 - 03);
        let ended = datetime!(2026-12-03 23:59:59.999 +07:00);
        let now = datetime!(2026-12-03 09:00 +07:00);
        assert!(kept(today, ended, datetime!(2026-12-03 08:50:01 +07:00)).current(today, now, LIVE_FOR));
        let old = kept(today, ended, datetime!(2026-12-03 08:50 +07:00));
        assert!(!old.current(today, now, LIVE_FOR), "ten minutes old");
        assert!(old.current(today, now, Duration::minutes(11)));
        assert!(!old.current(today, now, REFRESH_AFTER), "the refresh computes it again sooner");
        let ahead = kept(today, ended, datetime!(2026-12-03 09:00:01 +07:00));
        assert!(!ahead.current(today, now, LIVE_FOR), "from the future");
        assert!(
            !kept(date!(2026 - 12 - 04), ended, now).current(today, now, LIVE_FOR),
            "a day not yet begun"
        );
    }
}
