//! RRI (Risiko Residivis Indonesia), part A: the weighted items that score a client's risk
//! of reoffending, and the bands the score falls in.
//!
//! The items, weights and bands come from third-party copies of the official form
//! (Kepdirjenpas PAS-31.OT.02.02/2021), so they are *data*: an [`Instrument`] with a version,
//! which the server stores and every assessment records. [`Instrument::part_a_2021`] is the
//! default. The scoring fn is here so the phone shows score and band live while the officer
//! ticks items, and the server recomputes the same way.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::reporting::RiskBand;

/// One answer an item allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Stable key stored with assessments.
    pub key: String,
    /// Label in Bahasa Indonesia.
    pub label_id: String,
    /// Label in English.
    pub label_en: String,
    /// Points this answer adds.
    pub weight: u16,
}

/// One item of the instrument. Its first choice is the default ("tidak" / none), weight 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable key stored with assessments.
    pub key: String,
    /// Question in Bahasa Indonesia.
    pub label_id: String,
    /// Question in English.
    pub label_en: String,
    /// The answers, default first.
    pub choices: Vec<Choice>,
}

/// A score range and its band, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandRange {
    /// The band.
    pub band: RiskBand,
    /// Lowest score in the band.
    pub min: u16,
    /// Highest score in the band.
    pub max: u16,
}

/// A versioned instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    /// Version recorded with every assessment, e.g. `rri-a-2021.1`.
    pub version: String,
    /// Items in form order.
    pub items: Vec<Item>,
    /// Bands from lowest to highest score.
    pub bands: Vec<BandRange>,
}

/// The answers of one assessment: item key → choice key. A missing item counts as its
/// default (first) choice.
pub type Answers = BTreeMap<String, String>;

/// A computed score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// Points.
    pub total: u16,
    /// The band the points fall in.
    pub band: RiskBand,
}

/// Why an instrument or a set of answers cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum RriError {
    /// An answer names an item the instrument does not have.
    #[error("unknown item {0}")]
    UnknownItem(String),
    /// An answer names a choice its item does not have.
    #[error("unknown choice {choice} for item {item}")]
    UnknownChoice {
        /// The item.
        item: String,
        /// The choice given.
        choice: String,
    },
    /// The instrument's bands leave a score without a band, or give it two.
    #[error("bands do not cover scores 0 to {max} exactly once")]
    BadBands {
        /// The highest score the items allow.
        max: u16,
    },
    /// An item has no choices, or its first choice is not worth 0, or keys repeat.
    #[error("item {0} is malformed")]
    BadItem(String),
}

fn choice(key: &str, label_id: &str, label_en: &str, weight: u16) -> Choice {
    Choice { key: key.into(), label_id: label_id.into(), label_en: label_en.into(), weight }
}

fn yes_no(key: &str, label_id: &str, label_en: &str, weight: u16) -> Item {
    Item {
        key: key.into(),
        label_id: label_id.into(),
        label_en: label_en.into(),
        choices: vec![choice("tidak", "Tidak", "No", 0), choice("ya", "Ya", "Yes", weight)],
    }
}

impl Instrument {
    /// Part A as published in 2021 (from third-party copies of the form; the official annex
    /// may differ, which is why an admin can load another version).
    pub fn part_a_2021() -> Instrument {
        let items = vec![
            yes_no(
                "first_detained_16",
                "Pertama kali ditahan pada usia 16 tahun atau kurang",
                "First detained at age 16 or younger",
                3,
            ),
            yes_no("prior_prison", "Pernah dipidana penjara sebelumnya", "Prior prison sentence", 1),
            yes_no(
                "charges_3plus",
                "Didakwa 3 pasal atau lebih pada perkara ini",
                "Three or more articles charged now",
                1,
            ),
            yes_no(
                "breach_reintegration",
                "Pernah melanggar ketentuan saat program reintegrasi",
                "Breach during an earlier reintegration programme",
                1,
            ),
            Item {
                key: "prior_convictions".into(),
                label_id: "Jumlah putusan pidana sebelumnya".into(),
                label_en: "Prior convictions".into(),
                choices: vec![
                    choice("none", "Tidak ada", "None", 0),
                    choice("1_2", "1–2 kali", "1–2", 2),
                    choice("3_plus", "3 kali atau lebih", "3 or more", 4),
                ],
            },
            yes_no(
                "misconduct",
                "Pelanggaran tata tertib di rutan/lapas atau di Bapas",
                "Misconduct in custody or at the Bapas",
                1,
            ),
            yes_no(
                "school_expelled",
                "Pernah dikeluarkan atau diskors dari sekolah",
                "Expelled or suspended from school",
                1,
            ),
            yes_no(
                "family_record",
                "Keluarga atau pasangan pernah berurusan dengan hukum",
                "Family or partner with a justice record",
                1,
            ),
            Item {
                key: "substance".into(),
                label_id: "Penyalahgunaan zat".into(),
                label_en: "Substance misuse".into(),
                choices: vec![
                    choice("none", "Tidak ada", "None", 0),
                    choice("alcohol", "Alkohol", "Alcohol", 1),
                    choice("narcotics", "Narkotika", "Narcotics", 2),
                    choice("both", "Alkohol dan narkotika", "Both", 3),
                ],
            },
            yes_no("unemployed_12m", "Menganggur 12 bulan atau lebih", "Unemployed 12 months or more", 1),
        ];
        let bands = vec![
            BandRange { band: RiskBand::Rendah, min: 0, max: 6 },
            BandRange { band: RiskBand::Sedang, min: 7, max: 11 },
            BandRange { band: RiskBand::Tinggi, min: 12, max: 15 },
            BandRange { band: RiskBand::SangatTinggi, min: 16, max: 17 },
        ];
        Instrument { version: "rri-a-2021.1".into(), items, bands }
    }

