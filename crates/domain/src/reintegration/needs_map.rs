//! The office's needs map: how many active clients need each checklist item and each
//! criminogenic domain, by kecamatan and by risk band, and how that moved since the same day
//! last month — the evidence an action plan starts from. It counts; it never names, so a
//! child is a number like any other client.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use super::checklist::{NeedItem, NeedState};
use crate::needs::{NeedDomain, NeedLevel};
use crate::office::OfficeRef;
use crate::reporting::RiskBand;

/// The same day one month earlier, or the month's last day when it has no such day
/// (31 March → 28 or 29 February).
pub fn month_before(day: Date) -> Date {
    let (year, month) = match day.month() {
        Month::January => (day.year() - 1, Month::December),
        m => (day.year(), m.previous()),
    };
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, day.day().min(last)).unwrap_or(day)
}

/// The state an item was in at the end of `day`, from its changes in the order made.
pub fn state_on(changes: &[(Date, NeedState)], day: Date) -> Option<NeedState> {
    changes.iter().rfind(|(on, _)| *on <= day).map(|(_, s)| *s)
}

/// Whether a state is an open need (not met yet): needed or in progress.
pub fn is_open(state: Option<NeedState>) -> bool {
    matches!(state, Some(NeedState::Needed | NeedState::InProgress))
}

/// What the map needs to know of one active client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientFacts {
    /// The kecamatan the client lives in (name), when known.
    pub area: Option<String>,
    /// The current risk band (none: not assessed).
    pub band: Option<RiskBand>,
    /// Each item's changes, in the order made.
    pub items: BTreeMap<NeedItem, Vec<(Date, NeedState)>>,
    /// The latest assessment's level per domain, and its date.
    pub domains: Vec<(NeedDomain, NeedLevel)>,
    /// The day of that assessment.
    pub assessed_on: Option<Date>,
}

/// One item's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCount {
    /// The item.
    pub item: NeedItem,
    /// Clients who need it, nothing working on it yet.
    pub needed: u32,
    /// Clients with a partner or programme working on it.
    pub in_progress: u32,
    /// Clients who have it.
    pub met: u32,
    /// Open needs (needed or in progress) a month earlier.
    pub open_before: u32,
    /// Needs met during the month.
    pub met_this_month: u32,
}

impl ItemCount {
    /// Open needs now.
    pub fn open(&self) -> u32 {
        self.needed + self.in_progress
    }

    /// Open needs now minus a month earlier (negative: fewer).
    pub fn trend(&self) -> i64 {
        i64::from(self.open()) - i64::from(self.open_before)
    }
}

/// One criminogenic domain's counts, from each client's latest assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainCount {
    /// The domain.
    pub domain: NeedDomain,
    /// Clients with a high need.
    pub high: u32,
    /// Clients with some need.
    pub some: u32,
    /// High or some a month earlier (assessments made by then).
    pub before: u32,
}

/// Open needs per item for one group of clients (a kecamatan, a band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    /// The group's name (a kecamatan), or its band.
    pub label: String,
    /// The band, for a row by band.
    pub band: Option<RiskBand>,
    /// Active clients in the group.
    pub clients: u32,
    /// Open needs per item, in item order.
    pub open: Vec<u32>,
    /// Clients with a high need per domain, in domain order.
    pub high: Vec<u32>,
}

/// The needs map of an office on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsMap {
    /// The day counted.
    pub as_of: Date,
    /// The day compared with.
    pub since: Date,
    /// Active clients.
    pub clients: u32,
    /// Of them, with at least one item marked.
    pub mapped: u32,
    /// Of them, assessed with RRI.
    pub assessed: u32,
    /// Per item, in item order.
    pub items: Vec<ItemCount>,
    /// Per criminogenic domain, in domain order.
    pub domains: Vec<DomainCount>,
    /// Per kecamatan, most open needs first; clients without a known kecamatan last.
    pub by_area: Vec<GroupRow>,
    /// Per risk band, lowest first; unassessed clients last.
    pub by_band: Vec<GroupRow>,
}

/// The needs map of one office, and the offices the viewer may switch to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeNeeds {
    /// The office counted.
    pub office: OfficeRef,
    /// Offices whose map the viewer may read (one for a Kabapas).
    pub offices: Vec<OfficeRef>,
    /// The map.
    pub map: NeedsMap,
}

/// The label of the group of clients whose kecamatan is unknown.
pub const UNKNOWN_AREA: &str = "-";

/// Counts the map of `clients` (the office's active clients) on `as_of`, against the same
/// day a month earlier.
pub fn count(clients: &[ClientFacts], as_of: Date) -> NeedsMap {
    count_since(clients, as_of, month_before(as_of))
}

