//! The office's needs map: the checklist and the criminogenic needs of its active clients,
//! counted by item and domain, by kecamatan and by risk band, against the same day last
//! month. The Kabapas reads their office's; a Kanwil user any office of the region; the
//! admin any office. It counts clients and names none.

use std::collections::{BTreeMap, HashMap};

use pamong_domain::client::ClientStatus;
use pamong_domain::needs::{NeedRatings, levels};
use pamong_domain::office::OfficeRef;
use pamong_domain::region::RegionCode;
use pamong_domain::reintegration::checklist::{NeedItem, NeedState};
use pamong_domain::reintegration::needs_map::{ClientFacts, OfficeNeeds, count};
use pamong_domain::reporting::RiskBand;
use pamong_entity::{bapas, client, client_assessment, client_need, region};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::Date;
use uuid::Uuid;

use crate::actor::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;
use crate::search::office_condition;

/// The needs map of `office` (or the first office the actor may read) as of `today`.
pub async fn of_office(
    db: &DatabaseConnection,
    actor: &Actor,
    office: Option<Uuid>,
    today: Date,
) -> ServiceResult<OfficeNeeds> {
    let scope = policy::figures_scope(actor);
    if scope.is_empty() {
        return Err(ServiceError::not_found());
    }
    let offices = bapas::Entity::find()
        .filter(office_condition(db, scope, bapas::Column::Id).await?)
        .filter(bapas::Column::Active.eq(true))
        .order_by_asc(bapas::Column::Name)
        .all(db)
        .await?;
    let chosen = match office {
        Some(id) => offices.iter().find(|b| b.public_id == id),
        None => offices.first(),
    }
    .ok_or_else(ServiceError::not_found)?;
    let facts = facts(db, chosen.id).await?;
    Ok(OfficeNeeds {
        office: OfficeRef { id: chosen.public_id, name: chosen.name.clone() },
        map: count(&facts, today),
        offices: offices.iter().map(|b| OfficeRef { id: b.public_id, name: b.name.clone() }).collect(),
    })
}

/// What the map counts of each active client of an office.
pub(crate) async fn facts<C: ConnectionTrait>(db: &C, bapas_id: i32) -> ServiceResult<Vec<ClientFacts>> {
    let clients = client::Entity::find()
        .filter(client::Column::BapasId.eq(bapas_id))
        .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
        .all(db)
        .await?;
    let ids: Vec<i32> = clients.iter().map(|c| c.id).collect();
    let mut items: HashMap<i32, BTreeMap<NeedItem, Vec<(Date, NeedState)>>> = HashMap::new();
    // Chunks keep each `IN (…)` list well under the databases' limits on bound parameters.
    for chunk in ids.chunks(CHUNK) {
        let rows = client_need::Entity::find()
            .filter(client_need::Column::ClientId.is_in(chunk.iter().copied()))
            .order_by_asc(client_need::Column::Id)
            .all(db)
            .await?;
        for r in rows {
            if let (Some(item), Some(state)) = (NeedItem::parse(&r.item), NeedState::parse(&r.state)) {
                items.entry(r.client_id).or_default().entry(item).or_default().push((r.changed_on, state));
            }
        }
    }
    let mut assessed: HashMap<i32, (Date, NeedRatings)> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows = client_assessment::Entity::find()
            .filter(client_assessment::Column::ClientId.is_in(chunk.iter().copied()))
            .order_by_asc(client_assessment::Column::AssessedOn)
            .order_by_asc(client_assessment::Column::Id)
            .all(db)
            .await?;
        for a in rows {
            // An assessment whose needs do not read counts as one with none.
            let ratings = serde_json::from_str(&a.needs).unwrap_or_default();
            assessed.insert(a.client_id, (a.assessed_on, ratings));
        }
    }
    let districts: Vec<String> = clients
        .iter()
        .filter_map(|c| RegionCode::parse(c.region_code.as_deref()?)?.district())
        .map(|d| d.as_str().to_owned())
        .collect();
    let names: HashMap<String, String> = region::Entity::find()
        .filter(region::Column::Code.is_in(districts))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    Ok(clients
        .into_iter()
        .map(|c| {
            let district = c.region_code.as_deref().and_then(RegionCode::parse).and_then(|r| r.district());
            let (assessed_on, ratings) = match assessed.remove(&c.id) {
                Some((on, ratings)) => (Some(on), ratings),
                None => (None, NeedRatings::new()),
            };
            ClientFacts {
                area: district.and_then(|d| names.get(d.as_str()).cloned()),
                band: c.risk_band.as_deref().and_then(RiskBand::parse),
                items: items.remove(&c.id).unwrap_or_default(),
                domains: levels(&ratings),
                assessed_on,
            }
        })
        .collect())
}

/// Client ids per query.
const CHUNK: usize = 500;
