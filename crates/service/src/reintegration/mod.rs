//! Reintegration: what each client needs to settle back (the checklist on the client's
//! page, the office's needs map), the programmes that serve those needs (the catalogue,
//! enrolments, sessions and attendance), clients' small businesses (UMKM), Klien Bapas
//! Peduli, and the office's action plans and monthly report built on them.

pub mod action_plans;
pub mod checklist;
pub mod enrolments;
pub mod needs_map;
pub mod peduli;
pub mod programmes;
pub mod report;
pub mod sessions;
pub mod umkm;
