//! Every address a page links or redirects to, in one typed place. The router in `app.rs`
//! declares the same paths; pages never write `format!("/klien/{id}…")` themselves, so a
//! renamed route or a query parameter (the saved notice's, say) changes here only.

use pamong_domain::oversight::today_groups::{PK_KEY, PkChoice};
use pamong_domain::oversight::vitals::Vital;
use uuid::Uuid;

/// The query a page reads to show "Perubahan tersimpan." after a save redirected to it.
pub const SAVED_KEY: &str = "pesan";
/// Its value.
pub const SAVED_VALUE: &str = "tersimpan";

/// `path` with the saved notice asked for.
pub fn saved(path: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{SAVED_KEY}={SAVED_VALUE}")
}

/// The query naming the office a figures page shows (the Kanwil's and the admin's choice).
pub const OFFICE_KEY: &str = "kantor";
/// The query naming the month a monthly report counts (`YYYY-MM`).
pub const MONTH_KEY: &str = "bulan";

/// The home page (Today for officers and the Kabapas).
pub const HOME: &str = "/";
/// The login page.
pub const LOGIN: &str = "/masuk";
/// The user's own account.
pub const ACCOUNT: &str = "/akun";
/// The second step of a sign-in: the code from the authenticator app.
pub const LOGIN_CODE: &str = "/masuk/kode";
/// The second step of a sign-in whose role must enrol an authenticator key first.
pub const LOGIN_ENROL: &str = "/masuk/aktifkan";
/// The enrolment key's QR code (an SVG the server draws).
pub const SECOND_FACTOR_QR: &str = "/masuk/qr.svg";
/// The signed-in user enrolling (or replacing) their authenticator key.
pub const SECOND_FACTOR: &str = "/akun/dua-langkah";
/// Fresh recovery codes, shown once.
pub const RECOVERY_CODES: &str = "/akun/kode-pemulihan";
/// The caseload.
pub const CLIENTS: &str = "/klien";
/// The officer's own caseload (what their phone keeps offline).
pub const MY_CLIENTS: &str = "/klien?pk=saya";
/// The check-ins recorded offline, waiting for a signal or sent.
pub const OUTBOX: &str = "/kotak-keluar";
/// The children's cases and their deadlines board.
pub const CHILDREN: &str = "/abh";
/// Registering a child's case.
pub const NEW_CHILD_CASE: &str = "/abh/baru";
/// The Kabapas's office page.
pub const OFFICE: &str = "/kantor";
/// The office's spreadsheet imports of clients (the Kabapas's).
pub const IMPORTS: &str = "/kantor/impor";
/// Where the import page's file form posts (a multipart upload, taken by the server itself).
pub const IMPORT_UPLOAD: &str = "/kantor/unggah-impor";
/// The query of the imports page naming why an upload was refused.
const IMPORT_REFUSED_KEY: &str = "masalah";
/// The query naming the columns a refused upload lacks (or had twice).
const IMPORT_COLUMNS_KEY: &str = "kolom";

/// One import: its preview, progress or outcome.
pub fn import(id: Uuid) -> String {
    format!("{IMPORTS}/{id}")
}

/// The imports page saying why an upload was refused.
pub fn import_refused(problem: &pamong_domain::import::FileProblem) -> String {
    use pamong_domain::import::FileProblem;
    let (code, columns) = match problem {
        FileProblem::Unreadable => ("tidak-terbaca", String::new()),
        FileProblem::TooLarge => ("terlalu-besar", String::new()),
        FileProblem::TooManyRows => ("terlalu-banyak", String::new()),
        FileProblem::Empty => ("kosong", String::new()),
        FileProblem::NoFile => ("tanpa-berkas", String::new()),
        FileProblem::MissingColumns(list) => ("kolom-kurang", list.join("|")),
        FileProblem::RepeatedColumn(column) => ("kolom-ganda", column.clone()),
    };
    let mut url = format!("{IMPORTS}?{IMPORT_REFUSED_KEY}={code}");
    if !columns.is_empty() {
        url.push_str(&format!("&{IMPORT_COLUMNS_KEY}={}", crate::components::list::url_encode(&columns)));
    }
    url
}

