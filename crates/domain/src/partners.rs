//! Partner institutions (mitra) of a Bapas: what kind they are, where, whom to call and what
//! they offer. The kinds and the service catalogue are data (a setting the admin may change);
//! these are the defaults.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::OfficeRef;
use crate::page::ListQuery;
use crate::validate::{optional_email, optional_phone, optional_text, required_text, row_count};

/// The kind code of a Pokmas Lipas (a community partner group with its own members).
pub const POKMAS_KIND: &str = "pokmas";

text_enum! {
    /// The field a Pokmas Lipas works in (Kepdirjenpas PAS-06.OT.02.02/2020).
    PokmasDomain {
        /// Law and community (hukum dan kemasyarakatan).
        HukumMasyarakat => "hukum_masyarakat",
        /// Independence and personality (kemandirian dan kepribadian).
        KemandirianKepribadian => "kemandirian_kepribadian",
    }
}

/// A member of a Pokmas Lipas as typed: a person or an organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct PokmasMemberForm {
    /// Name of the person or organisation.
    pub name: String,
    /// `individu` or `organisasi`.
    pub kind: String,
    /// Role or description (e.g. "tokoh agama", "bengkel las").
    pub role: String,
    /// Phone.
    pub phone: String,
}

/// A Pokmas Lipas member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PokmasMember {
    /// Name.
    pub name: String,
    /// An organisation (rather than a person).
    pub organisation: bool,
    /// Role or description.
    pub role: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

impl PokmasMemberForm {
    /// Checks the member.
    pub fn parse(&self) -> Result<PokmasMember, ErrorKind> {
        let mut errors = FieldErrors::new();
        let name = required_text(&mut errors, "name", &self.name, 200);
        let organisation = match self.kind.trim() {
            "individu" => false,
            "organisasi" => true,
            _ => {
                errors.add("kind", Problem::Required);
                false
            }
        };
        let role = optional_text(&mut errors, "role", &self.role, 200);
        let phone = optional_phone(&mut errors, "phone", &self.phone);
        errors.into_result(PokmasMember { name, organisation, role, phone })
    }
}

/// A configurable choice: a stable code and the label shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Stable code, stored on records.
    pub code: String,
    /// What users read.
    pub label: String,
}

fn choices(list: &[(&str, &str)]) -> Vec<Choice> {
    list.iter().map(|(code, label)| Choice { code: (*code).into(), label: (*label).into() }).collect()
}

/// The kinds of partner institution, until the admin changes the list.
pub fn default_kinds() -> Vec<Choice> {
    choices(&[
        ("pemda", "Pemkot / Pemkab"),
        ("kecamatan", "Kecamatan"),
        ("kelurahan", "Kelurahan / Desa"),
        ("polisi", "Polsek / Polres"),
        ("kejaksaan", "Kejaksaan"),
        ("dinsos", "Dinas Sosial"),
        ("dinkes", "Dinas Kesehatan"),
        ("dukcapil", "Dukcapil"),
        ("dp3a", "DP3A / UPTD PPA"),
        ("kua", "KUA"),
        ("universitas", "Perguruan tinggi"),
        ("usaha", "Dunia usaha / UMKM"),
        ("lsm", "LSM / Ormas"),
        ("pesantren", "Pesantren"),
        ("pokmas", "Pokmas Lipas"),
        ("lainnya", "Lainnya"),
    ])
}

/// The services partners offer, until the admin changes the catalogue.
pub fn default_services() -> Vec<Choice> {
    choices(&[
        ("dokumen", "Dokumen kependudukan (KTP, KK)"),
        ("bpjs", "Jaminan kesehatan (BPJS)"),
        ("psikososial", "Dukungan psikososial"),
        ("pelatihan", "Pelatihan kerja"),
        ("pekerjaan", "Lapangan kerja"),
        ("tempat_tinggal", "Tempat tinggal / rumah singgah"),
        ("agama", "Bimbingan keagamaan"),
        ("hukum", "Bantuan hukum"),
        ("rehabilitasi", "Rehabilitasi narkotika"),
        ("modal", "Modal usaha / UMKM"),
    ])
}

