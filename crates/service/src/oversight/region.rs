//! The regional comparison: the vitals of every office of a Kanwil side by side, or — for
//! headquarters and the admin — of every Kanwil of the country, with the outliers marked and
//! a twelve-month trend per figure, and the PKS in force and expiring per area
//! ([`policy::comparison`]). Counts only: no client is named,
//! so reading it writes no access-log row.

use std::collections::{BTreeMap, HashMap, HashSet};

use pamong_domain::abh::clock::end_of_day;
use pamong_domain::agreements::{AgreementStatus, status_on};
use pamong_domain::office::OfficeRef;
use pamong_domain::oversight::region::{
    AgreementCount, AreaFigure, RegionRow, RegionVitals, outlier, trend_days,
};
use pamong_domain::oversight::vitals::{Tally, Vital};
use pamong_entity::{agreement, bapas, kanwil};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::figures::Figures;
use crate::abh::zone_of;
use crate::actor::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::BapasId;
use crate::offices::today_at;
use crate::policy::{self, Comparison};
use crate::reintegration::action_plans::figure_offices;

/// One area's figures: today, and on each trend day.
struct AreaTallies {
    area: OfficeRef,
    clients: u64,
    /// Per vital (in [`Vital::ALL`] order), per trend day (today last).
    tallies: Vec<Vec<Tally>>,
}

impl AreaTallies {
    fn empty(area: OfficeRef, days: usize) -> AreaTallies {
        let tallies = Vital::ALL.iter().map(|v| vec![v.zero(); days]).collect();
        AreaTallies { area, clients: 0, tallies }
    }

    fn add(&mut self, other: &AreaTallies) {
        self.clients += other.clients;
        for (mine, theirs) in self.tallies.iter_mut().zip(&other.tallies) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                m.add(*t);
            }
        }
    }
}

/// The comparison the actor reads: their region's offices (a Kanwil); for headquarters and
/// the admin, the offices of `kanwil` when one is chosen, else every Kanwil of the country.
pub async fn region_vitals(
    db: &DatabaseConnection,
    actor: &Actor,
    kanwil_id: Option<Uuid>,
    now: OffsetDateTime,
) -> ServiceResult<RegionVitals> {
    let comparison = policy::comparison(actor).ok_or_else(ServiceError::not_found)?;
    let readable = figure_offices(db, actor).await?;
    let kanwils: Vec<kanwil::Model> = kanwil::Entity::find()
        .filter(kanwil::Column::Id.is_in(readable.iter().map(|b| b.kanwil_id)))
        .order_by_asc(kanwil::Column::Name)
        .all(db)
        .await?;
    let chosen = match comparison {
        Comparison::Region(k) => {
            Some(kanwils.iter().find(|row| row.id == k.get()).cloned().ok_or_else(ServiceError::not_found)?)
        }
        Comparison::Nation => match kanwil_id {
            Some(id) => Some(
                kanwils
                    .iter()
                    .find(|row| row.public_id == id)
                    .cloned()
                    .ok_or_else(ServiceError::not_found)?,
            ),
            None => None,
        },
    };
    let offices: Vec<&bapas::Model> =
        readable.iter().filter(|b| chosen.as_ref().is_none_or(|k| b.kanwil_id == k.id)).collect();
    // Every office is read on the same calendar days: the first office's today (they differ
    // at most by the hours between WIB and WIT).
    let today = match offices.first() {
        Some(b) => today_at(db, b.id, now).await?,
        None => now.date(),
    };
    let days = trend_days(today);
    let mut per_office = Vec::with_capacity(offices.len());
    for b in &offices {
        per_office.push((b.kanwil_id, office_tallies(db, b, &days, today, now).await?));
    }
    let agreements = agreement_counts(db, &offices, chosen.is_none(), &kanwils, today).await?;
    let areas: Vec<AreaTallies> = match &chosen {
        Some(_) => per_office.into_iter().map(|(_, t)| t).collect(),
        None => {
            let mut by_kanwil: BTreeMap<i32, AreaTallies> = BTreeMap::new();
            for (k, t) in &per_office {
                let Some(row) = kanwils.iter().find(|row| row.id == *k) else { continue };
                by_kanwil.entry(*k).or_insert_with(|| AreaTallies::empty(kanwil_ref(row), days.len())).add(t);
            }
            let mut areas: Vec<AreaTallies> = by_kanwil.into_values().collect();
            areas.sort_by(|a, b| a.area.name.cmp(&b.area.name));
            areas
        }
    };
    let whole_ref =
        chosen.as_ref().map_or_else(|| OfficeRef { id: Uuid::nil(), name: String::new() }, kanwil_ref);
    let mut whole = AreaTallies::empty(whole_ref, days.len());
    areas.iter().for_each(|a| whole.add(a));
    let last = days.len().saturating_sub(1);
    let rows = Vital::ALL
        .iter()
        .copied()
        .enumerate()
        .map(|(i, vital)| {
            let total = whole.tallies[i][last];
            let areas = areas
                .iter()
                .map(|a| {
                    let tally = a.tallies[i][last];
                    AreaFigure {
                        area: a.area.clone(),
                        clients: a.clients,
                        tally,
                        outlier: outlier(vital, tally, a.clients, total, whole.clients),
                    }
                })
                .collect();
            let trend = days.iter().copied().zip(whole.tallies[i].iter().copied()).collect();
            RegionRow { vital, total, areas, trend }
        })
        .collect();
    Ok(RegionVitals {
        kanwil: chosen.as_ref().map(kanwil_ref),
        as_of: today,
        clients: whole.clients,
        rows,
        kanwils: match comparison {
            Comparison::Nation => kanwils.iter().map(kanwil_ref).collect(),
            Comparison::Region(_) => Vec::new(),
        },
        agreements,
    })
}

