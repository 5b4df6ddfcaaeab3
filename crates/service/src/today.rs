//! The officer's Today list: reports due today and overdue, revocation warnings,
//! supervisions ended or ending soon, reassessments due, and kerja sosial placements to
//! follow up (late, behind, completed, unexcused absences, sign-offs waiting), programmes
//! (a session tomorrow, a participant who dropped out), most urgent first. A Kabapas's is the
//! whole office's, read one PK at a time.

use pamong_domain::caseload::{TodayItem, sort_today};
use pamong_domain::oversight::today_groups::{PkChoice, TodayView, group_by_pk};
use pamong_domain::page::{ListQuery, Page};
use sea_orm::DatabaseConnection;
use time::Date;

use crate::actor::Actor;
use crate::clients::summaries;
use crate::error::ServiceResult;
use crate::kerja_sosial;
use crate::oversight::cases::Cases;
use crate::policy::{self, Remit};
use crate::reintegration;

/// Today's list for the actor: a PK's own caseload, a Kabapas's whole office; nobody else
/// has one.
pub async fn today(db: &DatabaseConnection, actor: &Actor, today: Date) -> ServiceResult<Vec<TodayItem>> {
    let Some(remit) = policy::remit(actor) else { return Ok(Vec::new()) };
    let cases = Cases::load_on(db, remit, today).await?;
    of_cases(db, actor, &cases, today).await
}

/// Today's list of `cases`, already loaded for the actor's remit (the notifications sweep
/// reads them for the reminders too).
pub(crate) async fn of_cases(
    db: &DatabaseConnection,
    actor: &Actor,
    cases: &Cases,
    today: Date,
) -> ServiceResult<Vec<TodayItem>> {
    let ids = cases.ids();
    let mut work = kerja_sosial::follow_ups(db, &ids, today).await?;
    let programmes = reintegration::sessions::follow_ups(db, &ids, today).await?;
    let mut listed = Vec::new();
    let mut reasons = Vec::new();
    for row in &cases.rows {
        let why = cases.reasons(
            row,
            today,
            work.remove(&row.id),
            programmes.get(&row.id).copied().unwrap_or_default(),
        );
        if !why.is_empty() {
            listed.push(row.clone());
            reasons.push(why);
        }
    }
    let mut items: Vec<TodayItem> = summaries(db, actor, listed)
        .await?
        .into_iter()
        .zip(reasons)
        .map(|(client, reasons)| TodayItem { client, reasons })
        .collect();
    sort_today(&mut items);
    Ok(items)
}

/// The page of the Today list the actor asks for: an officer their own list; a Kabapas the
/// office's by PK, then one PK's (`pk`).
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    date: Date,
    pk: Option<PkChoice>,
    query: &ListQuery,
) -> ServiceResult<TodayView> {
    let items = today(db, actor, date).await?;
    let office = matches!(policy::remit(actor), Some(Remit::Office(_)));
    if !office {
        return Ok(TodayView { date, groups: None, chosen: None, page: Page::of(items, query) });
    }
    let groups = group_by_pk(&items);
    let Some(pk) = pk else {
        return Ok(TodayView { date, groups: Some(groups), chosen: None, page: Page::of(Vec::new(), query) });
    };
    let chosen = groups.into_iter().find(|g| g.choice() == pk);
    let items = items.into_iter().filter(|i| pk.holds(i.client.pk.as_ref())).collect();
    Ok(TodayView { date, groups: None, chosen, page: Page::of(items, query) })
}
