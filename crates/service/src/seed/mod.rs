//! Demo data: the offices of the seed articles and one user per role, so a newcomer can log
//! in and look around. Made through the ordinary service fns, so it is validated and audited
//! like any admin's work.

use pamong_domain::Role;
use pamong_domain::office::{BapasForm, KanwilForm, OfficeRef, Zone};
use pamong_domain::second_factor::LoginStep;
use pamong_domain::user::UserForm;
use pamong_entity::user;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use time::{Date, OffsetDateTime};

pub mod action_plans;
pub mod children;
pub mod clients;
pub mod groups;
pub mod kerja_sosial;
pub mod national;
pub mod outcomes;
pub mod partners;
pub mod peduli;
pub mod programmes;
pub mod referrals;
pub mod regions;
pub mod reintegration;

use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::{offices, second_factor, users};

/// The password of every demo user. Printed at start-up; never use demo data in production.
pub const DEMO_PASSWORD: &str = "pamong-demo-2026";

/// The authenticator key of the demo users whose role must sign in with a second factor
/// (admin, pusat, kanwil.dki, kabapas.jakbar). Printed beside the password: add it to an
/// authenticator app, or compute a code with `oathtool --totp -b KEY`. It is published, like
/// the password: never use demo data in production.
pub const DEMO_TOTP_KEY: &str = "PAMONGDEMOSECRETKEYFORTWOFACTOR2";

/// Synthetic clients per demo Bapas.
pub const DEMO_CLIENTS_PER_OFFICE: usize = 240;

/// Seed of the demo generator, so every fresh demo looks the same.
pub const DEMO_SEED: u64 = 2026;

/// Former clients per demo office, whose ended supervisions the outcome evaluation counts.
pub const DEMO_PAST_PER_OFFICE: usize = 48;

/// A demo login, for printing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// Office name, if any.
    pub office: Option<String>,
    /// Whether the user signs in with a code from [`DEMO_TOTP_KEY`] after the password.
    pub second_factor: bool,
}

/// Enrols the demo user `username` with [`DEMO_TOTP_KEY`] if their role must sign in with a
/// second factor; answers whether it did.
async fn enrol_if_required(
    db: &DatabaseConnection,
    username: &str,
    now: OffsetDateTime,
) -> ServiceResult<bool> {
    let Some(found) = user::Entity::find().filter(user::Column::Username.eq(username)).one(db).await? else {
        return Ok(false);
    };
    if second_factor::after_password(db, found.id).await? != LoginStep::Enrol {
        return Ok(false);
    }
    second_factor::enrol_with_key(db, found.id, DEMO_TOTP_KEY, now).await?;
    Ok(true)
}

/// Whether the database has no users yet (a fresh install).
pub async fn is_empty(db: &DatabaseConnection) -> ServiceResult<bool> {
    Ok(user::Entity::find().count(db).await? == 0)
}

const KANWIL: [(&str, &str); 4] = [
    ("31", "Kanwil Ditjenpas DKI Jakarta"),
    ("35", "Kanwil Ditjenpas Jawa Timur"),
    ("15", "Kanwil Ditjenpas Jambi"),
    ("12", "Kanwil Ditjenpas Sumatera Utara"),
];

struct DemoBapas {
    province: &'static str,
    code: &'static str,
    name: &'static str,
    class: &'static str,
    address: &'static str,
    coverage: &'static str,
}

const BAPAS: [DemoBapas; 3] = [
    DemoBapas {
        province: "31",
        code: "JAKBAR",
        name: "Bapas Kelas I Jakarta Barat",
        class: "I",
        address: "Jl. Daan Mogot, Jakarta Barat",
        coverage: "31.73 Kota Administrasi Jakarta Barat",
    },
    DemoBapas {
        province: "35",
        code: "JEMBER",
        name: "Bapas Kelas II Jember",
        class: "II",
        address: "Jl. Letjen Suprapto, Jember",
        coverage: "35.09 Kabupaten Jember\n35.11 Kabupaten Bondowoso",
    },
    DemoBapas {
        province: "15",
        code: "JAMBI",
        name: "Bapas Kelas I Jambi",
        class: "I",
        address: "Jl. Sri Soedewi, Kota Jambi",
        coverage: "15.71 Kota Jambi\n15.05 Kabupaten Muaro Jambi",
    },
];

/// The demo offices' date at `now` (they are all in WIB).
pub fn demo_today(now: OffsetDateTime) -> Date {
    now.to_offset(Zone::Wib.offset()).date()
}

