//! The active cases of a remit with what the Today list and the vitals read of them: the
//! reports made, the risk assessments, the reporting frequencies and the reassessment
//! interval. Loaded once, read as of any day — today for the Today list, today and a month
//! earlier for the dashboard.

use std::collections::HashMap;

use pamong_domain::caseload::{ProgrammeFollowUp, TodayFacts, TodayReason, today_reasons};
use pamong_domain::client::ClientStatus;
use pamong_domain::kerja_sosial::FollowUp;
use pamong_domain::legal::LegalBasis;
use pamong_domain::reporting::{ReportingFrequencies, RiskBand, Schedule, schedules, status_over};
use pamong_entity::client;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use time::Date;

use crate::clients::{assessment_history, attended_since};
use crate::error::ServiceResult;
use crate::ids::ClientId;
use crate::policy::Remit;
use crate::settings;

/// The active supervised cases of a remit (children accompanied through their process have
/// no reporting and are followed on their own clocks).
pub(crate) struct Cases {
    /// The clients, in no particular order.
    pub rows: Vec<client::Model>,
    reports: HashMap<ClientId, Vec<Date>>,
    history: HashMap<ClientId, Vec<(Date, RiskBand)>>,
    frequencies: ReportingFrequencies,
    months: u32,
}

impl Cases {
    /// Loads the remit's cases.
    pub(crate) async fn load<C: ConnectionTrait>(db: &C, remit: Remit) -> ServiceResult<Cases> {
        let select = client::Entity::find()
            .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
            .filter(client::Column::LegalBasis.ne(LegalBasis::PendampinganAnak.as_str()))
            .filter(client::Column::BapasId.eq(remit.office()));
        let select = match remit {
            Remit::Office(_) => select,
            Remit::Caseload(_, pk) => select.filter(client::Column::PkId.eq(pk)),
        };
        let rows = select.all(db).await?;
        let ids: Vec<ClientId> = rows.iter().map(|r| ClientId(r.id)).collect();
        let reports = match rows.iter().map(|r| r.supervision_start).min() {
            Some(earliest) => attended_since(db, &ids, earliest).await?,
            None => HashMap::new(),
        };
        let history = assessment_history(db, &ids).await?;
        let frequencies = settings::reporting_frequencies(db, remit.office()).await?;
        let months = settings::reassessment_months(db).await?;
        Ok(Cases { rows, reports, history, frequencies, months })
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
