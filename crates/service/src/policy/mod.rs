//! The one place that decides who may see and do what.
//!
//! Service fns ask here and filter their queries by the [`Scope`] returned; no page or server
//! fn filters by hand. A record outside the actor's scope is reported as "not found", so that
//! its existence does not leak.

use pamong_domain::Role;

use crate::actor::Actor;

/// Which records of a kind an actor may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything in the country.
    All,
    /// What belongs to this Kanwil (internal id), including its Bapas.
    Kanwil(i32),
    /// What belongs to this Bapas (internal id).
    Bapas(i32),
    /// Nothing.
    Nothing,
}

/// Where a user sits, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Their role.
    pub role: Role,
    /// Their Kanwil (directly or through the Bapas).
    pub kanwil_id: Option<i32>,
    /// Their Bapas.
    pub bapas_id: Option<i32>,
}

/// Offices (Kanwil and Bapas) the actor may read: their own office and what lies under it.
pub fn office_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Admin => Scope::All,
        Role::Kanwil => actor.kanwil_id.map_or(Scope::Nothing, Scope::Kanwil),
        Role::Kabapas | Role::Pk | Role::Koordinator | Role::Mitra => {
            actor.bapas_id.map_or(Scope::Nothing, Scope::Bapas)
        }
    }
}

/// Whether the actor may create, edit and deactivate Kanwil and Bapas offices.
pub fn can_manage_offices(actor: &Actor) -> bool {
    actor.role == Role::Admin
}

/// Whether the actor may load reference data that serves the whole country (the region
/// list, instrument versions).
pub fn can_manage_reference_data(actor: &Actor) -> bool {
    actor.role == Role::Admin
}

/// Users the actor may list and read: the admin everyone, a Kanwil user their region, a
/// Kabapas their office. Officers, coordinators and partners see only themselves (through
/// their own profile, not through this scope).
pub fn user_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Admin => Scope::All,
        Role::Kanwil => actor.kanwil_id.map_or(Scope::Nothing, Scope::Kanwil),
        Role::Kabapas => actor.bapas_id.map_or(Scope::Nothing, Scope::Bapas),
        Role::Pk | Role::Koordinator | Role::Mitra => Scope::Nothing,
    }
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
        Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => false,
    }
}

/// Where a client sits, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseAt {
    /// The supervising Bapas.
    pub bapas_id: i32,
    /// Its Kanwil.
    pub kanwil_id: i32,
    /// The assigned PK.
    pub pk_id: Option<i32>,
}

/// Clients the actor may read: officers and the Kabapas their office, a Kanwil user the
/// region. The admin, coordinators and partners see no case files here: the admin keeps
/// the system, not the cases, and the others get narrower views in their own features.
pub fn client_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Pk | Role::Kabapas => actor.bapas_id.map_or(Scope::Nothing, Scope::Bapas),
        Role::Kanwil => actor.kanwil_id.map_or(Scope::Nothing, Scope::Kanwil),
        Role::Admin | Role::Koordinator | Role::Mitra => Scope::Nothing,
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
    let same_office = actor.bapas_id == Some(at.bapas_id);
    match actor.role {
        Role::Kabapas => same_office,
        Role::Pk => same_office && actor.user_id.is_some() && at.pk_id == actor.user_id,
        Role::Admin | Role::Kanwil | Role::Koordinator | Role::Mitra => false,
    }
}

/// Whether the actor may register clients in their office (as their own caseload, or for
/// the Kabapas, for anyone's).
pub fn can_register_client(actor: &Actor) -> bool {
    matches!(actor.role, Role::Pk | Role::Kabapas) && actor.bapas_id.is_some()
}

/// Whether the actor may give a client to another PK: the Kabapas of the office.
pub fn can_reassign_client(actor: &Actor, at: CaseAt) -> bool {
    actor.role == Role::Kabapas && actor.bapas_id == Some(at.bapas_id)
}

/// Whether the actor may accept or refuse a transfer into `to_bapas_id`: its Kabapas.
pub fn can_decide_transfer(actor: &Actor, to_bapas_id: i32) -> bool {
    actor.role == Role::Kabapas && actor.bapas_id == Some(to_bapas_id)
}

/// Whether the actor may see a child's identity in full (SPPA art. 19): the assigned PK and
/// the office's Kabapas. Everyone else who may read the case sees initials and the case
/// number, unless they break the glass.
pub fn can_see_child_identity(actor: &Actor, bapas_id: i32, pk_id: Option<i32>) -> bool {
    match actor.role {
        Role::Kabapas => actor.bapas_id == Some(bapas_id),
        Role::Pk => actor.bapas_id == Some(bapas_id) && actor.user_id.is_some() && pk_id == actor.user_id,
        Role::Admin | Role::Kanwil | Role::Koordinator | Role::Mitra => false,
    }
}

/// Whether the actor may break the glass on a child's record: anyone who may read the case
/// but not see the identity, with a reason that goes into the access log.
pub fn can_break_glass(actor: &Actor, at: CaseAt) -> bool {
    can_read_client(actor, at) && !can_see_child_identity(actor, at.bapas_id, at.pk_id)
}

