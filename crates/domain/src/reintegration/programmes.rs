//! Reintegration programmes: a Bapas's catalogue (personality guidance, skills training,
//! UMKM, the Griya Abhipraya transit house, social activities), who a programme suits, its
//! capacity (places, or beds for a transit house, counted by date) and where a participant
//! stands (enrolled, completed, dropped out with a reason).

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use super::checklist::{NeedChange, NeedItem};
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::legal::LegalBasis;
use crate::office::parse_id;
use crate::reporting::RiskBand;
use crate::validate::{enum_set, optional_text, required_text, text_list};

text_enum! {
    /// What a programme is.
    ProgrammeKind {
        /// Bimbingan kepribadian: religion, awareness of the law, personality.
        Kepribadian => "kepribadian",
        /// Bimbingan kemandirian: skills training.
        Kemandirian => "kemandirian",
        /// Small-business support (UMKM).
        Umkm => "umkm",
        /// Griya Abhipraya, the transit house: a programme with beds.
        GriyaAbhipraya => "griya_abhipraya",
        /// A social activity (Klien Bapas Peduli and the like).
        KegiatanSosial => "kegiatan_sosial",
    }
}

impl ProgrammeKind {
    /// Whether places are beds, occupied from check-in to check-out.
    pub fn has_beds(self) -> bool {
        self == ProgrammeKind::GriyaAbhipraya
    }
}

text_enum! {
    /// Where a participant stands.
    EnrolmentStatus {
        /// Taking part.
        Aktif => "aktif",
        /// Completed the programme.
        Selesai => "selesai",
        /// Dropped out, with a reason.
        Keluar => "keluar",
    }
}

impl EnrolmentStatus {
    /// An enrolment ends once, completed or dropped; an ended one does not reopen (the PK
    /// enrols the client again).
    pub fn can_become(self, next: EnrolmentStatus) -> bool {
        self == EnrolmentStatus::Aktif && next != EnrolmentStatus::Aktif
    }

    /// What the change does to the checklist items the programme serves.
    pub fn need_change(self, others_open: bool) -> NeedChange {
        match self {
            EnrolmentStatus::Aktif => NeedChange::ServiceStarted,
            EnrolmentStatus::Selesai => NeedChange::ServiceDone,
            EnrolmentStatus::Keluar => NeedChange::ServiceEnded { others_open },
        }
    }
}

/// Who a programme suits; an empty list or no bound means anyone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suits {
    /// Risk bands.
    pub bands: Vec<RiskBand>,
    /// Legal bases.
    pub bases: Vec<LegalBasis>,
    /// "L" or "P"; `None` for both.
    pub sex: Option<String>,
    /// Youngest age.
    pub min_age: Option<u8>,
    /// Oldest age.
    pub max_age: Option<u8>,
}

/// What eligibility looks at in a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Current band (none: not assessed).
    pub band: Option<RiskBand>,
    /// Legal basis.
    pub basis: LegalBasis,
    /// "L" or "P".
    pub sex: String,
    /// Age in whole years on the day of enrolment.
    pub age: u32,
}

/// Why a client does not suit a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unsuitable {
    /// Their risk band (or no assessment where bands are set).
    Band,
    /// Their legal basis.
    Basis,
    /// Their sex.
    Sex,
    /// Their age.
    Age,
}

impl Suits {
    /// Whether `c` suits the programme, or the first reason they do not.
    pub fn check(&self, c: &Candidate) -> Result<(), Unsuitable> {
        if !self.bands.is_empty() && !c.band.is_some_and(|b| self.bands.contains(&b)) {
            return Err(Unsuitable::Band);
        }
        if !self.bases.is_empty() && !self.bases.contains(&c.basis) {
            return Err(Unsuitable::Basis);
        }
        if self.sex.as_deref().is_some_and(|s| s != c.sex) {
            return Err(Unsuitable::Sex);
        }
        let too_young = self.min_age.is_some_and(|min| c.age < u32::from(min));
        let too_old = self.max_age.is_some_and(|max| c.age > u32::from(max));
        if too_young || too_old {
            return Err(Unsuitable::Age);
        }
        Ok(())
    }
}

/// Whether one more participant fits: `taken` places (active enrolments, or beds occupied on
/// the day) of `capacity`.
pub fn has_room(capacity: u16, taken: u32) -> bool {
    taken < u32::from(capacity)
}

/// A resident's stay in a transit house: from check-in, until check-out (the morning they
/// leave, so the bed is free that night).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stay {
    /// Check-in day.
    pub check_in: Date,
    /// Check-out day, when known.
    pub check_out: Option<Date>,
}

