//! `/peduli`: Klien Bapas Peduli. For whoever reads offices' figures (the Kabapas their
//! office, the Kanwil its region, the admin every office), participation per office and month
//! with the offices that reported nothing yet this month; for the office's staff, its
//! activities with the clients who took part, the form that records one and, for an officer,
//! the form that adds their clients. `?kantor=` opens another office's activities (counts
//! only).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::FieldErrors;
use pamong_domain::calendar::CalendarMonth;
use pamong_domain::caseload::PersonRef;
use pamong_domain::reintegration::peduli::{
    ActivityKind, ActivityView, MonthCount, OfficeActivities, PeduliOverview,
};
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::reintegration::{JoinPeduli, RecordPeduli, peduli_office, peduli_overview};
use crate::app::{ErrorPage, Loading};
use crate::components::form::{FieldIds, MultiChoice, TextArea};
use crate::components::{ErrorBanner, PageTitle, PostForm, SavedNotice, SelectField, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes::{self, OFFICE_KEY};
use crate::text::{self, I18n};

/// An activity kind's name.
pub fn kind_text(i18n: I18n, kind: ActivityKind) -> String {
    match kind {
        ActivityKind::BersihBersih => t_string!(i18n, peduli_kind_bersih).to_string(),
        ActivityKind::Bantuan => t_string!(i18n, peduli_kind_bantuan).to_string(),
        ActivityKind::LayananPublik => t_string!(i18n, peduli_kind_layanan).to_string(),
        ActivityKind::Lainnya => t_string!(i18n, peduli_kind_lainnya).to_string(),
    }
}

/// A month as "Des 2026".
pub fn month_text(i18n: I18n, m: CalendarMonth) -> String {
    let names = t_string!(i18n, months_short).to_string();
    let name = names.split_whitespace().nth(usize::from(m.month.saturating_sub(1))).unwrap_or("");
    format!("{name} {}", m.year)
}

/// A month as "Desember 2026" (a report's title).
pub fn month_long(i18n: I18n, m: CalendarMonth) -> String {
    let names = t_string!(i18n, months_long).to_string();
    let name = names.split_whitespace().nth(usize::from(m.month.saturating_sub(1))).unwrap_or("");
    format!("{name} {}", m.year)
}

/// The page.
#[component]
pub fn PeduliPage() -> impl IntoView {
    let i18n = use_i18n();
    let can = crate::app::use_abilities();
    let query = use_query_map();
    let office = Memo::new(move |_| query.with(|q| q.get(OFFICE_KEY).and_then(|v| Uuid::parse_str(&v).ok())));
    let overview = Resource::new(
        move || can.get().figures,
        |figures| async move { if figures { peduli_overview().await.map(Some) } else { Ok(None) } },
    );
    // The office's own staff see their office at once; others choose one in the overview.
    let activities = Resource::new(
        move || (office.get(), can.get().today),
        |(office, own)| async move {
            if office.is_some() || own { peduli_office(office).await.map(Some) } else { Ok(None) }
        },
    );
    view! {
        <PageTitle text=move || t_string!(i18n, peduli_title).to_string() />
        <SavedNotice />
        <h1>{move || t_string!(i18n, peduli_title)}</h1>
        <p class="muted">{move || t_string!(i18n, peduli_intro)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(Some(o)) => view! { <Overview o=o /> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match activities.await {
                    Ok(Some(a)) => view! { <Office a=a /> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn cell(i18n: I18n, c: MonthCount) -> String {
    if c.activities == 0 {
        "—".to_owned()
    } else {
        t_string!(i18n, peduli_cell, activities = c.activities, clients = c.clients).to_string()
    }
}

#[component]
fn Overview(o: PeduliOverview) -> impl IntoView {
    let i18n = use_i18n();
    let silent = o.silent();
    let totals = o.totals();
    let this_month = o.months.last().copied();
    let months = o.months.clone();
    // A total of one office repeats its row.
    let several = o.offices.len() > 1;
    view! {
        <section class="card" data-testid="peduli-overview">
            <h2>{move || t_string!(i18n, peduli_participation)}</h2>
            <p data-testid="peduli-silent">
                {move || if silent == 0 {
                    t_string!(i18n, peduli_all_reported).to_string()
                } else {
                    t_string!(i18n, peduli_silent, n = silent, month = this_month.map(|m| month_text(i18n, m)).unwrap_or_default()).to_string()
                }}
            </p>
            <table class="table">
                <thead><tr>
                    <th>{move || t_string!(i18n, peduli_office)}</th>
                    {months.iter().map(|m| { let m = *m; view! { <th>{move || month_text(i18n, m)}</th> } }).collect_view()}
                </tr></thead>
                <tbody>
                    {o.offices.into_iter().map(|row| {
                        let quiet = !row.reported_this_month();
                        let href = format!("{}?{OFFICE_KEY}={}", routes::PEDULI, row.bapas.id);
                        view! {
                            <tr data-testid="peduli-row">
                                <td data-label=move || t_string!(i18n, peduli_office).to_string()>
                                    <a href=href>{row.bapas.name.clone()}</a>
                                    <span class="muted">" · " {row.kanwil.clone()}</span>
                                    {quiet.then(|| view! { " " <span class="badge badge--warn" data-testid="peduli-quiet">{move || t_string!(i18n, peduli_not_yet)}</span> })}
                                </td>
                                {row.months.iter().zip(months.iter()).map(|(c, m)| {
                                    let (c, m) = (*c, *m);
                                    view! { <td data-label=move || month_text(i18n, m)>{move || cell(i18n, c)}</td> }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                    <tr class="table__total" hidden=!several>
                        <td data-label=move || t_string!(i18n, peduli_total).to_string()><strong>{move || t_string!(i18n, peduli_total)}</strong></td>
                        {totals.into_iter().zip(o.months.iter().copied()).map(|(c, m)| view! {
                            <td data-label=move || month_text(i18n, m)>{move || cell(i18n, c)}</td>
                        }).collect_view()}
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Office(a: OfficeActivities) -> impl IntoView {
    let i18n = use_i18n();
    let OfficeActivities { bapas, activities, can_record, my_clients, partners } = a;
    let page = {
        let location = leptos_router::hooks::use_location();
        let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
        if query.is_empty() { path } else { format!("{path}?{query}") }
    };
    view! {
        <section data-testid="peduli-office">
            <h2>{bapas.name.clone()}</h2>
            {can_record.then(|| view! { <RecordForm clients=my_clients.clone() partners=partners back=page.clone() /> })}
            {activities.is_empty().then(|| view! { <p class="card empty">{move || t_string!(i18n, peduli_none)}</p> })}
            <ul class="plain cards" data-testid="peduli-activities">
                {activities.into_iter().map(|x| view! {
                    <ActivityCard x=x mine=if can_record { my_clients.clone() } else { Vec::new() } back=page.clone() />
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ActivityCard(x: ActivityView, mine: Vec<PersonRef>, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let kind = x.kind;
    let n = x.participants;
    let named: Vec<String> = x.clients.iter().map(|c| c.name.clone()).collect();
    // Those of the officer's clients not there yet.
    let addable: Vec<PersonRef> =
        mine.into_iter().filter(|c| !x.clients.iter().any(|p| p.id == c.id)).collect();
    view! {
        <li class="card" data-testid="peduli-activity">
            <p><strong>{text::date(x.held_on)}</strong> " · " {move || kind_text(i18n, kind)}</p>
            <p class="muted">{x.place.clone()}
                {(!x.partners.is_empty()).then(|| format!(" · {}", x.partners.join(", ")))}</p>
            {x.description.clone().map(|d| view! { <p>{d}</p> })}
            <p data-testid="peduli-participants">{move || t_string!(i18n, peduli_clients, n = n)}
                {(!named.is_empty()).then(|| format!(": {}", named.join(", ")))}</p>
            {(!addable.is_empty()).then(|| view! {
                <FieldIds prefix=format!("{}-ikut", x.id)>
                    <JoinForm activity=x.id clients=addable back=back />
                </FieldIds>
            })}
        </li>
    }
}

#[component]
fn JoinForm(activity: Uuid, clients: Vec<PersonRef>, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let values = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let options = clients.into_iter().map(|c| (c.id.to_string(), c.name)).collect();
    let refused = crate::components::post::posted_for(JoinPeduli::PATH)
        .is_some_and(|p| p.value("activity") == Some(&activity.to_string()));
    view! {
        <details class="session-form" open=refused>
            <summary class="button button--secondary" data-testid="peduli-join-open">{move || t_string!(i18n, peduli_add_mine)}</summary>
            <PostForm to=JoinPeduli::PATH next=routes::saved(&back) hidden=vec![("activity", activity.to_string())]
                errors=errors failure=failure class="form" testid="peduli-join-form">
                <ErrorBanner error=failure />
                <MultiChoice name="clients" legend=TextProp::from(move || t_string!(i18n, peduli_who_came).to_string()) values=values errors=errors options=options />
                <button class="button" type="submit">{move || t_string!(i18n, save)}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn RecordForm(clients: Vec<PersonRef>, partners: Vec<PersonRef>, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let held_on = RwSignal::new(crate::components::local_now().0);
    let place = RwSignal::new(String::new());
    let kind = RwSignal::new(ActivityKind::BersihBersih.as_str().to_owned());
    let description = RwSignal::new(String::new());
    let chosen_partners = RwSignal::new(Vec::<String>::new());
    let chosen_clients = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(I18n) -> String| TextProp::from(move || f(i18n));
    let kinds = Signal::derive(move || {
        ActivityKind::ALL.iter().map(|k| (k.as_str().to_owned(), kind_text(i18n, *k))).collect::<Vec<_>>()
    });
    let partner_options: Vec<(String, String)> =
        partners.into_iter().map(|p| (p.id.to_string(), p.name)).collect();
    let client_options: Vec<(String, String)> =
        clients.into_iter().map(|c| (c.id.to_string(), c.name)).collect();
    view! {
        <details class="refer" open=crate::components::post::was_refused(RecordPeduli::PATH)>
            <summary class="button" data-testid="peduli-record-open">{move || t_string!(i18n, peduli_record)}</summary>
            <PostForm to=RecordPeduli::PATH next=routes::saved(&back) errors=errors failure=failure class="form card" testid="peduli-form">
                <ErrorBanner error=failure />
                <TextField name="held_on" label=l(|i| t_string!(i, field_date).to_string()) value=held_on errors=errors kind="date" />
                <SelectField name="kind" label=l(|i| t_string!(i, peduli_kind).to_string()) value=kind errors=errors options=kinds />
                <TextField name="place" label=l(|i| t_string!(i, prog_place).to_string()) value=place errors=errors />
                <TextArea name="description" label=l(|i| t_string!(i, peduli_description).to_string()) value=description errors=errors />
                {(!partner_options.is_empty()).then(|| view! {
                    <MultiChoice name="partners" legend=l(|i| t_string!(i, peduli_partners).to_string()) values=chosen_partners errors=errors options=partner_options />
                })}
                {if client_options.is_empty() {
                    view! { <p class="field__hint">{move || t_string!(i18n, peduli_officers_add)}</p> }.into_any()
                } else {
                    view! { <MultiChoice name="clients" legend=l(|i| t_string!(i, peduli_who_came).to_string()) values=chosen_clients errors=errors options=client_options /> }.into_any()
                }}
                <button class="button" type="submit" data-testid="peduli-save">{move || t_string!(i18n, save)}</button>
            </PostForm>
        </details>
    }
}
