//! Partner institutions (mitra) and their cooperation agreements (PKS): the directory (here),
//! a partner's page and editor, an agreement's page and editor, the expiry reminders, and
//! the admin's lists of kinds and services.

pub mod agreement;
pub mod choices;
pub mod detail;
pub mod edit;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::agreements::{AgreementStatus, Reminder};
use pamong_domain::partners::PartnerFilter;
use server_fn::ServerFn;

use crate::api::partners::{ExportPartners, agreement_reminders, list_partners, load_partner_setup};
use crate::app::{ErrorPage, Loading};
use crate::components::list::{Pagination, query_string, use_list_query};
use crate::components::{DownloadLinks, PageTitle};
use crate::i18n::*;
use crate::routes;
use crate::text;

/// An agreement status's words and badge class.
pub fn status_badge(i18n: crate::text::I18n, status: AgreementStatus) -> impl IntoView {
    let (class, label) = match status {
        AgreementStatus::Draft => ("badge badge--muted", t_string!(i18n, pks_draft).to_string()),
        AgreementStatus::Active => ("badge badge--ok", t_string!(i18n, pks_active).to_string()),
        AgreementStatus::Expiring => ("badge badge--warn", t_string!(i18n, pks_expiring).to_string()),
        AgreementStatus::Expired => ("badge badge--muted", t_string!(i18n, pks_expired).to_string()),
        AgreementStatus::Terminated => ("badge badge--muted", t_string!(i18n, pks_terminated).to_string()),
    };
    view! { <span class=class data-testid="pks-status">{label}</span> }
}

/// `/mitra`: the partner directory, searchable and filtered by kind and service.
#[component]
pub fn PartnerListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    let params = use_query_map();
    let filter = Memo::new(move |_| PartnerFilter {
        list: query.get(),
        kind: params.with(|p| p.get("jenis")).filter(|k| !k.is_empty()),
        service: params.with(|p| p.get("layanan")).filter(|s| !s.is_empty()),
    });
    let setup = Resource::new(|| (), |_| load_partner_setup());
    let rows = Resource::new(move || filter.get(), list_partners);
    view! {
        <PageTitle text=move || t_string!(i18n, partners_title).to_string() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let setup = match setup.await {
                    Ok(s) => s,
                    Err(e) => return view! { <ErrorPage error=e /> }.into_any(),
                };
                let current = filter.get_untracked();
                let option = |code: String, label: String, chosen: Option<String>| {
                    let selected = chosen.as_deref() == Some(code.as_str());
                    view! { <option value=code selected=selected>{label}</option> }
                };
                view! {
                    <div class="page-head">
                        <h1>{move || t_string!(i18n, partners_title)}</h1>
                        <a class="button button--secondary" href=routes::KERJA_SOSIAL>{move || t_string!(i18n, ks_sites_title)}</a>
                        {setup.can_add.then(|| view! { <a class="button" href="/mitra/baru">{move || t_string!(i18n, partner_new)}</a> })}
                    </div>
                    <crate::components::form::SavedNotice />
                    <form class="search filters" role="search" method="GET" action="/mitra">
                        <label class="visually-hidden" for="q">{move || t_string!(i18n, search)}</label>
                        <input class="input search__input" id="q" type="search" name="q"
                            placeholder=move || t_string!(i18n, partners_search).to_string() value=current.list.q.clone() />
                        <select class="input input--select" name="jenis" aria-label=move || t_string!(i18n, partner_kind).to_string()>
                            <option value="">{move || t_string!(i18n, partner_all_kinds)}</option>
                            {setup.kinds.iter().map(|k| option(k.code.clone(), k.label.clone(), current.kind.clone())).collect_view()}
                        </select>
                        <select class="input input--select" name="layanan" aria-label=move || t_string!(i18n, partner_services).to_string()>
                            <option value="">{move || t_string!(i18n, partner_all_services)}</option>
                            {setup.services.iter().map(|s| option(s.code.clone(), s.label.clone(), current.service.clone())).collect_view()}
                        </select>
                        <button class="button button--secondary" type="submit">{move || t_string!(i18n, search)}</button>
                    </form>
                    <DownloadLinks path=ExportPartners::PATH stem="mitra" query=query_string(&[
                        ("q", &current.list.q),
                        ("jenis", current.kind.as_deref().unwrap_or_default()),
                        ("layanan", current.service.as_deref().unwrap_or_default()),
                    ]) />
                }
                .into_any()
            })}
        </Suspense>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <p class="card empty">{move || t_string!(i18n, partners_empty)}</p> }.into_any(),
                    Ok(page) => {
                        let (current, pages, total) = (page.page, page.page_count(), page.total);
                        view! {
                            <ul class="client-list" data-testid="partner-list">
                                {page.items.into_iter().map(|p| view! {
                                    <li class="client-line card">
                                        <div class="client-line__head">
                                            <a class="client-line__name" href=routes::partner(p.id)>{p.name.clone()}</a>
                                            <span class="badge">{p.kind_label.clone()}</span>
                                        </div>
                                        <p class="client-line__meta muted">
                                            {p.area.clone().unwrap_or_default()}
                                            {(!p.services.is_empty()).then(|| format!(" · {}", p.services.iter().map(|s| s.label.clone()).collect::<Vec<_>>().join(", ")))}
                                        </p>
                                        <p class="client-line__meta muted">{p.bapas.name.clone()}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                            <Pagination page=current pages=pages total=total />
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// Agreements ending within 90 days, for the admin's and the Kabapas's home page.
#[component]
pub fn ReminderPanel() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(|| (), |_| agreement_reminders());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) if rows.is_empty() => ().into_any(),
                    Ok(rows) => view! {
                        <section class="deadlines-panel" data-testid="pks-reminders">
                            <h2>{move || t_string!(i18n, pks_reminders)}</h2>
                            <ul class="deadlines">
                                {rows.into_iter().map(|r| {
                                    let a = r.agreement;
                                    let urgent = r.reminder == Reminder::ThirtyDays;
                                    let days = a.days_left;
                                    view! {
                                        <li class=if urgent { "clock clock--urgent card" } else { "clock card" }>
                                            <a class="clock__what" href=routes::agreement(a.id)>{a.number.clone()} " · " {a.partner.name.clone()}</a>
                                            <p>{a.title.clone()}</p>
                                            <p class="clock__state">{move || t_string!(i18n, pks_ends_in, days = days, date = text::date(a.end_on))}</p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
