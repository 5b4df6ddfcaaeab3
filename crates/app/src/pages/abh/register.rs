//! `/abh/baru`: registering a child's case — the child, the parents or guardian, the offence
//! and the investigation — with the SPPA rules worked out live beside the form.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::abh::case::case_rules;
use pamong_domain::abh::rules::AgeRoute;
use pamong_domain::client::parse_date;
use server_fn::ServerFn;

use crate::api::abh::RegisterChildCase;
use crate::api::clients::client_form_setup;
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::form::FormActions;
use crate::components::post::{Argument, posted_name, posted_values};
use crate::components::{ErrorBanner, ErrorSummary, PostForm, SelectField, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::islands::{RuleFields, RuleTexts, SppaRules, rules_card};
use crate::routes;
use crate::text;

/// A labelled checkbox.
#[component]
pub fn CheckField(
    /// Field name.
    name: &'static str,
    /// Label text.
    #[prop(into)]
    label: TextProp,
    /// The value.
    value: RwSignal<bool>,
) -> impl IntoView {
    let id = crate::components::form::field_id(name);
    let posted_as = posted_name(name);
    // A ticked box posts "true"; an unticked one posts nothing.
    if let Some(ticked) = posted_values(&posted_as) {
        value.set(!ticked.is_empty());
    }
    view! {
        <div class="field field--check">
            <input type="checkbox" id=id.clone() name=posted_as value="true" checked=value.get_untracked() />
            <label for=id>{move || label.get()}</label>
        </div>
    }
}

/// The registration page.
#[component]
pub fn AbhRegisterPage() -> impl IntoView {
    let setup = Resource::new(|| (), |_| client_form_setup());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match setup.await {
                    Ok(ctx) => view! { <Editor officers=ctx.officers can_assign=ctx.can_assign /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(officers: Vec<pamong_domain::caseload::PersonRef>, can_assign: bool) -> impl IntoView {
    let i18n = use_i18n();
    let text_field = || RwSignal::new(String::new());
    let (full_name, nik, sex, birth_place, birth_date, address, phone, pk_id) = (
        text_field(),
        text_field(),
        text_field(),
        text_field(),
        text_field(),
        text_field(),
        text_field(),
        text_field(),
    );
    let (father, mother, guardian, guardian_relation, parents_phone) =
        (text_field(), text_field(), text_field(), text_field(), text_field());
    let (offence_date, offence, articles, penalty_years, penalty_months) =
        (text_field(), text_field(), text_field(), text_field(), text_field());
    let (investigator, police_unit, investigation_start, detained_since) =
        (text_field(), text_field(), text_field(), text_field());
    let (repeat, victim_child, witness_child, detained) =
        (RwSignal::new(false), RwSignal::new(false), RwSignal::new(false), RwSignal::new(false));
    // What the law says, as soon as the dates and the penalty are in.
    let rules = Memo::new(move |_| {
        let birth = parse_date(&birth_date.get())?;
        let offence = parse_date(&offence_date.get())?;
        let years: u32 = penalty_years.get().trim().parse().unwrap_or(0);
        let months: u32 = penalty_months.get().trim().parse().unwrap_or(0);
        let since = if detained.get() { parse_date(&detained_since.get()) } else { None };
        case_rules(birth, offence, years * 12 + months, repeat.get(), since)
    });
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let sexes = Signal::derive(move || {
        vec![
            ("L".to_owned(), t_string!(i18n, sex_l).to_string()),
            ("P".to_owned(), t_string!(i18n, sex_p).to_string()),
        ]
    });
    let pk_options = Signal::derive(move || {
        officers.iter().map(|o| (o.id.to_string(), o.name.clone())).collect::<Vec<_>>()
    });
    view! {
        <PageTitle text=move || t_string!(i18n, abh_register).to_string() />
        <p class="breadcrumb"><a href="/abh">"← " {move || t_string!(i18n, abh_title)}</a></p>
        <h1>{move || t_string!(i18n, abh_register)}</h1>
        <p class="muted">{move || t_string!(i18n, abh_intro)}</p>
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("full_name", label(|i| t_string!(i, user_full_name).to_string())),
            ("nik", label(|i| t_string!(i, client_nik).to_string())),
            ("sex", label(|i| t_string!(i, client_sex).to_string())),
            ("birth_place", label(|i| t_string!(i, client_birth_place).to_string())),
            ("birth_date", label(|i| t_string!(i, client_birth_date).to_string())),
            ("address", label(|i| t_string!(i, client_street).to_string())),
            ("phone", label(|i| t_string!(i, client_phone).to_string())),
            ("father_name", label(|i| t_string!(i, field_father).to_string())),
            ("mother_name", label(|i| t_string!(i, field_mother).to_string())),
            ("guardian_name", label(|i| t_string!(i, field_guardian).to_string())),
            ("guardian_relation", label(|i| t_string!(i, field_guardian_relation).to_string())),
            ("parents_phone", label(|i| t_string!(i, field_parents_phone).to_string())),
            ("offence_date", label(|i| t_string!(i, field_offence_date).to_string())),
            ("offence", label(|i| t_string!(i, field_offence).to_string())),
            ("offence_articles", label(|i| t_string!(i, client_articles).to_string())),
            ("penalty_years", label(|i| t_string!(i, field_penalty).to_string())),
            ("penalty_months", label(|i| t_string!(i, field_penalty_months).to_string())),
            ("investigator", label(|i| t_string!(i, field_investigator).to_string())),
            ("police_unit", label(|i| t_string!(i, field_police_unit).to_string())),
            ("investigation_start", label(|i| t_string!(i, field_investigation_start).to_string())),
            ("detained_since", label(|i| t_string!(i, field_detained_since).to_string())),
            ("pk_id", label(|i| t_string!(i, client_pk).to_string())),
        ] />
        <PostForm to=RegisterChildCase::PATH next=routes::child_case_new() scope=Some("case") errors=errors failure=failure class="form" testid="abh-form">
            <fieldset class="card">
                <legend>{move || t_string!(i18n, abh_child)}</legend>
                <Argument name="child">
                <TextField name="full_name" label=label(|i| t_string!(i, user_full_name).to_string()) value=full_name errors=errors />
                <SelectField name="sex" label=label(|i| t_string!(i, client_sex).to_string()) value=sex errors=errors options=sexes />
                <div class="field-row">
                    <TextField name="birth_place" label=label(|i| t_string!(i, client_birth_place).to_string()) value=birth_place errors=errors optional=true />
                    <TextField name="birth_date" label=label(|i| t_string!(i, client_birth_date).to_string()) value=birth_date errors=errors kind="date" />
                </div>
                <TextField name="nik" label=label(|i| t_string!(i, client_nik).to_string()) value=nik errors=errors optional=true inputmode="numeric" />
                <TextField name="address" label=label(|i| t_string!(i, client_street).to_string()) value=address errors=errors optional=true />
                <TextField name="phone" label=label(|i| t_string!(i, client_phone).to_string()) value=phone errors=errors optional=true kind="tel" />
                </Argument>
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, abh_family)}</legend>
                <TextField name="father_name" label=label(|i| t_string!(i, field_father).to_string()) value=father errors=errors optional=true />
                <TextField name="mother_name" label=label(|i| t_string!(i, field_mother).to_string()) value=mother errors=errors optional=true />
                <div class="field-row">
                    <TextField name="guardian_name" label=label(|i| t_string!(i, field_guardian).to_string()) value=guardian errors=errors optional=true />
                    <TextField name="guardian_relation" label=label(|i| t_string!(i, field_guardian_relation).to_string()) value=guardian_relation errors=errors optional=true />
                </div>
                <TextField name="parents_phone" label=label(|i| t_string!(i, field_parents_phone).to_string()) value=parents_phone errors=errors optional=true kind="tel" />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, abh_offence)}</legend>
                <TextField name="offence_date" label=label(|i| t_string!(i, field_offence_date).to_string()) value=offence_date errors=errors kind="date" />
                <TextField name="offence" label=label(|i| t_string!(i, field_offence).to_string()) value=offence errors=errors />
                <Argument name="child">
                    <TextField name="offence_articles" label=label(|i| t_string!(i, client_articles).to_string()) value=articles errors=errors optional=true />
                </Argument>
                <p class="field__label">{move || t_string!(i18n, field_penalty)}</p>
                <div class="field-row">
                    <TextField name="penalty_years" label=label(|i| t_string!(i, field_penalty_years).to_string()) value=penalty_years errors=errors inputmode="numeric" />
                    <TextField name="penalty_months" label=label(|i| t_string!(i, field_penalty_months).to_string()) value=penalty_months errors=errors inputmode="numeric" optional=true />
                </div>
                <CheckField name="repeat_offence" label=label(|i| t_string!(i, field_repeat).to_string()) value=repeat />
                <CheckField name="victim_is_child" label=label(|i| t_string!(i, field_victim_child).to_string()) value=victim_child />
                <CheckField name="witness_is_child" label=label(|i| t_string!(i, field_witness_child).to_string()) value=witness_child />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, abh_investigation)}</legend>
                <TextField name="investigation_start" label=label(|i| t_string!(i, field_investigation_start).to_string()) value=investigation_start errors=errors kind="date" />
                <div class="field-row">
                    <TextField name="investigator" label=label(|i| t_string!(i, field_investigator).to_string()) value=investigator errors=errors optional=true />
                    <TextField name="police_unit" label=label(|i| t_string!(i, field_police_unit).to_string()) value=police_unit errors=errors optional=true />
                </div>
                <CheckField name="detained" label=label(|i| t_string!(i, field_detained).to_string()) value=detained />
                // Shown while *Ditahan* is ticked, by the style sheet (no script needed).
                <div class="when-detained">
                    <TextField name="detained_since" label=label(|i| t_string!(i, field_detained_since).to_string()) value=detained_since errors=errors kind="date" />
                </div>
                {can_assign.then(|| view! {
                    <Argument name="child">
                        <SelectField name="pk_id" label=label(|i| t_string!(i, client_pk).to_string()) value=pk_id errors=errors options=pk_options />
                    </Argument>
                })}
            </fieldset>
            <LiveRules rules=rules.get_untracked() />
            <FormActions cancel="/abh" />
        </PostForm>
    }
}

