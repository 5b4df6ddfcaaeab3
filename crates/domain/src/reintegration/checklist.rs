//! The reintegration checklist a PK keeps on the client's page: seven items, each *needed*,
//! *in progress* or *met*, with what moved it there. Referrals (and, later, programme
//! enrolments) move an item on by themselves, so the PK types only what no record says.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::needs::{NeedDomain, NeedLevel};
use crate::validate::optional_text;

text_enum! {
    /// One item of the checklist.
    #[derive(PartialOrd, Ord)]
    NeedItem {
        /// Identity card (KTP/NIK at Dukcapil).
        Ktp => "ktp",
        /// Health insurance (BPJS Kesehatan).
        Bpjs => "bpjs",
        /// A place to live.
        Housing => "tempat_tinggal",
        /// Work or an income.
        Work => "pekerjaan",
        /// Family support.
        Family => "keluarga",
        /// Addiction treatment.
        Addiction => "rehabilitasi",
        /// Education (school, Paket A/B/C).
        Education => "pendidikan",
    }
}

text_enum! {
    /// Where an item stands.
    NeedState {
        /// The client lacks it and nothing serves it yet.
        Needed => "dibutuhkan",
        /// A partner or programme is working on it.
        InProgress => "diproses",
        /// The client has it.
        Met => "terpenuhi",
    }
}

impl NeedItem {
    /// The item a partner service serves, by the service's code in the default catalogue
    /// ([`crate::partners::default_services`]); a service the admin added serves none until
    /// it is mapped here.
    pub fn served_by(service: &str) -> Option<NeedItem> {
        match service {
            "dokumen" => Some(NeedItem::Ktp),
            "bpjs" => Some(NeedItem::Bpjs),
            "tempat_tinggal" => Some(NeedItem::Housing),
            "pelatihan" | "pekerjaan" | "modal" => Some(NeedItem::Work),
            "psikososial" => Some(NeedItem::Family),
            "rehabilitasi" => Some(NeedItem::Addiction),
            _ => None,
        }
    }
}

/// What happens to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedChange {
    /// The PK marks the item.
    Marked(NeedState),
    /// A referral or enrolment that serves the item starts.
    ServiceStarted,
    /// It ends with the need met (a referral completed, a programme finished).
    ServiceDone,
    /// It ends without (declined, dropped out); `others_open` when another referral or
    /// enrolment still serves the item.
    ServiceEnded {
        /// Another service still works on the item.
        others_open: bool,
    },
}

/// The state an item moves to from `current` (`None`: never marked), or `None` when the
/// change leaves it where it is.
///
/// The PK's word stands over the records: a service starting does not reopen a need the PK
/// marked met, and one ending without success puts the item back to *needed* only when
/// nothing else is working on it.
pub fn next_state(current: Option<NeedState>, change: NeedChange) -> Option<NeedState> {
    let next = match (current, change) {
        (_, NeedChange::Marked(state)) => state,
        (Some(NeedState::Met), NeedChange::ServiceStarted | NeedChange::ServiceDone) => return None,
        (_, NeedChange::ServiceStarted) => NeedState::InProgress,
        (_, NeedChange::ServiceDone) => NeedState::Met,
        (Some(NeedState::InProgress), NeedChange::ServiceEnded { others_open: false }) => NeedState::Needed,
        (_, NeedChange::ServiceEnded { .. }) => return None,
    };
    (current != Some(next)).then_some(next)
}

/// The checklist as the PK posts it: one field per item (its [`NeedItem::as_str`] is the
/// field's name), each a [`NeedState`]'s text or empty for "leave as it is", and a note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct ChecklistForm {
    /// Identity card.
    pub ktp: String,
    /// Health insurance.
    pub bpjs: String,
    /// Housing.
    pub tempat_tinggal: String,
    /// Work or income.
    pub pekerjaan: String,
    /// Family support.
    pub keluarga: String,
    /// Addiction treatment.
    pub rehabilitasi: String,
    /// Education.
    pub pendidikan: String,
    /// Why, or what was agreed (optional).
    pub note: String,
}

/// Longest note.
pub const NOTE_MAX: u16 = 500;

/// A checked checklist: the items marked, in item order, and the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistDraft {
    /// Items and their new states (items left empty are absent).
    pub marks: Vec<(NeedItem, NeedState)>,
    /// The note.
    pub note: Option<String>,
}

impl ChecklistForm {
    /// The posted text for `item`.
    pub fn get(&self, item: NeedItem) -> &str {
        match item {
            NeedItem::Ktp => &self.ktp,
            NeedItem::Bpjs => &self.bpjs,
            NeedItem::Housing => &self.tempat_tinggal,
            NeedItem::Work => &self.pekerjaan,
            NeedItem::Family => &self.keluarga,
            NeedItem::Addiction => &self.rehabilitasi,
            NeedItem::Education => &self.pendidikan,
        }
    }

    /// Sets the text for `item` (the page fills the form with the current states).
    pub fn set(&mut self, item: NeedItem, value: String) {
        let field = match item {
            NeedItem::Ktp => &mut self.ktp,
            NeedItem::Bpjs => &mut self.bpjs,
            NeedItem::Housing => &mut self.tempat_tinggal,
            NeedItem::Work => &mut self.pekerjaan,
            NeedItem::Family => &mut self.keluarga,
            NeedItem::Addiction => &mut self.rehabilitasi,
            NeedItem::Education => &mut self.pendidikan,
        };
        *field = value;
    }

