//! The Kabapas's office view: each PK's active caseload by risk band (reassignment happens
//! on the client's page), and transfers from other offices waiting for a decision.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::caseload::{OfficerLoad, TransferView};
use pamong_domain::reporting::{Frequency, ReportingFrequencies, RiskBand};
use server_fn::ServerFn;

use crate::api::clients::{
    DecideTransfer, SaveReportingFrequencies, load_office_caseload, office_reporting_frequencies,
};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::post::posted_name;
use crate::components::{ErrorBanner, PostForm};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;
use crate::text;

/// `/kantor`.
#[component]
pub fn OfficePage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_office_caseload());
    view! {
        <PageTitle text=move || t_string!(i18n, office_title).to_string() />
        <div class="page-head">
            <h1>{move || t_string!(i18n, office_title)}</h1>
            <a class="button" href=routes::DASHBOARD data-testid="office-dashboard">{move || t_string!(i18n, dash_title)}</a>
            <a class="button button--secondary" href=routes::IMPORTS data-testid="office-import">{move || t_string!(i18n, import_title)}</a>
            <a class="button button--secondary" href="/kelompok">{move || t_string!(i18n, groups_title)}</a>
            <a class="button button--secondary" href="/mitra">{move || t_string!(i18n, partners_title)}</a>
            <a class="button button--secondary" href=routes::KERJA_SOSIAL data-testid="office-sites">{move || t_string!(i18n, ks_sites_title)}</a>
            <a class="button button--secondary" href=routes::NEEDS_MAP data-testid="office-needs-map">{move || t_string!(i18n, map_title)}</a>
            <a class="button button--secondary" href=routes::PROGRAMMES data-testid="office-programmes">{move || t_string!(i18n, prog_title)}</a>
            <a class="button button--secondary" href=routes::PLANS data-testid="office-plans">{move || t_string!(i18n, plan_title)}</a>
            <a class="button button--secondary" href=routes::PEDULI data-testid="office-peduli">{move || t_string!(i18n, peduli_title)}</a>
            <a class="button button--secondary" href=routes::MONTHLY_REPORT data-testid="office-report">{move || t_string!(i18n, report_title)}</a>
            <a class="button button--secondary" href=routes::ACCESS_LOG>{move || t_string!(i18n, access_title)}</a>
            <a class="button button--secondary" href=routes::EXPORT_LOG>{move || t_string!(i18n, exports_title)}</a>
            <a class="button button--secondary" href=routes::AUDIT_LOG data-testid="office-audit">{move || t_string!(i18n, audit_title)}</a>
        </div>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(office) => view! {
                        <Incoming transfers=office.incoming />
                        <Loads loads=office.loads />
                        <Frequencies />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Loads(loads: Vec<OfficerLoad>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{move || t_string!(i18n, office_loads)}</h2>
        <table class="table table--loads" data-testid="officer-loads">
            <thead>
                <tr>
                    <th>"PK"</th>
                    {RiskBand::ALL.into_iter().map(|b| view! { <th>{move || text::band(i18n, Some(b))}</th> }).collect_view()}
                    <th>{move || text::band(i18n, None)}</th>
                    <th>{move || t_string!(i18n, office_total)}</th>
                </tr>
            </thead>
            <tbody>
                {loads
                    .into_iter()
                    .map(|l| {
                        let total = l.total();
                        let (name, href) = match &l.pk {
                            Some(p) => (p.name.clone(), routes::clients_of(p.id)),
                            None => (t_string!(i18n, office_unassigned).to_string(), "/klien?pk=tanpa".to_owned()),
                        };
                        view! {
                            <tr>
                                <td data-label="PK"><a href=href>{name}</a></td>
                                {RiskBand::ALL
                                    .into_iter()
                                    .zip(l.by_band)
                                    .map(|(b, n)| view! { <td data-label=move || text::band(i18n, Some(b))>{n}</td> })
                                    .collect_view()}
                                <td data-label=move || text::band(i18n, None)>{l.unassessed}</td>
                                <td data-label=move || t_string!(i18n, office_total).to_string()><strong>{total}</strong></td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Incoming(transfers: Vec<TransferView>) -> impl IntoView {
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<AppError>);
    if transfers.is_empty() {
        return ().into_any();
    }
    let page = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <section class="card" data-testid="incoming-transfers">
            <h2>{move || t_string!(i18n, office_incoming)}</h2>
            <ErrorBanner error=failure />
            <ul class="plain-list">
                {transfers
                    .into_iter()
                    .map(|t| {
                        let id = t.id;
                        // The clicked button posts its `accept` value.
                        let hidden = vec![("id", id.to_string()), ("note", String::new())];
                        view! {
                            <li>
                                <p><strong>{t.client.name}</strong> " · " {t.from.name} " · " {text::date(t.requested_on)}</p>
                                <p class="muted">{t.reason}</p>
                                <PostForm to=DecideTransfer::PATH next=routes::saved(&page) hidden=hidden scope=None
                                    errors=RwSignal::new(FieldErrors::new()) failure=failure class="form__actions">
                                    <button class="button" type="submit" name="accept" value="true">{move || t_string!(i18n, transfer_accept)}</button>
                                    <button class="button button--secondary" type="submit" name="accept" value="false">{move || t_string!(i18n, transfer_refuse)}</button>
                                </PostForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The frequencies an office may choose, in the order offered.
const FREQUENCIES: [Frequency; 3] = [Frequency::Weekly, Frequency::Fortnightly, Frequency::Monthly];

fn frequency_text(i18n: crate::text::I18n, f: Frequency) -> String {
    match f {
        Frequency::Weekly => t_string!(i18n, frequency_weekly).to_string(),
        Frequency::Fortnightly => t_string!(i18n, frequency_fortnightly).to_string(),
        Frequency::Monthly => t_string!(i18n, frequency_monthly).to_string(),
    }
}

/// The office's reporting frequency per risk band (no statute fixes it).
#[component]
fn Frequencies() -> impl IntoView {
    let i18n = use_i18n();
    let current = Resource::new(|| (), |_| office_reporting_frequencies());
    view! {
        <section class="card" data-testid="frequencies">
            <h2>{move || t_string!(i18n, frequency_title)}</h2>
            <p class="muted">{move || t_string!(i18n, frequency_hint)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match current.await {
                        Ok(f) => view! { <FrequencyForm initial=f /> }.into_any(),
                        Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn FrequencyForm(initial: ReportingFrequencies) -> impl IntoView {
    let i18n = use_i18n();
    let values = [
        RwSignal::new(initial.rendah),
        RwSignal::new(initial.sedang),
        RwSignal::new(initial.tinggi),
        RwSignal::new(initial.sangat_tinggi),
    ];
    let failure = RwSignal::new(None::<AppError>);
    let page = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <PostForm to=SaveReportingFrequencies::PATH next=routes::saved(&page) scope=Some("frequencies")
            errors=RwSignal::new(FieldErrors::new()) failure=failure class="form">
            <ErrorBanner error=failure />
            {RiskBand::ALL
                .into_iter()
                .zip(values)
                .map(|(band, value)| {
                    let id = format!("freq-{}", band.as_str());
                    view! {
                        <div class="field">
                            <label class="field__label" for=id.clone()>{move || text::band(i18n, Some(band))}</label>
                            // Each band's field is named as the band; each choice is posted under
                            // serde's name for it (the variant's, as `Debug` prints it).
                            <select
                                id=id
                                name=posted_name(band.as_str())
                                class="input input--select"
                            >
                                {FREQUENCIES
                                    .into_iter()
                                    .map(|f| view! { <option value=format!("{f:?}") selected=f == value.get_untracked()>{move || frequency_text(i18n, f)}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })
                .collect_view()}
            <div class="form__actions">
                <button class="button" type="submit">{move || t_string!(i18n, save)}</button>
            </div>
        </PostForm>
    }
}
