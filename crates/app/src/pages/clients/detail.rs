//! A client's page: who they are, where reporting stands, what the officer can do next, and
//! the timeline of everything recorded.

use leptos::prelude::*;
use pamong_domain::FieldErrors;
use pamong_domain::caseload::{ClientDetail, PersonRef, ProgrammeStep, TimelineEntry, TimelineEvent};
use pamong_domain::client::ClientStatus;
use pamong_domain::supervision::ActionStatus;
use server_fn::ServerFn;
use time::macros::format_description;
use uuid::Uuid;

use super::{BandBadge, use_client_id};
use crate::api::clients::{
    ClientOverviewData, ClientPageData, ReassignClient, SetWhatsappConsent, UpdateViolationStatus,
    client_overview,
};
use crate::api::referrals::ReferralsData;
use crate::app::{ErrorPage, Loading};
use crate::components::PageTitle;
use crate::components::{ErrorBanner, PostForm, SavedNotice};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;
use crate::text;

/// The client's page.
#[component]
pub fn ClientDetailPage() -> impl IntoView {
    let id = use_client_id();
    let data = Resource::new(move || id.get(), |id| async move { client_overview(id?).await });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(ClientOverviewData { page, referrals, groups, kerja_sosial, needs, programmes, businesses }) => {
                        view! { <ClientView data=page referrals=referrals groups=groups kerja_sosial=kerja_sosial needs=needs programmes=programmes businesses=businesses /> }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClientView(
    data: ClientPageData,
    referrals: ReferralsData,
    groups: Vec<PersonRef>,
    kerja_sosial: crate::api::kerja_sosial::KerjaSosialData,
    needs: Option<pamong_domain::reintegration::checklist::ClientNeeds>,
    programmes: pamong_domain::reintegration::catalogue::ClientProgrammes,
    businesses: pamong_domain::reintegration::umkm::ClientBusinesses,
) -> impl IntoView {
    let i18n = use_i18n();
    let ClientPageData { detail, timeline, officers } = data;
    let can_reassign = detail.can_reassign;
    let s = detail.summary.clone();
    let id = s.id;
    let name = s.full_name.clone();
    let title = name.clone();
    let status = s.status;
    let basis = s.legal_basis;
    let can_edit = detail.can_edit;
    crate::offline::keep_offline(detail.keep_offline);
    let offline = detail.keep_offline.then_some("");
    view! {
        <PageTitle text=title />
        <SavedNotice />
        <header class="client-head card">
            <div class="client-head__top">
                <h1 data-testid="client-name">{name}</h1>
                {s.masked.then(|| view! { <span class="badge badge--masked" data-testid="masked">{move || t_string!(i18n, abh_masked)}</span> })}
                <BandBadge band=s.risk_band />
            </div>
            <p class="muted">
                {s.register_number.clone()} " · " {move || text::legal_basis(i18n, basis)}
                {(status != ClientStatus::Aktif).then(|| view! { " · " <strong>{move || text::client_status(i18n, status)}</strong> })}
            </p>
            <p class="muted">
                {detail.bapas.name.clone()} " · PK: "
                {s.pk.clone().map(|p| p.name).unwrap_or_else(|| t_string!(i18n, client_no_pk).to_string())}
            </p>
            {detail.risk_score.map(|score| view! {
                <p class="muted">{move || t_string!(i18n, client_score, score = score)}
                    {detail.assessed_on.map(|d| format!(" · {}", text::date(d)))}</p>
            })}
            {s.child.then(|| view! {
                <p><a class="button button--secondary" href=routes::child_case(id)>{move || t_string!(i18n, abh_open_case)}</a></p>
            })}
        </header>
        <Reporting detail=detail.clone() />
        {detail.pending_transfer.clone().map(|t| view! {
            <p class="notice card" role="status">{move || t_string!(i18n, transfer_pending, to = t.to.name.clone())}</p>
        })}
        <Show when=move || can_edit>
            <nav class="actions" aria-label=move || t_string!(i18n, client_actions).to_string()>
                <a class="button" href=routes::client_report(id) data-testid="record-report" data-offline=offline>{move || t_string!(i18n, record_report)}</a>
                <a class="button button--secondary" href=routes::client_assessment(id)>{move || t_string!(i18n, assess_rri)}</a>
                <a class="button button--secondary" href=routes::client_guidance(id) data-offline=offline>{move || t_string!(i18n, record_guidance)}</a>
                <a class="button button--secondary" href=routes::client_violation(id)>{move || t_string!(i18n, record_violation)}</a>
                <a class="button button--secondary" href=routes::client_edit(id)>{move || t_string!(i18n, client_edit)}</a>
                <a class="button button--ghost" href=routes::client_status(id)>{move || t_string!(i18n, client_end_or_move)}</a>
            </nav>
        </Show>
        {(can_edit && detail.reporting.is_some() && !s.masked).then(|| view! {
            <WhatsAppReminders client=id since=detail.whatsapp_consent phone=detail.form.phone.clone() />
        })}
        <crate::pages::kerja_sosial::ledger::ClientKerjaSosial client=id data=kerja_sosial />
        {can_reassign.then(|| view! { <Reassign client=id officers=officers current=s.pk.clone() /> })}
        {can_edit.then(|| view! { <crate::pages::groups::forms::WatchClientForm client=id groups=groups /> })}
        {needs.map(|needs| view! { <crate::pages::reintegration::needs::ClientNeedsSection client=id needs=needs /> })}
        <crate::pages::reintegration::enrol::ClientProgrammesSection client=id data=programmes />
        <crate::pages::reintegration::umkm::BusinessesSection client=id data=businesses />
        <crate::pages::referrals::ClientReferrals client=id can_send=can_edit data=referrals />
        {detail.can_export_data.then(|| view! {
            <p><a class="button button--ghost" href=routes::client_data(id) data-testid="subject-link">
                {move || t_string!(i18n, subject_link)}
            </a></p>
        })}
        <Details detail=detail />
        <section class="timeline-section">
            <h2>{move || t_string!(i18n, timeline_title)}</h2>
            <Timeline entries=timeline editable=can_edit />
        </section>
        <ClientHistory client=id />
    }
}

/// Who changed this client's records and when: for whoever reads the office's audit trail
/// (the Kabapas, the admin). Folded away: it is looked up, not read every day.
#[component]
fn ClientHistory(client: uuid::Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let can = crate::app::use_abilities();
    let rows = Resource::new(
        move || can.get().audit_log,
        move |reads| async move {
            if reads { crate::api::oversight::client_history(client).await.ok() } else { None }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                rows.await.map(|rows| view! {
                    <details class="card history" data-testid="client-history">
                        <summary><h2>{move || t_string!(i18n, audit_history)}</h2></summary>
                        <p class="muted">{move || t_string!(i18n, audit_history_note)}</p>
                        {rows.is_empty().then(|| view! { <p class="empty">{move || t_string!(i18n, audit_history_empty)}</p> })}
                        <ul class="access-list">
                            {rows.into_iter().map(|r| view! { <crate::pages::logs::AuditLine row=r /> }).collect_view()}
                        </ul>
                    </details>
                })
            })}
        </Suspense>
    }
}