/// Why an upload was refused, read back from the imports page's query.
pub fn import_refusal(
    query: &leptos_router::params::ParamsMap,
) -> Option<pamong_domain::import::FileProblem> {
    use pamong_domain::import::FileProblem;
    let columns = || query.get(IMPORT_COLUMNS_KEY).unwrap_or_default();
    Some(match query.get(IMPORT_REFUSED_KEY)?.as_str() {
        "tidak-terbaca" => FileProblem::Unreadable,
        "terlalu-besar" => FileProblem::TooLarge,
        "terlalu-banyak" => FileProblem::TooManyRows,
        "kosong" => FileProblem::Empty,
        "tanpa-berkas" => FileProblem::NoFile,
        "kolom-kurang" => FileProblem::MissingColumns(columns().split('|').map(str::to_owned).collect()),
        "kolom-ganda" => FileProblem::RepeatedColumn(columns()),
        _ => return None,
    })
}

/// The REST API's reference (its OpenAPI document, read as a page).
pub const API_DOCS: &str = "/api/v1/docs";

/// The access log of children's records.
pub const ACCESS_LOG: &str = "/kantor/akses";
/// The export log.
pub const EXPORT_LOG: &str = "/kantor/ekspor";
/// The signed-in user's notifications (the bell).
pub const NOTIFICATIONS: &str = "/pemberitahuan";
/// The audit log (who changed what and when).
pub const AUDIT_LOG: &str = "/kantor/audit";
/// The office's needs map (reintegration).
pub const NEEDS_MAP: &str = "/kebutuhan";
/// The office's action plans.
pub const PLANS: &str = "/rencana-aksi";
/// The office's monthly reintegration report.
pub const MONTHLY_REPORT: &str = "/laporan-bulanan";

/// An office's monthly report for a month (the viewer's own office, and the last complete
/// month, where not named).
pub fn monthly_report(office: Option<Uuid>, month: Option<pamong_domain::calendar::CalendarMonth>) -> String {
    let query: Vec<String> =
        [office.map(|id| format!("{OFFICE_KEY}={id}")), month.map(|m| format!("{MONTH_KEY}={m}"))]
            .into_iter()
            .flatten()
            .collect();
    if query.is_empty() { MONTHLY_REPORT.to_owned() } else { format!("{MONTHLY_REPORT}?{}", query.join("&")) }
}

/// An office's dashboard of vitals.
pub const DASHBOARD: &str = "/dasbor";
/// The offices of a region (or the regions of the country) side by side.
pub const REGION_DASHBOARD: &str = "/dasbor-wilayah";
/// The query key naming a Kanwil.
pub const KANWIL_KEY: &str = "kanwil";
/// How supervisions ended, and what followed.
pub const EVALUATION: &str = "/evaluasi";
/// The methodology note on the outcome evaluation.
pub const METHODOLOGY_EVALUATION: &str = "/metodologi#evaluasi";
/// The methodology note on outliers and trends.
pub const METHODOLOGY_REGION: &str = "/metodologi#perbandingan";
/// How each figure of the dashboards is counted.
pub const METHODOLOGY: &str = "/metodologi";

/// An office's dashboard (the viewer's own office, where not named).
pub fn dashboard(office: Option<Uuid>) -> String {
    match office {
        Some(id) => format!("{DASHBOARD}?{OFFICE_KEY}={id}"),
        None => DASHBOARD.to_owned(),
    }
}

/// The comparison of a Kanwil's offices (the country's Kanwils, where none is named).
pub fn region_dashboard(kanwil: Option<Uuid>) -> String {
    match kanwil {
        Some(id) => format!("{REGION_DASHBOARD}?{KANWIL_KEY}={id}"),
        None => REGION_DASHBOARD.to_owned(),
    }
}

/// The clients behind a figure of the office's dashboard, all or one PK's.
pub fn vital(vital: Vital, pk: Option<PkChoice>) -> String {
    match pk {
        Some(pk) => format!("{DASHBOARD}/{}?{PK_KEY}={}", vital.as_str(), pk.as_query()),
        None => format!("{DASHBOARD}/{}", vital.as_str()),
    }
}

/// A figure's note on the methodology page.
pub fn methodology(vital: Vital) -> String {
    format!("{METHODOLOGY}#{}", vital.as_str())
}

