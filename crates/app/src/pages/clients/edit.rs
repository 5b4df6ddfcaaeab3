//! Registering and editing a client: identity, address (region picked step by step, or typed
//! where the region list is not loaded), guarantor, and the case with its computed
//! supervision period. A similar name with the same birth date warns before saving.

use leptos::prelude::*;
use pamong_domain::caseload::SimilarClients;
use pamong_domain::client::{ClientForm, RELIGIONS, parse_date};
use pamong_domain::legal::{LegalBasis, PeriodRules};
use pamong_domain::{ErrorKind, FieldErrors};
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::clients::{
    ClientFormContext, SaveClient, client_form_setup, client_page, find_similar_clients,
};
use crate::app::{ErrorPage, Loading};
use crate::components::post::{posted_name, posted_value};
use crate::components::{ErrorBanner, ErrorSummary, SaveButton, SelectField, TextField};
use crate::components::{PageTitle, PostForm};
use crate::error::AppError;
use crate::i18n::*;
use crate::islands::{DuplicateCheck, SimilarTexts};
use crate::islands::{RegionPicker, RegionTexts};
use crate::pages::use_record_id;
use crate::routes;
use crate::text;

/// `/klien/baru` and `/klien/:id/ubah`.
#[component]
pub fn ClientEditPage() -> impl IntoView {
    let id = use_record_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id?;
            let (context, page) = crate::api::setup_and_record(client_form_setup(), id, client_page).await;
            let context = context?;
            match (id, page?) {
                (Some(id), Some(page)) => {
                    if !page.detail.can_edit {
                        return Err(AppError::Kind(ErrorKind::NotFound));
                    }
                    Ok((Some(id), Some(page.detail.version), page.detail.form, context))
                }
                _ => Ok((None, None, ClientForm::default(), context)),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((id, version, form, context)) => view! {
                        <ClientEditor id=id version=version initial=form context=context />
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A field's label in the user's language.
type Label = fn(crate::text::I18n) -> String;

/// Each field's label, in the order of the form (the error summary and the conflict notice).
const FIELD_LABELS: [(&str, Label); 29] = [
    ("nik", |i| t_string!(i, client_nik).to_string()),
    ("full_name", |i| t_string!(i, user_full_name).to_string()),
    ("aliases", |i| t_string!(i, client_aliases).to_string()),
    ("sex", |i| t_string!(i, client_sex).to_string()),
    ("birth_place", |i| t_string!(i, client_birth_place).to_string()),
    ("birth_date", |i| t_string!(i, client_birth_date).to_string()),
    ("religion", |i| t_string!(i, client_religion).to_string()),
    ("education", |i| t_string!(i, client_education).to_string()),
    ("occupation", |i| t_string!(i, client_occupation).to_string()),
    ("phone", |i| t_string!(i, client_phone).to_string()),
    ("address", |i| t_string!(i, client_address).to_string()),
    ("region_code", |i| t_string!(i, client_region).to_string()),
    ("guarantor_name", |i| t_string!(i, client_guarantor).to_string()),
    ("guarantor_relation", |i| t_string!(i, client_guarantor_relation).to_string()),
    ("guarantor_phone", |i| t_string!(i, client_guarantor_phone).to_string()),
    ("court", |i| t_string!(i, client_court).to_string()),
    ("decision_number", |i| t_string!(i, client_decision).to_string()),
    ("offence_articles", |i| t_string!(i, client_articles).to_string()),
    ("legal_basis", |i| t_string!(i, filter_basis).to_string()),
    ("supervision_start", |i| t_string!(i, client_start).to_string()),
    ("remaining_months", |i| t_string!(i, client_remaining_months).to_string()),
    ("remaining_days", |i| t_string!(i, client_remaining_days).to_string()),
    ("remission_months", |i| t_string!(i, client_remission_months).to_string()),
    ("remission_days", |i| t_string!(i, client_remission_days).to_string()),
    ("term_months", |i| t_string!(i, client_term_months).to_string()),
    ("term_days", |i| t_string!(i, client_term_days).to_string()),
    ("end_override", |i| t_string!(i, client_end_override).to_string()),
    ("end_override_reason", |i| t_string!(i, client_end_reason).to_string()),
    ("pk_id", |i| t_string!(i, client_pk).to_string()),
];

/// The signals of every field of the form.
#[derive(Clone, Copy)]
struct Fields {
    nik: RwSignal<String>,
    full_name: RwSignal<String>,
    aliases: RwSignal<String>,
    sex: RwSignal<String>,
    birth_place: RwSignal<String>,
    birth_date: RwSignal<String>,
    religion: RwSignal<String>,
    education: RwSignal<String>,
    occupation: RwSignal<String>,
    address: RwSignal<String>,
    region_code: RwSignal<String>,
    phone: RwSignal<String>,
    guarantor_name: RwSignal<String>,
    guarantor_relation: RwSignal<String>,
    guarantor_phone: RwSignal<String>,
    court: RwSignal<String>,
    decision_number: RwSignal<String>,
    offence_articles: RwSignal<String>,
    legal_basis: RwSignal<String>,
    supervision_start: RwSignal<String>,
    remaining_months: RwSignal<String>,
    remaining_days: RwSignal<String>,
    remission_months: RwSignal<String>,
    remission_days: RwSignal<String>,
    term_months: RwSignal<String>,
    term_days: RwSignal<String>,
    end_override: RwSignal<String>,
    end_override_reason: RwSignal<String>,
    pk_id: RwSignal<String>,
}

impl Fields {
    fn new(f: ClientForm) -> Self {
        Self {
            nik: RwSignal::new(f.nik),
            full_name: RwSignal::new(f.full_name),
            aliases: RwSignal::new(f.aliases),
            sex: RwSignal::new(f.sex),
            birth_place: RwSignal::new(f.birth_place),
            birth_date: RwSignal::new(f.birth_date),
            religion: RwSignal::new(f.religion),
            education: RwSignal::new(f.education),
            occupation: RwSignal::new(f.occupation),
            address: RwSignal::new(f.address),
            region_code: RwSignal::new(f.region_code),
            phone: RwSignal::new(f.phone),
            guarantor_name: RwSignal::new(f.guarantor_name),
            guarantor_relation: RwSignal::new(f.guarantor_relation),
            guarantor_phone: RwSignal::new(f.guarantor_phone),
            court: RwSignal::new(f.court),
            decision_number: RwSignal::new(f.decision_number),
            offence_articles: RwSignal::new(f.offence_articles),
            legal_basis: RwSignal::new(f.legal_basis),
            supervision_start: RwSignal::new(f.supervision_start),
            remaining_months: RwSignal::new(f.remaining_months),
            remaining_days: RwSignal::new(f.remaining_days),
            remission_months: RwSignal::new(f.remission_months),
            remission_days: RwSignal::new(f.remission_days),
            term_months: RwSignal::new(f.term_months),
            term_days: RwSignal::new(f.term_days),
            end_override: RwSignal::new(f.end_override),
            end_override_reason: RwSignal::new(f.end_override_reason),
            pk_id: RwSignal::new(f.pk_id),
        }
    }

    /// The form as typed (tracked, so a memo over it follows every keystroke).
    fn form(&self) -> ClientForm {
        ClientForm {
            nik: self.nik.get(),
            full_name: self.full_name.get(),
            aliases: self.aliases.get(),
            sex: self.sex.get(),
            birth_place: self.birth_place.get(),
            birth_date: self.birth_date.get(),
            religion: self.religion.get(),
            education: self.education.get(),
            occupation: self.occupation.get(),
            address: self.address.get(),
            region_code: self.region_code.get(),
            phone: self.phone.get(),
            guarantor_name: self.guarantor_name.get(),
            guarantor_relation: self.guarantor_relation.get(),
            guarantor_phone: self.guarantor_phone.get(),
            court: self.court.get(),
            decision_number: self.decision_number.get(),
            offence_articles: self.offence_articles.get(),
            legal_basis: self.legal_basis.get(),
            supervision_start: self.supervision_start.get(),
            remaining_months: self.remaining_months.get(),
            remaining_days: self.remaining_days.get(),
            remission_months: self.remission_months.get(),
            remission_days: self.remission_days.get(),
            term_months: self.term_months.get(),
            term_days: self.term_days.get(),
            end_override: self.end_override.get(),
            end_override_reason: self.end_override_reason.get(),
            pk_id: self.pk_id.get(),
        }
    }
}

#[component]
fn ClientEditor(
    id: Option<Uuid>,
    /// The entry's version as loaded, posted back so a change made meanwhile is noticed.
    version: Option<String>,
    initial: ClientForm,
    context: ClientFormContext,
) -> impl IntoView {
    let i18n = use_i18n();
    let conflict = id.and_then(|id| {
        crate::components::post::posted_for(SaveClient::PATH)
            .filter(|p| matches!(p.error, AppError::Kind(ErrorKind::Conflict)))
            .map(|posted| view! { <ConflictNotice id=id posted=posted stored=initial.clone() /> })
    });
    let has_conflict = conflict.is_some();
    let mut hidden = crate::components::post::id_arg(id);
    hidden.extend(version.map(|v| (crate::components::post::VERSION_FIELD, v)));
    let f = Fields::new(initial);
    let today = context.today;
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    // The end of supervision as the rules give it for the form as rendered.
    let computed_end = Memo::new(move |_| {
        let form = f.form();
        form.parse(today, &PeriodRules::default()).ok().and_then(|d| d.computed_end)
    });
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let sexes = Signal::derive(move || {
        vec![
            ("L".to_owned(), t_string!(i18n, sex_l).to_string()),
            ("P".to_owned(), t_string!(i18n, sex_p).to_string()),
        ]
    });
    let religions =
        Signal::derive(|| RELIGIONS.iter().map(|r| ((*r).to_owned(), (*r).to_owned())).collect::<Vec<_>>());
    let bases = Signal::derive(move || {
        // A child's case in process is registered on its own form (/abh/baru).
        LegalBasis::ALL
            .iter()
            .filter(|b| **b != LegalBasis::PendampinganAnak)
            .map(|b| (b.as_str().to_owned(), text::legal_basis(i18n, *b)))
            .collect::<Vec<_>>()
    });
    let officers = context.officers.clone();
    let pk_options = Signal::derive(move || {
        officers.iter().map(|o| (o.id.to_string(), o.name.clone())).collect::<Vec<_>>()
    });
    let basis = move || LegalBasis::parse(&f.legal_basis.get());
    // Until a basis is chosen (and so before the wasm, which cannot follow the choice) every
    // period field is offered; the parser reads only the basis's. Nothing here depends on
    // whether the wasm runs, so the page hydrates exactly as the server rendered it.
    let needs_remaining =
        move || matches!(basis(), None | Some(LegalBasis::Pb | LegalBasis::Cb | LegalBasis::Asimilasi));
    let needs_remission = move || matches!(basis(), None | Some(LegalBasis::Cmb));
    let needs_term = move || {
        matches!(
            basis(),
            None | Some(LegalBasis::PidanaPengawasan | LegalBasis::KerjaSosial | LegalBasis::AnakBersyarat)
        )
    };
    let title = move || {
        if id.is_some() {
            t_string!(i18n, client_edit).to_string()
        } else {
            t_string!(i18n, client_new).to_string()
        }
    };
    let cancel = id.map_or_else(|| routes::CLIENTS.to_owned(), routes::client);
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        // A conflict has its own notice, which says more than the banner would.
        {(!has_conflict).then(|| view! { <ErrorBanner error=failure /> })}
        // A child belongs on the child-case form: say so with the way there.
        <Show when=move || errors.with(|e| [e.get("birth_date"), e.get("legal_basis")].contains(&Some(pamong_domain::Problem::ChildOnAdultForm)))>
            <p class="notice card" role="alert" data-testid="child-on-adult-form">
                {move || t_string!(i18n, client_child_notice)} " "
                <a href=routes::NEW_CHILD_CASE>{move || t_string!(i18n, abh_register)}</a>
            </p>
        </Show>
        {conflict}
        <ErrorSummary errors=errors labels=FIELD_LABELS.iter().map(|(name, text)| (*name, label(*text))).collect() />
        <PostForm to=SaveClient::PATH next=routes::saved(&id.map_or_else(routes::new_client, routes::client))
            hidden=hidden errors=errors failure=failure class="form" testid="client-form">
            <fieldset class="card">
                <legend>{move || t_string!(i18n, client_identity)}</legend>
                <TextField name="full_name" label=label(|i| t_string!(i, user_full_name).to_string()) value=f.full_name errors=errors autocomplete="off" />
                <TextField name="nik" label=label(|i| t_string!(i, client_nik).to_string()) hint=label(|i| t_string!(i, client_nik_hint).to_string()) value=f.nik errors=errors optional=true inputmode="numeric" />
                <SelectField name="sex" label=label(|i| t_string!(i, client_sex).to_string()) value=f.sex errors=errors options=sexes />
                <div class="field-row">
                    <TextField name="birth_place" label=label(|i| t_string!(i, client_birth_place).to_string()) value=f.birth_place errors=errors optional=true />
                    <TextField name="birth_date" label=label(|i| t_string!(i, client_birth_date).to_string()) value=f.birth_date errors=errors kind="date" />
                </div>
                <SimilarCheck id=id />
                <TextField name="aliases" label=label(|i| t_string!(i, client_aliases).to_string()) hint=label(|i| t_string!(i, client_aliases_hint).to_string()) value=f.aliases errors=errors optional=true />
                <SelectField name="religion" label=label(|i| t_string!(i, client_religion).to_string()) value=f.religion errors=errors options=religions />
                <TextField name="education" label=label(|i| t_string!(i, client_education).to_string()) value=f.education errors=errors optional=true />
                <TextField name="occupation" label=label(|i| t_string!(i, client_occupation).to_string()) value=f.occupation errors=errors optional=true />
                <TextField name="phone" label=label(|i| t_string!(i, client_phone).to_string()) value=f.phone errors=errors optional=true kind="tel" />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, client_address)}</legend>
                <RegionField value=f.region_code errors=errors />
                <TextField name="address" label=label(|i| t_string!(i, client_street).to_string()) value=f.address errors=errors optional=true />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, client_guarantor)}</legend>
                <TextField name="guarantor_name" label=label(|i| t_string!(i, user_full_name).to_string()) value=f.guarantor_name errors=errors optional=true />
                <TextField name="guarantor_relation" label=label(|i| t_string!(i, client_guarantor_relation).to_string()) value=f.guarantor_relation errors=errors optional=true />
                <TextField name="guarantor_phone" label=label(|i| t_string!(i, client_guarantor_phone).to_string()) value=f.guarantor_phone errors=errors optional=true kind="tel" />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, client_case)}</legend>
                <TextField name="court" label=label(|i| t_string!(i, client_court).to_string()) value=f.court errors=errors optional=true />
                <TextField name="decision_number" label=label(|i| t_string!(i, client_decision).to_string()) value=f.decision_number errors=errors optional=true />
                <TextField name="offence_articles" label=label(|i| t_string!(i, client_articles).to_string()) value=f.offence_articles errors=errors optional=true />
                <SelectField name="legal_basis" label=label(|i| t_string!(i, filter_basis).to_string()) value=f.legal_basis errors=errors options=bases />
                <TextField name="supervision_start" label=label(|i| t_string!(i, client_start).to_string()) value=f.supervision_start errors=errors kind="date" />
                <Show when=needs_remaining>
                    <div class="field-row">
                        <TextField name="remaining_months" label=label(|i| t_string!(i, client_remaining_months).to_string()) value=f.remaining_months errors=errors inputmode="numeric" />
                        <TextField name="remaining_days" label=label(|i| t_string!(i, client_remaining_days).to_string()) value=f.remaining_days errors=errors inputmode="numeric" optional=true />
                    </div>
                </Show>
                <Show when=needs_remission>
                    <div class="field-row">
                        <TextField name="remission_months" label=label(|i| t_string!(i, client_remission_months).to_string()) value=f.remission_months errors=errors inputmode="numeric" />
                        <TextField name="remission_days" label=label(|i| t_string!(i, client_remission_days).to_string()) value=f.remission_days errors=errors inputmode="numeric" optional=true />
                    </div>
                </Show>
                <Show when=needs_term>
                    <div class="field-row">
                        <TextField name="term_months" label=label(|i| t_string!(i, client_term_months).to_string()) value=f.term_months errors=errors inputmode="numeric" />
                        <TextField name="term_days" label=label(|i| t_string!(i, client_term_days).to_string()) value=f.term_days errors=errors inputmode="numeric" optional=true />
                    </div>
                </Show>
                <p class="computed" role="status" data-testid="computed-end">
                    {move || match computed_end.get() {
                        Some(end) => t_string!(i18n, client_computed_end_is, end = text::date(end)).to_string(),
                        None => t_string!(i18n, client_computed_end_unknown).to_string(),
                    }}
                </p>
                <details class="override" open=!f.end_override.get_untracked().is_empty()>
                    <summary>{move || t_string!(i18n, client_end_override)}</summary>
                    <TextField name="end_override" label=label(|i| t_string!(i, client_end_override).to_string()) value=f.end_override errors=errors kind="date" optional=true />
                    <TextField name="end_override_reason" label=label(|i| t_string!(i, client_end_reason).to_string()) value=f.end_override_reason errors=errors optional=true />
                </details>
                {if context.can_assign {
                    view! {
                        <SelectField name="pk_id" label=label(|i| t_string!(i, client_pk).to_string()) value=f.pk_id errors=errors options=pk_options />
                    }.into_any()
                } else {
                    // Who supervises is not the editor's to change; it is posted as it stands,
                    // so an officer's edit keeps the client on their caseload.
                    view! { <input type="hidden" name=posted_name("pk_id") value=f.pk_id.get_untracked() /> }.into_any()
                }}
            </fieldset>
            <div class="form__actions">
                <SaveButton />
                <a class="button button--secondary" href=cancel>{move || t_string!(i18n, cancel)}</a>
            </div>
        </PostForm>
    }
}

