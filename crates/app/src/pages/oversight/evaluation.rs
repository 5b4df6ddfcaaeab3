//! `/evaluasi`: how supervisions ended and what followed — by outcome, the reintegration
//! checklist on the closing day, new offences during supervision and re-entry of the NIK
//! within one and two years — for the reader's office, region or the country, over a period
//! and grouped as they choose with a plain GET form (`?dari=&sampai=&menurut=`). Counts only.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::FieldErrors;
use pamong_domain::oversight::outcomes::{
    CLOSING_ITEMS, Evaluation, GroupLabel, Grouping, OUTCOMES, OutcomeRow, OutcomeTally, Reentry, percent,
};
use server_fn::ServerFn;

use crate::api::oversight::{ExportOutcomes, evaluate_outcomes};
use crate::app::{ErrorPage, Loading};
use crate::components::{BarChart, ChartBar, DownloadLinks, ErrorSummary, PageTitle, SelectField, TextField};
use crate::i18n::*;
use crate::pages::reintegration::needs::item_text;
use crate::routes;
use crate::text::{self, I18n};

/// The query as asked: `(dari, sampai, menurut)`.
type Asked = (Option<String>, Option<String>, Option<String>);

/// The page.
#[component]
pub fn EvaluationPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = Memo::new(move |_| query.with(|q| (q.get("dari"), q.get("sampai"), q.get("menurut"))));
    let data = Resource::new(
        move || asked.get(),
        |(dari, sampai, menurut)| evaluate_outcomes(dari, sampai, menurut),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, eval_title).to_string() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Results data=data /> }.into_any(),
                    Err(e) => match e.field_errors() {
                        Some(errors) => {
                            let errors = errors.clone();
                            view! {
                                <h1>{move || t_string!(i18n, eval_title)}</h1>
                                <PeriodForm asked=asked.get_untracked() groupings=Grouping::ALL.to_vec() errors=errors />
                            }
                            .into_any()
                        }
                        None => view! { <ErrorPage error=e /> }.into_any(),
                    },
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(data: Evaluation) -> impl IntoView {
    let i18n = use_i18n();
    let Evaluation { scope, period, grouping, groupings, as_of, rows, total } = data;
    let heading = scope.clone();
    let asked =
        (Some(period.from.to_string()), Some(period.to.to_string()), Some(grouping.as_str().to_owned()));
    let ended = total.total();
    let query = format!("dari={}&sampai={}&menurut={}", period.from, period.to, grouping.as_str());
    let rows = StoredValue::new(rows);
    let total = StoredValue::new(total);
    view! {
        <h1 data-testid="eval-heading">
            {move || if heading.is_empty() {
                t_string!(i18n, eval_heading_nation).to_string()
            } else {
                t_string!(i18n, eval_heading, scope = heading.clone()).to_string()
            }}
        </h1>
        <PeriodForm asked=asked groupings=groupings errors=FieldErrors::new() />
        <DownloadLinks path=ExportOutcomes::PATH query=query stem="evaluasi" />
        <p class="muted" data-testid="eval-summary">
            {move || t_string!(i18n, eval_summary, from = text::date(period.from), to = text::date(period.to), ended = ended)} " "
            <a href=routes::METHODOLOGY_EVALUATION>{move || t_string!(i18n, eval_how)}</a>
        </p>
        // One part under the other at every width: the tables are wide.
        <div class="eval-parts">
            <Outcomes rows=rows.get_value() total=total.get_value() grouping=grouping />
            <Closing rows=rows.get_value() total=total.get_value() grouping=grouping />
            <NewOffences rows=rows.get_value() total=total.get_value() grouping=grouping />
            <Returns rows=rows.get_value() total=total.get_value() grouping=grouping as_of=as_of />
        </div>
    }
}

/// The period and grouping, as a plain GET form.
#[component]
fn PeriodForm(asked: Asked, groupings: Vec<Grouping>, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    let (dari, sampai, menurut) = asked;
    let errors = RwSignal::new(errors);
    let dari = RwSignal::new(dari.unwrap_or_default());
    let sampai = RwSignal::new(sampai.unwrap_or_default());
    let menurut = RwSignal::new(menurut.unwrap_or_default());
    let options: Vec<(String, String)> =
        groupings.into_iter().map(|g| (g.as_str().to_owned(), grouping_text(i18n, g))).collect();
    view! {
        <form method="get" class="card eval-form" data-testid="eval-form">
            <ErrorSummary errors=errors labels=vec![
                ("dari", (move || t_string!(i18n, eval_from).to_string()).into()),
                ("sampai", (move || t_string!(i18n, eval_to).to_string()).into()),
                ("menurut", (move || t_string!(i18n, eval_by).to_string()).into()),
            ] />
            <div class="eval-form__fields">
                <TextField name="dari" kind="date" label=move || t_string!(i18n, eval_from).to_string() value=dari errors=errors />
                <TextField name="sampai" kind="date" label=move || t_string!(i18n, eval_to).to_string() value=sampai errors=errors />
                <SelectField name="menurut" label=move || t_string!(i18n, eval_by).to_string() value=menurut errors=errors options=options />
            </div>
            <button class="button button--secondary" type="submit">{move || t_string!(i18n, map_show)}</button>
        </form>
    }
}

