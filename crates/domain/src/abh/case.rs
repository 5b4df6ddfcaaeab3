//! A child's case (perkara ABH): the facts the registration form takes, and how the case is
//! shown, with its route, diversion and detention rules worked out.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::clock::{Clock, Stage};
use super::litmas::LitmasView;
use super::process::{DiversionView, EventView};
use super::rules::{AgeRoute, age_on, age_route, detention_allowed, diversion_mandatory};
use crate::caseload::{ClientSummary, PersonRef};
use crate::client::date_field;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::Zone;
use crate::validate::{optional_phone, optional_text, required_text};

/// Longest penalty the form accepts, in months (life and death sentences are not
/// passed on children; 20 years is the adult maximum for a fixed term).
pub const MAX_PENALTY_MONTHS: u32 = 20 * 12;

/// The case part of the registration form (the child's identity is a
/// [`crate::client::ClientForm`] beside it). Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct AbhCaseForm {
    /// Father's name.
    pub father_name: String,
    /// Mother's name.
    pub mother_name: String,
    /// Guardian (wali), when the parents do not care for the child.
    pub guardian_name: String,
    /// Guardian's relation.
    pub guardian_relation: String,
    /// Parents' or guardian's phone.
    pub parents_phone: String,
    /// Date of the offence.
    pub offence_date: String,
    /// The offence, briefly.
    pub offence: String,
    /// Maximum penalty: years.
    pub penalty_years: String,
    /// Maximum penalty: further months.
    pub penalty_months: String,
    /// A repeat offence.
    pub repeat_offence: bool,
    /// The victim is a child.
    pub victim_is_child: bool,
    /// A witness is a child.
    pub witness_is_child: bool,
    /// The investigator's name.
    pub investigator: String,
    /// The police unit (Polsek/Polres).
    pub police_unit: String,
    /// When the investigation started (the first stage's trigger).
    pub investigation_start: String,
    /// Whether the child is detained.
    pub detained: bool,
    /// Since when.
    pub detained_since: String,
}

/// A checked case form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbhCaseDraft {
    /// Father.
    pub father_name: Option<String>,
    /// Mother.
    pub mother_name: Option<String>,
    /// Guardian.
    pub guardian_name: Option<String>,
    /// Guardian's relation.
    pub guardian_relation: Option<String>,
    /// Phone of the parents or guardian.
    pub parents_phone: Option<String>,
    /// Offence date.
    pub offence_date: Date,
    /// Offence.
    pub offence: String,
    /// Maximum penalty in months.
    pub max_penalty_months: u32,
    /// Repeat offence.
    pub repeat_offence: bool,
    /// Child victim.
    pub victim_is_child: bool,
    /// Child witness.
    pub witness_is_child: bool,
    /// Investigator.
    pub investigator: Option<String>,
    /// Police unit.
    pub police_unit: Option<String>,
    /// Start of the investigation.
    pub investigation_start: Date,
    /// Detained since, if detained.
    pub detained_since: Option<Date>,
    /// The route the age gives (never adult: the form refuses that).
    pub route: AgeRoute,
}

fn small_number(errors: &mut FieldErrors, field: &str, raw: &str, max: u32) -> u32 {
    if raw.trim().is_empty() {
        return 0;
    }
    match raw.trim().parse::<u32>() {
        Ok(n) if n <= max => n,
        _ => {
            errors.add(field, Problem::BadFormat);
            0
        }
    }
}

