//! Partner institutions and cooperation agreements (PKS): the server fns behind the
//! directory, the partner and agreement pages, the expiry reminders and the admin's lists of
//! kinds and services. Each resolves the actor and calls the service, which asks the policy.

use leptos::prelude::*;
use pamong_domain::agreements::{AgreementForm, AgreementView, Reminder, TerminationForm};
use pamong_domain::office::OfficeRef;
use pamong_domain::page::Page;
use pamong_domain::partners::{Choice, PartnerFilter, PartnerForm, PartnerView};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// What the partner pages need besides the records: the configured lists, the offices the
/// admin may choose, and whether the user may add partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerSetup {
    /// Kinds of institution.
    pub kinds: Vec<Choice>,
    /// The service catalogue.
    pub services: Vec<Choice>,
    /// Offices to choose from (the admin), empty for a Kabapas (their own).
    pub offices: Vec<OfficeRef>,
    /// Whether the user may add partners.
    pub can_add: bool,
}

/// A partner's page: the institution and its agreements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerPage {
    /// The partner.
    pub partner: PartnerView,
    /// Its agreements, newest first.
    pub agreements: Vec<AgreementView>,
}

/// An agreement's page: the agreement and those it renewed, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementPage {
    /// The agreement.
    pub agreement: AgreementView,
    /// Earlier agreements it renews.
    pub history: Vec<AgreementView>,
}

/// An agreement ending soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRow {
    /// The agreement.
    pub agreement: AgreementView,
    /// 90 or 30 days.
    pub reminder: Reminder,
}

/// The lists and choices for the partner pages.
#[server(endpoint = "partners/setup", input = server_fn::codec::Json)]
pub async fn load_partner_setup() -> Result<PartnerSetup, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::policy;
    use pamong_service::settings::{self, ChoiceList};
    let (ctx, actor) = actor().await?;
    let result = async {
        let offices = if policy::chooses_partner_office(&actor) {
            pamong_service::offices::options(&ctx.db, &actor).await?.bapas
        } else {
            Vec::new()
        };
        Ok(PartnerSetup {
            kinds: settings::choices(&ctx.db, ChoiceList::PartnerKinds).await?,
            services: settings::choices(&ctx.db, ChoiceList::PartnerServices).await?,
            offices,
            can_add: policy::keeps_partners(&actor),
        })
    }
    .await;
    lift(&actor, result)
}

/// A page of partners.
#[server(endpoint = "partners/list", input = server_fn::codec::Json)]
pub async fn list_partners(filter: PartnerFilter) -> Result<Page<PartnerView>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::partners::list(&ctx.db, &actor, &filter).await)
}

/// The partner directory as searched (`q`, `jenis`, `layanan`), as a file (`format`);
/// export-logged. A GET, so the page's links download.
#[server(endpoint = "partners/export", input = server_fn::codec::GetUrl, output = server_fn::codec::Streaming)]
pub async fn export_partners(
    q: Option<String>,
    jenis: Option<String>,
    layanan: Option<String>,
    format: Option<String>,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    crate::api::context::table_download(format, |x, format| async move {
        let list = pamong_domain::page::ListQuery { q: q.unwrap_or_default(), ..Default::default() };
        let filter = PartnerFilter {
            list,
            kind: jenis.filter(|k| !k.is_empty()),
            service: layanan.filter(|s| !s.is_empty()),
        };
        let rows =
            pamong_service::partners::for_download(&x.ctx.db, &x.actor, &filter, format, x.now).await?;
        crate::documents::partners_table(&rows, format)
    })
    .await
}

/// A partner with its agreements.
#[server(endpoint = "partners/get", input = server_fn::codec::Json)]
pub async fn load_partner(id: Uuid) -> Result<PartnerPage, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, partners};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        Ok(PartnerPage {
            partner: partners::get(&ctx.db, &actor, id).await?,
            agreements: partners::agreements::of_partner(&ctx.db, &actor, id, today).await?,
        })
    }
    .await;
    lift(&actor, result)
}

