//! The office's Today list grouped by PK: the Kabapas's home page shows one line per officer
//! (how many clients, how many pressing) and opens one officer's list at a time, so the page
//! stays readable on a phone however large the office.

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::caseload::{PersonRef, TodayItem, TodayReason};
use crate::page::Page;

/// The query key of the PK whose Today list is open (`?pk=<id>`, or [`UNASSIGNED`]).
pub const PK_KEY: &str = "pk";
/// The [`PK_KEY`] value of the clients no PK holds.
pub const UNASSIGNED: &str = "tanpa";

/// Whose part of the office's Today list to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PkChoice {
    /// One officer's clients.
    Officer(Uuid),
    /// The clients no officer holds.
    Unassigned,
}

impl PkChoice {
    /// Reads the query value; anything else is no choice (the groups are shown).
    pub fn parse(raw: &str) -> Option<PkChoice> {
        let raw = raw.trim();
        if raw == UNASSIGNED {
            return Some(PkChoice::Unassigned);
        }
        Uuid::parse_str(raw).ok().map(PkChoice::Officer)
    }

    /// The query value.
    pub fn as_query(self) -> String {
        match self {
            PkChoice::Officer(id) => id.to_string(),
            PkChoice::Unassigned => UNASSIGNED.to_owned(),
        }
    }

    /// The choice of the clients `pk` holds (no one: the clients no PK holds).
    pub fn of(pk: Option<&PersonRef>) -> PkChoice {
        pk.map_or(PkChoice::Unassigned, |pk| PkChoice::Officer(pk.id))
    }

    /// Whether a client held by `pk` belongs to this choice.
    pub fn holds(self, pk: Option<&PersonRef>) -> bool {
        match (self, pk) {
            (PkChoice::Officer(id), Some(pk)) => pk.id == id,
            (PkChoice::Unassigned, None) => true,
            _ => false,
        }
    }
}

/// One officer's share of the office's Today list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayGroup {
    /// The officer; `None` for clients no officer holds.
    pub pk: Option<PersonRef>,
    /// Clients listed.
    pub clients: u64,
    /// Of them, those whose most urgent reason is pressing ([`TodayReason::pressing`]).
    pub pressing: u64,
    /// Of them, those with a report due today.
    pub due_today: u64,
}

impl TodayGroup {
    /// The choice that opens this group's list.
    pub fn choice(&self) -> PkChoice {
        PkChoice::of(self.pk.as_ref())
    }
}

impl TodayReason {
    /// Whether the reason needs the officer to act before anything else: a revocation
    /// warning, a kerja sosial placement past its deadline, a report missed.
    pub fn pressing(&self) -> bool {
        matches!(
            self,
            TodayReason::RevocationWarning { .. }
                | TodayReason::WorkLate { .. }
                | TodayReason::Overdue { .. }
        )
    }
}

/// Groups a Today list (in any order) by officer: the most pressing first, then by name;
/// clients no officer holds come last.
pub fn group_by_pk(items: &[TodayItem]) -> Vec<TodayGroup> {
    let mut groups: Vec<TodayGroup> = Vec::new();
    for item in items {
        let pk = item.client.pk.as_ref();
        let index = match groups.iter().position(|g| g.pk.as_ref().map(|p| p.id) == pk.map(|p| p.id)) {
            Some(i) => i,
            None => {
                groups.push(TodayGroup { pk: pk.cloned(), clients: 0, pressing: 0, due_today: 0 });
                groups.len() - 1
            }
        };
        let Some(group) = groups.get_mut(index) else { continue };
        group.clients += 1;
        if item.reasons.iter().any(TodayReason::pressing) {
            group.pressing += 1;
        }
        if item.reasons.contains(&TodayReason::DueToday) {
            group.due_today += 1;
        }
    }
    groups.sort_by(|a, b| {
        a.pk.is_none()
            .cmp(&b.pk.is_none())
            .then_with(|| b.pressing.cmp(&a.pressing))
            .then_with(|| b.clients.cmp(&a.clients))
            .then_with(|| name(a).cmp(name(b)))
    });
    groups
}

