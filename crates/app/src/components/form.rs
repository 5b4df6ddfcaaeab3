//! Form controls that show their error next to the field and keep what was typed, and the
//! error summary that links to each field (after the GOV.UK pattern).

use leptos::prelude::*;
use pamong_domain::FieldErrors;

use crate::components::post::{PostForm, posted_name, posted_value, posted_values};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The id of the input for a field, used by labels and by the error summary's links; inside
/// a [`FieldIds`], prefixed with its name.
pub fn field_id(field: &str) -> String {
    match use_context::<IdPrefix>() {
        Some(IdPrefix(prefix)) => format!("f-{prefix}-{field}"),
        None => format!("f-{field}"),
    }
}

/// The prefix a [`FieldIds`] gives its fields' ids.
#[derive(Clone)]
struct IdPrefix(String);

/// Gives the fields inside ids of their own, for a page with several forms of the same
/// fields (a session form per person on a work site's day), so that each label finds its
/// own input.
#[component]
pub fn FieldIds(
    /// What sets these fields apart (a record's id and the form's kind).
    #[prop(into)]
    prefix: String,
    /// The fields.
    children: Children,
) -> impl IntoView {
    view! { <leptos::context::Provider value=IdPrefix(prefix)>{children()}</leptos::context::Provider> }
}

/// The translated error of one field, as a signal.
pub fn field_error(errors: RwSignal<FieldErrors>, field: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || errors.with(|e| e.get(field)).map(|p| text::problem(i18n, p)))
}

/// A labelled text input.
#[component]
pub fn TextField(
    /// Field name (matches the domain form's field).
    name: &'static str,
    /// Label text.
    #[prop(into)]
    label: TextProp,
    /// The value, kept across failed saves.
    value: RwSignal<String>,
    /// The form's errors.
    errors: RwSignal<FieldErrors>,
    /// Input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// Browser autocomplete hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Help text under the label.
    #[prop(optional, into)]
    hint: Option<TextProp>,
    /// Marks the field optional in its label.
    #[prop(optional)]
    optional: bool,
    /// Input mode for phone keyboards (e.g. "numeric").
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The name posted under when it is not the field's (a server fn argument that two
    /// fields fill, one at a time).
    #[prop(optional)]
    posted_as: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field_id(name);
    let error = field_error(errors, name);
    let posted_as = posted_as.map_or_else(|| posted_name(name), str::to_owned);
    if let Some(typed) = posted_value(&posted_as) {
        value.set(typed);
    }
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id.clone()>
                {move || label.get()}
                {optional.then(|| view! { " " <span class="field__optional">{move || t_string!(i18n, optional)}</span> })}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <p class="field__error" id=error_id.clone() hidden=move || error.get().is_none()>
                {move || error.get()}
            </p>
            <input
                class="input"
                id=id.clone()
                name=posted_as
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                value=value.get_untracked()
            />
        </div>
    }
}

/// A labelled multi-line input.
#[component]
pub fn TextArea(
    /// Field name.
    name: &'static str,
    /// Label text.
    #[prop(into)]
    label: TextProp,
    /// The value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: RwSignal<FieldErrors>,
    /// Help text.
    #[prop(optional, into)]
    hint: Option<TextProp>,
    /// The name posted under when it is not the field's.
    #[prop(optional)]
    posted_as: Option<&'static str>,
) -> impl IntoView {
    let id = field_id(name);
    let error = field_error(errors, name);
    let posted_as = posted_as.map_or_else(|| posted_name(name), str::to_owned);
    if let Some(typed) = posted_value(&posted_as) {
        value.set(typed);
    }
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <p class="field__error" hidden=move || error.get().is_none()>{move || error.get()}</p>
            <textarea
                class="input input--area"
                id=id.clone()
                name=posted_as
                rows="4"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=hint_id.clone()
            >
                {value.get_untracked()}
            </textarea>
        </div>
    }
}

