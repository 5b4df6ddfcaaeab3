//! What the pages show of kerja sosial: work sites, placements with their progress, and the
//! sessions of the ledger. A placement names a person, so it goes through the masking step
//! (a child placed under SPPA art. 71 reaches the site's supervisor as initials).

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, Time};
use uuid::Uuid;

use super::{PlacementStatus, Progress, Ratings, SiteDays};
use crate::abh::litmas::Letterhead;
use crate::caseload::PersonRef;
use crate::privacy::{Redact, initials};

/// A work site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteView {
    /// Public id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// The hosting partner.
    pub partner: PersonRef,
    /// The PKS it falls under.
    pub agreement: Option<PersonRef>,
    /// Whether that agreement is in force today (a site without one warns).
    pub agreement_in_force: bool,
    /// Address.
    pub address: String,
    /// Area.
    pub area: Option<String>,
    /// The kind of work.
    pub work_kind: String,
    /// Days.
    pub days: SiteDays,
    /// Opens.
    pub opens: Time,
    /// Closes.
    pub closes: Time,
    /// People at a time.
    pub capacity: u16,
    /// Active placements there now.
    pub placed: u32,
    /// The supervisor's account.
    pub supervisor: Option<PersonRef>,
    /// A named supervisor without an account.
    pub supervisor_name: Option<String>,
    /// Their phone.
    pub supervisor_phone: Option<String>,
    /// Women.
    pub suits_women: bool,
    /// Children.
    pub suits_children: bool,
    /// Still taking people.
    pub active: bool,
    /// Whether the viewer may change it.
    pub can_edit: bool,
}

impl SiteView {
    /// Who supervises: the account's name, else the named contact.
    pub fn supervisor_label(&self) -> Option<String> {
        self.supervisor.as_ref().map(|p| p.name.clone()).or_else(|| self.supervisor_name.clone())
    }
}

/// One session of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// Public id.
    pub id: Uuid,
    /// The day.
    pub held_on: Date,
    /// The site it was worked at.
    pub site: String,
    /// Arrival.
    pub arrival: Option<Time>,
    /// Departure.
    pub departure: Option<Time>,
    /// Break.
    pub break_minutes: u32,
    /// Minutes counted.
    pub minutes: u32,
    /// The work done (free text: masked with the person).
    pub work_done: Option<String>,
    /// Ratings.
    pub ratings: Option<Ratings>,
    /// Did not come.
    pub absent: bool,
    /// Why (free text: masked with the person).
    pub absence_reason: Option<String>,
    /// Whether the reason is acceptable.
    pub absence_accepted: Option<bool>,
    /// Recorded by the PK rather than the site's supervisor.
    pub by_officer: bool,
    /// Who signed it off, when it is.
    pub signed_off_by: Option<String>,
    /// When.
    pub signed_off_at: Option<OffsetDateTime>,
    /// Why it was last corrected.
    pub correction: Option<String>,
}

impl SessionView {
    /// Whether the site's supervisor has signed it off.
    pub fn signed_off(&self) -> bool {
        self.signed_off_at.is_some()
    }
}

impl Redact for SessionView {
    fn redact(&mut self) {
        self.work_done = None;
        self.absence_reason = None;
        self.correction = None;
    }
}

/// A placement with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementView {
    /// Public id.
    pub id: Uuid,
    /// The person (a child's initials where the viewer may not see more).
    pub client: PersonRef,
    /// Whether the person is masked for the viewer.
    pub masked: bool,
    /// The site they work at now.
    pub site: PersonRef,
    /// The sentencing court.
    pub court: String,
    /// The decision's number (a court file number: masked with the person).
    pub decision_number: String,
    /// Hours ordered.
    pub hours: u16,
    /// First day.
    pub start_on: Date,
    /// Last day.
    pub deadline: Date,
    /// When they work.
    pub schedule: String,
    /// Active or completed.
    pub status: PlacementStatus,
    /// Minutes signed off.
    pub done_minutes: u32,
    /// Minutes recorded and waiting for the supervisor's sign-off.
    pub pending_minutes: u32,
    /// Minutes still to do (of the hours ordered, less those signed off).
    pub remaining_minutes: u32,
    /// The pace needed to finish in time, minutes a week.
    pub needed_per_week: Option<u32>,
    /// Where it stands.
    pub progress: Progress,
    /// Absences without an acceptable reason.
    pub unexcused_absences: u32,
    /// The ledger, newest first (on the supervisor's list: the last few and those waiting).
    pub sessions: Vec<SessionView>,
    /// Whether the viewer may record a session (the PK, or the site's supervisor).
    pub can_record: bool,
    /// Whether the viewer signs sessions off (the site's supervisor).
    pub can_sign_off: bool,
    /// Whether the viewer may move the placement to another site (the PK, the Kabapas).
    pub can_move: bool,
    /// Whether the actor may print its documents and close it (the PK, the Kabapas).
    pub can_document: bool,
}

