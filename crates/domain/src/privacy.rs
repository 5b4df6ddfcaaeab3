//! The one masking step. The service's policy answers, for a viewer and a record, whether
//! the viewer may see who the record is about ([`Disclosure`]); every DTO that can carry a
//! restricted field (a name, parents, guardian, address, phone, NIK, birth date and place,
//! a home's position, the free text of visits and events, court file numbers) implements
//! [`Redact`], and the service passes it through [`disclose`] with that answer before it
//! leaves. A page never decides what to hide: it shows what arrived.
//!
//! A redacted DTO keeps what the viewer needs to work with the record (the case number, the
//! initials, dates, statuses and clocks) and says that it was masked, so the page can show a
//! lock and the way to ask for access.

mod fields;

use serde::{Deserialize, Serialize};

/// What a viewer may see of the person a record is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Disclosure {
    /// Everything: the viewer has a need to know.
    Full,
    /// Initials and the case number; no identifying field and no free text.
    Masked,
}

impl Disclosure {
    /// Whether the record is masked for the viewer.
    pub fn is_masked(self) -> bool {
        self == Disclosure::Masked
    }

    /// `Masked` when `mask` holds.
    pub fn masked_if(mask: bool) -> Self {
        if mask { Disclosure::Masked } else { Disclosure::Full }
    }
}

/// A DTO with restricted fields. `redact` blanks every one of them (a name becomes its
/// initials); a new restricted field must be added here, and the service's sentinel tests
/// fail when one is forgotten.
pub trait Redact {
    /// Blanks the restricted fields in place.
    fn redact(&mut self);
}

/// The masking step: `value` as the viewer may see it.
pub fn disclose<T: Redact>(mut value: T, disclosure: Disclosure) -> T {
    if disclosure.is_masked() {
        value.redact();
    }
    value
}

impl<T: Redact> Redact for Option<T> {
    fn redact(&mut self) {
        if let Some(v) = self {
            v.redact();
        }
    }
}

impl<T: Redact> Redact for Vec<T> {
    fn redact(&mut self) {
        self.iter_mut().for_each(Redact::redact);
    }
}

/// A person's initials, the masked form of a name: "Rizky Pratama" → "R.P." ("-" for a name
/// with no letter). Initials stay as they are, so masking twice is masking once.
pub fn initials(name: &str) -> String {
    let already = !name.is_empty()
        && name.split('.').filter(|p| !p.is_empty()).all(|p| p.chars().count() == 1)
        && name.ends_with('.');
    if already || name == "-" {
        return name.to_owned();
    }
    let out: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(|c| c.to_uppercase().chain(std::iter::once('.')))
        .collect();
    if out.is_empty() { "-".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Note {
        name: String,
        text: Option<String>,
    }

    impl Redact for Note {
        fn redact(&mut self) {
            self.name = initials(&self.name);
            self.text = None;
        }
    }

    #[test]
    fn masked_values_are_redacted_and_full_ones_kept() {
        let note = || Note { name: "Rizky Pratama".into(), text: Some("Bertemu ibu".into()) };
        assert_eq!(disclose(note(), Disclosure::Full), note());
        assert_eq!(disclose(note(), Disclosure::Masked), Note { name: "R.P.".into(), text: None });
        assert_eq!(disclose(vec![note()], Disclosure::Masked)[0].text, None);
    }

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Rizky  Pratama"), "R.P.");
        assert_eq!(initials("ahmad bin (abdul) rahman"), "A.B.A.R.");
        assert_eq!(initials(""), "-");
        assert_eq!(initials("R.P."), "R.P.", "masking twice is masking once");
        assert_eq!(initials(&initials("Ayu Lestari Wulandari")), "A.L.W.");
    }
}
