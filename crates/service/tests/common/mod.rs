//! A small world for service tests: two Kanwil, a Bapas under each, and a way to make an
//! actor of any role in "our" office or in the other one.

#![allow(dead_code, reason = "each test binary uses a different part of the fixture")]
#![allow(clippy::unwrap_used, reason = "a fixture that cannot be set up fails the test")]

use pamong_domain::Role;
use pamong_domain::office::{BapasForm, BapasView, KanwilForm, KanwilView};
use pamong_domain::role::OfficeLevel;
use pamong_domain::user::UserForm;
use pamong_service::testing::TestDb;
use pamong_service::{Actor, DatabaseConnection, auth, offices, users};
use time::OffsetDateTime;

pub const PASSWORD: &str = "kata-sandi-uji";

/// When the fixture's offices and users are made: a day before the tests' own dates.
pub const SETUP_AT: OffsetDateTime = time::macros::datetime!(2026-11-20 02:00 UTC);

/// Our office, or the other one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Office {
    Own,
    Other,
}

pub struct World {
    pub db: TestDb,
    pub kanwil: [KanwilView; 2],
    pub bapas: [BapasView; 2],
}

pub fn bapas_form(kanwil: &KanwilView, code: &str) -> BapasForm {
    BapasForm {
        kanwil_id: kanwil.id.to_string(),
        code: code.into(),
        name: format!("Bapas {code}"),
        class: "II".into(),
        zone: "WITA".into(),
        address: String::new(),
        phone: String::new(),
        coverage: String::new(),
    }
}

impl World {
    pub async fn new() -> Self {
        let db = TestDb::new().await;
        let sys = Actor::system();
        let k1 = offices::create_kanwil(
            &db.conn,
            &sys,
            &KanwilForm { province_code: "31".into(), name: "Kanwil A".into() },
            SETUP_AT,
        )
        .await
        .unwrap();
        let k2 = offices::create_kanwil(
            &db.conn,
            &sys,
            &KanwilForm { province_code: "35".into(), name: "Kanwil B".into() },
            SETUP_AT,
        )
        .await
        .unwrap();
        let b1 = offices::create_bapas(&db.conn, &sys, &bapas_form(&k1, "BPA"), SETUP_AT).await.unwrap();
        let b2 = offices::create_bapas(&db.conn, &sys, &bapas_form(&k2, "BPB"), SETUP_AT).await.unwrap();
        Self { db, kanwil: [k1, k2], bapas: [b1, b2] }
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.db.conn
    }

    fn index(office: Office) -> usize {
        match office {
            Office::Own => 0,
            Office::Other => 1,
        }
    }

    /// The form for a user of `role` at `office`.
    pub fn user_form(&self, username: &str, role: Role, office: Office) -> UserForm {
        let i = Self::index(office);
        let office_id = match role.office_level() {
            OfficeLevel::National => String::new(),
            OfficeLevel::Kanwil => self.kanwil[i].id.to_string(),
            OfficeLevel::Bapas => self.bapas[i].id.to_string(),
        };
        UserForm {
            username: username.into(),
            full_name: format!("Pengguna {username}"),
            role: role.as_str().into(),
            office_id,
            password: PASSWORD.into(),
            ..UserForm::default()
        }
    }

    /// Creates a user (as the system) and returns the actor they log in as.
    pub async fn actor(&self, role: Role, office: Office) -> Actor {
        let username = format!("{}.{}", role.as_str(), if office == Office::Own { "own" } else { "other" });
        self.actor_named(&username, role, office).await
    }

    /// Like [`World::actor`] with a chosen login name, for a second user of a role.
    pub async fn actor_named(&self, username: &str, role: Role, office: Office) -> Actor {
        let username = username.to_owned();
        let form = self.user_form(&username, role, office);
        let view = match users::create(self.conn(), &Actor::system(), &form, SETUP_AT).await {
            Ok(v) => v,
            Err(_) => users::list(
                self.conn(),
                &Actor::system(),
                &pamong_domain::page::ListQuery { q: username.clone(), ..Default::default() },
            )
            .await
            .unwrap()
            .items
            .into_iter()
            .find(|u| u.username == username)
            .unwrap(),
        };
        let user_id = auth::login(self.conn(), &view.username, PASSWORD, None, SETUP_AT).await.unwrap();
        auth::actor_for(self.conn(), user_id).await.unwrap().unwrap()
    }
}

/// A partner of our office (the Kabapas registers it) offering one `service` of its `kind`,
/// with our office's `mitra` user linked to it; returns the partner and that user, signed in
/// again (the link is read at login).
pub async fn linked_partner(
    world: &World,
    name: &str,
    kind: &str,
    service: &str,
    now: OffsetDateTime,
) -> (uuid::Uuid, Actor) {
    let kabapas = world.actor(Role::Kabapas, Office::Own).await;
    let form = pamong_domain::partners::PartnerForm {
        name: name.into(),
        kind: kind.into(),
        services: vec![service.into()],
        ..Default::default()
    };
    let partner = pamong_service::partners::save(world.conn(), &kabapas, None, &form, now).await.unwrap();
    let mitra = world.actor(Role::Mitra, Office::Own).await;
    pamong_service::partners::link_user(world.conn(), &kabapas, partner, mitra.public_id, true, now)
        .await
        .unwrap();
    (partner, world.actor(Role::Mitra, Office::Own).await)
}

/// Counts audit rows for an entity id.
pub async fn audit_rows(db: &DatabaseConnection, entity_id: &str) -> Vec<pamong_entity::audit_log::Model> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    pamong_entity::audit_log::Entity::find()
        .filter(pamong_entity::audit_log::Column::EntityId.eq(entity_id))
        .order_by_asc(pamong_entity::audit_log::Column::Id)
        .all(db)
        .await
        .unwrap()
}
