//! Offices: the regional Kanwil and the Bapas (probation offices) under them.

use serde::{Deserialize, Serialize};
use time::UtcOffset;
use uuid::Uuid;

use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::validate::{collapse_spaces, optional_phone, optional_text, required_text};

/// Indonesia's three time zones. Every Bapas has one; statutory clocks are shown in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Zone {
    /// Waktu Indonesia Barat, UTC+7.
    Wib,
    /// Waktu Indonesia Tengah, UTC+8.
    Wita,
    /// Waktu Indonesia Timur, UTC+9.
    Wit,
}

impl Zone {
    /// Every zone, west to east.
    pub const ALL: [Zone; 3] = [Zone::Wib, Zone::Wita, Zone::Wit];

    /// The abbreviation shown next to times ("WIB").
    pub fn label(self) -> &'static str {
        match self {
            Zone::Wib => "WIB",
            Zone::Wita => "WITA",
            Zone::Wit => "WIT",
        }
    }

    /// Parses the abbreviation, case-insensitively.
    pub fn parse(raw: &str) -> Option<Zone> {
        Zone::ALL.into_iter().find(|z| z.label().eq_ignore_ascii_case(raw.trim()))
    }

    /// Hours ahead of UTC. Indonesia keeps no daylight saving time, so this is fixed.
    pub fn utc_hours(self) -> i8 {
        match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        }
    }

    /// The fixed offset of the zone.
    pub fn offset(self) -> UtcOffset {
        // The hours are constants in -25..=25, so the offset is always valid.
        UtcOffset::from_hms(self.utc_hours(), 0, 0).unwrap_or(UtcOffset::UTC)
    }
}

/// A Bapas's class: Kelas I offices have separate adult and child sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BapasClass {
    /// Kelas I.
    I,
    /// Kelas II.
    II,
}

impl BapasClass {
    /// Both classes.
    pub const ALL: [BapasClass; 2] = [BapasClass::I, BapasClass::II];

    /// "I" or "II".
    pub fn as_str(self) -> &'static str {
        match self {
            BapasClass::I => "I",
            BapasClass::II => "II",
        }
    }

    /// Parses "I" or "II".
    pub fn parse(raw: &str) -> Option<BapasClass> {
        BapasClass::ALL.into_iter().find(|c| c.as_str() == raw.trim())
    }
}

/// A province code from the Kemendagri list: two digits, 11 to 99.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProvinceCode(String);

impl ProvinceCode {
    /// Parses two digits from 11 to 99.
    pub fn parse(raw: &str) -> Option<ProvinceCode> {
        let raw = raw.trim();
        let ok = raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_digit()) && raw >= "11";
        ok.then(|| ProvinceCode(raw.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A kabupaten/kota code `PP.KK`: kabupaten use 01–69, kota 71–99.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KabKotaCode(String);

impl KabKotaCode {
    /// Parses `PP.KK` with a valid province part and a regency number in 01–69 or 71–99.
    pub fn parse(raw: &str) -> Option<KabKotaCode> {
        let (province, regency) = raw.trim().split_once('.')?;
        ProvinceCode::parse(province)?;
        if regency.len() != 2 || !regency.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u8 = regency.parse().ok()?;
        let valid = (1..=69).contains(&number) || (71..=99).contains(&number);
        valid.then(|| KabKotaCode(format!("{province}.{regency}")))
    }

    /// The province part.
    pub fn province(&self) -> &str {
        &self.0[..2]
    }

    /// Whether this is a kota (city) rather than a kabupaten (regency).
    pub fn is_kota(&self) -> bool {
        self.0[3..] >= *"71"
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A kabupaten or kota a Bapas covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// `PP.KK`.
    pub code: String,
    /// E.g. "Kota Administrasi Jakarta Barat".
    pub name: String,
}

/// A short reference to an office, for lists and pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeRef {
    /// Public id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
}

/// A Kanwil as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KanwilView {
    /// Public id.
    pub id: Uuid,
    /// Province code.
    pub province_code: String,
    /// Name.
    pub name: String,
    /// Whether it is in use.
    pub active: bool,
    /// Number of active Bapas under it.
    pub bapas_count: u64,
}

/// A Bapas as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BapasView {
    /// Public id.
    pub id: Uuid,
    /// The Kanwil it reports to.
    pub kanwil: OfficeRef,
    /// Short unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Class I or II.
    pub class: BapasClass,
    /// Time zone.
    pub zone: Zone,
    /// Street address.
    pub address: Option<String>,
    /// Office phone.
    pub phone: Option<String>,
    /// Kabupaten/kota covered.
    pub coverage: Vec<Coverage>,
    /// Whether it is in use.
    pub active: bool,
}

/// The Kanwil form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct KanwilForm {
    /// Province code, two digits.
    pub province_code: String,
    /// Name.
    pub name: String,
}

