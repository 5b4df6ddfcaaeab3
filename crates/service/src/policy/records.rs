//! The policy for case records: clients and children's cases, what of them a viewer may see,
//! Kelayan Binter groups, and referrals to partners.

use pamong_domain::Role;
use pamong_domain::privacy::Disclosure;

use super::{Scope, own_office};
use crate::actor::Actor;
use crate::ids::{BapasId, KanwilId, PartnerId, UserId};

/// Where a client sits and what it is, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseAt {
    /// The supervising Bapas.
    pub bapas_id: BapasId,
    /// Its Kanwil.
    pub kanwil_id: KanwilId,
    /// The assigned PK.
    pub pk_id: Option<UserId>,
    /// Whether the client is a child (SPPA): their identity is protected by law.
    pub child: bool,
}

/// The cases an actor answers for: a Kabapas their whole office, an officer their own
/// caseload. It decides whose Today they have and whose children they may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remit {
    /// Every case of the office.
    Office(BapasId),
    /// The officer's own caseload in the office.
    Caseload(BapasId, UserId),
}

impl Remit {
    /// The office the remit lies in.
    pub fn office(self) -> BapasId {
        match self {
            Remit::Office(b) | Remit::Caseload(b, _) => b,
        }
    }

    /// Whether a case lies in the remit.
    pub fn covers(self, at: CaseAt) -> bool {
        match self {
            Remit::Office(b) => at.bapas_id == b,
            Remit::Caseload(b, pk) => at.bapas_id == b && at.pk_id == Some(pk),
        }
    }
}

/// The actor's remit, if they have one.
pub fn remit(actor: &Actor) -> Option<Remit> {
    match actor.role {
        Role::Kabapas => actor.bapas_id.map(Remit::Office),
        Role::Pk => Some(Remit::Caseload(actor.bapas_id?, actor.user_id?)),
        Role::Admin | Role::Pusat | Role::Kanwil | Role::Koordinator | Role::Mitra => None,
    }
}

/// Clients the actor may read: officers and the Kabapas their office, a Kanwil user the
/// region. The admin, coordinators and partners see no case files: the admin keeps the
/// system, not the cases, and the others get narrower views in their own features.
pub fn client_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Pk | Role::Kabapas | Role::Kanwil => own_office(actor),
        Role::Admin | Role::Pusat | Role::Koordinator | Role::Mitra => Scope::Nothing,
    }
}

/// Whether the actor may read this client.
pub fn can_read_client(actor: &Actor, at: CaseAt) -> bool {
    match client_scope(actor) {
        Scope::All => true,
        Scope::Kanwil(k) => at.kanwil_id == k,
        Scope::Bapas(b) => at.bapas_id == b,
        Scope::Nothing => false,
    }
}

/// Whether the actor may edit this client and record their supervision: the assigned PK,
/// and the Kabapas of the office. Other officers of the office only read.
pub fn can_edit_client(actor: &Actor, at: CaseAt) -> bool {
    remit(actor).is_some_and(|r| r.covers(at))
}

/// Whether the actor's phone may keep this client's pages for reading offline and queue
/// check-ins for them: an officer's own caseload only, never another officer's clients, and
/// never a child, whose record may be read only where each view is logged (SPPA art. 19).
pub fn can_keep_offline(actor: &Actor, at: CaseAt) -> bool {
    matches!(remit(actor), Some(Remit::Caseload(office, pk)) if at.bapas_id == office && at.pk_id == Some(pk))
        && !at.child
}

/// Whether the actor may register clients in their office (as their own caseload, or for
/// the Kabapas, for anyone's).
pub fn can_register_client(actor: &Actor) -> bool {
    remit(actor).is_some()
}

/// Whom a client registered by the actor goes to when the form names nobody: an officer's
/// registrations join their own caseload; the Kabapas's stay unassigned until given.
pub fn registers_into(actor: &Actor) -> Option<UserId> {
    match remit(actor)? {
        Remit::Caseload(_, pk) => Some(pk),
        Remit::Office(_) => None,
    }
}

/// Whether the actor may give clients to officers (on registration, by editing, by
/// reassigning): the Kabapas, in their office.
pub fn can_assign_clients(actor: &Actor) -> bool {
    matches!(remit(actor), Some(Remit::Office(_)))
}

/// The office whose clients the actor may import from a spreadsheet: the Kabapas's own. An
/// import registers many clients at once and gives them to officers, which only the Kabapas
/// does.
pub fn import_office(actor: &Actor) -> Option<BapasId> {
    match remit(actor)? {
        Remit::Office(office) => Some(office),
        Remit::Caseload(..) => None,
    }
}

/// Whether the actor may give this client to another PK: the Kabapas of the office.
pub fn can_reassign_client(actor: &Actor, at: CaseAt) -> bool {
    matches!(remit(actor), Some(r @ Remit::Office(_)) if r.covers(at))
}

/// Whether the actor may accept or refuse a transfer into `to_bapas`: its Kabapas.
pub fn can_decide_transfer(actor: &Actor, to_bapas: BapasId) -> bool {
    remit(actor) == Some(Remit::Office(to_bapas))
}

/// Whether the actor may see a child's identity in full (SPPA art. 19): the cases in their
/// remit, that is the assigned PK and the office's Kabapas. Everyone else who may read the
/// case sees initials and the case number, unless they break the glass.
fn sees_child(actor: &Actor, at: CaseAt) -> bool {
    remit(actor).is_some_and(|r| r.covers(at))
}

