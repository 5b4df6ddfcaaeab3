//! The policy for reintegration: whose figures (the needs map, Klien Bapas Peduli, action
//! plans) an actor reads and who writes them, and who reads, keeps, runs and joins
//! programmes. The checklist
//! itself is part of the client's record and follows [`super::can_read_client`] and
//! [`super::can_edit_client`].

use pamong_domain::Role;
use pamong_domain::privacy::Disclosure;

use super::{
    CaseAt, Placement, Remit, Scope, answers_for_partner, can_edit_client, can_manage_partners, client_scope,
    contains, identity, own_office, partner_scope, referral_inbox, remit,
};
use crate::actor::Actor;
use crate::ids::{BapasId, KanwilId, PartnerId};

/// Offices whose figures the actor reads: the Kabapas their office's, a Kanwil user their
/// region's, the admin every office's. Figures count clients and never name them.
pub fn figures_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Admin | Role::Pusat | Role::Kanwil | Role::Kabapas => own_office(actor),
        Role::Pk | Role::Koordinator | Role::Mitra => Scope::Nothing,
    }
}

/// Where a programme sits, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgrammeAt {
    /// The office that runs it.
    pub bapas_id: BapasId,
    /// The office's Kanwil.
    pub kanwil_id: KanwilId,
    /// The partner that runs it with the office.
    pub partner_id: Option<PartnerId>,
}

/// Programmes the actor reads in the catalogue: whoever reads the office's partners (the
/// office's staff, the Kanwil its region's, the admin all). A partner's own user reads only
/// the programmes their institution runs ([`can_read_programme`]).
pub fn programme_scope(actor: &Actor) -> Scope {
    partner_scope(actor)
}

/// Whether the actor is the partner's own user for a programme their institution runs with
/// their office.
fn runs_for_partner(actor: &Actor, at: ProgrammeAt) -> bool {
    at.partner_id.is_some_and(|p| answers_for_partner(actor, p, at.bapas_id))
}

/// Whether the actor reads this programme (and its roll, masked as
/// [`participant_identity`] says).
pub fn can_read_programme(actor: &Actor, at: ProgrammeAt) -> bool {
    let place = Placement { role: actor.role, kanwil_id: Some(at.kanwil_id), bapas_id: Some(at.bapas_id) };
    contains(programme_scope(actor), place) || runs_for_partner(actor, at)
}

/// The programmes the actor runs as a partner's own user, if that is how they read any.
pub fn programme_partner(actor: &Actor) -> Option<PartnerId> {
    referral_inbox(actor)
}

/// Whether the actor keeps the catalogue of `bapas_id`: whoever keeps its partners.
pub fn can_manage_programmes(actor: &Actor, bapas_id: BapasId) -> bool {
    can_manage_partners(actor, bapas_id)
}

/// Whether the actor plans the programme's sessions and records their attendance: the
/// office's officers and Kabapas (participants come from every caseload), and the partner's
/// own user who runs it with them.
pub fn can_run_programme(actor: &Actor, at: ProgrammeAt) -> bool {
    match actor.role {
        Role::Pk | Role::Kabapas => actor.bapas_id == Some(at.bapas_id),
        Role::Mitra => runs_for_partner(actor, at),
        Role::Admin | Role::Pusat | Role::Kanwil | Role::Koordinator => false,
    }
}

/// Whether the actor may enrol this client: whoever records their supervision (their PK,
/// the Kabapas), who asks the client's consent.
pub fn can_enrol(actor: &Actor, client: CaseAt) -> bool {
    can_edit_client(actor, client)
}

/// Whether the actor may end the client's enrolment (completed, dropped out): the client's
/// PK or the Kabapas, and the partner's user who runs the programme and sees it happen.
pub fn can_end_enrolment(actor: &Actor, programme: ProgrammeAt, client: CaseAt) -> bool {
    can_edit_client(actor, client) || runs_for_partner(actor, programme)
}

/// What the actor sees of a participant: the partner's user who runs the programme an
/// adult's name (they work with them) and a child's initials (SPPA art. 19); anyone else
/// what the client policy lets them see.
pub fn participant_identity(actor: &Actor, programme: ProgrammeAt, client: CaseAt) -> Disclosure {
    if runs_for_partner(actor, programme) {
        Disclosure::masked_if(client.child)
    } else {
        identity(actor, client)
    }
}

/// Whether the actor records the Klien Bapas Peduli activities of `bapas_id` and adds their
/// own clients to them: the office's officers and its Kabapas.
pub fn can_record_peduli(actor: &Actor, bapas_id: BapasId) -> bool {
    remit(actor).is_some_and(|r| r.office() == bapas_id)
}

/// Whether the actor reads an office's activities: whoever records them, and whoever reads
/// the office's figures (the Kanwil its region's, the admin every office's).
pub fn can_read_peduli(actor: &Actor, bapas_id: BapasId, kanwil_id: KanwilId) -> bool {
    let place = Placement { role: actor.role, kanwil_id: Some(kanwil_id), bapas_id: Some(bapas_id) };
    can_record_peduli(actor, bapas_id) || contains(figures_scope(actor), place)
}

/// Whether the actor reads who took part in the office's activities: the names stay in the
/// office, with the staff who read its clients (each still masked as [`identity`] says);
/// everyone else reads counts.
pub fn sees_peduli_names(actor: &Actor, bapas_id: BapasId) -> bool {
    actor.bapas_id == Some(bapas_id) && !client_scope(actor).is_empty()
}

/// Whether the actor reads an office's action plans: its officers and Kabapas (who carry
/// them out), and whoever reads its figures (the Kanwil its region's, the admin all).
pub fn can_read_plans(actor: &Actor, bapas_id: BapasId, kanwil_id: KanwilId) -> bool {
    can_read_peduli(actor, bapas_id, kanwil_id)
}

/// Whether the actor writes the office's action plans: its Kabapas.
pub fn can_keep_plans(actor: &Actor, bapas_id: BapasId) -> bool {
    remit(actor) == Some(Remit::Office(bapas_id))
}

/// Who may answer for an objective of the office's plan: its officers and its Kabapas.
pub const OBJECTIVE_OWNERS: [Role; 2] = [Role::Pk, Role::Kabapas];
