//! Bapas (probation offices): list for every role that oversees offices, editor for the admin.

use leptos::prelude::*;
use pamong_domain::office::{BapasClass, BapasView, Zone, coverage_text};
use pamong_domain::{ErrorKind, FieldErrors};
use server_fn::ServerFn;

use crate::api::offices::{
    ExportBapas, OfficePickList, SaveBapas, SetBapasActive, get_bapas, list_bapas, office_choices,
};
use crate::app::{ErrorPage, Loading, Me};
use crate::components::PageTitle;
use crate::components::list::{query_string, use_list_query};
use crate::components::*;
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::use_record_id;
use crate::routes;

/// The Bapas in the user's scope.
#[component]
pub fn BapasListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    let rows = Resource::new(move || query.get(), list_bapas);
    let can = crate::app::use_abilities();
    let is_admin = move || can.get().manage_offices;
    view! {
        <ListHead
            title=move || t_string!(i18n, bapas_title).to_string()
            add_label=move || t_string!(i18n, bapas_new).to_string()
            add_href="/admin/bapas/baru"
            can_add=Signal::derive(is_admin)
        />
        {move || {
            let q = query.get();
            let query = query_string(&[("q", &q.q), ("nonaktif", if q.include_inactive { "1" } else { "" })]);
            view! { <DownloadLinks path=ExportBapas::PATH query=query stem="bapas" /> }
        }}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) => view! {
                        <RecordTable
                            page=page
                            headers=vec![
                                TextProp::from(move || t_string!(i18n, bapas_name).to_string()),
                                TextProp::from(move || t_string!(i18n, bapas_code).to_string()),
                                TextProp::from(move || t_string!(i18n, bapas_kanwil).to_string()),
                                TextProp::from(move || t_string!(i18n, bapas_zone).to_string()),
                                TextProp::from(move || t_string!(i18n, status).to_string()),
                            ]
                            row=move |b: BapasView| view! {
                                <tr>
                                    <td data-label=move || t_string!(i18n, bapas_name).to_string()>
                                        <a href=routes::bapas(b.id)>{b.name.clone()}</a>
                                        " "<span class="muted">{class_text(i18n, b.class)}</span>
                                    </td>
                                    <td data-label=move || t_string!(i18n, bapas_code).to_string()>{b.code.clone()}</td>
                                    <td data-label=move || t_string!(i18n, bapas_kanwil).to_string()>{b.kanwil.name.clone()}</td>
                                    <td data-label=move || t_string!(i18n, bapas_zone).to_string()>{b.zone.label()}</td>
                                    <td data-label=move || t_string!(i18n, status).to_string()><StatusBadge active=b.active /></td>
                                </tr>
                            }
                        />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

pub(crate) fn class_text(i18n: crate::text::I18n, class: BapasClass) -> String {
    match class {
        BapasClass::I => t_string!(i18n, bapas_class_i).to_string(),
        BapasClass::II => t_string!(i18n, bapas_class_ii).to_string(),
    }
}

/// New (`/admin/bapas/baru`) or existing Bapas.
#[component]
pub fn BapasEditPage() -> impl IntoView {
    let id = use_record_id();
    let existing = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id?;
            let (choices, record) = crate::api::setup_and_record(office_choices(), id, get_bapas).await;
            Ok((record?, choices?))
        },
    );
    let Me(user) = expect_context::<Me>();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let admin = matches!(user.await, Ok(Some(u)) if u.can.manage_offices);
                match existing.await {
                    Ok((Some(bapas), _)) if !admin => view! { <BapasDetails bapas=bapas /> }.into_any(),
                    Ok((None, _)) if !admin => view! { <ErrorPage error=AppError::Kind(ErrorKind::NotFound) /> }.into_any(),
                    Ok((bapas, choices)) => view! { <BapasEditor existing=bapas choices=choices /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A Bapas for those who oversee it but may not change it.
#[component]
fn BapasDetails(bapas: BapasView) -> impl IntoView {
    let i18n = use_i18n();
    let coverage =
        bapas.coverage.iter().map(|c| view! { <li>{format!("{} {}", c.code, c.name)}</li> }).collect_view();
    view! {
        <PageTitle text=bapas.name.clone() />
        <h1>{bapas.name.clone()}</h1>
        <dl class="summary card">
            <div><dt>{move || t_string!(i18n, bapas_code)}</dt><dd>{bapas.code.clone()}</dd></div>
            <div><dt>{move || t_string!(i18n, bapas_class)}</dt><dd>{class_text(i18n, bapas.class)}</dd></div>
            <div><dt>{move || t_string!(i18n, bapas_kanwil)}</dt><dd>{bapas.kanwil.name.clone()}</dd></div>
            <div><dt>{move || t_string!(i18n, bapas_zone)}</dt><dd>{bapas.zone.label()}</dd></div>
            <div><dt>{move || t_string!(i18n, bapas_address)}</dt><dd>{bapas.address.clone().unwrap_or_default()}</dd></div>
            <div><dt>{move || t_string!(i18n, bapas_phone)}</dt><dd>{bapas.phone.clone().unwrap_or_default()}</dd></div>
            <div><dt>{move || t_string!(i18n, bapas_coverage)}</dt><dd><ul class="plain">{coverage}</ul></dd></div>
            <div><dt>{move || t_string!(i18n, status)}</dt><dd><StatusBadge active=bapas.active /></dd></div>
        </dl>
        <a class="button button--secondary" href="/admin/bapas">{move || t_string!(i18n, back)}</a>
    }
}

#[component]
fn BapasEditor(existing: Option<BapasView>, choices: OfficePickList) -> impl IntoView {
    let i18n = use_i18n();
    let id = existing.as_ref().map(|b| b.id);
    let active = existing.as_ref().is_none_or(|b| b.active);
    let text = |f: fn(&BapasView) -> String| RwSignal::new(existing.as_ref().map(f).unwrap_or_default());
    let kanwil_id = text(|b| b.kanwil.id.to_string());
    let code = text(|b| b.code.clone());
    let name = text(|b| b.name.clone());
    let class = text(|b| b.class.as_str().to_owned());
    let zone = RwSignal::new(existing.as_ref().map_or("WIB", |b| b.zone.label()).to_owned());
    let address = text(|b| b.address.clone().unwrap_or_default());
    let phone = text(|b| b.phone.clone().unwrap_or_default());
    let coverage = text(|b| coverage_text(&b.coverage));
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let kanwil_options: Vec<(String, String)> =
        choices.kanwil.iter().map(|k| (k.id.to_string(), k.name.clone())).collect();
    let class_options = Signal::derive(move || {
        BapasClass::ALL.iter().map(|c| (c.as_str().to_owned(), class_text(i18n, *c))).collect::<Vec<_>>()
    });
    let zone_options: Vec<(String, String)> =
        Zone::ALL.iter().map(|z| (z.label().to_owned(), z.label().to_owned())).collect();
    let title = move || {
        if id.is_some() {
            t_string!(i18n, bapas_edit).to_string()
        } else {
            t_string!(i18n, bapas_new).to_string()
        }
    };
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <ErrorBanner error=failure />
        <ErrorSummary
            errors=errors
            labels=vec![
                ("kanwil_id", label(|i| t_string!(i, bapas_kanwil).to_string())),
                ("code", label(|i| t_string!(i, bapas_code).to_string())),
                ("name", label(|i| t_string!(i, bapas_name).to_string())),
                ("class", label(|i| t_string!(i, bapas_class).to_string())),
                ("zone", label(|i| t_string!(i, bapas_zone).to_string())),
                ("address", label(|i| t_string!(i, bapas_address).to_string())),
                ("phone", label(|i| t_string!(i, bapas_phone).to_string())),
                ("coverage", label(|i| t_string!(i, bapas_coverage).to_string())),
                ("active", label(|i| t_string!(i, status).to_string())),
            ]
        />
        <PostForm to=SaveBapas::PATH next=routes::saved("/admin/bapas") hidden=id_arg(id) errors=errors failure=failure>
            <SelectField name="kanwil_id" label=label(|i| t_string!(i, bapas_kanwil).to_string()) value=kanwil_id errors=errors options=kanwil_options />
            <TextField name="code" label=label(|i| t_string!(i, bapas_code).to_string()) hint=label(|i| t_string!(i, bapas_code_hint).to_string()) value=code errors=errors />
            <TextField name="name" label=label(|i| t_string!(i, bapas_name).to_string()) value=name errors=errors />
            <div class="form__row">
                <SelectField name="class" label=label(|i| t_string!(i, bapas_class).to_string()) value=class errors=errors options=class_options />
                <SelectField name="zone" label=label(|i| t_string!(i, bapas_zone).to_string()) value=zone errors=errors options=zone_options />
            </div>
            <TextField name="address" label=label(|i| t_string!(i, bapas_address).to_string()) value=address errors=errors optional=true autocomplete="street-address" />
            <TextField name="phone" label=label(|i| t_string!(i, bapas_phone).to_string()) value=phone errors=errors optional=true kind="tel" />
            <TextArea name="coverage" label=label(|i| t_string!(i, bapas_coverage).to_string()) hint=label(|i| t_string!(i, bapas_coverage_hint).to_string()) value=coverage errors=errors />
            <div class="form__actions">
                <SaveButton />
                <a class="button button--secondary" href="/admin/bapas">{move || t_string!(i18n, cancel)}</a>
            </div>
        </PostForm>
        {id.map(|id| view! {
            <ActiveToggle active=active to=SetBapasActive::PATH id=id next=routes::saved("/admin/bapas") errors=errors failure=failure />
        })}
    }
}
