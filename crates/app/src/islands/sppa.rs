//! What UU SPPA says about a child's case, worked out as the registration form fills.

use leptos::prelude::*;
use pamong_domain::abh::case::CaseRules;
use pamong_domain::abh::rules::AgeRoute;
use serde::{Deserialize, Serialize};

/// The words of the rules card, translated on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTexts {
    /// The card's title.
    pub title: String,
    /// "Umur saat tindak pidana: {age} tahun", with `{age}` where the age goes.
    pub age_line: String,
    /// Each age route's sentence.
    pub routes: Vec<(AgeRoute, String)>,
    /// Diversion must be sought.
    pub diversion_mandatory: String,
    /// Diversion does not apply.
    pub diversion_not_applicable: String,
    /// The recorded detention is unlawful.
    pub detention_unlawful: String,
}

/// The names the registration form posts the rules' inputs under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleFields {
    /// The child's birth date.
    pub birth_date: String,
    /// The offence's date.
    pub offence_date: String,
    /// The maximum penalty, years and months.
    pub penalty: (String, String),
    /// Repeat offence (a checkbox).
    pub repeat: String,
    /// Detained (a checkbox) and since when.
    pub detained: (String, String),
}

/// The rules card, as the server renders it for a case.
pub fn rules_card(r: CaseRules, texts: &RuleTexts) -> impl IntoView + use<> {
    let route = texts.routes.iter().find(|(k, _)| *k == r.route).map(|(_, t)| t.clone()).unwrap_or_default();
    let diversion =
        if r.diversion_mandatory { &texts.diversion_mandatory } else { &texts.diversion_not_applicable };
    view! {
        <section class="card rules" role="status" data-testid="abh-rules">
            <h2>{texts.title.clone()}</h2>
            <p>{texts.age_line.replace("{age}", &r.age_at_offence.to_string())}</p>
            <p>{route}</p>
            <p>{diversion.clone()}</p>
            {r.detention_unlawful.then(|| view! { <p class="banner banner--error">{texts.detention_unlawful.clone()}</p> })}
        </section>
    }
}

/// The rules card of the registration form: rendered by the server for what the form holds,
/// then worked out again in the browser on every change, by the same domain rules.
#[island]
pub fn SppaRules(
    /// Where the form posts the inputs.
    fields: RuleFields,
    /// The rules for what the form held when rendered, if its dates were in.
    rules: Option<CaseRules>,
    /// The words.
    texts: RuleTexts,
) -> impl IntoView {
    let current = RwSignal::new(rules);
    let anchor = NodeRef::<leptos::html::Div>::new();
    super::dom::follow_form(anchor, &["input", "change"], move |form| current.set(read(form, &fields)));
    let texts = StoredValue::new(texts);
    view! { <div node_ref=anchor>{move || current.get().map(|r| texts.with_value(|t| rules_card(r, t)))}</div> }
}

/// The rules for what `form` holds now.
fn read(form: &web_sys::HtmlFormElement, f: &RuleFields) -> Option<CaseRules> {
    use pamong_domain::abh::case::case_rules;
    use pamong_domain::client::parse_date;
    let value = |name: &str| super::dom::posted(form, name).unwrap_or_default();
    let number = |name: &str| value(name).trim().parse::<u32>().unwrap_or(0);
    let ticked = |name: &str| super::dom::posted(form, name).is_some();
    let birth = parse_date(&value(&f.birth_date))?;
    let offence = parse_date(&value(&f.offence_date))?;
    let since = if ticked(&f.detained.0) { parse_date(&value(&f.detained.1)) } else { None };
    case_rules(birth, offence, number(&f.penalty.0) * 12 + number(&f.penalty.1), ticked(&f.repeat), since)
}
