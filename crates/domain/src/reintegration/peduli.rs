//! Klien Bapas Peduli: the national movement in which each Bapas holds social activities
//! with its clients every month — clean-ups, aid, public service — with partners. An office
//! records each activity and its officers add their clients who took part (names stay in the
//! office); the Kanwil and the national admin read participation per office and month, and
//! which offices reported nothing yet this month.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::calendar::CalendarMonth;
use crate::caseload::PersonRef;
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::parse_id;
use crate::validate::{MAX_TICKED, optional_text, required_text, row_count};

text_enum! {
    /// What an activity was.
    ActivityKind {
        /// Cleaning a public place (kerja bakti).
        BersihBersih => "bersih_bersih",
        /// Aid to people in need (bakti sosial, donations).
        Bantuan => "bantuan",
        /// Public service (helping at a puskesmas, a disaster post, a place of worship).
        LayananPublik => "layanan_publik",
        /// Anything else.
        Lainnya => "lainnya",
    }
}

/// Most clients one post adds to an activity (an officer's caseload fits).
pub const PARTICIPANTS_MAX: u16 = 200;
/// How many months the overview shows.
pub const OVERVIEW_MONTHS: usize = 6;

fn ids(errors: &mut FieldErrors, field: &str, raws: &[String], max: u16) -> Vec<Uuid> {
    let mut out = Vec::new();
    if row_count(errors, field, raws, max) {
        for raw in raws {
            match parse_id(errors, field, raw) {
                Some(id) if !out.contains(&id) => out.push(id),
                _ => {}
            }
        }
    }
    out
}

/// An activity as the office records it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityForm {
    /// The day.
    pub held_on: String,
    /// Where.
    pub place: String,
    /// [`ActivityKind`]'s text.
    pub kind: String,
    /// What was done.
    pub description: String,
    /// Partners of the office who took part (public ids).
    pub partners: Vec<String>,
    /// Clients of the recording officer who took part (public ids).
    pub clients: Vec<String>,
}

/// A checked activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityDraft {
    /// The day.
    pub held_on: Date,
    /// Where.
    pub place: String,
    /// Kind.
    pub kind: ActivityKind,
    /// What was done.
    pub description: Option<String>,
    /// Partners.
    pub partners: Vec<Uuid>,
    /// Clients.
    pub clients: Vec<Uuid>,
}

impl ActivityForm {
    /// Checks the activity: a day not after `today`, a place, a kind, and known ids.
    pub fn parse(&self, today: Date) -> Result<ActivityDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let held_on = date_field(&mut errors, "held_on", &self.held_on, true);
        if held_on.is_some_and(|d| d > today) {
            errors.add("held_on", Problem::FutureDate);
        }
        let place = required_text(&mut errors, "place", &self.place, 200);
        let kind = ActivityKind::parse(&self.kind);
        if kind.is_none() {
            errors.add(
                "kind",
                if self.kind.trim().is_empty() { Problem::Required } else { Problem::NotAllowed },
            );
        }
        let description = optional_text(&mut errors, "description", &self.description, 2000);
        let partners = ids(&mut errors, "partners", &self.partners, MAX_TICKED);
        let clients = ids(&mut errors, "clients", &self.clients, PARTICIPANTS_MAX);
        match (held_on, kind) {
            (Some(held_on), Some(kind)) if errors.is_empty() => {
                Ok(ActivityDraft { held_on, place, kind, description, partners, clients })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The form that adds an officer's clients to an activity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParticipantsForm {
    /// Clients (public ids).
    pub clients: Vec<String>,
}

impl ParticipantsForm {
    /// The clients, each once; at least one.
    pub fn parse(&self) -> Result<Vec<Uuid>, ErrorKind> {
        let mut errors = FieldErrors::new();
        let clients = ids(&mut errors, "clients", &self.clients, PARTICIPANTS_MAX);
        if clients.is_empty() && errors.is_empty() {
            errors.add("clients", Problem::Required);
        }
        errors.into_result(clients)
    }
}

/// An activity as a viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityView {
    /// Public id.
    pub id: Uuid,
    /// The office.
    pub bapas: PersonRef,
    /// The day.
    pub held_on: Date,
    /// Where.
    pub place: String,
    /// Kind.
    pub kind: ActivityKind,
    /// What was done.
    pub description: Option<String>,
    /// Partners' names.
    pub partners: Vec<String>,
    /// How many clients took part.
    pub participants: u32,
    /// Their names (initials where masked) — for the office's own staff only; empty for
    /// everyone else.
    pub clients: Vec<PersonRef>,
}

/// One office's activities and what the viewer may do there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeActivities {
    /// The office.
    pub bapas: PersonRef,
    /// Its activities, newest first.
    pub activities: Vec<ActivityView>,
    /// The viewer records activities and adds clients.
    pub can_record: bool,
    /// The viewer's own active clients, to add (empty unless they record).
    pub my_clients: Vec<PersonRef>,
    /// The office's partners, to name (empty unless they record).
    pub partners: Vec<PersonRef>,
}

/// An office's month: activities held and clients who took part (each counted once).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// Activities.
    pub activities: u32,
    /// Distinct clients.
    pub clients: u32,
}