/// Counts the map of `clients` on `as_of` against the end of `since` (a monthly report
/// compares with the previous month's last day).
pub fn count_since(clients: &[ClientFacts], as_of: Date, since: Date) -> NeedsMap {
    let mut items: Vec<ItemCount> = NeedItem::ALL
        .iter()
        .map(|&item| ItemCount { item, needed: 0, in_progress: 0, met: 0, open_before: 0, met_this_month: 0 })
        .collect();
    let mut domains: Vec<DomainCount> =
        NeedDomain::ALL.iter().map(|&domain| DomainCount { domain, high: 0, some: 0, before: 0 }).collect();
    let mut areas: BTreeMap<String, GroupRow> = BTreeMap::new();
    let mut bands: BTreeMap<Option<RiskBand>, GroupRow> = BTreeMap::new();
    let (mut mapped, mut assessed) = (0, 0);
    for client in clients {
        let now: Vec<Option<NeedState>> =
            NeedItem::ALL.iter().map(|i| client.items.get(i).and_then(|c| state_on(c, as_of))).collect();
        if now.iter().any(Option::is_some) {
            mapped += 1;
        }
        for ((count, item), state) in items.iter_mut().zip(NeedItem::ALL).zip(&now) {
            let changes = client.items.get(item).map(Vec::as_slice).unwrap_or_default();
            let before = state_on(changes, since);
            match state {
                Some(NeedState::Needed) => count.needed += 1,
                Some(NeedState::InProgress) => count.in_progress += 1,
                Some(NeedState::Met) => count.met += 1,
                None => {}
            }
            count.open_before += u32::from(is_open(before));
            count.met_this_month += u32::from(*state == Some(NeedState::Met) && is_open(before));
        }
        // An assessment made after the day did not exist on it.
        let assessed_by_then = client.assessed_on.is_some_and(|d| d <= as_of);
        let levels: Vec<NeedLevel> = NeedDomain::ALL
            .iter()
            .map(|d| match client.domains.iter().find(|(x, _)| x == d) {
                Some((_, level)) if assessed_by_then => *level,
                _ => NeedLevel::None,
            })
            .collect();
        if assessed_by_then {
            assessed += 1;
            let counted_before = client.assessed_on.is_some_and(|d| d <= since);
            for (count, level) in domains.iter_mut().zip(&levels) {
                count.high += u32::from(*level == NeedLevel::High);
                count.some += u32::from(*level == NeedLevel::Some);
                count.before += u32::from(counted_before && *level != NeedLevel::None);
            }
        }
        let area = client.area.clone().unwrap_or_else(|| UNKNOWN_AREA.to_owned());
        let rows = [
            areas.entry(area.clone()).or_insert_with(|| group(area, None)),
            bands.entry(client.band).or_insert_with(|| group(String::new(), client.band)),
        ];
        for row in rows {
            row.clients += 1;
            for (open, state) in row.open.iter_mut().zip(&now) {
                *open += u32::from(is_open(*state));
            }
            for (high, level) in row.high.iter_mut().zip(&levels) {
                *high += u32::from(*level == NeedLevel::High);
            }
        }
    }
    let mut by_area: Vec<GroupRow> = areas.into_values().collect();
    by_area.sort_by_key(|r| (r.label == UNKNOWN_AREA, std::cmp::Reverse(r.open.iter().sum::<u32>())));
    let mut by_band: Vec<GroupRow> = bands.into_values().collect();
    by_band.sort_by_key(|r| (r.band.is_none(), r.band.map(band_rank)));
    let clients = u32::try_from(clients.len()).unwrap_or(u32::MAX);
    NeedsMap { as_of, since, clients, mapped, assessed, items, domains, by_area, by_band }
}

fn group(label: String, band: Option<RiskBand>) -> GroupRow {
    GroupRow {
        label,
        band,
        clients: 0,
        open: vec![0; NeedItem::ALL.len()],
        high: vec![0; NeedDomain::ALL.len()],
    }
}

