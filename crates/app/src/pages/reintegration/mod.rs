//! Reintegration in the pages: the needs section of a client's page and the office's needs
//! map, the programme catalogue and a programme's page, the programmes and small-business
//! (UMKM) sections of a client's page, Klien Bapas Peduli, the office's action plans and its
//! printable monthly report.

pub mod edit;
pub mod enrol;
pub mod map;
pub mod needs;
pub mod peduli;
pub mod plans;
pub mod programme;
pub mod programmes;
pub mod report;
pub mod umkm;
