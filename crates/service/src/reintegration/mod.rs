//! Reintegration: what each client needs to settle back (the checklist on the client's
//! page), and — as the rest of the work lands — the programmes, action plans and reports
//! built on it.

pub mod checklist;
pub mod needs_map;
