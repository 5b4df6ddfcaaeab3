//! Settings an admin can change at run time, stored as JSON under a name. Each setting has a
//! default in code, so a fresh database behaves sensibly before anyone sets anything.

use pamong_domain::partners::Choice;
use pamong_domain::reporting::ReportingFrequencies;
use pamong_entity::setting;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Set};
use serde_json::Value;
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::BapasId;
use crate::policy;

/// A setting's name and its default.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// Stored name.
    pub name: &'static str,
    /// Value when unset.
    pub default: i64,
}

/// Failed logins allowed per account within [`LOGIN_WINDOW_MINUTES`] before attempts are refused.
pub const LOGIN_MAX_FAILURES: Key = Key { name: "login.max_failures", default: 5 };
/// The window, in minutes, over which failed logins are counted.
pub const LOGIN_WINDOW_MINUTES: Key = Key { name: "login.window_minutes", default: 15 };

/// Months between risk assessments.
pub const REASSESSMENT_MONTHS: Key = Key {
    name: "assessment.reassess_months",
    default: pamong_domain::caseload::DEFAULT_REASSESSMENT_MONTHS as i64,
};

/// Which configurable list of partner choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceList {
    /// Kinds of partner institution.
    PartnerKinds,
    /// The catalogue of services partners offer.
    PartnerServices,
}

impl ChoiceList {
    fn key(self) -> &'static str {
        match self {
            ChoiceList::PartnerKinds => "partners.kinds",
            ChoiceList::PartnerServices => "partners.services",
        }
    }

    fn default(self) -> Vec<Choice> {
        match self {
            ChoiceList::PartnerKinds => pamong_domain::partners::default_kinds(),
            ChoiceList::PartnerServices => pamong_domain::partners::default_services(),
        }
    }
}

/// A configurable list of choices (its default until the admin sets one).
pub async fn choices<C: ConnectionTrait>(db: &C, list: ChoiceList) -> ServiceResult<Vec<Choice>> {
    let row = setting::Entity::find_by_id(list.key().to_owned()).one(db).await?;
    Ok(row.and_then(|r| serde_json::from_str(&r.value).ok()).unwrap_or_else(|| list.default()))
}

/// Replaces a list of choices from its text form (`code: label` per line): the admin only.
/// Records keep codes that leave the list; they show the code instead of a label.
pub async fn set_choices(
    db: &DatabaseConnection,
    actor: &Actor,
    list: ChoiceList,
    text: &str,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    if !policy::can_manage_reference_data(actor) {
        return Err(ServiceError::not_found());
    }
    let parsed = pamong_domain::partners::parse_choices("choices", text)?;
    let value = serde_json::to_string(&parsed).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let txn = begin_write(db).await?;
    let old = choices(&txn, list).await?;
    upsert(&txn, list.key(), value, now).await?;
    let codes = |l: &[Choice]| l.iter().map(|c| c.code.clone()).collect::<Vec<_>>();
    let changes = Changes::new().diff("codes", &codes(&old), &codes(&parsed));
    audit::record(&txn, actor, now, "update", "setting", list.key(), &changes).await?;
    txn.commit().await?;
    Ok(())
}

fn frequencies_key(bapas_id: BapasId) -> String {
    format!("reporting.frequencies.bapas.{}", bapas_id.get())
}

/// The reporting frequency per risk band in force at a Bapas (the default until its Kabapas
/// sets its own).
pub async fn reporting_frequencies<C: ConnectionTrait>(
    db: &C,
    bapas_id: BapasId,
) -> ServiceResult<ReportingFrequencies> {
    let row = setting::Entity::find_by_id(frequencies_key(bapas_id)).one(db).await?;
    Ok(row.and_then(|r| serde_json::from_str(&r.value).ok()).unwrap_or_default())
}

/// The reporting frequencies of the actor's own Bapas (staff of a Bapas only).
pub async fn office_reporting_frequencies(
    db: &DatabaseConnection,
    actor: &Actor,
) -> ServiceResult<ReportingFrequencies> {
    let bapas_id = actor.bapas_id.ok_or_else(ServiceError::not_found)?;
    reporting_frequencies(db, bapas_id).await
}

/// Sets a Bapas's reporting frequencies: its Kabapas, or the admin. Audited.
pub async fn set_reporting_frequencies(
    db: &DatabaseConnection,
    actor: &Actor,
    bapas_id: BapasId,
    frequencies: ReportingFrequencies,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    if !policy::can_set_reporting(actor, bapas_id) {
        return Err(ServiceError::not_found());
    }
    let txn = begin_write(db).await?;
    let old = reporting_frequencies(&txn, bapas_id).await?;
    let key = frequencies_key(bapas_id);
    let value = serde_json::to_string(&frequencies).map_err(|e| ServiceError::Internal(e.to_string()))?;
    upsert(&txn, &key, value, now).await?;
    audit::record(
        &txn,
        actor,
        now,
        "update",
        "setting",
        &key,
        &Changes::new().diff("value", &old, &frequencies),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The months between risk assessments.
pub async fn reassessment_months<C: ConnectionTrait>(db: &C) -> ServiceResult<u32> {
    let months = get_i64(db, REASSESSMENT_MONTHS).await?;
    Ok(u32::try_from(months).ok().filter(|m| (1..=60).contains(m)).unwrap_or(6))
}

async fn upsert<C: ConnectionTrait>(
    db: &C,
    key: &str,
    value: String,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    setting::Entity::insert(setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Reads an integer setting, falling back to its default when unset or not a number.
pub async fn get_i64<C: ConnectionTrait>(db: &C, key: Key) -> ServiceResult<i64> {
    let row = setting::Entity::find_by_id(key.name.to_owned()).one(db).await?;
    Ok(row
        .and_then(|r| serde_json::from_str::<Value>(&r.value).ok())
        .and_then(|v| v.as_i64())
        .unwrap_or(key.default))
}

/// Sets an integer setting (admin only), audited.
pub async fn set_i64(
    db: &DatabaseConnection,
    actor: &Actor,
    key: Key,
    value: i64,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    if !policy::can_manage_offices(actor) {
        return Err(ServiceError::not_found());
    }
    let txn = begin_write(db).await?;
    let old = get_i64(&txn, key).await?;
    upsert(&txn, key.name, value.to_string(), now).await?;
    audit::record(
        &txn,
        actor,
        now,
        "update",
        "setting",
        key.name,
        &Changes::new().diff("value", &old, &value),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
