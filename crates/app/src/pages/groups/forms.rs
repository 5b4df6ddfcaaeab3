//! Forms of the groups: forming one (the Kabapas), adding a member and recording a meeting
//! (the coordinator or the Kabapas), and putting a client under a group's attention (the
//! client's PK, on the client's page).

use leptos::prelude::*;
use pamong_domain::groups::{GroupView, MemberRole};
use pamong_domain::{ErrorKind, FieldErrors};
use server_fn::ServerFn;
use uuid::Uuid;

use super::detail::member_role;
use crate::api::groups::{
    AddGroupMember, CreateGroup, RecordGroupMeeting, WatchClient, group_coordinators, load_group,
};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::form::{FormActions, MultiChoice};
use crate::components::post::{posted_name, posted_value};
use crate::components::{ErrorBanner, ErrorSummary, PostForm, SelectField, TextArea, TextField, local_now};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::clients::use_client_id;
use crate::routes;

fn label(i18n: crate::text::I18n, f: fn(crate::text::I18n) -> String) -> TextProp {
    TextProp::from(move || f(i18n))
}

/// `/kelompok/baru`: the Kabapas forms a group and names its coordinator.
#[component]
pub fn NewGroupPage() -> impl IntoView {
    let i18n = use_i18n();
    let coordinators = Resource::new(|| (), |_| group_coordinators());
    let name = RwSignal::new(String::new());
    let areas = RwSignal::new(String::new());
    let coordinator = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <PageTitle text=move || t_string!(i18n, group_new).to_string() />
        <h1>{move || t_string!(i18n, group_new)}</h1>
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("name", label(i18n, |i| t_string!(i, group_name).to_string())),
            ("areas", label(i18n, |i| t_string!(i, group_areas).to_string())),
            ("coordinator_id", label(i18n, |i| t_string!(i, group_coordinator).to_string())),
        ] />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let options = match coordinators.await {
                    Ok(c) => c.into_iter().map(|p| (p.id.to_string(), p.name)).collect::<Vec<_>>(),
                    Err(e) => return view! { <ErrorPage error=e /> }.into_any(),
                };
                view! {
                    <PostForm to=CreateGroup::PATH next=routes::formed_group() errors=errors failure=failure>
                        <TextField name="name" label=label(i18n, |i| t_string!(i, group_name).to_string()) value=name errors=errors />
                        <TextField name="areas" label=label(i18n, |i| t_string!(i, group_areas).to_string()) hint=label(i18n, |i| t_string!(i, group_areas_hint).to_string()) value=areas errors=errors />
                        <SelectField name="coordinator_id" label=label(i18n, |i| t_string!(i, group_coordinator).to_string()) value=coordinator errors=errors options=Signal::derive(move || options.clone()) />
                        <FormActions cancel="/kelompok" />
                    </PostForm>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Loads the group, then renders `form` with it when the user may record on it.
#[component]
fn WithGroup<F, V>(form: F) -> impl IntoView
where
    F: Fn(GroupView) -> V + Send + Sync + Copy + 'static,
    V: IntoView + 'static,
{
    let id = use_client_id();
    let data = Resource::new(move || id.get(), |id| async move { load_group(id?).await });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(g) if g.can_manage => form(g).into_any(),
                    Ok(_) => view! { <ErrorPage error=AppError::Kind(ErrorKind::NotFound) /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn heading(i18n: crate::text::I18n, title: fn(crate::text::I18n) -> String, g: &GroupView) -> impl IntoView {
    view! {
        <PageTitle text=move || title(i18n) />
        <p class="breadcrumb"><a href=routes::group(g.id)>"← " {g.name.clone()}</a></p>
        <h1>{move || title(i18n)}</h1>
    }
}

/// `/kelompok/:id/anggota`: adds a member.
#[component]
pub fn MemberPage() -> impl IntoView {
    view! { <WithGroup form=|g| view! { <MemberEditor g=g /> } /> }
}

#[component]
fn MemberEditor(g: GroupView) -> impl IntoView {
    let i18n = use_i18n();
    let id = g.id;
    let name = RwSignal::new(String::new());
    let institution = RwSignal::new(String::new());
    let role = RwSignal::new(MemberRole::Anggota.as_str().to_owned());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let joined = RwSignal::new(local_now().0);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let roles = Signal::derive(move || {
        MemberRole::ALL.iter().map(|r| (r.as_str().to_owned(), member_role(i18n, *r))).collect::<Vec<_>>()
    });
    view! {
        {heading(i18n, |i| t_string!(i, member_new).to_string(), &g)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("name", label(i18n, |i| t_string!(i, partner_contact_name).to_string())),
            ("institution", label(i18n, |i| t_string!(i, member_institution).to_string())),
            ("role", label(i18n, |i| t_string!(i, member_role).to_string())),
            ("phone", label(i18n, |i| t_string!(i, client_phone).to_string())),
            ("email", label(i18n, |i| t_string!(i, partner_email).to_string())),
            ("joined_on", label(i18n, |i| t_string!(i, member_joined).to_string())),
        ] />
        <PostForm to=AddGroupMember::PATH next=routes::saved(&routes::group(id)) hidden=vec![("id", id.to_string())]
            errors=errors failure=failure>
            <TextField name="name" label=label(i18n, |i| t_string!(i, partner_contact_name).to_string()) value=name errors=errors />
            <TextField name="institution" label=label(i18n, |i| t_string!(i, member_institution).to_string()) value=institution errors=errors optional=true />
            <SelectField name="role" label=label(i18n, |i| t_string!(i, member_role).to_string()) value=role errors=errors options=roles />
            <div class="field-row">
                <TextField name="phone" label=label(i18n, |i| t_string!(i, client_phone).to_string()) value=phone errors=errors optional=true kind="tel" />
                <TextField name="email" label=label(i18n, |i| t_string!(i, partner_email).to_string()) value=email errors=errors optional=true kind="email" />
            </div>
            <TextField name="joined_on" label=label(i18n, |i| t_string!(i, member_joined).to_string()) value=joined errors=errors kind="date" />
            <FormActions cancel=routes::group(id) />
        </PostForm>
    }
}

/// `/kelompok/:id/rapat`: records a meeting with attendance, decisions and action items.
#[component]
pub fn MeetingPage() -> impl IntoView {
    view! { <WithGroup form=|g| view! { <MeetingEditor g=g /> } /> }
}

/// One action-item row of the meeting form.
#[derive(Clone, Copy)]
struct ActionRow {
    title: RwSignal<String>,
    owner: RwSignal<String>,
    due_on: RwSignal<String>,
}

impl ActionRow {
    fn new() -> Self {
        Self {
            title: RwSignal::new(String::new()),
            owner: RwSignal::new(String::new()),
            due_on: RwSignal::new(String::new()),
        }
    }
}

#[component]
fn MeetingEditor(g: GroupView) -> impl IntoView {
    let i18n = use_i18n();
    let id = g.id;
    let held_on = RwSignal::new(local_now().0);
    let place = RwSignal::new(String::new());
    let agenda = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let decisions = RwSignal::new(String::new());
    let present = RwSignal::new(Vec::<String>::new());
    // Three rows for follow-up actions, as plain HTML; blank rows are dropped when saved.
    let rows = RwSignal::new(vec![ActionRow::new(), ActionRow::new(), ActionRow::new()]);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let current: Vec<_> = g.members.iter().filter(|m| m.left_on.is_none()).collect();
    let member_options: Vec<(String, String)> =
        current.iter().map(|m| (m.id.to_string(), m.name.clone())).collect();
    let mut owners: Vec<(String, String)> =
        current.iter().map(|m| (format!("anggota:{}", m.id), m.name.clone())).collect();
    owners.extend(g.officers.iter().map(|p| (format!("pk:{}", p.id), format!("PK {}", p.name))));
    let owners = Signal::derive(move || owners.clone());
    view! {
        {heading(i18n, |i| t_string!(i, meeting_new).to_string(), &g)}
        <ErrorBanner error=failure />
        <ErrorSummary errors=errors labels=vec![
            ("held_on", label(i18n, |i| t_string!(i, field_date).to_string())),
            ("place", label(i18n, |i| t_string!(i, field_place).to_string())),
            ("agenda", label(i18n, |i| t_string!(i, meeting_agenda).to_string())),
            ("present", label(i18n, |i| t_string!(i, meeting_present).to_string())),
            ("minutes", label(i18n, |i| t_string!(i, meeting_minutes).to_string())),
            ("decisions", label(i18n, |i| t_string!(i, meeting_decisions).to_string())),
            ("actions.0.title", label(i18n, |i| t_string!(i, action_title).to_string())),
            ("actions.0.owner", label(i18n, |i| t_string!(i, action_owner).to_string())),
            ("actions.0.due_on", label(i18n, |i| t_string!(i, action_due_on).to_string())),
        ] />
        <PostForm to=RecordGroupMeeting::PATH next=routes::saved(&routes::group(id)) hidden=vec![("id", id.to_string())]
            errors=errors failure=failure class="form" testid="meeting-form">
            <fieldset class="card">
                <div class="field-row">
                    <TextField name="held_on" label=label(i18n, |i| t_string!(i, field_date).to_string()) value=held_on errors=errors kind="date" />
                    <TextField name="place" label=label(i18n, |i| t_string!(i, field_place).to_string()) value=place errors=errors optional=true />
                </div>
                <TextField name="agenda" label=label(i18n, |i| t_string!(i, meeting_agenda).to_string()) value=agenda errors=errors />
                <MultiChoice name="present" legend=label(i18n, |i| t_string!(i, meeting_present).to_string()) values=present errors=errors options=member_options />
                <TextArea name="minutes" label=label(i18n, |i| t_string!(i, meeting_minutes).to_string()) value=minutes errors=errors />
                <TextArea name="decisions" label=label(i18n, |i| t_string!(i, meeting_decisions).to_string()) hint=label(i18n, |i| t_string!(i, meeting_decisions_hint).to_string()) value=decisions errors=errors />
            </fieldset>
            <fieldset class="card">
                <legend>{move || t_string!(i18n, actions_title)}</legend>
                {move || rows.get().into_iter().enumerate().map(|(i, r)| {
                    let f = move |name: &str| format!("actions.{i}.{name}");
                    // Posted as serde_qs reads a list of structs: form[actions][0][title].
                    let actions = posted_name("actions");
                    let posted = move |name: &str| format!("{actions}[{i}][{name}]");
                    let owner_name = posted("owner");
                    if let Some(chosen) = posted_value(&owner_name) {
                        r.owner.set(chosen);
                    }
                    let err = move |name: &'static str| Signal::derive(move || errors.with(|e| e.get(&f(name))).map(|p| crate::text::problem(i18n, p)));
                    view! {
                        <div class="contact-row">
                            <RowInput label=label(i18n, |i| t_string!(i, action_title).to_string()) name=posted("title") value=r.title error=err("title") />
                            <div class="field-row">
                                <label class="field" class:field--error=move || err("owner").get().is_some()>
                                    <span class="field__label">{move || t_string!(i18n, action_owner)}</span>
                                    <span class="field__error" hidden=move || err("owner").get().is_none()>{move || err("owner").get()}</span>
                                    <select class="input input--select" name=owner_name>
                                        <option value="">"—"</option>
                                        {move || owners.get().into_iter().map(|(v, l)| {
                                            let selected = r.owner.get_untracked() == v;
                                            view! { <option value=v selected=selected>{l}</option> }
                                        }).collect_view()}
                                    </select>
                                </label>
                                <RowInput label=label(i18n, |i| t_string!(i, action_due_on).to_string()) name=posted("due_on") value=r.due_on error=err("due_on") kind="date" />
                            </div>
                        </div>
                    }
                }).collect_view()}
                <p class="field__hint">{move || t_string!(i18n, actions_hint)}</p>
            </fieldset>
            <FormActions cancel=routes::group(id) />
        </PostForm>
    }
}

/// An input of a repeated row.
#[component]
fn RowInput(
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

/// On a client's page: put the client under a Kelayan Binter group's attention. The groups
/// come with the page (rendered by the server), so the form works before the wasm.
#[component]
pub fn WatchClientForm(
    /// The client.
    client: Uuid,
    /// The groups the client may be put under the attention of.
    groups: Vec<pamong_domain::caseload::PersonRef>,
) -> impl IntoView {
    let i18n = use_i18n();
    if groups.is_empty() {
        return ().into_any();
    }
    let group = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let options = groups.into_iter().map(|g| (g.id.to_string(), g.name)).collect::<Vec<_>>();
    view! {
        <details class="card" data-testid="watch-client" open=crate::components::post::was_refused(WatchClient::PATH)>
            <summary>{move || t_string!(i18n, watch_title)}</summary>
            <PostForm to=WatchClient::PATH next=routes::saved(&routes::client(client)) hidden=vec![("client", client.to_string())]
                scope=None errors=errors failure=failure class="form">
                <ErrorBanner error=failure />
                <SelectField name="group" label=label(i18n, |i| t_string!(i, watch_group).to_string()) value=group errors=errors options=Signal::stored(options) />
                <TextField name="watch_reason" label=label(i18n, |i| t_string!(i, field_reason).to_string()) value=reason errors=errors />
                <button class="button" type="submit">{move || t_string!(i18n, watch_button)}</button>
            </PostForm>
        </details>
    }
    .into_any()
}