/// The home page's Today list: an office's, one line per PK.
pub const HOME_TODAY: &str = "/#hari-ini";

/// The home page's Today list of one PK of the office (the Kabapas's).
pub fn today_of(pk: PkChoice) -> String {
    format!("{HOME}?{PK_KEY}={}#hari-ini", pk.as_query())
}

/// Klien Bapas Peduli: the office's social activities and the participation overview.
pub const PEDULI: &str = "/peduli";
/// Reintegration programmes: the catalogue.
pub const PROGRAMMES: &str = "/program";
/// Adding a programme.
pub const NEW_PROGRAMME: &str = "/program/baru";

/// A programme's page.
pub fn programme(id: Uuid) -> String {
    format!("/program/{id}")
}

/// The programme a plain form post has just added.
pub fn new_programme() -> String {
    format!("/program/{NEW_ID}")
}

/// Editing a programme.
pub fn programme_edit(id: Uuid) -> String {
    format!("/program/{id}/ubah")
}

/// Kerja sosial: the office's work sites, or a site supervisor's day.
pub const KERJA_SOSIAL: &str = "/kerja-sosial";
/// Adding a work site.
pub const NEW_WORK_SITE: &str = "/kerja-sosial/lokasi/baru";

/// A work site's page.
pub fn work_site(id: Uuid) -> String {
    format!("/kerja-sosial/lokasi/{id}")
}

/// The work site a plain form post has just added.
pub fn new_work_site() -> String {
    format!("/kerja-sosial/lokasi/{NEW_ID}")
}

/// Editing a work site.
pub fn work_site_edit(id: Uuid) -> String {
    format!("/kerja-sosial/lokasi/{id}/ubah")
}

/// A placement's hours statement, for printing.
pub fn ks_statement(placement: Uuid) -> String {
    format!("/kerja-sosial/penempatan/{placement}/pernyataan")
}

/// A placement's letter to the prosecutor, for printing.
pub fn ks_letter(placement: Uuid) -> String {
    format!("/kerja-sosial/penempatan/{placement}/surat-jaksa")
}

/// A client's page.
pub fn client(id: Uuid) -> String {
    format!("/klien/{id}")
}

/// In a page a plain form post leads to once saved, stands for the id of the record the
/// save created (filled in by the server).
pub const NEW_ID: &str = "{id}";

/// The page of the client a plain form post has just created.
pub fn new_client() -> String {
    format!("/klien/{NEW_ID}")
}

/// A client's page, or the child's case page for a child.
pub fn client_or_case(id: Uuid, child: bool) -> String {
    if child { child_case(id) } else { client(id) }
}

/// Editing a client's registry entry.
pub fn client_edit(id: Uuid) -> String {
    format!("/klien/{id}/ubah")
}

/// Recording a report or home visit.
pub fn client_report(id: Uuid) -> String {
    format!("/klien/{id}/lapor")
}

/// The RRI assessment.
pub fn client_assessment(id: Uuid) -> String {
    format!("/klien/{id}/rri")
}

/// Recording a guidance session.
pub fn client_guidance(id: Uuid) -> String {
    format!("/klien/{id}/bimbingan")
}

/// Recording a violation.
pub fn client_violation(id: Uuid) -> String {
    format!("/klien/{id}/pelanggaran")
}

/// Ending or transferring a supervision.
pub fn client_status(id: Uuid) -> String {
    format!("/klien/{id}/status")
}

/// The data-subject export page.
pub fn client_data(id: Uuid) -> String {
    format!("/klien/{id}/data")
}

/// The data-subject export as JSON (a GET server fn, so a plain link downloads it).
pub fn client_data_json(id: Uuid) -> String {
    format!("/api/clients/subject?id={id}")
}

/// The caseload of one officer.
pub fn clients_of(pk: Uuid) -> String {
    format!("{CLIENTS}?pk={pk}")
}

/// The caseload with a query string already encoded.
pub fn clients_with(query: &str) -> String {
    if query.is_empty() { CLIENTS.to_owned() } else { format!("{CLIENTS}?{query}") }
}

/// A child's case page.
pub fn child_case(id: Uuid) -> String {
    format!("/abh/{id}")
}

