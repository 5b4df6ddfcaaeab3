//! A client (klien pemasyarakatan): the registry form, parsed once for both the browser's
//! instant feedback and the server's trust.

use serde::{Deserialize, Serialize};
use time::{Date, macros::format_description};
use uuid::Uuid;

use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::legal::{LegalBasis, PeriodError, PeriodInput, PeriodRules, Term, supervision_end};
use crate::nik::{Nik, Sex};
use crate::region::{RegionCode, RegionLevel};
use crate::validate::{
    collapse_spaces, optional_phone, optional_text, plausible_year, required_text, text_list,
};

/// The religions recorded on an Indonesian identity card (KTP), and "Kepercayaan" for
/// followers of native faiths (Constitutional Court decision 97/PUU-XIV/2016).
pub const RELIGIONS: [&str; 7] =
    ["Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu", "Kepercayaan"];

/// The status lifecycle of a supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClientStatus {
    /// Under supervision.
    Aktif,
    /// Supervision completed.
    Selesai,
    /// Revoked (pencabutan).
    Dicabut,
    /// Died.
    Meninggal,
    /// Transferred to another Bapas.
    Dipindahkan,
}

impl ClientStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [ClientStatus; 5] = [
        ClientStatus::Aktif,
        ClientStatus::Selesai,
        ClientStatus::Dicabut,
        ClientStatus::Meninggal,
        ClientStatus::Dipindahkan,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientStatus::Aktif => "aktif",
            ClientStatus::Selesai => "selesai",
            ClientStatus::Dicabut => "dicabut",
            ClientStatus::Meninggal => "meninggal",
            ClientStatus::Dipindahkan => "dipindahkan",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<ClientStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// Whether a client in this status can move to `next`: only an active supervision ends,
    /// and an ended one stays ended.
    pub fn can_become(self, next: ClientStatus) -> bool {
        self == ClientStatus::Aktif && next != ClientStatus::Aktif
    }
}

/// The client form as typed. Dates are `YYYY-MM-DD` (what `<input type="date">` sends).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct ClientForm {
    /// NIK, optional (some clients have none yet).
    pub nik: String,
    /// Full name.
    pub full_name: String,
    /// Other names, comma separated.
    pub aliases: String,
    /// "L" or "P".
    pub sex: String,
    /// Place of birth.
    pub birth_place: String,
    /// Date of birth.
    pub birth_date: String,
    /// Religion (one of [`RELIGIONS`]), optional.
    pub religion: String,
    /// Highest education, optional.
    pub education: String,
    /// Job, optional.
    pub occupation: String,
    /// Address as written.
    pub address: String,
    /// Kelurahan/desa code from the region list, optional.
    pub region_code: String,
    /// Phone.
    pub phone: String,
    /// Guarantor (penjamin).
    pub guarantor_name: String,
    /// Guarantor's relation to the client.
    pub guarantor_relation: String,
    /// Guarantor's phone.
    pub guarantor_phone: String,
    /// Court.
    pub court: String,
    /// Decision (putusan) number.
    pub decision_number: String,
    /// Articles of the offence.
    pub offence_articles: String,
    /// Legal basis, text form of [`LegalBasis`].
    pub legal_basis: String,
    /// First day of supervision.
    pub supervision_start: String,
    /// Remaining sentence (PB, CB): months and days.
    pub remaining_months: String,
    /// Remaining sentence: days.
    pub remaining_days: String,
    /// Last remission (CMB): months.
    pub remission_months: String,
    /// Last remission: days.
    pub remission_days: String,
    /// Court's term (pengawasan, anak): months.
    pub term_months: String,
    /// Court's term: days.
    pub term_days: String,
    /// An end date set by hand instead of the computed one.
    pub end_override: String,
    /// Why the end date was set by hand.
    pub end_override_reason: String,
    /// Assigned PK (public user id), optional.
    pub pk_id: String,
}

