//! A client's consent to reminders of their reports by WhatsApp: the officer (or the
//! Kabapas) records that the client agreed, or that they withdrew, on the client's page. The
//! sweep writes a reminder only while the consent stands.

use pamong_domain::error::{ErrorKind, Problem};
use pamong_domain::notifications::whatsapp_number;
use pamong_entity::client;
use sea_orm::{ActiveModelTrait, Set};
use time::OffsetDateTime;
use uuid::Uuid;

use super::find_editable;
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::db::begin_write;
use crate::error::ServiceResult;

/// Records that the client agreed to WhatsApp reminders on their phone (`consent`), or
/// withdrew. Agreeing needs a mobile number on the client's record.
pub async fn set_whatsapp_consent(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    consent: bool,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let txn = begin_write(db).await?;
    let found = find_editable(&txn, actor, id).await?;
    if consent && found.row.phone.as_deref().and_then(whatsapp_number).is_none() {
        return Err(ErrorKind::field("whatsapp_consent", Problem::NoMobileNumber).into());
    }
    let before = found.row.whatsapp_consent_at.is_some();
    if before == consent {
        return Ok(());
    }
    let changes = Changes::of_client(&found.row).diff("whatsapp_consent", &before, &consent);
    let mut model: client::ActiveModel = found.row.into();
    model.whatsapp_consent_at = Set(consent.then_some(now));
    model.update(&txn).await?;
    audit::record(&txn, actor, now, "update", "client", &id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(())
}
