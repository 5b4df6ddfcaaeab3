//! The login page.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use pamong_domain::{ErrorKind, FieldErrors};

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
/// Its value for a missing username or password.
pub const FAILED_EMPTY: &str = "kosong";
/// Its value for too many attempts; the wait in seconds is under [`WAIT_KEY`].
pub const FAILED_LIMIT: &str = "batas";
/// The query key of the wait after too many attempts.
pub const WAIT_KEY: &str = "tunggu";
/// The query key of the username a refused login was for, so it is kept (never the password).
pub const USER_KEY: &str = "nama";

/// What the form post reported back in the query, as the error the banner shows.
fn posted_failure(failed: Option<String>, wait: Option<String>) -> Option<AppError> {
    let kind = match failed.as_deref()? {
        FAILED_LIMIT => {
            ErrorKind::RateLimited { retry_after_secs: wait.and_then(|w| w.parse().ok()).unwrap_or(60) }
        }
        FAILED_CREDENTIALS => ErrorKind::BadCredentials,
        FAILED_EMPTY => return None,
        _ => ErrorKind::Internal { request_id: None },
    };
    Some(AppError::Kind(kind))
}

/// The fields a refused login left empty.
fn empty_fields(failed: Option<&str>, username: &str) -> FieldErrors {
    let mut found = FieldErrors::new();
    if failed == Some(FAILED_EMPTY) {
        if username.trim().is_empty() {
            found.add("username", pamong_domain::Problem::Required);
        }
        found.add("password", pamong_domain::Problem::Required);
    }
    found
}

/// Username and password, posted to [`LOGIN_POST`] (a server route), which redirects home or
/// back here with why it refused; the password travels only in the POST body.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    // Signed out (a logout, or the session's end): the phone forgets the pages it kept.
    crate::offline::forget_offline();
    let Me(user) = expect_context::<Me>();
    let (failed, typed, failure) = use_query_map().with_untracked(|q| {
        (
            q.get(FAILED_KEY),
            q.get(USER_KEY).unwrap_or_default(),
            posted_failure(q.get(FAILED_KEY), q.get(WAIT_KEY)),
        )
    });
    let errors = RwSignal::new(empty_fields(failed.as_deref(), &typed));
    let username = RwSignal::new(typed);
    let password = RwSignal::new(String::new());
    let failure = RwSignal::new(failure);
    view! {
        <PageTitle text=move || t_string!(i18n, login_title).to_string() />
        <Suspense>
            {move || Suspend::new(async move {
                matches!(user.await, Ok(Some(_))).then(|| view! { <Redirect path="/" /> })
            })}
        </Suspense>
        <LoginCard>
            <h1>{move || t_string!(i18n, login_title)}</h1>
            <p class="muted">{move || t_string!(i18n, login_intro)}</p>
            <ErrorBanner error=failure />
            <form class="form" method="post" action=LOGIN_POST novalidate>
                <TextField name="username" label=move || t_string!(i18n, username).to_string() value=username errors=errors autocomplete="username" />
                <TextField name="password" label=move || t_string!(i18n, password).to_string() value=password errors=errors kind="password" autocomplete="current-password" />
                <button class="button button--block" type="submit">{move || t_string!(i18n, login_button)}</button>
            </form>
        </LoginCard>
    }
}

/// The frame of the sign-in pages (this one and the second step's): the brand colour, the
/// language, and one card.
#[component]
pub fn LoginCard(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="login">
            <div class="login__top"><LanguageToggle /></div>
            <main class="login__card card" id="main">
                <p class="login__brand">{move || t_string!(i18n, app_name)}</p>
                {children()}
            </main>
        </div>
    }
}
