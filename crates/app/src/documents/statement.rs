//! The kerja sosial hours statement as PDF: the particulars, the ledger of every session,
//! the PK's signature — what `/kerja-sosial/penempatan/:id/pernyataan` shows.

use pamong_domain::kerja_sosial::{PlacementDocument, PlacementStatus};
use pamong_service::ServiceResult;
use pamong_service::exports::ExportFile;
use pamong_service::exports::pdf::{Block, Column, PdfDocument};
use time::OffsetDateTime;

use super::{footer, official, stem};
use crate::i18n::*;
use crate::pages::kerja_sosial::{hours, session_counted};
use crate::text::{self, I18n};

/// Who the person is and what the court ordered.
fn particulars(i18n: I18n, doc: &PlacementDocument) -> Block {
    let p = &doc.placement;
    Block::Facts(vec![
        (t_string!(i18n, ks_doc_name).to_string(), p.client.name.clone()),
        (t_string!(i18n, ks_doc_register).to_string(), doc.register_number.clone()),
        (t_string!(i18n, ks_doc_decision).to_string(), format!("{} {}", p.court, p.decision_number)),
        (t_string!(i18n, ks_doc_sentence).to_string(), t_string!(i18n, ks_hours, h = p.hours).to_string()),
        (
            t_string!(i18n, ks_doc_period).to_string(),
            format!("{} – {}", text::date(p.start_on), text::date(p.deadline)),
        ),
        (t_string!(i18n, ks_doc_site).to_string(), p.site.name.clone()),
        (
            t_string!(i18n, ks_doc_done).to_string(),
            format!("{} / {}", hours(i18n, p.done_minutes), t_string!(i18n, ks_hours, h = p.hours)),
        ),
    ])
}

/// Every session, oldest first.
fn ledger(i18n: I18n, doc: &PlacementDocument) -> Block {
    let sessions = &doc.placement.sessions;
    let moved = sessions.windows(2).any(|w| w[0].site != w[1].site);
    let mut columns = vec![Column::text(t_string!(i18n, ks_doc_day).to_string(), 1.2)];
    if moved {
        columns.push(Column::text(t_string!(i18n, ks_doc_site).to_string(), 2.0));
    }
    columns.push(Column::text(t_string!(i18n, ks_doc_hours).to_string(), 1.6));
    columns.push(Column::text(t_string!(i18n, ks_doc_signed).to_string(), 2.0));
    let rows = sessions
        .iter()
        .rev()
        .map(|s| {
            let counted = session_counted(i18n, s);
            let signed =
                s.signed_off_by.clone().unwrap_or_else(|| t_string!(i18n, ks_doc_unsigned).to_string());
            let mut row = vec![text::date(s.held_on)];
            if moved {
                row.push(s.site.clone());
            }
            row.extend([counted, signed]);
            row
        })
        .collect();
    Block::Table { columns, rows }
}

/// The statement as a PDF file, printed at `now`.
pub fn statement(doc: &PlacementDocument, now: OffsetDateTime) -> ServiceResult<ExportFile> {
    let i18n = official();
    let title = t_string!(i18n, ks_statement_title).to_string();
    let outcome = if doc.placement.status == PlacementStatus::Selesai {
        t_string!(i18n, ks_statement_done)
    } else {
        t_string!(i18n, ks_statement_running)
    };
    let mut pdf = PdfDocument::new(title.clone(), footer(i18n, &doc.office.name, now, doc.office.zone));
    pdf.push(Block::Letterhead(doc.office.clone()))
        .push(Block::Title(title))
        .push(Block::Subtitle(doc.register_number.clone()))
        .push(Block::Paragraph(
            t_string!(i18n, ks_statement_intro, office = doc.office.name.clone()).to_string(),
        ))
        .push(particulars(i18n, doc))
        .push(Block::Paragraph(outcome.to_string()))
        .push(ledger(i18n, doc))
        .push(Block::Signature {
            above: vec![text::date(doc.today), t_string!(i18n, ks_doc_pk).to_string()],
            name: doc.officer.clone().unwrap_or_default(),
        });
    pdf.finish(&stem(&["pernyataan-kerja-sosial", &doc.register_number]))
}
