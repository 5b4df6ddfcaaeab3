//! The policy for oversight: who reads an office's vitals (its figures, by PK), who compares
//! offices side by side, who opens the lists of clients behind them, and who reads the audit
//! trail, and how the outcome evaluation is grouped.

use pamong_domain::Role;
use pamong_domain::oversight::outcomes::Grouping;

use super::{Placement, Remit, Scope, contains, figures_scope, own_office, remit};
use crate::actor::Actor;
use crate::ids::{BapasId, KanwilId};

/// Whether the actor reads the office's vitals: whoever reads its figures (its Kabapas, the
/// Kanwil its region's, headquarters and the admin every office's). The vitals count
/// clients and name only the officers.
pub fn can_read_vitals(actor: &Actor, bapas_id: BapasId, kanwil_id: KanwilId) -> bool {
    let at = Placement { role: actor.role, kanwil_id: Some(kanwil_id), bapas_id: Some(bapas_id) };
    contains(figures_scope(actor), at)
}

/// The office whose lists of clients behind the vitals the actor opens: the Kabapas's, who
/// answers for every case of the office (the lists name clients, masked as the client list
/// masks them).
pub fn vital_lists_office(actor: &Actor) -> Option<BapasId> {
    match remit(actor)? {
        Remit::Office(b) => Some(b),
        Remit::Caseload(..) => None,
    }
}

/// Whether the actor opens the lists of clients behind this office's vitals.
pub fn opens_vital_lists(actor: &Actor, bapas_id: BapasId) -> bool {
    vital_lists_office(actor) == Some(bapas_id)
}

/// What the actor compares side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// The offices of one region (a Kanwil's own).
    Region(KanwilId),
    /// Any region's offices, and the regions of the country (headquarters, the admin).
    Nation,
}

/// Whether and what the actor compares across offices: whoever reads the figures of more
/// than one office. A Kabapas reads their own office's dashboard instead.
pub fn comparison(actor: &Actor) -> Option<Comparison> {
    match figures_scope(actor) {
        Scope::All => Some(Comparison::Nation),
        Scope::Kanwil(k) => Some(Comparison::Region(k)),
        Scope::Bapas(_) | Scope::Nothing => None,
    }
}

/// Whose audit trail the actor reads: the admin every office's (and the rows of no office),
/// the Kabapas their own office's — the history on a client's page and the office's search.
pub fn audit_scope(actor: &Actor) -> Scope {
    match actor.role {
        Role::Admin => Scope::All,
        Role::Kabapas => own_office(actor),
        Role::Pusat | Role::Kanwil | Role::Pk | Role::Koordinator | Role::Mitra => Scope::Nothing,
    }
}

/// Whether the actor reads the history of a record of office `bapas_id`.
pub fn reads_history(actor: &Actor, bapas_id: BapasId) -> bool {
    match audit_scope(actor) {
        Scope::All => true,
        Scope::Bapas(b) => b == bapas_id,
        Scope::Kanwil(_) | Scope::Nothing => false,
    }
}

/// The groupings of the outcome evaluation the actor reads, the default first — empty when
/// they read none. The evaluation is read by whoever reads the offices' figures (it counts
/// and never names); one office's reader groups by time, basis and band, a region's also by
/// office, the country's also by Kanwil.
pub fn evaluation_groupings(actor: &Actor) -> Vec<Grouping> {
    use Grouping::{Band, Basis, Kanwil, Office, Quarter};
    match figures_scope(actor) {
        Scope::All => vec![Kanwil, Office, Basis, Band, Quarter],
        Scope::Kanwil(_) => vec![Office, Basis, Band, Quarter],
        Scope::Bapas(_) => vec![Quarter, Basis, Band],
        Scope::Nothing => Vec::new(),
    }
}