/// One activity, as the overview counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held<K> {
    /// The office.
    pub office: K,
    /// The day.
    pub on: Date,
    /// The clients who took part (internal keys).
    pub clients: Vec<i32>,
}

/// Per office, the count of each of `months` (in their order): activities held in the month,
/// and the distinct clients who took part in any of them. Offices with nothing have no entry.
pub fn tally<K: Ord + Clone>(months: &[CalendarMonth], held: &[Held<K>]) -> BTreeMap<K, Vec<MonthCount>> {
    let mut seen: BTreeMap<(K, usize), BTreeSet<i32>> = BTreeMap::new();
    let mut out: BTreeMap<K, Vec<MonthCount>> = BTreeMap::new();
    for h in held {
        let Some(i) = months.iter().position(|m| m.contains(h.on)) else { continue };
        let cells = out.entry(h.office.clone()).or_insert_with(|| vec![MonthCount::default(); months.len()]);
        let clients = seen.entry((h.office.clone(), i)).or_default();
        clients.extend(h.clients.iter().copied());
        cells[i].activities += 1;
        cells[i].clients = u32::try_from(clients.len()).unwrap_or(u32::MAX);
    }
    out
}

/// One office's row in the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeParticipation {
    /// The office.
    pub bapas: PersonRef,
    /// Its Kanwil.
    pub kanwil: String,
    /// Each month's count, in the overview's order.
    pub months: Vec<MonthCount>,
}

impl OfficeParticipation {
    /// Whether the office has reported an activity in the last (current) month.
    pub fn reported_this_month(&self) -> bool {
        self.months.last().is_some_and(|m| m.activities > 0)
    }
}

/// Participation across offices: the Kanwil's region, or every office for the admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeduliOverview {
    /// The months, oldest first; the last is the current one.
    pub months: Vec<CalendarMonth>,
    /// Each office, those that reported nothing this month first.
    pub offices: Vec<OfficeParticipation>,
    /// The office's day.
    pub today: Date,
}

impl PeduliOverview {
    /// Totals per month across the offices.
    pub fn totals(&self) -> Vec<MonthCount> {
        let mut totals = vec![MonthCount::default(); self.months.len()];
        for o in &self.offices {
            for (t, m) in totals.iter_mut().zip(&o.months) {
                t.activities += m.activities;
                t.clients += m.clients;
            }
        }
        totals
    }

    /// How many offices have reported nothing this month.
    pub fn silent(&self) -> usize {
        self.offices.iter().filter(|o| !o.reported_this_month()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_form_is_checked() {
        let today = date!(2026 - 12 - 04);
        let form = ActivityForm {
            held_on: "2026-12-04".into(),
            place: "Taman Kota".into(),
            kind: "bersih_bersih".into(),
            clients: vec![Uuid::from_u128(1).to_string(), Uuid::from_u128(1).to_string()],
            ..ActivityForm::default()
        };
        let draft = form.parse(today).unwrap();
        assert_eq!((draft.kind, draft.clients.len()), (ActivityKind::BersihBersih, 1));
        let bad = ActivityForm { held_on: "2026-12-05".into(), kind: "arisan".into(), ..form };
        let errors = bad.parse(today).unwrap_err().field_errors().cloned().unwrap_or_default();
        assert_eq!(errors.get("held_on"), Some(Problem::FutureDate));
        assert_eq!(errors.get("kind"), Some(Problem::NotAllowed));
        let none = ParticipantsForm::default().parse().unwrap_err();
        assert_eq!(none.field_errors().and_then(|e| e.get("clients")), Some(Problem::Required));
    }

    #[test]
    fn months_count_activities_and_each_client_once_inside_their_boundaries() {
        let months = CalendarMonth::of(date!(2026 - 12 - 04)).last(3);
        let held =
            |office: &'static str, on: Date, clients: &[i32]| Held { office, on, clients: clients.to_vec() };
        let records = [
            held("jambi", date!(2026 - 10 - 01), &[1, 2]),
            held("jambi", date!(2026 - 10 - 31), &[2, 3]),
            held("jambi", date!(2026 - 11 - 01), &[1]),
            held("jambi", date!(2026 - 09 - 30), &[9]),
            held("jember", date!(2026 - 12 - 01), &[]),
        ];
        let counts = tally(&months, &records);
        assert_eq!(
            counts["jambi"],
            [
                MonthCount { activities: 2, clients: 3 },
                MonthCount { activities: 1, clients: 1 },
                MonthCount::default()
            ],
            "30 September is outside; 1 and 31 October inside; client 2 once"
        );
        assert_eq!(counts["jember"][2], MonthCount { activities: 1, clients: 0 });
        let office = |name: &str, months: Vec<MonthCount>| OfficeParticipation {
            bapas: PersonRef { id: Uuid::nil(), name: name.into() },
            kanwil: String::new(),
            months,
        };
        let overview = PeduliOverview {
            months,
            offices: vec![
                office("Jambi", counts["jambi"].clone()),
                office("Jember", counts["jember"].clone()),
            ],
            today: date!(2026 - 12 - 04),
        };
        assert_eq!(overview.silent(), 1, "Jambi has nothing in December yet");
        assert_eq!(overview.totals()[0], MonthCount { activities: 2, clients: 3 });
    }
}