impl Stay {
    /// Whether the resident sleeps there the night of `day`.
    pub fn occupies(&self, day: Date) -> bool {
        self.check_in <= day && self.check_out.is_none_or(|out| day < out)
    }
}

/// Beds occupied the night of `day`.
pub fn occupancy(stays: &[Stay], day: Date) -> u32 {
    u32::try_from(stays.iter().filter(|s| s.occupies(day)).count()).unwrap_or(u32::MAX)
}

/// Whether a new stay fits every night it spans: each night's occupancy below the beds.
/// Checked night by night from check-in up to the last day any stay begins or ends (after
/// it, no night holds more than that one).
pub fn stay_fits(beds: u16, stays: &[Stay], new: Stay) -> bool {
    let last = stays
        .iter()
        .chain([&new])
        .flat_map(|s| [Some(s.check_in), s.check_out])
        .flatten()
        .max()
        .unwrap_or(new.check_in);
    let mut day = new.check_in;
    loop {
        if new.occupies(day) && !has_room(beds, occupancy(stays, day)) {
            return false;
        }
        match day.next_day() {
            Some(next) if next <= last => day = next,
            _ => return true,
        }
    }
}

/// Longest name, place or schedule text.
pub const TEXT_MAX: u16 = 200;
/// Most places a programme may offer.
pub const CAPACITY_MAX: u16 = 500;
/// Most work units a transit house lists.
pub const WORK_UNITS_MAX: u16 = 12;
/// Longest work unit's name.
pub const WORK_UNIT_MAX: u16 = 60;

/// A programme as the Kabapas types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct ProgrammeForm {
    /// The partner institution that runs it with the office (empty: the office alone).
    pub partner_id: String,
    /// The PKS it runs under (one of the partner's).
    pub agreement_id: String,
    /// Name.
    pub name: String,
    /// [`ProgrammeKind`]'s text.
    pub kind: String,
    /// Place.
    pub place: String,
    /// When it meets ("Selasa dan Kamis 09.00–12.00").
    pub schedule: String,
    /// First day.
    pub starts_on: String,
    /// Last day (optional: an ongoing programme).
    pub ends_on: String,
    /// Places (beds for a transit house).
    pub capacity: String,
    /// Bands it suits (empty: any).
    pub bands: Vec<String>,
    /// Legal bases it suits (empty: any).
    pub bases: Vec<String>,
    /// "L", "P" or empty for both.
    pub sex: String,
    /// Youngest age (optional).
    pub min_age: String,
    /// Oldest age (optional).
    pub max_age: String,
    /// Checklist items it serves.
    pub needs: Vec<String>,
    /// The work units of a transit house (farm, laundry, workshop…), one per line.
    pub work_units: String,
}

/// A checked programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeDraft {
    /// The partner.
    pub partner_id: Option<Uuid>,
    /// Its agreement.
    pub agreement_id: Option<Uuid>,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: ProgrammeKind,
    /// Place.
    pub place: String,
    /// Schedule.
    pub schedule: Option<String>,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Option<Date>,
    /// Places or beds.
    pub capacity: u16,
    /// Who it suits.
    pub suits: Suits,
    /// Items it serves.
    pub needs: Vec<NeedItem>,
    /// Work units (transit house).
    pub work_units: Vec<String>,
}

fn age_field(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<u8> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<u8>() {
        Ok(age) if (12..=100).contains(&age) => Some(age),
        _ => {
            errors.add(field, Problem::BadFormat);
            None
        }
    }
}

