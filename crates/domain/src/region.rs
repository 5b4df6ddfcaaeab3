//! Kemendagri region codes: province `PP`, kabupaten/kota `PP.KK`, kecamatan `PP.KK.CC` and
//! kelurahan/desa `PP.KK.CC.DDDD`.
//!
//! The list itself changes with every decree, so it is imported by an admin, never embedded;
//! this module only knows the shape of a code and where it sits in the tree.

use serde::{Deserialize, Serialize};

use crate::office::{KabKotaCode, ProvinceCode};

/// The four levels of the region tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RegionLevel {
    /// Provinsi.
    Province,
    /// Kabupaten or kota.
    Regency,
    /// Kecamatan.
    District,
    /// Kelurahan or desa.
    Village,
}

impl RegionLevel {
    /// 1 for provinces down to 4 for villages.
    pub fn depth(self) -> u8 {
        match self {
            RegionLevel::Province => 1,
            RegionLevel::Regency => 2,
            RegionLevel::District => 3,
            RegionLevel::Village => 4,
        }
    }

    /// The level of a depth from 1 to 4.
    pub fn from_depth(depth: u8) -> Option<RegionLevel> {
        match depth {
            1 => Some(RegionLevel::Province),
            2 => Some(RegionLevel::Regency),
            3 => Some(RegionLevel::District),
            4 => Some(RegionLevel::Village),
            _ => None,
        }
    }
}

/// A well-formed region code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RegionCode(String);

fn two_digits_nonzero(part: &str) -> bool {
    part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()) && part != "00"
}

impl RegionCode {
    /// Parses a dotted code of any level.
    pub fn parse(raw: &str) -> Option<RegionCode> {
        let raw = raw.trim();
        let parts: Vec<&str> = raw.split('.').collect();
        let ok = match parts.as_slice() {
            [p] => ProvinceCode::parse(p).is_some(),
            [_, _] => KabKotaCode::parse(raw).is_some(),
            [p, k, c] => KabKotaCode::parse(&format!("{p}.{k}")).is_some() && two_digits_nonzero(c),
            [p, k, c, d] => {
                KabKotaCode::parse(&format!("{p}.{k}")).is_some()
                    && two_digits_nonzero(c)
                    && d.len() == 4
                    && d.bytes().all(|b| b.is_ascii_digit())
                    && !d.starts_with('0')
            }
            _ => false,
        };
        ok.then(|| RegionCode(raw.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its level.
    pub fn level(&self) -> RegionLevel {
        match self.0.matches('.').count() {
            0 => RegionLevel::Province,
            1 => RegionLevel::Regency,
            2 => RegionLevel::District,
            _ => RegionLevel::Village,
        }
    }

    /// The kecamatan the region lies in, or is (none above kecamatan level).
    pub fn district(&self) -> Option<RegionCode> {
        match self.level() {
            RegionLevel::Province | RegionLevel::Regency => None,
            RegionLevel::District => Some(self.clone()),
            RegionLevel::Village => self.parent(),
        }
    }

    /// The code of the region it lies in (none for a province).
    pub fn parent(&self) -> Option<RegionCode> {
        self.0.rsplit_once('.').map(|(parent, _)| RegionCode(parent.to_owned()))
    }
}

/// One line of an imported region list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionRow {
    /// Its code.
    pub code: RegionCode,
    /// Its name, spaces folded.
    pub name: String,
}

/// Why a line of a region list was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegionRowError {
    /// The code is not a Kemendagri code.
    BadCode,
    /// The name is empty or longer than 120 characters.
    BadName,
}

impl RegionRow {
    /// Checks one `kode,nama` pair.
    pub fn parse(code: &str, name: &str) -> Result<RegionRow, RegionRowError> {
        let code = RegionCode::parse(code).ok_or(RegionRowError::BadCode)?;
        let name = crate::validate::collapse_spaces(name);
        if name.is_empty() || name.chars().count() > 120 {
            return Err(RegionRowError::BadName);
        }
        Ok(RegionRow { code, name })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_parents() {
        let village = RegionCode::parse("31.73.05.1001").unwrap();
        assert_eq!(village.level(), RegionLevel::Village);
        let district = village.parent().unwrap();
        assert_eq!((district.as_str(), district.level()), ("31.73.05", RegionLevel::District));
        let regency = district.parent().unwrap();
        assert_eq!((regency.as_str(), regency.level()), ("31.73", RegionLevel::Regency));
        let province = regency.parent().unwrap();
        assert_eq!((province.as_str(), province.level()), ("31", RegionLevel::Province));
        assert_eq!(province.parent(), None);
        assert_eq!(RegionLevel::from_depth(village.level().depth()), Some(RegionLevel::Village));
        assert_eq!(village.district(), Some(district.clone()));
        assert_eq!(district.district(), Some(district.clone()));
        assert_eq!(regency.district(), None);
    }

    #[test]
    fn code_shapes() {
        for good in ["11", "31.73", "35.09", "31.73.05", "31.73.05.1001", "91.03.01.3007"] {
            assert!(RegionCode::parse(good).is_some(), "{good}");
        }
        for bad in [
            "",
            "kode",
            "1",
            "10",
            "31.70",
            "31.00",
            "31.73.00",
            "31.73.5",
            "31.73.05.0001",
            "31.73.05.101",
            "31.73.05.1001.1",
            "3l.73",
        ] {
            assert!(RegionCode::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn rows() {
        let row = RegionRow::parse("12.07.28.1007", " Lubuk  Pakam I,II ").unwrap();
        assert_eq!(row.name, "Lubuk Pakam I,II");
        assert_eq!(RegionRow::parse("kode", "nama"), Err(RegionRowError::BadCode));
        assert_eq!(RegionRow::parse("31", " "), Err(RegionRowError::BadName));
    }
}
