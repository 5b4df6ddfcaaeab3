//! Reintegration as spreadsheets, as the pages list it: the programme catalogue (each
//! programme with its office, partner and PKS, where and when it runs, its places and the
//! needs it serves) and the Kelayan Binter groups (with their counts). Neither names a client.

use pamong_domain::export::ExportFormat;
use pamong_domain::groups::GroupRow;
use pamong_domain::reintegration::catalogue::ProgrammeView;
use pamong_service::ServiceResult;
use pamong_service::exports::{Cell, ExportFile, TableWriter};

use super::lists::active_text;
use super::official;
use crate::i18n::*;
use crate::pages::reintegration::needs::item_text;
use crate::pages::reintegration::programmes::kind_text;

/// The catalogue: name, kind, office, partner, PKS (and whether it is in force), place,
/// schedule, period, places and how many are taken, needs served, status.
pub fn programmes_table(rows: &[ProgrammeView], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, prog_name).to_string(),
        t_string!(i18n, prog_kind).to_string(),
        t_string!(i18n, partner_bapas).to_string(),
        t_string!(i18n, table_partner).to_string(),
        t_string!(i18n, table_agreement).to_string(),
        t_string!(i18n, table_agreement_in_force).to_string(),
        t_string!(i18n, prog_place).to_string(),
        t_string!(i18n, prog_schedule).to_string(),
        t_string!(i18n, prog_starts_on).to_string(),
        t_string!(i18n, prog_ends_on).to_string(),
        t_string!(i18n, prog_capacity).to_string(),
        t_string!(i18n, table_taken).to_string(),
        t_string!(i18n, prog_needs).to_string(),
        t_string!(i18n, status).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Program", &headings)?;
    for p in rows {
        let in_force = if p.agreement_in_force {
            t_string!(i18n, table_yes).to_string()
        } else {
            t_string!(i18n, table_no).to_string()
        };
        let needs = p.needs.iter().map(|n| item_text(i18n, *n)).collect::<Vec<_>>().join("; ");
        out.row(&[
            Cell::Text(&p.name),
            Cell::Text(&kind_text(i18n, p.kind)),
            Cell::Text(&p.bapas.name),
            Cell::maybe(p.partner.as_ref().map(|x| x.name.as_str())),
            Cell::maybe(p.agreement.as_ref().map(|x| x.name.as_str())),
            Cell::Text(&in_force),
            Cell::Text(&p.place),
            Cell::maybe(p.schedule.as_deref()),
            Cell::Text(&p.starts_on.to_string()),
            Cell::Text(&p.ends_on.map(|d| d.to_string()).unwrap_or_default()),
            Cell::Number(u64::from(p.capacity)),
            Cell::Number(u64::from(p.taken)),
            Cell::Text(&needs),
            Cell::Text(&active_text(i18n, p.active)),
        ])?;
    }
    out.finish("program")
}

/// The Kelayan Binter groups: name, kecamatan, coordinator, members, open and overdue action
/// items.
pub fn groups_table(rows: &[GroupRow], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, group_name).to_string(),
        t_string!(i18n, group_areas).to_string(),
        t_string!(i18n, group_coordinator).to_string(),
        t_string!(i18n, table_members).to_string(),
        t_string!(i18n, table_open_actions).to_string(),
        t_string!(i18n, table_overdue_actions).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Kelompok", &headings)?;
    for g in rows {
        let (open, overdue) = g.open_actions;
        out.row(&[
            Cell::Text(&g.name),
            Cell::Text(&g.areas.join("; ")),
            Cell::maybe(g.coordinator.as_deref()),
            Cell::Number(g.members as u64),
            Cell::Number(open as u64),
            Cell::Number(overdue as u64),
        ])?;
    }
    out.finish("kelompok")
}
