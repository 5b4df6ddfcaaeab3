//! Users: list and editor for the admin (everyone) and the Kabapas (their office's staff);
//! Kanwil users see their region's users read-only.

use leptos::prelude::*;
use pamong_domain::role::OfficeLevel;
use pamong_domain::user::{UserForm, UserView};
use pamong_domain::{FieldErrors, Role};
use server_fn::ServerFn;
use time::macros::format_description;

use crate::api::offices::{OfficePickList, office_choices};
use crate::api::users::{ExportUsers, ResetUserPassword, SaveUser, SetUserActive, get_user, list_users};
use crate::app::{ErrorPage, Loading, Me};
use crate::components::PageTitle;
use crate::components::list::{query_string, use_list_query};
use crate::components::*;
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::use_record_id;
use crate::routes;

fn can_add(user: &Option<Result<Option<pamong_domain::user::CurrentUser>, AppError>>) -> bool {
    matches!(user, Some(Ok(Some(u))) if !u.role.assignable_roles().is_empty())
}

/// A role's name (the user form is where roles are named; elsewhere pages ask the
/// abilities the policy sent).
pub fn role_label(i18n: crate::text::I18n, role: Role) -> String {
    match role {
        Role::Admin => t_string!(i18n, role_admin).to_string(),
        Role::Pusat => t_string!(i18n, role_pusat).to_string(),
        Role::Kanwil => t_string!(i18n, role_kanwil).to_string(),
        Role::Kabapas => t_string!(i18n, role_kabapas).to_string(),
        Role::Pk => t_string!(i18n, role_pk).to_string(),
        Role::Koordinator => t_string!(i18n, role_koordinator).to_string(),
        Role::Mitra => t_string!(i18n, role_mitra).to_string(),
    }
}

