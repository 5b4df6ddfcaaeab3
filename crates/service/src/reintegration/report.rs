//! The monthly report of a Bapas: its needs map at the month's end, its programmes'
//! participants and sessions, its Klien Bapas Peduli activities, its clients' businesses and
//! its action plans' progress — all counted for one calendar month from the records the rest
//! of reintegration keeps, never typed. Whoever reads the office's action plans reads it (its
//! staff, the Kanwil its region's, the admin every office's); it names no client, so reading
//! it writes no access-log row.

use std::collections::HashMap;

use pamong_domain::calendar::CalendarMonth;
use pamong_domain::caseload::PersonRef;
use pamong_domain::logs::ExportKind;
use pamong_domain::reintegration::needs_map::count_since;
use pamong_domain::reintegration::peduli::{ActivityKind, Held, tally};
use pamong_domain::reintegration::programmes::EnrolmentStatus;
use pamong_domain::reintegration::report::{
    ActivityLine, BusinessFacts, BusinessMonth, EnrolmentFacts, MonthlyReport, PeduliMonth, ProgrammeMonth,
    ReportPeriod, SessionFacts, business_month, default_month, months_offered, programme_month,
};
use pamong_domain::reintegration::umkm::BusinessStatus;
use pamong_domain::{ErrorKind, Problem};
use pamong_entity::{
    action_plan, bapas, business_status_change, business_support, client, client_business, programme,
    programme_attendance, programme_enrolment, programme_session, social_activity,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::action_plans::{figure_offices, office_for, views};
use super::programmes::kind_of;
use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::exports::{self, Export};
use crate::ids::{BapasId, KanwilId};

/// The report of `office` (the actor's own, or the first they read, when none) for `month`
/// (the last complete one, when none) as of `today`.
pub async fn monthly(
    db: &DatabaseConnection,
    actor: &Actor,
    office: Option<Uuid>,
    month: Option<CalendarMonth>,
    today: Date,
) -> ServiceResult<MonthlyReport> {
    Ok(report(db, actor, office, month, today).await?.0)
}

/// The report for printing as a document: [`monthly`], and the print written to the export
/// log under the office and the month.
pub async fn monthly_for_print(
    db: &DatabaseConnection,
    actor: &Actor,
    office: Option<Uuid>,
    month: Option<CalendarMonth>,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<MonthlyReport> {
    let (report, office) = report(db, actor, office, month, today).await?;
    let filter = format!("{} {}", office.name, report.period.month);
    let export = Export {
        kind: ExportKind::MonthlyReport,
        filter: &filter,
        rows: 1,
        bapas: Some(BapasId(office.id)),
        kanwil: Some(KanwilId(office.kanwil_id)),
    };
    exports::record(db, actor, export, now).await?;
    Ok(report)
}

async fn report(
    db: &DatabaseConnection,
    actor: &Actor,
    office: Option<Uuid>,
    month: Option<CalendarMonth>,
    today: Date,
) -> ServiceResult<(MonthlyReport, bapas::Model)> {
    let readable = figure_offices(db, actor).await?;
    let b = office_for(db, actor, office, &readable).await?;
    let month = month.unwrap_or_else(|| default_month(today));
    let period =
        ReportPeriod::of(month, today).ok_or_else(|| ErrorKind::field("bulan", Problem::FutureDate))?;
    let facts = super::needs_map::facts(db, b.id).await?;
    let plans = action_plan::Entity::find()
        .filter(action_plan::Column::BapasId.eq(b.id))
        .filter(action_plan::Column::StartsOn.lte(period.as_of))
        .filter(action_plan::Column::EndsOn.gte(month.first_day()))
        .order_by_asc(action_plan::Column::StartsOn)
        .order_by_asc(action_plan::Column::Id)
        .all(db)
        .await?;
    let report = MonthlyReport {
        bapas: PersonRef { id: b.public_id, name: b.name.clone() },
        letterhead: crate::offices::letterhead(db, b.id).await?,
        needs: count_since(&facts, period.as_of, period.since),
        programmes: programmes(db, b.id, &period).await?,
        peduli: peduli(db, b.id, &period).await?,
        businesses: businesses(db, b.id, &period).await?,
        plans: views(db, actor, &b, plans, period.as_of).await?,
        months: months_offered(today),
        offices: readable
            .into_iter()
            .filter(|o| o.id != b.id)
            .map(|o| PersonRef { id: o.public_id, name: o.name })
            .collect(),
        period,
        prepared_on: today,
    };
    Ok((report, b))
}

/// Each programme of the office, counted for the period: the busiest first, idle ones last.
async fn programmes<C: ConnectionTrait>(
    db: &C,
    bapas_id: i32,
    period: &ReportPeriod,
) -> ServiceResult<Vec<ProgrammeMonth>> {
    let rows = programme::Entity::find()
        .filter(programme::Column::BapasId.eq(bapas_id))
        .order_by_asc(programme::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let enrolments = programme_enrolment::Entity::find()
        .filter(programme_enrolment::Column::ProgrammeId.is_in(ids.clone()))
        .filter(programme_enrolment::Column::EnrolledOn.lte(period.as_of))
        .all(db)
        .await?;
    // Only sessions whose attendance was recorded were held, as far as the report knows.
    let sessions = programme_session::Entity::find()
        .filter(programme_session::Column::ProgrammeId.is_in(ids))
        .filter(programme_session::Column::HeldOn.between(period.month.first_day(), period.as_of))
        .filter(programme_session::Column::RecordedAt.is_not_null())
        .all(db)
        .await?;
    let mut roll: HashMap<i32, (u32, u32)> = HashMap::new();
    let marks: Vec<(i32, bool)> = programme_attendance::Entity::find()
        .select_only()
        .column(programme_attendance::Column::SessionId)
        .column(programme_attendance::Column::Present)
        .filter(programme_attendance::Column::SessionId.is_in(sessions.iter().map(|s| s.id)))
        .into_tuple()
        .all(db)
        .await?;
    for (session, present) in marks {
        let entry = roll.entry(session).or_default();
        entry.0 += u32::from(present);
        entry.1 += 1;
    }
    let partners = crate::partners::names(db, rows.iter().filter_map(|p| p.partner_id).collect()).await?;
    let mut out: Vec<ProgrammeMonth> = rows
        .iter()
        .map(|p| {
            let enrolled: Vec<EnrolmentFacts> = enrolments
                .iter()
                .filter(|e| e.programme_id == p.id)
                .map(|e| EnrolmentFacts {
                    enrolled_on: e.enrolled_on,
                    ended_on: e.ended_on,
                    status: EnrolmentStatus::parse(&e.status).unwrap_or(EnrolmentStatus::Aktif),
                })
                .collect();
            let held: Vec<SessionFacts> = sessions
                .iter()
                .filter(|s| s.programme_id == p.id)
                .map(|s| {
                    let (present, roll) = roll.get(&s.id).copied().unwrap_or_default();
                    SessionFacts { held_on: s.held_on, present, roll }
                })
                .collect();
            programme_month(
                PersonRef { id: p.public_id, name: p.name.clone() },
                kind_of(p),
                p.partner_id.and_then(|id| partners.get(&id)).map(|(_, name)| name.clone()),
                period,
                &enrolled,
                &held,
            )
        })
        .collect();
    out.sort_by_key(|p| (p.is_idle(), std::cmp::Reverse(p.took_part)));
    Ok(out)
}

/// The office's Klien Bapas Peduli activities in the period, and its clients counted once.
async fn peduli<C: ConnectionTrait>(
    db: &C,
    bapas_id: i32,
    period: &ReportPeriod,
) -> ServiceResult<PeduliMonth> {
    let activities = social_activity::Entity::find()
        .filter(social_activity::Column::BapasId.eq(bapas_id))
        .filter(social_activity::Column::HeldOn.between(period.month.first_day(), period.as_of))
        .order_by_asc(social_activity::Column::HeldOn)
        .order_by_asc(social_activity::Column::Id)
        .all(db)
        .await?;
    let taking_part = super::peduli::participants(db, &activities).await?;
    let clients_of = |id: i32| taking_part.get(&id).cloned().unwrap_or_default();
    let held: Vec<Held<()>> =
        activities.iter().map(|a| Held { office: (), on: a.held_on, clients: clients_of(a.id) }).collect();
    let count =
        tally(&[period.month], &held).remove(&()).and_then(|m| m.first().copied()).unwrap_or_default();
    Ok(PeduliMonth {
        count,
        activities: activities
            .into_iter()
            .map(|a| ActivityLine {
                clients: u32::try_from(clients_of(a.id).len()).unwrap_or(u32::MAX),
                held_on: a.held_on,
                kind: ActivityKind::parse(&a.kind).unwrap_or(ActivityKind::Lainnya),
                place: a.place,
            })
            .collect(),
    })
}

/// The businesses of the office's clients, counted for the period.
async fn businesses<C: ConnectionTrait>(
    db: &C,
    bapas_id: i32,
    period: &ReportPeriod,
) -> ServiceResult<BusinessMonth> {
    // A subquery rather than a list of ids: an office may have thousands of clients.
    let office_clients = client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .filter(client::Column::BapasId.eq(bapas_id))
        .into_query();
    let rows: Vec<i32> = client_business::Entity::find()
        .select_only()
        .column(client_business::Column::Id)
        .filter(client_business::Column::ClientId.in_subquery(office_clients))
        .into_tuple()
        .all(db)
        .await?;
    let mut facts: HashMap<i32, BusinessFacts> =
        rows.iter().map(|id| (*id, BusinessFacts::default())).collect();
    for chunk in rows.chunks(CHUNK) {
        let steps = business_status_change::Entity::find()
            .filter(business_status_change::Column::BusinessId.is_in(chunk.iter().copied()))
            .filter(business_status_change::Column::ChangedOn.lte(period.as_of))
            .order_by_asc(business_status_change::Column::Id)
            .all(db)
            .await?;
        for s in steps {
            if let (Some(f), Some(status)) = (facts.get_mut(&s.business_id), BusinessStatus::parse(&s.status))
            {
                f.changes.push((s.changed_on, status));
            }
        }
        let supports = business_support::Entity::find()
            .filter(business_support::Column::BusinessId.is_in(chunk.iter().copied()))
            .filter(business_support::Column::ReceivedOn.between(period.month.first_day(), period.as_of))
            .all(db)
            .await?;
        for s in supports {
            if let Some(f) = facts.get_mut(&s.business_id) {
                f.supports.push((s.received_on, s.amount.and_then(|a| u64::try_from(a).ok())));
            }
        }
    }
    let facts: Vec<BusinessFacts> = facts.into_values().collect();
    Ok(business_month(period, &facts))
}

/// Business ids per query.
const CHUNK: usize = 500;
