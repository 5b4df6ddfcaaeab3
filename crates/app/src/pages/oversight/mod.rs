//! Oversight pages: an office's dashboard of vitals, the list behind each figure, and the
//! methodology note every figure links to.

pub mod dashboard;
pub mod methodology;
pub mod vital_list;

use pamong_domain::oversight::vitals::{Tally, Vital};

use crate::i18n::*;

/// A figure's name.
pub fn vital_name(i18n: crate::text::I18n, vital: Vital) -> String {
    match vital {
        Vital::ReportsOnTime30 => t_string!(i18n, vital_on_time_30),
        Vital::ReportsOnTime90 => t_string!(i18n, vital_on_time_90),
        Vital::Overdue => t_string!(i18n, vital_overdue),
        Vital::RevocationWarnings => t_string!(i18n, vital_revocation),
        Vital::ReassessmentsDue => t_string!(i18n, vital_reassessment),
        Vital::WorkBehind => t_string!(i18n, vital_work_behind),
    }
    .to_string()
}

/// A figure's value as the dashboard writes it: "85%" or "12"; "—" for a share with nothing
/// due.
pub fn figure_text(tally: Tally) -> String {
    match (tally.of, tally.percent()) {
        (Some(_), Some(p)) => format!("{p}%"),
        (Some(_), None) => "—".to_owned(),
        (None, _) => tally.count.to_string(),
    }
}

/// What a share is of ("34 dari 40"); nothing for a count.
pub fn share_detail(i18n: crate::text::I18n, tally: Tally) -> Option<String> {
    let of = tally.of?;
    Some(t_string!(i18n, vital_share_of, met = tally.count, of = of).to_string())
}
