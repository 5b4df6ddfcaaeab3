//! `/dasbor`: an office's vitals — reports on time, reports overdue, revocation warnings,
//! reassessments due, SPPA and Litmas clocks, referrals answered, kerja sosial behind,
//! programme participation — now and a month earlier, each with its chart and
//! table per PK, its methodology note and (for the Kabapas) the list of clients behind it.
//! The Kanwil, headquarters and the admin choose the office (`?kantor=`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::export::file_stem;
use pamong_domain::oversight::vitals::{OfficeVitals, OfficerTally, Vital, VitalRow};
use server_fn::ServerFn;
use uuid::Uuid;

use super::{figure_text, missed_detail, share_detail, vital_name};
use crate::api::oversight::{ExportOfficeVitals, dashboard_vitals};
use crate::app::{ErrorPage, Loading};
use crate::components::{BarChart, ChartBar, DownloadLinks, PageTitle};
use crate::i18n::*;
use crate::pages::reintegration::map::OfficePicker;
use crate::routes::{self, OFFICE_KEY};
use crate::text;

/// The page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let office = Memo::new(move |_| query.with(|q| q.get(OFFICE_KEY).and_then(|v| Uuid::parse_str(&v).ok())));
    let data = Resource::new(move || office.get(), dashboard_vitals);
    view! {
        <PageTitle text=move || t_string!(i18n, dash_title).to_string() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Dashboard data=data /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(data: OfficeVitals) -> impl IntoView {
    let i18n = use_i18n();
    let OfficeVitals { bapas, as_of, before, rows, offices, drill_down } = data;
    let name = bapas.name.clone();
    view! {
        <h1>{move || t_string!(i18n, dash_heading, office = name.clone())}</h1>
        {(offices.len() > 1).then(|| view! { <OfficePicker current=bapas.id offices=offices.clone() /> })}
        <p class="muted" data-testid="dash-as-of">
            {move || t_string!(i18n, dash_as_of, as_of = text::date(as_of), before = text::date(before))} " "
            <a href=routes::METHODOLOGY>{move || t_string!(i18n, dash_methodology)}</a>
        </p>
        <DownloadLinks path=ExportOfficeVitals::PATH query=format!("office={}", bapas.id)
            stem=file_stem(&["dasbor", &bapas.name, &as_of.to_string()]) />
        <div class="vitals" data-testid="vitals">
            {rows.into_iter().map(|row| view! { <VitalCard row=row drill_down=drill_down /> }).collect_view()}
        </div>
    }
}

/// One figure: its value now, a month earlier, and per PK (chart and table, folded away on
/// a phone).
#[component]
fn VitalCard(row: VitalRow, drill_down: bool) -> impl IntoView {
    let i18n = use_i18n();
    let vital = row.vital;
    let worse = row.worse();
    let (now, before) = (row.now, row.before);
    // The direction in words as well as colour.
    let (trend_class, trend_word) = match worse {
        Some(true) => ("vital__trend trend trend--up", Some(true)),
        Some(false) if now.figure() != before.figure() => ("vital__trend trend trend--down", Some(false)),
        _ => ("vital__trend trend", None),
    };
    let max = if vital.higher_is_better() {
        100
    } else {
        row.officers.iter().filter_map(|o| o.now.figure()).max().unwrap_or(0)
    };
    let bars: Vec<ChartBar> = row
        .officers
        .iter()
        .map(|o| ChartBar {
            label: o
                .pk
                .as_ref()
                .map_or_else(|| t_string!(i18n, today_unassigned).to_string(), |p| p.name.clone()),
            value: o.now.figure().unwrap_or(0),
            text: figure_text(o.now),
            warn: o.worse(vital),
        })
        .collect();
    let chart_title = t_string!(i18n, dash_chart_title, figure = vital_name(i18n, vital)).to_string();
    let chart_desc = t_string!(i18n, dash_chart_desc).to_string();
    view! {
        <article class="vital card" data-testid="vital" data-vital=vital.as_str()>
            <h2 class="vital__name">
                {move || vital_name(i18n, vital)}
                <a class="vital__how" href=routes::methodology(vital) title=move || t_string!(i18n, dash_how).to_string()>
                    {move || t_string!(i18n, dash_how)}
                </a>
            </h2>
            <p class="vital__value">
                <strong data-testid="vital-now">{figure_text(now)}</strong>
                {share_detail(i18n, now).map(|d| view! { <span class="muted">{d}</span> })}
                {missed_detail(i18n, vital, now).map(|d| view! { <span class="vital__missed" data-testid="vital-missed">{d}</span> })}
            </p>
            <p class=trend_class data-testid="vital-before">
                {move || t_string!(i18n, dash_before, value = figure_text(before))}
                {trend_word.map(|worse| view! {
                    " · " {move || if worse { t_string!(i18n, dash_worse) } else { t_string!(i18n, dash_better) }}
                })}
            </p>
            {drill_down.then(|| view! {
                <a class="button button--small button--secondary" href=routes::vital(vital, None) data-testid="vital-list">
                    {move || t_string!(i18n, dash_open_list)}
                </a>
            })}
            {(!row.officers.is_empty()).then(|| view! {
                <details class="vital__pk">
                    <summary>{move || t_string!(i18n, dash_per_pk)}</summary>
                    <BarChart id=format!("chart-{}", vital.as_str()) title=chart_title description=chart_desc bars=bars max=max />
                    <OfficerTable vital=vital officers=row.officers drill_down=drill_down />
                </details>
            })}
        </article>
    }
}

/// The per-PK table beside the chart: the record the chart draws.
#[component]
fn OfficerTable(vital: Vital, officers: Vec<OfficerTally>, drill_down: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="vital__table">
            <thead>
                <tr>
                    <th scope="col">{move || t_string!(i18n, dash_col_pk)}</th>
                    <th scope="col" class="num">{move || t_string!(i18n, dash_col_now)}</th>
                    <th scope="col" class="num">{move || t_string!(i18n, dash_col_before)}</th>
                </tr>
            </thead>
            <tbody>
                {officers.into_iter().map(|o| {
                    let choice = o.choice();
                    let name = o.pk.map(|p| p.name);
                    let label = move || name.clone().unwrap_or_else(|| t_string!(i18n, today_unassigned).to_string());
                    view! {
                        <tr>
                            <th scope="row">
                                {if drill_down {
                                    view! { <a href=routes::vital(vital, Some(choice))>{label}</a> }.into_any()
                                } else {
                                    label.into_any()
                                }}
                            </th>
                            <td class="num">{figure_text(o.now)}</td>
                            <td class="num">{figure_text(o.before)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
