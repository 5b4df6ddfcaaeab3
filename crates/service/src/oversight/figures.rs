//! What each vital counts, client by client, on the days a dashboard reads: the supervised
//! cases (reports, Today's reasons, programme enrolments), the children's statutory clocks
//! and the referrals. A dashboard adds the parts up per PK or per office; the list behind a
//! figure shows the clients whose part falls short.

use std::collections::HashMap;

use pamong_domain::abh::clock::{ClockKind, start_of_day};
use pamong_domain::caseload::{ProgrammeFollowUp, TodayReason};
use pamong_domain::kerja_sosial::FollowUp;
use pamong_domain::office::Zone;
use pamong_domain::oversight::vitals::{
    Deadline, Tally, Vital, deadlines_met, enrolled, month_start, reports_on_time, window,
};
use pamong_entity::{client, programme_enrolment, referral};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use time::{Date, OffsetDateTime};

use super::cases::Cases;
use crate::abh::{with_clocks, zone_of};
use crate::error::ServiceResult;
use crate::ids::BapasId;
use crate::kerja_sosial;
use crate::policy::Remit;

/// A client's part of a figure on each day read, in the order asked; `None` on a day they
/// were not counted (not yet, or no longer, supervised).
pub(super) struct Part<'a> {
    pub row: &'a client::Model,
    pub tallies: Vec<Option<Tally>>,
}

/// A day a figure is read on, as a day and as an instant at the office.
#[derive(Clone, Copy)]
struct Day {
    date: Date,
    at: OffsetDateTime,
    /// The first instant of its month where the office is.
    month_from: OffsetDateTime,
}

/// A client with the deadlines a figure decides.
struct Deadlines {
    row: client::Model,
    sppa: Vec<Deadline>,
    litmas: Vec<Deadline>,
}

/// Everything the vitals of one office read, loaded once.
pub(super) struct Figures {
    cases: Cases,
    days: Vec<Day>,
    /// The kerja sosial follow-ups as of each day.
    work: Vec<HashMap<i32, FollowUp>>,
    enrolments: HashMap<i32, Vec<(Date, Option<Date>)>>,
    children: Vec<Deadlines>,
    referrals: Vec<(client::Model, Vec<Deadline>)>,
}

impl Figures {
    /// Loads an office's figures as of each of `days` (a day and the instant it is read at).
    pub(super) async fn load<C: ConnectionTrait>(
        db: &C,
        office: BapasId,
        days: &[(Date, OffsetDateTime)],
        now: OffsetDateTime,
    ) -> ServiceResult<Figures> {
        let zone = zone_of(db, office.get()).await?;
        let earliest = days.iter().map(|(d, _)| *d).min().unwrap_or(now.date());
        let cases = Cases::load_since(db, Remit::Office(office), Some(earliest)).await?;
        let days: Vec<Day> = days
            .iter()
            .map(|(date, at)| Day {
                date: *date,
                at: *at,
                month_from: start_of_day(month_start(*date), zone),
            })
            .collect();
        let ids = cases.ids();
        let mut work = Vec::with_capacity(days.len());
        for day in &days {
            work.push(kerja_sosial::follow_ups(db, &ids, day.date).await?);
        }
        let mut enrolments: HashMap<i32, Vec<(Date, Option<Date>)>> = HashMap::new();
        // In chunks: an office of 100,000 clients is more than one `IN` list may hold
        // (32,766 values on SQLite).
        for chunk in ids.chunks(5_000) {
            for e in programme_enrolment::Entity::find()
                .filter(programme_enrolment::Column::ClientId.is_in(chunk.iter().copied()))
                .all(db)
                .await?
            {
                enrolments.entry(e.client_id).or_default().push((e.enrolled_on, e.ended_on));
            }
        }
        Ok(Figures {
            cases,
            days,
            work,
            enrolments,
            children: children(db, office, now).await?,
            referrals: referrals(db, office, month_start(earliest), zone).await?,
        })
    }

    /// Every client row a figure may count, for naming their officers.
    pub(super) fn rows(&self) -> impl Iterator<Item = &client::Model> {
        self.cases
            .rows
            .iter()
            .chain(self.children.iter().map(|c| &c.row))
            .chain(self.referrals.iter().map(|(row, _)| row))
    }

    /// The supervised clients on the `i`th day read: what a count is compared against.
    pub(super) fn supervised(&self, i: usize) -> u64 {
        let Some(day) = self.days.get(i) else { return 0 };
        let n = self.cases.rows.iter().filter(|r| self.cases.active_on(r, day.date)).count();
        u64::try_from(n).unwrap_or(u64::MAX)
    }