    /// The highest score the items allow.
    pub fn max_score(&self) -> u16 {
        self.items.iter().map(|i| i.choices.iter().map(|c| c.weight).max().unwrap_or(0)).sum()
    }

    /// Checks that the instrument can score every set of answers: items well formed with
    /// unique keys, and every score from 0 to the maximum in exactly one band.
    pub fn check(&self) -> Result<(), RriError> {
        let mut item_keys = std::collections::BTreeSet::new();
        for item in &self.items {
            let mut choice_keys = std::collections::BTreeSet::new();
            let first_is_zero = item.choices.first().is_some_and(|c| c.weight == 0);
            let unique = item.choices.iter().all(|c| choice_keys.insert(c.key.as_str()));
            if !first_is_zero || !unique || !item_keys.insert(item.key.as_str()) {
                return Err(RriError::BadItem(item.key.clone()));
            }
        }
        let max = self.max_score();
        for score in 0..=max {
            let matching = self.bands.iter().filter(|b| b.min <= score && score <= b.max).count();
            if matching != 1 {
                return Err(RriError::BadBands { max });
            }
        }
        Ok(())
    }

    /// Scores a set of answers. Unanswered items count as their default (0 points).
    pub fn score(&self, answers: &Answers) -> Result<Score, RriError> {
        for key in answers.keys() {
            if !self.items.iter().any(|i| &i.key == key) {
                return Err(RriError::UnknownItem(key.clone()));
            }
        }
        let mut total = 0u16;
        for item in &self.items {
            if let Some(chosen) = answers.get(&item.key) {
                let choice = item.choices.iter().find(|c| &c.key == chosen).ok_or_else(|| {
                    RriError::UnknownChoice { item: item.key.clone(), choice: chosen.clone() }
                })?;
                total = total.saturating_add(choice.weight);
            }
        }
        let band = self
            .bands
            .iter()
            .find(|b| b.min <= total && total <= b.max)
            .map(|b| b.band)
            .ok_or(RriError::BadBands { max: self.max_score() })?;
        Ok(Score { total, band })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn default_instrument_is_consistent() {
        let rri = Instrument::part_a_2021();
        assert_eq!(rri.items.len(), 10);
        assert_eq!(rri.max_score(), 17);
        assert_eq!(rri.check(), Ok(()));
    }

    #[test]
    fn nothing_ticked_is_rendah_zero() {
        let s = Instrument::part_a_2021().score(&Answers::new()).unwrap();
        assert_eq!((s.total, s.band), (0, RiskBand::Rendah));
    }

    #[test]
    fn band_edges() {
        let rri = Instrument::part_a_2021();
        let six = answers(&[("first_detained_16", "ya"), ("prior_convictions", "1_2"), ("misconduct", "ya")]);
        assert_eq!(rri.score(&six).unwrap(), Score { total: 6, band: RiskBand::Rendah });
        let mut seven = six.clone();
        seven.insert("unemployed_12m".into(), "ya".into());
        assert_eq!(rri.score(&seven).unwrap(), Score { total: 7, band: RiskBand::Sedang });
        let eleven = answers(&[
            ("first_detained_16", "ya"),
            ("prior_convictions", "3_plus"),
            ("substance", "both"),
            ("prior_prison", "ya"),
        ]);
        assert_eq!(rri.score(&eleven).unwrap(), Score { total: 11, band: RiskBand::Sedang });
        let mut twelve = eleven.clone();
        twelve.insert("misconduct".into(), "ya".into());
        assert_eq!(rri.score(&twelve).unwrap(), Score { total: 12, band: RiskBand::Tinggi });
        let mut fifteen = twelve.clone();
        for k in ["charges_3plus", "breach_reintegration", "school_expelled"] {
            fifteen.insert(k.into(), "ya".into());
        }
        assert_eq!(rri.score(&fifteen).unwrap(), Score { total: 15, band: RiskBand::Tinggi });
        let mut sixteen = fifteen.clone();
        sixteen.insert("family_record".into(), "ya".into());
        assert_eq!(rri.score(&sixteen).unwrap(), Score { total: 16, band: RiskBand::SangatTinggi });
        let mut all = sixteen.clone();
        all.insert("unemployed_12m".into(), "ya".into());
        assert_eq!(rri.score(&all).unwrap(), Score { total: 17, band: RiskBand::SangatTinggi });
    }

    #[test]
    fn unknown_answers_are_refused() {
        let rri = Instrument::part_a_2021();
        assert_eq!(
            rri.score(&answers(&[("shoe_size", "ya")])),
            Err(RriError::UnknownItem("shoe_size".into()))
        );
        assert!(matches!(
            rri.score(&answers(&[("substance", "coffee")])),
            Err(RriError::UnknownChoice { .. })
        ));
    }

    #[test]
    fn gaps_and_overlaps_in_bands_are_caught() {
        let mut gap = Instrument::part_a_2021();
        gap.bands[1].min = 8;
        assert_eq!(gap.check(), Err(RriError::BadBands { max: 17 }));
        let mut overlap = Instrument::part_a_2021();
        overlap.bands[1].max = 12;
        assert_eq!(overlap.check(), Err(RriError::BadBands { max: 17 }));
        let mut short = Instrument::part_a_2021();
        short.bands.pop();
        assert_eq!(short.check(), Err(RriError::BadBands { max: 17 }));
        let mut dup = Instrument::part_a_2021();
        dup.items[1].key = dup.items[0].key.clone();
        assert!(matches!(dup.check(), Err(RriError::BadItem(_))));
    }
}
