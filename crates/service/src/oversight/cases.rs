//! The supervised cases of a remit with what the Today list and the vitals read of them: the
//! reports made, the risk assessments, the reporting frequencies and the reassessment
//! interval. The dashboards load them once and read them as of any day (today, a month
//! earlier, the ends of past months), with the cases closed since the earliest day they
//! read, so that a month's figure counts who was supervised then. The Today list reads them
//! as of one day only, and so loads only the reports that decide that day (see
//! [`Cases::load_on`]): an officer's page does not read years of reports.

use std::collections::{HashMap, HashSet};

use pamong_domain::caseload::{ProgrammeFollowUp, TodayFacts, TodayReason, today_reasons};
use pamong_domain::client::ClientStatus;
use pamong_domain::kerja_sosial::FollowUp;
use pamong_domain::legal::LegalBasis;
use pamong_domain::reporting::{
    ReportingFrequencies, RiskBand, Schedule, latest_before_decides, open_period_start, schedules,
    status_over,
};
use pamong_entity::{client, client_report, client_status_change};
use sea_orm::sea_query::{Expr, Func, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use time::Date;

use crate::clients::{assessment_history, attended_since};
use crate::error::ServiceResult;
use crate::ids::ClientId;
use crate::policy::Remit;
use crate::settings;

/// The supervised cases of a remit (children accompanied through their process have no
/// reporting and are followed on their own clocks).
pub(crate) struct Cases {
    /// The clients, in no particular order.
    pub rows: Vec<client::Model>,
    /// The day each case closed since the day loaded from was closed on.
    ended: HashMap<i32, Date>,
    reports: HashMap<ClientId, Vec<Date>>,
    history: HashMap<ClientId, Vec<(Date, RiskBand)>>,
    frequencies: ReportingFrequencies,
    months: u32,
    /// The one day the reports were loaded for ([`Cases::load_on`]); `None`: every report.
    reports_for: Option<Date>,
}

impl Cases {
    /// Loads the remit's active cases to be read as of `today` only, with the reports that
    /// decide that day: every report since the earliest reporting period open today began,
    /// and each client's last report before it. The run of misses Today warns about stops
    /// at a period with a report, so an older report cannot change it; only when that last
    /// report fell in no period (one cut short by a change of frequency) is the client's
    /// whole history read.
    pub(crate) async fn load_on<C: ConnectionTrait>(
        db: &C,
        remit: Remit,
        today: Date,
    ) -> ServiceResult<Cases> {
        let mut cases = Self::load_cases(db, remit, None).await?;
        let reporting: Vec<&client::Model> = cases.rows.iter().filter(|r| cases.reports_due(r)).collect();
        let segments: HashMap<i32, Vec<Schedule>> =
            reporting.iter().map(|r| (r.id, cases.segments(r, today))).collect();
        let cutoff = segments.values().filter_map(|s| open_period_start(s, today)).min().unwrap_or(today);
        let ids: Vec<ClientId> = reporting.iter().map(|r| ClientId(r.id)).collect();
        let mut reports = attended_since(db, &ids, cutoff).await?;
        let before = last_attended_before(db, &ids, cutoff).await?;
        let mut whole = Vec::new();
        for (id, schedule) in &segments {
            let last = before.get(&ClientId(*id)).copied();
            if !latest_before_decides(schedule, last, today) {
                whole.push(ClientId(*id));
            } else if let Some(last) = last {
                reports.entry(ClientId(*id)).or_default().push(last);
            }
        }
        if !whole.is_empty() {
            // As far back as the dashboards read: a report before the supervision began
            // counts for no period.
            let earliest = cases.rows.iter().map(|r| r.supervision_start).min().unwrap_or(cutoff);
            reports.extend(attended_since(db, &whole, earliest).await?);
        }
        cases.reports = reports;
        cases.reports_for = Some(today);
        Ok(cases)
    }

    /// Loads the remit's active cases and, with `since`, those closed on or after that day.
    pub(crate) async fn load_since<C: ConnectionTrait>(
        db: &C,
        remit: Remit,
        since: Option<Date>,
    ) -> ServiceResult<Cases> {
        let mut cases = Self::load_cases(db, remit, since).await?;
        let ids: Vec<ClientId> = cases.rows.iter().map(|r| ClientId(r.id)).collect();
        if let Some(earliest) = cases.rows.iter().map(|r| r.supervision_start).min() {
            cases.reports = attended_since(db, &ids, earliest).await?;
        }
        Ok(cases)
    }

    /// The cases with everything but their reports.
    async fn load_cases<C: ConnectionTrait>(
        db: &C,
        remit: Remit,
        since: Option<Date>,
    ) -> ServiceResult<Cases> {
        let active = client::Column::Status.eq(ClientStatus::Aktif.as_str());
        let mut ended: HashMap<i32, Date> = HashMap::new();
        let status = match since {
            None => Condition::all().add(active),
            Some(since) => {
                let closed = client_status_change::Entity::find()
                    .filter(client_status_change::Column::Status.ne(ClientStatus::Aktif.as_str()))
                    .filter(client_status_change::Column::ChangedOn.gte(since))
                    .filter(
                        client_status_change::Column::ClientId.in_subquery(
                            Query::select()
                                .column(client::Column::Id)
                                .from(client::Entity)
                                .and_where(client::Column::BapasId.eq(remit.office()))
                                .to_owned(),
                        ),
                    )
                    .all(db)
                    .await?;
                for change in closed {
                    let day = ended.entry(change.client_id).or_insert(change.changed_on);
                    *day = (*day).max(change.changed_on);
                }
                // The same closings as a subquery, not their ids: a large office closes more
                // cases in a year than one `IN` list may hold.
                let closed_since = Query::select()
                    .column(client_status_change::Column::ClientId)
                    .from(client_status_change::Entity)
                    .and_where(client_status_change::Column::Status.ne(ClientStatus::Aktif.as_str()))
                    .and_where(client_status_change::Column::ChangedOn.gte(since))
                    .to_owned();
                Condition::any().add(active).add(client::Column::Id.in_subquery(closed_since))
            }
        };
        let select = client::Entity::find()
            .filter(status)
            .filter(client::Column::LegalBasis.ne(LegalBasis::PendampinganAnak.as_str()))
            .filter(client::Column::BapasId.eq(remit.office()));
        let select = match remit {
            Remit::Office(_) => select,
            Remit::Caseload(_, pk) => select.filter(client::Column::PkId.eq(pk)),
        };
        let rows = select.all(db).await?;
        // A case reopened since is active: only a closed case has an end.
        let closed: HashSet<i32> =
            rows.iter().filter(|r| r.status != ClientStatus::Aktif.as_str()).map(|r| r.id).collect();
        ended.retain(|id, _| closed.contains(id));
        let ids: Vec<ClientId> = rows.iter().map(|r| ClientId(r.id)).collect();
        let history = assessment_history(db, &ids).await?;
        let frequencies = settings::reporting_frequencies(db, remit.office()).await?;
        let months = settings::reassessment_months(db).await?;
        Ok(Cases { rows, ended, reports: HashMap::new(), history, frequencies, months, reports_for: None })
    }

    /// Whether the case was under supervision on `day`: begun by then, and not closed on or
    /// before it.
    pub(crate) fn active_on(&self, row: &client::Model, day: Date) -> bool {
        row.supervision_start <= day && self.ended.get(&row.id).is_none_or(|end| *end > day)
    }

    /// The clients' row ids.
    pub(crate) fn ids(&self) -> Vec<i32> {
        self.rows.iter().map(|r| r.id).collect()
    }

    /// Whether the client reports (a kerja sosial sentence has no reporting).
    pub(crate) fn reports_due(&self, row: &client::Model) -> bool {
        LegalBasis::parse(&row.legal_basis).is_some_and(LegalBasis::reports)
    }

    /// The client's reporting schedules as the assessments made by `as_of` set them.
    pub(crate) fn segments(&self, row: &client::Model, as_of: Date) -> Vec<Schedule> {
        let assessed: Vec<(Date, RiskBand)> =
            self.assessments(row).iter().copied().filter(|(d, _)| *d <= as_of).collect();
        schedules(row.supervision_start, &assessed, &self.frequencies)
    }

    /// The reports the client made by `as_of`.
    pub(crate) fn reports(&self, row: &client::Model, as_of: Date) -> Vec<Date> {
        debug_assert!(
            self.reports_for.is_none_or(|day| day == as_of),
            "cases loaded for one day are read as of that day only"
        );
        let made = self.reports.get(&ClientId(row.id)).map(Vec::as_slice).unwrap_or_default();
        made.iter().copied().filter(|d| *d <= as_of).collect()
    }

    /// Why the Today list of `as_of` lists the client (empty: it does not). `work` and
    /// `programme` are the client's kerja sosial and programme follow-ups as of that day.
    pub(crate) fn reasons(
        &self,
        row: &client::Model,
        as_of: Date,
        work: Option<FollowUp>,
        programme: ProgrammeFollowUp,
    ) -> Vec<TodayReason> {
        let basis = LegalBasis::parse(&row.legal_basis);
        // The latest assessment by that day, the row's own date included (a client registered
        // with an assessment made elsewhere has no history).
        let assessed_on = self
            .assessments(row)
            .iter()
            .map(|(d, _)| *d)
            .chain(row.assessed_on)
            .filter(|d| *d <= as_of)
            .max();
        let facts = TodayFacts {
            reporting: self
                .reports_due(row)
                .then(|| status_over(&self.segments(row, as_of), &self.reports(row, as_of), as_of)),
            assessed_on,
            supervision_end: row.supervision_end,
            revocable: basis.is_some_and(LegalBasis::revocable),
            work,
            programme,
        };
        today_reasons(&facts, as_of, self.months)
    }

    fn assessments(&self, row: &client::Model) -> &[(Date, RiskBand)] {
        self.history.get(&ClientId(row.id)).map(Vec::as_slice).unwrap_or_default()
    }
}

/// Each client's last attended report before `cutoff`.
async fn last_attended_before<C: ConnectionTrait>(
    db: &C,
    client_ids: &[ClientId],
    cutoff: Date,
) -> ServiceResult<HashMap<ClientId, Date>> {
    let rows: Vec<(i32, Option<Date>)> = client_report::Entity::find()
        .select_only()
        .column(client_report::Column::ClientId)
        .column_as(Expr::from(Func::max(Expr::col(client_report::Column::ReportDate))), "last")
        .filter(client_report::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(client_report::Column::Attended.eq(true))
        .filter(client_report::Column::ReportDate.lt(cutoff))
        .group_by(client_report::Column::ClientId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(id, last)| Some((ClientId(id), last?))).collect())
}
