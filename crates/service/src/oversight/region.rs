//! The regional comparison: the vitals of every office of a Kanwil side by side, or — for
//! headquarters and the admin — of every Kanwil of the country, with the outliers marked and
//! a twelve-month trend per figure, and the PKS in force and expiring per area
//! ([`policy::comparison`]). Counts only: no client is named,
//! so reading it writes no access-log row.

use std::collections::{BTreeMap, HashMap, HashSet};

use pamong_domain::agreements::{AgreementStatus, status_on};
use pamong_domain::office::{OfficeRef, Zone};
use pamong_domain::oversight::region::{
    AgreementCount, AreaFigure, RegionRow, RegionVitals, outlier, trend_days,
};
use pamong_domain::oversight::vitals::Vital;
use pamong_entity::{agreement, bapas, kanwil};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::snapshots::{AreaTallies, offices_tallies, zone};
use crate::actor::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::policy::{self, Comparison};
use crate::reintegration::action_plans::figure_offices;

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
    let zone = offices.first().map_or(Zone::Wib, |b| zone(b));
    let today = now.to_offset(zone.offset()).date();
    let days = trend_days(today);
    let tallies = offices_tallies(db, &offices, &days, today, now).await?;
    let per_office: Vec<(i32, AreaTallies)> = offices.iter().map(|b| b.kanwil_id).zip(tallies).collect();
    let agreements = agreement_counts(db, &offices, chosen.is_none(), &kanwils, today).await?;
    let areas: Vec<AreaTallies> = match &chosen {
        Some(_) => per_office.into_iter().map(|(_, t)| t).collect(),
        None => {
            let mut by_kanwil: BTreeMap<i32, AreaTallies> = BTreeMap::new();
            for (k, t) in &per_office {
                let Some(row) = kanwils.iter().find(|row| row.id == *k) else { continue };
                by_kanwil
                    .entry(*k)
                    .or_insert_with(|| AreaTallies::empty(kanwil_ref(row), days.len(), now))
                    .add(t);
            }
            let mut areas: Vec<AreaTallies> = by_kanwil.into_values().collect();
            areas.sort_by(|a, b| a.area.name.cmp(&b.area.name));
            areas
        }
    };
    let whole_ref =
        chosen.as_ref().map_or_else(|| OfficeRef { id: Uuid::nil(), name: String::new() }, kanwil_ref);
    let mut whole = AreaTallies::empty(whole_ref, days.len(), now);
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
        computed_at: whole.computed_at,
        zone,
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
