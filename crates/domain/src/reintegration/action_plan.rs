//! Action plans: the Kabapas writes the office's plan for a period — objectives drawn from
//! the needs map ("30 clients get a KTP through Dukcapil by June"), each with a target, the
//! partner or programme that serves it, an owner and a due date. Progress is never typed: it
//! is counted from the checklist changes that serve the objective — an item met through a
//! referral to the partner, an enrolment in the programme, or (with neither named) any way.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use super::checklist::{NeedItem, NeedState};
use crate::caseload::PersonRef;
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::parse_id;
use crate::validate::required_text;

/// Most clients an objective may aim at.
pub const TARGET_MAX: u32 = 10_000;

/// What moved a checklist item, as the count reads it (internal keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// The PK marked it.
    Marked,
    /// A referral to this partner.
    Referral {
        /// The partner.
        partner: i32,
    },
    /// An enrolment in this programme (run with this partner, if any).
    Enrolment {
        /// The programme.
        programme: i32,
        /// Its partner.
        partner: Option<i32>,
    },
}

/// One change of one client's item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The client.
    pub client: i32,
    /// The item.
    pub item: NeedItem,
    /// The state it moved to.
    pub state: NeedState,
    /// The day.
    pub on: Date,
    /// What moved it.
    pub by: Moved,
}

/// What an objective counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The item.
    pub item: NeedItem,
    /// Only through this partner (its referrals, or programmes it runs).
    pub partner: Option<i32>,
    /// Only through this programme.
    pub programme: Option<i32>,
    /// From (the plan's start).
    pub from: Date,
    /// Until (the objective's due date).
    pub until: Date,
}

impl Rule {
    /// Whether a change made `by` this serves the objective.
    pub fn served_by(&self, by: Moved) -> bool {
        match (self.programme, self.partner, by) {
            (Some(p), _, Moved::Enrolment { programme, .. }) => p == programme,
            (Some(_), _, _) => false,
            (None, Some(p), Moved::Referral { partner }) => p == partner,
            (None, Some(p), Moved::Enrolment { partner, .. }) => partner == Some(p),
            (None, Some(_), Moved::Marked) => false,
            (None, None, _) => true,
        }
    }
}

/// Where an objective stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// The target is reached.
    Achieved,
    /// At least as far as the time gone by asks.
    OnTrack,
    /// Behind the time gone by.
    Behind,
    /// Past its due date short of the target.
    Missed,
}

/// An objective's progress as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Clients whose item was met the way the objective counts, in its period.
    pub met: u32,
    /// Clients on the way: the item in progress that way, not met yet.
    pub in_progress: u32,
    /// The target.
    pub target: u32,
    /// Where it stands.
    pub standing: Standing,
}

impl Progress {
    /// Per cent of the target met (at most 100).
    pub fn percent(&self) -> u32 {
        // A target of none is met by nothing at all.
        self.met.saturating_mul(100).checked_div(self.target).map_or(100, |p| p.min(100))
    }
}

/// Counts an objective from the office's checklist changes (in the order made) as of
/// `as_of`: each client once, met on a day from the rule's start to its due date (and not
/// after `as_of`) by a change that serves it; on the way when their latest change of the item
/// by `as_of` is *in progress* and serves it. On track when the share met is at least the
/// share of the period gone by.
pub fn progress(rule: &Rule, target: u32, changes: &[Change], as_of: Date) -> Progress {
    let last_day = rule.until.min(as_of);
    let mut met = BTreeSet::new();
    let mut latest: BTreeMap<i32, &Change> = BTreeMap::new();
    for c in changes.iter().filter(|c| c.item == rule.item && c.on <= as_of) {
        latest.insert(c.client, c);
        if c.state == NeedState::Met && c.on >= rule.from && c.on <= last_day && rule.served_by(c.by) {
            met.insert(c.client);
        }
    }
    let in_progress = latest
        .values()
        .filter(|c| c.state == NeedState::InProgress && rule.served_by(c.by) && !met.contains(&c.client))
        .count();
    let met = u32::try_from(met.len()).unwrap_or(u32::MAX);
    let standing = if met >= target {
        Standing::Achieved
    } else if as_of > rule.until {
        Standing::Missed
    } else {
        let span = (rule.until - rule.from).whole_days().max(1);
        let gone = (as_of - rule.from).whole_days().clamp(0, span);
        // met / target >= gone / span, in whole numbers.
        if i64::from(met) * span >= gone * i64::from(target) { Standing::OnTrack } else { Standing::Behind }
    };
    Progress { met, in_progress: u32::try_from(in_progress).unwrap_or(u32::MAX), target, standing }
}

/// The plan form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    /// Title ("Rencana aksi semester I 2027").
    pub title: String,
    /// First day.
    pub starts_on: String,
    /// Last day.
    pub ends_on: String,
}

/// A checked plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    /// Title.
    pub title: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
}

