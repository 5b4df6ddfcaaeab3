//! Clients and their supervision: the server fns behind the caseload, the client's page and
//! the officer's forms. Each one resolves the actor and calls one service fn; the service
//! asks the policy.

use leptos::prelude::*;
use pamong_domain::caseload::{
    AssessmentForm, ClientDetail, ClientFilter, ClientSummary, OfficerLoad, PersonRef, SimilarClients,
    TimelineEntry, TransferForm, TransferView,
};
use pamong_domain::client::ClientForm;
use pamong_domain::page::Page;
use pamong_domain::reporting::ReportingFrequencies;
use pamong_domain::rri::{Instrument, Score};
use pamong_domain::supervision::{GuidanceForm, ReportForm, StatusForm, ViolationForm};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::error::AppError;

/// A client's page: the facts, the timeline, and the officers the viewer may assign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientPageData {
    /// The client.
    pub detail: ClientDetail,
    /// Everything recorded, newest first.
    pub timeline: Vec<TimelineEntry>,
    /// PKs of the office (for the Kabapas's reassignment), empty for others.
    pub officers: Vec<PersonRef>,
}

/// A region for the step-by-step picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionChoice {
    /// Dotted code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// What the client form needs besides the client: the office's PKs and today's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientFormContext {
    /// PKs the client may be assigned to.
    pub officers: Vec<PersonRef>,
    /// Today at the office.
    pub today: Date,
    /// Whether the user may assign another PK (the Kabapas).
    pub can_assign: bool,
}

/// A page of clients.
#[server(endpoint = "clients/list", input = server_fn::codec::Json)]
pub async fn list_clients(filter: ClientFilter) -> Result<Page<ClientSummary>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::clients::list(&ctx.db, &actor, &filter).await)
}

/// The clients matching the list page's filter as a file, masked as the list is. A GET with
/// the list page's own query (`q`, `risiko`, `status`, `dasar`, `pk`) and `format` (`csv`,
/// `csv-excel` or `xlsx`; CSV when absent), so the list's export is a plain link that
/// downloads.
#[server(endpoint = "clients/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_clients(
    q: Option<String>,
    risiko: Option<String>,
    status: Option<String>,
    dasar: Option<String>,
    pk: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        let filter = ClientFilter {
            list: pamong_domain::page::ListQuery {
                q: q.unwrap_or_default(),
                page: 1,
                per_page: 0,
                include_inactive: false,
            },
            band: risiko,
            status,
            legal_basis: dasar,
            pk,
        };
        pamong_service::clients::export::list(&x.ctx.db, &x.actor, &filter, format, x.now).await
    })
    .await
}

/// A client's page.
#[server(endpoint = "clients/get", input = server_fn::codec::Json)]
pub async fn client_page(id: Uuid) -> Result<ClientPageData, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let result = load_client_page(&ctx, &actor, id).await;
    lift(&actor, result)
}

/// The client's page with its referrals and the Kelayan Binter groups that may watch the
/// client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientOverviewData {
    /// The client, the timeline and the officers.
    pub page: ClientPageData,
    /// Referrals, and the partners to refer to.
    pub referrals: crate::api::referrals::ReferralsData,
    /// Groups the client may be put under the attention of (empty unless the viewer edits).
    pub groups: Vec<PersonRef>,
    /// Kerja sosial placements and the sites to place at.
    pub kerja_sosial: crate::api::kerja_sosial::KerjaSosialData,
    /// The reintegration checklist and the criminogenic needs (none for a viewer the policy
    /// refuses them).
    pub needs: Option<pamong_domain::reintegration::checklist::ClientNeeds>,
    /// The client's programmes and those they may join.
    pub programmes: pamong_domain::reintegration::catalogue::ClientProgrammes,
    /// The client's small businesses (UMKM).
    pub businesses: pamong_domain::reintegration::umkm::ClientBusinesses,
}

/// Everything the client's page shows, in one call. One server fn rather than a resource
/// awaiting several: while the server renders, a resource may run again outside the
/// request's context, and then only its first server fn call still finds the context.
#[server(endpoint = "clients/overview", input = server_fn::codec::Json)]
pub async fn client_overview(id: Uuid) -> Result<ClientOverviewData, AppError> {
    use crate::api::context::refused_as_empty;
    use crate::api::context::{actor, lift};
    use crate::api::referrals::ReferralsData;
    let (ctx, actor) = actor().await?;
    let result = async {
        let page = load_client_page(&ctx, &actor, id).await?;
        let can_edit = page.detail.can_edit;
        let referrals = ReferralsData::load(&ctx.db, &actor, id, can_edit).await?;
        let groups = if can_edit {
            refused_as_empty(pamong_service::groups::groups_for_client(&ctx.db, &actor, id).await)?
        } else {
            Vec::new()
        };
        let today = pamong_service::clients::today_for(&ctx.db, &actor, ctx.now()).await?;
        let kerja_sosial =
            crate::api::kerja_sosial::KerjaSosialData::load(&ctx.db, &actor, id, can_edit, today).await?;
        let needs = pamong_service::reintegration::checklist::of_client(&ctx.db, &actor, id).await;
        let needs = refused_as_empty(needs.map(Some))?;
        let programmes =
            pamong_service::reintegration::enrolments::of_client(&ctx.db, &actor, id, today).await;
        let programmes = refused_as_empty(programmes)?;
        let businesses =
            refused_as_empty(pamong_service::reintegration::umkm::of_client(&ctx.db, &actor, id).await)?;
        Ok(ClientOverviewData { page, referrals, groups, kerja_sosial, needs, programmes, businesses })
    }
    .await;
    lift(&actor, result)
}

