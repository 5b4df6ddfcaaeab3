//! Kelayan Binter groups (Kelompok Layanan Bimbingan Integrasi): cross-sector groups at
//! kecamatan level with members from partner institutions and the community, meetings with
//! attendance and decisions, action items, and the clients under the group's attention.

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::caseload::PersonRef;
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::OfficeRef;
use crate::reporting::RiskBand;
use crate::validate::{optional_email, optional_phone, optional_text, required_text, row_count, text_list};

text_enum! {
    /// A member's role in the group.
    MemberRole {
        /// Chair.
        Ketua => "ketua",
        /// Secretary.
        Sekretaris => "sekretaris",
        /// Member.
        Anggota => "anggota",
    }
}

/// Most kecamatan one group covers.
pub const MAX_AREAS: u16 = 20;
/// Most decisions (lines) one meeting records.
pub const MAX_DECISIONS: u16 = 50;
/// Most people marked present at one meeting.
pub const MAX_PRESENT: u16 = 200;
/// Most follow-ups one meeting records.
pub const MAX_ACTIONS: u16 = 30;

/// Whether an action item is overdue on `today`: not done and past its due date (the due
/// date itself is still in time).
pub fn action_overdue(due: Date, done_on: Option<Date>, today: Date) -> bool {
    done_on.is_none() && today > due
}

/// A new group as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct GroupForm {
    /// Name, e.g. "Kelayan Binter Kecamatan Tamansari".
    pub name: String,
    /// The kecamatan it covers, comma separated.
    pub areas: String,
    /// The coordinator (public user id of a `koordinator` of the office).
    pub coordinator_id: String,
}

/// A checked group form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupDraft {
    /// Name.
    pub name: String,
    /// Kecamatan covered.
    pub areas: Vec<String>,
    /// Coordinator.
    pub coordinator_id: Option<Uuid>,
}

impl GroupForm {
    /// Checks the form: a name and at least one kecamatan.
    pub fn parse(&self) -> Result<GroupDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let name = required_text(&mut errors, "name", &self.name, 200);
        let areas = text_list(&mut errors, "areas", self.areas.split(','), MAX_AREAS, 100);
        if areas.is_empty() && errors.get("areas").is_none() {
            errors.add("areas", Problem::Required);
        }
        let coordinator_id = if self.coordinator_id.trim().is_empty() {
            None
        } else {
            crate::office::parse_id(&mut errors, "coordinator_id", &self.coordinator_id)
        };
        errors.into_result(GroupDraft { name, areas, coordinator_id })
    }
}

/// A member as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct MemberForm {
    /// Name.
    pub name: String,
    /// Institution (or "tokoh masyarakat").
    pub institution: String,
    /// Text form of [`MemberRole`].
    pub role: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Joined on.
    pub joined_on: String,
}

/// A checked member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDraft {
    /// Name.
    pub name: String,
    /// Institution.
    pub institution: Option<String>,
    /// Role.
    pub role: MemberRole,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Joined on.
    pub joined_on: Date,
}

impl MemberForm {
    /// Checks the member.
    pub fn parse(&self, today: Date) -> Result<MemberDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let name = required_text(&mut errors, "name", &self.name, 120);
        let institution = optional_text(&mut errors, "institution", &self.institution, 200);
        let role = MemberRole::parse(&self.role);
        if role.is_none() {
            errors.add("role", Problem::Required);
        }
        let phone = optional_phone(&mut errors, "phone", &self.phone);
        let email = optional_email(&mut errors, "email", &self.email);
        let joined_on = date_field(&mut errors, "joined_on", &self.joined_on, true);
        if joined_on.is_some_and(|d| d > today) {
            errors.add("joined_on", Problem::FutureDate);
        }
        match (role, joined_on) {
            (Some(role), Some(joined_on)) if errors.is_empty() => {
                Ok(MemberDraft { name, institution, role, phone, email, joined_on })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// A new action item as typed (on a meeting, or on its own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct ActionForm {
    /// What is to be done.
    pub title: String,
    /// Who: `anggota:<member id>` or `pk:<user id>`.
    pub owner: String,
    /// By when.
    pub due_on: String,
}

/// Who owns an action item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Owner {
    /// A member of the group (public id).
    Member(Uuid),
    /// A PK of the office (public id).
    Officer(Uuid),
}

/// A checked action item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionDraft {
    /// Title.
    pub title: String,
    /// Owner.
    pub owner: Owner,
    /// Due.
    pub due_on: Date,
}

