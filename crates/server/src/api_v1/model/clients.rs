//! Clients and reports.

use pamong_domain::caseload::ClientSummary;
use pamong_domain::page::Page;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::day;

/// A client as a list shows them. A child whose identity the user may not see comes with
/// initials instead of the name, no NIK, and `masked` set.
#[derive(Debug, Serialize, ToSchema)]
pub struct Client {
    /// Public id.
    pub id: Uuid,
    /// Register number.
    pub register_number: String,
    /// Full name (initials when masked).
    pub full_name: String,
    /// NIK, when known and visible.
    pub nik: Option<String>,
    /// A child's case.
    pub child: bool,
    /// The identity is masked for this user.
    pub masked: bool,
    /// Legal basis (`pb`, `cb`, `cmb`, `asimilasi`, `pengawasan`, `kerja_sosial`,
    /// `anak_bersyarat`, `pendampingan_anak`).
    pub legal_basis: String,
    /// Status (`aktif`, `selesai`, `dicabut`, `meninggal`, `dipindahkan`).
    pub status: String,
    /// RRI risk band (`rendah`, `sedang`, `tinggi`), when assessed.
    pub risk_band: Option<String>,
    /// The PK's name, when assigned.
    pub pk: Option<String>,
    /// Last day of supervision, when fixed.
    #[schema(format = Date)]
    pub supervision_end: Option<String>,
}

impl From<ClientSummary> for Client {
    fn from(c: ClientSummary) -> Self {
        Client {
            id: c.id,
            register_number: c.register_number,
            full_name: c.full_name,
            nik: c.nik,
            child: c.child,
            masked: c.masked,
            legal_basis: c.legal_basis.as_str().to_owned(),
            status: c.status.as_str().to_owned(),
            risk_band: c.risk_band.map(|b| b.as_str().to_owned()),
            pk: c.pk.map(|p| p.name),
            supervision_end: c.supervision_end.map(day),
        }
    }
}

/// A page of clients.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientPage {
    /// This page's clients.
    pub items: Vec<Client>,
    /// Clients matching in all (up to the search's cap).
    pub total: u64,
    /// This page's number, from 1.
    pub page: u64,
    /// Clients per page.
    pub per_page: u64,
    /// More clients match than `total` counts (a search stops at its cap).
    pub more: bool,
}

impl From<Page<ClientSummary>> for ClientPage {
    fn from(p: Page<ClientSummary>) -> Self {
        ClientPage {
            items: p.items.into_iter().map(Client::from).collect(),
            total: p.total,
            page: p.page,
            per_page: p.per_page,
            more: p.more,
        }
    }
}

/// The search of the client list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClientQuery {
    /// Part of a name (one typo forgiven), a NIK prefix or a register number.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<u64>,
    /// Clients per page (at most 100).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u64>,
    /// Also ended supervisions.
    pub include_inactive: Option<bool>,
}

/// A report (wajib lapor) or a home visit, recorded by another system.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportInput {
    /// How: `kantor` (at the office), `video` (a video call) or `kunjungan` (a home visit).
    #[schema(pattern = "^(kantor|video|kunjungan)$")]
    pub kind: String,
    /// Day, `YYYY-MM-DD`, not after the office's today.
    #[schema(format = Date)]
    pub date: String,
    /// Time of day, `HH:MM`.
    #[schema(pattern = "^[0-2][0-9]:[0-5][0-9]$")]
    pub time: String,
    /// Whether the client attended (or was found at home).
    pub attended: bool,
    /// What happened.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub notes: String,
    /// Latitude of a home visit.
    pub latitude: Option<f64>,
    /// Longitude of a home visit.
    pub longitude: Option<f64>,
}
