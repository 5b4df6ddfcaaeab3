//! The policy's matrix: every decision, for every role, in and out of the actor's office.

use pamong_domain::privacy::Disclosure::{Full, Masked};
use pamong_domain::role::OfficeLevel;

use super::*;
use crate::ids::UserId;

const KANWIL: KanwilId = KanwilId(1);
const OTHER_KANWIL: KanwilId = KanwilId(2);
const BAPAS: BapasId = BapasId(10);
const OTHER_BAPAS: BapasId = BapasId(20);
const ME: UserId = UserId(7);
const COLLEAGUE: UserId = UserId(8);
const PARTNER: PartnerId = PartnerId(3);

/// A user of `role` in our office (or region), with the user id `ME`.
fn actor(role: Role) -> Actor {
    let (kanwil_id, bapas_id) = match role.office_level() {
        OfficeLevel::National => (None, None),
        OfficeLevel::Kanwil => (Some(KANWIL), None),
        OfficeLevel::Bapas => (Some(KANWIL), Some(BAPAS)),
    };
    let partner_id = (role == Role::Mitra).then_some(PARTNER);
    Actor { role, kanwil_id, bapas_id, user_id: Some(ME), partner_id, ..Actor::system() }
}

fn at(role: Role, kanwil: KanwilId, bapas: BapasId) -> Placement {
    Placement { role, kanwil_id: Some(kanwil), bapas_id: Some(bapas) }
}

const OWN: CaseAt = CaseAt { bapas_id: BAPAS, kanwil_id: KANWIL, pk_id: Some(ME), child: false };
const COLLEAGUES: CaseAt = CaseAt { pk_id: Some(COLLEAGUE), ..OWN };
const OTHER_OFFICE: CaseAt = CaseAt { bapas_id: OTHER_BAPAS, ..OWN };
const OTHER_REGION: CaseAt =
    CaseAt { bapas_id: OTHER_BAPAS, kanwil_id: OTHER_KANWIL, pk_id: None, child: false };

