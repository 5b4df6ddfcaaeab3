//! The login page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use pamong_domain::FieldErrors;

use crate::api::auth::login;
use crate::app::Me;
use crate::components::form::{ErrorBanner, TextField};
use crate::components::layout::LanguageToggle;
use crate::error::AppError;
use crate::i18n::*;

/// Username and password; on success a full reload so every part of the page sees the login.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let Me(user) = expect_context::<Me>();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let submit = Action::new(|(u, p): &(String, String)| {
        let (u, p) = (u.clone(), p.clone());
        async move { login(u, p).await }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(())) =>
        {
            #[cfg(feature = "hydrate")]
            if let Some(window) = web_sys::window() {
                let _ = window.location().set_href("/");
            }
        }
        Some(Err(e)) => {
            password.set(String::new());
            failure.set(Some(e));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = FieldErrors::new();
        if username.get_untracked().trim().is_empty() {
            found.add("username", pamong_domain::Problem::Required);
        }
        if password.get_untracked().is_empty() {
            found.add("password", pamong_domain::Problem::Required);
        }
        errors.set(found.clone());
        if found.is_empty() {
            failure.set(None);
            submit.dispatch((username.get_untracked(), password.get_untracked()));
        }
    };
    view! {
        <Title text=move || t_string!(i18n, login_title).to_string() />
        <Suspense>
            {move || Suspend::new(async move {
                matches!(user.await, Ok(Some(_))).then(|| view! { <Redirect path="/" /> })
            })}
        </Suspense>
        <div class="login">
            <div class="login__top"><LanguageToggle /></div>
            <main class="login__card card" id="main">
                <p class="login__brand">{move || t_string!(i18n, app_name)}</p>
                <h1>{move || t_string!(i18n, login_title)}</h1>
                <p class="muted">{move || t_string!(i18n, login_intro)}</p>
                <ErrorBanner error=failure />
                <form class="form" on:submit=on_submit novalidate>
                    <TextField name="username" label=move || t_string!(i18n, username).to_string() value=username errors=errors autocomplete="username" />
                    <TextField name="password" label=move || t_string!(i18n, password).to_string() value=password errors=errors kind="password" autocomplete="current-password" />
                    <button class="button button--block" type="submit" disabled=move || submit.pending().get()>
                        {move || if submit.pending().get() { t_string!(i18n, logging_in).to_string() } else { t_string!(i18n, login_button).to_string() }}
                    </button>
                </form>
            </main>
        </div>
    }
}