#[component]
fn Reporting(detail: ClientDetail) -> impl IntoView {
    let i18n = use_i18n();
    let Some(r) = detail.reporting.clone() else { return ().into_any() };
    let misses = r.consecutive_misses;
    // Revocation applies only to PB, CB and CMB; others' misses are just misses.
    let warning = detail.summary.legal_basis.revocable() && r.revocation_warning();
    view! {
        <section class="reporting card" class:reporting--warning=warning data-testid="reporting">
            <div>
                <span class="muted">{move || t_string!(i18n, next_report_due)}</span>
                <strong>{text::date(r.next_due)}</strong>
                {r.reported_this_period.then(|| view! { <span class="badge badge--ok">{move || t_string!(i18n, reported_this_period)}</span> })}
            </div>
            {(misses > 0).then(|| view! {
                <div class:danger=warning>{move || t_string!(i18n, misses_in_a_row, count = misses)}</div>
            })}
            {detail.reassessment_due.map(|d| view! {
                <div><span class="muted">{move || t_string!(i18n, reassessment_due)}</span> <strong>{text::date(d)}</strong></div>
            })}
            {detail.summary.supervision_end.map(|d| view! {
                <div><span class="muted">{move || t_string!(i18n, supervision_end)}</span> <strong>{text::date(d)}</strong></div>
            })}
        </section>
    }
    .into_any()
}

