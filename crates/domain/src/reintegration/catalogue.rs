//! What the pages show of programmes: the office's catalogue, a programme's page with its
//! participants and sessions, and a client's programmes with those they may join. A
//! participant is a client: their name goes through the masking step like any other.

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use super::checklist::NeedItem;
use super::participation::Outcomes;
use super::programmes::{EnrolmentStatus, ProgrammeKind, Stay, Suits, Unsuitable};
use crate::caseload::PersonRef;

/// A programme in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeView {
    /// Public id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: ProgrammeKind,
    /// The office.
    pub bapas: PersonRef,
    /// The partner that runs it with the office.
    pub partner: Option<PersonRef>,
    /// The PKS it runs under (number — title).
    pub agreement: Option<PersonRef>,
    /// Whether that PKS is in force today (false without one while a partner runs it).
    pub agreement_in_force: bool,
    /// Place.
    pub place: String,
    /// Schedule.
    pub schedule: Option<String>,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Option<Date>,
    /// Places, or beds.
    pub capacity: u16,
    /// Places taken now: active participants, or beds occupied tonight.
    pub taken: u32,
    /// Who it suits.
    pub suits: Suits,
    /// Checklist items it serves.
    pub needs: Vec<NeedItem>,
    /// A transit house's work units.
    pub work_units: Vec<String>,
    /// The next planned session from today.
    pub next_session: Option<Date>,
    /// Still offered.
    pub active: bool,
    /// The viewer may change it.
    pub can_edit: bool,
}

impl ProgrammeView {
    /// Whether every place (or bed) is taken today.
    pub fn full(&self) -> bool {
        !super::programmes::has_room(self.capacity, self.taken)
    }
}

/// One participant on a programme's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// The enrolment's public id.
    pub enrolment: Uuid,
    /// The client (initials when masked).
    pub client: PersonRef,
    /// Whether the name is masked.
    pub masked: bool,
    /// Whether the viewer may open the client's page.
    pub can_open: bool,
    /// Where they stand.
    pub status: EnrolmentStatus,
    /// First day.
    pub enrolled_on: Date,
    /// Last day.
    pub ended_on: Option<Date>,
    /// Why they dropped out.
    pub reason: Option<String>,
    /// What came of it.
    pub outcomes: Outcomes,
    /// A transit house's stay.
    pub stay: Option<Stay>,
    /// A transit house's work unit.
    pub work_unit: Option<String>,
    /// Sessions attended.
    pub attended: u32,
    /// Sessions recorded while they took part.
    pub sessions: u32,
    /// The viewer may end the enrolment.
    pub can_end: bool,
}

/// A session of a programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeSessionView {
    /// Public id.
    pub id: Uuid,
    /// The day.
    pub held_on: Date,
    /// Topic.
    pub topic: String,
    /// Whether its attendance has been recorded.
    pub recorded: bool,
    /// Enrolments present (to tick the form again when correcting it).
    pub present: Vec<Uuid>,
    /// How many were expected (taking part that day).
    pub expected: u32,
}

/// A programme's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeDetail {
    /// The programme.
    pub programme: ProgrammeView,
    /// Its participants, active first.
    pub participants: Vec<Participant>,
    /// Its sessions, newest first.
    pub sessions: Vec<ProgrammeSessionView>,
    /// Beds occupied tonight (a transit house).
    pub occupied_tonight: Option<u32>,
    /// The viewer may plan sessions and record attendance.
    pub can_run: bool,
    /// The office's day.
    pub today: Date,
}

/// A client's enrolment, on their page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientProgramme {
    /// The enrolment's public id.
    pub enrolment: Uuid,
    /// The programme.
    pub programme: PersonRef,
    /// Its kind.
    pub kind: ProgrammeKind,
    /// Where they stand.
    pub status: EnrolmentStatus,
    /// First day.
    pub enrolled_on: Date,
    /// Last day.
    pub ended_on: Option<Date>,
    /// Why they dropped out.
    pub reason: Option<String>,
    /// What came of it.
    pub outcomes: Outcomes,
    /// A transit house's stay.
    pub stay: Option<Stay>,
    /// A transit house's work unit.
    pub work_unit: Option<String>,
    /// Sessions attended.
    pub attended: u32,
    /// Sessions recorded while they took part.
    pub sessions: u32,
    /// The next planned session.
    pub next_session: Option<Date>,
    /// The viewer may end it.
    pub can_end: bool,
}

/// A programme the client might join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeOption {
    /// The programme.
    pub programme: PersonRef,
    /// Kind.
    pub kind: ProgrammeKind,
    /// Why the client does not suit it, if they do not.
    pub unsuitable: Option<Unsuitable>,
    /// Whether every place is taken today.
    pub full: bool,
    /// The checklist items it serves that the client needs.
    pub serves_needed: Vec<NeedItem>,
    /// A transit house's work units.
    pub work_units: Vec<String>,
}

/// What a client's page shows of programmes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientProgrammes {
    /// Their enrolments, newest first.
    pub enrolments: Vec<ClientProgramme>,
    /// Programmes of the office they may join (empty unless the viewer may enrol them).
    pub options: Vec<ProgrammeOption>,
}

/// What the programme editor offers: the office's partners and their agreements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeChoices {
    /// Active partners.
    pub partners: Vec<PersonRef>,
    /// Agreements by partner.
    pub agreements: Vec<(Uuid, PersonRef)>,
}