/// A client form that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientDraft {
    /// NIK.
    pub nik: Option<Nik>,
    /// Full name.
    pub full_name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Sex.
    pub sex: Sex,
    /// Place of birth.
    pub birth_place: Option<String>,
    /// Date of birth.
    pub birth_date: Date,
    /// Religion.
    pub religion: Option<String>,
    /// Highest education.
    pub education: Option<String>,
    /// Job.
    pub occupation: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Kelurahan/desa code.
    pub region_code: Option<RegionCode>,
    /// Phone.
    pub phone: Option<String>,
    /// Guarantor.
    pub guarantor_name: Option<String>,
    /// Guarantor's relation.
    pub guarantor_relation: Option<String>,
    /// Guarantor's phone.
    pub guarantor_phone: Option<String>,
    /// Court.
    pub court: Option<String>,
    /// Decision number.
    pub decision_number: Option<String>,
    /// Offence articles.
    pub offence_articles: Option<String>,
    /// Legal basis.
    pub legal_basis: LegalBasis,
    /// Supervision start.
    pub supervision_start: Date,
    /// What the period was computed from.
    pub period_input: PeriodInput,
    /// The end the rules give (none where no rule fixes it).
    pub computed_end: Option<Date>,
    /// The end in force: the override if any, else the computed one.
    pub supervision_end: Option<Date>,
    /// Why the end was overridden.
    pub end_override_reason: Option<String>,
    /// Assigned PK.
    pub pk_id: Option<Uuid>,
}

/// Most aliases a client may have.
pub const MAX_ALIASES: u16 = 10;

/// Parses `YYYY-MM-DD`, refusing dates outside the plausible years (see
/// [`crate::validate::plausible_year`]).
pub fn parse_date(raw: &str) -> Option<Date> {
    calendar_date(raw).filter(|d| plausible_year(d.year()))
}

fn calendar_date(raw: &str) -> Option<Date> {
    Date::parse(raw.trim(), format_description!("[year]-[month]-[day]")).ok()
}

/// Why `raw` is not a date [`parse_date`] accepts.
pub(crate) fn date_problem(raw: &str) -> Problem {
    if calendar_date(raw).is_some() { crate::validate::date_out_of_range() } else { Problem::BadFormat }
}

pub(crate) fn date_field(errors: &mut FieldErrors, field: &str, raw: &str, required: bool) -> Option<Date> {
    if raw.trim().is_empty() {
        if required {
            errors.add(field, Problem::Required);
        }
        return None;
    }
    let date = parse_date(raw);
    if date.is_none() {
        errors.add(field, date_problem(raw));
    }
    date
}

/// A term from its months and days fields; `None` when both are empty.
fn term_fields(
    errors: &mut FieldErrors,
    months_field: &str,
    months: &str,
    days_field: &str,
    days: &str,
) -> Option<Term> {
    if months.trim().is_empty() && days.trim().is_empty() {
        return None;
    }
    let mut number = |field: &str, raw: &str, max: u32| -> u32 {
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
    };
    let months = number(months_field, months, 1200);
    let days = number(days_field, days, 366);
    Some(Term { months, days })
}