impl ActionForm {
    /// Whether the row was left empty (meeting forms carry a blank row).
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty() && self.owner.trim().is_empty() && self.due_on.trim().is_empty()
    }

    /// Checks the item; `prefix` names its fields (`actions.0.` on a meeting form).
    pub fn parse_into(&self, errors: &mut FieldErrors, prefix: &str) -> Option<ActionDraft> {
        let field = |f: &str| format!("{prefix}{f}");
        let title = required_text(errors, &field("title"), &self.title, 300);
        let owner = match self.owner.trim().split_once(':') {
            Some(("anggota", id)) => Uuid::parse_str(id).ok().map(Owner::Member),
            Some(("pk", id)) => Uuid::parse_str(id).ok().map(Owner::Officer),
            _ => None,
        };
        if owner.is_none() {
            errors.add(&field("owner"), Problem::Required);
        }
        let due_on = date_field(errors, &field("due_on"), &self.due_on, true);
        Some(ActionDraft { title, owner: owner?, due_on: due_on? })
    }
}

/// A meeting as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct MeetingForm {
    /// Date.
    pub held_on: String,
    /// Place.
    pub place: String,
    /// Agenda.
    pub agenda: String,
    /// Minutes.
    pub minutes: String,
    /// Decisions, one per line.
    pub decisions: String,
    /// Members present (public ids).
    pub present: Vec<String>,
    /// New action items; blank rows are dropped.
    pub actions: Vec<ActionForm>,
}

/// A checked meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDraft {
    /// Date.
    pub held_on: Date,
    /// Place.
    pub place: Option<String>,
    /// Agenda.
    pub agenda: String,
    /// Minutes.
    pub minutes: Option<String>,
    /// Decisions.
    pub decisions: Vec<String>,
    /// Present members.
    pub present: Vec<Uuid>,
    /// Action items.
    pub actions: Vec<ActionDraft>,
}

impl MeetingForm {
    /// Checks the meeting: a date not in the future, an agenda, someone present.
    pub fn parse(&self, today: Date) -> Result<MeetingDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let held_on = date_field(&mut errors, "held_on", &self.held_on, true);
        if held_on.is_some_and(|d| d > today) {
            errors.add("held_on", Problem::FutureDate);
        }
        let place = optional_text(&mut errors, "place", &self.place, 200);
        let agenda = required_text(&mut errors, "agenda", &self.agenda, 2000);
        let minutes = optional_text(&mut errors, "minutes", &self.minutes, 20_000);
        let decisions = text_list(&mut errors, "decisions", self.decisions.lines(), MAX_DECISIONS, 1000);
        let mut present = Vec::new();
        if row_count(&mut errors, "present", &self.present, MAX_PRESENT) {
            present = self.present.iter().filter_map(|p| Uuid::parse_str(p.trim()).ok()).collect();
            if present.is_empty() {
                errors.add("present", Problem::Required);
            }
        }
        let mut actions = Vec::new();
        if row_count(&mut errors, "actions", &self.actions, MAX_ACTIONS) {
            for (i, a) in self.actions.iter().enumerate().filter(|(_, a)| !a.is_blank()) {
                if let Some(d) = a.parse_into(&mut errors, &format!("actions.{i}.")) {
                    actions.push(d);
                }
            }
        }
        match held_on {
            Some(held_on) if errors.is_empty() => {
                Ok(MeetingDraft { held_on, place, agenda, minutes, decisions, present, actions })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// A member as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// Public id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Institution.
    pub institution: Option<String>,
    /// Role.
    pub role: MemberRole,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Joined.
    pub joined_on: Date,
    /// Left, if they did.
    pub left_on: Option<Date>,
}

/// An action item as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    /// Public id.
    pub id: Uuid,
    /// The group.
    pub group: PersonRef,
    /// Title.
    pub title: String,
    /// Owner's name.
    pub owner: String,
    /// Due.
    pub due_on: Date,
    /// Done on.
    pub done_on: Option<Date>,
    /// Overdue today.
    pub overdue: bool,
}

/// A meeting as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    /// Public id.
    pub id: Uuid,
    /// Date.
    pub held_on: Date,
    /// Place.
    pub place: Option<String>,
    /// Agenda.
    pub agenda: String,
    /// Minutes.
    pub minutes: Option<String>,
    /// Decisions.
    pub decisions: Vec<String>,
    /// Names of the members present.
    pub present: Vec<String>,
    /// How many members the group had that day.
    pub members: usize,
}

