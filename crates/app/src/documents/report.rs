//! The monthly report as PDF: needs, programmes, Klien Bapas Peduli, UMKM and the action
//! plans' progress, counted for one month, on the office's letterhead with the Kabapas's
//! signature block — what `/laporan-bulanan` shows. Counts only; nobody is named.

use pamong_domain::reintegration::action_plan::PlanView;
use pamong_domain::reintegration::report::MonthlyReport;
use pamong_domain::reintegration::umkm::format_rupiah;
use pamong_service::ServiceResult;
use pamong_service::exports::ExportFile;
use pamong_service::exports::pdf::{Block, Column, PdfDocument};
use time::OffsetDateTime;

use super::{footer, official, stem};
use crate::i18n::*;
use crate::pages::reintegration::needs::item_text;
use crate::pages::reintegration::peduli::{kind_text as activity_text, month_long};
use crate::pages::reintegration::plans::standing_text;
use crate::pages::reintegration::programmes::kind_text;
use crate::text::{self, I18n};

fn s(text: impl std::fmt::Display) -> String {
    text.to_string()
}

/// Part 1: the checklist and the criminogenic needs.
fn needs(i18n: I18n, r: &MonthlyReport, out: &mut Vec<Block>) {
    let n = &r.needs;
    out.push(Block::Heading(s(t_string!(i18n, report_needs))));
    out.push(Block::Note(s(t_string!(
        i18n,
        report_needs_intro,
        as_of = text::date(n.as_of),
        since = text::date(n.since),
        mapped = n.mapped,
        assessed = n.assessed
    ))));
    out.push(Block::Table {
        columns: vec![
            Column::text(s(t_string!(i18n, report_item)), 2.2),
            Column::number(s(t_string!(i18n, report_needed)), 1.2),
            Column::number(s(t_string!(i18n, report_in_progress)), 1.0),
            Column::number(s(t_string!(i18n, report_open_before)), 1.2),
            Column::number(s(t_string!(i18n, report_met_in_month)), 1.2),
        ],
        rows: n
            .items
            .iter()
            .map(|c| {
                vec![
                    item_text(i18n, c.item),
                    s(c.needed),
                    s(c.in_progress),
                    s(c.open_before),
                    s(c.met_this_month),
                ]
            })
            .collect(),
    });
    out.push(Block::Table {
        columns: vec![
            Column::text(s(t_string!(i18n, needs_criminogenic)), 3.0),
            Column::number(s(t_string!(i18n, report_high)), 1.0),
            Column::number(s(t_string!(i18n, report_some)), 1.0),
        ],
        rows: n
            .domains
            .iter()
            .map(|d| vec![text::need_domain(i18n, d.domain), s(d.high), s(d.some)])
            .collect(),
    });
}

/// Part 2: each programme's participants and sessions.
fn programmes(i18n: I18n, r: &MonthlyReport, out: &mut Vec<Block>) {
    out.push(Block::Heading(s(t_string!(i18n, report_programmes))));
    let (busy, idle): (Vec<_>, Vec<_>) = r.programmes.iter().partition(|p| !p.is_idle());
    if busy.is_empty() {
        out.push(Block::Note(s(t_string!(i18n, report_no_programmes))));
    } else {
        let rows = busy
            .iter()
            .map(|p| {
                let partner = p.partner.as_ref().map(|n| format!(" · {n}")).unwrap_or_default();
                let sessions = match p.attendance() {
                    Some(a) => {
                        format!("{} ({})", p.sessions, t_string!(i18n, report_attendance, percent = a))
                    }
                    None => s(p.sessions),
                };
                vec![
                    format!("{}\n{}{partner}", p.programme.name, kind_text(i18n, p.kind)),
                    s(p.took_part),
                    s(p.joined),
                    s(p.completed),
                    s(p.dropped),
                    sessions,
                ]
            })
            .collect();
        out.push(Block::Table {
            columns: vec![
                Column::text(s(t_string!(i18n, report_programme)), 3.0),
                Column::number(s(t_string!(i18n, report_took_part)), 1.0),
                Column::number(s(t_string!(i18n, report_joined)), 0.8),
                Column::number(s(t_string!(i18n, report_completed)), 0.9),
                Column::number(s(t_string!(i18n, report_dropped)), 0.8),
                Column::number(s(t_string!(i18n, report_sessions)), 1.5),
            ],
            rows,
        });
    }
    if !idle.is_empty() {
        let names = idle.iter().map(|p| p.programme.name.clone()).collect::<Vec<_>>().join(", ");
        out.push(Block::Note(s(t_string!(i18n, report_idle, names = names))));
    }
}