/// Reads a list of choices, one per line as `code: label` (the admin's settings page).
/// Codes are lower-case letters, digits and `_`, each once; labels are required.
pub fn parse_choices(field: &str, text: &str) -> Result<Vec<Choice>, ErrorKind> {
    let mut out: Vec<Choice> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if out.len() == usize::from(MAX_CHOICES) {
            return Err(ErrorKind::field(field, Problem::TooMany { max: MAX_CHOICES }));
        }
        let Some((code, label)) = line.split_once(':') else {
            return Err(ErrorKind::field(field, Problem::BadFormat));
        };
        let (code, label) = (code.trim(), crate::validate::collapse_spaces(label));
        let code_ok = !code.is_empty()
            && code.len() <= 40
            && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !code_ok || label.is_empty() || label.chars().count() > 120 {
            return Err(ErrorKind::field(field, Problem::BadFormat));
        }
        if out.iter().any(|c| c.code == code) {
            return Err(ErrorKind::field(field, Problem::Taken));
        }
        out.push(Choice { code: code.into(), label });
    }
    if out.is_empty() {
        return Err(ErrorKind::field(field, Problem::Required));
    }
    Ok(out)
}

/// Reads the codes ticked from a configured list: each must be offered, repeats count once,
/// and no more than [`MAX_SERVICES`] are read (a list is never longer).
pub fn chosen_codes(
    errors: &mut FieldErrors,
    field: &str,
    codes: &[String],
    offered: &[Choice],
) -> Vec<String> {
    let mut chosen: Vec<String> = Vec::new();
    if !row_count(errors, field, codes, MAX_SERVICES) {
        return chosen;
    }
    for code in codes {
        if !offered.iter().any(|s| s.code == *code) {
            errors.add(field, Problem::BadFormat);
        } else if !chosen.contains(code) {
            chosen.push(code.clone());
        }
    }
    chosen
}

/// The text form of a list of choices, for editing.
pub fn choices_text(list: &[Choice]) -> String {
    list.iter().map(|c| format!("{}: {}", c.code, c.label)).collect::<Vec<_>>().join("\n")
}

/// The label of `code` in `list`, or the code itself when it was removed from the list.
pub fn label_of(list: &[Choice], code: &str) -> String {
    list.iter().find(|c| c.code == code).map_or_else(|| code.to_owned(), |c| c.label.clone())
}

/// One contact person as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct ContactForm {
    /// Name.
    pub name: String,
    /// Position (jabatan).
    pub position: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
}

/// A checked contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
}

/// The partner form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct PartnerForm {
    /// The Bapas it works with (public id; the admin chooses, a Kabapas gets their own).
    pub bapas_id: String,
    /// Name.
    pub name: String,
    /// Kind code, one of the configured kinds.
    pub kind: String,
    /// Street address.
    pub address: String,
    /// Kecamatan or kabupaten covered, as written.
    pub area: String,
    /// Office phone.
    pub phone: String,
    /// Office e-mail.
    pub email: String,
    /// Service codes from the catalogue.
    pub services: Vec<String>,
    /// Contact persons; blank rows are dropped.
    pub contacts: Vec<ContactForm>,
    /// Notes.
    pub notes: String,
    /// For a Pokmas Lipas: text form of [`PokmasDomain`].
    pub pokmas_domain: String,
}

/// A checked partner form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerDraft {
    /// Bapas (public id), when given.
    pub bapas_id: Option<Uuid>,
    /// Name.
    pub name: String,
    /// Kind code.
    pub kind: String,
    /// Address.
    pub address: Option<String>,
    /// Area.
    pub area: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Service codes.
    pub services: Vec<String>,
    /// Contacts.
    pub contacts: Vec<Contact>,
    /// Notes.
    pub notes: Option<String>,
    /// A Pokmas Lipas's domain.
    pub pokmas_domain: Option<PokmasDomain>,
}

