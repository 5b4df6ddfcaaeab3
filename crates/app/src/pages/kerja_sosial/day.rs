//! The site supervisor's day (`/kerja-sosial` for a partner's own user): at each site they
//! supervise, the people placed there, each with the forms to record a day worked (signed off
//! as it is saved) or an absence, and the sessions the PK recorded waiting for sign-off. The
//! phone keeps the page for offline use; what is recorded there waits in the outbox.

use leptos::prelude::*;
use pamong_domain::kerja_sosial::SiteDay;

use super::ledger::PlacementCard;
use super::{clock, days_text};
use crate::api::kerja_sosial::my_site_days;
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The supervisor's day at their sites.
#[component]
pub fn MyDayPage() -> impl IntoView {
    let i18n = use_i18n();
    let days = Resource::new(|| (), |_| my_site_days());
    view! {
        <PageTitle text=move || t_string!(i18n, ks_my_day).to_string() />
        <h1>{move || t_string!(i18n, ks_my_day)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match days.await {
                    Ok(days) if days.is_empty() => view! { <p class="card empty">{move || t_string!(i18n, ks_no_my_sites)}</p> }.into_any(),
                    Ok(days) => {
                        crate::offline::keep_offline(days.iter().all(|d| d.keep_offline));
                        days.into_iter().map(|d| view! { <Day day=d /> }).collect_view().into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Day(day: SiteDay) -> impl IntoView {
    let i18n = use_i18n();
    let SiteDay { site, today, open_today, people, .. } = day;
    let days = site.days;
    view! {
        <section class="site-day" data-testid="site-day">
            <h2>{site.name.clone()}</h2>
            <p class="muted">
                {text::date(today)} " · " {move || days_text(i18n, days)} " " {clock(site.opens)} "–" {clock(site.closes)}
                {(!open_today).then(|| view! { " · " <strong>{move || t_string!(i18n, ks_closed_today)}</strong> })}
            </p>
            {people.is_empty().then(|| view! { <p class="card empty">{move || t_string!(i18n, ks_nobody_placed)}</p> })}
            {people.into_iter().map(|p| view! { <PlacementCard p=p back=routes::KERJA_SOSIAL person=true /> }).collect_view()}
        </section>
    }
}