/// The words of the SPPA rules card.
fn rule_texts(i18n: crate::text::I18n) -> RuleTexts {
    RuleTexts {
        title: t_string!(i18n, abh_rules).to_string(),
        age_line: t_string!(i18n, abh_age_at_offence, age = "{age}").to_string(),
        routes: [AgeRoute::Child, AgeRoute::UnderTwelve, AgeRoute::Adult]
            .into_iter()
            .map(|r| (r, text::abh::age_route(i18n, r)))
            .collect(),
        diversion_mandatory: t_string!(i18n, diversion_mandatory).to_string(),
        diversion_not_applicable: t_string!(i18n, diversion_not_applicable).to_string(),
        detention_unlawful: t_string!(i18n, detention_unlawful).to_string(),
    }
}

/// What the SPPA rules say about a recorded case.
#[component]
pub fn RulesPanel(
    /// The case's rules.
    rules: pamong_domain::abh::case::CaseRules,
) -> impl IntoView {
    rules_card(rules, &rule_texts(use_i18n()))
}

/// The rules card of the registration form, worked out again in the browser as it fills.
#[component]
fn LiveRules(rules: Option<pamong_domain::abh::case::CaseRules>) -> impl IntoView {
    let fields = RuleFields {
        birth_date: "child[birth_date]".to_owned(),
        offence_date: posted_name("offence_date"),
        penalty: (posted_name("penalty_years"), posted_name("penalty_months")),
        repeat: posted_name("repeat_offence"),
        detained: (posted_name("detained"), posted_name("detained_since")),
    };
    view! { <SppaRules fields=fields rules=rules texts=rule_texts(use_i18n()) /> }
}