impl ClientForm {
    /// Every field with the name it posts under, in the order of the form: what an edit
    /// refused for a change made meanwhile compares with what was typed.
    pub fn fields(&self) -> [(&'static str, &str); 29] {
        [
            ("nik", self.nik.as_str()),
            ("full_name", self.full_name.as_str()),
            ("aliases", self.aliases.as_str()),
            ("sex", self.sex.as_str()),
            ("birth_place", self.birth_place.as_str()),
            ("birth_date", self.birth_date.as_str()),
            ("religion", self.religion.as_str()),
            ("education", self.education.as_str()),
            ("occupation", self.occupation.as_str()),
            ("address", self.address.as_str()),
            ("region_code", self.region_code.as_str()),
            ("phone", self.phone.as_str()),
            ("guarantor_name", self.guarantor_name.as_str()),
            ("guarantor_relation", self.guarantor_relation.as_str()),
            ("guarantor_phone", self.guarantor_phone.as_str()),
            ("court", self.court.as_str()),
            ("decision_number", self.decision_number.as_str()),
            ("offence_articles", self.offence_articles.as_str()),
            ("legal_basis", self.legal_basis.as_str()),
            ("supervision_start", self.supervision_start.as_str()),
            ("remaining_months", self.remaining_months.as_str()),
            ("remaining_days", self.remaining_days.as_str()),
            ("remission_months", self.remission_months.as_str()),
            ("remission_days", self.remission_days.as_str()),
            ("term_months", self.term_months.as_str()),
            ("term_days", self.term_days.as_str()),
            ("end_override", self.end_override.as_str()),
            ("end_override_reason", self.end_override_reason.as_str()),
            ("pk_id", self.pk_id.as_str()),
        ]
    }

    /// Checks every field and computes the supervision period. `today` bounds birth dates and
    /// settles the NIK's century; `rules` are the office's period settings.
    pub fn parse(&self, today: Date, rules: &PeriodRules) -> Result<ClientDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let full_name = required_text(&mut errors, "full_name", &self.full_name, 120);
        let aliases = text_list(&mut errors, "aliases", self.aliases.split(','), MAX_ALIASES, 120);
        let sex = if self.sex.trim().is_empty() {
            errors.add("sex", Problem::Required);
            None
        } else {
            let sex = Sex::parse(&self.sex);
            if sex.is_none() {
                errors.add("sex", Problem::BadFormat);
            }
            sex
        };
        let birth_date = date_field(&mut errors, "birth_date", &self.birth_date, true);
        if birth_date.is_some_and(|d| d > today) {
            errors.add("birth_date", Problem::FutureDate);
        }
        let nik = if self.nik.trim().is_empty() {
            None
        } else {
            match Nik::parse(&self.nik, today) {
                Ok(nik) => {
                    if let Some(mismatch) = nik.mismatches(sex, birth_date).first() {
                        errors.add("nik", Problem::NikMismatch(*mismatch));
                    }
                    Some(nik)
                }
                Err(e) => {
                    errors.add("nik", Problem::Nik(e));
                    None
                }
            }
        };
        let birth_place = optional_text(&mut errors, "birth_place", &self.birth_place, 120);
        let religion = optional_text(&mut errors, "religion", &self.religion, 40);
        if religion.as_deref().is_some_and(|r| !RELIGIONS.contains(&r)) {
            errors.add("religion", Problem::BadFormat);
        }
        let education = optional_text(&mut errors, "education", &self.education, 60);
        let occupation = optional_text(&mut errors, "occupation", &self.occupation, 120);
        let address = optional_text(&mut errors, "address", &self.address, 300);
        let region_code = if self.region_code.trim().is_empty() {
            None
        } else {
            let code = RegionCode::parse(&self.region_code).filter(|c| c.level() == RegionLevel::Village);
            if code.is_none() {
                errors.add("region_code", Problem::BadFormat);
            }
            code
        };
        let phone = optional_phone(&mut errors, "phone", &self.phone);
        let guarantor_name = optional_text(&mut errors, "guarantor_name", &self.guarantor_name, 120);
        let guarantor_relation =
            optional_text(&mut errors, "guarantor_relation", &self.guarantor_relation, 60);
        let guarantor_phone = optional_phone(&mut errors, "guarantor_phone", &self.guarantor_phone);
        let court = optional_text(&mut errors, "court", &self.court, 120);
        let decision_number = optional_text(&mut errors, "decision_number", &self.decision_number, 80);
        let offence_articles = optional_text(&mut errors, "offence_articles", &self.offence_articles, 300);
        let legal_basis = if self.legal_basis.trim().is_empty() {
            errors.add("legal_basis", Problem::Required);
            None
        } else {
            let basis = LegalBasis::parse(&self.legal_basis);
            if basis.is_none() {
                errors.add("legal_basis", Problem::BadFormat);
            }
            basis
        };
        // A child (under 18 today) is registered on the child-case form, whose record keeps
        // the identity from those without need to know; the adult form refuses the birth date.
        let is_child_today =
            birth_date.and_then(|b| crate::abh::rules::age_on(b, today)).is_some_and(|a| a < 18);
        if is_child_today && legal_basis.is_some_and(|b| b != LegalBasis::PendampinganAnak) {
            errors.add("birth_date", Problem::ChildOnAdultForm);
        }
        let supervision_start = date_field(&mut errors, "supervision_start", &self.supervision_start, true)
            .filter(|start| {
                // A supervision that began more than 30 years ago, or starts more than a year
                // ahead, is a typo; its reporting periods would be counted on every page.
                let plausible = (today.year() - 30..=today.year() + 1).contains(&start.year());
                if !plausible {
                    errors.add(
                        "supervision_start",
                        Problem::DateOutOfRange { from: today.year() - 30, to: today.year() + 1 },
                    );
                }
                plausible
            });
        let period_input = PeriodInput {
            remaining: term_fields(
                &mut errors,
                "remaining_months",
                &self.remaining_months,
                "remaining_days",
                &self.remaining_days,
            ),
            last_remission: term_fields(
                &mut errors,
                "remission_months",
                &self.remission_months,
                "remission_days",
                &self.remission_days,
            ),
            court_term: term_fields(
                &mut errors,
                "term_months",
                &self.term_months,
                "term_days",
                &self.term_days,
            ),
        };
        let end_override = date_field(&mut errors, "end_override", &self.end_override, false);
        let end_override_reason =
            optional_text(&mut errors, "end_override_reason", &self.end_override_reason, 300);
        let pk_id = if self.pk_id.trim().is_empty() {
            None
        } else {
            crate::office::parse_id(&mut errors, "pk_id", &self.pk_id)
        };

        let mut computed_end = None;
        if let (Some(basis), Some(start)) = (legal_basis, supervision_start) {
            match supervision_end(basis, start, &period_input, rules) {
                Ok(end) => computed_end = end,
                // Without the input the rule needs, an end set by hand (with its reason) is fine.
                Err(PeriodError::NeedsRemaining) if end_override.is_none() => {
                    errors.add("remaining_months", Problem::NeededForPeriod)
                }
                Err(PeriodError::NeedsRemission) if end_override.is_none() => {
                    errors.add("remission_months", Problem::NeededForPeriod)
                }
                Err(PeriodError::NeedsCourtTerm) if end_override.is_none() => {
                    errors.add("term_months", Problem::NeededForPeriod)
                }
                Err(PeriodError::ExceedsStatute) => errors.add("term_months", Problem::ExceedsStatute),
                Err(_) => {}
            }
            if let Some(end) = end_override {
                if end <= start {
                    errors.add("end_override", Problem::BeforeStart);
                }
                if Some(end) != computed_end && end_override_reason.is_none() {
                    errors.add("end_override_reason", Problem::Required);
                }
            }
        }
        match (sex, birth_date, legal_basis, supervision_start) {
            (Some(sex), Some(birth_date), Some(legal_basis), Some(supervision_start))
                if errors.is_empty() =>
            {
                Ok(ClientDraft {
                    nik,
                    full_name,
                    aliases,
                    sex,
                    birth_place,
                    birth_date,
                    religion,
                    education,
                    occupation,
                    address,
                    region_code,
                    phone,
                    guarantor_name,
                    guarantor_relation,
                    guarantor_phone,
                    court,
                    decision_number,
                    offence_articles,
                    legal_basis,
                    supervision_start,
                    period_input,
                    computed_end,
                    supervision_end: end_override.or(computed_end),
                    end_override_reason: end_override.and(end_override_reason),
                    pk_id,
                })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// Folds a name for search: lower case, accents and punctuation removed, spaces single, so
/// "Siti  Nur'aini" and "siti nuraini" match.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c if c.is_alphanumeric() || c.is_whitespace() => c,
            _ => continue,
        };
        out.push(base);
    }
    collapse_spaces(&out)
}

/// Whether two names are probably the same person's, for the "already registered?" warning:
/// equal once folded, within two edits of each other, or one's words all found in the other
/// ("Budi Santoso" and "Budi Santoso bin Slamet").
pub fn names_similar(a: &str, b: &str) -> bool {
    let (a, b) = (fold_name(a), fold_name(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b || edit_distance(&a, &b) <= 2 {
        return true;
    }
    let words = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
    let (wa, wb) = (words(&a), words(&b));
    let (short, long) = if wa.len() <= wb.len() { (wa, wb) } else { (wb, wa) };
    short.len() >= 2 && short.iter().all(|w| long.contains(w))
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev_diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j] + 1).min(row[j + 1] + 1).min(prev_diag + cost);
            prev_diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 23);