/// The warning that the person may already be registered: what a refused post held, checked
/// on the server, then again in the browser by the [`DuplicateCheck`] island as the name or
/// the birth date changes.
#[component]
fn SimilarCheck(id: Option<Uuid>) -> impl IntoView {
    let i18n = use_i18n();
    let names = (posted_name("full_name"), posted_name("birth_date"));
    let key = crate::islands::lookup(
        posted_value(&names.0).unwrap_or_default(),
        posted_value(&names.1).and_then(|d| parse_date(&d)),
    );
    let found = Resource::new(
        move || key.clone(),
        move |key| async move {
            match key {
                Some((name, date)) => find_similar_clients(name, date, id).await.unwrap_or_default(),
                None => SimilarClients::default(),
            }
        },
    );
    let names = StoredValue::new(names);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let texts = SimilarTexts {
                    title: t_string!(i18n, similar_title).to_string(),
                    elsewhere: t_string!(i18n, similar_elsewhere, count = "{count}").to_string(),
                };
                view! { <DuplicateCheck names=names.get_value() exclude=id found=found.await texts=texts /> }
            })}
        </Suspense>
    }
}

/// The client's village: the [`RegionPicker`] island inside the form's field, with the
/// field's error and what a refused post held.
#[component]
fn RegionField(value: RwSignal<String>, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let name = crate::components::post::posted_name("region_code");
    let code = crate::components::post::posted_value(&name).unwrap_or_else(|| value.get_untracked());
    let error = crate::components::form::field_error(errors, "region_code");
    let texts = RegionTexts {
        levels: vec![
            t_string!(i18n, region_province).to_string(),
            t_string!(i18n, region_regency).to_string(),
            t_string!(i18n, region_district).to_string(),
            t_string!(i18n, region_village).to_string(),
        ],
        code: t_string!(i18n, client_region_code).to_string(),
        code_hint: t_string!(i18n, client_region_code_hint).to_string(),
    };
    view! {
        <div class="field region-picker" id=crate::components::form::field_id("region_code") class:field--error=move || error.get().is_some()>
            <p class="field__error" hidden=move || error.get().is_none()>{move || error.get()}</p>
            <RegionPicker name=name code=code texts=texts />
        </div>
    }
}