/// The most contact persons a partner keeps.
pub const MAX_CONTACTS: u16 = 10;
/// Most services one partner offers (more than any configured list holds).
pub const MAX_SERVICES: u16 = 50;
/// Most choices in one configured list (kinds, services).
pub const MAX_CHOICES: u16 = 50;

impl PartnerForm {
    /// Checks the form against the configured kinds and services. Contact rows are checked
    /// field by field as `contacts.N.name`, … so each error lands next to its input.
    pub fn parse(&self, kinds: &[Choice], services: &[Choice]) -> Result<PartnerDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let bapas_id = if self.bapas_id.trim().is_empty() {
            None
        } else {
            crate::office::parse_id(&mut errors, "bapas_id", &self.bapas_id)
        };
        let name = required_text(&mut errors, "name", &self.name, 200);
        let kind = self.kind.trim().to_owned();
        if kind.is_empty() {
            errors.add("kind", Problem::Required);
        } else if !kinds.iter().any(|k| k.code == kind) {
            errors.add("kind", Problem::BadFormat);
        }
        let address = optional_text(&mut errors, "address", &self.address, 300);
        let area = optional_text(&mut errors, "area", &self.area, 200);
        let phone = optional_phone(&mut errors, "phone", &self.phone);
        let email = optional_email(&mut errors, "email", &self.email);
        let chosen = chosen_codes(&mut errors, "services", &self.services, services);
        let mut contacts = Vec::new();
        let contacts_ok = row_count(&mut errors, "contacts", &self.contacts, MAX_CONTACTS);
        for (i, c) in self.contacts.iter().enumerate().filter(|_| contacts_ok) {
            let blank = [&c.name, &c.position, &c.phone, &c.email].iter().all(|f| f.trim().is_empty());
            if blank {
                continue;
            }
            let field = |f: &str| format!("contacts.{i}.{f}");
            contacts.push(Contact {
                name: required_text(&mut errors, &field("name"), &c.name, 120),
                position: optional_text(&mut errors, &field("position"), &c.position, 120),
                phone: optional_phone(&mut errors, &field("phone"), &c.phone),
                email: optional_email(&mut errors, &field("email"), &c.email),
            });
        }
        let notes = optional_text(&mut errors, "notes", &self.notes, 2000);
        let pokmas_domain = if kind == POKMAS_KIND {
            let domain = PokmasDomain::parse(&self.pokmas_domain);
            if domain.is_none() {
                errors.add("pokmas_domain", Problem::Required);
            }
            domain
        } else {
            None
        };
        errors.into_result(PartnerDraft {
            bapas_id,
            name,
            kind,
            address,
            area,
            phone,
            email,
            services: chosen,
            contacts,
            notes,
            pokmas_domain,
        })
    }
}

/// A partner as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerView {
    /// Public id.
    pub id: Uuid,
    /// The Bapas it works with.
    pub bapas: OfficeRef,
    /// Name.
    pub name: String,
    /// Kind code.
    pub kind: String,
    /// Kind label.
    pub kind_label: String,
    /// Address.
    pub address: Option<String>,
    /// Area.
    pub area: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Services offered (labels, catalogue order).
    pub services: Vec<Choice>,
    /// Contact persons.
    pub contacts: Vec<Contact>,
    /// Notes.
    pub notes: Option<String>,
    /// A Pokmas Lipas's domain.
    pub pokmas_domain: Option<PokmasDomain>,
    /// A Pokmas Lipas's members.
    pub pokmas_members: Vec<PokmasMember>,
    /// Whether still active.
    pub active: bool,
    /// Whether the actor may edit it and its agreements.
    pub can_manage: bool,
}

impl PartnerView {
    /// The form for editing it.
    pub fn to_form(&self) -> PartnerForm {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        PartnerForm {
            bapas_id: self.bapas.id.to_string(),
            name: self.name.clone(),
            kind: self.kind.clone(),
            address: text(&self.address),
            area: text(&self.area),
            phone: text(&self.phone),
            email: text(&self.email),
            services: self.services.iter().map(|s| s.code.clone()).collect(),
            contacts: self
                .contacts
                .iter()
                .map(|c| ContactForm {
                    name: c.name.clone(),
                    position: text(&c.position),
                    phone: text(&c.phone),
                    email: text(&c.email),
                })
                .collect(),
            notes: text(&self.notes),
            pokmas_domain: self.pokmas_domain.map(|d| d.as_str().to_owned()).unwrap_or_default(),
        }
    }
}

