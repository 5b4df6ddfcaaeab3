//! `/mitra/baru` and `/mitra/:id/ubah`: the partner editor — institution, services and the
//! contact persons (rows added and removed on the page).

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::partners::{ContactForm, POKMAS_KIND, PartnerForm, PokmasDomain};
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::partners::{PartnerSetup, SavePartner, load_partner, load_partner_setup};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::form::{FormActions, MultiChoice};
use crate::components::post::{posted_name, posted_value};
use crate::components::{ErrorBanner, ErrorSummary, PostForm, SelectField, TextArea, TextField, id_arg};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::use_record_id;
use crate::routes;

/// A Pokmas Lipas domain's name.
pub fn pokmas_domain_text(i18n: crate::text::I18n, d: PokmasDomain) -> String {
    match d {
        PokmasDomain::HukumMasyarakat => t_string!(i18n, pokmas_hukum_masyarakat).to_string(),
        PokmasDomain::KemandirianKepribadian => t_string!(i18n, pokmas_kemandirian_kepribadian).to_string(),
    }
}

/// The editor page (new or existing).
#[component]
pub fn PartnerEditPage() -> impl IntoView {
    let id = use_record_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id?;
            let (setup, page) = crate::api::setup_and_record(load_partner_setup(), id, load_partner).await;
            let setup = setup?;
            match (id, page?) {
                (Some(id), Some(page)) => {
                    if !page.partner.can_manage {
                        return Err(AppError::Kind(pamong_domain::ErrorKind::NotFound));
                    }
                    Ok((Some(id), page.partner.to_form(), setup))
                }
                _ => Ok((None, PartnerForm::default(), setup)),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((id, form, setup)) => view! { <Editor id=id initial=form setup=setup /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One contact row's fields.
#[derive(Clone, Copy)]
struct ContactRow {
    key: usize,
    name: RwSignal<String>,
    position: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
}

impl ContactRow {
    fn new(key: usize, c: ContactForm) -> Self {
        Self {
            key,
            name: RwSignal::new(c.name),
            position: RwSignal::new(c.position),
            phone: RwSignal::new(c.phone),
            email: RwSignal::new(c.email),
        }
    }
}

#[component]
fn Editor(id: Option<Uuid>, initial: PartnerForm, setup: PartnerSetup) -> impl IntoView {
    let i18n = use_i18n();
    let bapas_id = RwSignal::new(initial.bapas_id.clone());
    let name = RwSignal::new(initial.name.clone());
    let kind = RwSignal::new(initial.kind.clone());
    let area = RwSignal::new(initial.area.clone());
    let address = RwSignal::new(initial.address.clone());
    let phone = RwSignal::new(initial.phone.clone());
    let email = RwSignal::new(initial.email.clone());
    let services = RwSignal::new(initial.services.clone());
    let notes = RwSignal::new(initial.notes.clone());
    let pokmas_domain = RwSignal::new(initial.pokmas_domain.clone());
    let domains = Signal::derive(move || {
        PokmasDomain::ALL
            .iter()
            .map(|d| (d.as_str().to_owned(), pokmas_domain_text(i18n, *d)))
            .collect::<Vec<_>>()
    });
    // One empty row after the contacts kept, for a new one (blank rows are dropped when
    // saved, so clearing a row removes that contact); plain HTML, no script needed.
    let mut contacts_initial = initial.contacts.clone();
    contacts_initial.push(ContactForm::default());
    let contacts = RwSignal::new(
        contacts_initial.into_iter().enumerate().map(|(i, c)| ContactRow::new(i, c)).collect::<Vec<_>>(),
    );
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let kind_options = Signal::derive({
        let k = setup.kinds.clone();
        move || k.iter().map(|c| (c.code.clone(), c.label.clone())).collect::<Vec<_>>()
    });
    let office_options = Signal::derive({
        let o = setup.offices.clone();
        move || o.iter().map(|b| (b.id.to_string(), b.name.clone())).collect::<Vec<_>>()
    });
    let service_options: Vec<(String, String)> =
        setup.services.iter().map(|c| (c.code.clone(), c.label.clone())).collect();
    let title = move || {
        if id.is_some() {
            t_string!(i18n, partner_edit).to_string()
        } else {
            t_string!(i18n, partner_new).to_string()
        }
    };
    let cancel = id.map_or_else(|| "/mitra".to_owned(), routes::partner);
    let choose_office = id.is_none() && !setup.offices.is_empty();
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("bapas_id", label(|i| t_string!(i, partner_bapas).to_string())),
            ("name", label(|i| t_string!(i, partner_name).to_string())),
            ("kind", label(|i| t_string!(i, partner_kind).to_string())),
            ("pokmas_domain", label(|i| t_string!(i, pokmas_domain).to_string())),
            ("area", label(|i| t_string!(i, partner_area).to_string())),
            ("address", label(|i| t_string!(i, partner_address).to_string())),
            ("phone", label(|i| t_string!(i, client_phone).to_string())),
            ("email", label(|i| t_string!(i, partner_email).to_string())),
            ("services", label(|i| t_string!(i, partner_services).to_string())),
            ("contacts", label(|i| t_string!(i, partner_contacts).to_string())),
            ("notes", label(|i| t_string!(i, field_notes).to_string())),
        ] />
        <PostForm to=SavePartner::PATH next=routes::saved(&id.map_or_else(routes::new_partner, routes::partner))
            hidden=id_arg(id) errors=errors failure=failure class="form" testid="partner-form">
            <fieldset class="card">
                <legend>{move || t_string!(i18n, partner_institution)}</legend>
                {choose_office.then(|| view! {
                    <SelectField name="bapas_id" label=label(|i| t_string!(i, partner_bapas).to_string()) value=bapas_id errors=errors options=office_options />
                })}
                <TextField name="name" label=label(|i| t_string!(i, partner_name).to_string()) value=name errors=errors />
                <SelectField name="kind" label=label(|i| t_string!(i, partner_kind).to_string()) value=kind errors=errors options=kind_options />
                <Show when=move || kind.with(String::is_empty) || kind.get() == POKMAS_KIND>
                    <SelectField name="pokmas_domain" label=label(|i| t_string!(i, pokmas_domain).to_string()) value=pokmas_domain errors=errors options=domains />
                </Show>
                <TextField name="area" label=label(|i| t_string!(i, partner_area).to_string()) value=area errors=errors optional=true />
                <TextField name="address" label=label(|i| t_string!(i, partner_address).to_string()) value=address errors=errors optional=true />
                <div class="field-row">
                    <TextField name="phone" label=label(|i| t_string!(i, client_phone).to_string()) value=phone errors=errors optional=true kind="tel" />
                    <TextField name="email" label=label(|i| t_string!(i, partner_email).to_string()) value=email errors=errors optional=true kind="email" />
                </div>
                <MultiChoice name="services" legend=label(|i| t_string!(i, partner_services).to_string()) values=services errors=errors options=service_options />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, partner_contacts)}</legend>
                <p class="field__hint">{move || t_string!(i18n, partner_contacts_hint)}</p>
                <For each=move || contacts.get() key=|row| row.key let:row>
                    {
                        let index = move || contacts.with(|c| c.iter().position(|r| r.key == row.key).unwrap_or(0));
                        let field = move |f: &'static str| format!("contacts.{}.{f}", index());
                        let error = move |f: &'static str| errors.with(|e| e.get(&field(f))).map(|p| crate::text::problem(i18n, p));
                        // Posted as serde_qs reads a list of structs: form[contacts][0][name].
                        let contacts_name = posted_name("contacts");
                        let posted = move |f: &'static str| format!("{contacts_name}[{}][{f}]", index());
                        view! {
                            <div class="contact-row">
                                <ContactInput label=label(|i| t_string!(i, partner_contact_name).to_string()) name=posted("name") value=row.name error=Signal::derive(move || error("name")) />
                                <ContactInput label=label(|i| t_string!(i, partner_contact_position).to_string()) name=posted("position") value=row.position error=Signal::derive(move || error("position")) />
                                <div class="field-row">
                                    <ContactInput label=label(|i| t_string!(i, client_phone).to_string()) name=posted("phone") value=row.phone error=Signal::derive(move || error("phone")) kind="tel" />
                                    <ContactInput label=label(|i| t_string!(i, partner_email).to_string()) name=posted("email") value=row.email error=Signal::derive(move || error("email")) kind="email" />
                                </div>
                            </div>
                        }
                    }
                </For>
            </fieldset>
            <fieldset class="card">
                <TextArea name="notes" label=label(|i| t_string!(i, field_notes).to_string()) value=notes errors=errors />
            </fieldset>
            <FormActions cancel=cancel />
        </PostForm>
    }
}

/// An input of a contact row (its error comes from the row's place in the list).
#[component]
fn ContactInput(
    label: TextProp,
    /// The name posted under (the row's place in the list).
    name: String,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    if let Some(typed) = posted_value(&name) {
        value.set(typed);
    }
    view! {
        <label class="field" class:field--error=move || error.get().is_some()>
            <span class="field__label">{move || label.get()}</span>
            <span class="field__error" hidden=move || error.get().is_none()>{move || error.get()}</span>
            <input class="input" type=kind name=name value=value.get_untracked() />
        </label>
    }
}
