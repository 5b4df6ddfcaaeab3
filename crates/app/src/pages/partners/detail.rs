//! `/mitra/:id`: a partner institution — contacts, services, notes — and its agreements.

use leptos::prelude::*;
use server_fn::ServerFn;

use super::status_badge;
use crate::api::partners::{PartnerPage, load_partner};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::i18n::*;
use crate::pages::clients::use_client_id;
use crate::routes;
use crate::text;

/// The partner's page.
#[component]
pub fn PartnerPageView() -> impl IntoView {
    let id = use_client_id();
    let data = Resource::new(move || id.get(), |id| async move { load_partner(id?).await });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Partner data=d /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Partner(data: PartnerPage) -> impl IntoView {
    let i18n = use_i18n();
    let p = data.partner;
    let id = p.id;
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    view! {
        <PageTitle text=p.name.clone() />
        <p class="breadcrumb"><a href="/mitra">"← " {move || t_string!(i18n, partners_title)}</a></p>
        <crate::components::form::SavedNotice />
        <div class="page-head">
            <h1 data-testid="partner-name">{p.name.clone()}</h1>
            <span class="badge">{p.kind_label.clone()}</span>
        </div>
        {p.can_manage.then(|| view! {
            <nav class="actions">
                <a class="button" href=routes::new_agreement(id)>{move || t_string!(i18n, pks_new)}</a>
                <a class="button button--secondary" href=routes::partner_edit(id)>{move || t_string!(i18n, edit)}</a>
            </nav>
        })}
        <section class="card">
            <dl class="summary">
                <div><dt>{move || t_string!(i18n, partner_bapas)}</dt><dd>{p.bapas.name.clone()}</dd></div>
                <div><dt>{move || t_string!(i18n, partner_area)}</dt><dd>{dash(&p.area)}</dd></div>
                <div><dt>{move || t_string!(i18n, partner_address)}</dt><dd>{dash(&p.address)}</dd></div>
                <div><dt>{move || t_string!(i18n, client_phone)}</dt><dd>{dash(&p.phone)}</dd></div>
                <div><dt>{move || t_string!(i18n, partner_email)}</dt><dd>{dash(&p.email)}</dd></div>
                <div><dt>{move || t_string!(i18n, partner_services)}</dt>
                    <dd>{if p.services.is_empty() { "—".to_owned() } else { p.services.iter().map(|s| s.label.clone()).collect::<Vec<_>>().join(", ") }}</dd></div>
                {p.notes.clone().map(|n| view! { <div><dt>{move || t_string!(i18n, field_notes)}</dt><dd>{n}</dd></div> })}
            </dl>
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, partner_contacts)}</h2>
            {p.contacts.is_empty().then(|| view! { <p class="muted">"—"</p> })}
            <ul class="plain contacts">
                {p.contacts.iter().map(|c| view! {
                    <li class="contact">
                        <strong>{c.name.clone()}</strong>
                        {c.position.clone().map(|r| view! { " · " {r} })}
                        {c.phone.clone().map(|ph| view! { <br /><a href=format!("tel:{ph}")>{ph.clone()}</a> })}
                        {c.email.clone().map(|em| view! { <br /><a href=format!("mailto:{em}")>{em.clone()}</a> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        {p.pokmas_domain.map(|d| view! { <Pokmas domain=d members=p.pokmas_members.clone() partner=id can_manage=p.can_manage /> })}
        {p.can_manage.then(|| view! { <crate::pages::referrals::PartnerUsers partner=id /> })}
        <section class="card">
            <h2>{move || t_string!(i18n, pks_title)}</h2>
            {data.agreements.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, pks_none)}</p> })}
            <ul class="plain agreements" data-testid="pks-list">
                {data.agreements.into_iter().map(|a| view! {
                    <li class="agreement">
                        <a href=routes::agreement(a.id)><strong>{a.number.clone()}</strong></a> " " {status_badge(i18n, a.status)}
                        <br />{a.title.clone()}
                        <br /><span class="muted">{text::date(a.start_on)} " – " {text::date(a.end_on)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A Pokmas Lipas's domain and members, with the form to add one.
#[component]
fn Pokmas(
    domain: pamong_domain::partners::PokmasDomain,
    members: Vec<pamong_domain::partners::PokmasMember>,
    partner: uuid::Uuid,
    can_manage: bool,
) -> impl IntoView {
    use pamong_domain::FieldErrors;

    use crate::components::{ErrorBanner, PostForm, SelectField, TextField};
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("individu".to_owned());
    let role = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<crate::error::AppError>);
    let kinds = Signal::derive(move || {
        vec![
            ("individu".to_owned(), t_string!(i18n, pokmas_individual).to_string()),
            ("organisasi".to_owned(), t_string!(i18n, pokmas_organisation).to_string()),
        ]
    });
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        <section class="card" data-testid="pokmas">
            <h2>{move || t_string!(i18n, pokmas_members)}</h2>
            <p class="muted">{move || t_string!(i18n, pokmas_domain)} ": " {move || super::edit::pokmas_domain_text(i18n, domain)}</p>
            {members.is_empty().then(|| view! { <p class="muted">"—"</p> })}
            <ul class="plain contacts">
                {members.into_iter().map(|m| {
                    let organisation = m.organisation;
                    view! {
                        <li class="contact">
                            <strong>{m.name.clone()}</strong> " · "
                            {move || if organisation { t_string!(i18n, pokmas_organisation).to_string() } else { t_string!(i18n, pokmas_individual).to_string() }}
                            {m.role.clone().map(|r| view! { <br />{r} })}
                            {m.phone.clone().map(|ph| view! { <br /><a href=format!("tel:{ph}")>{ph.clone()}</a> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_manage.then(|| view! {
                <details open=crate::components::post::was_refused(crate::api::partners::AddPokmasMember::PATH)>
                    <summary class="button button--secondary">{move || t_string!(i18n, pokmas_add)}</summary>
                    <PostForm to=crate::api::partners::AddPokmasMember::PATH next=routes::saved(&routes::partner(partner))
                        hidden=vec![("id", partner.to_string())] errors=errors failure=failure class="form">
                        <ErrorBanner error=failure />
                        <TextField name="name" label=label(|i| t_string!(i, partner_contact_name).to_string()) value=name errors=errors />
                        <SelectField name="kind" label=label(|i| t_string!(i, pokmas_member_kind).to_string()) value=kind errors=errors options=kinds />
                        <TextField name="role" label=label(|i| t_string!(i, pokmas_role).to_string()) value=role errors=errors optional=true />
                        <TextField name="phone" label=label(|i| t_string!(i, client_phone).to_string()) value=phone errors=errors optional=true kind="tel" />
                        <button class="button" type="submit">{move || t_string!(i18n, save)}</button>
                    </PostForm>
                </details>
            })}
        </section>
    }
}
