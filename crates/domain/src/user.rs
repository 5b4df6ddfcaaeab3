//! Users: who they are, which office they belong to, and the rules for their credentials.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::{OfficeRef, Zone};
use crate::role::{OfficeLevel, Role};
use crate::validate::{optional_email, optional_phone, required_text};

/// Shortest password accepted. Length beats composition rules (NIST SP 800-63B).
pub const MIN_PASSWORD_LEN: u16 = 10;
/// Longest password accepted (argon2 cost grows with input).
pub const MAX_PASSWORD_LEN: u16 = 128;

/// The signed-in user, as every page knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Public id.
    pub id: Uuid,
    /// Login name.
    pub username: String,
    /// Full name.
    pub full_name: String,
    /// Role.
    pub role: Role,
    /// The Kanwil the user belongs to (directly, or through their Bapas).
    pub kanwil: Option<OfficeRef>,
    /// The Bapas the user belongs to.
    pub bapas: Option<OfficeRef>,
    /// The time zone to show times in: the Bapas's, else WIB.
    pub zone: Zone,
    /// What the policy lets them do; pages show and hide by this, never by the role.
    pub can: Abilities,
    /// When the session ends at the latest (its absolute timeout, Unix seconds): nothing the
    /// phone keeps for offline reading outlives it.
    #[serde(default)]
    pub session_ends: Option<i64>,
    /// Notifications not yet read (the number on the bell).
    #[serde(default)]
    pub unread: u64,
}

/// What a signed-in user may do at all, as the service's policy answers it. It travels to
/// the pages with the user, so no page decides by role; the server still checks every call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abilities {
    /// Has a Today list (their own caseload, or the office's).
    pub today: bool,
    /// Their Today covers only their own caseload (an officer), not the office.
    pub own_caseload: bool,
    /// Their phone keeps their own caseload for reading offline and queues check-ins.
    pub keep_offline: bool,
    /// Reads clients (their office's or region's).
    pub clients: bool,
    /// Registers new clients.
    pub register_clients: bool,
    /// Imports clients from a spreadsheet (the Kabapas, into their office).
    pub import_clients: bool,
    /// Sees children's cases in lists (their office's).
    pub children: bool,
    /// Reads each officer's caseload in the office and gives clients to officers.
    pub office_caseload: bool,
    /// Reads the access log of children's records.
    pub access_log: bool,
    /// Reads the export log.
    pub export_log: bool,
    /// Produces a data-subject export of a client (UU PDP).
    pub data_subject_export: bool,
    /// Reads the partner directory.
    pub partners: bool,
    /// Adds and edits partners and agreements.
    pub keep_partners: bool,
    /// Chooses which Bapas a new partner belongs to (otherwise it is their own).
    pub choose_partner_office: bool,
    /// Keeps the lists of partner kinds and services.
    pub partner_choices: bool,
    /// Forms Kelayan Binter groups.
    pub form_groups: bool,
    /// Coordinates Kelayan Binter groups.
    pub coordinate_groups: bool,
    /// Answers referrals addressed to their institution.
    pub answer_referrals: bool,
    /// Keeps the Kanwil and Bapas offices.
    pub manage_offices: bool,
    /// Reads the Bapas offices (their region's, or all).
    pub bapas_offices: bool,
    /// Reads users (their office's, region's, or all).
    pub users: bool,
    /// Reads the office's kerja sosial work sites.
    pub work_sites: bool,
    /// Keeps work sites (the Kabapas, the admin).
    pub keep_work_sites: bool,
    /// Supervises work sites and signs kerja sosial sessions off (a partner's own user).
    pub supervise_sites: bool,
    /// Reads offices' figures: the needs map (their office's, region's, or all).
    pub figures: bool,
    /// Reads reintegration programmes: the office's catalogue, or those their institution
    /// runs.
    pub programmes: bool,
    /// Keeps the office's programme catalogue.
    pub keep_programmes: bool,
    /// Reads (or records) Klien Bapas Peduli activities.
    pub peduli: bool,
    /// Compares offices side by side: their region's (the Kanwil), or every region's.
    pub compare_offices: bool,
    /// Reads the audit trail: records' histories and the office's log (the admin every
    /// office's, the Kabapas their own).
    pub audit_log: bool,
    /// Issues and revokes users' REST API tokens (the admin).
    pub api_tokens: bool,
}