/// A labelled drop-down. `options` are `(value, label)` pairs; an empty first choice is added.
#[component]
pub fn SelectField(
    /// Field name.
    name: &'static str,
    /// Label text.
    #[prop(into)]
    label: TextProp,
    /// The chosen value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: RwSignal<FieldErrors>,
    /// The choices.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// Help text.
    #[prop(optional, into)]
    hint: Option<TextProp>,
) -> impl IntoView {
    let id = field_id(name);
    let error = field_error(errors, name);
    let posted_as = posted_name(name);
    if let Some(chosen) = posted_value(&posted_as) {
        value.set(chosen);
    }
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field__hint">{move || h.get()}</p> })}
            <p class="field__error" hidden=move || error.get().is_none()>{move || error.get()}</p>
            <select
                class="input input--select"
                id=id.clone()
                name=posted_as
                aria-invalid=move || error.get().is_some().to_string()
            >
                <option value="" selected=move || value.get().is_empty()>"—"</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = value.get() == v;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The list of problems at the top of a form, each linking to its field. `labels` names the
/// fields in the form's order.
#[component]
pub fn ErrorSummary(
    /// The form's errors.
    errors: RwSignal<FieldErrors>,
    /// `(field, label)` for each field of the form.
    labels: Vec<(&'static str, TextProp)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let labels = StoredValue::new(labels);
    view! {
        <Show when=move || !errors.with(FieldErrors::is_empty)>
            <div class="error-summary" role="alert" tabindex="-1">
                <h2 class="error-summary__title">{move || t_string!(i18n, error_summary_title)}</h2>
                <ul class="error-summary__list">
                    {move || {
                        errors
                            .get()
                            .0
                            .into_iter()
                            .map(|e| {
                                let label = labels
                                    .with_value(|l| l.iter().find(|(f, _)| *f == e.field).map(|(_, t)| t.get().to_string()))
                                    .unwrap_or_default();
                                let href = format!("#{}", field_id(&e.field));
                                let problem = text::problem(i18n, e.problem);
                                view! { <li><a href=href>{label}": "{problem}</a></li> }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// A whole-form error (not tied to a field): network trouble, an internal error, a refusal.
#[component]
pub fn ErrorBanner(
    /// The error to show, if any.
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || {
            error.get().map(|e| view! { <div class="banner banner--error" role="alert">{text::error(i18n, &e)}</div> })
        }}
    }
}

/// Routes a failed save: field problems go next to their fields, anything else to the banner.
pub fn show_failure(err: AppError, errors: RwSignal<FieldErrors>, failure: RwSignal<Option<AppError>>) {
    match err.field_errors() {
        Some(found) => {
            errors.set(found.clone());
            failure.set(None);
        }
        None => {
            errors.set(FieldErrors::new());
            failure.set(Some(err));
        }
    }
}

/// "Perubahan tersimpan." after a save redirected here with [`routes::saved`].
#[component]
pub fn SavedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.with(|q| q.get(routes::SAVED_KEY).is_some_and(|m| m == routes::SAVED_VALUE));
    view! {
        <Show when=saved>
            <div class="banner banner--ok" role="status">{move || t_string!(i18n, saved)}</div>
        </Show>
    }
}

/// The primary button of a form, showing progress while saving.
#[component]
pub fn SaveButton() -> impl IntoView {
    let i18n = use_i18n();
    view! { <button class="button" type="submit">{move || t_string!(i18n, save)}</button> }
}

/// Checkboxes for a multiple choice.
#[component]
pub fn MultiChoice(
    /// Field name.
    name: &'static str,
    /// The question.
    #[prop(into)]
    legend: TextProp,
    /// The chosen values.
    values: RwSignal<Vec<String>>,
    /// The form's errors.
    errors: RwSignal<FieldErrors>,
    /// `(value, label)` pairs.
    options: Vec<(String, String)>,
) -> impl IntoView {
    let error = field_error(errors, name);
    // Ticked boxes post one value each under `name[]`, which serde_qs reads as a list.
    let posted_as = format!("{}[]", posted_name(name));
    if let Some(ticked) = posted_values(&posted_as) {
        values.set(ticked);
    }
    view! {
        <fieldset class="field choices" class:field--error=move || error.get().is_some() id=field_id(name)>
            <legend class="field__label">{move || legend.get()}</legend>
            <p class="field__error" hidden=move || error.get().is_none()>{move || error.get()}</p>
            <div class="choices__row">
                {options.into_iter().map(|(v, l)| {
                    let on = values.with_untracked(|vs| vs.contains(&v));
                    view! {
                        <label class="choice">
                            <input type="checkbox" name=posted_as.clone() value=v.clone() checked=on />
                            <span>{l}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The save button and a cancel link back to `cancel`.
#[component]
pub fn FormActions(
    /// Where cancelling leads.
    #[prop(into)]
    cancel: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form__actions">
            <SaveButton />
            <a class="button button--secondary" href=cancel>{move || t_string!(i18n, cancel)}</a>
        </div>
    }
}

/// The button that deactivates an active record or reactivates an inactive one: a form of
/// its own posting `id` and the new state to the server fn at `to`, so it works before the
/// wasm too.
#[component]
pub fn ActiveToggle(
    /// Whether the record is active now.
    active: bool,
    /// The server fn that sets the state (`<Fn as ServerFn>::PATH`; takes `id`, `active`).
    to: &'static str,
    /// The record.
    id: uuid::Uuid,
    /// Where a success leads.
    #[prop(into)]
    next: String,
    /// The page's field errors.
    errors: RwSignal<FieldErrors>,
    /// The page's whole-form failure.
    failure: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hidden = vec![("id", id.to_string()), ("active", (!active).to_string())];
    view! {
        <PostForm to=to next=next hidden=hidden scope=None errors=errors failure=failure class="danger-zone">
            <button class="button button--secondary" type="submit">
                {move || if active { t_string!(i18n, deactivate).to_string() } else { t_string!(i18n, activate).to_string() }}
            </button>
        </PostForm>
    }
}
