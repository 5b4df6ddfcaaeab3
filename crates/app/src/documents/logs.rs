//! The logs as spreadsheets, as their pages list them: the audit log (one row per change,
//! its fields in one cell), the access log of children's records (case numbers only, as the
//! page) and the export log. Times are written on the office's clock with its zone.

use pamong_domain::abh::case::AccessRow;
use pamong_domain::export::ExportFormat;
use pamong_domain::logs::{AuditRow, ExportRow};
use pamong_service::ServiceResult;
use pamong_service::exports::{Cell, ExportFile, TableWriter};

use super::official;
use crate::i18n::*;
use crate::pages::logs::{audit_action, audit_entity, export_kind};
use crate::text::abh::instant;

/// The audit log: when, who, what was done to which record, the client, what changed.
pub fn audit_table(rows: &[AuditRow], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, table_time).to_string(),
        t_string!(i18n, table_user).to_string(),
        t_string!(i18n, table_action).to_string(),
        t_string!(i18n, table_record_kind).to_string(),
        t_string!(i18n, table_record).to_string(),
        t_string!(i18n, table_register).to_string(),
        t_string!(i18n, table_changes).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Audit", &headings)?;
    for r in rows {
        let changes = r
            .changes
            .iter()
            .map(|c| {
                let (old, new) = (c.old.as_deref().unwrap_or("—"), c.new.as_deref().unwrap_or("—"));
                format!("{}: {old} → {new}", c.field)
            })
            .collect::<Vec<_>>()
            .join("; ");
        out.row(&[
            Cell::Text(&instant(r.at, r.zone)),
            Cell::Text(&r.user),
            Cell::Text(&audit_action(i18n, &r.action)),
            Cell::Text(&audit_entity(i18n, &r.entity)),
            Cell::Text(&r.record),
            Cell::maybe(r.client.as_ref().map(|(_, register)| register.as_str())),
            Cell::Text(&changes),
        ])?;
    }
    out.finish("log-audit")
}

/// The access log: when, who, which case, and the reason given for breaking the glass.
pub fn access_table(rows: &[AccessRow], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, table_time).to_string(),
        t_string!(i18n, table_user).to_string(),
        t_string!(i18n, table_record).to_string(),
        t_string!(i18n, table_reason).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Akses", &headings)?;
    for r in rows {
        out.row(&[
            Cell::Text(&instant(r.at, r.zone)),
            Cell::Text(&r.user),
            Cell::Text(&r.record),
            Cell::maybe(r.reason.as_deref()),
        ])?;
    }
    out.finish("log-akses")
}

/// The export log: when, who, what kind, what was asked for, how many records.
pub fn export_log_table(rows: &[ExportRow], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, table_time).to_string(),
        t_string!(i18n, table_user).to_string(),
        t_string!(i18n, table_export_kind).to_string(),
        t_string!(i18n, table_asked).to_string(),
        t_string!(i18n, table_rows).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Ekspor", &headings)?;
    for r in rows {
        out.row(&[
            Cell::Text(&instant(r.at, r.zone)),
            Cell::Text(&r.user),
            Cell::Text(&export_kind(i18n, r.kind)),
            Cell::Text(&r.filter),
            Cell::Number(r.rows),
        ])?;
    }
    out.finish("log-ekspor")
}
