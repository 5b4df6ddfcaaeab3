//! `/laporan-bulanan`: an office's monthly reintegration report, on its letterhead, ready to
//! print — needs at the month's end, programmes, Klien Bapas Peduli, UMKM and the action
//! plans' progress. The month (`?bulan=2026-11`) and, for the Kanwil and the admin, the
//! office (`?kantor=`) are chosen with a plain GET form. Counts only; nobody is named.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::calendar::CalendarMonth;
use pamong_domain::caseload::PersonRef;
use pamong_domain::reintegration::action_plan::PlanView;
use pamong_domain::reintegration::needs_map::NeedsMap;
use pamong_domain::reintegration::report::{
    BusinessMonth, MonthlyReport, PeduliMonth, ProgrammeMonth, ReportPeriod,
};
use pamong_domain::reintegration::umkm::format_rupiah;
use server_fn::ServerFn;
use uuid::Uuid;

use super::needs::item_text;
use super::peduli::{kind_text as activity_text, month_long};
use super::plans::{standing_class, standing_text};
use super::programmes::kind_text;
use crate::api::reintegration::{MonthlyReportPdf, monthly_report};
use crate::app::{ErrorPage, Loading};
use crate::components::{Letterhead, PageTitle, PdfLink};
use crate::i18n::*;
use crate::islands::PrintButton;
use crate::routes::{self, MONTH_KEY, OFFICE_KEY};
use crate::text;