impl AbhCaseForm {
    /// Checks the case against the child's date of birth (`None` when the identity part
    /// already failed on it). Refuses someone 18 or older on the day of the offence.
    pub fn parse(&self, birth_date: Option<Date>, today: Date) -> Result<AbhCaseDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let father_name = optional_text(&mut errors, "father_name", &self.father_name, 120);
        let mother_name = optional_text(&mut errors, "mother_name", &self.mother_name, 120);
        let guardian_name = optional_text(&mut errors, "guardian_name", &self.guardian_name, 120);
        let guardian_relation = optional_text(&mut errors, "guardian_relation", &self.guardian_relation, 60);
        if father_name.is_none() && mother_name.is_none() && guardian_name.is_none() {
            errors.add("mother_name", Problem::ParentOrGuardian);
        }
        let parents_phone = optional_phone(&mut errors, "parents_phone", &self.parents_phone);
        let offence_date = date_field(&mut errors, "offence_date", &self.offence_date, true);
        if offence_date.is_some_and(|d| d > today) {
            errors.add("offence_date", Problem::FutureDate);
        }
        let offence = required_text(&mut errors, "offence", &self.offence, 300);
        let years = small_number(&mut errors, "penalty_years", &self.penalty_years, 20);
        let months = small_number(&mut errors, "penalty_months", &self.penalty_months, 11);
        let max_penalty_months = years * 12 + months;
        if max_penalty_months == 0 && errors.get("penalty_years").is_none() {
            errors.add("penalty_years", Problem::Required);
        } else if max_penalty_months > MAX_PENALTY_MONTHS {
            errors.add("penalty_years", Problem::BadFormat);
        }
        let investigator = optional_text(&mut errors, "investigator", &self.investigator, 120);
        let police_unit = optional_text(&mut errors, "police_unit", &self.police_unit, 120);
        let investigation_start =
            date_field(&mut errors, "investigation_start", &self.investigation_start, true);
        if investigation_start.is_some_and(|d| d > today) {
            errors.add("investigation_start", Problem::FutureDate);
        }
        if let (Some(start), Some(offence)) = (investigation_start, offence_date)
            && start < offence
        {
            errors.add("investigation_start", Problem::BeforeStart);
        }
        let detained_since = if self.detained {
            let since = date_field(&mut errors, "detained_since", &self.detained_since, true);
            if since.is_some_and(|d| d > today) {
                errors.add("detained_since", Problem::FutureDate);
            }
            since
        } else {
            None
        };
        let route = match (birth_date, offence_date) {
            (Some(birth), Some(offence)) => match age_route(birth, offence) {
                Some(AgeRoute::Adult) => {
                    errors.add("offence_date", Problem::AdultAtOffence);
                    None
                }
                Some(route) => Some(route),
                None => {
                    errors.add("offence_date", Problem::BeforeStart);
                    None
                }
            },
            _ => None,
        };
        match (offence_date, investigation_start, route) {
            (Some(offence_date), Some(investigation_start), Some(route)) if errors.is_empty() => {
                Ok(AbhCaseDraft {
                    father_name,
                    mother_name,
                    guardian_name,
                    guardian_relation,
                    parents_phone,
                    offence_date,
                    offence,
                    max_penalty_months,
                    repeat_offence: self.repeat_offence,
                    victim_is_child: self.victim_is_child,
                    witness_is_child: self.witness_is_child,
                    investigator,
                    police_unit,
                    investigation_start,
                    detained_since,
                    route,
                })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// What the rules say about a case, shown beside the form as the officer types and on the
/// case page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRules {
    /// Age on the day of the offence.
    pub age_at_offence: u32,
    /// The route that age gives.
    pub route: AgeRoute,
    /// Whether diversion must be sought at every stage.
    pub diversion_mandatory: bool,
    /// Whether a recorded detention is one the law does not allow.
    pub detention_unlawful: bool,
}

/// Works out the rules for a case; `None` when the offence date precedes the birth.
pub fn case_rules(
    birth: Date,
    offence: Date,
    max_penalty_months: u32,
    repeat: bool,
    detained_since: Option<Date>,
) -> Option<CaseRules> {
    let age_at_offence = age_on(birth, offence)?;
    let route = age_route(birth, offence)?;
    let detention_unlawful = detained_since.is_some_and(|since| {
        let age = age_on(birth, since).unwrap_or(0);
        !detention_allowed(age, max_penalty_months)
    });
    Some(CaseRules {
        age_at_offence,
        route,
        diversion_mandatory: diversion_mandatory(max_penalty_months, repeat),
        detention_unlawful,
    })
}

/// The child's restricted identity beyond the client record: parents and guardian. Present
/// only for those with need to know (or who broke the glass).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildFamily {
    /// Father.
    pub father_name: Option<String>,
    /// Mother.
    pub mother_name: Option<String>,
    /// Guardian and relation.
    pub guardian: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// A child's case page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbhCaseView {
    /// The child as a client row: initials instead of the name when masked.
    pub child: ClientSummary,
    /// Whether the identity is masked for this viewer.
    pub masked: bool,
    /// Whether a masked viewer may break the glass (give a reason and see it).
    pub can_break_glass: bool,
    /// The child's address, date of birth and sex (when not masked).
    pub identity: Option<ChildIdentity>,
    /// Parents and guardian (when not masked).
    pub family: Option<ChildFamily>,
    /// The office's zone, in which every time is shown.
    pub zone: Zone,
    /// Offence date.
    pub offence_date: Date,
    /// Offence.
    pub offence: String,
    /// Maximum penalty, months.
    pub max_penalty_months: u32,
    /// Repeat offence.
    pub repeat_offence: bool,
    /// Child victim.
    pub victim_is_child: bool,
    /// Child witness.
    pub witness_is_child: bool,
    /// Investigator.
    pub investigator: Option<String>,
    /// Police unit.
    pub police_unit: Option<String>,
    /// The stage the case is at.
    pub stage: Stage,
    /// Trigger dates per stage (investigation start, file received, judge appointed).
    pub stage_dates: Vec<(Stage, Date)>,
    /// Detained since.
    pub detained_since: Option<Date>,
    /// What the rules say.
    pub rules: CaseRules,
    /// Every clock of the case.
    pub clocks: Vec<Clock>,
    /// Litmas requests and reports.
    pub litmas: Vec<LitmasView>,
    /// Diversion per stage reached.
    pub diversions: Vec<DiversionView>,
    /// Meetings, hearings accompanied and referrals, newest first.
    pub events: Vec<EventView>,
    /// Whether the actor may record on the case.
    pub can_edit: bool,
}

/// The identifying facts of the child shown on the case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildIdentity {
    /// Sex, `L` or `P`.
    pub sex: String,
    /// Date of birth.
    pub birth_date: Date,
    /// Address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// A case in the office's list of child cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbhCaseRow {
    /// The child (masked as the viewer requires).
    pub child: ClientSummary,
    /// Stage.
    pub stage: Stage,
    /// Offence.
    pub offence: String,
}

