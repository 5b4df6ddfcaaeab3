//! What the oversight logs show: the export log (who took client data out of the system,
//! when, what they asked for and how much), beside the access log of children's records.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::office::Zone;
use crate::page::ListQuery;

text_enum! {
    /// What was exported.
    ExportKind {
        /// The client list, as CSV.
        ClientsCsv => "clients_csv",
        /// Everything held about one client (UU PDP 27/2022 art. 7), as JSON or a page.
        DataSubject => "data_subject",
    }
}

/// One export, as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRow {
    /// When.
    pub at: OffsetDateTime,
    /// Who (full name and login name).
    pub user: String,
    /// What.
    pub kind: ExportKind,
    /// What was asked for, in words: the list's filters, or the client's case number.
    pub filter: String,
    /// How many records left the system.
    pub rows: u64,
    /// The zone the time is shown in (the office's).
    pub zone: Zone,
}

/// Filters of the export log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFilter {
    /// Search (user or what was asked for) and paging.
    pub list: ListQuery,
    /// Only one kind of export.
    pub kind: Option<ExportKind>,
}