/// The PKS of the offices, per office or (`by_kanwil`) per Kanwil, in name order: in force
/// today, and ending within 90 days without a renewal.
async fn agreement_counts(
    db: &DatabaseConnection,
    offices: &[&bapas::Model],
    by_kanwil: bool,
    kanwils: &[kanwil::Model],
    today: Date,
) -> ServiceResult<Vec<AgreementCount>> {
    let rows = agreement::Entity::find()
        .filter(agreement::Column::BapasId.is_in(offices.iter().map(|b| b.id)))
        .all(db)
        .await?;
    let renewed: HashSet<i32> = rows.iter().filter_map(|r| r.previous_id).collect();
    // Each office's area, worked out once: the office itself, or its Kanwil.
    let area_of: HashMap<i32, OfficeRef> = offices
        .iter()
        .map(|b| {
            let area = match (by_kanwil, kanwils.iter().find(|k| k.id == b.kanwil_id)) {
                (true, Some(k)) => kanwil_ref(k),
                _ => OfficeRef { id: b.public_id, name: b.name.clone() },
            };
            (b.id, area)
        })
        .collect();
    let mut counts: BTreeMap<String, AgreementCount> = area_of
        .values()
        .map(|area| (area.name.clone(), AgreementCount { area: area.clone(), in_force: 0, expiring: 0 }))
        .collect();
    for r in &rows {
        let Some(area) = area_of.get(&r.bapas_id) else { continue };
        let Some(count) = counts.get_mut(&area.name) else { continue };
        match status_on(r.signed_on, r.end_on, r.terminated_on, today) {
            AgreementStatus::Active => count.in_force += 1,
            AgreementStatus::Expiring => {
                count.in_force += 1;
                count.expiring += u64::from(!renewed.contains(&r.id));
            }
            AgreementStatus::Draft | AgreementStatus::Expired | AgreementStatus::Terminated => {}
        }
    }
    Ok(counts.into_values().collect())
}

fn kanwil_ref(row: &kanwil::Model) -> OfficeRef {
    OfficeRef { id: row.public_id, name: row.name.clone() }
}

/// One office's vitals on each of `days`: today as of `now`, a past day as of its end.
async fn office_tallies(
    db: &DatabaseConnection,
    b: &bapas::Model,
    days: &[Date],
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<AreaTallies> {
    let zone = zone_of(db, b.id).await?;
    let at: Vec<(Date, OffsetDateTime)> =
        days.iter().map(|d| (*d, if *d >= today { now } else { end_of_day(*d, zone) })).collect();
    let figures = Figures::load(db, BapasId(b.id), &at, now).await?;
    let tallies = Vital::ALL
        .iter()
        .map(|vital| {
            let mut per_day = vec![vital.zero(); days.len()];
            for part in figures.parts(*vital) {
                for (sum, tally) in per_day.iter_mut().zip(&part.tallies) {
                    if let Some(t) = tally {
                        sum.add(*t);
                    }
                }
            }
            per_day
        })
        .collect();
    let clients = figures.supervised(days.len().saturating_sub(1));
    Ok(AreaTallies { area: OfficeRef { id: b.public_id, name: b.name.clone() }, clients, tallies })
}
