//! `/kerja-sosial/lokasi/baru` and `/kerja-sosial/lokasi/:id/ubah`: the work-site editor —
//! the partner and its PKS, where and what, when and how many, who supervises, whom it suits.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::kerja_sosial::{SiteChoices, SiteDays, SiteForm};
use server_fn::ServerFn;
use uuid::Uuid;

use super::days_text;
use crate::api::kerja_sosial::{SaveSite, site_setup};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::form::FormActions;
use crate::components::{ErrorBanner, ErrorSummary, PostForm, SelectField, TextField, id_arg};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::abh::register::CheckField;
use crate::pages::use_record_id;
use crate::routes;

/// The editor page (new or existing).
#[component]
pub fn SiteEditPage() -> impl IntoView {
    let id = use_record_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id?;
            let (choices, form) = site_setup(id).await?;
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

/// `(value, label)` pairs of a partner's records, each labelled with its partner's name (so
/// that the list reads before the wasm, when it cannot follow the chosen partner).
fn by_partner(
    choices: &SiteChoices,
    rows: &[(Uuid, pamong_domain::caseload::PersonRef)],
) -> Vec<(String, String)> {
    rows.iter()
        .map(|(partner, r)| {
            let owner =
                choices.partners.iter().find(|p| p.id == *partner).map(|p| p.name.as_str()).unwrap_or("");
            (r.id.to_string(), format!("{} ({owner})", r.name))
        })
        .collect()
}

#[component]
fn Editor(id: Option<Uuid>, initial: SiteForm, choices: SiteChoices) -> impl IntoView {
    let i18n = use_i18n();
    let f = initial;
    let partner_id = RwSignal::new(f.partner_id);
    let agreement_id = RwSignal::new(f.agreement_id);
    let name = RwSignal::new(f.name);
    let address = RwSignal::new(f.address);
    let area = RwSignal::new(f.area);
    let work_kind = RwSignal::new(f.work_kind);
    let days = RwSignal::new(if f.days.is_empty() { SiteDays::Weekdays.as_str().to_owned() } else { f.days });
    let opens = RwSignal::new(if f.opens.is_empty() { "08:00".to_owned() } else { f.opens });
    let closes = RwSignal::new(if f.closes.is_empty() { "15:00".to_owned() } else { f.closes });
    let capacity = RwSignal::new(f.capacity);
    let supervisor_id = RwSignal::new(f.supervisor_id);
    let supervisor_name = RwSignal::new(f.supervisor_name);
    let supervisor_phone = RwSignal::new(f.supervisor_phone);
    let suits_women = RwSignal::new(f.suits_women);
    let suits_children = RwSignal::new(f.suits_children);
    let non_commercial = RwSignal::new(f.non_commercial);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let l = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let partners = choices.partners.iter().map(|p| (p.id.to_string(), p.name.clone())).collect::<Vec<_>>();
    let partners = Signal::derive(move || partners.clone());
    let agreements = by_partner(&choices, &choices.agreements);
    let agreements = Signal::derive(move || agreements.clone());
    let supervisors = by_partner(&choices, &choices.supervisors);
    let supervisors = Signal::derive(move || supervisors.clone());
    let day_options = Signal::derive(move || {
        SiteDays::ALL.iter().map(|d| (d.as_str().to_owned(), days_text(i18n, *d))).collect::<Vec<_>>()
    });
    let title = move || {
        if id.is_some() {
            t_string!(i18n, ks_site_edit).to_string()
        } else {
            t_string!(i18n, ks_site_new).to_string()
        }
    };
    let cancel = id.map_or_else(|| routes::KERJA_SOSIAL.to_owned(), routes::work_site);
    let next = routes::saved(&id.map_or_else(routes::new_work_site, routes::work_site));
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("partner_id", l(|i| t_string!(i, ks_partner).to_string())),
            ("agreement_id", l(|i| t_string!(i, ks_agreement).to_string())),
            ("name", l(|i| t_string!(i, ks_site_name).to_string())),
            ("address", l(|i| t_string!(i, partner_address).to_string())),
            ("area", l(|i| t_string!(i, partner_area).to_string())),
            ("work_kind", l(|i| t_string!(i, ks_work_kind).to_string())),
            ("days", l(|i| t_string!(i, ks_days).to_string())),
            ("opens", l(|i| t_string!(i, ks_opens).to_string())),
            ("closes", l(|i| t_string!(i, ks_closes).to_string())),
            ("capacity", l(|i| t_string!(i, ks_capacity).to_string())),
            ("supervisor_id", l(|i| t_string!(i, ks_supervisor_user).to_string())),
            ("supervisor_name", l(|i| t_string!(i, ks_supervisor_name).to_string())),
            ("supervisor_phone", l(|i| t_string!(i, client_phone).to_string())),
            ("non_commercial", l(|i| t_string!(i, ks_non_commercial).to_string())),
        ] />
        <PostForm to=SaveSite::PATH next=next hidden=id_arg(id) errors=errors failure=failure class="form" testid="site-form">
            <fieldset class="card">
                <legend>{move || t_string!(i18n, ks_site_where)}</legend>
                <SelectField name="partner_id" label=l(|i| t_string!(i, ks_partner).to_string()) value=partner_id errors=errors options=partners />
                <SelectField name="agreement_id" label=l(|i| t_string!(i, ks_agreement).to_string()) value=agreement_id errors=errors options=agreements
                    hint=l(|i| t_string!(i, ks_agreement_hint).to_string()) />
                <TextField name="name" label=l(|i| t_string!(i, ks_site_name).to_string()) value=name errors=errors />
                <TextField name="address" label=l(|i| t_string!(i, partner_address).to_string()) value=address errors=errors />
                <TextField name="area" label=l(|i| t_string!(i, partner_area).to_string()) value=area errors=errors optional=true />
                <TextField name="work_kind" label=l(|i| t_string!(i, ks_work_kind).to_string()) value=work_kind errors=errors
                    hint=l(|i| t_string!(i, ks_work_kind_hint).to_string()) />
                <CheckField name="non_commercial" label=l(|i| t_string!(i, ks_non_commercial).to_string()) value=non_commercial />
                <p class="field__error" hidden=move || errors.with(|e| e.get("non_commercial").is_none())>{move || t_string!(i18n, ks_non_commercial_needed)}</p>
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, ks_when)}</legend>
                <SelectField name="days" label=l(|i| t_string!(i, ks_days).to_string()) value=days errors=errors options=day_options />
                <div class="field-row">
                    <TextField name="opens" label=l(|i| t_string!(i, ks_opens).to_string()) value=opens errors=errors kind="time" />
                    <TextField name="closes" label=l(|i| t_string!(i, ks_closes).to_string()) value=closes errors=errors kind="time" />
                </div>
                <TextField name="capacity" label=l(|i| t_string!(i, ks_capacity).to_string()) value=capacity errors=errors inputmode="numeric" />
                <CheckField name="suits_women" label=l(|i| t_string!(i, ks_suits_women).to_string()) value=suits_women />
                <CheckField name="suits_children" label=l(|i| t_string!(i, ks_suits_children).to_string()) value=suits_children />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, ks_supervisor)}</legend>
                <p class="field__hint">{move || t_string!(i18n, ks_supervisor_hint)}</p>
                <SelectField name="supervisor_id" label=l(|i| t_string!(i, ks_supervisor_user).to_string()) value=supervisor_id errors=errors options=supervisors />
                <TextField name="supervisor_name" label=l(|i| t_string!(i, ks_supervisor_name).to_string()) value=supervisor_name errors=errors optional=true />
                <TextField name="supervisor_phone" label=l(|i| t_string!(i, client_phone).to_string()) value=supervisor_phone errors=errors optional=true kind="tel" />
            </fieldset>
            <FormActions cancel=cancel />
        </PostForm>
    }
}
