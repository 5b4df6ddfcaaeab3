//! The admin's lists as spreadsheets, as their pages list them: the users (with their office,
//! role and last sign-in) and the partner directory (with services and contact persons). Both
//! name staff and institutions, never a client.

use pamong_domain::export::ExportFormat;
use pamong_domain::partners::PartnerView;
use pamong_domain::user::UserView;
use pamong_service::ServiceResult;
use pamong_service::exports::{Cell, ExportFile, TableWriter};

use super::official;
use crate::i18n::*;
use crate::pages::users::role_label;
use crate::text::abh::instant;

/// "Aktif" or "Nonaktif".
pub(super) fn active_text(i18n: crate::text::I18n, active: bool) -> String {
    if active { t_string!(i18n, active).to_string() } else { t_string!(i18n, inactive).to_string() }
}

/// The users: name, login, NIP, role, office, contact, status, last sign-in (in WIB: a user
/// of the Kanwil or headquarters has no office clock).
pub fn users_table(rows: &[UserView], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, user_full_name).to_string(),
        t_string!(i18n, username).to_string(),
        t_string!(i18n, user_nip).to_string(),
        t_string!(i18n, user_role).to_string(),
        t_string!(i18n, user_office).to_string(),
        t_string!(i18n, user_email).to_string(),
        t_string!(i18n, user_phone).to_string(),
        t_string!(i18n, status).to_string(),
        t_string!(i18n, user_last_login).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Pengguna", &headings)?;
    for u in rows {
        let office = u.bapas.as_ref().or(u.kanwil.as_ref()).map(|o| o.name.as_str());
        let last = u.last_login_at.map(|at| instant(at, pamong_domain::office::Zone::Wib));
        out.row(&[
            Cell::Text(&u.full_name),
            Cell::Text(&u.username),
            Cell::maybe(u.nip.as_deref()),
            Cell::Text(&role_label(i18n, u.role)),
            Cell::maybe(office),
            Cell::maybe(u.email.as_deref()),
            Cell::maybe(u.phone.as_deref()),
            Cell::Text(&active_text(i18n, u.active)),
            Cell::maybe(last.as_deref()),
        ])?;
    }
    out.finish("pengguna")
}

/// The partner directory: each institution with its kind, office, area, address, contact,
/// services and contact persons (one cell each, `;`-separated).
pub fn partners_table(rows: &[PartnerView], format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, partner_name).to_string(),
        t_string!(i18n, partner_kind).to_string(),
        t_string!(i18n, partner_bapas).to_string(),
        t_string!(i18n, partner_area).to_string(),
        t_string!(i18n, partner_address).to_string(),
        t_string!(i18n, user_phone).to_string(),
        t_string!(i18n, partner_email).to_string(),
        t_string!(i18n, partner_services).to_string(),
        t_string!(i18n, partner_contacts).to_string(),
        t_string!(i18n, status).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Mitra", &headings)?;
    for p in rows {
        let services = p.services.iter().map(|s| s.label.as_str()).collect::<Vec<_>>().join("; ");
        let contacts = p
            .contacts
            .iter()
            .map(|c| {
                let details: Vec<&str> = [c.position.as_deref(), c.phone.as_deref(), c.email.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                if details.is_empty() {
                    c.name.clone()
                } else {
                    format!("{} ({})", c.name, details.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        out.row(&[
            Cell::Text(&p.name),
            Cell::Text(&p.kind_label),
            Cell::Text(&p.bapas.name),
            Cell::maybe(p.area.as_deref()),
            Cell::maybe(p.address.as_deref()),
            Cell::maybe(p.phone.as_deref()),
            Cell::maybe(p.email.as_deref()),
            Cell::Text(&services),
            Cell::Text(&contacts),
            Cell::Text(&active_text(i18n, p.active)),
        ])?;
    }
    out.finish("mitra")
}
