//! The signed-in user's own account: profile, password, two-step verification, language and
//! logging out.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use server_fn::ServerFn;

use crate::api::auth::ChangePassword;
use crate::api::users::my_profile;
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::layout::{LanguageToggle, LogoutButton};
use crate::components::*;
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;

/// Profile, password change, language and logout.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let profile = Resource::new(|| (), |_| my_profile());
    view! {
        <PageTitle text=move || t_string!(i18n, account_title).to_string() />
        <h1>{move || t_string!(i18n, account_title)}</h1>
        <crate::components::form::SavedNotice />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(me) => {
                        let role = me.role;
                        let office = me.bapas.clone().or(me.kanwil.clone()).map(|o| o.name);
                        view! {
                            <dl class="summary card">
                                <div><dt>{move || t_string!(i18n, user_full_name)}</dt><dd>{me.full_name.clone()}</dd></div>
                                <div><dt>{move || t_string!(i18n, username)}</dt><dd>{me.username.clone()}</dd></div>
                                <div><dt>{move || t_string!(i18n, user_role)}</dt><dd>{move || crate::pages::users::role_label(i18n, role)}</dd></div>
                                <div>
                                    <dt>{move || t_string!(i18n, user_office)}</dt>
                                    <dd>{office.clone().unwrap_or_else(|| t_string!(i18n, home_no_office).to_string())}</dd>
                                </div>
                            </dl>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <section class="card row-between">
            <h2>{move || t_string!(i18n, language)}</h2>
            <LanguageToggle />
        </section>
        <PasswordForm />
        <crate::pages::second_factor::SecondFactorCard />
        <div class="danger-zone"><LogoutButton /></div>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <PostForm to=ChangePassword::PATH next=routes::saved(routes::ACCOUNT) scope=Some("password") errors=errors failure=failure>
            <h2>{move || t_string!(i18n, account_change_password)}</h2>
            <ErrorBanner error=failure />
            <TextField name="current" label=move || t_string!(i18n, account_current_password).to_string() value=current errors=errors kind="password" autocomplete="current-password" />
            <TextField name="new" label=move || t_string!(i18n, account_new_password).to_string() hint=move || t_string!(i18n, user_password_hint).to_string() value=new errors=errors kind="password" autocomplete="new-password" />
            <TextField name="confirm" label=move || t_string!(i18n, account_confirm_password).to_string() value=confirm errors=errors kind="password" autocomplete="new-password" />
            <SaveButton />
        </PostForm>
    }
}