/// A Kanwil form that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KanwilDraft {
    /// Province code.
    pub province_code: ProvinceCode,
    /// Name.
    pub name: String,
}

impl KanwilForm {
    /// Checks every field and returns the typed draft or all problems at once.
    pub fn parse(&self) -> Result<KanwilDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let province_code = ProvinceCode::parse(&self.province_code);
        if self.province_code.trim().is_empty() {
            errors.add("province_code", Problem::Required);
        } else if province_code.is_none() {
            errors.add("province_code", Problem::BadFormat);
        }
        let name = required_text(&mut errors, "name", &self.name, 120);
        match province_code {
            Some(province_code) if errors.is_empty() => Ok(KanwilDraft { province_code, name }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// The Bapas form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct BapasForm {
    /// Public id of the Kanwil.
    pub kanwil_id: String,
    /// Short code, e.g. `JAKBAR`.
    pub code: String,
    /// Name.
    pub name: String,
    /// "I" or "II".
    pub class: String,
    /// "WIB", "WITA" or "WIT".
    pub zone: String,
    /// Street address.
    pub address: String,
    /// Office phone.
    pub phone: String,
    /// One covered kabupaten/kota per line: `PP.KK Name`.
    pub coverage: String,
}

/// A Bapas form that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BapasDraft {
    /// Public id of the Kanwil.
    pub kanwil_id: Uuid,
    /// Upper-case code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Class.
    pub class: BapasClass,
    /// Zone.
    pub zone: Zone,
    /// Address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Covered kabupaten/kota, without duplicates.
    pub coverage: Vec<Coverage>,
}

impl BapasForm {
    /// Checks every field and returns the typed draft or all problems at once.
    pub fn parse(&self) -> Result<BapasDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let kanwil_id = parse_id(&mut errors, "kanwil_id", &self.kanwil_id);
        let code = parse_office_code(&mut errors, "code", &self.code);
        let name = required_text(&mut errors, "name", &self.name, 120);
        let class = parse_choice(&mut errors, "class", &self.class, BapasClass::parse);
        let zone = parse_choice(&mut errors, "zone", &self.zone, Zone::parse);
        let address = optional_text(&mut errors, "address", &self.address, 300);
        let phone = optional_phone(&mut errors, "phone", &self.phone);
        let coverage = parse_coverage(&mut errors, "coverage", &self.coverage);
        match (kanwil_id, class, zone) {
            (Some(kanwil_id), Some(class), Some(zone)) if errors.is_empty() => {
                Ok(BapasDraft { kanwil_id, code, name, class, zone, address, phone, coverage })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// Parses a required public id chosen from a list.
pub fn parse_id(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<Uuid> {
    if raw.trim().is_empty() {
        errors.add(field, Problem::Required);
        return None;
    }
    let id = Uuid::parse_str(raw.trim()).ok();
    if id.is_none() {
        errors.add(field, Problem::UnknownReference);
    }
    id
}

fn parse_choice<T>(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    if raw.trim().is_empty() {
        errors.add(field, Problem::Required);
        return None;
    }
    let value = parse(raw);
    if value.is_none() {
        errors.add(field, Problem::BadFormat);
    }
    value
}

/// An office code: 2 to 20 upper-case letters, digits or dashes, starting with a letter.
fn parse_office_code(errors: &mut FieldErrors, field: &str, raw: &str) -> String {
    let code = raw.trim().to_uppercase();
    if code.is_empty() {
        errors.add(field, Problem::Required);
    } else if code.len() > 20 {
        errors.add(field, Problem::TooLong { max: 20 });
    } else if code.len() < 2
        || !code.starts_with(|c: char| c.is_ascii_uppercase())
        || !code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
    {
        errors.add(field, Problem::BadFormat);
    }
    code
}

/// Most kabupaten/kota one office covers (the largest Bapas covers a few dozen).
pub const MAX_COVERAGE: u16 = 100;

/// Parses coverage lines `PP.KK Name`; blank lines are skipped, a repeated code is kept once.
fn parse_coverage(errors: &mut FieldErrors, field: &str, raw: &str) -> Vec<Coverage> {
    let mut coverage: Vec<Coverage> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if coverage.len() == usize::from(MAX_COVERAGE) {
            errors.add(field, Problem::TooMany { max: MAX_COVERAGE });
            break;
        }
        let (code, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let name = collapse_spaces(name);
        match KabKotaCode::parse(code) {
            Some(code) if !name.is_empty() && name.chars().count() <= 120 => {
                if !coverage.iter().any(|c| c.code == code.as_str()) {
                    coverage.push(Coverage { code: code.as_str().to_owned(), name });
                }
            }
            _ => {
                errors.add(field, Problem::BadFormat);
                break;
            }
        }
    }
    coverage
}

/// Writes coverage back as the form's text, one `PP.KK Name` per line.
pub fn coverage_text(coverage: &[Coverage]) -> String {
    coverage.iter().map(|c| format!("{} {}", c.code, c.name)).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_form() -> BapasForm {
        BapasForm {
            kanwil_id: Uuid::nil().to_string(),
            code: " jakbar ".into(),
            name: "Bapas Kelas I Jakarta Barat".into(),
            class: "I".into(),
            zone: "wib".into(),
            address: String::new(),
            phone: "021-5678910".into(),
            coverage: "31.73 Kota Administrasi Jakarta Barat\n\n31.73 duplicate\n".into(),
        }
    }

    #[test]
    fn bapas_form_parses() {
        let draft = valid_form().parse().expect("valid");
        assert_eq!(draft.code, "JAKBAR");
        assert_eq!(draft.zone, Zone::Wib);
        assert_eq!(draft.class, BapasClass::I);
        assert_eq!(draft.address, None);
        assert_eq!(draft.phone.as_deref(), Some("0215678910"));
        assert_eq!(draft.coverage.len(), 1);
        assert_eq!(coverage_text(&draft.coverage), "31.73 Kota Administrasi Jakarta Barat");
    }

    #[test]
    fn bapas_form_reports_every_field() {
        let form = BapasForm { coverage: "3173 Jakarta".into(), ..BapasForm::default() };
        let Err(ErrorKind::Invalid(errors)) = form.parse() else {
            panic!("expected errors");
        };
        for field in ["kanwil_id", "code", "name", "class", "zone"] {
            assert_eq!(errors.get(field), Some(Problem::Required), "{field}");
        }
        assert_eq!(errors.get("coverage"), Some(Problem::BadFormat));
        assert_eq!(errors.get("address"), None);
    }

    #[test]
    fn office_code_shape() {
        for (raw, ok) in [("A", false), ("1AB", false), ("JAK BAR", false), ("JAK-BAR2", true)] {
            let form = BapasForm { code: raw.into(), ..valid_form() };
            assert_eq!(form.parse().is_ok(), ok, "{raw}");
        }
    }

    #[test]
    fn kab_kota_codes() {
        assert!(KabKotaCode::parse("31.73").is_some_and(|c| c.is_kota() && c.province() == "31"));
        assert!(KabKotaCode::parse("35.09").is_some_and(|c| !c.is_kota()));
        for bad in ["31.70", "31.00", "10.01", "3173", "31.7", "31.7a", "ab.01"] {
            assert!(KabKotaCode::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn zones() {
        assert_eq!(Zone::parse("wita"), Some(Zone::Wita));
        assert_eq!(Zone::Wit.offset().whole_hours(), 9);
        assert_eq!(Zone::Wib.offset().whole_hours(), 7);
    }

    #[test]
    fn kanwil_form() {
        let ok = KanwilForm { province_code: "31".into(), name: " Kanwil  DKI ".into() };
        assert_eq!(ok.parse().map(|d| d.name), Ok("Kanwil DKI".into()));
        let bad = KanwilForm { province_code: "3".into(), name: String::new() };
        let errors = bad.parse().err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("province_code"), Some(Problem::BadFormat));
        assert_eq!(errors.get("name"), Some(Problem::Required));
    }
}
