//! Which fields of each DTO are restricted: every `Redact` impl of the domain, in one file so
//! that a reader sees at once what a masked viewer never receives. A name becomes its
//! initials; identifying fields, free text written about the person and court file numbers
//! are blanked; dates, statuses, clocks and the case number stay.

use super::{Redact, initials};
use crate::abh::case::{AbhCaseRow, AbhCaseView, DeadlineRow};
use crate::abh::litmas::{LitmasContent, LitmasView};
use crate::abh::process::{DiversionView, EventView};
use crate::caseload::{
    ClientDetail, ClientSummary, PersonRef, ProgrammeStep, SimilarClients, TimelineEntry, TimelineEvent,
    TodayItem, TransferView,
};
use crate::client::ClientForm;
use crate::groups::WatchedClient;
use crate::referrals::ReferralView;
use crate::reintegration::catalogue::{ClientProgrammes, Participant};
use crate::reintegration::checklist::ClientNeeds;
use crate::reintegration::umkm::ClientBusinesses;

/// A reference to a client by name: the name becomes initials.
impl Redact for PersonRef {
    fn redact(&mut self) {
        self.name = initials(&self.name);
    }
}

impl Redact for ClientSummary {
    fn redact(&mut self) {
        self.full_name = initials(&self.full_name);
        self.nik = None;
        self.masked = true;
    }
}

impl Redact for ClientForm {
    fn redact(&mut self) {
        self.full_name = initials(&self.full_name);
        for field in [
            &mut self.nik,
            &mut self.aliases,
            &mut self.birth_place,
            &mut self.birth_date,
            &mut self.religion,
            &mut self.education,
            &mut self.occupation,
            &mut self.address,
            &mut self.region_code,
            &mut self.phone,
            &mut self.guarantor_name,
            &mut self.guarantor_relation,
            &mut self.guarantor_phone,
            &mut self.court,
            &mut self.decision_number,
            &mut self.offence_articles,
            &mut self.end_override_reason,
        ] {
            field.clear();
        }
    }
}

impl Redact for ClientDetail {
    fn redact(&mut self) {
        self.summary.redact();
        self.form.redact();
        self.region_names.clear();
        self.status_reason = None;
        self.pending_transfer.redact();
        // It follows the phone, which a masked view does not show.
        self.whatsapp_consent = None;
    }
}

impl Redact for TransferView {
    fn redact(&mut self) {
        self.client.redact();
        self.reason.clear();
    }
}

impl Redact for TimelineEntry {
    fn redact(&mut self) {
        match &mut self.event {
            TimelineEvent::Report { notes, position, .. } => {
                *notes = None;
                *position = None;
            }
            TimelineEvent::Guidance { topic, notes, .. } => {
                topic.clear();
                *notes = None;
            }
            TimelineEvent::Violation { description, .. } => description.clear(),
            TimelineEvent::Status { reason, .. } => *reason = None,
            TimelineEvent::Programme { step: ProgrammeStep::DroppedOut { reason }, .. } => *reason = None,
            TimelineEvent::Programme { .. } => {}
            TimelineEvent::Missed | TimelineEvent::Assessment { .. } | TimelineEvent::Started => {}
        }
    }
}

impl Redact for TodayItem {
    fn redact(&mut self) {
        self.client.redact();
    }
}

impl Redact for SimilarClients {
    fn redact(&mut self) {
        self.visible.redact();
    }
}

impl Redact for ReferralView {
    fn redact(&mut self) {
        self.client.redact();
        self.reason.clear();
        self.decline_reason = None;
        self.outcome = None;
    }
}

impl Redact for WatchedClient {
    fn redact(&mut self) {
        self.name = initials(&self.name);
        self.area = None;
        self.reason.clear();
    }
}

impl Redact for AbhCaseView {
    fn redact(&mut self) {
        self.child.redact();
        self.masked = true;
        self.identity = None;
        self.family = None;
        self.litmas.redact();
        self.diversions.redact();
        self.events.redact();
    }
}

impl Redact for AbhCaseRow {
    fn redact(&mut self) {
        self.child.redact();
    }
}

impl Redact for DeadlineRow {
    fn redact(&mut self) {
        self.child_label = initials(&self.child_label);
    }
}

impl Redact for LitmasView {
    fn redact(&mut self) {
        self.child_label = initials(&self.child_label);
        self.masked = true;
        self.letter_number = None;
        self.content = LitmasContent::default();
        self.review_note = None;
    }
}

impl Redact for DiversionView {
    fn redact(&mut self) {
        self.notes = None;
        if let Some((_, notes)) = &mut self.breach {
            notes.clear();
        }
        if let Some((_, notes)) = &mut self.breach_action {
            notes.clear();
        }
    }
}

impl Redact for EventView {
    fn redact(&mut self) {
        self.place = None;
        self.notes.clear();
        if let Some((_, name)) = &mut self.partner {
            // A partner named on a child's event (an LPKS, a school) can point to the child.
            name.clear();
        }
    }
}

/// The checklist's states and dates stay (the office counts them); the PK's notes go.
impl Redact for ClientNeeds {
    fn redact(&mut self) {
        for item in &mut self.checklist {
            item.note = None;
        }
    }
}

/// A participant on a programme's roll: the name becomes initials; the reason they dropped
/// out (written about the person) and where a resident works go; dates, attendance and
/// outcomes stay.
impl Redact for Participant {
    fn redact(&mut self) {
        self.client.name = initials(&self.client.name);
        self.masked = true;
        self.reason = None;
        self.work_unit = None;
    }
}

/// A client's programmes: the reasons for dropping out and the work units go.
impl Redact for ClientProgrammes {
    fn redact(&mut self) {
        for e in &mut self.enrolments {
            e.reason = None;
            e.work_unit = None;
        }
    }
}

/// A client's businesses: the name (often the owner's: "Warung Pak Budi"), the notes and what
/// the support was go; kinds, statuses, days and amounts stay.
impl Redact for ClientBusinesses {
    fn redact(&mut self) {
        for b in &mut self.businesses {
            b.name.clear();
            for step in &mut b.history {
                step.note = None;
            }
            for s in &mut b.supports {
                s.description = None;
            }
        }
    }
}