    /// Each client's part of `vital` on each day read.
    pub(super) fn parts(&self, vital: Vital) -> Vec<Part<'_>> {
        let by_deadlines = |row, deadlines: &[Deadline]| Part {
            row,
            tallies: self
                .days
                .iter()
                .map(|day| Some(deadlines_met(deadlines, day.month_from, day.at)))
                .collect(),
        };
        match vital {
            Vital::SppaClocks => self.children.iter().map(|c| by_deadlines(&c.row, &c.sppa)).collect(),
            Vital::LitmasOnTime => self.children.iter().map(|c| by_deadlines(&c.row, &c.litmas)).collect(),
            Vital::ReferralsAnswered => self.referrals.iter().map(|(row, d)| by_deadlines(row, d)).collect(),
            _ => self
                .cases
                .rows
                .iter()
                .map(|row| Part {
                    row,
                    tallies: self
                        .days
                        .iter()
                        .zip(&self.work)
                        .map(|(day, work)| {
                            self.cases
                                .active_on(row, day.date)
                                .then(|| self.case_tally(vital, row, day.date, work))
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// What Today says of a case on the first day read (nothing for a child followed on
    /// their clocks, or a case closed by then).
    pub(super) fn reasons_first(&self, row: &client::Model) -> Vec<TodayReason> {
        let (Some(day), Some(work)) = (self.days.first(), self.work.first()) else { return Vec::new() };
        if !self.cases.rows.iter().any(|r| r.id == row.id) || !self.cases.active_on(row, day.date) {
            return Vec::new();
        }
        self.cases.reasons(row, day.date, work.get(&row.id).cloned(), ProgrammeFollowUp::default())
    }

    /// A case's part of a figure on a day.
    fn case_tally(
        &self,
        vital: Vital,
        row: &client::Model,
        day: Date,
        work: &HashMap<i32, FollowUp>,
    ) -> Tally {
        if vital == Vital::ProgrammeParticipation {
            let spans = self.enrolments.get(&row.id).map(Vec::as_slice).unwrap_or_default();
            return Tally::share(u64::from(enrolled(spans, day)), 1);
        }
        if let Some(days) = vital.window_days() {
            if !self.cases.reports_due(row) {
                return Tally::share(0, 0);
            }
            // Nothing is due after the supervision's end, though the case waits to be closed.
            let (from, to) = window(day, days);
            let to = row.supervision_end.map_or(to, |end| to.min(end));
            let (segments, reports) = (self.cases.segments(row, day), self.cases.reports(row, day));
            return reports_on_time(&segments, &reports, from, to, day);
        }
        // Programme follow-ups do not make any figure, so they are left out.
        let reasons = self.cases.reasons(row, day, work.get(&row.id).cloned(), ProgrammeFollowUp::default());
        Tally::count(u64::from(vital.counts(&reasons)))
    }
}

/// The office's children's cases, whatever their status (a case closed this month had its
/// clocks this month), with their SPPA and Litmas deadlines.
async fn children<C: ConnectionTrait>(
    db: &C,
    office: BapasId,
    now: OffsetDateTime,
) -> ServiceResult<Vec<Deadlines>> {
    let rows = client::Entity::find()
        .filter(client::Column::BapasId.eq(office.get()))
        .filter(client::Column::IsChild.eq(true))
        .all(db)
        .await?;
    Ok(with_clocks(db, rows, now)
        .await?
        .into_iter()
        .map(|(found, clocks)| {
            let (mut sppa, mut litmas) = (Vec::new(), Vec::new());
            for (clock, _) in clocks {
                let Some(deadline) = Deadline::of_clock(&clock) else { continue };
                match clock.kind {
                    ClockKind::Litmas => litmas.push(deadline),
                    _ => sppa.push(deadline),
                }
            }
            Deadlines { row: found.client, sppa, litmas }
        })
        .collect())
}

/// The referrals of the office's clients due since `since`, per client.
async fn referrals<C: ConnectionTrait>(
    db: &C,
    office: BapasId,
    since: Date,
    zone: Zone,
) -> ServiceResult<Vec<(client::Model, Vec<Deadline>)>> {
    let of_office = Query::select()
        .column(client::Column::Id)
        .from(client::Entity)
        .and_where(client::Column::BapasId.eq(office.get()))
        .to_owned();
    let mut per: HashMap<i32, Vec<Deadline>> = HashMap::new();
    for r in referral::Entity::find()
        .filter(referral::Column::ClientId.in_subquery(of_office))
        .filter(referral::Column::DueOn.gte(since))
        .all(db)
        .await?
    {
        per.entry(r.client_id).or_default().push(Deadline::of_day(r.due_on, zone, r.answered_at));
    }
    let rows = client::Entity::find().filter(client::Column::Id.is_in(per.keys().copied())).all(db).await?;
    Ok(rows.into_iter().filter_map(|row| per.remove(&row.id).map(|d| (row, d))).collect())
}