impl ProgrammeForm {
    /// Checks the programme: a name, a kind, a place, a start (and an end not before it),
    /// 1–500 places, known bands, bases, sex and needs, and an age range the right way round.
    pub fn parse(&self) -> Result<ProgrammeDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let partner_id = if self.partner_id.trim().is_empty() {
            None
        } else {
            parse_id(&mut errors, "partner_id", &self.partner_id)
        };
        let agreement_id = if self.agreement_id.trim().is_empty() {
            None
        } else {
            parse_id(&mut errors, "agreement_id", &self.agreement_id)
        };
        if agreement_id.is_some() && partner_id.is_none() && errors.get("partner_id").is_none() {
            // An agreement is signed with a partner: without one it has nothing to stand on.
            errors.add("partner_id", Problem::Required);
        }
        let name = required_text(&mut errors, "name", &self.name, TEXT_MAX);
        let kind = ProgrammeKind::parse(&self.kind);
        if kind.is_none() {
            errors.add(
                "kind",
                if self.kind.trim().is_empty() { Problem::Required } else { Problem::NotAllowed },
            );
        }
        let place = required_text(&mut errors, "place", &self.place, TEXT_MAX);
        let schedule = optional_text(&mut errors, "schedule", &self.schedule, TEXT_MAX);
        let starts_on = date_field(&mut errors, "starts_on", &self.starts_on, true);
        let ends_on = date_field(&mut errors, "ends_on", &self.ends_on, false);
        if let (Some(start), Some(end)) = (starts_on, ends_on)
            && end < start
        {
            errors.add("ends_on", Problem::BeforeStart);
        }
        let capacity = match self.capacity.trim().parse::<u16>() {
            Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Some(n),
            _ if self.capacity.trim().is_empty() => {
                errors.add("capacity", Problem::Required);
                None
            }
            _ => {
                errors.add("capacity", Problem::BadFormat);
                None
            }
        };
        let bands = enum_set(&mut errors, "bands", &self.bands, RiskBand::parse);
        let bases = enum_set(&mut errors, "bases", &self.bases, LegalBasis::parse);
        let needs = enum_set(&mut errors, "needs", &self.needs, NeedItem::parse);
        let sex = match self.sex.trim() {
            "" => None,
            s @ ("L" | "P") => Some(s.to_owned()),
            _ => {
                errors.add("sex", Problem::NotAllowed);
                None
            }
        };
        let min_age = age_field(&mut errors, "min_age", &self.min_age);
        let max_age = age_field(&mut errors, "max_age", &self.max_age);
        if let (Some(min), Some(max)) = (min_age, max_age)
            && max < min
        {
            errors.add("max_age", Problem::BeforeStart);
        }
        let mut work_units =
            text_list(&mut errors, "work_units", self.work_units.lines(), WORK_UNITS_MAX, WORK_UNIT_MAX);
        if kind.is_some_and(|k| !k.has_beds()) {
            // Only a transit house has work units; a list left from switching kinds is dropped.
            work_units.clear();
        }
        match (kind, starts_on, capacity) {
            (Some(kind), Some(starts_on), Some(capacity)) if errors.is_empty() => Ok(ProgrammeDraft {
                partner_id,
                agreement_id,
                name,
                kind,
                place,
                schedule,
                starts_on,
                ends_on,
                capacity,
                suits: Suits { bands, bases, sex, min_age, max_age },
                needs,
                work_units,
            }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn candidate() -> Candidate {
        Candidate { band: Some(RiskBand::Sedang), basis: LegalBasis::Pb, sex: "L".into(), age: 30 }
    }

    #[test]
    fn anyone_suits_a_programme_without_conditions() {
        assert_eq!(Suits::default().check(&candidate()), Ok(()));
        let unassessed = Candidate { band: None, ..candidate() };
        assert_eq!(Suits::default().check(&unassessed), Ok(()));
    }

    #[test]
    fn each_condition_refuses_with_its_reason() {
        let suits = Suits {
            bands: vec![RiskBand::Rendah, RiskBand::Sedang],
            bases: vec![LegalBasis::Pb, LegalBasis::Cb],
            sex: Some("L".into()),
            min_age: Some(18),
            max_age: Some(30),
        };
        assert_eq!(suits.check(&candidate()), Ok(()), "30 is within 18–30");
        let c = candidate();
        assert_eq!(
            suits.check(&Candidate { band: Some(RiskBand::Tinggi), ..c.clone() }),
            Err(Unsuitable::Band)
        );
        assert_eq!(
            suits.check(&Candidate { band: None, ..c.clone() }),
            Err(Unsuitable::Band),
            "not assessed"
        );
        assert_eq!(
            suits.check(&Candidate { basis: LegalBasis::Asimilasi, ..c.clone() }),
            Err(Unsuitable::Basis)
        );
        assert_eq!(suits.check(&Candidate { sex: "P".into(), ..c.clone() }), Err(Unsuitable::Sex));
        assert_eq!(suits.check(&Candidate { age: 31, ..c.clone() }), Err(Unsuitable::Age));
        assert_eq!(suits.check(&Candidate { age: 17, ..c.clone() }), Err(Unsuitable::Age));
        assert_eq!(suits.check(&Candidate { age: 18, ..c }), Ok(()));
    }

    #[test]
    fn capacity_counts_to_the_last_place() {
        assert!(has_room(20, 19));
        assert!(!has_room(20, 20));
        assert!(!has_room(0, 0));
    }

    #[test]
    fn a_bed_is_occupied_from_check_in_until_the_morning_of_check_out() {
        let stay = Stay { check_in: date!(2026 - 12 - 01), check_out: Some(date!(2026 - 12 - 05)) };
        assert!(!stay.occupies(date!(2026 - 11 - 30)));
        assert!(stay.occupies(date!(2026 - 12 - 01)));
        assert!(stay.occupies(date!(2026 - 12 - 04)));
        assert!(!stay.occupies(date!(2026 - 12 - 05)), "free the night of check-out");
        let open = Stay { check_in: date!(2026 - 12 - 01), check_out: None };
        assert!(open.occupies(date!(2027 - 06 - 01)));
        let stays = [stay, open];
        assert_eq!(occupancy(&stays, date!(2026 - 12 - 04)), 2);
        assert_eq!(occupancy(&stays, date!(2026 - 12 - 05)), 1);
    }

    #[test]
    fn a_stay_fits_only_if_every_night_has_a_bed() {
        let booked = [
            Stay { check_in: date!(2026 - 12 - 01), check_out: Some(date!(2026 - 12 - 10)) },
            Stay { check_in: date!(2026 - 12 - 08), check_out: Some(date!(2026 - 12 - 20)) },
        ];
        let before = Stay { check_in: date!(2026 - 12 - 02), check_out: Some(date!(2026 - 12 - 08)) };
        assert!(stay_fits(2, &booked, before), "leaves the morning the second arrives");
        let overlapping = Stay { check_in: date!(2026 - 12 - 02), check_out: Some(date!(2026 - 12 - 09)) };
        assert!(!stay_fits(2, &booked, overlapping), "the night of the 8th has three");
        let open = Stay { check_in: date!(2026 - 12 - 15), check_out: None };
        assert!(stay_fits(2, &booked, open));
        assert!(!stay_fits(1, &booked, open));
        assert!(stay_fits(1, &booked, Stay { check_in: date!(2026 - 12 - 20), check_out: None }));
        let later = [Stay { check_in: date!(2027 - 01 - 10), check_out: None }];
        let now_open = Stay { check_in: date!(2027 - 01 - 01), check_out: None };
        assert!(!stay_fits(1, &later, now_open), "a bed booked from the 10th is taken then");
        assert!(stay_fits(1, &later, Stay { check_out: Some(date!(2027 - 01 - 10)), ..now_open }));
    }

    #[test]
    fn an_enrolment_ends_once_and_moves_the_checklist() {
        use EnrolmentStatus::*;
        assert!(Aktif.can_become(Selesai) && Aktif.can_become(Keluar));
        assert!(!Selesai.can_become(Aktif) && !Keluar.can_become(Selesai) && !Aktif.can_become(Aktif));
        assert_eq!(Aktif.need_change(false), NeedChange::ServiceStarted);
        assert_eq!(Selesai.need_change(false), NeedChange::ServiceDone);
        assert_eq!(Keluar.need_change(true), NeedChange::ServiceEnded { others_open: true });
    }

    #[test]
    fn the_programme_form_is_checked_field_by_field() {
        let form = ProgrammeForm {
            name: "Pelatihan las dasar".into(),
            kind: "kemandirian".into(),
            place: "BLK Jambi".into(),
            starts_on: "2026-12-07".into(),
            ends_on: "2027-02-26".into(),
            capacity: "20".into(),
            bands: vec!["rendah".into(), "sedang".into()],
            sex: "L".into(),
            min_age: "18".into(),
            needs: vec!["pekerjaan".into()],
            ..ProgrammeForm::default()
        };
        let draft = form.parse().unwrap();
        assert_eq!(
            (draft.kind, draft.capacity, draft.needs.as_slice()),
            (ProgrammeKind::Kemandirian, 20, &[NeedItem::Work][..])
        );
        assert_eq!(draft.suits.bands, [RiskBand::Rendah, RiskBand::Sedang]);
        let bad = ProgrammeForm {
            kind: "arisan".into(),
            ends_on: "2026-12-01".into(),
            capacity: "501".into(),
            sex: "X".into(),
            min_age: "40".into(),
            max_age: "30".into(),
            needs: vec!["modal".into()],
            ..form
        };
        let errors = bad.parse().err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("kind"), Some(Problem::NotAllowed));
        assert_eq!(errors.get("ends_on"), Some(Problem::BeforeStart));
        assert_eq!(errors.get("capacity"), Some(Problem::BadFormat));
        assert_eq!(errors.get("sex"), Some(Problem::NotAllowed));
        assert_eq!(errors.get("max_age"), Some(Problem::BeforeStart));
        assert_eq!(errors.get("needs"), Some(Problem::BadFormat));
        let empty = ProgrammeForm::default()
            .parse()
            .err()
            .and_then(|e| e.field_errors().cloned())
            .unwrap_or_default();
        for field in ["name", "kind", "place", "starts_on", "capacity"] {
            assert_eq!(empty.get(field), Some(Problem::Required), "{field}");
        }
    }
}
