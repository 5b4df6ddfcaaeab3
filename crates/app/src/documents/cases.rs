//! The children's cases as a spreadsheet, as the `/abh` list shows them: the child's name
//! only where the list shows it (initials otherwise), never a NIK.

use pamong_domain::abh::case::AbhCaseRow;
use pamong_domain::export::ExportFormat;
use pamong_service::ServiceResult;
use pamong_service::exports::{Cell, ExportFile, TableWriter};

use super::official;
use crate::i18n::*;

/// The children's cases: register number, the child (name or initials), stage, offence and PK.
pub fn abh_cases_table(rows: &[AbhCaseRow], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, table_register).to_string(),
        t_string!(i18n, abh_child).to_string(),
        t_string!(i18n, table_stage).to_string(),
        t_string!(i18n, abh_offence).to_string(),
        t_string!(i18n, table_officer).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Perkara anak", &headings)?;
    for r in rows {
        out.row(&[
            Cell::Text(&r.child.register_number),
            Cell::Text(&r.child.full_name),
            Cell::Text(&crate::text::abh::stage(i18n, r.stage)),
            Cell::Text(&r.offence),
            Cell::maybe(r.child.pk.as_ref().map(|p| p.name.as_str())),
        ])?;
    }
    out.finish("perkara-anak")
}