/// One open clock on the deadlines board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRow {
    /// The child's client id (the case page).
    pub client_id: Uuid,
    /// Case number.
    pub register_number: String,
    /// Name or initials.
    pub child_label: String,
    /// Assigned PK.
    pub pk: Option<PersonRef>,
    /// The clock.
    pub clock: Clock,
    /// The Litmas it belongs to, for Litmas clocks.
    pub litmas_id: Option<Uuid>,
    /// The office's zone.
    pub zone: Zone,
}

/// One row of the office's access log of children's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRow {
    /// When.
    pub at: OffsetDateTime,
    /// Who (name and login).
    pub user: String,
    /// Which record (the case number, never the name).
    pub record: String,
    /// The reason given on a break-glass view.
    pub reason: Option<String>,
    /// The office's zone, for showing the time.
    pub zone: Zone,
}

/// Filters of the access log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessFilter {
    /// Search (user or case number) and paging.
    pub list: crate::page::ListQuery,
    /// Only break-glass views.
    pub break_glass_only: bool,
}

pub use crate::privacy::initials;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn form() -> AbhCaseForm {
        AbhCaseForm {
            mother_name: "Siti".into(),
            offence_date: "2026-11-01".into(),
            offence: "Pencurian".into(),
            penalty_years: "5".into(),
            investigation_start: "2026-11-20".into(),
            ..Default::default()
        }
    }

    fn problem(result: Result<AbhCaseDraft, ErrorKind>, field: &str) -> Option<Problem> {
        result.err().and_then(|e| e.field_errors().and_then(|f| f.get(field)))
    }

    #[test]
    fn adults_are_refused_and_twelve_is_a_child() {
        let today = date!(2026 - 11 - 24);
        let eighteen_that_day = date!(2008 - 11 - 01);
        assert_eq!(
            problem(form().parse(Some(eighteen_that_day), today), "offence_date"),
            Some(Problem::AdultAtOffence)
        );
        let draft = form().parse(Some(date!(2008 - 11 - 02)), today);
        assert_eq!(draft.map(|d| d.route), Ok(AgeRoute::Child));
        let twelve = form().parse(Some(date!(2014 - 11 - 01)), today);
        assert_eq!(twelve.map(|d| d.route), Ok(AgeRoute::Child));
        let eleven = form().parse(Some(date!(2014 - 11 - 02)), today);
        assert_eq!(eleven.map(|d| d.route), Ok(AgeRoute::UnderTwelve));
    }

    #[test]
    fn a_parent_or_guardian_is_required() {
        let none = AbhCaseForm { mother_name: String::new(), ..form() };
        assert_eq!(
            problem(none.parse(Some(date!(2011 - 01 - 01)), date!(2026 - 11 - 24)), "mother_name"),
            Some(Problem::ParentOrGuardian)
        );
    }

    #[test]
    fn penalty_in_years_and_months() {
        let f = AbhCaseForm { penalty_years: "6".into(), penalty_months: "11".into(), ..form() };
        let draft = f.parse(Some(date!(2011 - 01 - 01)), date!(2026 - 11 - 24));
        assert_eq!(draft.map(|d| d.max_penalty_months), Ok(83));
        let none = AbhCaseForm { penalty_years: String::new(), ..form() };
        assert_eq!(
            problem(none.parse(Some(date!(2011 - 01 - 01)), date!(2026 - 11 - 24)), "penalty_years"),
            Some(Problem::Required)
        );
    }

    #[test]
    fn rules_for_a_case() {
        let birth = date!(2012 - 11 - 01);
        let rules = case_rules(birth, date!(2026 - 11 - 01), 84, false, Some(date!(2026 - 11 - 02)));
        let rules = rules.expect("rules");
        assert_eq!(rules.age_at_offence, 14);
        assert!(!rules.diversion_mandatory);
        assert!(!rules.detention_unlawful);
        let young = case_rules(birth, date!(2026 - 10 - 31), 84, false, Some(date!(2026 - 10 - 31)));
        assert!(young.is_some_and(|r| r.detention_unlawful), "13 on the day of detention");
        let light = case_rules(birth, date!(2026 - 11 - 01), 83, false, Some(date!(2026 - 11 - 02)));
        assert!(light.is_some_and(|r| r.detention_unlawful && r.diversion_mandatory));
        let repeat = case_rules(birth, date!(2026 - 11 - 01), 83, true, None);
        assert!(repeat.is_some_and(|r| !r.diversion_mandatory && !r.detention_unlawful));
    }

    #[test]
    fn initials_hide_the_name() {
        assert_eq!(initials("Budi Santoso"), "B.S.");
        assert_eq!(initials("  ayu   'nur' lestari "), "A.N.L.");
        assert_eq!(initials(""), "-");
    }
}
