//! The policy for pidana kerja sosial: who keeps work sites, who places people at them,
//! who records and signs off the hours, and what a site's supervisor sees of the person.

use pamong_domain::privacy::Disclosure;

use super::{
    CaseAt, PARTNER_USER_ROLE, Scope, can_edit_client, can_manage_partners, identity, partner_scope,
};
use crate::actor::Actor;
use crate::ids::{BapasId, UserId};

/// Where a work site sits, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteAt {
    /// The Bapas that places people there.
    pub bapas_id: BapasId,
    /// The partner's own user who supervises it.
    pub supervisor_id: Option<UserId>,
}

/// Work sites the actor may read: those who read the office's partners (the sites are
/// theirs).
pub fn work_site_scope(actor: &Actor) -> Scope {
    partner_scope(actor)
}

/// Whether the actor keeps the work sites of `bapas_id`: whoever keeps its partners.
pub fn can_manage_work_sites(actor: &Actor, bapas_id: BapasId) -> bool {
    can_manage_partners(actor, bapas_id)
}

/// The user whose sites the actor supervises: a partner's own user.
pub fn site_supervisor(actor: &Actor) -> Option<UserId> {
    if actor.role == PARTNER_USER_ROLE { actor.user_id } else { None }
}

/// Whether the actor is the site's supervisor, while working for its office (a user moved
/// elsewhere does not take the site along).
pub fn supervises_site(actor: &Actor, site: SiteAt) -> bool {
    site_supervisor(actor).is_some_and(|me| site.supervisor_id == Some(me))
        && actor.bapas_id == Some(site.bapas_id)
}

/// Whether the actor may place this client at a site, or move their placement: whoever
/// records their supervision (the PK, the Kabapas).
pub fn can_place(actor: &Actor, client: CaseAt) -> bool {
    can_edit_client(actor, client)
}

/// Whether the actor may record a session of a person placed at `site`: the site's
/// supervisor (signed off as they record it), or the client's PK (waiting for sign-off).
pub fn can_record_hours(actor: &Actor, client: CaseAt, site: SiteAt) -> bool {
    supervises_site(actor, site) || can_edit_client(actor, client)
}

/// Whether the actor signs sessions at `site` off: its supervisor only.
pub fn can_sign_off(actor: &Actor, site: SiteAt) -> bool {
    supervises_site(actor, site)
}

/// What the actor sees of a person placed at `site`: its supervisor an adult's name (they
/// work with them) and a child's initials (SPPA art. 19); anyone else what the client policy
/// lets them see.
pub fn placement_identity(actor: &Actor, site: SiteAt, client: CaseAt) -> Disclosure {
    if supervises_site(actor, site) { Disclosure::masked_if(client.child) } else { identity(actor, client) }
}

/// Whether the supervisor's phone may keep the site's day for offline use: what it holds
/// is already masked for them, and they record there where the signal is weakest.
pub fn can_keep_site_offline(actor: &Actor, site: SiteAt) -> bool {
    supervises_site(actor, site)
}