/// The client's page and the offices the client may be transferred to, in one call (see
/// [`client_overview`] for why one).
#[server(endpoint = "clients/status-page", input = server_fn::codec::Json)]
pub async fn client_status_page(
    id: Uuid,
) -> Result<(ClientPageData, Vec<pamong_domain::office::OfficeRef>), AppError> {
    use crate::api::context::refused_as_empty;
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let result = async {
        let page = load_client_page(&ctx, &actor, id).await?;
        let offices =
            refused_as_empty(pamong_service::clients::assignment::transfer_targets(&ctx.db, &actor).await)?;
        Ok((page, offices))
    }
    .await;
    lift(&actor, result)
}

#[cfg(feature = "ssr")]
async fn load_client_page(
    ctx: &crate::api::context::ServerContext,
    actor: &pamong_service::Actor,
    id: Uuid,
) -> pamong_service::ServiceResult<ClientPageData> {
    use pamong_service::{clients, supervision};
    let now = ctx.now();
    let today = clients::today_for(&ctx.db, actor, now).await?;
    let detail = clients::get(&ctx.db, actor, id, today, now).await?;
    let timeline = supervision::timeline(&ctx.db, actor, id, today).await?;
    let officers = if detail.can_reassign { clients::officers(&ctx.db, actor).await? } else { Vec::new() };
    Ok(ClientPageData { detail, timeline, officers })
}

/// What the client form needs.
#[server(endpoint = "clients/form-context", input = server_fn::codec::Json)]
pub async fn client_form_setup() -> Result<ClientFormContext, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::clients;
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        Ok(ClientFormContext {
            officers: clients::officers(&ctx.db, &actor).await?,
            today: clients::today_for(&ctx.db, &actor, now).await?,
            can_assign: pamong_service::policy::can_assign_clients(&actor),
        })
    }
    .await;
    lift(&actor, result)
}

/// Registers (no id) or edits a client.
#[server(endpoint = "clients/save", input = server_fn::codec::PostUrl)]
///
/// `version` is the entry's version the edit page was rendered with (see
/// `pamong_service::clients::version_of`); a change made meanwhile answers `Conflict`.
pub async fn save_client(
    id: Option<Uuid>,
    form: ClientForm,
    version: Option<String>,
) -> Result<ClientSummary, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::clients::{self, registry};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        match id {
            Some(id) => registry::update(&ctx.db, &actor, id, &form, version.as_deref(), today, now).await,
            None => registry::create(&ctx.db, &actor, &form, today, now).await,
        }
    }
    .await;
    lift(&actor, result)
}

/// Clients that may be the one being registered.
#[server(endpoint = "clients/similar", input = server_fn::codec::Json)]
pub async fn find_similar_clients(
    full_name: String,
    birth_date: Date,
    exclude: Option<Uuid>,
) -> Result<SimilarClients, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let result =
        pamong_service::clients::registry::similar(&ctx.db, &actor, &full_name, birth_date, exclude).await;
    lift(&actor, result)
}

/// The regions under `parent` (provinces when empty).
#[server(endpoint = "regions/children", input = server_fn::codec::Json)]
pub async fn region_children(parent: String) -> Result<Vec<RegionChoice>, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_domain::region::RegionCode;
    let (ctx, actor) = actor().await?;
    let parent = if parent.is_empty() { None } else { RegionCode::parse(&parent) };
    let result = pamong_service::regions::children(&ctx.db, parent.as_ref()).await;
    lift(
        &actor,
        result.map(|rows| rows.into_iter().map(|r| RegionChoice { code: r.code, name: r.name }).collect()),
    )
}

