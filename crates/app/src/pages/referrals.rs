//! Referrals in the pages: the list and form on a client's page, the partner user's inbox
//! with its answers (home page of a `mitra` user), the PK's recent answers on Today, and the
//! partner users linked to a partner (on the partner's page).

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::caseload::PersonRef;
use pamong_domain::partners::Choice;
use pamong_domain::referrals::{ReferralStatus, ReferralView};
use server_fn::ServerFn;
use uuid::Uuid;

use crate::api::referrals::{
    AnswerReferral, LinkPartnerUser, ReferralsData, SendReferral, partner_users, recent_referrals,
    referral_inbox,
};
use crate::app::{ErrorPage, Loading};
use crate::components::{ErrorBanner, PostForm, SelectField, TextArea, TextField};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::abh::register::CheckField;
use crate::routes;
use crate::text;

/// A referral status's words.
pub fn status_text(i18n: crate::text::I18n, s: ReferralStatus) -> String {
    match s {
        ReferralStatus::Dikirim => t_string!(i18n, ref_dikirim).to_string(),
        ReferralStatus::Diterima => t_string!(i18n, ref_diterima).to_string(),
        ReferralStatus::Ditolak => t_string!(i18n, ref_ditolak).to_string(),
        ReferralStatus::Selesai => t_string!(i18n, ref_selesai).to_string(),
    }
}

fn status_class(s: ReferralStatus) -> &'static str {
    match s {
        ReferralStatus::Dikirim => "badge",
        ReferralStatus::Diterima => "badge badge--warn",
        ReferralStatus::Ditolak => "badge badge--muted",
        ReferralStatus::Selesai => "badge badge--ok",
    }
}

/// One referral as a card; `answer` adds the partner's buttons.
#[component]
fn ReferralCard(r: ReferralView, #[prop(optional)] answer: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = r.status;
    view! {
        <li class="card referral" data-testid="referral">
            <p><strong>{r.client.name.clone()}</strong> " → " {r.partner.name.clone()} " "
                <span class=status_class(status)>{move || status_text(i18n, status)}</span></p>
            <p>{r.service.label.clone()} " · " {move || t_string!(i18n, ref_due, date = text::date(r.due_on))}</p>
            <p class="muted">{r.reason.clone()} {r.referred_by.clone().map(|p| format!(" · PK {p}"))}</p>
            {r.decline_reason.clone().map(|d| view! { <p>{move || t_string!(i18n, ref_declined_because)} ": " {d.clone()}</p> })}
            {r.outcome.clone().map(|o| view! { <p>{move || t_string!(i18n, ref_outcome)} ": " {o.clone()}</p> })}
            {(answer && r.can_respond).then(|| view! { <Answer id=r.id status=status /> })}
        </li>
    }
}

/// The partner's answer to a referral.
#[component]
fn Answer(id: Uuid, status: ReferralStatus) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    // The clicked button posts the next status under serde's name for it (the variant's).
    let button = move |next: ReferralStatus, primary: bool, label: fn(crate::text::I18n) -> String| {
        view! {
            <button class=if primary { "button" } else { "button button--secondary" } type="submit" name="next"
                value=format!("{next:?}")>{move || label(i18n)}</button>
        }
    };
    let page = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <PostForm to=AnswerReferral::PATH next=routes::saved(&page) hidden=vec![("id", id.to_string())] scope=None
            errors=errors failure=failure class="form">
            <ErrorBanner error=failure />
            {match status {
                ReferralStatus::Dikirim => view! {
                    <TextField name="decline_reason" posted_as="text" label=TextProp::from(move || t_string!(i18n, ref_decline_reason).to_string()) value=text errors=errors optional=true />
                    <div class="form__actions">
                        {button(ReferralStatus::Diterima, true, |i| t_string!(i, ref_accept).to_string())}
                        {button(ReferralStatus::Ditolak, false, |i| t_string!(i, ref_decline).to_string())}
                    </div>
                }.into_any(),
                _ => view! {
                    <TextArea name="outcome" posted_as="text" label=TextProp::from(move || t_string!(i18n, ref_outcome).to_string()) value=text errors=errors />
                    <div class="form__actions">
                        {button(ReferralStatus::Selesai, true, |i| t_string!(i, ref_complete).to_string())}
                    </div>
                }.into_any(),
            }}
        </PostForm>
    }
}

/// The partner user's inbox (their home page).
#[component]
pub fn InboxPanel() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(|| (), |_| referral_inbox());
    view! {
        <section class="deadlines-panel" data-testid="referral-inbox">
            <h2>{move || t_string!(i18n, ref_inbox)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) if rows.is_empty() => view! { <p class="card empty">{move || t_string!(i18n, ref_inbox_empty)}</p> }.into_any(),
                        Ok(rows) => view! {
                            <ul class="plain agreements">{rows.into_iter().map(|r| view! { <ReferralCard r=r answer=true /> }).collect_view()}</ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The PK's referrals answered lately, or late without an answer (Today).
#[component]
pub fn RecentReferralsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(|| (), |_| recent_referrals());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) if rows.is_empty() => ().into_any(),
                    Ok(rows) => view! {
                        <section class="deadlines-panel" data-testid="referral-updates">
                            <h2>{move || t_string!(i18n, ref_updates)}</h2>
                            <ul class="plain agreements">{rows.into_iter().map(|r| view! { <ReferralCard r=r /> }).collect_view()}</ul>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A client's referrals and, for their PK, the form to send one.
#[component]
pub fn ClientReferrals(
    /// The client.
    client: Uuid,
    /// Whether the user may send referrals for the client.
    can_send: bool,
    /// The referrals and the partners.
    data: ReferralsData,
) -> impl IntoView {
    let i18n = use_i18n();
    let ReferralsData { rows, targets } = data;
    view! {
        <section class="card" data-testid="client-referrals">
            <h2>{move || t_string!(i18n, ref_title)}</h2>
            {rows.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, ref_none)}</p> })}
            <ul class="plain agreements">{rows.into_iter().map(|r| view! { <ReferralCard r=r /> }).collect_view()}</ul>
            {can_send.then(|| view! { <ReferForm client=client targets=targets /> })}
        </section>
    }
}

