//! Oversight: the office's Today list by PK and the dashboard of its vitals, with the lists
//! behind each figure, the comparison of offices across a region or the country, and the
//! evaluation of how supervisions ended. The figures count clients and name only staff; the
//! lists behind them name clients and are the office's own (its Kabapas's).

pub(crate) mod cases;
pub mod dashboard;
mod figures;
pub mod outcomes;
pub mod region;
pub mod snapshots;
pub mod tables;