/// A grouping's name.
fn grouping_text(i18n: I18n, grouping: Grouping) -> String {
    match grouping {
        Grouping::Office => t_string!(i18n, eval_by_office),
        Grouping::Kanwil => t_string!(i18n, eval_by_kanwil),
        Grouping::Basis => t_string!(i18n, eval_by_basis),
        Grouping::Band => t_string!(i18n, eval_by_band),
        Grouping::Quarter => t_string!(i18n, eval_by_quarter),
    }
    .to_string()
}

/// The heading of the rows' column.
fn group_column(i18n: I18n, grouping: Grouping) -> String {
    match grouping {
        Grouping::Office => t_string!(i18n, region_col_office),
        Grouping::Kanwil => t_string!(i18n, region_col_kanwil),
        Grouping::Basis => t_string!(i18n, eval_col_basis),
        Grouping::Band => t_string!(i18n, eval_col_band),
        Grouping::Quarter => t_string!(i18n, eval_col_quarter),
    }
    .to_string()
}

/// What a row stands for, in words.
fn label_text(i18n: I18n, label: &GroupLabel) -> String {
    match label {
        GroupLabel::Area(name) => name.clone(),
        GroupLabel::Basis(basis) => text::legal_basis(i18n, *basis),
        GroupLabel::Band(band) => text::band(i18n, *band),
        GroupLabel::Quarter { year, quarter } => {
            t_string!(i18n, eval_quarter, quarter = *quarter, year = *year).to_string()
        }
    }
}

/// `part` of `whole` as "3 (25%)", or "0" when there is no base.
fn part_of(part: u64, whole: u64) -> String {
    match percent(part, whole) {
        Some(p) => format!("{part} ({p}%)"),
        None => part.to_string(),
    }
}

fn percent_text(p: Option<u64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))
}

/// One table row per group, then the total: the group's name and its cells.
fn table_rows(
    i18n: I18n,
    rows: &[OutcomeRow],
    total: &OutcomeTally,
    cells: impl Fn(&OutcomeTally) -> Vec<String>,
) -> impl IntoView {
    let body = rows
        .iter()
        .map(|r| {
            let values = cells(&r.tally).into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view();
            view! { <tr data-testid="eval-row"><th scope="row">{label_text(i18n, &r.label)}</th>{values}</tr> }
        })
        .collect_view();
    let sum = cells(total).into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view();
    view! {
        <tbody>{body}</tbody>
        <tfoot><tr data-testid="eval-total"><th scope="row">{move || t_string!(i18n, eval_total)}</th>{sum}</tr></tfoot>
    }
}

fn headings(i18n: I18n, grouping: Grouping, columns: Vec<String>) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{group_column(i18n, grouping)}</th>
                {columns.into_iter().map(|c| view! { <th scope="col" class="num">{c}</th> }).collect_view()}
            </tr>
        </thead>
    }
}

/// Supervisions ended, by outcome: a bar per group of the share completed, and the table.
#[component]
fn Outcomes(rows: Vec<OutcomeRow>, total: OutcomeTally, grouping: Grouping) -> impl IntoView {
    let i18n = use_i18n();
    let bars: Vec<ChartBar> = rows
        .iter()
        .map(|r| ChartBar {
            label: label_text(i18n, &r.label),
            value: r.tally.completed_percent().unwrap_or(0),
            text: percent_text(r.tally.completed_percent()),
            warn: false,
        })
        .collect();
    let mut columns: Vec<String> = OUTCOMES.iter().map(|o| text::client_status(i18n, *o)).collect();
    columns.push(t_string!(i18n, eval_col_ended).to_string());
    columns.push(t_string!(i18n, eval_col_completed_share).to_string());
    let cells = |t: &OutcomeTally| {
        let mut c: Vec<String> = t.ended.iter().map(u64::to_string).collect();
        c.push(t.total().to_string());
        c.push(percent_text(t.completed_percent()));
        c
    };
    view! {
        <section class="card vital" data-testid="eval-outcomes">
            <h2 class="vital__name" id="eval-outcomes-title">{move || t_string!(i18n, eval_outcomes_title)}</h2>
            <p class="muted">{move || t_string!(i18n, eval_outcomes_note)}</p>
            {(!bars.is_empty()).then(|| view! {
                <BarChart
                    id="eval-completed".to_owned()
                    title=t_string!(i18n, eval_chart_title).to_string()
                    description=t_string!(i18n, eval_chart_desc).to_string()
                    bars=bars
                    max=100
                />
            })}
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="eval-outcomes-title">
                <table class="vital__table">
                    {headings(i18n, grouping, columns)}
                    {table_rows(i18n, &rows, &total, cells)}
                </table>
            </div>
        </section>
    }
}

