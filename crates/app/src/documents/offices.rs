//! The offices as spreadsheets, as their lists show them: the Kanwil (with how many active
//! Bapas each has) and the Bapas (with their class, Kanwil, time zone, address, telephone and
//! the regencies they cover).

use pamong_domain::export::ExportFormat;
use pamong_domain::office::{BapasView, KanwilView};
use pamong_service::ServiceResult;
use pamong_service::exports::{Cell, ExportFile, TableWriter};

use super::lists::active_text;
use super::official;
use crate::i18n::*;
use crate::pages::bapas::class_text;

/// The Kanwil: province code, name, active Bapas, status.
pub fn kanwil_table(rows: &[KanwilView], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, kanwil_province_code).to_string(),
        t_string!(i18n, kanwil_name).to_string(),
        t_string!(i18n, kanwil_bapas_count).to_string(),
        t_string!(i18n, status).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Kanwil", &headings)?;
    for k in rows {
        out.row(&[
            Cell::Text(&k.province_code),
            Cell::Text(&k.name),
            Cell::Number(k.bapas_count),
            Cell::Text(&active_text(i18n, k.active)),
        ])?;
    }
    out.finish("kanwil")
}

/// The Bapas: code, name, class, Kanwil, time zone, address, telephone, coverage, status.
pub fn bapas_table(rows: &[BapasView], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, bapas_code).to_string(),
        t_string!(i18n, bapas_name).to_string(),
        t_string!(i18n, bapas_class).to_string(),
        t_string!(i18n, bapas_kanwil).to_string(),
        t_string!(i18n, bapas_zone).to_string(),
        t_string!(i18n, bapas_address).to_string(),
        t_string!(i18n, bapas_phone).to_string(),
        t_string!(i18n, bapas_coverage).to_string(),
        t_string!(i18n, status).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Bapas", &headings)?;
    for b in rows {
        // One line for the cell: "3171 Kota Jakarta Pusat; 3173 Kota Jakarta Barat".
        let coverage =
            b.coverage.iter().map(|c| format!("{} {}", c.code, c.name)).collect::<Vec<_>>().join("; ");
        out.row(&[
            Cell::Text(&b.code),
            Cell::Text(&b.name),
            Cell::Text(&class_text(i18n, b.class)),
            Cell::Text(&b.kanwil.name),
            Cell::Text(b.zone.label()),
            Cell::maybe(b.address.as_deref()),
            Cell::maybe(b.phone.as_deref()),
            Cell::Text(&coverage),
            Cell::Text(&active_text(i18n, b.active)),
        ])?;
    }
    out.finish("bapas")
}
