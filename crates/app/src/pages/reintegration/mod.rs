//! Reintegration in the pages: the needs section of a client's page and the office's needs
//! map, the programme catalogue and a programme's page, the programmes section of a
//! client's page (and, as the rest of the work lands, action plans and reports).

pub mod edit;
pub mod enrol;
pub mod map;
pub mod needs;
pub mod peduli;
pub mod programme;
pub mod programmes;