/// Adds (`id` `None`) or changes a partner; returns its id.
#[server(endpoint = "partners/save", input = server_fn::codec::PostUrl)]
pub async fn save_partner(id: Option<Uuid>, form: PartnerForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::partners::save(&ctx.db, &actor, id, &form, now).await)
}

/// Adds a member to a Pokmas Lipas.
#[server(endpoint = "partners/pokmas-member", input = server_fn::codec::PostUrl)]
pub async fn add_pokmas_member(
    id: Uuid,
    form: pamong_domain::partners::PokmasMemberForm,
) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::partners::add_pokmas_member(&ctx.db, &actor, id, &form, now).await)
}

/// Deactivates or reactivates a partner.
#[server(endpoint = "partners/active", input = server_fn::codec::Json)]
pub async fn set_partner_active(id: Uuid, active: bool) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::partners::set_active(&ctx.db, &actor, id, active, now).await)
}

/// An agreement with its history.
#[server(endpoint = "agreements/get", input = server_fn::codec::Json)]
pub async fn load_agreement(id: Uuid) -> Result<AgreementPage, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, partners::agreements};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        let (agreement, history) = agreements::get(&ctx.db, &actor, id, today).await?;
        Ok(AgreementPage { agreement, history })
    }
    .await;
    lift(&actor, result)
}

/// Records an agreement with `partner` (renewing `renews`), or changes agreement `id`.
#[server(endpoint = "agreements/save", input = server_fn::codec::PostUrl)]
pub async fn save_agreement(
    partner: Uuid,
    id: Option<Uuid>,
    renews: Option<Uuid>,
    form: AgreementForm,
) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::partners::agreements;
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = match id {
        Some(id) => agreements::update(&ctx.db, &actor, id, &form, now).await.map(|()| id),
        None => agreements::create(&ctx.db, &actor, partner, renews, &form, now).await,
    };
    lift(&actor, result)
}

/// Ends an agreement early.
#[server(endpoint = "agreements/terminate", input = server_fn::codec::PostUrl)]
pub async fn terminate_agreement(id: Uuid, form: TerminationForm) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::partners::agreements::terminate(&ctx.db, &actor, id, &form, now).await)
}

/// Agreements ending within 90 days that the user keeps (admin, Kabapas).
#[server(endpoint = "agreements/reminders", input = server_fn::codec::Json)]
pub async fn agreement_reminders() -> Result<Vec<ReminderRow>, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, partners::agreements};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        Ok(agreements::reminders(&ctx.db, &actor, today)
            .await?
            .into_iter()
            .map(|r| ReminderRow { agreement: r.agreement, reminder: r.reminder })
            .collect())
    }
    .await;
    lift(&actor, result)
}

/// Replaces the lists of kinds and services (the admin), each as `code: label` lines.
#[server(endpoint = "partners/choices", input = server_fn::codec::PostUrl)]
pub async fn save_partner_choices(kinds: String, services: String) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::settings::{self, ChoiceList};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        settings::set_choices(&ctx.db, &actor, ChoiceList::PartnerKinds, &kinds, now)
            .await
            .map_err(|e| rename(e, "kinds"))?;
        settings::set_choices(&ctx.db, &actor, ChoiceList::PartnerServices, &services, now)
            .await
            .map_err(|e| rename(e, "services"))
    }
    .await;
    lift(&actor, result)
}

/// Points a list's field error at the textarea it came from.
#[cfg(feature = "ssr")]
fn rename(err: pamong_service::ServiceError, field: &str) -> pamong_service::ServiceError {
    use pamong_domain::ErrorKind;
    match err {
        pamong_service::ServiceError::Domain(ErrorKind::Invalid(errors)) => {
            let mut renamed = pamong_domain::FieldErrors::new();
            for e in errors.0 {
                renamed.add(field, e.problem);
            }
            ErrorKind::Invalid(renamed).into()
        }
        other => other,
    }
}
