//! `/metodologi`: how each figure of the dashboards is counted — what, from which records,
//! as of when — one section per figure, which the figure's "cara menghitung" link opens.

use leptos::prelude::*;
use pamong_domain::oversight::vitals::Vital;

use super::vital_name;
use crate::components::PageTitle;
use crate::i18n::*;
use crate::routes;

/// What a figure counts, from which records, as of when.
fn how(i18n: crate::text::I18n, vital: Vital) -> String {
    match vital {
        Vital::ReportsOnTime30 | Vital::ReportsOnTime90 => t_string!(i18n, method_on_time),
        Vital::Overdue => t_string!(i18n, method_overdue),
        Vital::RevocationWarnings => t_string!(i18n, method_revocation),
        Vital::ReassessmentsDue => t_string!(i18n, method_reassessment),
        Vital::SppaClocks => t_string!(i18n, method_sppa),
        Vital::LitmasOnTime => t_string!(i18n, method_litmas),
        Vital::ReferralsAnswered => t_string!(i18n, method_referrals),
        Vital::WorkBehind => t_string!(i18n, method_work_behind),
        Vital::ProgrammeParticipation => t_string!(i18n, method_programmes),
    }
    .to_string()
}

/// The page: a note per figure, then what every figure shares (the day, the comparison,
/// who is counted).
#[component]
pub fn MethodologyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, method_title).to_string() />
        <h1>{move || t_string!(i18n, method_title)}</h1>
        <p class="muted">{move || t_string!(i18n, method_intro)}</p>
        <p class="no-print"><a href=routes::DASHBOARD>{move || t_string!(i18n, dash_back)}</a></p>
        {Vital::ALL.iter().copied().map(|vital| {
            let days = vital.window_days();
            view! {
                <section class="card method" id=vital.as_str() data-testid="method">
                    <h2>{move || vital_name(i18n, vital)}</h2>
                    <p>{move || how(i18n, vital)}</p>
                    {days.map(|days| view! { <p>{move || t_string!(i18n, method_window, days = days)}</p> })}
                    {vital.by_month().then(|| view! { <p>{move || t_string!(i18n, method_month)}</p> })}
                </section>
            }
        }).collect_view()}
        <section class="card method" id="perbandingan" data-testid="method-region">
            <h2>{move || t_string!(i18n, method_region_title)}</h2>
            <p>{move || t_string!(i18n, method_region_outliers)}</p>
            <p>{move || t_string!(i18n, method_region_trend)}</p>
        </section>
        <section class="card method" id="evaluasi" data-testid="method-evaluation">
            <h2>{move || t_string!(i18n, method_eval_title)}</h2>
            <p>{move || t_string!(i18n, method_eval_outcomes)}</p>
            <p>{move || t_string!(i18n, method_eval_closing)}</p>
            <p>{move || t_string!(i18n, method_eval_offences)}</p>
            <p>{move || t_string!(i18n, method_eval_returns)}</p>
            <p>{move || t_string!(i18n, method_eval_caveats)}</p>
        </section>
        <section class="card method" id="umum">
            <h2>{move || t_string!(i18n, method_common_title)}</h2>
            <p>{move || t_string!(i18n, method_common_who)}</p>
            <p>{move || t_string!(i18n, method_common_when)}</p>
            <p>{move || t_string!(i18n, method_common_compare)}</p>
        </section>
    }
}