/// Whether children's records may appear in the actor's lists and searches: only inside
/// their own office. A child never turns up in a search by another office (the Kanwil sees
/// counts on its dashboards, not the children).
pub fn lists_children(actor: &Actor) -> bool {
    matches!(actor.role, Role::Pk | Role::Kabapas)
}

/// Whether the actor may approve or return a Litmas of the office: its Kabapas.
pub fn can_review_litmas(actor: &Actor, at: CaseAt) -> bool {
    actor.role == Role::Kabapas && actor.bapas_id == Some(at.bapas_id)
}

/// The office whose access log the actor may read: a Kabapas their own.
pub fn access_log_office(actor: &Actor) -> Option<i32> {
    match actor.role {
        Role::Kabapas => actor.bapas_id,
        Role::Admin | Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => None,
    }
}

/// Partner institutions and their agreements the actor may read: the admin all, a Kanwil
/// user their region's, the staff of a Bapas their office's. A partner's own users (`mitra`)
/// see only their institution, through their own features.
pub fn partner_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Admin => Scope::All,
        Role::Kanwil => actor.kanwil_id.map_or(Scope::Nothing, Scope::Kanwil),
        Role::Kabapas | Role::Pk | Role::Koordinator => actor.bapas_id.map_or(Scope::Nothing, Scope::Bapas),
        Role::Mitra => Scope::Nothing,
    }
}

/// Whether the actor may add and change the partners and agreements of `bapas_id`: the
/// admin, and that office's Kabapas.
pub fn can_manage_partners(actor: &Actor, bapas_id: i32) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Kabapas => actor.bapas_id == Some(bapas_id),
        Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => false,
    }
}

/// Where a Kelayan Binter group sits, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupAt {
    /// Its Bapas.
    pub bapas_id: i32,
    /// That Bapas's Kanwil.
    pub kanwil_id: i32,
    /// Its coordinator.
    pub coordinator_id: Option<i32>,
}

/// Whether the actor may read a group: its coordinator, the office's Kabapas and PKs, the
/// region's Kanwil, the admin. Other coordinators and partners' users do not.
pub fn can_read_group(actor: &Actor, at: GroupAt) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Kanwil => actor.kanwil_id == Some(at.kanwil_id),
        Role::Kabapas | Role::Pk => actor.bapas_id == Some(at.bapas_id),
        Role::Koordinator => actor.user_id.is_some() && at.coordinator_id == actor.user_id,
        Role::Mitra => false,
    }
}

/// Whether the actor may record on a group (members, meetings, action items): its
/// coordinator and the office's Kabapas.
pub fn can_manage_group(actor: &Actor, at: GroupAt) -> bool {
    match actor.role {
        Role::Kabapas => actor.bapas_id == Some(at.bapas_id),
        Role::Koordinator => actor.user_id.is_some() && at.coordinator_id == actor.user_id,
        Role::Admin | Role::Kanwil | Role::Pk | Role::Mitra => false,
    }
}

