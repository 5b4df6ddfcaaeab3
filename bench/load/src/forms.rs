//! The bodies the harness sends: the app's own forms, serialised as the browser posts them
//! (`serde_qs`, the encoding of a plain form post, for the server fns behind forms).

use pamong_domain::client::ClientForm;
use pamong_domain::supervision::ReportForm;
use time::{Date, Duration, OffsetDateTime, UtcOffset};
use uuid::Uuid;

/// Today in Jakarta (WIB), the day the demo offices report on.
pub fn today() -> Date {
    let wib = UtcOffset::from_hms(7, 0, 0).unwrap_or(UtcOffset::UTC);
    OffsetDateTime::now_utc().to_offset(wib).date()
}

/// A new client on the caller's own caseload, under supervision since two months ago.
pub fn new_client(name: &str) -> String {
    let form = ClientForm {
        full_name: name.to_owned(),
        sex: "L".into(),
        birth_date: "1985-03-12".into(),
        legal_basis: "pb".into(),
        supervision_start: (today() - Duration::days(60)).to_string(),
        remaining_months: "10".into(),
        ..ClientForm::default()
    };
    #[derive(serde::Serialize)]
    struct Args {
        form: ClientForm,
    }
    serde_qs::to_string(&Args { form }).unwrap_or_default()
}

/// A check-in at the office today, its notes carrying `marker`.
pub fn report(client: Uuid, marker: &str) -> String {
    let form = ReportForm {
        kind: "kantor".into(),
        date: today().to_string(),
        time: "09:30".into(),
        attended: "ya".into(),
        notes: marker.to_owned(),
        ..ReportForm::default()
    };
    #[derive(serde::Serialize)]
    struct Args {
        id: Uuid,
        form: ReportForm,
    }
    serde_qs::to_string(&Args { id: client, form }).unwrap_or_default()
}

/// The id in a saved client's summary.
pub fn saved_id(body: &str) -> Option<Uuid> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    value.get("id")?.as_str()?.parse().ok()
}
