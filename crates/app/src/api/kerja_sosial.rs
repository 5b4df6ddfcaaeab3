//! Pidana kerja sosial: the server fns behind the work sites (list, page, editor), the
//! placement and ledger forms on a client's page, and the site supervisor's day.

use leptos::prelude::*;
use pamong_domain::caseload::PersonRef;
use pamong_domain::kerja_sosial::{
    CorrectionForm, PlacementDocument, PlacementForm, PlacementView, SessionForm, SiteChoices, SiteDay,
    SiteForm, SiteView,
};
use uuid::Uuid;

use crate::error::AppError;

/// The work sites the user may read.
#[server(endpoint = "kerja-sosial/sites", input = server_fn::codec::Json)]
pub async fn work_sites() -> Result<Vec<SiteView>, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, kerja_sosial::sites};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        sites::list(&ctx.db, &actor, today).await
    }
    .await;
    lift(&actor, result)
}

/// The work sites the user may read as a file (`format`); export-logged. A GET, so the
/// list's links download.
#[server(endpoint = "kerja-sosial/sites/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_work_sites(
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_service::{clients, kerja_sosial::sites};
    crate::api::context::table_download(format, |x, format| async move {
        let today = clients::today_for(&x.ctx.db, &x.actor, x.now).await?;
        let rows = sites::for_download(&x.ctx.db, &x.actor, format, today, x.now).await?;
        crate::documents::work_sites_table(&rows, format)
    })
    .await
}

/// A work site and the people placed there now.
#[server(endpoint = "kerja-sosial/site", input = server_fn::codec::Json)]
pub async fn work_site(id: Uuid) -> Result<(SiteView, Vec<PlacementView>), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, kerja_sosial::sites};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        sites::get(&ctx.db, &actor, id, today).await
    }
    .await;
    lift(&actor, result)
}

/// What the site editor offers, and the site as it stands (none for a new site).
#[server(endpoint = "kerja-sosial/site-setup", input = server_fn::codec::Json)]
pub async fn site_setup(id: Option<Uuid>) -> Result<(SiteChoices, Option<SiteForm>), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::kerja_sosial::sites;
    let (ctx, actor) = actor().await?;
    let result = async {
        let choices = sites::choices(&ctx.db, &actor).await?;
        let form = match id {
            Some(id) => Some(sites::form_of(&ctx.db, &actor, id).await?),
            None => None,
        };
        Ok((choices, form))
    }
    .await;
    lift(&actor, result)
}

/// Adds (`id` `None`) or changes a work site; returns its id.
#[server(endpoint = "kerja-sosial/site-save", input = server_fn::codec::PostUrl)]
pub async fn save_site(id: Option<Uuid>, form: SiteForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::kerja_sosial::sites::save(&ctx.db, &actor, id, &form, now).await)
}

/// The site supervisor's day at each of their sites.
#[server(endpoint = "kerja-sosial/my-sites", input = server_fn::codec::Json)]
pub async fn my_site_days() -> Result<Vec<SiteDay>, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, kerja_sosial::sites};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        sites::my_days(&ctx.db, &actor, today).await
    }
    .await;
    lift(&actor, result)
}

/// Places a client at a work site.
#[server(endpoint = "kerja-sosial/place", input = server_fn::codec::PostUrl)]
pub async fn place_client(client: Uuid, form: PlacementForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::kerja_sosial::placements::place(&ctx.db, &actor, client, &form, now).await)
}

/// Moves a placement to another site.
#[server(endpoint = "kerja-sosial/move", input = server_fn::codec::PostUrl)]
pub async fn move_placement(id: Uuid, site_id: Uuid) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::kerja_sosial::placements::move_to(&ctx.db, &actor, id, site_id, now).await)
}

/// Records a session of a placement, once per `key` (the form's, or the outbox's).
#[server(endpoint = "kerja-sosial/session", input = server_fn::codec::PostUrl)]
pub async fn record_session(placement: Uuid, form: SessionForm, key: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_domain::request_key::RequestKey;
    use pamong_service::{clients, kerja_sosial::ledger};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let key = RequestKey::from_arg(key.as_deref())?;
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        ledger::record(&ctx.db, &actor, placement, &form, key.as_ref(), today, now).await
    }
    .await;
    lift(&actor, result)
}

/// The site's supervisor signs off a session the PK recorded.
#[server(endpoint = "kerja-sosial/sign-off", input = server_fn::codec::PostUrl)]
pub async fn sign_off_session(id: Uuid) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::kerja_sosial::ledger::sign_off(&ctx.db, &actor, id, now).await)
}

/// Corrects a session (with the reason a signed-off one needs).
#[server(endpoint = "kerja-sosial/correct", input = server_fn::codec::PostUrl)]
pub async fn correct_session(
    id: Uuid,
    form: SessionForm,
    correction: CorrectionForm,
) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, kerja_sosial::ledger};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        ledger::correct(&ctx.db, &actor, id, &form, &correction.reason, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// What a client's page shows of kerja sosial: the placements with their ledgers and, for
/// the PK of a client who works hours, the sites they may be placed at. Loaded with the page
/// by [`crate::api::clients::client_overview`].
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KerjaSosialData {
    /// The client's placements, newest first.
    pub placements: Vec<PlacementView>,
    /// Sites to place at or move to (empty unless the viewer may place the client).
    pub sites: Vec<PersonRef>,
}

#[cfg(feature = "ssr")]
impl KerjaSosialData {
    /// Loads what `client`'s page shows; `can_place` says whether to load the sites. A
    /// viewer the policy refuses sees nothing rather than an error page.
    pub async fn load(
        db: &pamong_service::DatabaseConnection,
        actor: &pamong_service::Actor,
        client: Uuid,
        can_place: bool,
        today: time::Date,
    ) -> pamong_service::ServiceResult<Self> {
        use crate::api::context::refused_as_empty;
        use pamong_service::kerja_sosial::placements;
        let placements = refused_as_empty(placements::of_client(db, actor, client, today).await)?;
        let sites = if can_place {
            refused_as_empty(placements::sites_for(db, actor, client).await)?
        } else {
            Vec::new()
        };
        Ok(Self { placements, sites })
    }
}

/// A placement's printable documents (the hours statement, the letter to the prosecutor).
#[server(endpoint = "kerja-sosial/document", input = server_fn::codec::Json)]
pub async fn placement_print(id: Uuid) -> Result<PlacementDocument, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, kerja_sosial::closing};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        closing::document(&ctx.db, &actor, id, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// A placement's hours statement as a PDF on the office's letterhead; written to the export
/// log. A GET, so a plain link downloads it.
#[server(endpoint = "kerja-sosial/statement-pdf", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn statement_pdf(id: Uuid) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use pamong_service::{clients, kerja_sosial::closing};
    crate::api::context::file_download(|x| async move {
        let today = clients::today_for(&x.ctx.db, &x.actor, x.now).await?;
        let doc = closing::statement_for_print(&x.ctx.db, &x.actor, id, today, x.now).await?;
        crate::documents::statement(&doc, x.now)
    })
    .await
}

/// Closes a placement whose hours are all signed off (for a kerja sosial sentence, the
/// client's supervision with it).
#[server(endpoint = "kerja-sosial/complete", input = server_fn::codec::PostUrl)]
pub async fn complete_placement(placement: Uuid) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, kerja_sosial::closing};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        closing::complete(&ctx.db, &actor, placement, today, now).await
    }
    .await;
    lift(&actor, result)
}
