//! Criminogenic needs: the seven domains of the needs instrument (adapted from LSI-R), each
//! rated on its own rather than summed, because each one points at a different programme
//! (family mediation, work training, rehabilitation…).
//!
//! domain.md gives the domains and how many items each has, not the item texts, so a domain
//! is rated by how many of its items the officer found present.

use serde::{Deserialize, Serialize};

/// One need domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NeedDomain {
    /// Keluarga / pasangan.
    Family,
    /// Pendidikan dan pekerjaan.
    EducationWork,
    /// Narkotika dan alkohol.
    DrugsAlcohol,
    /// Pergaulan.
    Social,
    /// Waktu luang.
    Leisure,
    /// Keuangan.
    Finance,
    /// Sikap antisosial.
    AntisocialAttitude,
}

/// How pressing a domain's need is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NeedLevel {
    /// No item present.
    None,
    /// Some items, at most half.
    Some,
    /// More than half the items.
    High,
}

impl NeedDomain {
    /// Every domain, in form order.
    pub const ALL: [NeedDomain; 7] = [
        NeedDomain::Family,
        NeedDomain::EducationWork,
        NeedDomain::DrugsAlcohol,
        NeedDomain::Social,
        NeedDomain::Leisure,
        NeedDomain::Finance,
        NeedDomain::AntisocialAttitude,
    ];

    /// How many items the domain has.
    pub fn items(self) -> u8 {
        match self {
            NeedDomain::Family => 3,
            NeedDomain::EducationWork => 8,
            NeedDomain::DrugsAlcohol => 6,
            NeedDomain::Social => 4,
            NeedDomain::Leisure | NeedDomain::Finance => 2,
            NeedDomain::AntisocialAttitude => 5,
        }
    }

    /// Stable key stored with assessments.
    pub fn key(self) -> &'static str {
        match self {
            NeedDomain::Family => "keluarga",
            NeedDomain::EducationWork => "pendidikan_pekerjaan",
            NeedDomain::DrugsAlcohol => "napza",
            NeedDomain::Social => "pergaulan",
            NeedDomain::Leisure => "waktu_luang",
            NeedDomain::Finance => "keuangan",
            NeedDomain::AntisocialAttitude => "sikap_antisosial",
        }
    }

    /// Parses a key.
    pub fn parse(raw: &str) -> Option<NeedDomain> {
        Self::ALL.into_iter().find(|d| d.key() == raw)
    }

    /// The level `present` items (clamped to the domain's size) amount to.
    pub fn level(self, present: u8) -> NeedLevel {
        let present = present.min(self.items());
        if present == 0 {
            NeedLevel::None
        } else if u16::from(present) * 2 <= u16::from(self.items()) {
            NeedLevel::Some
        } else {
            NeedLevel::High
        }
    }
}

/// The needs part of an assessment: items present per domain, each in `0..=items()`.
pub type NeedRatings = std::collections::BTreeMap<NeedDomain, u8>;

/// Each domain's level from an assessment's ratings, in domain order (a domain not rated has
/// no need).
pub fn levels(ratings: &NeedRatings) -> Vec<(NeedDomain, NeedLevel)> {
    NeedDomain::ALL.iter().map(|&d| (d, d.level(ratings.get(&d).copied().unwrap_or(0)))).collect()
}

/// Checks that no domain claims more items than it has.
pub fn check_ratings(ratings: &NeedRatings) -> Result<(), NeedDomain> {
    match ratings.iter().find(|(domain, present)| **present > domain.items()) {
        Some((domain, _)) => Err(*domain),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seven_domains_have_their_item_counts() {
        let sizes: Vec<u8> = NeedDomain::ALL.iter().map(|d| d.items()).collect();
        assert_eq!(sizes, [3, 8, 6, 4, 2, 2, 5]);
        for d in NeedDomain::ALL {
            assert_eq!(NeedDomain::parse(d.key()), Some(d));
        }
    }

    #[test]
    fn levels_at_their_edges() {
        assert_eq!(NeedDomain::Family.level(0), NeedLevel::None);
        assert_eq!(NeedDomain::Family.level(1), NeedLevel::Some);
        assert_eq!(NeedDomain::Family.level(2), NeedLevel::High, "2 of 3 is more than half");
        assert_eq!(NeedDomain::EducationWork.level(4), NeedLevel::Some, "half is not more than half");
        assert_eq!(NeedDomain::EducationWork.level(5), NeedLevel::High);
        assert_eq!(NeedDomain::Leisure.level(1), NeedLevel::Some);
        assert_eq!(NeedDomain::Leisure.level(200), NeedLevel::High, "clamped");
    }

    #[test]
    fn ratings_beyond_a_domain_are_refused() {
        let mut r = NeedRatings::new();
        r.insert(NeedDomain::Finance, 2);
        assert_eq!(check_ratings(&r), Ok(()));
        r.insert(NeedDomain::Finance, 3);
        assert_eq!(check_ratings(&r), Err(NeedDomain::Finance));
    }
}
