//! The policy for reintegration: whose figures (the needs map, and the programme reports to
//! come) an actor reads. The checklist itself is part of the client's record and follows
//! [`super::can_read_client`] and [`super::can_edit_client`].

use pamong_domain::Role;

use super::{Scope, own_office};
use crate::actor::Actor;

/// Offices whose figures the actor reads: the Kabapas their office's, a Kanwil user their
/// region's, the admin every office's. Figures count clients and never name them.
pub fn figures_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Admin | Role::Kanwil | Role::Kabapas => own_office(actor),
        Role::Pk | Role::Koordinator | Role::Mitra => Scope::Nothing,
    }
}
