//! The login page.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use pamong_domain::{ErrorKind, FieldErrors};

use crate::api::auth::login;
use crate::app::Me;
use crate::components::PageTitle;
use crate::components::form::{ErrorBanner, TextField};
use crate::components::layout::LanguageToggle;
use crate::error::AppError;
use crate::i18n::*;

/// Where the plain form posts to (a server route, not a server fn: it redirects).
pub const LOGIN_POST: &str = "/masuk";
/// The query key on which the form post reports a refused login back to this page.
pub const FAILED_KEY: &str = "gagal";
/// Its value for wrong credentials.
pub const FAILED_CREDENTIALS: &str = "kredensial";
/// Its value for too many attempts; the wait in seconds is under [`WAIT_KEY`].
pub const FAILED_LIMIT: &str = "batas";
/// The query key of the wait after too many attempts.
pub const WAIT_KEY: &str = "tunggu";

/// What the form post reported back in the query, as the error the banner shows.
fn posted_failure(failed: Option<String>, wait: Option<String>) -> Option<AppError> {
    let kind = match failed.as_deref()? {
        FAILED_LIMIT => {
            ErrorKind::RateLimited { retry_after_secs: wait.and_then(|w| w.parse().ok()).unwrap_or(60) }
        }
        FAILED_CREDENTIALS => ErrorKind::BadCredentials,
        _ => ErrorKind::Internal { request_id: None },
    };
    Some(AppError::Kind(kind))
}

/// Username and password; on success a full reload so every part of the page sees the login.
/// The form posts to [`LOGIN_POST`] until the wasm has loaded (a phone on mobile data takes
/// seconds), then the wasm takes over and answers in place; either way the password travels
/// in a POST body, never in a URL.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let Me(user) = expect_context::<Me>();
    let query = use_query_map();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(query.with_untracked(|q| posted_failure(q.get(FAILED_KEY), q.get(WAIT_KEY))));
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
        // What was typed before the wasm loaded is in the inputs but not in the signals.
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let data = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                .and_then(|f| web_sys::FormData::new_with_form(&f).ok());
            if let Some(data) = data {
                username.set(data.get("username").as_string().unwrap_or_default());
                password.set(data.get("password").as_string().unwrap_or_default());
            }
        }
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
        <PageTitle text=move || t_string!(i18n, login_title).to_string() />
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
                <form class="form" method="post" action=LOGIN_POST on:submit=on_submit novalidate>
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
