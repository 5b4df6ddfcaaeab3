//! A data-subject export (UU PDP 27/2022 art. 7): everything Pamong holds about one client,
//! table by table, as the Kabapas hands it to the person it is about (or to whoever the law
//! lets ask). It is built from the stored rows themselves, so a new column cannot be left out.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::office::Zone;

/// Everything held about one client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectExport {
    /// The client's public id.
    pub client_id: Uuid,
    /// Their case number.
    pub register_number: String,
    /// Their name.
    pub full_name: String,
    /// The supervising office.
    pub office: String,
    /// When the export was made.
    pub generated_at: OffsetDateTime,
    /// The office's time zone, to show that time in.
    pub zone: Zone,
    /// One section per table holding rows about the client, in a fixed order.
    pub sections: Vec<SubjectSection>,
}

/// The rows of one table about the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectSection {
    /// The table's name as stored (`client_reports`, …).
    pub table: String,
    /// Each row as `(column, value)` pairs, internal keys left out.
    pub records: Vec<Vec<(String, String)>>,
}

impl SubjectExport {
    /// How many rows the export holds in all.
    pub fn record_count(&self) -> u64 {
        self.sections.iter().map(|s| s.records.len() as u64).sum()
    }
}
