//! Oversight: what the head of an office, the Kanwil and headquarters read about how
//! supervision goes — the office's Today list by PK and the vitals of the dashboard. Counts
//! and people who work in the service; no client is named here.

pub mod today_groups;
pub mod vitals;
