//! The home page: who you are, where you work, and what lies within your remit.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::users::home_counts;
use crate::app::{ErrorPage, Loading, Me};
use crate::i18n::*;
use crate::text;

/// Greeting, office and role, and counts of what the user may manage.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let Me(user) = expect_context::<Me>();
    let counts = Resource::new(|| (), |_| home_counts());
    // Officers and the Kabapas start their day with the Today list (the signed-in user is
    // already loaded when a page renders, so this does not wait).
    let has_today = move || matches!(user.get(), Some(Ok(Some(u))) if matches!(u.role, pamong_domain::Role::Pk | pamong_domain::Role::Kabapas));
    let is_partner = move || matches!(user.get(), Some(Ok(Some(u))) if u.role == pamong_domain::Role::Mitra);
    let coordinates =
        move || matches!(user.get(), Some(Ok(Some(u))) if u.role == pamong_domain::Role::Koordinator);
    // The admin and the Kabapas keep the cooperation agreements: those ending soon come first.
    let keeps_partners = move || matches!(user.get(), Some(Ok(Some(u))) if matches!(u.role, pamong_domain::Role::Admin | pamong_domain::Role::Kabapas));
    // A PK's own child-case clocks; the Kabapas sees the office's.
    let is_pk = move || matches!(user.get(), Some(Ok(Some(u))) if u.role == pamong_domain::Role::Pk);
    view! {
        <Title text=move || t_string!(i18n, nav_home).to_string() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let Ok(Some(me)) = user.await else { return view! { <Loading /> }.into_any() };
                let name = me.full_name.clone();
                let office = me.bapas.clone().or(me.kanwil.clone()).map(|o| o.name);
                let role = me.role;
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
                    <dl class="summary card" hidden=matches!(role, pamong_domain::Role::Pk | pamong_domain::Role::Kabapas)>
                        <div><dt>{move || t_string!(i18n, home_your_role)}</dt><dd>{move || text::role(i18n, role)}</dd></div>
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
