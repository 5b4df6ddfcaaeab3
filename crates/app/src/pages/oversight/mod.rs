//! Oversight pages: an office's dashboard of vitals, the list behind each figure, the
//! offices of a region side by side, the outcome evaluation, and the methodology note every
//! figure links to.

pub mod dashboard;
pub mod evaluation;
pub mod methodology;
pub mod region;
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
        Vital::SppaClocks => t_string!(i18n, vital_sppa),
        Vital::LitmasOnTime => t_string!(i18n, vital_litmas),
        Vital::ReferralsAnswered => t_string!(i18n, vital_referrals),
        Vital::WorkBehind => t_string!(i18n, vital_work_behind),
        Vital::ProgrammeParticipation => t_string!(i18n, vital_programmes),
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

/// What a share is of ("34 dari 40", or that nothing fell due); nothing for a count.
pub fn share_detail(i18n: crate::text::I18n, tally: Tally) -> Option<String> {
    let of = tally.of?;
    if of == 0 {
        return Some(t_string!(i18n, vital_none_due).to_string());
    }
    Some(t_string!(i18n, vital_share_of, met = tally.count, of = of).to_string())
}

/// For a figure of deadlines decided this month, how many were missed ("2 terlampaui"):
/// the SPPA clocks met and breached, in one line.
pub fn missed_detail(i18n: crate::text::I18n, vital: Vital, tally: Tally) -> Option<String> {
    let missed = tally.of?.checked_sub(tally.count).filter(|m| *m > 0 && vital.by_month())?;
    Some(t_string!(i18n, vital_breached, count = missed).to_string())
}
