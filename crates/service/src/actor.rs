//! Who is acting: the signed-in user, or the system itself (CLI, seeding).

use pamong_domain::Role;
use uuid::Uuid;

use crate::ids::{BapasId, KanwilId, PartnerId, UserId};
use crate::policy;

/// The user on whose behalf a service fn runs, with the offices that scope what they see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Internal user id; `None` for the system actor.
    pub user_id: Option<UserId>,
    /// Public user id (nil for the system actor).
    pub public_id: Uuid,
    /// Login name, written into audit rows.
    pub username: String,
    /// Role.
    pub role: Role,
    /// The Kanwil of a `kanwil` user, or of the Bapas of a Bapas-level user.
    pub kanwil_id: Option<KanwilId>,
    /// The Bapas of a Bapas-level user.
    pub bapas_id: Option<BapasId>,
    /// The request being served, for audit rows and error messages.
    pub request_id: Option<String>,
    /// The partner institution of a `mitra` user.
    pub partner_id: Option<PartnerId>,
}

impl Actor {
    /// The system itself, with the rights the policy gives it: used by the CLI and the demo
    /// seed. Its audit rows name it `system`.
    pub fn system() -> Self {
        Self {
            user_id: None,
            public_id: Uuid::nil(),
            username: "system".into(),
            role: policy::SYSTEM_ROLE,
            kanwil_id: None,
            bapas_id: None,
            request_id: None,
            partner_id: None,
        }
    }

    /// The user's key as a row's "by whom" column stores it (`None` for the system).
    pub(crate) fn user_key(&self) -> Option<i32> {
        self.user_id.map(UserId::get)
    }

    /// The same actor, tagged with the id of the request being served.
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }
}