/// A client under the group's attention, as much as a coordinator needs: name (initials for
/// a child), area, band, PK and the group's reason. Never the offence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedClient {
    /// Name (initials for a child).
    pub name: String,
    /// Kecamatan or address area, when known.
    pub area: Option<String>,
    /// Risk band.
    pub risk_band: Option<RiskBand>,
    /// Assigned PK.
    pub pk: Option<String>,
    /// Why the group watches them.
    pub reason: String,
    /// Since.
    pub since: Date,
}

/// A group's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    /// Public id.
    pub id: Uuid,
    /// The Bapas.
    pub bapas: OfficeRef,
    /// Name.
    pub name: String,
    /// Kecamatan covered.
    pub areas: Vec<String>,
    /// Coordinator.
    pub coordinator: Option<PersonRef>,
    /// Current and former members.
    pub members: Vec<MemberView>,
    /// Meetings, newest first.
    pub meetings: Vec<MeetingView>,
    /// Action items, open first by due date.
    pub actions: Vec<ActionView>,
    /// Clients under the group's attention.
    pub clients: Vec<WatchedClient>,
    /// PKs of the office (action owners).
    pub officers: Vec<PersonRef>,
    /// Whether the actor may record on the group.
    pub can_manage: bool,
}

/// A group in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    /// Public id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Kecamatan covered.
    pub areas: Vec<String>,
    /// Coordinator.
    pub coordinator: Option<String>,
    /// Current members.
    pub members: usize,
    /// Open action items, and how many are overdue.
    pub open_actions: (usize, usize),
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn overdue_only_after_the_due_day_and_while_open() {
        let due = date!(2026 - 11 - 30);
        assert!(!action_overdue(due, None, date!(2026 - 11 - 29)));
        assert!(!action_overdue(due, None, due), "the due day is still in time");
        assert!(action_overdue(due, None, date!(2026 - 12 - 01)));
        assert!(!action_overdue(due, Some(date!(2026 - 12 - 05)), date!(2026 - 12 - 10)), "done, even late");
    }

    #[test]
    fn a_meeting_needs_an_agenda_and_someone_present() {
        let today = date!(2026 - 11 - 24);
        let member = Uuid::from_u128(7);
        let form = MeetingForm {
            held_on: "2026-11-24".into(),
            agenda: "Koordinasi klien risiko tinggi".into(),
            decisions: "Kunjungan bersama\n\n Pendataan KTP ".into(),
            present: vec![member.to_string()],
            actions: vec![
                ActionForm {
                    title: "Data KTP klien".into(),
                    owner: format!("anggota:{member}"),
                    due_on: "2026-12-01".into(),
                },
                ActionForm::default(),
            ],
            ..Default::default()
        };
        let draft = form.parse(today).expect("valid");
        assert_eq!(draft.decisions, ["Kunjungan bersama", "Pendataan KTP"]);
        assert_eq!(draft.actions.len(), 1, "blank rows dropped");
        assert_eq!(draft.actions[0].owner, Owner::Member(member));
        let nobody = MeetingForm { present: vec![], ..form.clone() };
        let errors = nobody.parse(today).err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("present"), Some(Problem::Required));
        let ownerless = MeetingForm {
            actions: vec![ActionForm {
                title: "X".into(),
                owner: String::new(),
                due_on: "2026-12-01".into(),
            }],
            ..form
        };
        let errors = ownerless.parse(today).err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("actions.0.owner"), Some(Problem::Required));
    }

    #[test]
    fn groups_cover_at_least_one_kecamatan() {
        let form = GroupForm {
            name: "Kelayan Binter Tamansari".into(),
            areas: " Tamansari , Taman Sari ".into(),
            ..Default::default()
        };
        assert_eq!(form.parse().map(|d| d.areas), Ok(vec!["Tamansari".to_owned(), "Taman Sari".to_owned()]));
        let none = GroupForm { areas: " , ".into(), ..form };
        assert!(none.parse().is_err());
    }
}
