//! Reintegration: what a client needs to settle back into the community, and what serves
//! those needs — programmes (the catalogue, participation), the client's own small business
//! (UMKM), the offices' Klien Bapas Peduli activities, and action plans whose progress is
//! counted from all of it.
//!
//! The checklist sits beside the seven criminogenic domains of the RRI assessment
//! ([`crate::needs`]): those say what drives the risk of reoffending, the checklist what the
//! client lacks to live an ordinary life (an identity card, health insurance, a home, an
//! income…). Both feed the office's needs map.

pub mod action_plan;
pub mod catalogue;
pub mod checklist;
pub mod needs_map;
pub mod participation;
pub mod peduli;
pub mod programmes;
pub mod report;
pub mod umkm;
