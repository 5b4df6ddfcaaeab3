//! The REST API tokens on a user's page (the admin's): issue one for a system that calls the
//! API as this user, see when each was last used, revoke one. A new token's secret is shown
//! once, here, right after it is issued.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::api_token::TokenView;
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::tokens::{IssueApiToken, RevokeApiToken, api_tokens};
use crate::app::{ErrorPage, Loading};
use crate::components::form::TextField;
use crate::components::{ErrorBanner, PostForm};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The user's tokens and the form to issue one.
#[component]
pub fn ApiTokens(
    /// The user's public id.
    user: Uuid,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(move || user, api_tokens);
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let page = routes::user(user);
    view! {
        <section class="card" data-testid="api-tokens">
            <h2>{move || t_string!(i18n, token_title)}</h2>
            <p class="muted">{move || t_string!(i18n, token_intro)} " " <a href=routes::API_DOCS>{move || t_string!(i18n, token_docs)}</a></p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                        Ok(data) => view! {
                            {data.fresh.map(|secret| view! {
                                <div class="banner banner--success" role="status" data-testid="token-fresh">
                                    <p>{move || t_string!(i18n, token_fresh)}</p>
                                    <p><code class="token-secret">{secret}</code></p>
                                </div>
                            })}
                            <TokenList tokens=data.tokens user=user />
                        }.into_any(),
                    }
                })}
            </Suspense>
            <PostForm to=IssueApiToken::PATH next=page hidden=vec![("user", user.to_string())] errors=errors failure=failure class="form" testid="token-issue">
                <ErrorBanner error=failure />
                <TextField name="name" label=move || t_string!(i18n, token_name).to_string() value=name errors=errors autocomplete="off" />
                <div class="form__actions">
                    <button class="button" type="submit">{move || t_string!(i18n, token_issue)}</button>
                </div>
            </PostForm>
        </section>
    }
}

#[component]
fn TokenList(tokens: Vec<TokenView>, user: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    if tokens.is_empty() {
        return view! { <p class="muted">{move || t_string!(i18n, token_none)}</p> }.into_any();
    }
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <ErrorBanner error=failure />
        <ul class="plain-list" data-testid="token-list">
            {tokens.into_iter().map(|t| {
                let used = t.last_used_at.map(|at| text::date(at.date()));
                view! {
                    <li data-testid="token">
                        <p><strong>{t.name}</strong> " · " <code>{t.prefix} "…"</code></p>
                        <p class="muted">
                            {move || t_string!(i18n, token_created, date = text::date(t.created_at.date()))}
                            " · "
                            {match used.clone() {
                                Some(date) => view! { <span>{move || t_string!(i18n, token_last_used, date = date.clone())}</span> }.into_any(),
                                None => view! { <span>{move || t_string!(i18n, token_never)}</span> }.into_any(),
                            }}
                        </p>
                        {if t.revoked {
                            view! { <p class="badge badge--muted">{move || t_string!(i18n, token_revoked)}</p> }.into_any()
                        } else {
                            view! {
                                <PostForm to=RevokeApiToken::PATH next=routes::saved(&routes::user(user)) hidden=vec![("id", t.id.to_string())] scope=None
                                    errors=RwSignal::new(FieldErrors::new()) failure=failure class="form__actions">
                                    <button class="button button--secondary" type="submit">{move || t_string!(i18n, token_revoke)}</button>
                                </PostForm>
                            }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
