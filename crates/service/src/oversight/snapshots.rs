//! The offices' vitals kept per day (`vital_snapshots`), so that a regional or national
//! comparison reads 94 offices' twelve-month trends from about a thousand rows instead of
//! every client's history. A past day is computed once after it ended and then stays; today
//! is computed again when older than [`LIVE_FOR`] for a reader, and every [`REFRESH_AFTER`]
//! by the server's background [`refresh`], so a reader rarely waits for it. An office's own
//! dashboard is always computed live.

use std::collections::HashMap;

use pamong_domain::abh::clock::end_of_day;
use pamong_domain::office::{OfficeRef, Zone};
use pamong_domain::oversight::region::trend_days;
use pamong_domain::oversight::snapshot::{
    Kept, LIVE_FOR, MAX_CHARS, REFRESH_AFTER, Snapshot, decode, encode,
};
use pamong_domain::oversight::vitals::{Tally, Vital};
use pamong_entity::{bapas, vital_snapshot};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use time::{Date, Duration, OffsetDateTime};

use super::figures::Figures;
use crate::error::ServiceResult;
use crate::ids::BapasId;

/// One area's figures: today, and on each trend day.
pub(super) struct AreaTallies {
    pub area: OfficeRef,
    pub clients: u64,
    /// Per vital (in [`Vital::ALL`] order), per trend day (today last).
    pub tallies: Vec<Vec<Tally>>,
    /// When the figures of the last day were computed.
    pub computed_at: OffsetDateTime,
}

impl AreaTallies {
    pub fn empty(area: OfficeRef, days: usize, now: OffsetDateTime) -> AreaTallies {
        let tallies = Vital::ALL.iter().map(|v| vec![v.zero(); days]).collect();
        AreaTallies { area, clients: 0, tallies, computed_at: now }
    }

    /// Adds another area's figures (same days); the sum is as old as the older.
    pub fn add(&mut self, other: &AreaTallies) {
        self.clients += other.clients;
        self.computed_at = self.computed_at.min(other.computed_at);
        for (mine, theirs) in self.tallies.iter_mut().zip(&other.tallies) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                m.add(*t);
            }
        }
    }
}

/// The office's zone as kept on its row (WIB when unreadable, as elsewhere).
pub(super) fn zone(office: &bapas::Model) -> Zone {
    Zone::parse(&office.zone).unwrap_or(Zone::Wib)
}

