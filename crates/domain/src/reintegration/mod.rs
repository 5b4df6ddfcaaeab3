//! Reintegration: what a client needs to settle back into the community, and (as the issue's
//! later parts land) the programmes, action plans and reports that serve those needs.
//!
//! The checklist sits beside the seven criminogenic domains of the RRI assessment
//! ([`crate::needs`]): those say what drives the risk of reoffending, the checklist what the
//! client lacks to live an ordinary life (an identity card, health insurance, a home, an
//! income…). Both feed the office's needs map.

pub mod catalogue;
pub mod checklist;
pub mod needs_map;
pub mod participation;
pub mod peduli;
pub mod programmes;