/// Recording a Litmas request on a child's case.
pub fn child_litmas_request(id: Uuid) -> String {
    format!("/abh/{id}/litmas")
}

/// Moving a child's case to its next stage.
pub fn child_stage(id: Uuid) -> String {
    format!("/abh/{id}/tahap")
}

/// Recording diversion.
pub fn child_diversion(id: Uuid) -> String {
    format!("/abh/{id}/diversi")
}

/// Recording a breach of a diversion agreement.
pub fn child_breach(id: Uuid) -> String {
    format!("/abh/{id}/pelanggaran")
}

/// Recording a meeting, hearing or referral on a child's case.
pub fn child_event(id: Uuid) -> String {
    format!("/abh/{id}/catatan")
}

/// A Litmas.
pub fn litmas(id: Uuid) -> String {
    format!("/abh/litmas/{id}")
}

/// The child's case a plain form post has just registered.
pub fn child_case_new() -> String {
    format!("/abh/{NEW_ID}")
}

/// The Litmas a plain form post has just requested.
pub fn new_litmas() -> String {
    format!("/abh/litmas/{NEW_ID}")
}

/// A Litmas ready to print.
pub fn litmas_print(id: Uuid) -> String {
    format!("/abh/litmas/{id}/cetak")
}

/// A Kelayan Binter group.
pub fn group(id: Uuid) -> String {
    format!("/kelompok/{id}")
}

/// The group a plain form post has just formed.
pub fn formed_group() -> String {
    format!("/kelompok/{NEW_ID}")
}

/// Adding a member to a group.
pub fn group_members(id: Uuid) -> String {
    format!("/kelompok/{id}/anggota")
}

/// Recording a group's meeting.
pub fn group_meeting(id: Uuid) -> String {
    format!("/kelompok/{id}/rapat")
}

/// A partner institution.
pub fn partner(id: Uuid) -> String {
    format!("/mitra/{id}")
}

/// The partner a plain form post has just created.
pub fn new_partner() -> String {
    format!("/mitra/{NEW_ID}")
}

/// Editing a partner.
pub fn partner_edit(id: Uuid) -> String {
    format!("/mitra/{id}/ubah")
}

/// A cooperation agreement (PKS).
pub fn agreement(id: Uuid) -> String {
    format!("/pks/{id}")
}

/// The page a notification leads to.
pub fn about(about: pamong_domain::notifications::About) -> String {
    use pamong_domain::notifications::About;
    match about {
        About::Client(id) => client(id),
        About::Agreement(id) => agreement(id),
    }
}

/// The agreement a plain form post has just recorded.
pub fn recorded_agreement() -> String {
    format!("/pks/{NEW_ID}")
}

/// Editing an agreement.
pub fn agreement_edit(id: Uuid) -> String {
    format!("/pks/{id}/ubah")
}

/// A new agreement with a partner.
pub fn new_agreement(partner: Uuid) -> String {
    format!("/pks/baru?mitra={partner}")
}

/// Renewing an agreement: a new one with the partner that follows `previous`.
pub fn renew_agreement(partner: Uuid, previous: Uuid) -> String {
    format!("/pks/baru?mitra={partner}&perpanjang={previous}")
}

/// A user, for the admin or the Kabapas.
pub fn user(id: Uuid) -> String {
    format!("/admin/pengguna/{id}")
}

/// A Kanwil office.
pub fn kanwil(id: Uuid) -> String {
    format!("/admin/kanwil/{id}")
}

/// A Bapas office.
pub fn bapas(id: Uuid) -> String {
    format!("/admin/bapas/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_notice_is_asked_for_once() {
        let id = Uuid::nil();
        assert_eq!(saved(&client(id)), format!("/klien/{id}?pesan=tersimpan"));
        assert_eq!(saved(&clients_of(id)), format!("/klien?pk={id}&pesan=tersimpan"));
    }

    #[test]
    fn children_go_to_their_case_page() {
        let id = Uuid::nil();
        assert_eq!(client_or_case(id, true), child_case(id));
        assert_eq!(client_or_case(id, false), client(id));
        assert_eq!(clients_with(""), CLIENTS);
    }
}
