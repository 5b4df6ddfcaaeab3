//! The RRI assessment form. The instrument comes from the server as data; the domain's
//! scoring fn runs in the browser, so the score and band change as the officer ticks items.
//! The server scores the answers again before storing them with the instrument's version.

use leptos::prelude::*;
use pamong_domain::needs::{NeedDomain, NeedRatings};
use pamong_domain::reporting::RiskBand;
use pamong_domain::rri::{Answers, Instrument, Item};
use pamong_domain::{ErrorKind, FieldErrors};
use server_fn::ServerFn;

use super::use_client_id;
use crate::api::clients::{AssessClient, ClientPageData, client_page, rri_instrument};
use crate::app::{ErrorPage, Loading};
use crate::components::PostForm;
use crate::components::post::{posted_name, posted_value};
use crate::components::{ErrorBanner, ErrorSummary, PageTitle, SaveButton, TextArea, TextField, local_now};
use crate::error::AppError;
use crate::i18n::*;
use crate::islands::{RriScore, ScoreTexts};
use crate::routes;
use crate::text;

/// The assessment page.
#[component]
pub fn AssessmentPage() -> impl IntoView {
    let id = use_client_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let (client, instrument) = crate::api::both(client_page(id?), rri_instrument()).await;
            Ok::<_, AppError>((client?, instrument?))
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((client, instrument)) if client.detail.can_edit => {
                        view! { <AssessmentEditor client=client instrument=instrument /> }.into_any()
                    }
                    Ok(_) => view! { <ErrorPage error=AppError::Kind(ErrorKind::NotFound) /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn label_of(i18n: crate::text::I18n, id: &str, en: &str) -> String {
    match i18n.get_locale() {
        Locale::id => id.to_owned(),
        Locale::en => en.to_owned(),
    }
}

#[component]
fn AssessmentEditor(client: ClientPageData, instrument: Instrument) -> impl IntoView {
    let i18n = use_i18n();
    let id = client.detail.summary.id;
    let name = client.detail.summary.full_name.clone();
    let answers = RwSignal::new(Answers::new());
    let needs = RwSignal::new(NeedRatings::new());
    let date = RwSignal::new(local_now().0);
    let notes = RwSignal::new(String::new());
    let instrument = StoredValue::new(instrument);
    let max = instrument.with_value(Instrument::max_score);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let version = instrument.with_value(|i| i.version.clone());
    view! {
        <PageTitle text=move || t_string!(i18n, assess_rri).to_string() />
        <p class="breadcrumb"><a href=routes::client(id)>"← " {name}</a></p>
        <h1>{move || t_string!(i18n, assess_rri)}</h1>
        <p class="muted">{move || t_string!(i18n, rri_instrument_version, version = version.clone())}</p>
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("answers", label(|i| t_string!(i, rri_part_a).to_string())),
            ("needs", label(|i| t_string!(i, rri_needs).to_string())),
            ("date", label(|i| t_string!(i, field_date).to_string())),
            ("notes", label(|i| t_string!(i, field_notes).to_string())),
        ] />
        <PostForm to=AssessClient::PATH next=routes::saved(&routes::client(id)) hidden=vec![("id", id.to_string())]
            errors=errors failure=failure class="form" testid="rri-form">
            <ScoreBar instrument=instrument.get_value() max=max />
            <h2>{move || t_string!(i18n, rri_part_a)}</h2>
            {instrument.with_value(|i| i.items.clone()).into_iter().map(|item| view! { <ItemField item=item answers=answers /> }).collect_view()}
            <h2>{move || t_string!(i18n, rri_needs)}</h2>
            <p class="muted">{move || t_string!(i18n, rri_needs_hint)}</p>
            <div class="card needs">
                {NeedDomain::ALL.into_iter().map(|d| view! { <NeedField domain=d needs=needs /> }).collect_view()}
            </div>
            <div class="card">
                <TextField name="date" label=label(|i| t_string!(i, field_date).to_string()) value=date errors=errors kind="date" />
                <TextArea name="notes" label=label(|i| t_string!(i, field_notes).to_string()) value=notes errors=errors />
                <div class="form__actions">
                    <SaveButton />
                    <a class="button button--secondary" href=routes::client(id)>{move || t_string!(i18n, cancel)}</a>
                </div>
            </div>
        </PostForm>
    }
}

/// The live score: the answers posted before (a refused form shown again) scored on the
/// server, then followed in the browser by the [`RriScore`] island.
#[component]
fn ScoreBar(instrument: Instrument, max: u16) -> impl IntoView {
    let i18n = use_i18n();
    let prefix = posted_name("answers");
    let answers: Answers = instrument
        .items
        .iter()
        .filter_map(|i| posted_value(&format!("{prefix}[{}]", i.key)).map(|v| (i.key.clone(), v)))
        .collect();
    let texts = ScoreTexts {
        score_line: t_string!(i18n, rri_score_live, score = "{score}", max = max).to_string(),
        none: text::band(i18n, None),
        bands: RiskBand::ALL.into_iter().map(|b| (b, text::band(i18n, Some(b)))).collect(),
    };
    view! { <RriScore instrument=instrument prefix=prefix answers=answers texts=texts /> }
}

#[component]
fn ItemField(item: Item, answers: RwSignal<Answers>) -> impl IntoView {
    let i18n = use_i18n();
    let key = item.key.clone();
    let (label_id, label_en) = (item.label_id.clone(), item.label_en.clone());
    let default = item.choices.first().map(|c| c.key.clone()).unwrap_or_default();
    let posted_as = format!("{}[{key}]", posted_name("answers"));
    if let Some(choice) = posted_value(&posted_as) {
        answers.update(|a| {
            a.insert(key.clone(), choice);
        });
    }
    let current = {
        let (key, default) = (key.clone(), default.clone());
        move || answers.with(|a| a.get(&key).cloned().unwrap_or_else(|| default.clone()))
    };
    view! {
        <fieldset class="card rri-item" data-item=key.clone()>
            <legend>{move || label_of(i18n, &label_id, &label_en)}</legend>
            <div class="choices__row">
                {item
                    .choices
                    .into_iter()
                    .map(|c| {
                        let choice = c.key.clone();
                        let checked = {
                            let (current, choice) = (current.clone(), choice.clone());
                            move || current() == choice
                        };
                        let (cid, cen) = (c.label_id.clone(), c.label_en.clone());
                        let weight = c.weight;
                        view! {
                            <label class="choice">
                                <input type="radio" name=posted_as.clone() value=choice.clone() checked=checked() />
                                <span>{move || label_of(i18n, &cid, &cen)}{(weight > 0).then(|| format!(" (+{weight})"))}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn NeedField(domain: NeedDomain, needs: RwSignal<NeedRatings>) -> impl IntoView {
    let i18n = use_i18n();
    let max = domain.items();
    let value = move || needs.with(|n| n.get(&domain).copied().unwrap_or(0));
    let id = format!("need-{}", domain.key());
    // Keyed as serde names the domain (its variant), which is what `Debug` prints.
    let posted_as = format!("{}[{domain:?}]", posted_name("needs"));
    if let Some(present) = posted_value(&posted_as).and_then(|n| n.trim().parse::<u8>().ok()) {
        needs.update(|m| {
            m.insert(domain, present.min(max));
        });
    }
    view! {
        <div class="need">
            <label for=id.clone()>{move || text::need_domain(i18n, domain)}</label>
            <div class="need__input">
                <input
                    id=id
                    class="input input--narrow"
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max=max.to_string()
                    name=posted_as
                    value=value().to_string()
                />
                <span class="muted">{move || t_string!(i18n, rri_of_items, max = max)}</span>
                <span class="badge">{move || text::need_level(i18n, domain.level(value()))}</span>
            </div>
        </div>
    }
}
