//! Files written from what the pages show (server only), in the pages' own translations:
//! the printable documents as PDF (the Litmas on the office's letterhead, the kerja sosial
//! hours statement, the monthly report), set in type by `pamong_service::exports::pdf`, and
//! the dashboards' tables, the logs and the lists (clients aside: the service writes that
//! one a thousand rows at a time) as spreadsheets. A document handed to a court, a
//! prosecutor or the Kanwil is official, and a table goes on to other offices: both are
//! written in Bahasa Indonesia whatever language the reader's screen is in.

mod cases;
mod lists;
mod litmas;
mod logs;
mod offices;
mod plans;
mod programmes;
mod report;
mod sites;
mod statement;
mod vitals;

pub use cases::abh_cases_table;
pub use lists::{partners_table, users_table};
pub use litmas::litmas;
pub use logs::{access_table, audit_table, export_log_table};
pub use offices::{bapas_table, kanwil_table};
pub use plans::action_plans_table;
pub use programmes::{groups_table, programmes_table};
pub use report::monthly_report;
pub use sites::work_sites_table;
pub use statement::statement;
pub use vitals::{office_table, region_table};

use leptos::prelude::*;
use pamong_domain::export::file_stem as stem;
use pamong_domain::office::Zone;
use time::OffsetDateTime;

use crate::i18n::*;
use crate::text::I18n;

/// Translations in Bahasa Indonesia, for a document's text.
fn official() -> I18n {
    leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(Locale::id)))
}

/// The line at the foot of every page: where and when it was printed.
fn footer(i18n: I18n, office: &str, at: OffsetDateTime, zone: Zone) -> String {
    t_string!(i18n, pdf_footer, office = office, at = crate::text::abh::instant(at, zone)).to_string()
}
