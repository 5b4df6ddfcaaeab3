//! An office's action plans as a spreadsheet, one row per objective as the page shows it:
//! the plan and its period, the objective, the need it serves, its target and the clients
//! counted towards it, its standing, the partner or programme it goes through, its owner and
//! its due date. Counts only: it names staff and partners, never a client.

use pamong_domain::export::ExportFormat;
use pamong_domain::reintegration::action_plan::{OfficePlans, PlanView};
use pamong_service::ServiceResult;
use pamong_service::exports::{Cell, ExportFile, TableWriter};

use super::{official, stem};
use crate::i18n::*;
use crate::pages::reintegration::needs::item_text;
use crate::pages::reintegration::plans::standing_text;

/// The office's objectives, plan by plan; a plan without objectives yet is one row of its own.
pub fn action_plans_table(plans: &OfficePlans, format: ExportFormat) -> ServiceResult<ExportFile> {
    let i18n = official();
    let headings = [
        t_string!(i18n, plan_name).to_string(),
        t_string!(i18n, table_period).to_string(),
        t_string!(i18n, plan_objective).to_string(),
        t_string!(i18n, plan_item).to_string(),
        t_string!(i18n, table_target).to_string(),
        t_string!(i18n, table_met).to_string(),
        t_string!(i18n, table_in_progress).to_string(),
        t_string!(i18n, status).to_string(),
        t_string!(i18n, table_via).to_string(),
        t_string!(i18n, plan_owner).to_string(),
        t_string!(i18n, plan_due).to_string(),
    ];
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let mut out = TableWriter::new(format, "Rencana aksi", &headings)?;
    for plan in &plans.plans {
        let period = period(plan);
        if plan.objectives.is_empty() {
            let mut row = vec![Cell::Empty; headings.len()];
            row[0] = Cell::Text(&plan.title);
            row[1] = Cell::Text(&period);
            out.row(&row)?;
        }
        for o in &plan.objectives {
            let via = [o.partner.as_deref(), o.programme.as_ref().map(|p| p.name.as_str())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let pr = o.progress;
            out.row(&[
                Cell::Text(&plan.title),
                Cell::Text(&period),
                Cell::Text(&o.title),
                Cell::Text(&item_text(i18n, o.item)),
                Cell::Number(u64::from(pr.target)),
                Cell::Number(u64::from(pr.met)),
                Cell::Number(u64::from(pr.in_progress)),
                Cell::Text(&standing_text(i18n, pr.standing)),
                Cell::Text(&via),
                Cell::maybe(o.owner.as_deref()),
                Cell::Text(&o.due_on.to_string()),
            ])?;
        }
    }
    out.finish(&stem(&["rencana-aksi", &plans.bapas.name]))
}

/// "2026-09-01 – 2027-02-28".
fn period(plan: &PlanView) -> String {
    format!("{} – {}", plan.starts_on, plan.ends_on)
}
