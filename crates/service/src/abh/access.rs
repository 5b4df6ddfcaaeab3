//! The office's access log of children's records, for its Kabapas: who looked at which case,
//! when, and the reason given when they broke the glass.

use pamong_domain::abh::case::{AccessFilter, AccessRow};
use pamong_domain::page::Page;
use pamong_entity::{access_log, user};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;
use crate::search::{contains_ci, fetch_page, page};

/// The access log of the actor's office, newest first; searchable by login name or case
/// number, optionally only break-glass views.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &AccessFilter,
) -> ServiceResult<Page<AccessRow>> {
    let bapas_id = policy::access_log_office(actor).ok_or_else(ServiceError::not_found)?;
    let zone = super::zone_of(db, bapas_id).await?;
    let mut cond = Condition::all().add(access_log::Column::BapasId.eq(bapas_id));
    if filter.break_glass_only {
        cond = cond.add(access_log::Column::Reason.is_not_null());
    }
    if let Some(q) = filter.list.search()? {
        cond = cond.add(
            Condition::any()
                .add(contains_ci(access_log::Column::ActorUsername, q))
                .add(contains_ci(access_log::Column::RecordLabel, q)),
        );
    }
    let select = access_log::Entity::find()
        .filter(cond)
        .order_by_desc(access_log::Column::At)
        .order_by_desc(access_log::Column::Id);
    let (rows, total) = fetch_page(db, select, &filter.list).await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.actor_id).collect();
    let names: std::collections::HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let items = rows
        .into_iter()
        .map(|r| AccessRow {
            at: r.at,
            user: match names.get(&r.actor_id) {
                Some(name) => format!("{name} ({})", r.actor_username),
                None => r.actor_username,
            },
            record: r.record_label.unwrap_or(r.entity_id),
            reason: r.reason,
            zone,
        })
        .collect();
    Ok(page(items, total, &filter.list))
}
