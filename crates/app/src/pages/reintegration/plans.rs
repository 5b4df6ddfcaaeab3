//! `/rencana-aksi`: the office's action plans — each objective with its target, the partner
//! or programme that serves it, its owner and due date, and its progress counted from the
//! checklist (met, on the way, on track or behind). The Kabapas writes plans and adds
//! objectives drawn from the needs map; the office's officers, the Kanwil (`?kantor=`) and the
//! admin read them.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pamong_domain::FieldErrors;
use pamong_domain::export::file_stem;
use pamong_domain::reintegration::action_plan::{
    ObjectiveView, OfficePlans, PlanChoices, PlanView, Standing,
};
use pamong_domain::reintegration::checklist::NeedItem;
use server_fn::ServerFn;
use uuid::Uuid;

use super::map::Bar;
use super::needs::item_text;
use crate::api::reintegration::{AddObjective, CreatePlan, ExportActionPlans, action_plans};
use crate::app::{ErrorPage, Loading};
use crate::components::form::FieldIds;
use crate::components::{
    DownloadLinks, ErrorBanner, PageTitle, PostForm, SavedNotice, SelectField, TextField,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes::{self, OFFICE_KEY};
use crate::text::{self, I18n};

pub(crate) fn standing_text(i18n: I18n, s: Standing) -> String {
    match s {
        Standing::Achieved => t_string!(i18n, plan_achieved).to_string(),
        Standing::OnTrack => t_string!(i18n, plan_on_track).to_string(),
        Standing::Behind => t_string!(i18n, plan_behind).to_string(),
        Standing::Missed => t_string!(i18n, plan_missed).to_string(),
    }
}

pub(super) fn standing_class(s: Standing) -> &'static str {
    match s {
        Standing::Achieved | Standing::OnTrack => "badge badge--ok",
        Standing::Behind => "badge badge--warn",
        Standing::Missed => "badge badge--danger",
    }
}

/// The page.
#[component]
pub fn PlansPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let office = Memo::new(move |_| query.with(|q| q.get(OFFICE_KEY).and_then(|v| Uuid::parse_str(&v).ok())));
    let data = Resource::new(move || office.get(), action_plans);
    view! {
        <PageTitle text=move || t_string!(i18n, plan_title).to_string() />
        <SavedNotice />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Plans data=data /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Plans(data: OfficePlans) -> impl IntoView {
    let i18n = use_i18n();
    let OfficePlans { bapas, plans, can_edit, choices, offices } = data;
    let page = {
        let location = leptos_router::hooks::use_location();
        let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
        if query.is_empty() { path } else { format!("{path}?{query}") }
    };
    view! {
        <h1>{move || t_string!(i18n, plan_title)}</h1>
        <p class="muted" data-testid="plans-office"><strong>{bapas.name.clone()}</strong> " · " {move || t_string!(i18n, plan_intro)}</p>
        <p><a class="button button--secondary" href=routes::monthly_report(Some(bapas.id), None) data-testid="plans-report">{move || t_string!(i18n, report_title)}</a></p>
        {(!plans.is_empty()).then(|| view! {
            <DownloadLinks path=ExportActionPlans::PATH query=format!("office={}", bapas.id)
                stem=file_stem(&["rencana-aksi", &bapas.name]) />
        })}
        {(!offices.is_empty()).then(|| view! {
            <p class="muted">{move || t_string!(i18n, plan_other_offices)} ": "
                {offices.into_iter().map(|o| view! {
                    <a class="map-chip" href=format!("{}?{OFFICE_KEY}={}", routes::PLANS, o.id)>{o.name}</a> " "
                }).collect_view()}
            </p>
        })}
        {can_edit.then(|| view! { <PlanForm back=page.clone() /> })}
        {plans.is_empty().then(|| view! { <p class="card empty">{move || t_string!(i18n, plan_none)}</p> })}
        {plans.into_iter().map(|p| view! { <Plan p=p choices=choices.clone() back=page.clone() /> }).collect_view()}
    }
}

#[component]
fn Plan(p: PlanView, choices: PlanChoices, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let (achieved, total) = (p.achieved(), p.objectives.len());
    let id = p.id;
    view! {
        <section class="card" data-testid="plan">
            <h2>{p.title.clone()}</h2>
            <p class="muted">{text::date(p.starts_on)} " – " {text::date(p.ends_on)} " · "
                <span data-testid="plan-achieved">{move || t_string!(i18n, plan_achieved_of, n = achieved, of = total)}</span>
                " · " {move || t_string!(i18n, plan_as_of)} " " {text::date(p.as_of)}</p>
            <ul class="plain map-list">
                {p.objectives.into_iter().map(|o| view! { <Objective o=o /> }).collect_view()}
            </ul>
            {p.can_edit.then(|| view! {
                <FieldIds prefix=format!("{id}-sasaran")>
                    <ObjectiveForm plan=id choices=choices back=back />
                </FieldIds>
            })}
        </section>
    }
}

#[component]
fn Objective(o: ObjectiveView) -> impl IntoView {
    let i18n = use_i18n();
    let item = o.item;
    let pr = o.progress;
    let via =
        [o.partner.clone(), o.programme.clone().map(|p| p.name)].into_iter().flatten().collect::<Vec<_>>();
    view! {
        <li class="map-line" data-testid="objective">
            <div class="map-line__head">
                <strong>{o.title.clone()}</strong>
                <span class=standing_class(pr.standing) data-testid="objective-standing">{move || standing_text(i18n, pr.standing)}</span>
            </div>
            <Bar value=pr.met of=pr.target />
            <p class="muted map-line__meta">
                <span data-testid="objective-progress">{move || t_string!(i18n, plan_progress, met = pr.met, target = pr.target)}</span>
                {(pr.in_progress > 0).then(|| view! { <span>{move || t_string!(i18n, plan_on_the_way, n = pr.in_progress)}</span> })}
                <span>{move || item_text(i18n, item)}</span>
                {(!via.is_empty()).then(|| view! { <span>{format!("{} {}", t_string!(i18n, plan_via), via.join(", "))}</span> })}
                {o.owner.clone().map(|w| view! { <span>{move || t_string!(i18n, plan_owner)} ": " {w.clone()}</span> })}
                <span>{move || t_string!(i18n, plan_due)} " " {text::date(o.due_on)}</span>
            </p>
        </li>
    }
}

#[component]
fn PlanForm(back: String) -> impl IntoView {
    let i18n = use_i18n();
    let title = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        <details class="refer" open=crate::components::post::was_refused(CreatePlan::PATH)>
            <summary class="button" data-testid="plan-new-open">{move || t_string!(i18n, plan_new)}</summary>
            <FieldIds prefix="rencana">
                <PostForm to=CreatePlan::PATH next=routes::saved(&back) errors=errors failure=failure class="form card" testid="plan-form">
                    <ErrorBanner error=failure />
                    <TextField name="title" label=l(|i| t_string!(i, plan_name).to_string()) value=title errors=errors />
                    <div class="field-row">
                        <TextField name="starts_on" label=l(|i| t_string!(i, prog_starts_on).to_string()) value=starts_on errors=errors kind="date" />
                        <TextField name="ends_on" label=l(|i| t_string!(i, prog_ends_on).to_string()) value=ends_on errors=errors kind="date" />
                    </div>
                    <button class="button" type="submit">{move || t_string!(i18n, save)}</button>
                </PostForm>
            </FieldIds>
        </details>
    }
}

