//! Oversight: the office's Today list by PK and the dashboard of its vitals, with the lists
//! behind each figure, and the comparison of offices across a region or the country. The figures count clients and name only staff; the lists behind them
//! name clients and are the office's own (its Kabapas's).

pub(crate) mod cases;
pub mod dashboard;
mod figures;
pub mod region;
