//! `/program/baru` and `/program/:id/ubah`: the programme editor — what it is and with whom
//! (the partner and its PKS), where and when, how many places, whom it suits and which
//! needs it serves.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::legal::LegalBasis;
use pamong_domain::reintegration::catalogue::ProgrammeChoices;
use pamong_domain::reintegration::checklist::NeedItem;
use pamong_domain::reintegration::programmes::{ProgrammeForm, ProgrammeKind};
use pamong_domain::reporting::RiskBand;
use server_fn::ServerFn;
use uuid::Uuid;

use super::needs::item_text;
use super::programmes::kind_text;
use crate::api::programmes::{SaveProgramme, programme_setup};
use crate::app::{ErrorPage, Loading};
use crate::components::form::{FormActions, MultiChoice, TextArea};
use crate::components::{ErrorBanner, ErrorSummary, PageTitle, PostForm, SelectField, TextField, id_arg};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::use_record_id;
use crate::routes;
use crate::text;

/// The editor page (new or existing).
#[component]
pub fn ProgrammeEditPage() -> impl IntoView {
    let id = use_record_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id?;
            let (choices, form) = programme_setup(id).await?;
            Ok::<_, AppError>((id, form.unwrap_or_default(), choices))
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((id, form, choices)) => view! { <Editor id=id initial=form choices=choices /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(id: Option<Uuid>, initial: ProgrammeForm, choices: ProgrammeChoices) -> impl IntoView {
    let i18n = use_i18n();
    let f = initial;
    let partner_id = RwSignal::new(f.partner_id);
    let agreement_id = RwSignal::new(f.agreement_id);
    let name = RwSignal::new(f.name);
    let kind = RwSignal::new(f.kind);
    let place = RwSignal::new(f.place);
    let schedule = RwSignal::new(f.schedule);
    let starts_on = RwSignal::new(f.starts_on);
    let ends_on = RwSignal::new(f.ends_on);
    let capacity = RwSignal::new(f.capacity);
    let bands = RwSignal::new(f.bands);
    let bases = RwSignal::new(f.bases);
    let sex = RwSignal::new(f.sex);
    let min_age = RwSignal::new(f.min_age);
    let max_age = RwSignal::new(f.max_age);
    let needs = RwSignal::new(f.needs);
    let work_units = RwSignal::new(f.work_units);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let mut partners = vec![(String::new(), t_string!(i18n, prog_office_alone).to_string())];
    partners.extend(choices.partners.iter().map(|p| (p.id.to_string(), p.name.clone())));
    let partners = Signal::derive(move || partners.clone());
    let mut agreements = vec![(String::new(), "—".to_owned())];
    agreements.extend(choices.agreements.iter().map(|(partner, a)| {
        let owner = choices.partners.iter().find(|p| p.id == *partner).map(|p| p.name.as_str()).unwrap_or("");
        (a.id.to_string(), format!("{} ({owner})", a.name))
    }));
    let agreements = Signal::derive(move || agreements.clone());
    let kinds = Signal::derive(move || {
        ProgrammeKind::ALL.iter().map(|k| (k.as_str().to_owned(), kind_text(i18n, *k))).collect::<Vec<_>>()
    });
    let sexes = Signal::derive(move || {
        vec![
            (String::new(), t_string!(i18n, prog_both_sexes).to_string()),
            ("L".to_owned(), t_string!(i18n, prog_men).to_string()),
            ("P".to_owned(), t_string!(i18n, prog_women).to_string()),
        ]
    });
    let band_options: Vec<(String, String)> =
        RiskBand::ALL.iter().map(|b| (b.as_str().to_owned(), text::band(i18n, Some(*b)))).collect();
    let basis_options: Vec<(String, String)> =
        LegalBasis::ALL.iter().map(|b| (b.as_str().to_owned(), text::legal_basis(i18n, *b))).collect();
    let need_options: Vec<(String, String)> =
        NeedItem::ALL.iter().map(|n| (n.as_str().to_owned(), item_text(i18n, *n))).collect();
    let title = move || {
        if id.is_some() {
            t_string!(i18n, prog_edit).to_string()
        } else {
            t_string!(i18n, prog_new).to_string()
        }
    };
    let cancel = id.map_or_else(|| routes::PROGRAMMES.to_owned(), routes::programme);
    let next = routes::saved(&id.map_or_else(routes::new_programme, routes::programme));
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("partner_id", l(|i| t_string!(i, ks_partner).to_string())),
            ("agreement_id", l(|i| t_string!(i, ks_agreement).to_string())),
            ("name", l(|i| t_string!(i, prog_name).to_string())),
            ("kind", l(|i| t_string!(i, prog_kind).to_string())),
            ("place", l(|i| t_string!(i, prog_place).to_string())),
            ("schedule", l(|i| t_string!(i, prog_schedule).to_string())),
            ("starts_on", l(|i| t_string!(i, prog_starts_on).to_string())),
            ("ends_on", l(|i| t_string!(i, prog_ends_on).to_string())),
            ("capacity", l(|i| t_string!(i, prog_capacity).to_string())),
            ("bands", l(|i| t_string!(i, prog_bands).to_string())),
            ("bases", l(|i| t_string!(i, prog_bases).to_string())),
            ("sex", l(|i| t_string!(i, prog_sex).to_string())),
            ("min_age", l(|i| t_string!(i, prog_min_age).to_string())),
            ("max_age", l(|i| t_string!(i, prog_max_age).to_string())),
            ("needs", l(|i| t_string!(i, prog_needs).to_string())),
            ("work_units", l(|i| t_string!(i, prog_work_units).to_string())),
        ] />
        <PostForm to=SaveProgramme::PATH next=next hidden=id_arg(id) errors=errors failure=failure class="form" testid="programme-form">
            <fieldset class="card">
                <legend>{move || t_string!(i18n, prog_what)}</legend>
                <TextField name="name" label=l(|i| t_string!(i, prog_name).to_string()) value=name errors=errors />
                <SelectField name="kind" label=l(|i| t_string!(i, prog_kind).to_string()) value=kind errors=errors options=kinds />
                <SelectField name="partner_id" label=l(|i| t_string!(i, ks_partner).to_string()) value=partner_id errors=errors options=partners />
                <SelectField name="agreement_id" label=l(|i| t_string!(i, ks_agreement).to_string()) value=agreement_id errors=errors options=agreements
                    hint=l(|i| t_string!(i, prog_agreement_hint).to_string()) />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, ks_when)}</legend>
                <TextField name="place" label=l(|i| t_string!(i, prog_place).to_string()) value=place errors=errors />
                <TextField name="schedule" label=l(|i| t_string!(i, prog_schedule).to_string()) value=schedule errors=errors optional=true
                    hint=l(|i| t_string!(i, prog_schedule_hint).to_string()) />
                <div class="field-row">
                    <TextField name="starts_on" label=l(|i| t_string!(i, prog_starts_on).to_string()) value=starts_on errors=errors kind="date" />
                    <TextField name="ends_on" label=l(|i| t_string!(i, prog_ends_on).to_string()) value=ends_on errors=errors kind="date" optional=true />
                </div>
                <TextField name="capacity" label=l(|i| t_string!(i, prog_capacity).to_string()) value=capacity errors=errors inputmode="numeric"
                    hint=l(|i| t_string!(i, prog_capacity_hint).to_string()) />
                <TextArea name="work_units" label=l(|i| t_string!(i, prog_work_units).to_string()) value=work_units errors=errors
                    hint=l(|i| t_string!(i, prog_work_units_hint).to_string()) />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, prog_who)}</legend>
                <p class="field__hint">{move || t_string!(i18n, prog_who_hint)}</p>
                <MultiChoice name="bands" legend=l(|i| t_string!(i, prog_bands).to_string()) values=bands errors=errors options=band_options />
                <MultiChoice name="bases" legend=l(|i| t_string!(i, prog_bases).to_string()) values=bases errors=errors options=basis_options />
                <SelectField name="sex" label=l(|i| t_string!(i, prog_sex).to_string()) value=sex errors=errors options=sexes />
                <div class="field-row">
                    <TextField name="min_age" label=l(|i| t_string!(i, prog_min_age).to_string()) value=min_age errors=errors inputmode="numeric" optional=true />
                    <TextField name="max_age" label=l(|i| t_string!(i, prog_max_age).to_string()) value=max_age errors=errors inputmode="numeric" optional=true />
                </div>
                <MultiChoice name="needs" legend=l(|i| t_string!(i, prog_needs).to_string()) values=needs errors=errors options=need_options />
            </fieldset>
            <FormActions cancel=cancel />
        </PostForm>
    }
}