/// The Today page as the actor reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayView {
    /// The day.
    pub date: Date,
    /// For the whole office's list with no PK chosen: one line per PK, and no items.
    pub groups: Option<Vec<TodayGroup>>,
    /// The PK whose list is open, with their name (`None` for clients no PK holds).
    pub chosen: Option<TodayGroup>,
    /// A page of the list (the chosen PK's, or the officer's own).
    pub page: Page<TodayItem>,
}

fn name(group: &TodayGroup) -> &str {
    group.pk.as_ref().map_or("", |p| p.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::caseload::ClientSummary;
    use crate::client::ClientStatus;
    use crate::legal::LegalBasis;
    use time::macros::date;

    fn pk(n: u128, name: &str) -> PersonRef {
        PersonRef { id: Uuid::from_u128(n), name: name.to_owned() }
    }

    fn item(pk: Option<PersonRef>, reasons: Vec<TodayReason>) -> TodayItem {
        TodayItem {
            client: ClientSummary {
                id: Uuid::nil(),
                register_number: "JAKBAR-2026-000001".into(),
                full_name: "Klien".into(),
                nik: None,
                child: false,
                masked: false,
                legal_basis: LegalBasis::Pb,
                status: ClientStatus::Aktif,
                risk_band: None,
                pk,
                supervision_end: None,
            },
            reasons,
        }
    }

    #[test]
    fn groups_count_clients_pressing_and_due_per_officer() {
        let (ani, budi) = (pk(1, "Ani"), pk(2, "Budi"));
        let overdue = TodayReason::Overdue { since: date!(2026 - 11 - 30) };
        let items = vec![
            item(Some(ani.clone()), vec![TodayReason::DueToday]),
            item(Some(budi.clone()), vec![overdue, TodayReason::DueToday]),
            item(None, vec![TodayReason::DueToday]),
            item(Some(ani.clone()), vec![TodayReason::EndingSoon { end: date!(2026 - 12 - 20) }]),
            item(Some(budi.clone()), vec![TodayReason::RevocationWarning { misses: 3 }]),
        ];
        let groups = group_by_pk(&items);
        let got: Vec<_> = groups
            .iter()
            .map(|g| (g.pk.clone().map(|p| p.name), g.clients, g.pressing, g.due_today))
            .collect();
        assert_eq!(
            got,
            vec![(Some("Budi".to_owned()), 2, 2, 1), (Some("Ani".to_owned()), 2, 0, 1), (None, 1, 0, 1),]
        );
        assert_eq!(groups.iter().map(|g| g.clients).sum::<u64>(), 5);
    }

    #[test]
    fn a_tie_is_broken_by_size_then_name() {
        let items = vec![
            item(Some(pk(2, "Budi")), vec![TodayReason::DueToday]),
            item(Some(pk(1, "Ani")), vec![TodayReason::DueToday]),
            item(Some(pk(3, "Citra")), vec![TodayReason::DueToday]),
            item(Some(pk(3, "Citra")), vec![TodayReason::DueToday]),
        ];
        let names: Vec<_> = group_by_pk(&items).into_iter().filter_map(|g| g.pk.map(|p| p.name)).collect();
        assert_eq!(names, ["Citra", "Ani", "Budi"]);
    }

    #[test]
    fn a_choice_reads_back_what_it_writes_and_rejects_the_rest() {
        let officer = PkChoice::Officer(Uuid::from_u128(7));
        assert_eq!(PkChoice::parse(&officer.as_query()), Some(officer));
        assert_eq!(PkChoice::parse(UNASSIGNED), Some(PkChoice::Unassigned));
        assert_eq!(PkChoice::parse("semua"), None);
        assert_eq!(PkChoice::parse(""), None);
        assert!(officer.holds(Some(&pk(7, "X"))));
        assert!(!officer.holds(None));
        assert!(PkChoice::Unassigned.holds(None));
        assert!(!PkChoice::Unassigned.holds(Some(&pk(7, "X"))));
    }
}
