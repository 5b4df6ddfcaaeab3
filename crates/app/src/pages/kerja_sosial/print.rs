//! A placement's printable documents, on the office's letterhead: the hours statement
//! (`…/pernyataan`, what completion hands over) and the letter to the prosecutor
//! (`…/surat-jaksa`, when the placement is late or has unexcused absences; KUHP art. 85
//! leaves the consequence to the court).

use leptos::prelude::*;
use pamong_domain::kerja_sosial::{PlacementDocument, PlacementStatus, SessionView, prosecutor_office};
use server_fn::ServerFn;

use super::{hours, session_counted};
use crate::api::kerja_sosial::{StatementPdf, placement_print};
use crate::app::{ErrorPage, Loading};
use crate::components::{Letterhead, PageTitle, PdfLink};
use crate::error::AppError;
use crate::i18n::*;
use crate::islands::PrintButton;
use crate::pages::use_record_id;
use crate::text;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Statement,
    Letter,
}

/// `/kerja-sosial/penempatan/:id/pernyataan`: the hours statement.
#[component]
pub fn StatementPage() -> impl IntoView {
    view! { <Document kind=Kind::Statement /> }
}

/// `/kerja-sosial/penempatan/:id/surat-jaksa`: the letter to the prosecutor.
#[component]
pub fn LetterPage() -> impl IntoView {
    view! { <Document kind=Kind::Letter /> }
}

