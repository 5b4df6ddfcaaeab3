//! What the oversight logs show: the audit trail (who changed what and when) and the export
//! log (who took client data out of the system, when, what they asked for and how much),
//! beside the access log of children's records.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::office::Zone;
use crate::page::ListQuery;

text_enum! {
    /// What was exported.
    ExportKind {
        /// The client list (its text dates from when CSV was the only format).
        ClientList => "clients_csv",
        /// The outcome evaluation's table.
        Evaluation => "evaluation",
        /// The clients behind a figure of the dashboard.
        VitalList => "vital_list",
        /// Everything held about one client (UU PDP 27/2022 art. 7), as JSON or a page.
        DataSubject => "data_subject",
        /// A Litmas on the office's letterhead, as PDF.
        Litmas => "litmas_pdf",
        /// A kerja sosial hours statement, as PDF.
        HoursStatement => "ks_statement_pdf",
        /// An office's monthly reintegration report, as PDF.
        MonthlyReport => "monthly_report_pdf",
        /// The report of a spreadsheet import of clients: each row and what became of it.
        ImportReport => "import_report",
        /// An office's dashboard figures, per PK.
        OfficeVitals => "office_vitals",
        /// The regional (or national) comparison of the figures.
        RegionVitals => "region_vitals",
        /// The audit log, as searched.
        AuditLog => "audit_log",
        /// The access log of children's records, as searched.
        AccessLog => "access_log",
        /// The export log itself, as searched.
        ExportLog => "export_log",
        /// The users, as searched.
        UserList => "user_list",
        /// The partner directory, as searched.
        PartnerList => "partner_list",
        /// The children's cases, as searched.
        AbhCaseList => "abh_case_list",
        /// The programme catalogue.
        ProgrammeList => "programme_list",
        /// The Kelayan Binter groups.
        GroupList => "group_list",
        /// The kerja sosial work sites.
        WorkSiteList => "work_site_list",
        /// An office's action plans, one row per objective.
        ActionPlanList => "action_plan_list",
        /// The Kanwil, as searched.
        KanwilList => "kanwil_list",
        /// The Bapas, as searched.
        BapasList => "bapas_list",
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

/// One field of a change: what it was and what it became (`None`: empty or absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's name as the record keeps it.
    pub field: String,
    /// Before.
    pub old: Option<String>,
    /// After.
    pub new: Option<String>,
}

/// One row of the audit trail: who did what to which record, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// When.
    pub at: OffsetDateTime,
    /// Who (full name and login name).
    pub user: String,
    /// What they did (`create`, `update`, `status`, …).
    pub action: String,
    /// The kind of record (`client`, `client_report`, `referral`, …).
    pub entity: String,
    /// The record's id.
    pub record: String,
    /// The client the record is about, with their register number, when it is about one.
    pub client: Option<(Uuid, String)>,
    /// The fields it changed (free text about a child withheld).
    pub changes: Vec<FieldChange>,
    /// The zone the time is shown in (the office's).
    pub zone: Zone,
}

/// Longest kind of record a search of the audit log may name.
pub const ENTITY_MAX: usize = 32;

/// Filters of the audit log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Search (who, or a record's id or register number) and paging.
    pub list: ListQuery,
    /// Only one kind of record (`client_report`, …).
    pub entity: Option<String>,
}

impl AuditFilter {
    /// The kind of record asked for, if it reads as one (lower-case letters and `_`, at most
    /// [`ENTITY_MAX`]); anything else asks for none.
    pub fn entity(&self) -> Option<&str> {
        self.entity.as_deref().map(str::trim).filter(|e| {
            !e.is_empty() && e.len() <= ENTITY_MAX && e.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entity_filter_is_a_short_lowercase_name_or_nothing() {
        let with = |e: &str| AuditFilter { entity: Some(e.into()), ..AuditFilter::default() };
        assert_eq!(with("client_report").entity(), Some("client_report"));
        assert_eq!(with(" client ").entity(), Some("client"));
        assert_eq!(with("Client").entity(), None);
        assert_eq!(with("x'; drop").entity(), None);
        assert_eq!(with(&"a".repeat(ENTITY_MAX + 1)).entity(), None);
        assert_eq!(AuditFilter::default().entity(), None);
    }
}