/// Report reminders by WhatsApp: the officer records that the client agreed (on the phone
/// of their record), or that they withdrew.
#[component]
fn WhatsAppReminders(client: Uuid, since: Option<time::Date>, phone: String) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<AppError>);
    let hidden = vec![("id", client.to_string()), ("consent", since.is_none().to_string())];
    let label = move || t_string!(i18n, wa_title).to_string();
    view! {
        <PostForm to=SetWhatsappConsent::PATH next=routes::saved(&routes::client(client)) hidden=hidden scope=None
            errors=errors failure=failure class="card wa-consent" testid="whatsapp-reminders">
            <h2 class="wa-consent__title">{label}</h2>
            <crate::components::form::ErrorSummary errors=errors labels=vec![("whatsapp_consent", label.into())] />
            <ErrorBanner error=failure />
            {match since {
                Some(date) => view! {
                    <p>{move || t_string!(i18n, wa_on, date = text::date(date), phone = phone.clone())}</p>
                    <button class="button button--ghost" type="submit">{move || t_string!(i18n, wa_stop)}</button>
                }.into_any(),
                None => view! {
                    <p class="muted">{move || t_string!(i18n, wa_off)}</p>
                    <button class="button button--secondary" type="submit">{move || t_string!(i18n, wa_start)}</button>
                }.into_any(),
            }}
        </PostForm>
    }
}

#[component]
fn Reassign(client: Uuid, officers: Vec<PersonRef>, current: Option<PersonRef>) -> impl IntoView {
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <PostForm to=ReassignClient::PATH next=routes::saved(&routes::client(client)) hidden=vec![("id", client.to_string())]
            scope=None errors=RwSignal::new(FieldErrors::new()) failure=failure class="card inline-form">
            <label for="reassign">{move || t_string!(i18n, reassign_label)}</label>
            <select id="reassign" name="pk" class="input input--select">
                <option value="">"—"</option>
                {officers
                    .into_iter()
                    .map(|o| {
                        let selected = current.as_ref().map(|c| c.id) == Some(o.id);
                        view! { <option value=o.id.to_string() selected=selected>{o.name}</option> }
                    })
                    .collect_view()}
            </select>
            <button class="button button--secondary" type="submit">
                {move || t_string!(i18n, reassign_button)}
            </button>
            <ErrorBanner error=failure />
        </PostForm>
    }
}

