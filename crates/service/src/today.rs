//! The officer's Today list: reports due today and overdue, revocation warnings,
//! supervisions ended or ending soon, reassessments due, and kerja sosial placements to
//! follow up (late, behind, completed, unexcused absences, sign-offs waiting), programmes
//! (a session tomorrow, a participant who dropped out), most urgent first.

use std::collections::HashMap;

use pamong_domain::caseload::{TodayFacts, TodayItem, sort_today, today_reasons};
use pamong_domain::client::ClientStatus;
use pamong_domain::legal::LegalBasis;
use pamong_domain::reporting::{ReportingFrequencies, schedules, status_over};
use pamong_entity::client;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use time::Date;

use crate::actor::Actor;
use crate::clients::{assessment_history, attended_since, summaries};
use crate::error::ServiceResult;
use crate::ids::ClientId;
use crate::kerja_sosial;
use crate::policy::{self, Remit};
use crate::reintegration;
use crate::settings;

/// Today's list for the actor: a PK's own caseload, a Kabapas's whole office; nobody else
/// has one.
pub async fn today(db: &DatabaseConnection, actor: &Actor, today: Date) -> ServiceResult<Vec<TodayItem>> {
    let Some(remit) = policy::remit(actor) else { return Ok(Vec::new()) };
    let select = client::Entity::find()
        .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
        .filter(client::Column::LegalBasis.ne(LegalBasis::PendampinganAnak.as_str()));
    let (select, bapas_id) = match remit {
        Remit::Office(b) => (select.filter(client::Column::BapasId.eq(b)), b),
        Remit::Caseload(b, pk) => {
            (select.filter(client::Column::BapasId.eq(b)).filter(client::Column::PkId.eq(pk)), b)
        }
    };
    let rows = select.all(db).await?;
    let Some(earliest) = rows.iter().map(|r| r.supervision_start).min() else { return Ok(Vec::new()) };
    let ids: Vec<ClientId> = rows.iter().map(|r| ClientId(r.id)).collect();
    let reports = attended_since(db, &ids, earliest).await?;
    let history = assessment_history(db, &ids).await?;
    let frequencies: ReportingFrequencies = settings::reporting_frequencies(db, bapas_id).await?;
    let months = settings::reassessment_months(db).await?;
    let row_ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut work = kerja_sosial::follow_ups(db, &row_ids, today).await?;
    let programmes = reintegration::sessions::follow_ups(db, &row_ids, today).await?;

    let mut reasons_by_client: HashMap<i32, Vec<_>> = HashMap::new();
    for row in &rows {
        let key = ClientId(row.id);
        let assessed = history.get(&key).map(Vec::as_slice).unwrap_or_default();
        let segments = schedules(row.supervision_start, assessed, &frequencies);
        let dates = reports.get(&key).map(Vec::as_slice).unwrap_or_default();
        let basis = LegalBasis::parse(&row.legal_basis);
        let reports = basis.is_some_and(LegalBasis::reports);
        let facts = TodayFacts {
            reporting: reports.then(|| status_over(&segments, dates, today)),
            assessed_on: row.assessed_on,
            supervision_end: row.supervision_end,
            revocable: basis.is_some_and(LegalBasis::revocable),
            work: work.remove(&row.id),
            programme: programmes.get(&row.id).copied().unwrap_or_default(),
        };
        let reasons = today_reasons(&facts, today, months);
        if !reasons.is_empty() {
            reasons_by_client.insert(row.id, reasons);
        }
    }
    let listed: Vec<client::Model> =
        rows.into_iter().filter(|r| reasons_by_client.contains_key(&r.id)).collect();
    let ids: Vec<i32> = listed.iter().map(|r| r.id).collect();
    let mut items = Vec::new();
    for (id, summary) in ids.into_iter().zip(summaries(db, actor, listed).await?) {
        let reasons = reasons_by_client.remove(&id).unwrap_or_default();
        items.push(TodayItem { client: summary, reasons });
    }
    sort_today(&mut items);
    Ok(items)
}