/// Users in the signed-in user's scope.
#[component]
pub fn UserListPage() -> impl IntoView {
    let i18n = use_i18n();
    let Me(user) = expect_context::<Me>();
    let query = use_list_query();
    let rows = Resource::new(move || query.get(), list_users);
    view! {
        <ListHead
            title=move || t_string!(i18n, users_title).to_string()
            add_label=move || t_string!(i18n, user_new).to_string()
            add_href="/admin/pengguna/baru"
            can_add=Signal::derive(move || can_add(&user.get()))
        />
        {move || {
            let q = query.get();
            let query = query_string(&[("q", &q.q), ("nonaktif", if q.include_inactive { "1" } else { "" })]);
            view! { <DownloadLinks path=ExportUsers::PATH query=query stem="pengguna" /> }
        }}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) => view! {
                        <RecordTable
                            page=page
                            headers=vec![
                                TextProp::from(move || t_string!(i18n, user_full_name).to_string()),
                                TextProp::from(move || t_string!(i18n, username).to_string()),
                                TextProp::from(move || t_string!(i18n, user_role).to_string()),
                                TextProp::from(move || t_string!(i18n, user_office).to_string()),
                                TextProp::from(move || t_string!(i18n, status).to_string()),
                            ]
                            row=move |u: UserView| {
                                let office = u.bapas.clone().or(u.kanwil.clone()).map(|o| o.name).unwrap_or_default();
                                let role = u.role;
                                view! {
                                    <tr>
                                        <td data-label=move || t_string!(i18n, user_full_name).to_string()>
                                            <a href=routes::user(u.id)>{u.full_name.clone()}</a>
                                        </td>
                                        <td data-label=move || t_string!(i18n, username).to_string()>{u.username.clone()}</td>
                                        <td data-label=move || t_string!(i18n, user_role).to_string()>{move || role_label(i18n, role)}</td>
                                        <td data-label=move || t_string!(i18n, user_office).to_string()>{office}</td>
                                        <td data-label=move || t_string!(i18n, status).to_string()><StatusBadge active=u.active /></td>
                                    </tr>
                                }
                            }
                        />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// New (`/admin/pengguna/baru`) or existing user.
#[component]
pub fn UserEditPage() -> impl IntoView {
    let id = use_record_id();
    let Me(me) = expect_context::<Me>();
    let existing = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id?;
            let (choices, record) = crate::api::setup_and_record(office_choices(), id, get_user).await;
            Ok((record?, choices?))
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let Ok(Some(me)) = me.await else { return view! { <Loading /> }.into_any() };
                match existing.await {
                    Ok((user, choices)) => view! { <UserEditor existing=user choices=choices actor_role=me.role /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn form_of(user: &UserView) -> UserForm {
    UserForm {
        username: user.username.clone(),
        full_name: user.full_name.clone(),
        nip: user.nip.clone().unwrap_or_default(),
        email: user.email.clone().unwrap_or_default(),
        phone: user.phone.clone().unwrap_or_default(),
        role: user.role.as_str().to_owned(),
        office_id: match user.role.office_level() {
            OfficeLevel::National => String::new(),
            OfficeLevel::Kanwil => user.kanwil.as_ref().map(|k| k.id.to_string()).unwrap_or_default(),
            OfficeLevel::Bapas => user.bapas.as_ref().map(|b| b.id.to_string()).unwrap_or_default(),
        },
        password: String::new(),
    }
}

#[component]
fn UserEditor(existing: Option<UserView>, choices: OfficePickList, actor_role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let id = existing.as_ref().map(|u| u.id);
    let active = existing.as_ref().is_none_or(|u| u.active);
    let last_login = existing.as_ref().and_then(|u| u.last_login_at);
    let initial = existing.as_ref().map(form_of).unwrap_or_default();
    let username = RwSignal::new(initial.username);
    let full_name = RwSignal::new(initial.full_name);
    let nip = RwSignal::new(initial.nip);
    let email = RwSignal::new(initial.email);
    let phone = RwSignal::new(initial.phone);
    let role = RwSignal::new(initial.role);
    let office_id = RwSignal::new(initial.office_id);
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let read_only = actor_role.assignable_roles().is_empty();

    let role_options = Signal::derive(move || {
        actor_role
            .assignable_roles()
            .iter()
            .map(|r| (r.as_str().to_owned(), role_label(i18n, *r)))
            .collect::<Vec<_>>()
    });
    let choices = StoredValue::new(choices);
    let level = move || Role::parse(&role.get()).map(Role::office_level);
    let office_options = Signal::derive(move || {
        let offices = match level() {
            // Before the wasm: every office, regional ones first (the server checks the level).
            None => choices.with_value(|c| [c.kanwil.clone(), c.bapas.clone()].concat()),
            Some(OfficeLevel::Kanwil) => choices.with_value(|c| c.kanwil.clone()),
            Some(OfficeLevel::Bapas) => choices.with_value(|c| c.bapas.clone()),
            _ => Vec::new(),
        };
        offices.into_iter().map(|o| (o.id.to_string(), o.name)).collect::<Vec<_>>()
    });
    // Before the wasm runs the page cannot follow the chosen role: it offers the field.
    let needs_office = move || matches!(level(), None | Some(OfficeLevel::Kanwil | OfficeLevel::Bapas));
    let title = move || {
        if id.is_some() {
            t_string!(i18n, user_edit).to_string()
        } else {
            t_string!(i18n, user_new).to_string()
        }
    };
    let label = move |f: fn(crate::text::I18n) -> String| TextProp::from(move || f(i18n));
    let last_login_text = move || match last_login {
        Some(at) => {
            at.format(format_description!("[day]/[month]/[year] [hour]:[minute] UTC")).unwrap_or_default()
        }
        None => t_string!(i18n, user_never_logged_in).to_string(),
    };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <crate::components::form::SavedNotice />
        {id.map(|_| view! {
            <p class="muted">{move || t_string!(i18n, user_last_login)}": "{last_login_text}" · "<StatusBadge active=active /></p>
        })}
        <ErrorBanner error=failure />
        <ErrorSummary
            errors=errors
            labels=vec![
                ("username", label(|i| t_string!(i, username).to_string())),
                ("full_name", label(|i| t_string!(i, user_full_name).to_string())),
                ("nip", label(|i| t_string!(i, user_nip).to_string())),
                ("email", label(|i| t_string!(i, user_email).to_string())),
                ("phone", label(|i| t_string!(i, user_phone).to_string())),
                ("role", label(|i| t_string!(i, user_role).to_string())),
                ("office_id", label(|i| t_string!(i, user_office).to_string())),
                ("password", label(|i| t_string!(i, user_initial_password).to_string())),
                ("active", label(|i| t_string!(i, status).to_string())),
            ]
        />
        <PostForm to=SaveUser::PATH next=routes::saved("/admin/pengguna") hidden=id_arg(id) errors=errors failure=failure>
            <fieldset disabled=read_only class="plain">
                <TextField name="full_name" label=label(|i| t_string!(i, user_full_name).to_string()) value=full_name errors=errors autocomplete="name" />
                <TextField name="username" label=label(|i| t_string!(i, username).to_string()) value=username errors=errors autocomplete="off" />
                <SelectField name="role" label=label(|i| t_string!(i, user_role).to_string()) value=role errors=errors options=role_options />
                <Show when=needs_office>
                    <SelectField
                        name="office_id"
                        label=label(|i| t_string!(i, user_office).to_string())
                        hint=label(|i| t_string!(i, user_office_hint).to_string())
                        value=office_id
                        errors=errors
                        options=office_options
                    />
                </Show>
                <TextField name="nip" label=label(|i| t_string!(i, user_nip).to_string()) hint=label(|i| t_string!(i, user_nip_hint).to_string()) value=nip errors=errors optional=true inputmode="numeric" />
                <TextField name="email" label=label(|i| t_string!(i, user_email).to_string()) value=email errors=errors optional=true kind="email" autocomplete="email" />
                <TextField name="phone" label=label(|i| t_string!(i, user_phone).to_string()) value=phone errors=errors optional=true kind="tel" autocomplete="tel" />
                {id.is_none().then(|| view! {
                    <TextField
                        name="password"
                        label=label(|i| t_string!(i, user_initial_password).to_string())
                        hint=label(|i| t_string!(i, user_password_hint).to_string())
                        value=password
                        errors=errors
                        kind="password"
                        autocomplete="new-password"
                    />
                })}
                <div class="form__actions" hidden=read_only>
                    <SaveButton />
                    <a class="button button--secondary" href="/admin/pengguna">{move || t_string!(i18n, cancel)}</a>
                </div>
            </fieldset>
        </PostForm>
        {id.filter(|_| !read_only).map(|id| view! {
            <ResetPassword id=id />
            <ResetSecondFactor id=id />
            <ActiveToggle active=active to=SetUserActive::PATH id=id next=routes::saved("/admin/pengguna") errors=errors failure=failure />
        })}
        {id.filter(|_| crate::app::use_abilities().get_untracked().api_tokens).map(|id| view! {
            <crate::pages::tokens::ApiTokens user=id />
        })}
    }
}

/// Removes another user's second factor (a lost phone): they enrol a new one at their next
/// sign-in if their role must use it.
#[component]
fn ResetSecondFactor(id: uuid::Uuid) -> impl IntoView {
    use crate::api::second_factor::ResetSecondFactor;
    let i18n = use_i18n();
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <PostForm to=ResetSecondFactor::PATH next=routes::saved(&routes::user(id)) hidden=vec![("id", id.to_string())] scope=None
            errors=errors failure=failure testid="reset-second-factor">
            <h2>{move || t_string!(i18n, tfa_reset)}</h2>
            <p class="muted">{move || t_string!(i18n, tfa_reset_hint)}</p>
            <ErrorBanner error=failure />
            <div class="form__actions">
                <button class="button button--secondary" type="submit">{move || t_string!(i18n, tfa_reset)}</button>
            </div>
        </PostForm>
    }
}

/// Sets a new password for another user.
#[component]
fn ResetPassword(id: uuid::Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <PostForm to=ResetUserPassword::PATH next=routes::saved(&routes::user(id)) hidden=vec![("id", id.to_string())] scope=None
            errors=errors failure=failure>
            <h2>{move || t_string!(i18n, user_reset_password)}</h2>
            <ErrorBanner error=failure />
            <TextField
                name="password"
                label=move || t_string!(i18n, user_new_password).to_string()
                hint=move || t_string!(i18n, user_password_hint).to_string()
                value=password
                errors=errors
                kind="password"
                autocomplete="new-password"
            />
            <SaveButton />
        </PostForm>
    }
}
