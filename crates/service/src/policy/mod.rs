//! The one place that decides who may see and do what.
//!
//! Service fns ask here and filter their queries by the answers; nothing else in the code
//! base matches on a [`Role`] (a test in `tests/policy_is_the_one_place.rs` keeps it so). A
//! record outside the actor's scope is reported as "not found", so that its existence does
//! not leak. What a user may do at all travels to the pages as [`Abilities`]; what they may
//! do with a record travels with the record (`can_edit`, `masked`, …).
//!
//! This module answers for the user and the organisation (offices, users, partners);
//! [`records`] for clients, children, groups and referrals.

mod kerja_sosial;
mod oversight;
mod records;
mod reintegration;

pub use kerja_sosial::*;
pub use oversight::*;
pub use records::*;
pub use reintegration::*;

use pamong_domain::Role;
use pamong_domain::user::Abilities;

use crate::actor::Actor;
use crate::ids::{BapasId, KanwilId, PartnerId};

/// The rights of the system actor (the CLI, the demo seed): the admin's.
pub const SYSTEM_ROLE: Role = Role::Admin;
/// The role whose users hold a caseload: clients are given to them.
pub const CASELOAD_ROLE: Role = Role::Pk;
/// The role whose users coordinate Kelayan Binter groups.
pub const COORDINATOR_ROLE: Role = Role::Koordinator;
/// The role of a partner institution's own users.
pub const PARTNER_USER_ROLE: Role = Role::Mitra;
/// The role that answers for an office: reminders about the office's agreements go to it.
pub const OFFICE_HEAD_ROLE: Role = Role::Kabapas;

/// Which records of a kind an actor may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything in the country.
    All,
    /// What belongs to this Kanwil, including its Bapas.
    Kanwil(KanwilId),
    /// What belongs to this Bapas.
    Bapas(BapasId),
    /// Nothing.
    Nothing,
}

impl Scope {
    /// Whether the scope holds anything at all.
    pub fn is_empty(self) -> bool {
        self == Scope::Nothing
    }
}

/// Where a user sits, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Their role.
    pub role: Role,
    /// Their Kanwil (directly or through the Bapas).
    pub kanwil_id: Option<KanwilId>,
    /// Their Bapas.
    pub bapas_id: Option<BapasId>,
}

/// Whether a placement lies inside a scope.
pub fn contains(scope: Scope, at: Placement) -> bool {
    match scope {
        Scope::All => true,
        Scope::Kanwil(k) => at.kanwil_id == Some(k),
        Scope::Bapas(b) => at.bapas_id == Some(b),
        Scope::Nothing => false,
    }
}

/// The scope of an actor's own office and what lies under it: the admin everything, a Kanwil
/// user the region, anyone of a Bapas that Bapas.
fn own_office(actor: &Actor) -> Scope {
    match actor.role {
        Role::Admin | Role::Pusat => Scope::All,
        Role::Kanwil => actor.kanwil_id.map_or(Scope::Nothing, Scope::Kanwil),
        Role::Kabapas | Role::Pk | Role::Koordinator | Role::Mitra => {
            actor.bapas_id.map_or(Scope::Nothing, Scope::Bapas)
        }
    }
}

/// What the actor may do at all, for the pages.
pub fn abilities(actor: &Actor) -> Abilities {
    let remit = remit(actor);
    Abilities {
        today: remit.is_some(),
        own_caseload: matches!(remit, Some(Remit::Caseload(..))),
        keep_offline: matches!(remit, Some(Remit::Caseload(..))) || site_supervisor(actor).is_some(),
        clients: !client_scope(actor).is_empty(),
        register_clients: can_register_client(actor),
        import_clients: import_office(actor).is_some(),
        children: lists_children(actor),
        office_caseload: office_caseload(actor).is_some(),
        access_log: !log_scope(actor).is_empty(),
        export_log: !log_scope(actor).is_empty(),
        data_subject_export: data_subject_office(actor).is_some(),
        partners: !partner_scope(actor).is_empty(),
        keep_partners: keeps_partners(actor),
        choose_partner_office: chooses_partner_office(actor),
        partner_choices: can_manage_reference_data(actor),
        form_groups: can_create_group(actor),
        coordinate_groups: matches!(group_actions_scope(actor), Some(GroupsOf::Coordinated(_))),
        answer_referrals: referral_inbox(actor).is_some(),
        manage_offices: can_manage_offices(actor),
        bapas_offices: matches!(office_scope(actor), Scope::All | Scope::Kanwil(_)),
        users: !user_scope(actor).is_empty(),
        work_sites: !work_site_scope(actor).is_empty(),
        keep_work_sites: keeps_partners(actor),
        supervise_sites: site_supervisor(actor).is_some(),
        figures: !figures_scope(actor).is_empty(),
        programmes: !programme_scope(actor).is_empty() || programme_partner(actor).is_some(),
        keep_programmes: keeps_partners(actor),
        peduli: remit.is_some() || !figures_scope(actor).is_empty(),
        compare_offices: comparison(actor).is_some(),
        audit_log: !audit_scope(actor).is_empty(),
        api_tokens: can_issue_api_tokens(actor),
    }
}

/// Offices (Kanwil and Bapas) the actor may read: their own office and what lies under it.
pub fn office_scope(actor: &Actor) -> Scope {
    own_office(actor)
}

