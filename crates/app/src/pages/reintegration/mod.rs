//! Reintegration in the pages: the needs section of a client's page and the office's needs
//! map, the programme catalogue and a programme's page, the programmes and small-business
//! (UMKM) sections of a client's page, Klien Bapas Peduli and the office's action plans
//! (and, as the rest of the work lands, the monthly report).

pub mod edit;
pub mod enrol;
pub mod map;
pub mod needs;
pub mod peduli;
pub mod plans;
pub mod programme;
pub mod programmes;
pub mod umkm;
