//! `/dasbor-wilayah`: the offices of a region side by side on the same vitals — for the
//! Kanwil its own; for headquarters and the admin a chosen Kanwil's, or the country's
//! Kanwils (`?kanwil=`) — each figure with the whole, its outliers, its twelve-month trend
//! (chart and table) and every office's value (chart and table); then the PKS in force and
//! expiring per area, and the way to Klien Bapas Peduli's participation.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::calendar::CalendarMonth;
use pamong_domain::export::file_stem;
use pamong_domain::office::OfficeRef;
use pamong_domain::oversight::region::{AgreementCount, AreaFigure, RegionRow, RegionVitals, per_hundred};
use pamong_domain::oversight::vitals::{Tally, Vital};
use server_fn::ServerFn;
use uuid::Uuid;

use super::{figure_text, share_detail, vital_name};
use crate::api::oversight::{ExportRegion, compare_offices};
use crate::app::{ErrorPage, Loading};
use crate::components::{BarChart, ChartBar, DownloadLinks, PageTitle, TrendChart, TrendPoint};
use crate::i18n::*;
use crate::pages::reintegration::peduli::month_text;
use crate::routes::{self, KANWIL_KEY};
use crate::text;

/// The page.
#[component]
pub fn RegionPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let kanwil = Memo::new(move |_| query.with(|q| q.get(KANWIL_KEY).and_then(|v| Uuid::parse_str(&v).ok())));
    let data = Resource::new(move || kanwil.get(), compare_offices);
    view! {
        <PageTitle text=move || t_string!(i18n, region_title).to_string() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Region data=data /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Region(data: RegionVitals) -> impl IntoView {
    let i18n = use_i18n();
    let by_kanwil = data.by_kanwil();
    let RegionVitals { kanwil, as_of, computed_at, zone, clients, rows, kanwils, agreements } = data;
    let computed = text::abh::instant(computed_at, zone);
    let heading = kanwil.as_ref().map(|k| k.name.clone());
    let current = kanwil.as_ref().map(|k| k.id);
    view! {
        <h1>
            {move || match heading.clone() {
                Some(name) => t_string!(i18n, region_heading, region = name).to_string(),
                None => t_string!(i18n, region_heading_nation).to_string(),
            }}
        </h1>
        {(!kanwils.is_empty()).then(|| view! { <KanwilPicker current=current kanwils=kanwils.clone() /> })}
        <p class="muted" data-testid="region-as-of">
            {move || t_string!(i18n, region_as_of, as_of = text::date(as_of), clients = clients, at = computed.clone())} " "
            <a href=routes::METHODOLOGY_REGION>{move || t_string!(i18n, region_how_outliers)}</a>
        </p>
        <DownloadLinks path=ExportRegion::PATH query=current.map(|k| format!("kanwil={k}")).unwrap_or_default()
            stem=file_stem(&["perbandingan", kanwil.as_ref().map_or("nasional", |k| k.name.as_str()), &as_of.to_string()]) />
        <div class="vitals" data-testid="vitals">
            {rows.into_iter().map(|row| view! { <RegionCard row=row by_kanwil=by_kanwil /> }).collect_view()}
        </div>
        <Partnerships agreements=agreements by_kanwil=by_kanwil />
    }
}

/// The PKS in force and expiring per area, and the way to Klien Bapas Peduli's
/// participation per office and month.
#[component]
fn Partnerships(agreements: Vec<AgreementCount>, by_kanwil: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" data-testid="region-pks">
            <h2>{move || t_string!(i18n, region_pks_title)}</h2>
            <table class="vital__table">
                <thead>
                    <tr>
                        <th scope="col">{move || if by_kanwil { t_string!(i18n, region_col_kanwil) } else { t_string!(i18n, region_col_office) }}</th>
                        <th scope="col" class="num">{move || t_string!(i18n, region_pks_in_force)}</th>
                        <th scope="col" class="num">{move || t_string!(i18n, region_pks_expiring)}</th>
                    </tr>
                </thead>
                <tbody>
                    {agreements.into_iter().map(|a| view! {
                        <tr data-testid="region-pks-area">
                            <th scope="row">{a.area.name}</th>
                            <td class="num">{a.in_force}</td>
                            <td class={if a.expiring > 0 { "num warn-text" } else { "num" }}>{a.expiring}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p><a href=routes::PEDULI data-testid="region-peduli">{move || t_string!(i18n, region_peduli)}</a></p>
        </section>
    }
}

/// A choice of Kanwil, or the whole country, as a plain GET form.
#[component]
fn KanwilPicker(current: Option<Uuid>, kanwils: Vec<OfficeRef>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" class="map-picker" data-testid="region-picker">
            <label class="field__label" for="region-kanwil">{move || t_string!(i18n, region_choose)}</label>
            <div class="map-picker__row">
                <select class="input input--select" id="region-kanwil" name=KANWIL_KEY>
                    <option value="" selected=current.is_none()>{move || t_string!(i18n, region_nation)}</option>
                    {kanwils.into_iter().map(|k| view! {
                        <option value=k.id.to_string() selected=Some(k.id) == current>{k.name}</option>
                    }).collect_view()}
                </select>
                <button class="button button--secondary" type="submit">{move || t_string!(i18n, map_show)}</button>
            </div>
        </form>
    }
}

/// An office's or a Kanwil's name as a bar's label, without what every name starts with
/// ("Kanwil Ditjenpas", "Bapas Kelas I"), so that the short label still tells them apart.
fn chart_label(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let skip = match words.as_slice() {
        ["Kanwil", "Ditjenpas", _, ..] => 2,
        ["Bapas", "Kelas", _, _, ..] => 3,
        ["Kanwil" | "Bapas", _, ..] => 1,
        _ => 0,
    };
    words[skip..].join(" ")
}

/// How an area's figure is drawn and compared: a share in per cent; a count per 100 of its
/// supervised clients, so that offices of different sizes compare.
fn comparable(vital: Vital, a: &AreaFigure) -> Option<u64> {
    if vital.is_share() { a.tally.percent() } else { per_hundred(a.tally.count, a.clients) }
}

/// A count's or a share's text as the bars and the table write it.
fn comparable_text(vital: Vital, a: &AreaFigure) -> String {
    match (vital.is_share(), comparable(vital, a)) {
        (true, _) => figure_text(a.tally),
        (false, Some(rate)) => format!("{rate}/100"),
        (false, None) => "—".to_owned(),
    }
}

/// One figure across the region.
#[component]
fn RegionCard(row: RegionRow, by_kanwil: bool) -> impl IntoView {
    let i18n = use_i18n();
    let vital = row.vital;
    let outliers: Vec<String> = row.outliers().map(|a| a.area.name.clone()).collect();
    let max = if vital.is_share() {
        100
    } else {
        row.areas.iter().filter_map(|a| comparable(vital, a)).max().unwrap_or(0)
    };
    let bars: Vec<ChartBar> = row
        .areas
        .iter()
        .map(|a| ChartBar {
            label: chart_label(&a.area.name),
            value: comparable(vital, a).unwrap_or(0),
            text: comparable_text(vital, a),
            warn: a.outlier,
        })
        .collect();
    let trend_max =
        if vital.is_share() { 100 } else { row.trend.iter().map(|(_, t)| t.count).max().unwrap_or(0) };
    let points: Vec<TrendPoint> = row
        .trend
        .iter()
        .map(|(day, t)| TrendPoint { label: month_text(i18n, CalendarMonth::of(*day)), value: t.figure() })
        .collect();
    let name = vital_name(i18n, vital);
    let bars_title = t_string!(i18n, region_chart_title, figure = name.clone()).to_string();
    let bars_desc = if vital.is_share() {
        t_string!(i18n, region_chart_desc_share).to_string()
    } else {
        t_string!(i18n, region_chart_desc_count).to_string()
    };
    let trend_title = t_string!(i18n, region_trend_title, figure = name).to_string();
    let trend_desc = t_string!(i18n, region_trend_desc).to_string();
    let total = row.total;
    view! {
        <article class="vital card" data-testid="region-vital" data-vital=vital.as_str()>
            <h2 class="vital__name">
                {move || vital_name(i18n, vital)}
                <a class="vital__how" href=routes::methodology(vital)>{move || t_string!(i18n, dash_how)}</a>
            </h2>
            <p class="vital__value">
                <strong data-testid="region-total">{figure_text(total)}</strong>
                {share_detail(i18n, total).map(|d| view! { <span class="muted">{d}</span> })}
            </p>
            {(!outliers.is_empty()).then(|| {
                let names = outliers.join(", ");
                view! { <p class="vital__outliers" data-testid="region-outliers">{move || t_string!(i18n, region_outliers, names = names.clone())}</p> }
            })}
            <TrendChart id=format!("trend-{}", vital.as_str()) title=trend_title description=trend_desc points=points max=trend_max />
            <details class="vital__pk">
                <summary>{move || if by_kanwil { t_string!(i18n, region_per_kanwil) } else { t_string!(i18n, region_per_office) }}</summary>
                <BarChart id=format!("areas-{}", vital.as_str()) title=bars_title description=bars_desc bars=bars max=max />
                <AreaTable vital=vital areas=row.areas by_kanwil=by_kanwil />
            </details>
            <details class="vital__pk">
                <summary>{move || t_string!(i18n, region_trend_table)}</summary>
                <TrendTable trend=row.trend />
            </details>
        </article>
    }
}

/// The areas' values: the record the bars draw.
#[component]
fn AreaTable(vital: Vital, areas: Vec<AreaFigure>, by_kanwil: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="vital__table">
            <thead>
                <tr>
                    <th scope="col">{move || if by_kanwil { t_string!(i18n, region_col_kanwil) } else { t_string!(i18n, region_col_office) }}</th>
                    <th scope="col" class="num">{move || t_string!(i18n, dash_col_now)}</th>
                    <th scope="col" class="num">{move || if vital.is_share() { t_string!(i18n, region_col_of) } else { t_string!(i18n, region_col_rate) }}</th>
                </tr>
            </thead>
            <tbody>
                {areas.into_iter().map(|a| {
                    let href = if by_kanwil { routes::region_dashboard(Some(a.area.id)) } else { routes::dashboard(Some(a.area.id)) };
                    let second = if vital.is_share() { share_detail(i18n, a.tally).unwrap_or_default() } else { comparable_text(vital, &a) };
                    view! {
                        <tr data-testid="region-area" class:outlier=a.outlier>
                            <th scope="row">
                                <a href=href>{a.area.name.clone()}</a>
                                {a.outlier.then(|| view! { " " <span class="badge badge--outlier">{move || t_string!(i18n, region_outlier)}</span> })}
                            </th>
                            <td class="num">{figure_text(a.tally)}</td>
                            <td class="num">{second}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The whole's value at the end of each month: the record the trend line draws.
#[component]
fn TrendTable(trend: Vec<(time::Date, Tally)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="vital__table">
            <thead>
                <tr>
                    <th scope="col">{move || t_string!(i18n, region_col_day)}</th>
                    <th scope="col" class="num">{move || t_string!(i18n, region_col_value)}</th>
                </tr>
            </thead>
            <tbody>
                {trend.into_iter().rev().map(|(day, t)| view! {
                    <tr>
                        <th scope="row">{text::date(day)}</th>
                        <td class="num">{figure_text(t)} {share_detail(i18n, t).map(|d| view! { <span class="muted">" · " {d}</span> })}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::chart_label;

    #[test]
    fn chart_labels_drop_what_every_name_starts_with() {
        assert_eq!(chart_label("Kanwil Ditjenpas DKI Jakarta"), "DKI Jakarta");
        assert_eq!(chart_label("Bapas Kelas I Jakarta Barat"), "Jakarta Barat");
        assert_eq!(chart_label("Bapas Jember"), "Jember");
        assert_eq!(chart_label("Kanwil A"), "A");
        assert_eq!(chart_label("Bapas"), "Bapas");
    }
}