/// An edit refused because the entry changed since the page was loaded: what is stored now
/// beside what was typed, for every field that differs. The form below keeps what was typed
/// and now carries the current version, so saving again keeps the officer's values; loading
/// the page again takes the stored ones.
#[component]
fn ConflictNotice(id: Uuid, posted: crate::components::post::Posted, stored: ClientForm) -> impl IntoView {
    let i18n = use_i18n();
    let differing: Vec<(&'static str, String, String)> = stored
        .fields()
        .into_iter()
        .filter_map(|(name, now)| {
            let typed = posted.value(&format!("form[{name}]"))?;
            (typed.trim() != now.trim()).then(|| (name, now.to_owned(), typed.to_owned()))
        })
        .collect();
    let (stored_label, typed_label) =
        (t_string!(i18n, conflict_stored).to_string(), t_string!(i18n, conflict_typed).to_string());
    let rows = differing
        .into_iter()
        .map(|(name, now, typed)| {
            let label = FIELD_LABELS.iter().find(|(n, _)| *n == name).map(|(_, text)| text(i18n));
            let shown = |v: String| if v.is_empty() { "—".to_owned() } else { v };
            view! {
                <tr>
                    <td>{label.unwrap_or_else(|| name.to_owned())}</td>
                    <td data-label=stored_label.clone() data-testid="conflict-stored">{shown(now)}</td>
                    <td data-label=typed_label.clone() data-testid="conflict-typed">{shown(typed)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="notice card conflict" role="alert" data-testid="conflict">
            <h2>{move || t_string!(i18n, conflict_title)}</h2>
            <p>{move || t_string!(i18n, conflict_explain)}</p>
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{move || t_string!(i18n, conflict_title)}</caption>
                    <thead><tr>
                        <th scope="col">{move || t_string!(i18n, conflict_field)}</th>
                        <th scope="col">{move || t_string!(i18n, conflict_stored)}</th>
                        <th scope="col">{move || t_string!(i18n, conflict_typed)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p>
                {move || t_string!(i18n, conflict_keep_mine)} " "
                <a href=routes::client_edit(id) data-testid="conflict-reload">{move || t_string!(i18n, conflict_take_stored)}</a>
            </p>
        </section>
    }
}