/// A user as the admin pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    /// Public id.
    pub id: Uuid,
    /// Login name.
    pub username: String,
    /// Full name.
    pub full_name: String,
    /// NIP (civil-servant number), when given.
    pub nip: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Role.
    pub role: Role,
    /// Kanwil (for kanwil users, and through the Bapas for Bapas users).
    pub kanwil: Option<OfficeRef>,
    /// Bapas (for Bapas-level roles).
    pub bapas: Option<OfficeRef>,
    /// Whether the user may log in.
    pub active: bool,
    /// Last successful login.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_login_at: Option<OffsetDateTime>,
}

/// The user form as typed. `password` is read only when creating a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct UserForm {
    /// Login name.
    pub username: String,
    /// Full name.
    pub full_name: String,
    /// NIP: 18 digits, optional.
    pub nip: String,
    /// E-mail, optional.
    pub email: String,
    /// Phone, optional.
    pub phone: String,
    /// Role, text form.
    pub role: String,
    /// Public id of the Kanwil (role kanwil) or Bapas (Bapas-level roles); empty for admin.
    pub office_id: String,
    /// Initial password (create only).
    pub password: String,
}

/// A user form that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDraft {
    /// Lower-case login name.
    pub username: String,
    /// Full name.
    pub full_name: String,
    /// NIP.
    pub nip: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Role.
    pub role: Role,
    /// The office id the role needs (`None` for admin).
    pub office_id: Option<Uuid>,
}

impl UserForm {
    /// Checks the profile fields (not the password) and returns the typed draft.
    pub fn parse(&self) -> Result<UserDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let draft = self.parse_into(&mut errors);
        match draft {
            Some(draft) if errors.is_empty() => Ok(draft),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }

