//! `/kelompok/:id`: a group — its area and coordinator, members, action items, meetings with
//! attendance and decisions, and the clients under its attention.

use leptos::prelude::*;
use pamong_domain::groups::{GroupView, MemberRole};

use super::ActionList;
use crate::api::groups::load_group;
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::i18n::*;
use crate::pages::clients::use_client_id;
use crate::routes;
use crate::text;

/// A member role's name.
pub fn member_role(i18n: crate::text::I18n, role: MemberRole) -> String {
    match role {
        MemberRole::Ketua => t_string!(i18n, member_ketua).to_string(),
        MemberRole::Sekretaris => t_string!(i18n, member_sekretaris).to_string(),
        MemberRole::Anggota => t_string!(i18n, member_anggota).to_string(),
    }
}

/// The group's page.
#[component]
pub fn GroupPage() -> impl IntoView {
    let id = use_client_id();
    let data = Resource::new(move || id.get(), |id| async move { load_group(id?).await });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(g) => view! { <Group g=g /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Group(g: GroupView) -> impl IntoView {
    let i18n = use_i18n();
    let id = g.id;
    let current: Vec<_> = g.members.iter().filter(|m| m.left_on.is_none()).cloned().collect();
    let former: Vec<_> = g.members.iter().filter(|m| m.left_on.is_some()).cloned().collect();
    view! {
        <PageTitle text=g.name.clone() />
        <p class="breadcrumb"><a href="/kelompok">"← " {move || t_string!(i18n, groups_title)}</a></p>
        <crate::components::form::SavedNotice />
        <h1 data-testid="group-name">{g.name.clone()}</h1>
        <p class="muted">{g.areas.join(", ")} " · " {g.bapas.name.clone()}
            {g.coordinator.clone().map(|c| view! { " · " {move || t_string!(i18n, group_coordinator)} ": " {c.name.clone()} })}</p>
        {g.can_manage.then(|| view! {
            <nav class="actions">
                <a class="button" href=routes::group_meeting(id)>{move || t_string!(i18n, meeting_new)}</a>
                <a class="button button--secondary" href=routes::group_members(id)>{move || t_string!(i18n, member_new)}</a>
            </nav>
        })}
        <section class="card">
            <h2>{move || t_string!(i18n, actions_title)}</h2>
            {g.actions.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, actions_none)}</p> })}
            <ActionList actions=g.actions.clone() can_complete=g.can_manage />
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, members_title)}</h2>
            {current.is_empty().then(|| view! { <p class="muted">"—"</p> })}
            <ul class="plain contacts" data-testid="members">
                {current.into_iter().map(|m| {
                    let role = m.role;
                    view! {
                        <li class="contact">
                            <strong>{m.name.clone()}</strong> " · " {move || member_role(i18n, role)}
                            {m.institution.clone().map(|i| view! { <br />{i} })}
                            {m.phone.clone().map(|ph| view! { <br /><a href=format!("tel:{ph}")>{ph.clone()}</a> })}
                            <br /><span class="muted">{move || t_string!(i18n, member_since, date = text::date(m.joined_on))}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!former.is_empty()).then(|| view! {
                <p class="muted">{move || t_string!(i18n, members_former)} ": "
                    {former.iter().map(|m| m.name.clone()).collect::<Vec<_>>().join(", ")}</p>
            })}
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, meetings_title)}</h2>
            {g.meetings.is_empty().then(|| view! { <p class="muted">{move || t_string!(i18n, meetings_none)}</p> })}
            <ul class="timeline" data-testid="meetings">
                {g.meetings.iter().map(|m| {
                    let (present, total) = (m.present.len(), m.members);
                    view! {
                        <li class="timeline__item">
                            <p class="timeline__when">{text::date(m.held_on)} {m.place.clone().map(|p| format!(" · {p}"))}</p>
                            <p><strong>{m.agenda.clone()}</strong></p>
                            <p class="muted">{move || t_string!(i18n, meeting_attendance, present = present, total = total)} ": " {m.present.join(", ")}</p>
                            {m.minutes.clone().map(|x| view! { <p>{x}</p> })}
                            {(!m.decisions.is_empty()).then(|| view! {
                                <p class="field__label">{move || t_string!(i18n, meeting_decisions)}</p>
                                <ul>{m.decisions.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, watched_title)}</h2>
            <p class="muted">{move || t_string!(i18n, watched_intro)}</p>
            {g.clients.is_empty().then(|| view! { <p class="muted">"—"</p> })}
            <ul class="plain contacts">
                {g.clients.iter().map(|c| {
                    let band = c.risk_band;
                    view! {
                        <li class="contact">
                            <strong>{c.name.clone()}</strong> " " <crate::pages::clients::BandBadge band=band />
                            {c.area.clone().map(|a| view! { <br />{a} })}
                            {c.pk.clone().map(|p| view! { <br /><span class="muted">"PK: " {p}</span> })}
                            <br />{c.reason.clone()} <span class="muted">" · " {text::date(c.since)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
