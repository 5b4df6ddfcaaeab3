//! `/admin/pilihan-mitra`: the admin's lists of partner kinds and of the services partners
//! offer, one `code: label` per line.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::partners::choices_text;
use server_fn::ServerFn;

use crate::api::partners::{SavePartnerChoices, load_partner_setup};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::form::SaveButton;
use crate::components::{ErrorBanner, PostForm, TextArea};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;

/// The page.
#[component]
pub fn PartnerChoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let setup = Resource::new(|| (), |_| load_partner_setup());
    view! {
        <PageTitle text=move || t_string!(i18n, choices_title).to_string() />
        <h1>{move || t_string!(i18n, choices_title)}</h1>
        <p class="muted">{move || t_string!(i18n, choices_intro)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match setup.await {
                    Ok(s) => view! { <Lists kinds=choices_text(&s.kinds) services=choices_text(&s.services) /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Lists(kinds: String, services: String) -> impl IntoView {
    let i18n = use_i18n();
    let kinds = RwSignal::new(kinds);
    let services = RwSignal::new(services);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let page = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <crate::components::form::SavedNotice />
        <Show when=move || saved.get()>
            <div class="banner banner--ok" role="status">{move || t_string!(i18n, saved)}</div>
        </Show>
        <ErrorBanner error=failure />
        <PostForm to=SavePartnerChoices::PATH next=routes::saved(&page) scope=None errors=errors failure=failure>
            <TextArea name="kinds" label=TextProp::from(move || t_string!(i18n, choices_kinds).to_string()) value=kinds errors=errors />
            <TextArea name="services" label=TextProp::from(move || t_string!(i18n, choices_services).to_string()) value=services errors=errors />
            <div class="form__actions"><SaveButton /></div>
        </PostForm>
    }
}
