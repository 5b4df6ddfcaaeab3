//! `/kerja-sosial/lokasi/:id`: a work site — its partner and agreement, when it takes people,
//! who supervises — and the people placed there now with where their hours stand.

use leptos::prelude::*;
use pamong_domain::kerja_sosial::{PlacementView, SiteView};

use super::ledger::PlacementCard;
use super::{clock, days_text};
use crate::api::kerja_sosial::work_site;
use crate::app::{ErrorPage, Loading};
use crate::components::{PageTitle, SavedNotice};
use crate::i18n::*;
use crate::pages::use_record_id;
use crate::routes;

/// The site's page.
#[component]
pub fn SitePage() -> impl IntoView {
    let id = use_record_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id? {
                Some(id) => work_site(id).await,
                None => Err(crate::error::AppError::Kind(pamong_domain::ErrorKind::NotFound)),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((site, people)) => view! { <Site site=site people=people /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Site(site: SiteView, people: Vec<PlacementView>) -> impl IntoView {
    let i18n = use_i18n();
    let days = site.days;
    let here = routes::work_site(site.id);
    let yes_no =
        move |b: bool| if b { t_string!(i18n, yes).to_string() } else { t_string!(i18n, no).to_string() };
    let (women, children) = (site.suits_women, site.suits_children);
    view! {
        <PageTitle text=site.name.clone() />
        <SavedNotice />
        <p class="breadcrumb"><a href=routes::KERJA_SOSIAL>"← " {move || t_string!(i18n, ks_sites_title)}</a></p>
        <div class="page-head">
            <h1>{site.name.clone()}</h1>
            {site.can_edit.then(|| view! { <a class="button button--secondary" href=routes::work_site_edit(site.id)>{move || t_string!(i18n, edit)}</a> })}
        </div>
        {(!site.agreement_in_force).then(|| view! { <p class="notice card" role="status">{move || t_string!(i18n, ks_no_pks_long)}</p> })}
        <dl class="summary card">
            <div><dt>{move || t_string!(i18n, ks_partner)}</dt><dd><a href=routes::partner(site.partner.id)>{site.partner.name.clone()}</a></dd></div>
            <div><dt>{move || t_string!(i18n, ks_agreement)}</dt><dd>{site.agreement.clone().map(|a| a.name).unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>{move || t_string!(i18n, partner_address)}</dt><dd>{site.address.clone()} {site.area.clone().map(|a| format!(", {a}"))}</dd></div>
            <div><dt>{move || t_string!(i18n, ks_work_kind)}</dt><dd>{site.work_kind.clone()}</dd></div>
            <div><dt>{move || t_string!(i18n, ks_when)}</dt><dd>{move || days_text(i18n, days)} " " {clock(site.opens)} "–" {clock(site.closes)}</dd></div>
            <div><dt>{move || t_string!(i18n, ks_capacity)}</dt><dd>{move || t_string!(i18n, ks_placed_of, placed = site.placed, capacity = site.capacity)}</dd></div>
            <div><dt>{move || t_string!(i18n, ks_supervisor)}</dt><dd>{site.supervisor_label().unwrap_or_default()} {site.supervisor_phone.clone().map(|p| format!(" · {p}"))}</dd></div>
            <div><dt>{move || t_string!(i18n, ks_suits_women)}</dt><dd>{move || yes_no(women)}</dd></div>
            <div><dt>{move || t_string!(i18n, ks_suits_children)}</dt><dd>{move || yes_no(children)}</dd></div>
        </dl>
        <h2>{move || t_string!(i18n, ks_people_here)}</h2>
        {people.is_empty().then(|| view! { <p class="card empty">{move || t_string!(i18n, ks_nobody_placed)}</p> })}
        {people.into_iter().map(|p| view! { <PlacementCard p=p back=here.clone() person=true /> }).collect_view()}
    }
}