impl PlacementView {
    /// Whether the prosecutor must hear of it: past the deadline with hours left, or absent
    /// without an acceptable reason (KUHP art. 85 leaves the consequence to the court).
    pub fn for_prosecutor(&self) -> bool {
        self.progress == Progress::Late || self.unexcused_absences > 0
    }

    /// Whether it can be closed now: active, every hour signed off.
    pub fn closable(&self) -> bool {
        self.status == PlacementStatus::Aktif && self.progress == Progress::Completed
    }
}

/// A placement's printable documents (the hours statement, the letter to the prosecutor):
/// the office's letterhead, the placement with its whole ledger (masked as the policy says,
/// like every placement view), and who signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementDocument {
    /// The office, at the top of the letter.
    pub office: Letterhead,
    /// The placement and its ledger.
    pub placement: PlacementView,
    /// The client's register number.
    pub register_number: String,
    /// The client's PK, who signs.
    pub officer: Option<String>,
    /// The day it is printed.
    pub today: Date,
}

impl Redact for PlacementView {
    fn redact(&mut self) {
        self.client.name = initials(&self.client.name);
        self.masked = true;
        self.decision_number = String::new();
        self.sessions.redact();
    }
}

/// What the site form offers: the office's partners, their agreements and their own users
/// (who may supervise a site), each keyed by the partner's public id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteChoices {
    /// Active partners of the office.
    pub partners: Vec<PersonRef>,
    /// Agreements (number and title) by partner.
    pub agreements: Vec<(Uuid, PersonRef)>,
    /// Partner users by partner.
    pub supervisors: Vec<(Uuid, PersonRef)>,
}

/// A work site's day for its supervisor: the people placed there and their recent sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteDay {
    /// The site.
    pub site: SiteView,
    /// The day (the office's today).
    pub today: Date,
    /// Whether the site takes people today.
    pub open_today: bool,
    /// The people placed there, who are expected (active placements), masked as the
    /// policy says.
    pub people: Vec<PlacementView>,
    /// Whether the supervisor's phone may keep the day for offline use.
    pub keep_offline: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::{Disclosure, disclose};
    use time::macros::date;

    #[test]
    fn a_masked_placement_keeps_the_hours_and_drops_who_and_what() {
        let session = SessionView {
            id: Uuid::nil(),
            held_on: date!(2026 - 03 - 02),
            site: "Kelurahan".into(),
            arrival: None,
            departure: None,
            break_minutes: 0,
            minutes: 240,
            work_done: Some("Menyapu halaman rumah keluarga".into()),
            ratings: None,
            absent: false,
            absence_reason: None,
            absence_accepted: None,
            by_officer: false,
            signed_off_by: None,
            signed_off_at: None,
            correction: None,
        };
        let p = PlacementView {
            id: Uuid::nil(),
            client: PersonRef { id: Uuid::nil(), name: "Rizky Pratama".into() },
            masked: false,
            site: PersonRef { id: Uuid::nil(), name: "Kelurahan".into() },
            court: "PN Jakarta Barat".into(),
            decision_number: "3/Pid.Sus-Anak/2026".into(),
            hours: 40,
            start_on: date!(2026 - 03 - 01),
            deadline: date!(2026 - 06 - 01),
            schedule: "Sabtu".into(),
            status: PlacementStatus::Aktif,
            done_minutes: 240,
            pending_minutes: 0,
            remaining_minutes: 2160,
            needed_per_week: Some(180),
            progress: Progress::OnTrack,
            unexcused_absences: 0,
            sessions: vec![session],
            can_record: false,
            can_sign_off: true,
            can_move: false,
            can_document: true,
        };
        let masked = disclose(p, Disclosure::Masked);
        assert_eq!(masked.client.name, "R.P.");
        assert!(masked.masked && masked.decision_number.is_empty());
        assert_eq!(masked.sessions[0].work_done, None);
        assert_eq!(masked.sessions[0].minutes, 240);
    }
}