fn band_rank(band: RiskBand) -> usize {
    RiskBand::ALL.iter().position(|b| *b == band).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    use NeedState::*;

    #[test]
    fn a_month_earlier_keeps_the_day_or_takes_the_month_s_last() {
        assert_eq!(month_before(date!(2026 - 12 - 04)), date!(2026 - 11 - 04));
        assert_eq!(month_before(date!(2027 - 01 - 15)), date!(2026 - 12 - 15), "across the year");
        assert_eq!(month_before(date!(2027 - 03 - 31)), date!(2027 - 02 - 28));
        assert_eq!(month_before(date!(2028 - 03 - 31)), date!(2028 - 02 - 29), "a leap year");
        assert_eq!(month_before(date!(2026 - 07 - 31)), date!(2026 - 06 - 30));
        assert_eq!(month_before(date!(2026 - 03 - 01)), date!(2026 - 02 - 01));
    }

    #[test]
    fn an_item_s_state_on_a_day_is_its_last_change_by_then() {
        let changes = [
            (date!(2026 - 10 - 01), Needed),
            (date!(2026 - 11 - 10), InProgress),
            (date!(2026 - 11 - 30), Met),
        ];
        assert_eq!(state_on(&changes, date!(2026 - 09 - 30)), None);
        assert_eq!(state_on(&changes, date!(2026 - 10 - 01)), Some(Needed), "the day itself counts");
        assert_eq!(state_on(&changes, date!(2026 - 11 - 29)), Some(InProgress));
        assert_eq!(state_on(&changes, date!(2026 - 12 - 04)), Some(Met));
        let same_day = [(date!(2026 - 11 - 10), Needed), (date!(2026 - 11 - 10), Met)];
        assert_eq!(state_on(&same_day, date!(2026 - 11 - 10)), Some(Met), "the later change of the day");
    }

    fn client(area: Option<&str>, band: Option<RiskBand>, ktp: &[(Date, NeedState)]) -> ClientFacts {
        let mut items = BTreeMap::new();
        if !ktp.is_empty() {
            items.insert(NeedItem::Ktp, ktp.to_vec());
        }
        ClientFacts { area: area.map(str::to_owned), band, items, ..ClientFacts::default() }
    }

    #[test]
    fn the_map_counts_now_and_a_month_earlier() {
        let as_of = date!(2026 - 12 - 04);
        let clients = [
            // Needed since October, met last week: one met this month.
            client(
                Some("Kembangan"),
                Some(RiskBand::Tinggi),
                &[(date!(2026 - 10 - 01), Needed), (date!(2026 - 11 - 28), Met)],
            ),
            // Found needed this month: the open needs grew.
            client(Some("Kembangan"), Some(RiskBand::Rendah), &[(date!(2026 - 11 - 20), Needed)]),
            // In progress since before: open then and now.
            client(None, None, &[(date!(2026 - 09 - 01), Needed), (date!(2026 - 10 - 15), InProgress)]),
            // Never marked.
            client(Some("Cengkareng"), Some(RiskBand::Rendah), &[]),
        ];
        let map = count(&clients, as_of);
        assert_eq!((map.clients, map.mapped, map.since), (4, 3, date!(2026 - 11 - 04)));
        let ktp = &map.items[0];
        assert_eq!(ktp.item, NeedItem::Ktp);
        assert_eq!((ktp.needed, ktp.in_progress, ktp.met), (1, 1, 1));
        assert_eq!((ktp.open(), ktp.open_before, ktp.trend(), ktp.met_this_month), (2, 2, 0, 1));
        assert_eq!(map.items[1].open(), 0, "BPJS marked for nobody");

        let areas: Vec<(&str, u32, u32)> =
            map.by_area.iter().map(|r| (r.label.as_str(), r.clients, r.open[0])).collect();
        assert_eq!(areas, [("Kembangan", 2, 1), ("Cengkareng", 1, 0), (UNKNOWN_AREA, 1, 1)]);
        let bands: Vec<(Option<RiskBand>, u32)> = map.by_band.iter().map(|r| (r.band, r.clients)).collect();
        assert_eq!(bands, [(Some(RiskBand::Rendah), 2), (Some(RiskBand::Tinggi), 1), (None, 1)]);
    }

    #[test]
    fn criminogenic_needs_count_from_assessments_made_by_the_day() {
        let as_of = date!(2026 - 12 - 04);
        let assessed = |on: Date, level: NeedLevel| ClientFacts {
            domains: vec![(NeedDomain::DrugsAlcohol, level)],
            assessed_on: Some(on),
            ..ClientFacts::default()
        };
        let clients = [
            assessed(date!(2026 - 10 - 01), NeedLevel::High),
            assessed(date!(2026 - 11 - 20), NeedLevel::Some),
            assessed(date!(2026 - 12 - 10), NeedLevel::High), // after the day: not counted
            ClientFacts::default(),
        ];
        let map = count(&clients, as_of);
        assert_eq!(map.assessed, 2);
        let drugs = map.domains.iter().find(|d| d.domain == NeedDomain::DrugsAlcohol).unwrap();
        assert_eq!((drugs.high, drugs.some, drugs.before), (1, 1, 1));
        assert_eq!(map.by_band[0].high[2], 1, "drugs is the third domain");
    }
}
