//! Clients: the caseload list, the client's page with its timeline, and the officer's forms
//! (registry, reports and visits, RRI assessment, guidance, violations, status, transfer).

pub mod assessment;
pub mod detail;
pub mod edit;
pub mod import;
pub mod list;
pub mod office;
pub mod records;
pub mod subject;
pub mod today;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pamong_domain::ErrorKind;
use pamong_domain::caseload::ClientSummary;
use pamong_domain::reporting::RiskBand;
use uuid::Uuid;

use crate::error::AppError;
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The `:id` of a client page.
pub fn use_client_id() -> Memo<Result<Uuid, AppError>> {
    let params = use_params_map();
    Memo::new(move |_| {
        let raw = params.with(|p| p.get("id")).unwrap_or_default();
        Uuid::parse_str(&raw).map_err(|_| AppError::Kind(ErrorKind::NotFound))
    })
}

/// A risk band badge.
#[component]
pub fn BandBadge(
    /// The band; `None` when not assessed.
    band: Option<RiskBand>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class=text::band_class(band) data-testid="band-badge">{move || text::band(i18n, band)}</span> }
}

/// A client as one line of a list: name linking to the page, register number, badges.
#[component]
pub fn ClientLine(
    /// The client.
    client: ClientSummary,
    /// Whether the officer's phone should store the client's page for offline reading (their
    /// own caseload; the server decides again whether the page may be kept).
    #[prop(optional)]
    offline: bool,
    /// Extra lines under the name (reasons, due dates).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let basis = client.legal_basis;
    let offline = (offline && !client.child).then_some("");
    // A child's case lives on its own page, with its clocks and the identity rules.
    let href = if client.child { routes::child_case(client.id) } else { routes::client(client.id) };
    view! {
        <li class="client-line card">
            <div class="client-line__head">
                <a class="client-line__name" href=href data-offline=offline>{client.full_name.clone()}</a>
                {client.child.then(|| view! { <span class="badge badge--child">{move || t_string!(i18n, abh_badge)}</span> })}
                {client.masked.then(|| view! { <span class="badge badge--masked">{move || t_string!(i18n, abh_masked)}</span> })}
                // Children in process are not assessed with the adult RRI.
                {(!client.child).then(|| view! { <BandBadge band=client.risk_band /> })}
            </div>
            <p class="client-line__meta muted">
                {client.register_number.clone()} " · " {move || text::legal_basis(i18n, basis)}
                {client.pk.clone().map(|pk| view! { " · " {pk.name} })}
            </p>
            {children.map(|c| c())}
        </li>
    }
}