    fn form() -> ClientForm {
        ClientForm {
            nik: "3173 0512 0385 0001".into(),
            full_name: "Budi  Santoso".into(),
            aliases: "Budi, , Bento ".into(),
            sex: "L".into(),
            birth_date: "1985-03-12".into(),
            region_code: "31.73.05.1001".into(),
            legal_basis: "pb".into(),
            supervision_start: "2026-01-31".into(),
            remaining_months: "8".into(),
            remaining_days: "10".into(),
            ..ClientForm::default()
        }
    }

    fn problems(form: &ClientForm) -> FieldErrors {
        form.parse(TODAY, &PeriodRules::default())
            .err()
            .and_then(|e| e.field_errors().cloned())
            .unwrap_or_default()
    }

    #[test]
    fn a_pb_client_gets_the_computed_end() {
        let draft = form().parse(TODAY, &PeriodRules::default()).unwrap();
        assert_eq!(draft.full_name, "Budi Santoso");
        assert_eq!(draft.aliases, ["Budi", "Bento"]);
        assert_eq!(draft.computed_end, Some(date!(2027 - 10 - 10)));
        assert_eq!(draft.supervision_end, draft.computed_end);
        assert_eq!(draft.end_override_reason, None);
    }

    #[test]
    fn nik_must_agree_with_sex_and_birth_date() {
        let mut f = form();
        f.sex = "P".into();
        assert_eq!(problems(&f).get("nik"), Some(Problem::NikMismatch(crate::nik::NikMismatch::Sex)));
        let mut f = form();
        f.birth_date = "1985-03-13".into();
        assert_eq!(problems(&f).get("nik"), Some(Problem::NikMismatch(crate::nik::NikMismatch::BirthDate)));
        let mut f = form();
        f.nik = "3173051203850000".into();
        assert_eq!(problems(&f).get("nik"), Some(Problem::Nik(crate::nik::NikError::ZeroSerial)));
        let mut f = form();
        f.nik = String::new();
        assert!(f.parse(TODAY, &PeriodRules::default()).is_ok(), "NIK is optional");
    }