#[component]
fn ObjectiveForm(plan: Uuid, choices: PlanChoices, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let title = RwSignal::new(String::new());
    let item = RwSignal::new(NeedItem::Ktp.as_str().to_owned());
    let target = RwSignal::new(String::new());
    let partner_id = RwSignal::new(String::new());
    let programme_id = RwSignal::new(String::new());
    let owner_id = RwSignal::new(String::new());
    let due_on = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(I18n) -> String| TextProp::from(move || f(i18n));
    // Each item with how many clients need it today: the objective is drawn from the map.
    let open = choices.open_needs.clone();
    let items = Signal::derive(move || {
        open.iter()
            .map(|(item, n)| {
                (
                    item.as_str().to_owned(),
                    format!("{} — {}", item_text(i18n, *item), t_string!(i18n, plan_need_now, n = *n)),
                )
            })
            .collect::<Vec<_>>()
    });
    let none = || (String::new(), "—".to_owned());
    let options = |rows: &[pamong_domain::caseload::PersonRef]| {
        let mut out = vec![none()];
        out.extend(rows.iter().map(|r| (r.id.to_string(), r.name.clone())));
        out
    };
    let (partners, programmes, owners) =
        (options(&choices.partners), options(&choices.programmes), options(&choices.owners));
    let partners = Signal::derive(move || partners.clone());
    let programmes = Signal::derive(move || programmes.clone());
    let owners = Signal::derive(move || owners.clone());
    let refused = crate::components::post::posted_for(AddObjective::PATH)
        .is_some_and(|p| p.value("plan") == Some(&plan.to_string()));
    view! {
        <details class="session-form" open=refused>
            <summary class="button button--secondary" data-testid="objective-open">{move || t_string!(i18n, plan_objective_add)}</summary>
            <PostForm to=AddObjective::PATH next=routes::saved(&back) hidden=vec![("plan", plan.to_string())]
                errors=errors failure=failure class="form" testid="objective-form">
                <ErrorBanner error=failure />
                <TextField name="title" label=l(|i| t_string!(i, plan_objective).to_string()) value=title errors=errors
                    hint=l(|i| t_string!(i, plan_objective_hint).to_string()) />
                <SelectField name="item" label=l(|i| t_string!(i, plan_item).to_string()) value=item errors=errors options=items />
                <TextField name="target" label=l(|i| t_string!(i, plan_target).to_string()) value=target errors=errors inputmode="numeric" />
                <SelectField name="partner_id" label=l(|i| t_string!(i, plan_partner).to_string()) value=partner_id errors=errors options=partners
                    hint=l(|i| t_string!(i, plan_partner_hint).to_string()) />
                <SelectField name="programme_id" label=l(|i| t_string!(i, plan_programme).to_string()) value=programme_id errors=errors options=programmes />
                <SelectField name="owner_id" label=l(|i| t_string!(i, plan_owner).to_string()) value=owner_id errors=errors options=owners />
                <TextField name="due_on" label=l(|i| t_string!(i, plan_due).to_string()) value=due_on errors=errors kind="date" />
                <button class="button" type="submit" data-testid="objective-save">{move || t_string!(i18n, save)}</button>
            </PostForm>
        </details>
    }
}
