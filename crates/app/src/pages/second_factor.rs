//! Two-factor sign-in pages: the second step of a sign-in (the code), enrolling an
//! authenticator key (during a sign-in whose role must, or from the account page), the
//! recovery codes shown once, and the account page's card. Every form is a plain post.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::second_factor::{CODE_FIELD, LoginStep, RecoveryCodes, SecondFactorStatus};
use server_fn::ServerFn;

use crate::api::second_factor::{
    ConfirmEnrolment, RenewRecoveryCodes, SecondFactorCode, TurnOffSecondFactor, enrolment_key,
    fresh_recovery_codes, my_second_factor, pending_step,
};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::PostForm;
use crate::components::form::{ErrorBanner, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::login::LoginCard;
use crate::routes;
use crate::text;

/// Said when the session holds no sign-in waiting for this step (it expired, or the page
/// was opened directly).
#[component]
fn SignInAgain() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p data-testid="sign-in-again">{move || t_string!(i18n, tfa_expired)}</p>
        <a class="button button--block" href=routes::LOGIN>{move || t_string!(i18n, tfa_back_to_login)}</a>
    }
}

/// The code field: six digits from the app or, at sign-in, a recovery code.
#[component]
fn CodeField(errors: RwSignal<FieldErrors>, #[prop(optional)] recovery: bool) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let label = move || t_string!(i18n, tfa_code_label).to_string();
    if recovery {
        view! {
            <TextField name=CODE_FIELD label=label value=code errors=errors autocomplete="one-time-code"
                hint=move || t_string!(i18n, tfa_code_hint).to_string() />
        }
        .into_any()
    } else {
        view! {
            <TextField name=CODE_FIELD label=label value=code errors=errors autocomplete="one-time-code" inputmode="numeric" />
        }
        .into_any()
    }
}

/// `/masuk/kode`: the second step of a sign-in.
#[component]
pub fn CodePage() -> impl IntoView {
    let i18n = use_i18n();
    let step = Resource::new(|| (), |_| pending_step());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <PageTitle text=move || t_string!(i18n, tfa_title).to_string() />
        <LoginCard>
            <h1>{move || t_string!(i18n, tfa_title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    if !matches!(step.await, Ok(Some(LoginStep::Code))) {
                        return view! { <SignInAgain /> }.into_any();
                    }
                    view! {
                        <p class="muted">{move || t_string!(i18n, tfa_code_intro)}</p>
                        <PostForm to=SecondFactorCode::PATH next=routes::HOME scope=None errors=errors failure=failure class="form" testid="second-factor">
                            <ErrorBanner error=failure />
                            <CodeField errors=errors recovery=true />
                            <button class="button button--block" type="submit">{move || t_string!(i18n, tfa_continue)}</button>
                        </PostForm>
                        <p><a href=routes::LOGIN>{move || t_string!(i18n, tfa_back_to_login)}</a></p>
                    }
                    .into_any()
                })}
            </Suspense>
        </LoginCard>
    }
}

/// `/masuk/aktifkan`: a sign-in whose role must use a second factor enrols a key first.
#[component]
pub fn LoginEnrolPage() -> impl IntoView {
    let i18n = use_i18n();
    let step = Resource::new(|| (), |_| pending_step());
    view! {
        <PageTitle text=move || t_string!(i18n, tfa_enrol_title).to_string() />
        <LoginCard>
            <h1>{move || t_string!(i18n, tfa_enrol_title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    if !matches!(step.await, Ok(Some(LoginStep::Enrol))) {
                        return view! { <SignInAgain /> }.into_any();
                    }
                    view! {
                        <p>{move || t_string!(i18n, tfa_enrol_required)}</p>
                        <EnrolSteps />
                    }
                    .into_any()
                })}
            </Suspense>
        </LoginCard>
    }
}

/// `/akun/dua-langkah`: the signed-in user enrols a key, or replaces the one on a lost or
/// new phone (the old key works until the new one is confirmed).
#[component]
pub fn EnrolPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, tfa_enrol_title).to_string() />
        <p><a href=routes::ACCOUNT>{move || t_string!(i18n, account_title)}</a></p>
        <h1>{move || t_string!(i18n, tfa_enrol_title)}</h1>
        <section class="card"><EnrolSteps /></section>
    }
}