/// The page.
#[component]
pub fn MonthlyReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query.with(|q| {
            (
                q.get(OFFICE_KEY).and_then(|v| Uuid::parse_str(&v).ok()),
                q.get(MONTH_KEY).filter(|m| !m.is_empty()),
            )
        })
    });
    let data = Resource::new(move || asked.get(), |(office, month)| monthly_report(office, month));
    view! {
        <PageTitle text=move || t_string!(i18n, report_title).to_string() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Report data=data /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(data: MonthlyReport) -> impl IntoView {
    let i18n = use_i18n();
    let participants = data.participants();
    let MonthlyReport {
        bapas,
        letterhead,
        period,
        needs,
        programmes,
        peduli,
        businesses,
        plans,
        months,
        offices,
        prepared_on,
    } = data;
    let month = period.month;
    let pdf = format!("{}?office={}&month={month}", MonthlyReportPdf::PATH, bapas.id);
    let (clients, activities) = (needs.clients, peduli.count.activities);
    view! {
        <Picker period=period bapas=bapas.clone() months=months offices=offices />
        <article class="print-doc report" data-testid="monthly-report">
            <Letterhead office=letterhead />
            <h1 class="print-doc__title">{move || t_string!(i18n, report_heading)}</h1>
            <p class="print-doc__sub" data-testid="report-month">
                {move || month_long(i18n, month)}
                {(!period.complete).then(|| view! {
                    <span class="muted">" · " {move || t_string!(i18n, report_running, as_of = text::date(period.as_of))}</span>
                })}
            </p>
            <p data-testid="report-summary">
                {move || t_string!(i18n, report_summary, clients = clients, participants = participants, activities = activities)}
            </p>
            <Needs needs=needs />
            <Programmes rows=programmes />
            <Peduli month=peduli />
            <Businesses month=businesses />
            <Plans plans=plans />
            <h2 class="report__part">{move || t_string!(i18n, report_method)}</h2>
            <p class="muted report__method">{move || t_string!(i18n, report_method_text)}</p>
            <div class="print-doc__sign">
                <p>{text::date(prepared_on)}</p>
                <p>{move || t_string!(i18n, report_signer, office = bapas.name.clone())}</p>
                <p class="print-doc__signature">"……………………………"</p>
            </div>
            <p class="print-doc__actions">
                <PrintButton label=t_string!(i18n, litmas_print).to_string() />
                <PdfLink href=pdf />
            </p>
        </article>
    }
}

/// The month and office, as a plain GET form (works before the wasm).
#[component]
fn Picker(
    period: ReportPeriod,
    bapas: PersonRef,
    months: Vec<CalendarMonth>,
    offices: Vec<PersonRef>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = period.month;
    view! {
        <form method="get" action=routes::MONTHLY_REPORT class="map-picker no-print" data-testid="report-pick">
            <div class="map-picker__row">
                <label class="visually-hidden" for="report-month">{move || t_string!(i18n, report_month)}</label>
                <select class="input input--select" id="report-month" name=MONTH_KEY>
                    {months.into_iter().map(|m| view! {
                        <option value=m.to_string() selected=m == current>{move || month_long(i18n, m)}</option>
                    }).collect_view()}
                </select>
                {(!offices.is_empty()).then(|| {
                    let mut all = offices.clone();
                    all.push(bapas.clone());
                    all.sort_by(|a, b| a.name.cmp(&b.name));
                    view! {
                        <label class="visually-hidden" for="report-office">{move || t_string!(i18n, map_office)}</label>
                        <select class="input input--select" id="report-office" name=OFFICE_KEY>
                            {all.into_iter().map(|o| view! {
                                <option value=o.id.to_string() selected=o.id == bapas.id>{o.name}</option>
                            }).collect_view()}
                        </select>
                    }
                })}
                <button class="button button--secondary" type="submit">{move || t_string!(i18n, map_show)}</button>
            </div>
        </form>
    }
}

/// Part 1: the checklist and criminogenic needs at the month's end.
#[component]
fn Needs(needs: NeedsMap) -> impl IntoView {
    let i18n = use_i18n();
    let NeedsMap { as_of, since, mapped, assessed, items, domains, .. } = needs;
    view! {
        <h2 class="report__part">{move || t_string!(i18n, report_needs)}</h2>
        <p class="muted">{move || t_string!(i18n, report_needs_intro, as_of = text::date(as_of), since = text::date(since), mapped = mapped, assessed = assessed)}</p>
        <div class="report__table" tabindex="0">
            <table class="print-table" data-testid="report-needs">
                <thead><tr>
                    <th>{move || t_string!(i18n, report_item)}</th>
                    <th class="num">{move || t_string!(i18n, report_needed)}</th>
                    <th class="num">{move || t_string!(i18n, report_in_progress)}</th>
                    <th class="num">{move || t_string!(i18n, report_open_before)}</th>
                    <th class="num">{move || t_string!(i18n, report_met_in_month)}</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|c| {
                        let item = c.item;
                        view! {
                            <tr data-item=item.as_str()>
                                <td>{move || item_text(i18n, item)}</td>
                                <td class="num">{c.needed}</td>
                                <td class="num">{c.in_progress}</td>
                                <td class="num">{c.open_before}</td>
                                <td class="num" data-testid="report-met">{c.met_this_month}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <div class="report__table" tabindex="0">
            <table class="print-table" data-testid="report-domains">
                <thead><tr>
                    <th>{move || t_string!(i18n, needs_criminogenic)}</th>
                    <th class="num">{move || t_string!(i18n, report_high)}</th>
                    <th class="num">{move || t_string!(i18n, report_some)}</th>
                </tr></thead>
                <tbody>
                    {domains.into_iter().map(|d| {
                        let domain = d.domain;
                        view! {
                            <tr>
                                <td>{move || text::need_domain(i18n, domain)}</td>
                                <td class="num">{d.high}</td>
                                <td class="num">{d.some}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Part 2: each programme's participants and sessions.
#[component]
fn Programmes(rows: Vec<ProgrammeMonth>) -> impl IntoView {
    let i18n = use_i18n();
    let (busy, idle): (Vec<ProgrammeMonth>, Vec<ProgrammeMonth>) =
        rows.into_iter().partition(|p| !p.is_idle());
    let idle_names = idle.iter().map(|p| p.programme.name.clone()).collect::<Vec<_>>().join(", ");
    view! {
        <h2 class="report__part">{move || t_string!(i18n, report_programmes)}</h2>
        {busy.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, report_no_programmes)}</p> })}
        {(!busy.is_empty()).then(|| view! {
            <div class="report__table" tabindex="0">
                <table class="print-table" data-testid="report-programmes">
                    <thead><tr>
                        <th>{move || t_string!(i18n, report_programme)}</th>
                        <th class="num">{move || t_string!(i18n, report_took_part)}</th>
                        <th class="num">{move || t_string!(i18n, report_joined)}</th>
                        <th class="num">{move || t_string!(i18n, report_completed)}</th>
                        <th class="num">{move || t_string!(i18n, report_dropped)}</th>
                        <th class="num">{move || t_string!(i18n, report_sessions)}</th>
                    </tr></thead>
                    <tbody>
                        {busy.into_iter().map(|p| view! { <ProgrammeRow p=p /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {(!idle_names.is_empty()).then(|| view! {
            <p class="muted" data-testid="report-idle">{move || t_string!(i18n, report_idle, names = idle_names.clone())}</p>
        })}
    }
}

#[component]
fn ProgrammeRow(p: ProgrammeMonth) -> impl IntoView {
    let i18n = use_i18n();
    let kind = p.kind;
    let attendance = p.attendance();
    view! {
        <tr data-testid="report-programme">
            <td>
                <a href=routes::programme(p.programme.id)>{p.programme.name.clone()}</a>
                <br /><span class="muted">{move || kind_text(i18n, kind)}{p.partner.clone().map(|n| format!(" · {n}"))}</span>
            </td>
            <td class="num" data-testid="report-took-part">{p.took_part}</td>
            <td class="num">{p.joined}</td>
            <td class="num">{p.completed}</td>
            <td class="num">{p.dropped}</td>
            <td class="num">
                {p.sessions}
                {attendance.map(|a| view! { <br /><span class="muted">{move || t_string!(i18n, report_attendance, percent = a)}</span> })}
            </td>
        </tr>
    }
}

/// Part 3: Klien Bapas Peduli.
#[component]
fn Peduli(month: PeduliMonth) -> impl IntoView {
    let i18n = use_i18n();
    let PeduliMonth { count, activities } = month;
    view! {
        <h2 class="report__part">{move || t_string!(i18n, report_peduli)}</h2>
        <p data-testid="report-peduli">{move || t_string!(i18n, report_peduli_count, activities = count.activities, clients = count.clients)}</p>
        {(!activities.is_empty()).then(|| view! {
            <div class="report__table" tabindex="0">
                <table class="print-table">
                    <thead><tr>
                        <th>{move || t_string!(i18n, report_day)}</th>
                        <th>{move || t_string!(i18n, report_activity)}</th>
                        <th class="num">{move || t_string!(i18n, report_clients)}</th>
                    </tr></thead>
                    <tbody>
                        {activities.into_iter().map(|a| {
                            let kind = a.kind;
                            view! {
                                <tr>
                                    <td>{text::date(a.held_on)}</td>
                                    <td>{move || activity_text(i18n, kind)} <br /><span class="muted">{a.place.clone()}</span></td>
                                    <td class="num">{a.clients}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

/// Part 4: UMKM.
#[component]
fn Businesses(month: BusinessMonth) -> impl IntoView {
    let i18n = use_i18n();
    let b = month;
    view! {
        <h2 class="report__part">{move || t_string!(i18n, report_umkm)}</h2>
        <dl class="print-facts" data-testid="report-umkm">
            <dt>{move || t_string!(i18n, report_umkm_running)}</dt><dd data-testid="report-umkm-running">{b.running}</dd>
            <dt>{move || t_string!(i18n, report_umkm_planned)}</dt><dd>{b.planned}</dd>
            <dt>{move || t_string!(i18n, report_umkm_started)}</dt><dd>{b.started}</dd>
            <dt>{move || t_string!(i18n, report_umkm_stopped)}</dt><dd>{b.stopped}</dd>
            <dt>{move || t_string!(i18n, report_umkm_support)}</dt>
            <dd>{move || t_string!(i18n, report_umkm_support_value, n = b.supports, value = format_rupiah(b.support_value))}</dd>
        </dl>
    }
}

/// Part 5: the action plans running in the month, each objective's progress at its end.
#[component]
fn Plans(plans: Vec<PlanView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2 class="report__part">{move || t_string!(i18n, report_plans)}</h2>
        {plans.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, report_no_plans)}</p> })}
        {plans.into_iter().map(|p| {
            let (achieved, total) = (p.achieved(), p.objectives.len());
            view! {
                <h3 class="report__plan">{p.title.clone()}</h3>
                <p class="muted">{text::date(p.starts_on)} " – " {text::date(p.ends_on)} " · "
                    <span data-testid="report-plan-achieved">{move || t_string!(i18n, plan_achieved_of, n = achieved, of = total)}</span></p>
                <div class="report__table" tabindex="0">
                    <table class="print-table" data-testid="report-plan">
                        <thead><tr>
                            <th>{move || t_string!(i18n, report_objective)}</th>
                            <th class="num">{move || t_string!(i18n, report_met_of_target)}</th>
                            <th>{move || t_string!(i18n, report_standing)}</th>
                        </tr></thead>
                        <tbody>
                            {p.objectives.into_iter().map(|o| {
                                let pr = o.progress;
                                view! {
                                    <tr>
                                        <td>{o.title.clone()} <br /><span class="muted">{move || t_string!(i18n, plan_due)} " " {text::date(o.due_on)}</span></td>
                                        <td class="num" data-testid="report-objective-met">
                                            {format!("{} / {}", pr.met, pr.target)}
                                            {(pr.in_progress > 0).then(|| view! { <br /><span class="muted">{move || t_string!(i18n, plan_on_the_way, n = pr.in_progress)}</span> })}
                                        </td>
                                        <td><span class=standing_class(pr.standing)>{move || standing_text(i18n, pr.standing)}</span></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        }).collect_view()}
    }
}
