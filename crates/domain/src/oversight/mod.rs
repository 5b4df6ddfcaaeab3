//! Oversight: what the head of an office, the Kanwil and headquarters read about how
//! supervision goes — the office's Today list by PK, the vitals of the dashboard and the
//! regional comparison, and the evaluation of how supervisions ended. Counts and people who
//! work in the service; no client is named here.

pub mod outcomes;
pub mod region;
pub mod snapshot;
pub mod today_groups;
pub mod vitals;