/// Seeds the demo offices and users into an empty database and returns the logins made.
/// On a database that already has users it changes nothing and returns no logins. The
/// demo's histories and deadlines are laid out around `now`, so the demo looks lived-in
/// on whatever day it is seeded.
pub async fn seed_demo(db: &DatabaseConnection, now: OffsetDateTime) -> ServiceResult<Vec<DemoLogin>> {
    if !is_empty(db).await? {
        return Ok(Vec::new());
    }
    let system = Actor::system();
    let mut kanwil_refs: Vec<(&str, OfficeRef)> = Vec::new();
    for (province, name) in KANWIL {
        let form = KanwilForm { province_code: province.into(), name: name.into() };
        let k = offices::create_kanwil(db, &system, &form, now).await?;
        kanwil_refs.push((province, OfficeRef { id: k.id, name: k.name }));
    }
    let kanwil_of = |province: &str| kanwil_refs.iter().find(|(p, _)| *p == province).map(|(_, k)| k.clone());
    let mut jakbar: Option<OfficeRef> = None;
    let mut offices_made: Vec<(&str, OfficeRef)> = Vec::new();
    for demo in BAPAS {
        let Some(kanwil) = kanwil_of(demo.province) else { continue };
        let form = BapasForm {
            kanwil_id: kanwil.id.to_string(),
            code: demo.code.into(),
            name: demo.name.into(),
            class: demo.class.into(),
            zone: "WIB".into(),
            address: demo.address.into(),
            phone: String::new(),
            coverage: demo.coverage.into(),
        };
        let b = offices::create_bapas(db, &system, &form, now).await?;
        if demo.code == "JAKBAR" {
            jakbar = Some(OfficeRef { id: b.id, name: b.name.clone() });
        }
        offices_made.push((demo.code, OfficeRef { id: b.id, name: b.name }));
    }
    let dki = kanwil_of("31");
    let people: [(&str, &str, Role, Option<OfficeRef>); 7] = [
        ("admin", "Administrator Pamong", Role::Admin, None),
        ("pusat", "Hendra Wijaya", Role::Pusat, None),
        ("kanwil.dki", "Rina Kusumawati", Role::Kanwil, dki),
        ("kabapas.jakbar", "Bambang Sutrisno", Role::Kabapas, jakbar.clone()),
        ("pk.jakbar", "Siti Rahmawati", Role::Pk, jakbar.clone()),
        ("koordinator.jakbar", "Agus Salim", Role::Koordinator, jakbar.clone()),
        ("mitra.jakbar", "Dewi Lestari", Role::Mitra, jakbar),
    ];
    let mut logins = Vec::new();
    for (username, full_name, role, office) in people {
        let form = UserForm {
            username: username.into(),
            full_name: full_name.into(),
            role: role.as_str().into(),
            office_id: office.as_ref().map(|o| o.id.to_string()).unwrap_or_default(),
            password: DEMO_PASSWORD.into(),
            ..UserForm::default()
        };
        let made = users::create(db, &system, &form, now).await?;
        let second_factor = enrol_if_required(db, &made.username, now).await?;
        logins.push(DemoLogin {
            username: username.into(),
            role,
            office: office.map(|o| o.name),
            second_factor,
        });
    }
    // More officers, so each office has caseloads to compare and reassign between.
    for (code, office) in &offices_made {
        let code = code.to_lowercase();
        let named = usize::from(code == "jakbar");
        for (i, full_name) in clients::EXTRA_PK.iter().enumerate() {
            let form = UserForm {
                username: format!("pk{}.{code}", i + 1 + named),
                full_name: (*full_name).into(),
                role: Role::Pk.as_str().into(),
                office_id: office.id.to_string(),
                password: DEMO_PASSWORD.into(),
                ..UserForm::default()
            };
            users::create(db, &system, &form, now).await?;
        }
    }
    clients::demo_regions(db, now).await?;
    clients::generate(db, DEMO_CLIENTS_PER_OFFICE, DEMO_SEED, now).await?;
    children::generate(db, now).await?;
    reintegration::generate(db, now).await?;
    groups::generate(db, now).await?;
    let dinsos = partners::generate(db, now).await?;
    if let Some(dinsos) = &dinsos {
        kerja_sosial::generate(db, dinsos, now).await?;
        referrals::generate(db, dinsos, now).await?;
    }
    programmes::generate(db, dinsos.as_ref(), now).await?;
    peduli::generate(db, dinsos.as_ref(), now).await?;
    action_plans::generate(db, dinsos.as_ref(), now).await?;
    // Last, so the generators above draw only on the clients supervised now.
    outcomes::generate(db, DEMO_PAST_PER_OFFICE, DEMO_SEED + 1, now).await?;
    Ok(logins)
}
