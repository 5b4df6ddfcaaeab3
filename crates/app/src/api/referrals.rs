//! Referrals to partners: the server fns behind the referral form and list on the client's
//! page, the partner user's inbox and answers, the PK's Today, and linking a partner's users.

use leptos::prelude::*;
use pamong_domain::caseload::PersonRef;
use pamong_domain::partners::Choice;
use pamong_domain::referrals::{ReferralForm, ReferralStatus, ReferralView};
use uuid::Uuid;

use crate::error::AppError;

/// Sends a referral.
#[server(endpoint = "referrals/send", input = server_fn::codec::PostUrl)]
pub async fn send_referral(client: Uuid, form: ReferralForm) -> Result<Uuid, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, referrals};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        referrals::create(&ctx.db, &actor, client, &form, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// The partner user's inbox.
#[server(endpoint = "referrals/inbox", input = server_fn::codec::Json)]
pub async fn referral_inbox() -> Result<Vec<ReferralView>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::referrals::inbox(&ctx.db, &actor).await)
}

/// The partner's user accepts, declines (with a reason) or completes (with the outcome).
#[server(endpoint = "referrals/answer", input = server_fn::codec::PostUrl)]
pub async fn answer_referral(id: Uuid, next: ReferralStatus, text: String) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::referrals::respond(&ctx.db, &actor, id, next, &text, now).await)
}

/// The PK's referrals answered lately or late, for Today.
#[server(endpoint = "referrals/recent", input = server_fn::codec::Json)]
pub async fn recent_referrals() -> Result<Vec<ReferralView>, AppError> {
    use crate::api::context::{actor, lift};
    use pamong_service::{clients, referrals};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    let result = async {
        let today = clients::today_for(&ctx.db, &actor, now).await?;
        referrals::recent_for_pk(&ctx.db, &actor, today, now).await
    }
    .await;
    lift(&actor, result)
}

/// The partner users of a partner's office, and whether each is linked to it.
#[server(endpoint = "referrals/partner-users", input = server_fn::codec::Json)]
pub async fn partner_users(partner: Uuid) -> Result<Vec<(PersonRef, bool)>, AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    lift(&actor, pamong_service::partners::mitra_users(&ctx.db, &actor, partner).await)
}

/// Links (or unlinks) a partner user to a partner.
#[server(endpoint = "referrals/link-user", input = server_fn::codec::PostUrl)]
pub async fn link_partner_user(partner: Uuid, user: Uuid, link: bool) -> Result<(), AppError> {
    use crate::api::context::{actor, lift};
    let (ctx, actor) = actor().await?;
    let now = ctx.now();
    lift(&actor, pamong_service::partners::link_user(&ctx.db, &actor, partner, user, link, now).await)
}

/// What the client's page shows of referrals: the client's referrals and, for their PK, the
/// partners to refer to. Loaded with the page by [`crate::api::clients::client_overview`], so
/// the form renders on the server and works before the wasm.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReferralsData {
    /// The client's referrals.
    pub rows: Vec<ReferralView>,
    /// The partners the client may be referred to, with their services (empty unless the
    /// viewer may send referrals).
    pub targets: Vec<(PersonRef, Vec<Choice>)>,
}

#[cfg(feature = "ssr")]
impl ReferralsData {
    /// Loads what `client`'s page shows; `can_send` says whether to load the partners. A
    /// viewer the policy refuses sees no referrals rather than an error page; a database
    /// failure is an error.
    pub async fn load(
        db: &pamong_service::DatabaseConnection,
        actor: &pamong_service::Actor,
        client: Uuid,
        can_send: bool,
    ) -> pamong_service::ServiceResult<Self> {
        use crate::api::context::refused_as_empty;
        use pamong_service::referrals;
        let rows = refused_as_empty(referrals::of_client(db, actor, client).await)?;
        let targets = if can_send {
            refused_as_empty(referrals::targets(db, actor, client).await)?
        } else {
            Vec::new()
        };
        Ok(Self { rows, targets })
    }
}