#[component]
fn ReferForm(client: Uuid, targets: Vec<(PersonRef, Vec<Choice>)>) -> impl IntoView {
    let i18n = use_i18n();
    // Until a partner is chosen (and so before the wasm, which cannot follow the choice) every
    // service is offered; the server checks the partner offers it. Nothing here depends on
    // whether the wasm runs, so the page hydrates exactly as the server rendered it.
    let partner = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let due = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let page = StoredValue::new(leptos_router::hooks::use_location().pathname.get_untracked());
    {
        let list = targets;
        if list.is_empty() {
            return view! { <p class="muted">{move || t_string!(i18n, ref_no_partners)}</p> }.into_any();
        }
        let list = StoredValue::new(list);
        let partners = Signal::derive(move || {
            list.with_value(|l| l.iter().map(|(p, _)| (p.id.to_string(), p.name.clone())).collect::<Vec<_>>())
        });
        let offered = move || -> Vec<Choice> {
            let chosen = partner.get();
            list.with_value(|l| {
                l.iter().find(|(p, _)| p.id.to_string() == chosen).map(|(_, s)| s.clone()).unwrap_or_default()
            })
        };
        let every = move || -> Vec<Choice> {
            let mut all: Vec<Choice> = list.with_value(|l| l.iter().flat_map(|(_, s)| s.clone()).collect());
            all.sort_by(|a, b| a.code.cmp(&b.code));
            all.dedup_by(|a, b| a.code == b.code);
            all
        };
        let services = Signal::derive(move || {
            let shown = if partner.get().is_empty() { every() } else { offered() };
            shown.into_iter().map(|c| (c.code, c.label)).collect::<Vec<_>>()
        });
        view! {
                    <details class="refer" open=crate::components::post::was_refused(SendReferral::PATH)>
                        <summary class="button button--secondary">{move || t_string!(i18n, ref_new)}</summary>
                        <PostForm to=SendReferral::PATH next=page.with_value(|p| routes::saved(p)) hidden=vec![("client", client.to_string())]
                            errors=errors failure=failure class="form" testid="referral-form">
                            <ErrorBanner error=failure />
                            <SelectField name="partner_id" label=TextProp::from(move || t_string!(i18n, ref_partner).to_string()) value=partner errors=errors options=partners />
                            <SelectField name="service" label=TextProp::from(move || t_string!(i18n, ref_service).to_string()) value=service errors=errors options=services />
                            <TextField name="reason" label=TextProp::from(move || t_string!(i18n, field_reason).to_string()) value=reason errors=errors />
                            <TextField name="due_on" label=TextProp::from(move || t_string!(i18n, ref_due_on).to_string()) value=due errors=errors kind="date" />
                            <CheckField name="consent" label=TextProp::from(move || t_string!(i18n, ref_consent).to_string()) value=consent />
                            <p class="field__error" hidden=move || errors.with(|e| e.get("consent").is_none())>{move || t_string!(i18n, ref_consent_needed)}</p>
                            <button class="button" type="submit">{move || t_string!(i18n, ref_send)}</button>
                        </PostForm>
                    </details>
                }
                .into_any()
    }
}

/// On a partner's page: the partner's own users (role `mitra`) linked to it.
#[component]
pub fn PartnerUsers(
    /// The partner.
    partner: Uuid,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(
        move || partner,
        |partner| async move { partner_users(partner).await.unwrap_or_default() },
    );
    let here = routes::saved(&routes::partner(partner));
    view! {
        <Suspense>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    let rows = rows.await;
                    if rows.is_empty() {
                        return ().into_any();
                    }
                    view! {
                        <section class="card">
                            <h2>{move || t_string!(i18n, partner_users_title)}</h2>
                            <p class="muted">{move || t_string!(i18n, partner_users_intro)}</p>
                            <ul class="plain contacts">
                                {rows.into_iter().map(|(u, linked)| {
                                    let hidden = vec![("partner", partner.to_string()), ("user", u.id.to_string()), ("link", (!linked).to_string())];
                                    let (errors, failure) = (RwSignal::new(FieldErrors::new()), RwSignal::new(None::<AppError>));
                                    view! {
                                        <li class="contact">
                                            <PostForm to=LinkPartnerUser::PATH next=here.clone() hidden=hidden scope=None
                                                errors=errors failure=failure class="inline-form">
                                                <ErrorBanner error=failure />
                                                {u.name.clone()} " "
                                                <button class="button button--small button--secondary" type="submit">
                                                    {move || if linked { t_string!(i18n, partner_user_unlink).to_string() } else { t_string!(i18n, partner_user_link).to_string() }}
                                                </button>
                                            </PostForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