    /// Checks the profile fields and the initial password, for creating a user.
    pub fn parse_new(&self) -> Result<(UserDraft, String), ErrorKind> {
        let mut errors = FieldErrors::new();
        let draft = self.parse_into(&mut errors);
        check_password(&mut errors, "password", &self.password, &self.username);
        match draft {
            Some(draft) if errors.is_empty() => Ok((draft, self.password.clone())),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }

    fn parse_into(&self, errors: &mut FieldErrors) -> Option<UserDraft> {
        let username = parse_username(errors, "username", &self.username);
        let full_name = required_text(errors, "full_name", &self.full_name, 120);
        let nip = parse_nip(errors, "nip", &self.nip);
        let email = optional_email(errors, "email", &self.email);
        let phone = optional_phone(errors, "phone", &self.phone);
        let role = if self.role.trim().is_empty() {
            errors.add("role", Problem::Required);
            None
        } else {
            let role = Role::parse(&self.role);
            if role.is_none() {
                errors.add("role", Problem::BadFormat);
            }
            role
        };
        let office_id = match role.map(Role::office_level) {
            Some(OfficeLevel::National) | None => None,
            Some(OfficeLevel::Kanwil | OfficeLevel::Bapas) => {
                crate::office::parse_id(errors, "office_id", &self.office_id)
            }
        };
        Some(UserDraft { username, full_name, nip, email, phone, role: role?, office_id })
    }
}

/// A login name: 3–32 characters of lower-case letters, digits, `.`, `_` or `-`, starting
/// with a letter. Upper case is folded, so "Ana.PK" and "ana.pk" are one user.
pub fn parse_username(errors: &mut FieldErrors, field: &str, raw: &str) -> String {
    let name = raw.trim().to_lowercase();
    if name.is_empty() {
        errors.add(field, Problem::Required);
    } else if name.chars().count() < 3 {
        errors.add(field, Problem::TooShort { min: 3 });
    } else if name.chars().count() > 32 {
        errors.add(field, Problem::TooLong { max: 32 });
    } else if !name.starts_with(|c: char| c.is_ascii_lowercase())
        || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    {
        errors.add(field, Problem::BadFormat);
    }
    name
}

/// NIP: 18 digits (spaces allowed and removed), optional.
fn parse_nip(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<String> {
    let nip: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if nip.is_empty() {
        return None;
    }
    if nip.len() != 18 || !nip.bytes().all(|b| b.is_ascii_digit()) {
        errors.add(field, Problem::BadFormat);
    }
    Some(nip)
}

/// Checks a new password: long enough, not too long, not the login name.
pub fn check_password(errors: &mut FieldErrors, field: &str, password: &str, username: &str) {
    let len = password.chars().count();
    if password.is_empty() {
        errors.add(field, Problem::Required);
    } else if len < usize::from(MIN_PASSWORD_LEN) {
        errors.add(field, Problem::TooShort { min: MIN_PASSWORD_LEN });
    } else if len > usize::from(MAX_PASSWORD_LEN) {
        errors.add(field, Problem::TooLong { max: MAX_PASSWORD_LEN });
    } else if password.trim().eq_ignore_ascii_case(username.trim()) {
        errors.add(field, Problem::NotAllowed);
    }
}

/// The change-password form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    /// The current password (checked on the server).
    pub current: String,
    /// The new password.
    pub new: String,
    /// The new password again.
    pub confirm: String,
}

impl PasswordChange {
    /// Checks the new password's rules and that both copies match.
    pub fn check(&self, username: &str) -> Result<(), ErrorKind> {
        let mut errors = FieldErrors::new();
        if self.current.is_empty() {
            errors.add("current", Problem::Required);
        }
        check_password(&mut errors, "new", &self.new, username);
        if self.confirm != self.new {
            errors.add("confirm", Problem::Mismatch);
        }
        errors.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(role: &str, office: &str) -> UserForm {
        UserForm {
            username: " Siti.PK ".into(),
            full_name: "Siti Rahmawati".into(),
            role: role.into(),
            office_id: office.into(),
            password: "rahasia-panjang".into(),
            ..UserForm::default()
        }
    }

    #[test]
    fn usernames() {
        let mut e = FieldErrors::new();
        assert_eq!(parse_username(&mut e, "u", " Ana.PK "), "ana.pk");
        assert!(e.is_empty());
        for (i, bad) in ["ab", "1abc", "ana pk", "ana@pk", "ánа"].iter().enumerate() {
            let f = format!("f{i}");
            parse_username(&mut e, &f, bad);
            assert!(e.get(&f).is_some(), "{bad}");
        }
    }

    #[test]
    fn office_needed_by_role() {
        let id = Uuid::nil().to_string();
        assert!(form("admin", "").parse().is_ok_and(|d| d.office_id.is_none()));
        assert!(form("pk", &id).parse().is_ok_and(|d| d.office_id.is_some()));
        let missing = form("pk", "").parse().err().and_then(|e| e.field_errors().cloned());
        assert_eq!(missing.and_then(|e| e.get("office_id")), Some(Problem::Required));
        let bad_role = form("root", &id).parse().err().and_then(|e| e.field_errors().cloned());
        assert_eq!(bad_role.and_then(|e| e.get("role")), Some(Problem::BadFormat));
    }

    #[test]
    fn password_rules() {
        let check = |pw: &str| {
            let mut e = FieldErrors::new();
            check_password(&mut e, "p", pw, "ana.pk");
            e.get("p")
        };
        assert_eq!(check(""), Some(Problem::Required));
        assert_eq!(check("123456789"), Some(Problem::TooShort { min: 10 }));
        assert_eq!(check("1234567890"), None);
        assert_eq!(check(&"x".repeat(129)), Some(Problem::TooLong { max: 128 }));
        assert_eq!(check("ANA.PK    "), Some(Problem::NotAllowed));
        let mut e = FieldErrors::new();
        check_password(&mut e, "p", "ana.pk.ana", "ana.pk.ana");
        assert_eq!(e.get("p"), Some(Problem::NotAllowed));
    }

    #[test]
    fn nip_is_18_digits() {
        let mut e = FieldErrors::new();
        assert_eq!(parse_nip(&mut e, "n", "19850101 201001 1 001").as_deref(), Some("198501012010011001"));
        assert!(e.is_empty());
        parse_nip(&mut e, "m", "12345");
        assert_eq!(e.get("m"), Some(Problem::BadFormat));
    }

    #[test]
    fn password_change_must_match() {
        let change =
            PasswordChange { current: "x".into(), new: "panjang-sekali".into(), confirm: "lain".into() };
        let errors = change.check("ana").err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("confirm"), Some(Problem::Mismatch));
        assert_eq!(errors.get("new"), None);
    }
}
