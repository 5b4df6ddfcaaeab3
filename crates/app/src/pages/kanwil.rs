//! Kanwil (regional offices): list and editor (admin).

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::office::KanwilView;
use server_fn::ServerFn;

use crate::api::offices::{ExportKanwil, SaveKanwil, SetKanwilActive, get_kanwil, list_kanwil};
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::list::{query_string, use_list_query};
use crate::components::*;
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::use_record_id;
use crate::routes;

/// All Kanwil in the user's scope.
#[component]
pub fn KanwilListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    let rows = Resource::new(move || query.get(), list_kanwil);
    view! {
        <ListHead
            title=move || t_string!(i18n, kanwil_title).to_string()
            add_label=move || t_string!(i18n, kanwil_new).to_string()
            add_href="/admin/kanwil/baru"
            can_add=true
        />
        {move || {
            let q = query.get();
            let query = query_string(&[("q", &q.q), ("nonaktif", if q.include_inactive { "1" } else { "" })]);
            view! { <DownloadLinks path=ExportKanwil::PATH query=query stem="kanwil" /> }
        }}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) => view! {
                        <RecordTable
                            page=page
                            headers=vec![
                                TextProp::from(move || t_string!(i18n, kanwil_name).to_string()),
                                TextProp::from(move || t_string!(i18n, kanwil_province_code).to_string()),
                                TextProp::from(move || t_string!(i18n, kanwil_bapas_count).to_string()),
                                TextProp::from(move || t_string!(i18n, status).to_string()),
                            ]
                            row=move |k: KanwilView| view! {
                                <tr>
                                    <td data-label=move || t_string!(i18n, kanwil_name).to_string()>
                                        <a href=routes::kanwil(k.id)>{k.name.clone()}</a>
                                    </td>
                                    <td data-label=move || t_string!(i18n, kanwil_province_code).to_string()>{k.province_code.clone()}</td>
                                    <td data-label=move || t_string!(i18n, kanwil_bapas_count).to_string()>{k.bapas_count}</td>
                                    <td data-label=move || t_string!(i18n, status).to_string()><StatusBadge active=k.active /></td>
                                </tr>
                            }
                        />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// New (`/admin/kanwil/baru`) or existing Kanwil.
#[component]
pub fn KanwilEditPage() -> impl IntoView {
    let id = use_record_id();
    let existing = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Ok(None) => Ok(None),
                Ok(Some(id)) => get_kanwil(id).await.map(Some),
                Err(e) => Err(e),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match existing.await {
                    Ok(kanwil) => view! { <KanwilEditor existing=kanwil /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn KanwilEditor(existing: Option<KanwilView>) -> impl IntoView {
    let i18n = use_i18n();
    let id = existing.as_ref().map(|k| k.id);
    let active = existing.as_ref().is_none_or(|k| k.active);
    let province_code = RwSignal::new(existing.as_ref().map(|k| k.province_code.clone()).unwrap_or_default());
    let name = RwSignal::new(existing.as_ref().map(|k| k.name.clone()).unwrap_or_default());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let title = move || {
        if id.is_some() {
            t_string!(i18n, kanwil_edit).to_string()
        } else {
            t_string!(i18n, kanwil_new).to_string()
        }
    };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <ErrorBanner error=failure />
        <ErrorSummary
            errors=errors
            labels=vec![
                ("province_code", TextProp::from(move || t_string!(i18n, kanwil_province_code).to_string())),
                ("name", TextProp::from(move || t_string!(i18n, kanwil_name).to_string())),
                ("active", TextProp::from(move || t_string!(i18n, status).to_string())),
            ]
        />
        <PostForm to=SaveKanwil::PATH next=routes::saved("/admin/kanwil") hidden=id_arg(id) errors=errors failure=failure>
            <TextField
                name="province_code"
                label=move || t_string!(i18n, kanwil_province_code).to_string()
                hint=move || t_string!(i18n, kanwil_province_code_hint).to_string()
                value=province_code
                errors=errors
                inputmode="numeric"
            />
            <TextField name="name" label=move || t_string!(i18n, kanwil_name).to_string() value=name errors=errors />
            <div class="form__actions">
                <SaveButton />
                <a class="button button--secondary" href="/admin/kanwil">{move || t_string!(i18n, cancel)}</a>
            </div>
        </PostForm>
        {id.map(|id| view! {
            <ActiveToggle active=active to=SetKanwilActive::PATH id=id next=routes::saved("/admin/kanwil") errors=errors failure=failure />
        })}
    }
}