#[component]
fn Document(kind: Kind) -> impl IntoView {
    let id = use_record_id();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id? {
                Some(id) => placement_print(id).await,
                None => Err(AppError::Kind(pamong_domain::ErrorKind::NotFound)),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(doc) if kind == Kind::Letter => view! { <Letter doc=doc /> }.into_any(),
                    Ok(doc) => view! { <Statement doc=doc /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Who the person is and what the court ordered, as both documents state it.
#[component]
fn Particulars(doc: PlacementDocument) -> impl IntoView {
    let i18n = use_i18n();
    let p = doc.placement;
    view! {
        <dl class="print-facts">
            <dt>{move || t_string!(i18n, ks_doc_name)}</dt><dd data-testid="doc-name">{p.client.name.clone()}</dd>
            <dt>{move || t_string!(i18n, ks_doc_register)}</dt><dd>{doc.register_number.clone()}</dd>
            <dt>{move || t_string!(i18n, ks_doc_decision)}</dt><dd>{format!("{} {}", p.court, p.decision_number)}</dd>
            <dt>{move || t_string!(i18n, ks_doc_sentence)}</dt><dd>{move || t_string!(i18n, ks_hours, h = p.hours)}</dd>
            <dt>{move || t_string!(i18n, ks_doc_period)}</dt><dd>{format!("{} – {}", text::date(p.start_on), text::date(p.deadline))}</dd>
            <dt>{move || t_string!(i18n, ks_doc_site)}</dt><dd>{p.site.name.clone()}</dd>
            <dt>{move || t_string!(i18n, ks_doc_done)}</dt>
            <dd data-testid="doc-done">{move || hours(i18n, p.done_minutes)} " / " {move || t_string!(i18n, ks_hours, h = p.hours)}</dd>
        </dl>
    }
}

/// The ledger, every session: the attachment of both documents.
#[component]
fn LedgerTable(sessions: Vec<SessionView>) -> impl IntoView {
    let i18n = use_i18n();
    // The site is named in the particulars; a column of it is only worth its width when the
    // placement moved.
    let moved = sessions.windows(2).any(|w| w[0].site != w[1].site);
    view! {
        <table class="print-table" data-testid="doc-ledger">
            <thead><tr>
                <th>{move || t_string!(i18n, ks_doc_day)}</th>
                {moved.then(|| view! { <th>{move || t_string!(i18n, ks_doc_site)}</th> })}
                <th>{move || t_string!(i18n, ks_doc_hours)}</th>
                <th>{move || t_string!(i18n, ks_doc_signed)}</th>
            </tr></thead>
            <tbody>
                {sessions.into_iter().rev().map(|s| {
                    let counted = session_counted(i18n, &s);
                    view! {
                        <tr>
                            <td>{text::date(s.held_on)}</td>
                            {moved.then(|| view! { <td>{s.site}</td> })}
                            <td>{counted}</td>
                            <td>{s.signed_off_by.unwrap_or_else(|| t_string!(i18n, ks_doc_unsigned).to_string())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The place, date and signature of the PK.
#[component]
fn Signature(doc: PlacementDocument) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="print-doc__sign">
            <p>{text::date(doc.today)}</p>
            <p>{move || t_string!(i18n, ks_doc_pk)}</p>
            <p class="print-doc__signature">{doc.officer.clone().unwrap_or_default()}</p>
        </div>
    }
}

/// The hours statement.
#[component]
fn Statement(doc: PlacementDocument) -> impl IntoView {
    let i18n = use_i18n();
    let done = doc.placement.status == PlacementStatus::Selesai;
    let office = doc.office.name.clone();
    view! {
        <PageTitle text=move || t_string!(i18n, ks_statement_title).to_string() />
        <article class="print-doc" data-testid="ks-statement">
            <Letterhead office=doc.office.clone() />
            <h1 class="print-doc__title">{move || t_string!(i18n, ks_statement_title)}</h1>
            <p class="print-doc__sub">{doc.register_number.clone()}</p>
            <p>{move || t_string!(i18n, ks_statement_intro, office = office.clone())}</p>
            <Particulars doc=doc.clone() />
            <p data-testid="statement-outcome">
                {move || if done { t_string!(i18n, ks_statement_done).to_string() } else { t_string!(i18n, ks_statement_running).to_string() }}
            </p>
            <LedgerTable sessions=doc.placement.sessions.clone() />
            <Signature doc=doc.clone() />
            <p class="print-doc__actions">
                <PrintButton label=t_string!(i18n, litmas_print).to_string() />
                <PdfLink href=format!("{}?id={}", StatementPdf::PATH, doc.placement.id) />
            </p>
        </article>
    }
}

/// The letter to the prosecutor.
#[component]
fn Letter(doc: PlacementDocument) -> impl IntoView {
    let i18n = use_i18n();
    let p = doc.placement.clone();
    let to = prosecutor_office(&p.court);
    let late = p.progress == pamong_domain::kerja_sosial::Progress::Late;
    let absences: Vec<String> = p
        .sessions
        .iter()
        .filter(|s| s.absent && s.absence_accepted != Some(true))
        .map(|s| text::date(s.held_on))
        .collect();
    let name = p.client.name.clone();
    let (court, decision, deadline) = (p.court.clone(), p.decision_number.clone(), text::date(p.deadline));
    let (ordered, remaining) = (p.hours, p.remaining_minutes);
    let subject_name = name.clone();
    view! {
        <PageTitle text=move || t_string!(i18n, ks_letter_title).to_string() />
        <article class="print-doc" data-testid="ks-letter">
            <Letterhead office=doc.office.clone() />
            {(!p.for_prosecutor()).then(|| view! { <p class="warning no-print">{move || t_string!(i18n, ks_letter_nothing)}</p> })}
            <dl class="print-facts">
                <dt>{move || t_string!(i18n, ks_letter_number)}</dt><dd>"……"</dd>
                <dt>{move || t_string!(i18n, ks_letter_attachment)}</dt><dd>{move || t_string!(i18n, ks_letter_attachment_value)}</dd>
                <dt>{move || t_string!(i18n, ks_letter_subject)}</dt>
                <dd>{move || t_string!(i18n, ks_letter_subject_value, name = subject_name.clone())}</dd>
            </dl>
            <p>{move || t_string!(i18n, ks_letter_to)} <br /> <strong data-testid="letter-to">{to.clone()}</strong></p>
            <p>{move || t_string!(i18n, ks_letter_opening, court = court.clone(), decision = decision.clone(), name = name.clone(), hours = ordered, deadline = deadline.clone())}</p>
            <Particulars doc=doc.clone() />
            {late.then(|| view! { <p data-testid="letter-late">{move || t_string!(i18n, ks_letter_late, left = hours(i18n, remaining))}</p> })}
            {(!absences.is_empty()).then(|| {
                let count = absences.len();
                let days = absences.join(", ");
                view! { <p data-testid="letter-absences">{move || t_string!(i18n, ks_letter_absences, count = count, days = days.clone())}</p> }
            })}
            <p>{move || t_string!(i18n, ks_letter_closing)}</p>
            <Signature doc=doc.clone() />
            <h2 class="print-doc__annex">{move || t_string!(i18n, ks_letter_annex)}</h2>
            <LedgerTable sessions=p.sessions.clone() />
            <PrintButton label=t_string!(i18n, litmas_print).to_string() />
        </article>
    }
}