/// What the actor may see of the person a client record is about, wherever the record is
/// shown (its page, a list, Today, a transfer, the timeline, an export). An adult's record
/// is open to whoever may read it; a child's to those with a need to know. A record reached
/// without the right to read it (through a group, say) is masked: see
/// [`watched_client_identity`] and [`referral_identity`] for those views.
pub fn identity(actor: &Actor, at: CaseAt) -> Disclosure {
    let open = can_read_client(actor, at) && (!at.child || sees_child(actor, at));
    Disclosure::masked_if(!open)
}

/// Whether the actor may break the glass on a child's record: anyone who may read the case
/// but not see the identity, with a reason that goes into the access log.
pub fn can_break_glass(actor: &Actor, at: CaseAt) -> bool {
    at.child && can_read_client(actor, at) && !sees_child(actor, at)
}

/// Whether children's records appear in the actor's lists at all: only inside their own
/// office, for those with a remit there. A child never turns up in a list of another
/// office (the Kanwil sees counts on its dashboards, not the children).
pub fn lists_children(actor: &Actor) -> bool {
    remit(actor).is_some()
}

/// Which children a name search may find for the actor: exactly those whose identity they
/// see, so that a search cannot confirm to anyone else that a child of that name has a case
/// (the children's list still finds a listed child by case number). `None`: no child.
pub fn children_found_by_name(actor: &Actor) -> Option<Remit> {
    remit(actor)
}

/// Whether the actor may approve or return a Litmas of the office: its Kabapas.
pub fn can_review_litmas(actor: &Actor, at: CaseAt) -> bool {
    can_reassign_client(actor, at)
}

/// Where a Kelayan Binter group sits, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupAt {
    /// Its Bapas.
    pub bapas_id: BapasId,
    /// That Bapas's Kanwil.
    pub kanwil_id: KanwilId,
    /// Its coordinator.
    pub coordinator_id: Option<UserId>,
}

/// Whether the actor may read a group: its coordinator, the office's Kabapas and PKs, the
/// region's Kanwil, the admin. Other coordinators and partners' users do not.
pub fn can_read_group(actor: &Actor, at: GroupAt) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Kanwil => actor.kanwil_id == Some(at.kanwil_id),
        Role::Kabapas | Role::Pk => actor.bapas_id == Some(at.bapas_id),
        Role::Koordinator => actor.user_id.is_some() && at.coordinator_id == actor.user_id,
        Role::Pusat | Role::Mitra => false,
    }
}

/// Whether the actor may record on a group (members, meetings, action items): its
/// coordinator and the office's Kabapas.
pub fn can_manage_group(actor: &Actor, at: GroupAt) -> bool {
    match actor.role {
        Role::Kabapas => actor.bapas_id == Some(at.bapas_id),
        Role::Koordinator => actor.user_id.is_some() && at.coordinator_id == actor.user_id,
        Role::Admin | Role::Pusat | Role::Kanwil | Role::Pk | Role::Mitra => false,
    }
}

/// Whether the actor may form groups in their office: its Kabapas.
pub fn can_create_group(actor: &Actor) -> bool {
    matches!(remit(actor), Some(Remit::Office(_)))
}

/// Whose groups' open action items the actor follows on their home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupsOf {
    /// The groups this coordinator coordinates.
    Coordinated(UserId),
    /// Every group of the office.
    Office(BapasId),
}

/// The groups whose open action items the actor follows: a coordinator their own, the
/// Kabapas the office's.
pub fn group_actions_scope(actor: &Actor) -> Option<GroupsOf> {
    match actor.role {
        Role::Koordinator => actor.user_id.map(GroupsOf::Coordinated),
        Role::Kabapas => actor.bapas_id.map(GroupsOf::Office),
        Role::Admin | Role::Pusat | Role::Kanwil | Role::Pk | Role::Mitra => None,
    }
}

/// What the actor sees of a client put under a group's attention, on the group's page: the
/// group's coordinator and the office's Kabapas see an adult's name and area (they watch
/// over the client), a child only as initials unless the child is in their remit; anyone
/// else who reads the group sees what the client policy lets them see (the admin, who
/// reads no case files, sees initials).
pub fn watched_client_identity(actor: &Actor, group: GroupAt, client: CaseAt) -> Disclosure {
    if can_manage_group(actor, group) && group.bapas_id == client.bapas_id {
        Disclosure::masked_if(client.child && !sees_child(actor, client))
    } else {
        identity(actor, client)
    }
}

/// What the actor sees of the client a referral is about. The partner institution's user it
/// is addressed to sees an adult's name and the referral (the client consented to it); a
/// child reaches a partner as initials and the case number, and the PK brings the child
/// along. Everyone else sees what the client policy lets them see.
pub fn referral_identity(
    actor: &Actor,
    partner: PartnerId,
    partner_office: BapasId,
    client: CaseAt,
) -> Disclosure {
    if super::answers_for_partner(actor, partner, partner_office) {
        Disclosure::masked_if(client.child)
    } else {
        identity(actor, client)
    }
}

/// What the Kabapas deciding a transfer into their office sees of the client: an adult's
/// name (they are to supervise them), a child's initials and case number until the child is
/// theirs. Anyone else sees what the client policy lets them see.
pub fn transfer_identity(actor: &Actor, to_bapas: BapasId, client: CaseAt) -> Disclosure {
    if can_decide_transfer(actor, to_bapas) {
        Disclosure::masked_if(client.child)
    } else {
        identity(actor, client)
    }
}