fn child(case: CaseAt) -> CaseAt {
    CaseAt { child: true, ..case }
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
fn only_admin_manages_offices_and_reference_data() {
    for role in Role::ALL {
        assert_eq!(can_manage_offices(&actor(role)), role == Role::Admin, "{role:?}");
        assert_eq!(can_manage_reference_data(&actor(role)), role == Role::Admin, "{role:?}");
        assert_eq!(chooses_partner_office(&actor(role)), role == Role::Admin, "{role:?}");
    }
}

#[test]
fn user_management_matrix() {
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
    // (role, case) -> (read, edit, reassign)
    let cases = [
        (Role::Pk, OWN, (true, true, false)),
        (Role::Pk, COLLEAGUES, (true, false, false)),
        (Role::Pk, OTHER_OFFICE, (false, false, false)),
        (Role::Kabapas, COLLEAGUES, (true, true, true)),
        (Role::Kabapas, OTHER_OFFICE, (false, false, false)),
        (Role::Kanwil, OTHER_OFFICE, (true, false, false)),
        (Role::Kanwil, OTHER_REGION, (false, false, false)),
        (Role::Koordinator, OWN, (false, false, false)),
        (Role::Mitra, OWN, (false, false, false)),
        (Role::Admin, OWN, (false, false, false)),
    ];
    for (role, at, (read, edit, reassign)) in cases {
        let a = actor(role);
        assert_eq!(can_read_client(&a, at), read, "{role:?} read {at:?}");
        assert_eq!(can_edit_client(&a, at), edit, "{role:?} edit {at:?}");
        assert_eq!(can_reassign_client(&a, at), reassign, "{role:?} reassign {at:?}");
        assert_eq!(can_review_litmas(&a, at), reassign, "{role:?} review {at:?}");
    }
    for role in Role::ALL {
        let a = actor(role);
        let staff = matches!(role, Role::Pk | Role::Kabapas);
        assert_eq!(can_register_client(&a), staff, "{role:?}");
        assert_eq!(can_assign_clients(&a), role == Role::Kabapas, "{role:?}");
        assert_eq!(registers_into(&a), (role == Role::Pk).then_some(ME), "{role:?}");
        assert_eq!(can_decide_transfer(&a, BAPAS), role == Role::Kabapas, "{role:?}");
        assert!(!can_decide_transfer(&a, OTHER_BAPAS), "{role:?}");
    }
}

#[test]
fn only_an_officer_s_own_adult_clients_are_kept_offline() {
    for role in Role::ALL {
        let a = actor(role);
        assert_eq!(can_keep_offline(&a, OWN), role == Role::Pk, "{role:?}");
        assert!(!can_keep_offline(&a, COLLEAGUES), "{role:?}: another officer's client");
        assert!(!can_keep_offline(&a, OTHER_OFFICE), "{role:?}");
        assert!(!can_keep_offline(&a, child(OWN)), "{role:?}: a child's record");
    }
}

#[test]
fn remit_and_today() {
    assert_eq!(remit(&actor(Role::Kabapas)), Some(Remit::Office(BAPAS)));
    assert_eq!(remit(&actor(Role::Pk)), Some(Remit::Caseload(BAPAS, ME)));
    for role in [Role::Admin, Role::Kanwil, Role::Koordinator, Role::Mitra] {
        assert_eq!(remit(&actor(role)), None, "{role:?}");
    }
    assert!(Remit::Caseload(BAPAS, ME).covers(OWN));
    assert!(!Remit::Caseload(BAPAS, ME).covers(COLLEAGUES));
    assert!(Remit::Office(BAPAS).covers(COLLEAGUES));
    assert!(!Remit::Office(BAPAS).covers(OTHER_OFFICE));
}

#[test]
fn who_sees_a_childs_identity() {
    // (role, case) -> (identity, break glass)
    let cases = [
        (Role::Pk, child(OWN), (Full, false)),
        (Role::Pk, child(COLLEAGUES), (Masked, true)),
        (Role::Pk, child(OTHER_OFFICE), (Masked, false)),
        (Role::Kabapas, child(COLLEAGUES), (Full, false)),
        (Role::Kabapas, child(OTHER_OFFICE), (Masked, false)),
        (Role::Kanwil, child(COLLEAGUES), (Masked, true)),
        (Role::Kanwil, child(OTHER_REGION), (Masked, false)),
        (Role::Admin, child(OWN), (Masked, false)),
        (Role::Koordinator, child(OWN), (Masked, false)),
        (Role::Mitra, child(OWN), (Masked, false)),
    ];
    for (role, at, (seen, glass)) in cases {
        let a = actor(role);
        assert_eq!(identity(&a, at), seen, "{role:?} identity {at:?}");
        assert_eq!(can_break_glass(&a, at), glass, "{role:?} break glass {at:?}");
    }
    assert!(!can_break_glass(&actor(Role::Pk), COLLEAGUES), "an adult's record has no glass");
}

#[test]
fn an_adults_identity_follows_the_client_policy() {
    assert_eq!(identity(&actor(Role::Pk), COLLEAGUES), Full);
    assert_eq!(identity(&actor(Role::Kanwil), OTHER_OFFICE), Full);
    assert_eq!(identity(&actor(Role::Kanwil), OTHER_REGION), Masked);
    assert_eq!(identity(&actor(Role::Admin), OWN), Masked, "the admin reads no case files");
    assert_eq!(identity(&actor(Role::Koordinator), OWN), Masked);
}

#[test]
fn children_in_lists_and_searches() {
    for role in Role::ALL {
        let a = actor(role);
        assert_eq!(lists_children(&a), matches!(role, Role::Pk | Role::Kabapas), "{role:?}");
        // A name search finds exactly the children whose identity the actor sees.
        for case in [child(OWN), child(COLLEAGUES), child(OTHER_OFFICE)] {
            let found = children_found_by_name(&a).is_some_and(|r| r.covers(case));
            assert_eq!(found, identity(&a, case) == Full, "{role:?} {case:?}");
        }
    }
}

#[test]
fn groups_matrix() {
    let group = GroupAt { bapas_id: BAPAS, kanwil_id: KANWIL, coordinator_id: Some(ME) };
    let others = GroupAt { coordinator_id: Some(COLLEAGUE), ..group };
    let elsewhere = GroupAt { bapas_id: OTHER_BAPAS, kanwil_id: OTHER_KANWIL, coordinator_id: None };
    // (role, group) -> (read, manage)
    let cases = [
        (Role::Admin, elsewhere, (true, false)),
        (Role::Kanwil, group, (true, false)),
        (Role::Kanwil, elsewhere, (false, false)),
        (Role::Kabapas, others, (true, true)),
        (Role::Kabapas, elsewhere, (false, false)),
        (Role::Pk, others, (true, false)),
        (Role::Koordinator, group, (true, true)),
        (Role::Koordinator, others, (false, false)),
        (Role::Mitra, group, (false, false)),
    ];
    for (role, at, (read, manage)) in cases {
        assert_eq!(can_read_group(&actor(role), at), read, "{role:?} read {at:?}");
        assert_eq!(can_manage_group(&actor(role), at), manage, "{role:?} manage {at:?}");
    }
    for role in Role::ALL {
        assert_eq!(can_create_group(&actor(role)), role == Role::Kabapas, "{role:?}");
    }
    assert_eq!(group_actions_scope(&actor(Role::Koordinator)), Some(GroupsOf::Coordinated(ME)));
    assert_eq!(group_actions_scope(&actor(Role::Kabapas)), Some(GroupsOf::Office(BAPAS)));
    assert_eq!(group_actions_scope(&actor(Role::Pk)), None);
}

#[test]
fn what_a_group_shows_of_a_watched_client() {
    let group = GroupAt { bapas_id: BAPAS, kanwil_id: KANWIL, coordinator_id: Some(ME) };
    let adult = COLLEAGUES;
    // The coordinator watches over the adult; a child stays initials for them.
    assert_eq!(watched_client_identity(&actor(Role::Koordinator), group, adult), Full);
    assert_eq!(watched_client_identity(&actor(Role::Koordinator), group, child(adult)), Masked);
    // The Kabapas sees both; the admin, who reads no case files, neither.
    assert_eq!(watched_client_identity(&actor(Role::Kabapas), group, child(adult)), Full);
    assert_eq!(watched_client_identity(&actor(Role::Admin), group, adult), Masked);
    // The region's Kanwil reads adults' files, never a child's name.
    assert_eq!(watched_client_identity(&actor(Role::Kanwil), group, adult), Full);
    assert_eq!(watched_client_identity(&actor(Role::Kanwil), group, child(adult)), Masked);
    // A colleague PK sees the adult as the client policy allows, the child masked.
    assert_eq!(watched_client_identity(&actor(Role::Pk), group, child(adult)), Masked);
}

#[test]
fn referrals_and_the_partners_user() {
    let mitra = actor(Role::Mitra);
    assert_eq!(referral_inbox(&mitra), Some(PARTNER));
    assert!(answers_for_partner(&mitra, PARTNER, BAPAS));
    assert!(!answers_for_partner(&mitra, PartnerId(4), BAPAS), "another institution");
    let moved = Actor { bapas_id: Some(OTHER_BAPAS), ..actor(Role::Mitra) };
    assert!(!answers_for_partner(&moved, PARTNER, BAPAS), "moved to another office");
    for role in [Role::Admin, Role::Kanwil, Role::Kabapas, Role::Pk, Role::Koordinator] {
        assert_eq!(referral_inbox(&actor(role)), None, "{role:?}");
    }
    assert_eq!(referral_identity(&mitra, PARTNER, BAPAS, OWN), Full);
    assert_eq!(referral_identity(&mitra, PARTNER, BAPAS, child(OWN)), Masked);
    assert_eq!(referral_identity(&moved, PARTNER, BAPAS, OWN), Masked);
    assert_eq!(referral_identity(&actor(Role::Pk), PARTNER, BAPAS, child(OWN)), Full);
}

#[test]
fn partners_matrix() {
    for role in Role::ALL {
        let a = actor(role);
        let expected_scope = match role {
            Role::Admin => Scope::All,
            Role::Kanwil => Scope::Kanwil(KANWIL),
            Role::Pusat | Role::Mitra => Scope::Nothing,
            _ => Scope::Bapas(BAPAS),
        };
        assert_eq!(partner_scope(&a), expected_scope, "{role:?}");
        let keeps = matches!(role, Role::Admin | Role::Kabapas);
        assert_eq!(keeps_partners(&a), keeps, "{role:?}");
        assert_eq!(can_manage_partners(&a, BAPAS), keeps, "{role:?}");
        assert_eq!(can_manage_partners(&a, OTHER_BAPAS), role == Role::Admin, "{role:?}");
    }
}

#[test]
fn office_matters_and_logs() {
    for role in Role::ALL {
        let a = actor(role);
        assert_eq!(office_caseload(&a), (role == Role::Kabapas).then_some(BAPAS), "{role:?}");
        assert_eq!(data_subject_office(&a), (role == Role::Kabapas).then_some(BAPAS), "{role:?}");
        assert_eq!(can_set_reporting(&a, BAPAS), matches!(role, Role::Admin | Role::Kabapas), "{role:?}");
        let logs = match role {
            Role::Kabapas => Scope::Bapas(BAPAS),
            Role::Kanwil => Scope::Kanwil(KANWIL),
            _ => Scope::Nothing,
        };
        assert_eq!(log_scope(&a), logs, "{role:?}");
    }
    assert!(!can_set_reporting(&actor(Role::Kabapas), OTHER_BAPAS));
}

#[test]
fn abilities_follow_the_decisions() {
    for role in Role::ALL {
        let a = actor(role);
        let can = abilities(&a);
        assert_eq!(can.today, remit(&a).is_some(), "{role:?}");
        assert_eq!(can.own_caseload, role == Role::Pk, "{role:?}");
        assert_eq!(
            can.keep_offline,
            matches!(role, Role::Pk | Role::Mitra),
            "{role:?}: a caseload or a site's day"
        );
        assert_eq!(can.clients, matches!(role, Role::Pk | Role::Kabapas | Role::Kanwil), "{role:?}");
        assert_eq!(can.children, lists_children(&a), "{role:?}");
        assert_eq!(can.office_caseload, role == Role::Kabapas, "{role:?}");
        assert_eq!(can.access_log, matches!(role, Role::Kabapas | Role::Kanwil), "{role:?}");
        assert_eq!(can.export_log, can.access_log, "{role:?}");
        assert_eq!(can.keep_partners, keeps_partners(&a), "{role:?}");
        assert_eq!(can.form_groups, role == Role::Kabapas, "{role:?}");
        assert_eq!(can.coordinate_groups, role == Role::Koordinator, "{role:?}");
        assert_eq!(can.answer_referrals, role == Role::Mitra, "{role:?}");
        assert_eq!(can.manage_offices, role == Role::Admin, "{role:?}");
        assert_eq!(can.bapas_offices, matches!(role, Role::Admin | Role::Pusat | Role::Kanwil), "{role:?}");
        assert_eq!(can.users, matches!(role, Role::Admin | Role::Kanwil | Role::Kabapas), "{role:?}");
        assert_eq!(can.work_sites, !work_site_scope(&a).is_empty(), "{role:?}");
        assert_eq!(can.keep_work_sites, keeps_partners(&a), "{role:?}");
        assert_eq!(can.supervise_sites, role == Role::Mitra, "{role:?}");
        assert_eq!(
            can.figures,
            matches!(role, Role::Admin | Role::Pusat | Role::Kanwil | Role::Kabapas),
            "{role:?}"
        );
    }
    let unlinked = Actor { partner_id: None, ..actor(Role::Mitra) };
    assert!(!abilities(&unlinked).answer_referrals, "a partner's user not yet linked");
}

const MY_SITE: SiteAt = SiteAt { bapas_id: BAPAS, supervisor_id: Some(ME) };
const OTHERS_SITE: SiteAt = SiteAt { supervisor_id: Some(COLLEAGUE), ..MY_SITE };
const SITE_WITHOUT_ACCOUNT: SiteAt = SiteAt { supervisor_id: None, ..MY_SITE };

#[test]
fn kerja_sosial_matrix() {
    for role in Role::ALL {
        let a = actor(role);
        assert_eq!(work_site_scope(&a), partner_scope(&a), "{role:?}: the sites are the partners'");
        assert_eq!(can_manage_work_sites(&a, BAPAS), can_manage_partners(&a, BAPAS), "{role:?}");
        let supervisor = role == Role::Mitra;
        assert_eq!(site_supervisor(&a), supervisor.then_some(ME), "{role:?}");
        assert_eq!(supervises_site(&a, MY_SITE), supervisor, "{role:?}");
        assert!(!supervises_site(&a, OTHERS_SITE), "{role:?}: another supervisor's site");
        assert!(!supervises_site(&a, SITE_WITHOUT_ACCOUNT), "{role:?}");
        assert_eq!(can_sign_off(&a, MY_SITE), supervisor, "{role:?}: only the site's supervisor signs off");
        assert!(
            !can_sign_off(&a, SITE_WITHOUT_ACCOUNT),
            "{role:?}: nobody signs for a site without an account"
        );
        assert_eq!(can_keep_site_offline(&a, MY_SITE), supervisor, "{role:?}");
        assert_eq!(can_place(&a, OWN), can_edit_client(&a, OWN), "{role:?}");
        assert!(!can_place(&a, OTHER_OFFICE) || role == Role::Admin, "{role:?}: another office's client");
        // The PK records for their own client at any site; the supervisor for anyone at theirs.
        assert_eq!(can_record_hours(&a, OWN, OTHERS_SITE), can_edit_client(&a, OWN), "{role:?}");
        assert_eq!(
            can_record_hours(&a, OTHER_OFFICE, MY_SITE),
            supervisor || can_edit_client(&a, OTHER_OFFICE),
            "{role:?}"
        );
    }
    let moved = Actor { bapas_id: Some(OTHER_BAPAS), ..actor(Role::Mitra) };
    assert!(!supervises_site(&moved, MY_SITE), "a supervisor moved to another office leaves the site behind");
    let mitra = actor(Role::Mitra);
    assert_eq!(
        placement_identity(&mitra, MY_SITE, child(COLLEAGUES)),
        Masked,
        "a child reaches the site as initials"
    );
    assert_eq!(placement_identity(&mitra, MY_SITE, COLLEAGUES), Full, "an adult by name");
    assert_eq!(placement_identity(&mitra, OTHERS_SITE, COLLEAGUES), identity(&mitra, COLLEAGUES));
}

#[test]
fn figures_are_read_for_the_office_the_region_or_the_country() {
    assert_eq!(figures_scope(&actor(Role::Kabapas)), Scope::Bapas(BAPAS));
    assert_eq!(figures_scope(&actor(Role::Kanwil)), Scope::Kanwil(KANWIL));
    assert_eq!(figures_scope(&actor(Role::Admin)), Scope::All);
    for role in [Role::Pk, Role::Koordinator, Role::Mitra] {
        assert_eq!(figures_scope(&actor(role)), Scope::Nothing, "{role:?}");
    }
}

#[test]
fn headquarters_reads_every_office_s_figures_and_no_case() {
    let a = actor(Role::Pusat);
    assert_eq!((figures_scope(&a), office_scope(&a)), (Scope::All, Scope::All));
    for scope in [client_scope(&a), user_scope(&a), log_scope(&a), partner_scope(&a), programme_scope(&a)] {
        assert!(scope.is_empty(), "{scope:?}");
    }
    for case in [OWN, OTHER_REGION, child(OWN)] {
        assert!(!can_read_client(&a, case), "{case:?}");
    }
    assert_eq!(remit(&a), None);
    assert!(can_read_plans(&a, OTHER_BAPAS, OTHER_KANWIL) && can_read_peduli(&a, BAPAS, KANWIL));
    assert!(!can_keep_plans(&a, BAPAS) && !can_record_peduli(&a, BAPAS) && !sees_peduli_names(&a, BAPAS));
    assert!(!can_manage_user(&a, at(Role::Pk, KANWIL, BAPAS)) && !keeps_partners(&a));
    let can = abilities(&a);
    assert!(can.figures && can.peduli && can.bapas_offices, "{can:?}");
    assert!(
        !(can.clients || can.users || can.partners || can.access_log || can.programmes || can.today),
        "{can:?}"
    );
}

#[test]
fn vitals_are_read_by_figure_readers_and_their_lists_opened_by_the_kabapas() {
    // (role, reads own office's, reads another region's, opens own office's lists)
    let cases = [
        (Role::Kabapas, true, false, true),
        (Role::Kanwil, true, false, false),
        (Role::Pusat, true, true, false),
        (Role::Admin, true, true, false),
        (Role::Pk, false, false, false),
        (Role::Koordinator, false, false, false),
        (Role::Mitra, false, false, false),
    ];
    assert_eq!(cases.len(), Role::ALL.len());
    for (role, own, other, opens) in cases {
        let a = actor(role);
        assert_eq!(can_read_vitals(&a, BAPAS, KANWIL), own, "{role:?}");
        assert_eq!(can_read_vitals(&a, OTHER_BAPAS, OTHER_KANWIL), other, "{role:?}");
        assert_eq!(opens_vital_lists(&a, BAPAS), opens, "{role:?}");
        assert!(!opens_vital_lists(&a, OTHER_BAPAS), "{role:?}");
    }
}

#[test]
fn offices_are_compared_by_the_kanwil_in_its_region_and_by_headquarters_across_the_country() {
    let cases = [
        (Role::Kabapas, None),
        (Role::Kanwil, Some(Comparison::Region(KANWIL))),
        (Role::Pusat, Some(Comparison::Nation)),
        (Role::Admin, Some(Comparison::Nation)),
        (Role::Pk, None),
        (Role::Koordinator, None),
        (Role::Mitra, None),
    ];
    assert_eq!(cases.len(), Role::ALL.len());
    for (role, expected) in cases {
        let a = actor(role);
        assert_eq!(comparison(&a), expected, "{role:?}");
        assert_eq!(abilities(&a).compare_offices, expected.is_some(), "{role:?}");
    }
}

#[test]
fn the_audit_trail_is_read_by_the_admin_everywhere_and_the_kabapas_at_their_office() {
    let cases = [
        (Role::Admin, true, true),
        (Role::Kabapas, true, false),
        (Role::Kanwil, false, false),
        (Role::Pusat, false, false),
        (Role::Pk, false, false),
        (Role::Koordinator, false, false),
        (Role::Mitra, false, false),
    ];
    assert_eq!(cases.len(), Role::ALL.len());
    for (role, own, other) in cases {
        let a = actor(role);
        assert_eq!(reads_history(&a, BAPAS), own, "{role:?}");
        assert_eq!(reads_history(&a, OTHER_BAPAS), other, "{role:?}");
        assert_eq!(abilities(&a).audit_log, own, "{role:?}");
    }
}