    #[test]
    fn period_needs_its_input_unless_set_by_hand_with_a_reason() {
        let mut f = form();
        f.remaining_months = String::new();
        f.remaining_days = String::new();
        assert_eq!(problems(&f).get("remaining_months"), Some(Problem::NeededForPeriod));
        f.end_override = "2027-06-30".into();
        assert_eq!(problems(&f).get("end_override_reason"), Some(Problem::Required));
        f.end_override_reason = "Sisa pidana menurut SDP".into();
        let draft = f.parse(TODAY, &PeriodRules::default()).unwrap();
        assert_eq!(draft.supervision_end, Some(date!(2027 - 06 - 30)));
        assert_eq!(draft.end_override_reason.as_deref(), Some("Sisa pidana menurut SDP"));
        f.end_override = "2026-01-01".into();
        assert_eq!(problems(&f).get("end_override"), Some(Problem::BeforeStart));
    }

    #[test]
    fn pengawasan_beyond_three_years_is_refused() {
        let mut f = form();
        f.legal_basis = "pengawasan".into();
        f.term_months = "37".into();
        assert_eq!(problems(&f).get("term_months"), Some(Problem::ExceedsStatute));
    }

    #[test]
    fn required_and_shape_problems() {
        let errors = problems(&ClientForm::default());
        for field in ["full_name", "sex", "birth_date", "legal_basis", "supervision_start"] {
            assert_eq!(errors.get(field), Some(Problem::Required), "{field}");
        }
        let mut f = form();
        f.birth_date = "2027-01-01".into();
        f.region_code = "31.73.05".into();
        f.remaining_days = "x".into();
        let errors = problems(&f);
        assert_eq!(errors.get("birth_date"), Some(Problem::FutureDate));
        assert_eq!(errors.get("region_code"), Some(Problem::BadFormat), "a village code is needed");
        assert_eq!(errors.get("remaining_days"), Some(Problem::BadFormat));
    }

    #[test]
    fn status_lifecycle() {
        assert!(ClientStatus::Aktif.can_become(ClientStatus::Selesai));
        assert!(ClientStatus::Aktif.can_become(ClientStatus::Dipindahkan));
        assert!(!ClientStatus::Selesai.can_become(ClientStatus::Aktif));
        assert!(!ClientStatus::Dicabut.can_become(ClientStatus::Meninggal));
        assert!(!ClientStatus::Aktif.can_become(ClientStatus::Aktif));
    }

    #[test]
    fn names_fold_for_search() {
        assert_eq!(fold_name("  Siti  Nur'aini "), "siti nuraini");
        assert_eq!(fold_name("JOSÉ Müller-Ñoño"), "jose mullernono");
    }

    #[test]
    fn similar_names() {
        assert!(names_similar("Budi Santoso", "budi  santoso"));
        assert!(names_similar("Budi Santoso", "Budi Sentosa"), "two edits");
        assert!(names_similar("Budi Santoso", "Budi Santoso bin Slamet"));
        assert!(!names_similar("Budi Santoso", "Budi Hartono"));
        assert!(!names_similar("Budi", "Budi Hartono"), "one shared word is not enough");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