/// Whether the actor may create, edit and deactivate Kanwil and Bapas offices.
pub fn can_manage_offices(actor: &Actor) -> bool {
    actor.role == Role::Admin
}

/// Whether the actor may load reference data that serves the whole country (the region
/// list, instrument versions, the lists of partner kinds and services).
pub fn can_manage_reference_data(actor: &Actor) -> bool {
    actor.role == Role::Admin
}

/// Users the actor may list and read: the admin everyone, a Kanwil user their region, a
/// Kabapas their office. Officers, coordinators and partners see only themselves (through
/// their own profile, not through this scope).
pub fn user_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Admin | Role::Kanwil | Role::Kabapas => own_office(actor),
        Role::Pusat | Role::Pk | Role::Koordinator | Role::Mitra => Scope::Nothing,
    }
}

/// Whether the actor may issue, list and revoke users' REST API tokens: the admin, who keeps
/// the system's connections to other systems. A token acts as its user, under this same
/// policy, wherever that user sits.
pub fn can_issue_api_tokens(actor: &Actor) -> bool {
    matches!(actor.role, Role::Admin)
}

/// Whether the actor must sign in with a second factor (a code from an authenticator app):
/// the admin, and those who read a whole office's, a region's or the country's records. An
/// officer, a coordinator or a partner may turn it on for themselves.
pub fn requires_second_factor(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Pusat | Role::Kanwil | Role::Kabapas => true,
        Role::Pk | Role::Koordinator | Role::Mitra => false,
    }
}

/// Whether the actor may create a user at `target`, or edit, reset or deactivate one who is
/// there (checked for both the old and the new placement on an edit). The admin manages
/// everyone; a Kabapas manages the roles below theirs in their own office; nobody else
/// manages users.
pub fn can_manage_user(actor: &Actor, target: Placement) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Kabapas => {
            actor.bapas_id.is_some()
                && target.bapas_id == actor.bapas_id
                && actor.role.assignable_roles().contains(&target.role)
        }
        Role::Pusat | Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => false,
    }
}

/// The office whose officers' caseloads the actor reads and reassigns: a Kabapas their own.
pub fn office_caseload(actor: &Actor) -> Option<BapasId> {
    match actor.role {
        Role::Kabapas => actor.bapas_id,
        Role::Admin | Role::Pusat | Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => None,
    }
}

/// Whether the actor may set a Bapas's reporting frequencies: its Kabapas, or the admin.
pub fn can_set_reporting(actor: &Actor, bapas_id: BapasId) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Kabapas => actor.bapas_id == Some(bapas_id),
        Role::Pusat | Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => false,
    }
}

/// Which logs of who read and exported what the actor may read (the access log of children's
/// records and the export log): a Kabapas their office's, a Kanwil user their region's.
pub fn log_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Kabapas | Role::Kanwil => own_office(actor),
        Role::Admin | Role::Pusat | Role::Pk | Role::Koordinator | Role::Mitra => Scope::Nothing,
    }
}

/// The office whose clients' data-subject exports (UU PDP 27/2022 art. 7) the actor may
/// produce: a Kabapas, as the controller's officer answering for the office.
pub fn data_subject_office(actor: &Actor) -> Option<BapasId> {
    match actor.role {
        Role::Kabapas => actor.bapas_id,
        Role::Admin | Role::Pusat | Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => None,
    }
}

/// Partner institutions and their agreements the actor may read: the admin all, a Kanwil
/// user their region's, the staff of a Bapas their office's. A partner's own users see only
/// their institution, through their own features.
pub fn partner_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Admin | Role::Kanwil | Role::Kabapas | Role::Pk | Role::Koordinator => own_office(actor),
        Role::Pusat | Role::Mitra => Scope::Nothing,
    }
}

/// Whether the actor keeps partners and agreements anywhere (the admin) or in their office
/// (a Kabapas); see [`can_manage_partners`] for a given office.
pub fn keeps_partners(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Kabapas => actor.bapas_id.is_some(),
        Role::Pusat | Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => false,
    }
}

/// Whether the actor names the office of a new partner (the admin); everyone else who keeps
/// partners adds them to their own office.
pub fn chooses_partner_office(actor: &Actor) -> bool {
    actor.role == Role::Admin
}

/// Whether the actor may add and change the partners and agreements of `bapas_id`: the
/// admin, and that office's Kabapas.
pub fn can_manage_partners(actor: &Actor, bapas_id: BapasId) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Kabapas => actor.bapas_id == Some(bapas_id),
        Role::Pusat | Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => false,
    }
}

/// The institution whose referrals the actor answers: a partner's own user, while linked to
/// a partner of their office (checked against the partner's office by the caller, with
/// [`answers_for_partner`]).
pub fn referral_inbox(actor: &Actor) -> Option<PartnerId> {
    match actor.role {
        Role::Mitra => actor.partner_id,
        Role::Admin | Role::Pusat | Role::Kanwil | Role::Kabapas | Role::Pk | Role::Koordinator => None,
    }
}

/// Whether the actor answers for `partner`, a partner institution of `partner_office`: its
/// linked user, while they work for the same Bapas (a user moved to another office does not
/// take the old partner's inbox along).
pub fn answers_for_partner(actor: &Actor, partner: PartnerId, partner_office: BapasId) -> bool {
    referral_inbox(actor) == Some(partner) && actor.bapas_id == Some(partner_office)
}

#[cfg(test)]
mod tests;
