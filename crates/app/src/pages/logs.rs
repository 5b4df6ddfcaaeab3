//! `/kantor/ekspor`: the export log (who took client data out of the system, when, what they
//! asked for and how many records), for the Kabapas and the Kanwil; `/kantor/audit`: the audit
//! log (who changed what and when), for the Kabapas and the admin, and the line a client's
//! history shares with it; and the tabs that join them to the access log.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use pamong_domain::logs::{AuditFilter, AuditRow, ExportFilter, ExportKind, ExportRow, FieldChange};
use server_fn::ServerFn;

use crate::api::oversight::{ExportAuditLog, ExportExportLog, audit_log, export_log};
use crate::app::{ErrorPage, Loading, use_abilities};
use crate::components::list::{CardList, query_string, use_list_query};
use crate::components::{DownloadLinks, PageTitle};
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The way back from a log page (the office page for the Kabapas, home for the Kanwil) and
/// the tabs between the two logs.
#[component]
pub fn LogTabs() -> impl IntoView {
    let i18n = use_i18n();
    let can = use_abilities();
    let path = use_location().pathname;
    let current = move |href: &'static str| (path.get() == href).then_some("page");
    view! {
        <p class="breadcrumb">
            {move || if can.get().office_caseload {
                view! { <a href="/kantor">"← " {move || t_string!(i18n, nav_office)}</a> }.into_any()
            } else {
                view! { <a href="/">"← " {move || t_string!(i18n, nav_home)}</a> }.into_any()
            }}
        </p>
        <nav class="tabs" aria-label=move || t_string!(i18n, logs_title).to_string()>
            <Show when=move || can.get().access_log>
                <a class="tabs__tab" href=routes::ACCESS_LOG aria-current=move || current(routes::ACCESS_LOG)>
                    {move || t_string!(i18n, access_title)}
                </a>
                <a class="tabs__tab" href=routes::EXPORT_LOG aria-current=move || current(routes::EXPORT_LOG)>
                    {move || t_string!(i18n, exports_title)}
                </a>
            </Show>
            <Show when=move || can.get().audit_log>
                <a class="tabs__tab" href=routes::AUDIT_LOG aria-current=move || current(routes::AUDIT_LOG)>
                    {move || t_string!(i18n, audit_title)}
                </a>
            </Show>
        </nav>
    }
}

/// A log's search: its text (`q`) and a kind of entry (`jenis`), as a plain GET form.
#[component]
fn LogSearch(
    /// What the text searches.
    placeholder: String,
    /// The kind's label.
    kind_label: String,
    /// The choice of every kind.
    all_kinds: String,
    /// The kinds, as (value, label).
    kinds: Vec<(String, String)>,
    /// The kind chosen now.
    chosen: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    view! {
        <form method="get" action="" class="search" role="search">
            <label class="visually-hidden" for="q">{move || t_string!(i18n, search)}</label>
            <input class="input search__input" id="q" type="search" name="q" placeholder=placeholder value=query.get_untracked().q />
            <label class="visually-hidden" for="jenis">{kind_label}</label>
            <select class="input" id="jenis" name="jenis">
                <option value="">{all_kinds}</option>
                {kinds.into_iter().map(|(value, label)| {
                    let selected = chosen.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=selected>{label}</option> }
                }).collect_view()}
            </select>
            <button class="button button--secondary" type="submit">{move || t_string!(i18n, search)}</button>
        </form>
    }
}