/// Whether the actor may form groups in their office: its Kabapas.
pub fn can_create_group(actor: &Actor) -> bool {
    actor.role == Role::Kabapas && actor.bapas_id.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KANWIL: i32 = 1;
    const OTHER_KANWIL: i32 = 2;
    const BAPAS: i32 = 10;
    const OTHER_BAPAS: i32 = 20;

    fn actor(role: Role) -> Actor {
        let (kanwil_id, bapas_id) = match role.office_level() {
            pamong_domain::role::OfficeLevel::National => (None, None),
            pamong_domain::role::OfficeLevel::Kanwil => (Some(KANWIL), None),
            pamong_domain::role::OfficeLevel::Bapas => (Some(KANWIL), Some(BAPAS)),
        };
        Actor { role, kanwil_id, bapas_id, ..Actor::system() }
    }

    fn at(role: Role, kanwil: i32, bapas: i32) -> Placement {
        Placement { role, kanwil_id: Some(kanwil), bapas_id: Some(bapas) }
    }

    #[test]
    fn office_scope_per_role() {
        assert_eq!(office_scope(&actor(Role::Admin)), Scope::All);
        assert_eq!(office_scope(&actor(Role::Kanwil)), Scope::Kanwil(KANWIL));
        for role in [Role::Kabapas, Role::Pk, Role::Koordinator, Role::Mitra] {
            assert_eq!(office_scope(&actor(role)), Scope::Bapas(BAPAS), "{role:?}");
        }
        let orphan = Actor { bapas_id: None, ..actor(Role::Pk) };
        assert_eq!(office_scope(&orphan), Scope::Nothing);
    }

    #[test]
    fn only_admin_manages_offices() {
        for role in Role::ALL {
            assert_eq!(can_manage_offices(&actor(role)), role == Role::Admin, "{role:?}");
        }
    }

    #[test]
    fn user_management_matrix() {
        // (actor role, target role, same office?) -> allowed
        for actor_role in Role::ALL {
            for target_role in Role::ALL {
                for same_office in [true, false] {
                    let target = if same_office {
                        at(target_role, KANWIL, BAPAS)
                    } else {
                        at(target_role, OTHER_KANWIL, OTHER_BAPAS)
                    };
                    let expected = match actor_role {
                        Role::Admin => true,
                        Role::Kabapas => {
                            same_office && matches!(target_role, Role::Pk | Role::Koordinator | Role::Mitra)
                        }
                        _ => false,
                    };
                    assert_eq!(
                        can_manage_user(&actor(actor_role), target),
                        expected,
                        "{actor_role:?} managing {target_role:?}, same office {same_office}"
                    );
                }
            }
        }
    }

    #[test]
    fn user_read_scope_matrix() {
        let own = at(Role::Pk, KANWIL, BAPAS);
        let same_region = at(Role::Pk, KANWIL, OTHER_BAPAS);
        let elsewhere = at(Role::Pk, OTHER_KANWIL, OTHER_BAPAS);
        let cases = [
            (Role::Admin, [true, true, true]),
            (Role::Kanwil, [true, true, false]),
            (Role::Kabapas, [true, false, false]),
            (Role::Pk, [false, false, false]),
            (Role::Koordinator, [false, false, false]),
            (Role::Mitra, [false, false, false]),
        ];
        for (role, expected) in cases {
            let scope = user_scope(&actor(role));
            let got = [contains(scope, own), contains(scope, same_region), contains(scope, elsewhere)];
            assert_eq!(got, expected, "{role:?}");
        }
    }

    #[test]
    fn client_matrix() {
        const ME: i32 = 7;
        const COLLEAGUE: i32 = 8;
        let with_user = |role| Actor { user_id: Some(ME), ..actor(role) };
        let own = CaseAt { bapas_id: BAPAS, kanwil_id: KANWIL, pk_id: Some(ME) };
        let colleagues = CaseAt { pk_id: Some(COLLEAGUE), ..own };
        let other_office = CaseAt { bapas_id: OTHER_BAPAS, ..own };
        let other_region = CaseAt { bapas_id: OTHER_BAPAS, kanwil_id: OTHER_KANWIL, pk_id: None };
        // (role, case) -> (read, edit, reassign)
        let cases = [
            (Role::Pk, own, (true, true, false)),
            (Role::Pk, colleagues, (true, false, false)),
            (Role::Pk, other_office, (false, false, false)),
            (Role::Kabapas, colleagues, (true, true, true)),
            (Role::Kabapas, other_office, (false, false, false)),
            (Role::Kanwil, other_office, (true, false, false)),
            (Role::Kanwil, other_region, (false, false, false)),
            (Role::Koordinator, own, (false, false, false)),
            (Role::Mitra, own, (false, false, false)),
            (Role::Admin, own, (false, false, false)),
        ];
        for (role, at, (read, edit, reassign)) in cases {
            let a = with_user(role);
            assert_eq!(can_read_client(&a, at), read, "{role:?} read {at:?}");
            assert_eq!(can_edit_client(&a, at), edit, "{role:?} edit {at:?}");
            assert_eq!(can_reassign_client(&a, at), reassign, "{role:?} reassign {at:?}");
        }
        assert!(can_register_client(&with_user(Role::Pk)));
        assert!(!can_register_client(&with_user(Role::Kanwil)));
        assert!(can_decide_transfer(&with_user(Role::Kabapas), BAPAS));
        assert!(!can_decide_transfer(&with_user(Role::Kabapas), OTHER_BAPAS));
        assert!(!can_decide_transfer(&with_user(Role::Pk), BAPAS));
    }

    #[test]
    fn a_childs_identity_is_for_the_assigned_pk_and_the_kabapas() {
        let me = Actor { user_id: Some(7), ..actor(Role::Pk) };
        let case = CaseAt { bapas_id: BAPAS, kanwil_id: KANWIL, pk_id: Some(7) };
        let colleagues = CaseAt { pk_id: Some(8), ..case };
        assert!(can_see_child_identity(&me, BAPAS, Some(7)));
        assert!(!can_see_child_identity(&me, BAPAS, Some(8)));
        assert!(can_break_glass(&me, colleagues), "a colleague's child: with a reason");
        assert!(!can_break_glass(&me, case), "no glass to break on one's own case");
        assert!(can_see_child_identity(&actor(Role::Kabapas), BAPAS, Some(8)));
        assert!(!can_see_child_identity(&actor(Role::Kabapas), BAPAS + 1, Some(8)));
        for role in [Role::Admin, Role::Kanwil, Role::Koordinator, Role::Mitra] {
            assert!(!can_see_child_identity(&actor(role), BAPAS, Some(7)), "{role:?}");
            assert!(!lists_children(&actor(role)), "{role:?}");
        }
        assert!(can_break_glass(&actor(Role::Kanwil), case), "the region's Kanwil reads, masked");
        assert!(can_review_litmas(&actor(Role::Kabapas), case));
        assert!(!can_review_litmas(&me, case));
        assert_eq!(access_log_office(&actor(Role::Kabapas)), Some(BAPAS));
        assert_eq!(access_log_office(&me), None);
    }
}
