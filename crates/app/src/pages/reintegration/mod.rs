//! Reintegration in the pages: the needs section of a client's page (and, as the rest of the
//! work lands, programmes, action plans and reports).

pub mod map;
pub mod needs;