    /// Checks each item's state and the note's length.
    pub fn parse(&self) -> Result<ChecklistDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let mut marks = Vec::new();
        for &item in NeedItem::ALL {
            let raw = self.get(item).trim();
            if raw.is_empty() {
                continue;
            }
            match NeedState::parse(raw) {
                Some(state) => marks.push((item, state)),
                None => errors.add(item.as_str(), Problem::NotAllowed),
            }
        }
        let note = optional_text(&mut errors, "note", &self.note, NOTE_MAX);
        if errors.is_empty() { Ok(ChecklistDraft { marks, note }) } else { Err(ErrorKind::Invalid(errors)) }
    }
}

/// One item as the client's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// The item.
    pub item: NeedItem,
    /// Where it stands (`None`: never marked).
    pub state: Option<NeedState>,
    /// Who works on it or met it (the partner of the referral), when a record moved it.
    pub by: Option<String>,
    /// The day it last changed.
    pub since: Option<Date>,
    /// The note of the last change.
    pub note: Option<String>,
}

/// The client's needs: the checklist and the criminogenic needs of the latest assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientNeeds {
    /// Every item, in item order.
    pub checklist: Vec<ChecklistItem>,
    /// The latest RRI assessment's need level per domain (empty when never assessed).
    pub criminogenic: Vec<(NeedDomain, NeedLevel)>,
    /// The day of that assessment.
    pub assessed_on: Option<Date>,
    /// Whether the viewer may mark items (the client's PK, the Kabapas).
    pub can_edit: bool,
}

impl ClientNeeds {
    /// The items still needed.
    pub fn open(&self) -> usize {
        self.checklist.iter().filter(|i| i.state == Some(NeedState::Needed)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use NeedChange::*;
    use NeedState::*;

    #[test]
    fn the_pk_marks_any_state_but_a_repeat_is_no_change() {
        assert_eq!(next_state(None, Marked(Needed)), Some(Needed));
        assert_eq!(next_state(Some(Met), Marked(Needed)), Some(Needed), "a lost KTP is needed again");
        assert_eq!(next_state(Some(InProgress), Marked(Met)), Some(Met));
        assert_eq!(next_state(Some(Needed), Marked(Needed)), None);
    }

    #[test]
    fn a_service_moves_a_need_to_in_progress_then_met() {
        assert_eq!(next_state(None, ServiceStarted), Some(InProgress), "a referral says it is needed");
        assert_eq!(next_state(Some(Needed), ServiceStarted), Some(InProgress));
        assert_eq!(next_state(Some(InProgress), ServiceStarted), None, "a second referral");
        assert_eq!(next_state(Some(InProgress), ServiceDone), Some(Met));
        assert_eq!(next_state(Some(Needed), ServiceDone), Some(Met));
    }

    #[test]
    fn a_met_need_is_not_reopened_by_a_record() {
        assert_eq!(next_state(Some(Met), ServiceStarted), None);
        assert_eq!(next_state(Some(Met), ServiceDone), None);
        assert_eq!(next_state(Some(Met), ServiceEnded { others_open: false }), None);
    }

    #[test]
    fn a_failed_service_reopens_the_need_unless_another_works_on_it() {
        assert_eq!(next_state(Some(InProgress), ServiceEnded { others_open: false }), Some(Needed));
        assert_eq!(next_state(Some(InProgress), ServiceEnded { others_open: true }), None);
        assert_eq!(next_state(Some(Needed), ServiceEnded { others_open: false }), None);
        assert_eq!(next_state(None, ServiceEnded { others_open: false }), None);
    }

    #[test]
    fn services_of_the_default_catalogue_serve_items() {
        for choice in crate::partners::default_services() {
            let item = NeedItem::served_by(&choice.code);
            let expected = !matches!(choice.code.as_str(), "agama" | "hukum");
            assert_eq!(item.is_some(), expected, "{}", choice.code);
        }
        assert_eq!(NeedItem::served_by("dokumen"), Some(NeedItem::Ktp));
        assert_eq!(NeedItem::served_by("kredit"), None);
    }

    #[test]
    fn the_form_reads_each_item_by_its_name() {
        let mut form = ChecklistForm::default();
        for &item in NeedItem::ALL {
            form.set(item, NeedState::Met.as_str().into());
            assert_eq!(form.get(item), "terpenuhi");
        }
        assert_eq!(form.parse().map(|d| d.marks.len()), Ok(NeedItem::ALL.len()));
    }

    #[test]
    fn empty_items_are_left_alone_and_unknown_states_refused() {
        let form = ChecklistForm { ktp: "dibutuhkan".into(), bpjs: " ".into(), ..Default::default() };
        assert_eq!(form.parse(), Ok(ChecklistDraft { marks: vec![(NeedItem::Ktp, Needed)], note: None }));
        let bad = ChecklistForm { pekerjaan: "selesai".into(), note: "x".repeat(501), ..Default::default() };
        let errors = bad.parse().err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("pekerjaan"), Some(Problem::NotAllowed));
        assert_eq!(errors.get("note"), Some(Problem::TooLong { max: NOTE_MAX }));
    }
}
