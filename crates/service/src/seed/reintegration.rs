//! Demo reintegration needs: every active client's checklist with a history of the last
//! three months (needs found at the start, some taken up by partners since, some met), and
//! criminogenic needs for the generated assessments, so the client's page and the office's
//! needs map have something to read. Written in bulk, like the generated clients; one audit
//! row records the batch.

use pamong_domain::client::ClientStatus;
use pamong_domain::needs::{NeedDomain, NeedRatings};
use pamong_domain::reintegration::checklist::{NeedItem, NeedState};
use pamong_entity::{client, client_need};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use time::{Duration, OffsetDateTime};

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::ServiceResult;

/// Rows per insert.
const CHUNK: usize = 300;

/// A well-mixed number from `x` (splitmix64), so the demo is the same on every seed.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Per cent of clients who lack each item when supervision starts (work and an identity
/// card most often, as the Klien Bapas Peduli mapping found).
fn lack_percent(item: NeedItem) -> u64 {
    match item {
        NeedItem::Work => 55,
        NeedItem::Ktp => 35,
        NeedItem::Bpjs => 45,
        NeedItem::Housing => 15,
        NeedItem::Family => 25,
        NeedItem::Addiction => 20,
        NeedItem::Education => 10,
    }
}

/// Criminogenic needs for a generated assessment: most domains with nothing present, a few
/// with some, more of them the higher the score.
pub(crate) fn demo_ratings(seed: u64, score: u16) -> NeedRatings {
    NeedDomain::ALL
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let roll = mix(seed ^ (u64::try_from(i).unwrap_or(0) << 40)) % 100;
            let pressure = u64::from(score.min(60));
            let present = if roll < pressure / 2 {
                d.items()
            } else if roll < pressure {
                d.items().div_ceil(2)
            } else {
                0
            };
            (d, present)
        })
        .collect()
}

/// Adds the checklist histories of every active client.
pub async fn generate(db: &DatabaseConnection, now: OffsetDateTime) -> ServiceResult<()> {
    let today = super::demo_today(now);
    let clients: Vec<(i32, Option<i32>)> = client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .column(client::Column::PkId)
        .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
        .order_by_asc(client::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut rows = Vec::new();
    for (client_id, pk_id) in clients {
        let seed = mix(u64::from(client_id.unsigned_abs()));
        // One in five has not been through the checklist yet.
        if seed.is_multiple_of(5) {
            continue;
        }
        for (n, &item) in NeedItem::ALL.iter().enumerate() {
            let roll = mix(seed ^ ((u64::try_from(n).unwrap_or(0) + 1) << 32));
            let mut push = |state: NeedState, days_ago: i64| {
                let on = today - Duration::days(days_ago);
                rows.push(client_need::ActiveModel {
                    client_id: Set(client_id),
                    item: Set(item.as_str().into()),
                    state: Set(state.as_str().into()),
                    referral_id: Set(None),
                    note: Set(None),
                    changed_by: Set(pk_id),
                    changed_on: Set(on),
                    changed_at: Set(now - Duration::days(days_ago)),
                    ..Default::default()
                });
            };
            let found = 60 + i64::try_from(roll % 40).unwrap_or(0);
            if roll % 100 >= lack_percent(item) {
                push(NeedState::Met, found);
                continue;
            }
            push(NeedState::Needed, found);
            // Of the needs found, about half have been taken up since, and a third of those
            // met — many of them this month, so the trend moves.
            let later = (roll >> 8) % 6;
            if later >= 3 {
                push(NeedState::InProgress, found - 20 - i64::try_from(roll % 15).unwrap_or(0));
            }
            if later == 5 {
                push(NeedState::Met, i64::try_from((roll >> 16) % 25).unwrap_or(0));
            }
        }
    }
    let txn = begin_write(db).await?;
    let count = rows.len();
    for chunk in rows.chunks(CHUNK) {
        client_need::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    let changes = Changes::new().set("client_needs", &count);
    audit::record(&txn, &Actor::system(), now, "seed", "client_needs", "demo", &changes).await?;
    txn.commit().await?;
    Ok(())
}
