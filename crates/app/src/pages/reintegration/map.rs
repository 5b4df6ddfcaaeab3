//! `/kebutuhan`: the office's needs map for the Kabapas (and any office of the region for
//! the Kanwil, of the country for the admin): open needs per checklist item with the trend
//! since the same day last month, criminogenic needs, and the same by kecamatan and by risk
//! band. Counts only; nobody is named.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::needs::NeedDomain;
use pamong_domain::office::OfficeRef;
use pamong_domain::reintegration::checklist::NeedItem;
use pamong_domain::reintegration::needs_map::{GroupRow, ItemCount, NeedsMap, OfficeNeeds, UNKNOWN_AREA};
use uuid::Uuid;

use super::needs::item_text;
use crate::api::reintegration::needs_map;
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::i18n::*;
use crate::pages::clients::BandBadge;
use crate::routes::OFFICE_KEY;
use crate::text;

/// Kecamatan shown before the list stops (the rest are summed on one line).
const AREAS_SHOWN: usize = 8;

/// The needs map page.
#[component]
pub fn NeedsMapPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let office = Memo::new(move |_| query.with(|q| q.get(OFFICE_KEY).and_then(|v| Uuid::parse_str(&v).ok())));
    let data = Resource::new(move || office.get(), needs_map);
    view! {
        <PageTitle text=move || t_string!(i18n, map_title).to_string() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <MapView data=data /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MapView(data: OfficeNeeds) -> impl IntoView {
    let i18n = use_i18n();
    let OfficeNeeds { office, offices, map } = data;
    let NeedsMap { as_of, since, clients, mapped, assessed, items, domains, by_area, by_band } = map;
    view! {
        <h1>{move || t_string!(i18n, map_title)}</h1>
        {(offices.len() > 1).then(|| view! { <OfficePicker current=office.id offices=offices.clone() /> })}
        <p class="muted" data-testid="map-summary">
            <strong>{office.name.clone()}</strong> " · "
            {move || t_string!(i18n, map_summary, clients = clients, mapped = mapped, assessed = assessed)}
            " · " {move || t_string!(i18n, map_compared, since = text::date(since), as_of = text::date(as_of))}
        </p>
        <section class="card" data-testid="map-items">
            <h2>{move || t_string!(i18n, needs_title)}</h2>
            <ul class="plain map-list">
                {items.into_iter().map(|c| view! { <ItemLine c=c clients=clients /> }).collect_view()}
            </ul>
        </section>
        <section class="card" data-testid="map-domains">
            <h2>{move || t_string!(i18n, needs_criminogenic)}</h2>
            <ul class="plain map-list">
                {domains.into_iter().map(|d| {
                    let domain = d.domain;
                    view! {
                        <li class="map-line">
                            <div class="map-line__head">
                                <span>{move || text::need_domain(i18n, domain)}</span>
                                <strong>{d.high + d.some}</strong>
                            </div>
                            <Bar value=d.high + d.some of=assessed />
                            <p class="muted map-line__meta">
                                {move || t_string!(i18n, map_domain_detail, high = d.high, some = d.some)}
                                " · " <Trend now=d.high + d.some before=d.before />
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="card" data-testid="map-areas">
            <h2>{move || t_string!(i18n, map_by_area)}</h2>
            <Groups rows=by_area />
        </section>
        <section class="card" data-testid="map-bands">
            <h2>{move || t_string!(i18n, map_by_band)}</h2>
            <Groups rows=by_band />
        </section>
    }
}

/// A choice of office, as a plain GET form (works before the wasm).
#[component]
pub fn OfficePicker(
    /// The office shown.
    current: Uuid,
    /// The offices to choose from.
    offices: Vec<OfficeRef>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" class="map-picker" data-testid="map-office">
            <label class="field__label" for="map-office">{move || t_string!(i18n, map_office)}</label>
            <div class="map-picker__row">
                <select class="input input--select" id="map-office" name=OFFICE_KEY>
                    {offices.into_iter().map(|o| view! {
                        <option value=o.id.to_string() selected=o.id == current>{o.name}</option>
                    }).collect_view()}
                </select>
                <button class="button button--secondary" type="submit">{move || t_string!(i18n, map_show)}</button>
            </div>
        </form>
    }
}

#[component]
fn ItemLine(c: ItemCount, clients: u32) -> impl IntoView {
    let i18n = use_i18n();
    let item = c.item;
    let open = c.open();
    view! {
        <li class="map-line" data-testid="map-item" data-item=item.as_str()>
            <div class="map-line__head">
                <span>{move || item_text(i18n, item)}</span>
                <strong data-testid="map-open">{open}</strong>
            </div>
            <Bar value=open of=clients />
            <p class="muted map-line__meta">
                {move || t_string!(i18n, map_item_detail, needed = c.needed, in_progress = c.in_progress, met = c.met_this_month)}
                " · " <Trend now=open before=c.open_before />
            </p>
        </li>
    }
}

/// How a count moved since last month: up is more need (a warning), down is progress.
#[component]
fn Trend(now: u32, before: u32) -> impl IntoView {
    let i18n = use_i18n();
    let change = i64::from(now) - i64::from(before);
    let (class, sign) = match change {
        1.. => ("trend trend--up", "▲ +"),
        ..=-1 => ("trend trend--down", "▼ "),
        0 => ("trend", "= "),
    };
    view! { <span class=class data-testid="trend">{sign}{change} " " {move || t_string!(i18n, map_since_last_month)}</span> }
}

/// A bar of `value` out of `of`, as a meter (read out by screen readers).
#[component]
pub fn Bar(
    /// The value.
    value: u32,
    /// Out of.
    of: u32,
) -> impl IntoView {
    view! { <meter class="map-bar" min="0" max=of.max(1).to_string() value=value.to_string()></meter> }
}

/// Groups (kecamatan or bands): each with its clients and its three most common open needs.
#[component]
fn Groups(rows: Vec<GroupRow>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = rows.len().min(AREAS_SHOWN);
    let rest: u32 = rows.iter().skip(shown).map(|r| r.clients).sum();
    let more = rows.len() - shown;
    view! {
        <ul class="plain map-list">
            {rows.into_iter().take(shown).map(|r| {
                let mut top: Vec<(NeedItem, u32)> =
                    NeedItem::ALL.iter().copied().zip(r.open.iter().copied()).filter(|(_, n)| *n > 0).collect();
                top.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
                top.truncate(3);
                let high: u32 = r.high.iter().sum();
                let drugs = NeedDomain::ALL.iter().position(|d| *d == NeedDomain::DrugsAlcohol).and_then(|i| r.high.get(i).copied()).unwrap_or(0);
                let label = r.label.clone();
                view! {
                    <li class="map-line" data-testid="map-group">
                        <div class="map-line__head">
                            {match r.band {
                                Some(_) => view! { <BandBadge band=r.band /> }.into_any(),
                                None if label.is_empty() => view! { <BandBadge band=None /> }.into_any(),
                                None if label == UNKNOWN_AREA => view! { <span class="muted">{move || t_string!(i18n, map_area_unknown)}</span> }.into_any(),
                                None => view! { <span>{label.clone()}</span> }.into_any(),
                            }}
                            <span class="muted">{move || t_string!(i18n, map_clients, n = r.clients)}</span>
                        </div>
                        <p class="map-line__meta">
                            {if top.is_empty() {
                                view! { <span class="muted">{move || t_string!(i18n, map_no_open)}</span> }.into_any()
                            } else {
                                top.into_iter().map(|(item, n)| view! {
                                    <span class="map-chip">{move || item_text(i18n, item)} " " <strong>{n}</strong></span>
                                }).collect_view().into_any()
                            }}
                        </p>
                        {(high > 0).then(|| view! {
                            <p class="muted map-line__meta">{move || t_string!(i18n, map_group_high, high = high, drugs = drugs)}</p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {(more > 0).then(|| view! { <p class="muted">{move || t_string!(i18n, map_more_areas, more = more, clients = rest)}</p> })}
    }
}