impl PlanForm {
    /// Checks a plan: a title and a period of at most two years, the right way round.
    pub fn parse(&self) -> Result<PlanDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let title = required_text(&mut errors, "title", &self.title, 200);
        let starts_on = date_field(&mut errors, "starts_on", &self.starts_on, true);
        let ends_on = date_field(&mut errors, "ends_on", &self.ends_on, true);
        if let (Some(start), Some(end)) = (starts_on, ends_on) {
            if end < start {
                errors.add("ends_on", Problem::BeforeStart);
            } else if (end - start).whole_days() > 731 {
                errors.add("ends_on", Problem::NotAllowed);
            }
        }
        match (starts_on, ends_on) {
            (Some(starts_on), Some(ends_on)) if errors.is_empty() => {
                Ok(PlanDraft { title, starts_on, ends_on })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The objective form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectiveForm {
    /// What it aims at ("30 klien memiliki KTP melalui Dukcapil").
    pub title: String,
    /// The checklist item ([`NeedItem`]'s text).
    pub item: String,
    /// How many clients.
    pub target: String,
    /// The partner that serves it (optional).
    pub partner_id: String,
    /// The programme that serves it (optional).
    pub programme_id: String,
    /// Who answers for it (a user of the office).
    pub owner_id: String,
    /// Due date.
    pub due_on: String,
}

/// A checked objective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectiveDraft {
    /// Title.
    pub title: String,
    /// Item.
    pub item: NeedItem,
    /// Target.
    pub target: u32,
    /// Partner.
    pub partner_id: Option<Uuid>,
    /// Programme.
    pub programme_id: Option<Uuid>,
    /// Owner.
    pub owner_id: Option<Uuid>,
    /// Due.
    pub due_on: Date,
}

fn optional_id(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<Uuid> {
    if raw.trim().is_empty() { None } else { parse_id(errors, field, raw) }
}

impl ObjectiveForm {
    /// Checks an objective of a plan running `starts_on`–`ends_on`: a title, an item, a
    /// target of 1–[`TARGET_MAX`] clients, a due date inside the plan.
    pub fn parse(&self, starts_on: Date, ends_on: Date) -> Result<ObjectiveDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let title = required_text(&mut errors, "title", &self.title, 200);
        let item = NeedItem::parse(&self.item);
        if item.is_none() {
            errors.add(
                "item",
                if self.item.trim().is_empty() { Problem::Required } else { Problem::NotAllowed },
            );
        }
        let target = match self.target.trim().parse::<u32>() {
            Ok(n) if (1..=TARGET_MAX).contains(&n) => Some(n),
            _ if self.target.trim().is_empty() => {
                errors.add("target", Problem::Required);
                None
            }
            _ => {
                errors.add("target", Problem::BadFormat);
                None
            }
        };
        let partner_id = optional_id(&mut errors, "partner_id", &self.partner_id);
        let programme_id = optional_id(&mut errors, "programme_id", &self.programme_id);
        let owner_id = optional_id(&mut errors, "owner_id", &self.owner_id);
        let due_on = date_field(&mut errors, "due_on", &self.due_on, true);
        if due_on.is_some_and(|d| d < starts_on) {
            errors.add("due_on", Problem::BeforeStart);
        } else if due_on.is_some_and(|d| d > ends_on) {
            errors.add("due_on", Problem::NotAllowed);
        }
        match (item, target, due_on) {
            (Some(item), Some(target), Some(due_on)) if errors.is_empty() => {
                Ok(ObjectiveDraft { title, item, target, partner_id, programme_id, owner_id, due_on })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// An objective as shown, with its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveView {
    /// Public id.
    pub id: Uuid,
    /// What it aims at.
    pub title: String,
    /// The item.
    pub item: NeedItem,
    /// The partner that serves it.
    pub partner: Option<String>,
    /// The programme that serves it.
    pub programme: Option<PersonRef>,
    /// Who answers for it.
    pub owner: Option<String>,
    /// Due date.
    pub due_on: Date,
    /// Its progress today.
    pub progress: Progress,
}

/// A plan as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    /// Public id.
    pub id: Uuid,
    /// The office.
    pub bapas: PersonRef,
    /// Title.
    pub title: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// Its objectives.
    pub objectives: Vec<ObjectiveView>,
    /// The viewer keeps it.
    pub can_edit: bool,
    /// The day progress is counted as of.
    pub as_of: Date,
}

impl PlanView {
    /// Objectives achieved.
    pub fn achieved(&self) -> usize {
        self.objectives.iter().filter(|o| o.progress.standing == Standing::Achieved).count()
    }
}

/// What the objective form offers: the office's partners, programmes and staff, and how
/// many active clients need each item today (the needs map the objective is drawn from).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChoices {
    /// Partners.
    pub partners: Vec<PersonRef>,
    /// Programmes.
    pub programmes: Vec<PersonRef>,
    /// Officers and the Kabapas.
    pub owners: Vec<PersonRef>,
    /// Open needs per item.
    pub open_needs: Vec<(NeedItem, u32)>,
}

/// An office's plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficePlans {
    /// The office.
    pub bapas: PersonRef,
    /// Its plans, the latest first, each with its objectives' progress.
    pub plans: Vec<PlanView>,
    /// The viewer writes plans here.
    pub can_edit: bool,
    /// What the forms offer (empty unless the viewer writes).
    pub choices: PlanChoices,
    /// The other offices whose plans the viewer reads (the Kanwil's region, every office for
    /// the admin).
    pub offices: Vec<PersonRef>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const DUKCAPIL: i32 = 7;
    const COURSE: i32 = 3;

    fn change(client: i32, state: NeedState, on: Date, by: Moved) -> Change {
        Change { client, item: NeedItem::Ktp, state, on, by }
    }

    fn rule(partner: Option<i32>, programme: Option<i32>) -> Rule {
        Rule {
            item: NeedItem::Ktp,
            partner,
            programme,
            from: date!(2027 - 01 - 01),
            until: date!(2027 - 06 - 30),
        }
    }

    #[test]
    fn progress_counts_what_served_the_objective_in_its_period_once_per_client() {
        let by_dukcapil = Moved::Referral { partner: DUKCAPIL };
        let changes = [
            // Met before the plan: not counted.
            change(1, NeedState::Met, date!(2026 - 12 - 31), by_dukcapil),
            // Met on the first day, then again: once.
            change(2, NeedState::Met, date!(2027 - 01 - 01), by_dukcapil),
            change(2, NeedState::Met, date!(2027 - 02 - 01), by_dukcapil),
            // Met by the PK's own mark: counts only where no way is named.
            change(3, NeedState::Met, date!(2027 - 02 - 01), Moved::Marked),
            // On the way through Dukcapil.
            change(4, NeedState::InProgress, date!(2027 - 03 - 01), by_dukcapil),
            // Met through a programme the partner runs.
            change(
                5,
                NeedState::Met,
                date!(2027 - 03 - 01),
                Moved::Enrolment { programme: COURSE, partner: Some(DUKCAPIL) },
            ),
            // Met on the due date, and the day after.
            change(6, NeedState::Met, date!(2027 - 06 - 30), by_dukcapil),
            change(7, NeedState::Met, date!(2027 - 07 - 01), by_dukcapil),
        ];
        let end = date!(2027 - 07 - 15);
        let through = progress(&rule(Some(DUKCAPIL), None), 4, &changes, end);
        assert_eq!((through.met, through.in_progress), (3, 1), "clients 2, 5 and 6; 4 on the way");
        assert_eq!(through.standing, Standing::Missed);
        let any = progress(&rule(None, None), 4, &changes, end);
        assert_eq!((any.met, any.standing), (4, Standing::Achieved), "with the PK's mark");
        let course = progress(&rule(None, Some(COURSE)), 1, &changes, end);
        assert_eq!((course.met, course.in_progress, course.percent()), (1, 0, 100));
        let before = progress(&rule(Some(DUKCAPIL), None), 4, &changes, date!(2027 - 02 - 15));
        assert_eq!(before.met, 1, "as of a day, later changes are not seen");
    }

    #[test]
    fn on_track_when_the_share_met_keeps_up_with_the_time_gone() {
        let r = rule(None, None);
        let met = |n: i32| -> Vec<Change> {
            (0..n).map(|c| change(c, NeedState::Met, date!(2027 - 01 - 10), Moved::Marked)).collect()
        };
        // Half the period gone (1 January – 30 June: 180 days; 1 April is day 90).
        let half = date!(2027 - 04 - 01);
        assert_eq!(progress(&r, 10, &met(5), half).standing, Standing::OnTrack);
        assert_eq!(progress(&r, 10, &met(4), half).standing, Standing::Behind);
        assert_eq!(progress(&r, 10, &met(0), date!(2027 - 01 - 01)).standing, Standing::OnTrack, "day one");
        assert_eq!(
            progress(&r, 10, &met(9), date!(2027 - 06 - 30)).standing,
            Standing::Behind,
            "the last day"
        );
        assert_eq!(progress(&r, 10, &met(9), date!(2027 - 07 - 01)).standing, Standing::Missed);
        assert_eq!(progress(&r, 10, &met(10), date!(2027 - 02 - 01)).percent(), 100);
    }

    #[test]
    fn plans_and_objectives_are_checked() {
        let plan = PlanForm {
            title: "Semester I".into(),
            starts_on: "2027-01-01".into(),
            ends_on: "2027-06-30".into(),
        };
        let draft = plan.parse().unwrap();
        let long = PlanForm { ends_on: "2029-06-30".into(), ..plan.clone() };
        assert_eq!(
            long.parse().unwrap_err().field_errors().and_then(|e| e.get("ends_on")),
            Some(Problem::NotAllowed)
        );
        let objective = ObjectiveForm {
            title: "30 klien ber-KTP".into(),
            item: "ktp".into(),
            target: "30".into(),
            due_on: "2027-06-30".into(),
            ..ObjectiveForm::default()
        };
        assert_eq!(objective.parse(draft.starts_on, draft.ends_on).unwrap().target, 30);
        let late = ObjectiveForm { due_on: "2027-07-01".into(), target: "0".into(), ..objective };
        let errors = late
            .parse(draft.starts_on, draft.ends_on)
            .unwrap_err()
            .field_errors()
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            (errors.get("due_on"), errors.get("target")),
            (Some(Problem::NotAllowed), Some(Problem::BadFormat))
        );
    }
}