/// Part 3: Klien Bapas Peduli.
fn peduli(i18n: I18n, r: &MonthlyReport, out: &mut Vec<Block>) {
    let p = &r.peduli;
    out.push(Block::Heading(s(t_string!(i18n, report_peduli))));
    out.push(Block::Paragraph(s(t_string!(
        i18n,
        report_peduli_count,
        activities = p.count.activities,
        clients = p.count.clients
    ))));
    if !p.activities.is_empty() {
        out.push(Block::Table {
            columns: vec![
                Column::text(s(t_string!(i18n, report_day)), 1.2),
                Column::text(s(t_string!(i18n, report_activity)), 4.0),
                Column::number(s(t_string!(i18n, report_clients)), 0.8),
            ],
            rows: p
                .activities
                .iter()
                .map(|a| {
                    vec![
                        text::date(a.held_on),
                        format!("{}\n{}", activity_text(i18n, a.kind), a.place),
                        s(a.clients),
                    ]
                })
                .collect(),
        });
    }
}

/// Part 4: UMKM.
fn businesses(i18n: I18n, r: &MonthlyReport, out: &mut Vec<Block>) {
    let b = &r.businesses;
    out.push(Block::Heading(s(t_string!(i18n, report_umkm))));
    out.push(Block::Facts(vec![
        (s(t_string!(i18n, report_umkm_running)), s(b.running)),
        (s(t_string!(i18n, report_umkm_planned)), s(b.planned)),
        (s(t_string!(i18n, report_umkm_started)), s(b.started)),
        (s(t_string!(i18n, report_umkm_stopped)), s(b.stopped)),
        (
            s(t_string!(i18n, report_umkm_support)),
            s(t_string!(
                i18n,
                report_umkm_support_value,
                n = b.supports,
                value = format_rupiah(b.support_value)
            )),
        ),
    ]));
}

/// Part 5: the action plans, each objective's progress at the month's end.
fn plans(i18n: I18n, r: &MonthlyReport, out: &mut Vec<Block>) {
    out.push(Block::Heading(s(t_string!(i18n, report_plans))));
    if r.plans.is_empty() {
        out.push(Block::Note(s(t_string!(i18n, report_no_plans))));
    }
    for p in &r.plans {
        out.push(Block::Paragraph(plan_line(i18n, p)));
        let rows = p
            .objectives
            .iter()
            .map(|o| {
                let pr = o.progress;
                let mut met = format!("{} / {}", pr.met, pr.target);
                if pr.in_progress > 0 {
                    met = format!("{met}\n{}", t_string!(i18n, plan_on_the_way, n = pr.in_progress));
                }
                vec![
                    format!("{}\n{} {}", o.title, t_string!(i18n, plan_due), text::date(o.due_on)),
                    met,
                    standing_text(i18n, pr.standing),
                ]
            })
            .collect();
        out.push(Block::Table {
            columns: vec![
                Column::text(s(t_string!(i18n, report_objective)), 3.4),
                Column::number(s(t_string!(i18n, report_met_of_target)), 1.3),
                Column::text(s(t_string!(i18n, report_standing)), 1.3),
            ],
            rows,
        });
    }
}

fn plan_line(i18n: I18n, p: &PlanView) -> String {
    let achieved = t_string!(i18n, plan_achieved_of, n = p.achieved(), of = p.objectives.len());
    format!("{} ({} – {} · {achieved})", p.title, text::date(p.starts_on), text::date(p.ends_on))
}

/// The report as a PDF file, printed at `now`.
pub fn monthly_report(r: &MonthlyReport, now: OffsetDateTime) -> ServiceResult<ExportFile> {
    let i18n = official();
    let period = &r.period;
    let mut month = month_long(i18n, period.month);
    if !period.complete {
        month = format!("{month} · {}", t_string!(i18n, report_running, as_of = text::date(period.as_of)));
    }
    let mut blocks = vec![
        Block::Letterhead(r.letterhead.clone()),
        Block::Title(s(t_string!(i18n, report_heading))),
        Block::Subtitle(month),
        Block::Paragraph(s(t_string!(
            i18n,
            report_summary,
            clients = r.needs.clients,
            participants = r.participants(),
            activities = r.peduli.count.activities
        ))),
    ];
    needs(i18n, r, &mut blocks);
    programmes(i18n, r, &mut blocks);
    peduli(i18n, r, &mut blocks);
    businesses(i18n, r, &mut blocks);
    plans(i18n, r, &mut blocks);
    blocks.push(Block::Heading(s(t_string!(i18n, report_method))));
    blocks.push(Block::Note(s(t_string!(i18n, report_method_text))));
    blocks.push(Block::Signature {
        above: vec![
            text::date(r.prepared_on),
            s(t_string!(i18n, report_signer, office = r.bapas.name.clone())),
        ],
        name: "……………………………".to_owned(),
    });
    let title = format!("{} {}", t_string!(i18n, report_title), period.month);
    let mut pdf = PdfDocument::new(title, footer(i18n, &r.bapas.name, now, r.letterhead.zone));
    for block in blocks {
        pdf.push(block);
    }
    let month = period.month.to_string();
    pdf.finish(&stem(&["laporan-bulanan", &r.bapas.name, &month]))
}