/// Install an app, scan the key (or type it), confirm with a code.
#[component]
fn EnrolSteps() -> impl IntoView {
    let i18n = use_i18n();
    let key = Resource::new(|| (), |_| enrolment_key());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match key.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(key) => view! {
                        <ol class="steps" data-testid="enrol-steps">
                            <li>{move || t_string!(i18n, tfa_step_app)}</li>
                            <li>
                                {move || t_string!(i18n, tfa_step_scan)}
                                <img class="qr" src=routes::SECOND_FACTOR_QR width="220" height="220"
                                    alt=move || t_string!(i18n, tfa_qr_alt).to_string() />
                                <span class="muted">{move || t_string!(i18n, tfa_manual)}</span>
                                <code class="enrol-key" data-testid="enrol-key" aria-label=key.account.clone()>{key.key.clone()}</code>
                            </li>
                            <li>{move || t_string!(i18n, tfa_step_code)}</li>
                        </ol>
                        <PostForm to=ConfirmEnrolment::PATH next=routes::RECOVERY_CODES scope=None errors=errors failure=failure class="form" testid="enrol-confirm">
                            <ErrorBanner error=failure />
                            <CodeField errors=errors />
                            <button class="button button--block" type="submit">{move || t_string!(i18n, tfa_enable)}</button>
                        </PostForm>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/akun/kode-pemulihan`: the recovery codes just made, shown this once.
#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let i18n = use_i18n();
    let codes = Resource::new(|| (), |_| fresh_recovery_codes());
    view! {
        <PageTitle text=move || t_string!(i18n, tfa_codes_title).to_string() />
        <h1>{move || t_string!(i18n, tfa_codes_title)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match codes.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(RecoveryCodes(codes)) if codes.is_empty() => view! {
                        <section class="card">
                            <p>{move || t_string!(i18n, tfa_codes_gone)}</p>
                            <a class="button" href=routes::ACCOUNT>{move || t_string!(i18n, account_title)}</a>
                        </section>
                    }
                    .into_any(),
                    Ok(RecoveryCodes(codes)) => view! { <FreshCodes codes=codes /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FreshCodes(codes: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    // A `data:` link downloads the list without a script and without another request.
    let file: String = codes.iter().map(|c| format!("{c}\n")).collect();
    let href = format!(
        "data:text/plain;charset=utf-8,{}",
        crate::components::list::url_encode(&format!("Pamong\n{file}"))
    );
    view! {
        <section class="card">
            <div class="banner banner--warn" role="status">{move || t_string!(i18n, tfa_codes_intro)}</div>
            <ol class="recovery-codes" data-testid="recovery-codes">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
            <div class="form__actions">
                <a class="button button--secondary" href=href download="pamong-kode-pemulihan.txt">{move || t_string!(i18n, tfa_codes_download)}</a>
                <a class="button" href=routes::HOME>{move || t_string!(i18n, tfa_done)}</a>
            </div>
        </section>
    }
}

/// The account page's card: on or off, since when, the codes left, and what can be done.
#[component]
pub fn SecondFactorCard() -> impl IntoView {
    let i18n = use_i18n();
    let status = Resource::new(|| (), |_| my_second_factor());
    view! {
        <section class="card" data-testid="second-factor-card">
            <h2>{move || t_string!(i18n, tfa_title)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match status.await {
                        Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                        Ok(status) => view! { <StatusBody status=status /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn StatusBody(status: SecondFactorStatus) -> impl IntoView {
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<AppError>);
    let errors = RwSignal::new(FieldErrors::new());
    let note = if status.required {
        t_string!(i18n, tfa_required_note).to_string()
    } else {
        t_string!(i18n, tfa_optional_note).to_string()
    };
    let Some(since) = status.enabled_since else {
        return view! {
            <p data-testid="second-factor-state">{move || t_string!(i18n, tfa_status_off)}</p>
            <p class="muted">{note}</p>
            <a class="button" href=routes::SECOND_FACTOR>{move || t_string!(i18n, tfa_enable)}</a>
        }
        .into_any();
    };
    let left = status.recovery_left;
    view! {
        <p data-testid="second-factor-state">
            {move || t_string!(i18n, tfa_status_on, date = text::date(since))} " · "
            {move || t_string!(i18n, tfa_codes_left, count = left)}
        </p>
        <p class="muted">{note}</p>
        <ErrorBanner error=failure />
        <div class="form__actions">
            <a class="button button--secondary" href=routes::SECOND_FACTOR>{move || t_string!(i18n, tfa_change_device)}</a>
            <PostForm to=RenewRecoveryCodes::PATH next=routes::RECOVERY_CODES scope=None errors=errors failure=failure class="inline-form">
                <button class="button button--secondary" type="submit">{move || t_string!(i18n, tfa_renew_codes)}</button>
            </PostForm>
            {(!status.required).then(|| view! {
                <PostForm to=TurnOffSecondFactor::PATH next=routes::saved(routes::ACCOUNT) scope=None errors=errors failure=failure class="inline-form">
                    <button class="button button--secondary" type="submit">{move || t_string!(i18n, tfa_turn_off)}</button>
                </PostForm>
            })}
        </div>
    }
    .into_any()
}
