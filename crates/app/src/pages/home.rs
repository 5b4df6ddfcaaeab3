//! The home page: who you are, where you work, and what lies within your remit.

use leptos::prelude::*;

use crate::api::users::home_counts;
use crate::app::{ErrorPage, Loading, Me};
use crate::components::PageTitle;
use crate::i18n::*;
use crate::pages::users::role_label;
use crate::routes;

/// Greeting, office and role, and counts of what the user may manage.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let Me(user) = expect_context::<Me>();
    let can = crate::app::use_abilities();
    let counts = Resource::new(|| (), |_| home_counts());
    // Officers and the Kabapas start their day with the Today list (the signed-in user is
    // already loaded when a page renders, so this does not wait).
    let has_today = move || can.get().today;
    let is_partner = move || can.get().answer_referrals;
    let coordinates = move || can.get().coordinate_groups;
    // Those who keep the cooperation agreements see the ones ending soon first.
    let keeps_partners = move || can.get().keep_partners;
    // An officer's own child-case clocks; the Kabapas sees the office's.
    let is_pk = move || can.get().own_caseload;
    view! {
        <PageTitle text=move || t_string!(i18n, nav_home).to_string() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let Ok(Some(me)) = user.await else { return view! { <Loading /> }.into_any() };
                let name = me.full_name.clone();
                let office = me.bapas.clone().or(me.kanwil.clone()).map(|o| o.name);
                let role = me.role;
                let has_today = me.can.today;
                let counts = match counts.await {
                    Ok(c) => c,
                    Err(e) => return view! { <ErrorPage error=e /> }.into_any(),
                };
                let card = move |label: fn(crate::text::I18n) -> String, value: Option<u64>, href: &'static str| {
                    value.map(|v| view! {
                        <a class="stat card" href=href>
                            <span class="stat__value">{v}</span>
                            <span class="stat__label">{move || label(i18n)}</span>
                        </a>
                    })
                };
                view! {
                    <h1>{move || t_string!(i18n, home_greeting, name = name.clone())}</h1>
                    <dl class="summary card" hidden=has_today>
                        <div><dt>{move || t_string!(i18n, home_your_role)}</dt><dd>{move || role_label(i18n, role)}</dd></div>
                        <div>
                            <dt>{move || t_string!(i18n, home_your_office)}</dt>
                            <dd>{office.clone().unwrap_or_else(|| t_string!(i18n, home_no_office).to_string())}</dd>
                        </div>
                    </dl>
                    {(counts.kanwil.is_some() || counts.bapas.is_some() || counts.users.is_some()).then(|| view! {
                        <h2>{move || t_string!(i18n, home_scope_title)}</h2>
                        <div class="stats">
                            {card(|i| t_string!(i, home_kanwil_count).to_string(), counts.kanwil, "/admin/kanwil")}
                            {card(|i| t_string!(i, home_bapas_count).to_string(), counts.bapas, "/admin/bapas")}
                            {card(|i| t_string!(i, home_user_count).to_string(), counts.users, "/admin/pengguna")}
                        </div>
                    })}
                }
                .into_any()
            })}
        </Suspense>
        // Whoever reads an office's figures starts from its vitals.
        <Show when=move || can.get().figures>
            <p class="actions">
                <a class="button" href=routes::DASHBOARD data-testid="home-dashboard">{move || t_string!(i18n, dash_title)}</a>
                <Show when=move || can.get().compare_offices>
                    " " <a class="button button--secondary" href=routes::REGION_DASHBOARD data-testid="home-region">{move || t_string!(i18n, region_open)}</a>
                </Show>
                " " <a class="button button--secondary" href=routes::EVALUATION data-testid="home-evaluation">{move || t_string!(i18n, eval_title)}</a>
            </p>
        </Show>
        // The Kanwil reads the logs and figures of its region here, the admin the country's
        // figures; the Kabapas reaches both from the office page.
        <Show when=move || (can.get().access_log || can.get().figures || can.get().audit_log) && !can.get().office_caseload>
            <section class="card" data-testid="oversight-links">
                <h2>{move || t_string!(i18n, home_oversight)}</h2>
                <p class="actions">
                    <Show when=move || can.get().figures>
                        <a class="button button--secondary" href=routes::NEEDS_MAP data-testid="home-needs-map">{move || t_string!(i18n, map_title)}</a>
                    </Show>
                    <Show when=move || can.get().programmes>
                        <a class="button button--secondary" href=routes::PROGRAMMES data-testid="home-programmes">{move || t_string!(i18n, prog_title)}</a>
                    </Show>
                    <Show when=move || can.get().peduli>
                        <a class="button button--secondary" href=routes::PEDULI data-testid="home-peduli">{move || t_string!(i18n, peduli_title)}</a>
                    </Show>
                    <Show when=move || can.get().figures>
                        <a class="button button--secondary" href=routes::PLANS data-testid="home-plans">{move || t_string!(i18n, plan_title)}</a>
                        <a class="button button--secondary" href=routes::MONTHLY_REPORT data-testid="home-report">{move || t_string!(i18n, report_title)}</a>
                    </Show>
                    <Show when=move || can.get().access_log>
                        <a class="button button--secondary" href=routes::ACCESS_LOG>{move || t_string!(i18n, access_title)}</a>
                        <a class="button button--secondary" href=routes::EXPORT_LOG>{move || t_string!(i18n, exports_title)}</a>
                    </Show>
                    <Show when=move || can.get().audit_log>
                        <a class="button button--secondary" href=routes::AUDIT_LOG data-testid="home-audit">{move || t_string!(i18n, audit_title)}</a>
                    </Show>
                </p>
            </section>
        </Show>
        <Show when=is_partner>
            <crate::pages::referrals::InboxPanel />
        </Show>
        <Show when=coordinates>
            <crate::pages::groups::OpenActionsPanel />
        </Show>
        <Show when=keeps_partners>
            <crate::pages::partners::ReminderPanel />
        </Show>
        <Show when=has_today>
            {move || view! { <crate::pages::abh::DeadlinesPanel mine=is_pk() /> }}
            <Show when=is_pk>
                <crate::pages::referrals::RecentReferralsPanel />
            </Show>
            <crate::pages::clients::today::TodayPanel />
        </Show>
    }
}
