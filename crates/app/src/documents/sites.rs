//! The kerja sosial work sites as a spreadsheet, as their page lists them: each site with its
//! partner and PKS, the work, the days and hours, its places and its supervisor. It names
//! institutions and their staff, never a client.

use pamong_domain::export::ExportFormat;
use pamong_domain::kerja_sosial::SiteView;
use pamong_service::ServiceResult;
use pamong_service::exports::{Cell, ExportFile, TableWriter};

use super::lists::active_text;
use super::official;
use crate::i18n::*;
use crate::pages::kerja_sosial::{clock, days_text};

/// The work sites: name, partner, PKS (and whether it is in force), address, area, work,
/// days, hours, places and how many are placed, supervisor and phone, status.
pub fn work_sites_table(rows: &[SiteView], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, ks_site_name).to_string(),
        t_string!(i18n, ks_partner).to_string(),
        t_string!(i18n, table_agreement).to_string(),
        t_string!(i18n, table_agreement_in_force).to_string(),
        t_string!(i18n, partner_address).to_string(),
        t_string!(i18n, partner_area).to_string(),
        t_string!(i18n, ks_work_kind).to_string(),
        t_string!(i18n, ks_days).to_string(),
        t_string!(i18n, table_hours).to_string(),
        t_string!(i18n, ks_capacity).to_string(),
        t_string!(i18n, table_placed).to_string(),
        t_string!(i18n, ks_supervisor).to_string(),
        t_string!(i18n, user_phone).to_string(),
        t_string!(i18n, status).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Lokasi", &headings)?;
    for s in rows {
        let in_force = if s.agreement_in_force {
            t_string!(i18n, table_yes).to_string()
        } else {
            t_string!(i18n, table_no).to_string()
        };
        let hours = format!("{}–{}", clock(s.opens), clock(s.closes));
        let supervisor = s.supervisor_label();
        out.row(&[
            Cell::Text(&s.name),
            Cell::Text(&s.partner.name),
            Cell::maybe(s.agreement.as_ref().map(|a| a.name.as_str())),
            Cell::Text(&in_force),
            Cell::Text(&s.address),
            Cell::maybe(s.area.as_deref()),
            Cell::Text(&s.work_kind),
            Cell::Text(&days_text(i18n, s.days)),
            Cell::Text(&hours),
            Cell::Number(u64::from(s.capacity)),
            Cell::Number(u64::from(s.placed)),
            Cell::maybe(supervisor.as_deref()),
            Cell::maybe(s.supervisor_phone.as_deref()),
            Cell::Text(&active_text(i18n, s.active)),
        ])?;
    }
    out.finish("lokasi-kerja-sosial")
}