/// Each office's figures on each of `days` (`today` last), as kept where still current for a
/// reader ([`LIVE_FOR`]), else computed now and kept.
pub(super) async fn offices_tallies(
    db: &DatabaseConnection,
    offices: &[&bapas::Model],
    days: &[Date],
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Vec<AreaTallies>> {
    tallies_kept_for(db, offices, days, today, now, LIVE_FOR).await
}

async fn tallies_kept_for(
    db: &DatabaseConnection,
    offices: &[&bapas::Model],
    days: &[Date],
    today: Date,
    now: OffsetDateTime,
    live_for: Duration,
) -> ServiceResult<Vec<AreaTallies>> {
    let mut kept: HashMap<(i32, Date), vital_snapshot::Model> = HashMap::new();
    // A national read asks for 94 × 12 rows; offices are asked in chunks to keep the
    // statement's parameters few.
    for chunk in offices.chunks(200) {
        let rows = vital_snapshot::Entity::find()
            .filter(vital_snapshot::Column::BapasId.is_in(chunk.iter().map(|b| b.id)))
            .filter(vital_snapshot::Column::Day.is_in(days.iter().copied()))
            .order_by_asc(vital_snapshot::Column::Id)
            .all(db)
            .await?;
        kept.extend(rows.into_iter().map(|r| ((r.bapas_id, r.day), r)));
    }
    let mut out = Vec::with_capacity(offices.len());
    for office in offices {
        let zone = zone(office);
        let mut found: Vec<Option<(Snapshot, OffsetDateTime)>> = days
            .iter()
            .map(|day| {
                let row = kept.get(&(office.id, *day))?;
                let when =
                    Kept { day: *day, day_ended: end_of_day(*day, zone), computed_at: row.computed_at };
                if !when.current(today, now, live_for) {
                    return None;
                }
                let tallies = decode(&row.figures)?;
                Some((
                    Snapshot { clients: u64::try_from(row.clients).unwrap_or(0), tallies },
                    row.computed_at,
                ))
            })
            .collect();
        let missing: Vec<usize> = (0..days.len()).filter(|i| found[*i].is_none()).collect();
        if !missing.is_empty() {
            let computed =
                compute(db, office, zone, &missing.iter().map(|i| days[*i]).collect::<Vec<_>>(), today, now)
                    .await?;
            for (i, snapshot) in missing.into_iter().zip(computed) {
                keep(db, office.id, days[i], &snapshot, now).await?;
                found[i] = Some((snapshot, now));
            }
        }
        let area = OfficeRef { id: office.public_id, name: office.name.clone() };
        let mut tallies = AreaTallies::empty(area, days.len(), now);
        for (d, day) in found.iter().enumerate() {
            let Some((snapshot, computed_at)) = day else { continue };
            for (per_day, tally) in tallies.tallies.iter_mut().zip(&snapshot.tallies) {
                if let Some(slot) = per_day.get_mut(d) {
                    *slot = *tally;
                }
            }
            if d + 1 == days.len() {
                tallies.clients = snapshot.clients;
                tallies.computed_at = *computed_at;
            }
        }
        out.push(tallies);
    }
    Ok(out)
}

/// An office's figures on `days` from its records: a past day as of its end, today as of `now`.
async fn compute(
    db: &DatabaseConnection,
    office: &bapas::Model,
    zone: Zone,
    days: &[Date],
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Vec<Snapshot>> {
    let at: Vec<(Date, OffsetDateTime)> =
        days.iter().map(|d| (*d, if *d >= today { now } else { end_of_day(*d, zone) })).collect();
    let figures = Figures::load(db, BapasId(office.id), &at, now).await?;
    let mut snapshots: Vec<Snapshot> = (0..days.len())
        .map(|d| Snapshot {
            clients: figures.supervised(d),
            tallies: Vital::ALL.iter().map(|v| v.zero()).collect(),
        })
        .collect();
    for (v, vital) in Vital::ALL.iter().enumerate() {
        for part in figures.parts(*vital) {
            for (snapshot, tally) in snapshots.iter_mut().zip(&part.tallies) {
                if let (Some(t), Some(sum)) = (tally, snapshot.tallies.get_mut(v)) {
                    sum.add(*t);
                }
            }
        }
    }
    Ok(snapshots)
}

/// Keeps an office's figures of a day, replacing what was kept.
async fn keep(
    db: &DatabaseConnection,
    office: i32,
    day: Date,
    snapshot: &Snapshot,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let row = vital_snapshot::ActiveModel {
        bapas_id: Set(office),
        day: Set(day),
        computed_at: Set(now),
        clients: Set(i64::try_from(snapshot.clients).unwrap_or(i64::MAX)),
        figures: Set(encode(&snapshot.tallies).chars().take(MAX_CHARS).collect()),
        ..Default::default()
    };
    vital_snapshot::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([vital_snapshot::Column::BapasId, vital_snapshot::Column::Day])
                .update_columns([
                    vital_snapshot::Column::ComputedAt,
                    vital_snapshot::Column::Clients,
                    vital_snapshot::Column::Figures,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Computes again what a reader would soon find too old: every active office's figures of
/// today older than [`REFRESH_AFTER`], and any trend day not yet final. Returns how many
/// offices it read. The server runs it every few minutes; it reads no client for anyone.
pub async fn refresh(db: &DatabaseConnection, now: OffsetDateTime) -> ServiceResult<usize> {
    let offices = bapas::Entity::find()
        .filter(bapas::Column::Active.eq(true))
        .order_by_asc(bapas::Column::Id)
        .all(db)
        .await?;
    for office in &offices {
        let today = now.to_offset(zone(office).offset()).date();
        tallies_kept_for(db, &[office], &trend_days(today), today, now, REFRESH_AFTER).await?;
    }
    Ok(offices.len())
}
