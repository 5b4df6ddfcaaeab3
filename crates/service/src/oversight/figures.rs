//! What each vital counts, client by client, on the dashboard's two days: the active cases
//! (reports, Today's reasons, programme enrolments), the children's statutory clocks and the
//! referrals. The dashboard adds the parts up per PK; the list behind a figure shows the
//! clients whose part falls short.

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
use time::{Date, Duration, OffsetDateTime};

use super::cases::Cases;
use crate::abh::{with_clocks, zone_of};
use crate::error::ServiceResult;
use crate::ids::BapasId;
use crate::kerja_sosial;

/// A client's part of a figure: now, and a month earlier when they were counted then.
pub(super) struct Part<'a> {
    pub row: &'a client::Model,
    pub now: Tally,
    pub before: Option<Tally>,
}

/// One of the two days a figure is read on, as a day and as an instant at the office.
#[derive(Clone, Copy)]
struct Day {
    date: Date,
    at: OffsetDateTime,
    /// The first instant of its month where the office is.
    month_from: OffsetDateTime,
}

impl Day {
    fn new(date: Date, at: OffsetDateTime, zone: Zone) -> Day {
        Day { date, at, month_from: start_of_day(month_start(date), zone) }
    }
}

/// A client with the deadlines a figure decides.
struct Deadlines {
    row: client::Model,
    sppa: Vec<Deadline>,
    litmas: Vec<Deadline>,
}

/// Everything the vitals of one office read, loaded once.
pub(super) struct Figures<'a> {
    pub cases: &'a Cases,
    today: Day,
    before: Day,
    work_now: HashMap<i32, FollowUp>,
    work_before: HashMap<i32, FollowUp>,
    enrolments: HashMap<i32, Vec<(Date, Option<Date>)>>,
    children: Vec<Deadlines>,
    referrals: Vec<(client::Model, Vec<Deadline>)>,
}

impl<'a> Figures<'a> {
    /// Loads the office's figures as of `today` (at `now`) and `before`.
    pub(super) async fn load<C: ConnectionTrait>(
        db: &C,
        office: BapasId,
        cases: &'a Cases,
        today: Date,
        before: Date,
        now: OffsetDateTime,
    ) -> ServiceResult<Figures<'a>> {
        let zone = zone_of(db, office.get()).await?;
        // The same hour of the day a month earlier.
        let then = now - Duration::days((today - before).whole_days());
        let (today, before) = (Day::new(today, now, zone), Day::new(before, then, zone));
        let ids = cases.ids();
        let work_now = kerja_sosial::follow_ups(db, &ids, today.date).await?;
        let work_before = if before.date == today.date {
            HashMap::new()
        } else {
            kerja_sosial::follow_ups(db, &ids, before.date).await?
        };
        let mut enrolments: HashMap<i32, Vec<(Date, Option<Date>)>> = HashMap::new();
        for e in programme_enrolment::Entity::find()
            .filter(programme_enrolment::Column::ClientId.is_in(ids))
            .all(db)
            .await?
        {
            enrolments.entry(e.client_id).or_default().push((e.enrolled_on, e.ended_on));
        }
        Ok(Figures {
            cases,
            today,
            before,
            work_now,
            work_before,
            enrolments,
            children: children(db, office, now).await?,
            referrals: referrals(db, office, month_start(before.date), zone).await?,
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

    /// Each client's part of `vital`.
    pub(super) fn parts(&self, vital: Vital) -> Vec<Part<'_>> {
        let by_deadlines = |row, deadlines: &[Deadline]| Part {
            row,
            now: deadlines_met(deadlines, self.today.month_from, self.today.at),
            before: Some(deadlines_met(deadlines, self.before.month_from, self.before.at)),
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
                    now: self.case_tally(vital, row, self.today, &self.work_now),
                    before: (row.supervision_start <= self.before.date)
                        .then(|| self.case_tally(vital, row, self.before, &self.work_before)),
                })
                .collect(),
        }
    }

    /// What Today says of an active case now (nothing for a child followed on their clocks).
    pub(super) fn reasons_now(&self, row: &client::Model) -> Vec<TodayReason> {
        if !self.cases.rows.iter().any(|r| r.id == row.id) {
            return Vec::new();
        }
        let work = self.work_now.get(&row.id).cloned();
        self.cases.reasons(row, self.today.date, work, ProgrammeFollowUp::default())
    }

    /// An active case's part of a figure on one of the two days.
    fn case_tally(
        &self,
        vital: Vital,
        row: &client::Model,
        day: Day,
        work: &HashMap<i32, FollowUp>,
    ) -> Tally {
        if vital == Vital::ProgrammeParticipation {
            let spans = self.enrolments.get(&row.id).map(Vec::as_slice).unwrap_or_default();
            return Tally::share(u64::from(enrolled(spans, day.date)), 1);
        }
        if let Some(days) = vital.window_days() {
            if !self.cases.reports_due(row) {
                return Tally::share(0, 0);
            }
            // Nothing is due after the supervision's end, though the case waits to be closed.
            let (from, to) = window(day.date, days);
            let to = row.supervision_end.map_or(to, |end| to.min(end));
            let (segments, reports) = (self.cases.segments(row, day.date), self.cases.reports(row, day.date));
            return reports_on_time(&segments, &reports, from, to, day.date);
        }
        // Programme follow-ups do not make any figure, so they are left out.
        let reasons =
            self.cases.reasons(row, day.date, work.get(&row.id).cloned(), ProgrammeFollowUp::default());
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
