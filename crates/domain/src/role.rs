//! The roles of Pamong's users and the office level each belongs to.

use serde::{Deserialize, Serialize};

/// What a user is in the organisation. Access rules hang off this (see the service's policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// National system administrator.
    Admin,
    /// Ditjenpas headquarters: reads the figures of every Kanwil and Bapas, never a name.
    Pusat,
    /// Regional office (Kanwil Ditjenpas) staff: oversight of the Bapas in one province.
    Kanwil,
    /// Head of a Bapas (Kepala Bapas).
    Kabapas,
    /// Probation officer (Pembimbing Kemasyarakatan).
    Pk,
    /// Coordinator of a Kelayan Binter group.
    Koordinator,
    /// User from a partner agency.
    Mitra,
}

/// The kind of office a role's user is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfficeLevel {
    /// No office: national.
    National,
    /// A Kanwil (regional office).
    Kanwil,
    /// A Bapas (probation office).
    Bapas,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 7] =
        [Role::Admin, Role::Pusat, Role::Kanwil, Role::Kabapas, Role::Pk, Role::Koordinator, Role::Mitra];

    /// The stable text form stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Pusat => "pusat",
            Role::Kanwil => "kanwil",
            Role::Kabapas => "kabapas",
            Role::Pk => "pk",
            Role::Koordinator => "koordinator",
            Role::Mitra => "mitra",
        }
    }

    /// Parses the text form; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    /// Which office a user of this role must be attached to.
    pub fn office_level(self) -> OfficeLevel {
        match self {
            Role::Admin | Role::Pusat => OfficeLevel::National,
            Role::Kanwil => OfficeLevel::Kanwil,
            Role::Kabapas | Role::Pk | Role::Koordinator | Role::Mitra => OfficeLevel::Bapas,
        }
    }

    /// The roles a user of this role may give to users they create or edit. An admin may give
    /// any role; a Kabapas staffs their own office below themselves; nobody else manages users.
    pub fn assignable_roles(self) -> &'static [Role] {
        match self {
            Role::Admin => &Role::ALL,
            Role::Kabapas => &[Role::Pk, Role::Koordinator, Role::Mitra],
            Role::Pusat | Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse(" pk "), Some(Role::Pk));
        assert_eq!(Role::parse("PK"), None);
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_admin_and_kabapas_assign_roles() {
        assert_eq!(Role::Admin.assignable_roles().len(), Role::ALL.len());
        assert!(!Role::Kabapas.assignable_roles().contains(&Role::Kabapas));
        assert!(!Role::Kabapas.assignable_roles().contains(&Role::Admin));
        for role in [Role::Pusat, Role::Kanwil, Role::Pk, Role::Koordinator, Role::Mitra] {
            assert!(role.assignable_roles().is_empty());
        }
    }

    #[test]
    fn office_levels() {
        assert_eq!(Role::Admin.office_level(), OfficeLevel::National);
        assert_eq!(Role::Kanwil.office_level(), OfficeLevel::Kanwil);
        assert_eq!(Role::Mitra.office_level(), OfficeLevel::Bapas);
    }
}