/// The checklist on the closing day: KTP, BPJS, work, housing.
#[component]
fn Closing(rows: Vec<OutcomeRow>, total: OutcomeTally, grouping: Grouping) -> impl IntoView {
    let i18n = use_i18n();
    let mut columns = vec![t_string!(i18n, eval_col_closed).to_string()];
    columns.extend(CLOSING_ITEMS.iter().map(|i| item_text(i18n, *i)));
    let cells = |t: &OutcomeTally| {
        let mut c = vec![t.closed.to_string()];
        c.extend(t.met.iter().map(|m| part_of(*m, t.closed)));
        c
    };
    view! {
        <section class="card vital" data-testid="eval-closing">
            <h2 class="vital__name" id="eval-closing-title">{move || t_string!(i18n, eval_closing_title)}</h2>
            <p class="muted">{move || t_string!(i18n, eval_closing_note)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="eval-closing-title">
                <table class="vital__table">
                    {headings(i18n, grouping, columns)}
                    {table_rows(i18n, &rows, &total, cells)}
                </table>
            </div>
        </section>
    }
}

/// New offences recorded during the supervisions closed.
#[component]
fn NewOffences(rows: Vec<OutcomeRow>, total: OutcomeTally, grouping: Grouping) -> impl IntoView {
    let i18n = use_i18n();
    let columns =
        vec![t_string!(i18n, eval_col_closed).to_string(), t_string!(i18n, eval_col_new_offence).to_string()];
    let cells = |t: &OutcomeTally| vec![t.closed.to_string(), part_of(t.new_offence, t.closed)];
    view! {
        <section class="card vital" data-testid="eval-offences">
            <h2 class="vital__name" id="eval-offences-title">{move || t_string!(i18n, eval_offences_title)}</h2>
            <p class="muted">{move || t_string!(i18n, eval_offences_note)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="eval-offences-title">
                <table class="vital__table">
                    {headings(i18n, grouping, columns)}
                    {table_rows(i18n, &rows, &total, cells)}
                </table>
            </div>
        </section>
    }
}

/// One window's cell: "1 of 2 (50%)", or how many are still waiting.
fn reentry_text(i18n: I18n, r: Reentry) -> String {
    match r.percent() {
        Some(p) => {
            t_string!(i18n, eval_returned_of, returned = r.returned, observed = r.observed, percent = p)
                .to_string()
        }
        None => "—".to_owned(),
    }
}

/// Completions whose NIK was registered again within one and two years.
#[component]
fn Returns(
    rows: Vec<OutcomeRow>,
    total: OutcomeTally,
    grouping: Grouping,
    as_of: time::Date,
) -> impl IntoView {
    let i18n = use_i18n();
    let columns = vec![
        t_string!(i18n, eval_col_one_year).to_string(),
        t_string!(i18n, eval_col_two_years).to_string(),
        t_string!(i18n, eval_col_pending).to_string(),
        t_string!(i18n, eval_col_without_nik).to_string(),
    ];
    let cells = move |t: &OutcomeTally| {
        vec![
            reentry_text(i18n, t.reentry[0]),
            reentry_text(i18n, t.reentry[1]),
            format!("{} / {}", t.reentry[0].pending, t.reentry[1].pending),
            t.without_nik.to_string(),
        ]
    };
    view! {
        <section class="card vital" data-testid="eval-returns">
            <h2 class="vital__name" id="eval-returns-title">
                {move || t_string!(i18n, eval_returns_title)}
                <a class="vital__how" href=routes::METHODOLOGY_EVALUATION>{move || t_string!(i18n, dash_how)}</a>
            </h2>
            <p class="muted">{move || t_string!(i18n, eval_returns_note, as_of = text::date(as_of))}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="eval-returns-title">
                <table class="vital__table">
                    {headings(i18n, grouping, columns)}
                    {table_rows(i18n, &rows, &total, cells)}
                </table>
            </div>
        </section>
    }
}