/// Filters of the partner list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerFilter {
    /// Search text (name, area), inactive switch and paging.
    pub list: ListQuery,
    /// Only this kind.
    pub kind: Option<String>,
    /// Only those offering this service.
    pub service: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> PartnerForm {
        PartnerForm {
            name: "Dinas Sosial Kota Jakarta Barat".into(),
            kind: "dinsos".into(),
            services: vec!["bpjs".into(), "psikososial".into(), "bpjs".into()],
            contacts: vec![
                ContactForm { name: "Rudi".into(), position: "Kabid Rehsos".into(), ..Default::default() },
                ContactForm::default(),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_partner_with_its_services_and_contacts() {
        let draft = form().parse(&default_kinds(), &default_services()).expect("valid");
        assert_eq!(draft.services, ["bpjs", "psikososial"], "deduplicated");
        assert_eq!(draft.contacts.len(), 1, "blank rows dropped");
    }

    #[test]
    fn kinds_and_services_come_from_the_configured_lists() {
        let bad = PartnerForm { kind: "bank".into(), services: vec!["kredit".into()], ..form() };
        let errors =
            bad.parse(&default_kinds(), &default_services()).err().and_then(|e| e.field_errors().cloned());
        let errors = errors.unwrap_or_default();
        assert_eq!(errors.get("kind"), Some(Problem::BadFormat));
        assert_eq!(errors.get("services"), Some(Problem::BadFormat));
    }

    #[test]
    fn a_pokmas_needs_its_domain_and_members_a_kind() {
        let pokmas = PartnerForm { kind: POKMAS_KIND.into(), ..form() };
        let errors =
            pokmas.parse(&default_kinds(), &default_services()).err().and_then(|e| e.field_errors().cloned());
        assert_eq!(errors.unwrap_or_default().get("pokmas_domain"), Some(Problem::Required));
        let ok = PartnerForm { pokmas_domain: "hukum_masyarakat".into(), ..pokmas };
        let draft = ok.parse(&default_kinds(), &default_services()).expect("valid");
        assert_eq!(draft.pokmas_domain, Some(PokmasDomain::HukumMasyarakat));
        let member = PokmasMemberForm {
            name: "Bengkel Las Maju".into(),
            kind: "organisasi".into(),
            ..Default::default()
        };
        assert!(member.parse().is_ok_and(|m| m.organisation));
        assert!(PokmasMemberForm { kind: String::new(), ..member }.parse().is_err());
    }

    #[test]
    fn choice_lists_round_trip_and_refuse_bad_lines() {
        let kinds = default_kinds();
        assert_eq!(parse_choices("kinds", &choices_text(&kinds)), Ok(kinds));
        assert!(parse_choices("kinds", "Dinas Sosial").is_err(), "no code");
        assert!(parse_choices("kinds", "dinsos: A\ndinsos: B").is_err(), "twice");
        assert!(parse_choices("kinds", "Din Sos: A").is_err(), "code with capitals and spaces");
        assert!(parse_choices("kinds", " \n").is_err(), "empty");
        assert_eq!(label_of(&default_kinds(), "bank"), "bank");
    }

    #[test]
    fn contact_errors_point_at_their_row() {
        let mut f = form();
        f.contacts.push(ContactForm {
            position: "Staf".into(),
            email: "bukan-email".into(),
            ..Default::default()
        });
        let errors =
            f.parse(&default_kinds(), &default_services()).err().and_then(|e| e.field_errors().cloned());
        let errors = errors.unwrap_or_default();
        assert_eq!(errors.get("contacts.2.name"), Some(Problem::Required));
        assert!(errors.get("contacts.2.email").is_some());
    }
}