#[component]
fn Details(detail: ClientDetail) -> impl IntoView {
    let i18n = use_i18n();
    let f = detail.form.clone();
    let row = move |label: String, value: String| {
        (!value.trim().is_empty()).then(|| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
    };
    let region = detail.region_names.join(", ");
    view! {
        <details class="card details">
            <summary>{move || t_string!(i18n, client_identity)}</summary>
            <dl class="summary">
                {row(t_string!(i18n, client_nik).to_string(), f.nik.clone())}
                {row(t_string!(i18n, client_aliases).to_string(), f.aliases.clone())}
                {row(t_string!(i18n, client_sex).to_string(), if f.sex == "P" { t_string!(i18n, sex_p).to_string() } else { t_string!(i18n, sex_l).to_string() })}
                {row(t_string!(i18n, client_birth).to_string(), format!("{}, {}", f.birth_place, f.birth_date))}
                {row(t_string!(i18n, client_religion).to_string(), f.religion.clone())}
                {row(t_string!(i18n, client_education).to_string(), f.education.clone())}
                {row(t_string!(i18n, client_occupation).to_string(), f.occupation.clone())}
                {row(t_string!(i18n, client_phone).to_string(), f.phone.clone())}
                {row(t_string!(i18n, client_address).to_string(), f.address.clone())}
                {row(t_string!(i18n, client_region).to_string(), region)}
                {row(t_string!(i18n, client_guarantor).to_string(), format!("{} ({}) {}", f.guarantor_name, f.guarantor_relation, f.guarantor_phone).trim_matches([' ', '(', ')']).to_owned())}
            </dl>
        </details>
        <details class="card details">
            <summary>{move || t_string!(i18n, client_case)}</summary>
            <dl class="summary">
                {row(t_string!(i18n, client_court).to_string(), f.court.clone())}
                {row(t_string!(i18n, client_decision).to_string(), f.decision_number.clone())}
                {row(t_string!(i18n, client_articles).to_string(), f.offence_articles.clone())}
                {row(t_string!(i18n, client_start).to_string(), f.supervision_start.clone())}
                {row(t_string!(i18n, supervision_end).to_string(), detail.summary.supervision_end.map(text::date).unwrap_or_default())}
                {row(t_string!(i18n, client_end_reason).to_string(), f.end_override_reason.clone())}
                {row(t_string!(i18n, client_computed_end).to_string(), detail.computed_end.map(text::date).unwrap_or_default())}
                {row(t_string!(i18n, client_status_reason).to_string(), detail.status_reason.clone().unwrap_or_default())}
            </dl>
        </details>
    }
}

/// The timeline, newest first.
#[component]
pub fn Timeline(
    /// The entries, already ordered.
    entries: Vec<TimelineEntry>,
    /// Whether the viewer may move violations' actions along.
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p class="empty">{move || t_string!(i18n, timeline_empty)}</p> }.into_any();
    }
    view! {
        <ol class="timeline" data-testid="timeline">
            {entries.into_iter().map(|e| view! { <TimelineItem entry=e editable=editable /> }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn TimelineItem(entry: TimelineEntry, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let mut violation = None;
    let when = match entry.time {
        Some(t) => format!(
            "{} {}",
            text::date(entry.date),
            t.format(format_description!("[hour]:[minute]")).unwrap_or_default()
        ),
        None => text::date(entry.date),
    };
    let (class, title, body): (&str, Signal<String>, Option<String>) = match entry.event {
        TimelineEvent::Report { kind, attended, notes, position } => {
            let pos = position.map(|(lat, lon)| format!("📍 {lat:.5}, {lon:.5}"));
            (
                if attended {
                    "timeline__item timeline__item--report"
                } else {
                    "timeline__item timeline__item--missed"
                },
                Signal::derive(move || {
                    let k = text::report_kind(i18n, kind);
                    if attended { k } else { format!("{k} — {}", t_string!(i18n, not_attended)) }
                }),
                Some([notes, pos].into_iter().flatten().collect::<Vec<_>>().join(" · "))
                    .filter(|s| !s.is_empty()),
            )
        }
        TimelineEvent::Missed => (
            "timeline__item timeline__item--missed",
            Signal::derive(move || t_string!(i18n, timeline_missed).to_string()),
            None,
        ),
        TimelineEvent::Guidance { kind, topic, attended, notes } => (
            "timeline__item",
            Signal::derive(move || {
                let k = text::guidance_kind(i18n, kind);
                if attended { k } else { format!("{k} — {}", t_string!(i18n, not_attended)) }
            }),
            Some([Some(topic), notes].into_iter().flatten().collect::<Vec<_>>().join(" · ")),
        ),
        TimelineEvent::Violation { id, kind, description, action, action_status } => {
            violation = Some((id, action_status));
            (
                "timeline__item timeline__item--violation",
                Signal::derive(move || {
                    format!(
                        "{} → {} ({})",
                        text::violation_kind(i18n, kind),
                        text::violation_action(i18n, action),
                        text::action_status(i18n, action_status)
                    )
                }),
                Some(description),
            )
        }
        TimelineEvent::Assessment { score, band, instrument } => (
            "timeline__item timeline__item--assessment",
            Signal::derive(move || {
                t_string!(i18n, timeline_assessment, band = text::band(i18n, Some(band)), score = score)
                    .to_string()
            }),
            Some(instrument),
        ),
        TimelineEvent::Programme { programme, step } => programme_item(i18n, programme, step),
        TimelineEvent::Started => {
            ("timeline__item", Signal::derive(move || t_string!(i18n, timeline_started).to_string()), None)
        }
        TimelineEvent::Status { status, reason } => {
            ("timeline__item", Signal::derive(move || text::client_status(i18n, status)), reason)
        }
    };
    view! {
        <li class=class>
            <p class="timeline__when">{when} {entry.officer.map(|o| view! { <span class="muted">" · " {o}</span> })}</p>
            <p class="timeline__title">{move || title.get()}</p>
            {body.map(|b| view! { <p class="timeline__body">{b}</p> })}
            {violation
                .filter(|(_, status)| editable && *status != ActionStatus::Selesai)
                .map(|(id, status)| view! { <ActionStatusForm violation=id current=status /> })}
        </li>
    }
}

/// A programme step on the timeline: its class, title and body.
fn programme_item(
    i18n: crate::text::I18n,
    programme: String,
    step: ProgrammeStep,
) -> (&'static str, Signal<String>, Option<String>) {
    use crate::pages::reintegration::programmes::outcomes_text;
    match step {
        ProgrammeStep::Enrolled => (
            "timeline__item timeline__item--programme",
            Signal::derive(move || t_string!(i18n, timeline_enrolled).to_string()),
            Some(programme),
        ),
        ProgrammeStep::Session { topic, present } => (
            if present {
                "timeline__item timeline__item--programme"
            } else {
                "timeline__item timeline__item--missed"
            },
            Signal::derive(move || {
                if present {
                    t_string!(i18n, timeline_programme_present).to_string()
                } else {
                    t_string!(i18n, timeline_programme_absent).to_string()
                }
            }),
            Some(format!("{programme} · {topic}")),
        ),
        ProgrammeStep::Completed(outcomes) => {
            let extra = outcomes_text(i18n, outcomes);
            (
                "timeline__item timeline__item--programme",
                Signal::derive(move || t_string!(i18n, timeline_programme_done).to_string()),
                Some(if extra.is_empty() { programme } else { format!("{programme} · {extra}") }),
            )
        }
        ProgrammeStep::DroppedOut { reason } => (
            "timeline__item timeline__item--missed",
            Signal::derive(move || t_string!(i18n, timeline_programme_dropped).to_string()),
            Some([Some(programme), reason].into_iter().flatten().collect::<Vec<_>>().join(" · ")),
        ),
    }
}

/// Moves a violation's action to its next status, in place.
#[component]
fn ActionStatusForm(violation: Uuid, current: ActionStatus) -> impl IntoView {
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<AppError>);
    let select_id = format!("vs-{violation}");
    // The post comes back to this client's page, where the form is.
    let page = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <PostForm to=UpdateViolationStatus::PATH next=routes::saved(&page) hidden=vec![("violation", violation.to_string())]
            scope=None errors=RwSignal::new(FieldErrors::new()) failure=failure class="inline-form timeline__action">
            <label class="visually-hidden" for=select_id.clone()>{move || t_string!(i18n, violation_action_status)}</label>
            <select id=select_id name="status" class="input input--select">
                {ActionStatus::ALL
                    .into_iter()
                    .map(|s| view! { <option value=s.as_str() selected=s == current>{move || text::action_status(i18n, s)}</option> })
                    .collect_view()}
            </select>
            <button class="button button--secondary button--small" type="submit">
                {move || t_string!(i18n, action_status_update)}
            </button>
            <ErrorBanner error=failure />
        </PostForm>
    }
}
