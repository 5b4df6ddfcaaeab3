//! The Kabapas's office view: each PK's active caseload by risk band (reassignment happens
//! on the client's page), and transfers from other offices waiting for a decision.

use leptos::prelude::*;
use leptos_meta::Title;
use pamong_domain::caseload::{OfficerLoad, TransferView};
use pamong_domain::reporting::RiskBand;
use uuid::Uuid;

use crate::api::clients::{decide_transfer, load_office_caseload};
use crate::app::{ErrorPage, Loading};
use crate::components::ErrorBanner;
use crate::error::AppError;
use crate::i18n::*;
use crate::text;

/// `/kantor`.
#[component]
pub fn OfficePage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_office_caseload());
    view! {
        <Title text=move || t_string!(i18n, office_title).to_string() />
        <h1>{move || t_string!(i18n, office_title)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(office) => view! {
                        <Incoming transfers=office.incoming on_done=move || data.refetch() />
                        <Loads loads=office.loads />
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
        <table class="table" data-testid="officer-loads">
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
                            Some(p) => (p.name.clone(), format!("/klien?pk={}", p.id)),
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
fn Incoming<F>(transfers: Vec<TransferView>, on_done: F) -> impl IntoView
where
    F: Fn() + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<AppError>);
    let decide = Action::new(move |(id, accept): &(Uuid, bool)| decide_transfer(*id, *accept, String::new()));
    Effect::new(move |_| match decide.value().get() {
        Some(Ok(())) => on_done(),
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    if transfers.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="card" data-testid="incoming-transfers">
            <h2>{move || t_string!(i18n, office_incoming)}</h2>
            <ErrorBanner error=failure />
            <ul class="plain-list">
                {transfers
                    .into_iter()
                    .map(|t| {
                        let id = t.id;
                        view! {
                            <li>
                                <p><strong>{t.client.name}</strong> " · " {t.from.name} " · " {text::date(t.requested_on)}</p>
                                <p class="muted">{t.reason}</p>
                                <div class="form__actions">
                                    <button class="button" on:click=move |_| { decide.dispatch((id, true)); }>{move || t_string!(i18n, transfer_accept)}</button>
                                    <button class="button button--secondary" on:click=move |_| { decide.dispatch((id, false)); }>{move || t_string!(i18n, transfer_refuse)}</button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