/// The export log page.
#[component]
pub fn ExportLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    let params = use_query_map();
    let kind = Memo::new(move |_| params.with(|p| p.get("jenis").and_then(|k| ExportKind::parse(&k))));
    let rows = Resource::new(move || ExportFilter { list: query.get(), kind: kind.get() }, export_log);
    let kind_label = move |k: ExportKind| export_kind(i18n, k);
    view! {
        <PageTitle text=move || t_string!(i18n, exports_title).to_string() />
        <LogTabs />
        <h1>{move || t_string!(i18n, exports_title)}</h1>
        <p class="muted">{move || t_string!(i18n, exports_intro)}</p>
        <LogSearch
            placeholder=t_string!(i18n, exports_search).to_string()
            kind_label=t_string!(i18n, exports_kind).to_string()
            all_kinds=t_string!(i18n, exports_all_kinds).to_string()
            kinds=ExportKind::ALL.iter().map(|k| (k.as_str().to_owned(), kind_label(*k))).collect()
            chosen=kind.get_untracked().map(|k| k.as_str().to_owned())
        />
        {move || {
            let query = query_string(&[("q", &query.get().q), ("jenis", kind.get().map(ExportKind::as_str).unwrap_or_default())]);
            view! { <DownloadLinks path=ExportExportLog::PATH query=query stem="log-ekspor" /> }
        }}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) => view! {
                        <CardList page=page testid="export-log" empty=move || t_string!(i18n, exports_empty).to_string()
                            row=move |r: ExportRow| {
                                let at = text::abh::instant(r.at, r.zone);
                                let n = r.rows;
                                view! {
                                    <li class="card access">
                                        <p><strong>{kind_label(r.kind)}</strong> " · " {r.user.clone()}</p>
                                        <p>{r.filter.clone()} " · " {move || t_string!(i18n, exports_rows, n = n)}</p>
                                        <p class="muted">{at}</p>
                                    </li>
                                }
                            } />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// What was exported, in words.
pub fn export_kind(i18n: crate::text::I18n, kind: ExportKind) -> String {
    match kind {
        ExportKind::ClientList => t_string!(i18n, export_kind_csv).to_string(),
        ExportKind::DataSubject => t_string!(i18n, export_kind_subject).to_string(),
        ExportKind::Evaluation => t_string!(i18n, export_kind_evaluation).to_string(),
        ExportKind::VitalList => t_string!(i18n, export_kind_vital).to_string(),
        ExportKind::Litmas => t_string!(i18n, export_kind_litmas).to_string(),
        ExportKind::HoursStatement => t_string!(i18n, export_kind_statement).to_string(),
        ExportKind::MonthlyReport => t_string!(i18n, export_kind_report).to_string(),
        ExportKind::ImportReport => t_string!(i18n, export_kind_import).to_string(),
        ExportKind::OfficeVitals => t_string!(i18n, export_kind_office_vitals).to_string(),
        ExportKind::RegionVitals => t_string!(i18n, export_kind_region_vitals).to_string(),
        ExportKind::AuditLog => t_string!(i18n, export_kind_audit_log).to_string(),
        ExportKind::AccessLog => t_string!(i18n, export_kind_access_log).to_string(),
        ExportKind::ExportLog => t_string!(i18n, export_kind_export_log).to_string(),
        ExportKind::UserList => t_string!(i18n, export_kind_user_list).to_string(),
        ExportKind::PartnerList => t_string!(i18n, export_kind_partner_list).to_string(),
        ExportKind::AbhCaseList => t_string!(i18n, export_kind_abh_case_list).to_string(),
        ExportKind::ProgrammeList => t_string!(i18n, export_kind_programme_list).to_string(),
        ExportKind::GroupList => t_string!(i18n, export_kind_group_list).to_string(),
        ExportKind::WorkSiteList => t_string!(i18n, export_kind_work_site_list).to_string(),
        ExportKind::ActionPlanList => t_string!(i18n, export_kind_action_plan_list).to_string(),
        ExportKind::KanwilList => t_string!(i18n, export_kind_kanwil_list).to_string(),
        ExportKind::BapasList => t_string!(i18n, export_kind_bapas_list).to_string(),
    }
}

/// The kinds of record the audit log can be narrowed to.
const AUDIT_KINDS: [&str; 34] = [
    "client",
    "client_report",
    "client_guidance",
    "client_violation",
    "client_assessment",
    "client_needs",
    "client_business",
    "client_transfer",
    "abh_case",
    "abh_diversion",
    "abh_event",
    "litmas",
    "referral",
    "ks_placement",
    "ks_session",
    "programme",
    "programme_enrolment",
    "programme_session",
    "kb_group",
    "kb_member",
    "kb_meeting",
    "kb_action",
    "social_activity",
    "action_plan",
    "action_objective",
    "partner",
    "agreement",
    "work_site",
    "user",
    "bapas",
    "kanwil",
    "setting",
    "pokmas_member",
    "regions",
];

/// What an audit row says was done, in words (the code itself for one not known here).
pub fn audit_action(i18n: crate::text::I18n, code: &str) -> String {
    match code {
        "create" => t_string!(i18n, audit_action_create).to_string(),
        "update" => t_string!(i18n, audit_action_update).to_string(),
        "status" => t_string!(i18n, audit_action_status).to_string(),
        "reassign" => t_string!(i18n, audit_action_reassign).to_string(),
        "watch" => t_string!(i18n, audit_action_watch).to_string(),
        "request" => t_string!(i18n, audit_action_request).to_string(),
        "decide" => t_string!(i18n, audit_action_decide).to_string(),
        "deliver" => t_string!(i18n, audit_action_deliver).to_string(),
        "submit" => t_string!(i18n, audit_action_submit).to_string(),
        "approve" => t_string!(i18n, audit_action_approve).to_string(),
        "return" => t_string!(i18n, audit_action_return).to_string(),
        "complete" => t_string!(i18n, audit_action_complete).to_string(),
        "correct" => t_string!(i18n, audit_action_correct).to_string(),
        "sign_off" => t_string!(i18n, audit_action_sign_off).to_string(),
        "move" => t_string!(i18n, audit_action_move).to_string(),
        "terminate" => t_string!(i18n, audit_action_terminate).to_string(),
        "renew" => t_string!(i18n, audit_action_renew).to_string(),
        "activate" => t_string!(i18n, audit_action_activate).to_string(),
        "deactivate" => t_string!(i18n, audit_action_deactivate).to_string(),
        "password_change" => t_string!(i18n, audit_action_password_change).to_string(),
        "password_reset" => t_string!(i18n, audit_action_password_reset).to_string(),
        "breach_report" => t_string!(i18n, audit_action_breach_report).to_string(),
        "breach_action" => t_string!(i18n, audit_action_breach_action).to_string(),
        "dikirim" => t_string!(i18n, audit_action_dikirim).to_string(),
        "diterima" => t_string!(i18n, audit_action_diterima).to_string(),
        "ditolak" => t_string!(i18n, audit_action_ditolak).to_string(),
        "selesai" => t_string!(i18n, audit_action_selesai).to_string(),
        "seed" => t_string!(i18n, audit_action_seed).to_string(),
        "import" => t_string!(i18n, audit_action_import).to_string(),
        other => other.replace('_', " "),
    }
}

/// The kind of record an audit row is about, in words (the code itself for one not known).
pub fn audit_entity(i18n: crate::text::I18n, code: &str) -> String {
    match code {
        "client" => t_string!(i18n, audit_entity_client).to_string(),
        "client_report" => t_string!(i18n, audit_entity_client_report).to_string(),
        "client_guidance" => t_string!(i18n, audit_entity_client_guidance).to_string(),
        "client_violation" => t_string!(i18n, audit_entity_client_violation).to_string(),
        "client_assessment" => t_string!(i18n, audit_entity_client_assessment).to_string(),
        "client_needs" => t_string!(i18n, audit_entity_client_needs).to_string(),
        "client_business" => t_string!(i18n, audit_entity_client_business).to_string(),
        "client_transfer" => t_string!(i18n, audit_entity_client_transfer).to_string(),
        "abh_case" => t_string!(i18n, audit_entity_abh_case).to_string(),
        "abh_diversion" => t_string!(i18n, audit_entity_abh_diversion).to_string(),
        "abh_event" => t_string!(i18n, audit_entity_abh_event).to_string(),
        "litmas" => t_string!(i18n, audit_entity_litmas).to_string(),
        "referral" => t_string!(i18n, audit_entity_referral).to_string(),
        "ks_placement" => t_string!(i18n, audit_entity_ks_placement).to_string(),
        "ks_session" => t_string!(i18n, audit_entity_ks_session).to_string(),
        "programme" => t_string!(i18n, audit_entity_programme).to_string(),
        "programme_enrolment" => t_string!(i18n, audit_entity_programme_enrolment).to_string(),
        "programme_session" => t_string!(i18n, audit_entity_programme_session).to_string(),
        "kb_group" => t_string!(i18n, audit_entity_kb_group).to_string(),
        "kb_member" => t_string!(i18n, audit_entity_kb_member).to_string(),
        "kb_meeting" => t_string!(i18n, audit_entity_kb_meeting).to_string(),
        "kb_action" => t_string!(i18n, audit_entity_kb_action).to_string(),
        "social_activity" => t_string!(i18n, audit_entity_social_activity).to_string(),
        "action_plan" => t_string!(i18n, audit_entity_action_plan).to_string(),
        "action_objective" => t_string!(i18n, audit_entity_action_objective).to_string(),
        "partner" => t_string!(i18n, audit_entity_partner).to_string(),
        "agreement" => t_string!(i18n, audit_entity_agreement).to_string(),
        "work_site" => t_string!(i18n, audit_entity_work_site).to_string(),
        "user" => t_string!(i18n, audit_entity_user).to_string(),
        "bapas" => t_string!(i18n, audit_entity_bapas).to_string(),
        "kanwil" => t_string!(i18n, audit_entity_kanwil).to_string(),
        "setting" => t_string!(i18n, audit_entity_setting).to_string(),
        "pokmas_member" => t_string!(i18n, audit_entity_pokmas_member).to_string(),
        "regions" => t_string!(i18n, audit_entity_regions).to_string(),
        other => other.replace('_', " "),
    }
}

/// One change: who did what to which record and when, and the fields it changed.
#[component]
pub fn AuditLine(
    /// The row.
    row: AuditRow,
) -> impl IntoView {
    let i18n = use_i18n();
    let AuditRow { at, user, action, entity, record, client, changes, zone } = row;
    let at = text::abh::instant(at, zone);
    let line = move || {
        t_string!(
            i18n,
            audit_line,
            user = user.clone(),
            action = audit_action(i18n, &action),
            entity = audit_entity(i18n, &entity)
        )
        .to_string()
    };
    view! {
        <li class="card access" data-testid="audit-row">
            <p><strong>{line}</strong></p>
            {client.map(|(id, register)| view! {
                <p><a href=routes::client(id)>{move || t_string!(i18n, audit_client, register = register.clone())}</a></p>
            })}
            {(!changes.is_empty()).then(|| view! {
                <ul class="audit-changes">
                    {changes.into_iter().map(|c| view! { <FieldLine change=c /> }).collect_view()}
                </ul>
            })}
            <p class="muted">{at} " · " <span class="audit-record" title=record.clone()>{short(record.clone())}</span></p>
        </li>
    }
}

/// A record's id as the history writes it: a long id cut to its last eight characters
/// ("…6cf355f", as a short commit hash); anything else as it is.
fn short(value: String) -> String {
    match uuid::Uuid::parse_str(&value) {
        Ok(_) => {
            format!("…{}", value.chars().skip(value.chars().count().saturating_sub(8)).collect::<String>())
        }
        Err(_) => value,
    }
}

#[component]
fn FieldLine(change: FieldChange) -> impl IntoView {
    let i18n = use_i18n();
    let FieldChange { field, old, new } = change;
    let (old, new) = (old.map(short), new.map(short));
    let empty = move || t_string!(i18n, audit_empty_value).to_string();
    let new_text = new.clone();
    view! {
        <li>
            <span class="audit-field">{field.replace('_', " ")}</span> ": "
            {old.map(|o| view! { <del>{o}</del> " → " })}
            <ins>{move || new_text.clone().unwrap_or_else(empty)}</ins>
        </li>
    }
}

/// The audit log page.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_list_query();
    let params = use_query_map();
    let entity = Memo::new(move |_| params.with(|p| p.get("jenis").filter(|e| !e.is_empty())));
    let rows = Resource::new(move || AuditFilter { list: query.get(), entity: entity.get() }, audit_log);
    view! {
        <PageTitle text=move || t_string!(i18n, audit_title).to_string() />
        <LogTabs />
        <h1>{move || t_string!(i18n, audit_title)}</h1>
        <p class="muted">{move || t_string!(i18n, audit_intro)}</p>
        <LogSearch
            placeholder=t_string!(i18n, audit_search).to_string()
            kind_label=t_string!(i18n, audit_kind).to_string()
            all_kinds=t_string!(i18n, audit_all_kinds).to_string()
            kinds=AUDIT_KINDS.iter().map(|k| ((*k).to_owned(), audit_entity(i18n, k))).collect()
            chosen=entity.get_untracked()
        />
        {move || {
            let query = query_string(&[("q", &query.get().q), ("jenis", entity.get().as_deref().unwrap_or_default())]);
            view! { <DownloadLinks path=ExportAuditLog::PATH query=query stem="log-audit" /> }
        }}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                    Ok(page) => view! {
                        <CardList page=page testid="audit-log" empty=move || t_string!(i18n, audit_empty).to_string()
                            row=move |r: AuditRow| view! { <AuditLine row=r /> } />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn long_ids_are_cut_and_other_values_kept() {
        assert_eq!(short("01a24573-92d3-7092-b764-4e83a6cf355f".into()), "…a6cf355f");
        assert_eq!(short("selesai".into()), "selesai");
    }
}