/// Records a report or home visit; `key` (the form's, or the outbox's) makes it happen once
/// however often it is sent.
#[server(endpoint = "clients/report", input = server_fn::codec::PostUrl)]
pub async fn record_report(id: Uuid, form: ReportForm, key: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_domain::request_key::RequestKey;
    use pamong_service::{clients, supervision};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let key = RequestKey::from_arg(key.as_deref())?;
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        supervision::record_report(&ctx.db, &actor, id, &form, key.as_ref(), today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Records a guidance session, once per `key`.
#[server(endpoint = "clients/guidance", input = server_fn::codec::PostUrl)]
pub async fn record_guidance(id: Uuid, form: GuidanceForm, key: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_domain::request_key::RequestKey;
    use pamong_service::{clients, supervision};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let key = RequestKey::from_arg(key.as_deref())?;
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        supervision::record_guidance(&ctx.db, &actor, id, &form, key.as_ref(), today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Records a violation.
#[server(endpoint = "clients/violation", input = server_fn::codec::PostUrl)]
pub async fn record_violation(id: Uuid, form: ViolationForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, supervision};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        supervision::record_violation(&ctx.db, &actor, id, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Ends a supervision.
#[server(endpoint = "clients/status", input = server_fn::codec::PostUrl)]
pub async fn change_client_status(id: Uuid, form: StatusForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::clients::{self, registry};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        registry::change_status(&ctx.db, &actor, id, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// Moves a violation's action along.
#[server(endpoint = "clients/violation-status", input = server_fn::codec::PostUrl)]
pub async fn update_violation_status(violation: Uuid, status: String) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(
        &actor,
        pamong_service::supervision::update_violation_status(&ctx.db, &actor, violation, &status, now).await,
    )
}

/// The reporting frequency per risk band at the Kabapas's office.
#[server(endpoint = "settings/reporting", input = server_fn::codec::Json)]
pub async fn office_reporting_frequencies() -> Result<ReportingFrequencies, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::settings::office_reporting_frequencies(&ctx.db, &actor).await)
}

/// Sets the reporting frequency per risk band at the Kabapas's office.
#[server(endpoint = "settings/reporting/save", input = server_fn::codec::PostUrl)]
pub async fn save_reporting_frequencies(frequencies: ReportingFrequencies) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let Some(bapas_id) = actor.bapas_id else {
        return Err(AppError::Kind(pamong_domain::ErrorKind::NotFound));
    };
    lift(
        &actor,
        pamong_service::settings::set_reporting_frequencies(&ctx.db, &actor, bapas_id, frequencies, now)
            .await,
    )
}

/// The RRI instrument in force (the form renders its items and scores live with it).
#[server(endpoint = "rri/instrument", input = server_fn::codec::Json)]
pub async fn rri_instrument() -> Result<Instrument, AppError> {
    use crate::api::context::actor;
    let _ = actor().await?;
    Ok(pamong_service::supervision::instrument())
}

/// Records an RRI assessment; the server scores it again.
#[server(endpoint = "clients/assess", input = server_fn::codec::PostUrl)]
pub async fn assess_client(id: Uuid, form: AssessmentForm) -> Result<Score, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, supervision};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        supervision::assess(&ctx.db, &actor, id, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// One page of the officer's Today list, most urgent first; for a Kabapas, the office's by
/// PK, then one PK's (`pk`: a PK's id, or `tanpa` for clients no PK holds).
#[server(endpoint = "today", input = server_fn::codec::Json)]
pub async fn today_list(
    page: u64,
    pk: Option<String>,
) -> Result<pamong_domain::oversight::today_groups::TodayView, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_domain::oversight::today_groups::PkChoice;
    use pamong_service::{clients, today};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let date = clients::today_for(&ctx.db, &actor, now).await?;
        let query = pamong_domain::page::ListQuery { page, ..Default::default() };
        let pk = pk.as_deref().and_then(PkChoice::parse);
        today::view(&ctx.db, &actor, date, pk, &query).await
    }
    .await;
    lift(&actor, result)
}

/// Gives a client to another PK (Kabapas).
#[server(endpoint = "clients/reassign", input = server_fn::codec::PostUrl)]
pub async fn reassign_client(id: Uuid, pk: Uuid) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::clients::assignment::reassign(&ctx.db, &actor, id, pk, now).await)
}

/// Records that the client agreed to report reminders by WhatsApp (`consent`), or withdrew.
#[server(endpoint = "clients/whatsapp-consent", input = server_fn::codec::PostUrl)]
pub async fn set_whatsapp_consent(id: Uuid, consent: bool) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(
        &actor,
        pamong_service::clients::reminders::set_whatsapp_consent(&ctx.db, &actor, id, consent, now).await,
    )
}

/// Asks another Bapas to take a client over.
#[server(endpoint = "clients/transfer", input = server_fn::codec::PostUrl)]
pub async fn request_transfer(id: Uuid, form: TransferForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::clients::assignment::request_transfer(&ctx.db, &actor, id, &form, now).await)
}

/// The office view of a Kabapas: each PK's caseload and transfers waiting for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeCaseload {
    /// Per officer.
    pub loads: Vec<OfficerLoad>,
    /// Waiting transfers into the office.
    pub incoming: Vec<TransferView>,
}

/// The Kabapas's office view.
#[server(endpoint = "caseload/office", input = server_fn::codec::Json)]
pub async fn load_office_caseload() -> Result<OfficeCaseload, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::clients::assignment;
    let (ctx, actor) = actor().await?;
    let result = async {
        let loads = assignment::officer_loads(&ctx.db, &actor).await?;
        let incoming = assignment::incoming(&ctx.db, &actor).await?;
        Ok(OfficeCaseload { loads, incoming })
    }
    .await;
    lift(&actor, result)
}

/// Accepts or refuses a transfer into the Kabapas's office.
#[server(endpoint = "transfers/decide", input = server_fn::codec::PostUrl)]
pub async fn decide_transfer(id: Uuid, accept: bool, note: String) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(
        &actor,
        pamong_service::clients::assignment::decide_transfer(&ctx.db, &actor, id, accept, &note, now).await,
    )
}
