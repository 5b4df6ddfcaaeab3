//! What the API sends and takes: its own, versioned shapes, built from the service's answers
//! (already filtered and masked by the policy for the token's user).
//!
//! Days and instants travel as ISO 8601 text (`2026-12-06`, `2026-12-06T08:12:00Z`), as the
//! document says, whatever the service's types serialize to elsewhere.

mod clients;
mod figures;
mod referrals;

pub use clients::{Client, ClientPage, ClientQuery, ReportInput};
pub use figures::{
    AreaTally, FigureTally, OfficeFigure, OfficeFigures, OfficeQuery, OfficerFigure, RegionFigure,
    RegionFigures, RegionQuery, TrendPoint,
};
pub use referrals::{AnswerInput, Referral};

use pamong_domain::caseload::PersonRef;
use pamong_domain::office::OfficeRef;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};
use utoipa::ToSchema;
use uuid::Uuid;

/// A day as `YYYY-MM-DD`.
pub(crate) fn day(d: Date) -> String {
    d.to_string()
}

/// An instant as RFC 3339, in UTC.
pub(crate) fn instant(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

/// Something named: a person, a partner, an office.
#[derive(Debug, Serialize, ToSchema)]
pub struct Named {
    /// Public id.
    pub id: Uuid,
    /// Name (a child's initials where the identity is masked).
    pub name: String,
}

impl From<PersonRef> for Named {
    fn from(p: PersonRef) -> Self {
        Named { id: p.id, name: p.name }
    }
}

impl From<OfficeRef> for Named {
    fn from(o: OfficeRef) -> Self {
        Named { id: o.id, name: o.name }
    }
}
