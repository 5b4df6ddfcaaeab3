//! Demo children's cases: a few per office, each at a different point of its clocks (a
//! Litmas almost due, one overdue, one just requested, a diversion running, a child under
//! 12), so the deadlines board and the PK's Today show what they are for.

use pamong_domain::abh::case::AbhCaseForm;
use pamong_domain::abh::clock::wall_clock;
use pamong_domain::abh::litmas::LitmasRequestForm;
use pamong_domain::abh::process::DiversionForm;
use pamong_domain::client::ClientForm;
use pamong_domain::office::Zone;
use pamong_entity::{bapas, user};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::{Duration, OffsetDateTime};

use crate::abh::{litmas, process, register};
use crate::auth;
use crate::error::ServiceResult;

/// One demo child and where their case stands.
struct Demo {
    name: &'static str,
    sex: &'static str,
    age_years: i64,
    offence: &'static str,
    penalty_years: u32,
    /// Hours since a Litmas request arrived, if one did.
    litmas_hours_ago: Option<i64>,
    /// Days since diversion started at the investigation, if it did.
    diversion_days_ago: Option<i64>,
}

const DEMOS: [Demo; 5] = [
    Demo {
        name: "Rizky Pratama",
        sex: "L",
        age_years: 15,
        offence: "Pencurian sepeda motor",
        penalty_years: 5,
        litmas_hours_ago: Some(62),
        diversion_days_ago: None,
    },
    Demo {
        name: "Putri Ayu Lestari",
        sex: "P",
        age_years: 16,
        offence: "Penganiayaan ringan",
        penalty_years: 2,
        litmas_hours_ago: Some(80),
        diversion_days_ago: None,
    },
    Demo {
        name: "Dimas Saputra",
        sex: "L",
        age_years: 17,
        offence: "Pencurian dengan kekerasan",
        penalty_years: 9,
        litmas_hours_ago: Some(6),
        diversion_days_ago: None,
    },
    Demo {
        name: "Nabila Rahma",
        sex: "P",
        age_years: 14,
        offence: "Perusakan barang",
        penalty_years: 2,
        litmas_hours_ago: None,
        diversion_days_ago: Some(3),
    },
    Demo {
        name: "Fajar Nugroho",
        sex: "L",
        age_years: 11,
        offence: "Pencurian",
        penalty_years: 5,
        litmas_hours_ago: None,
        diversion_days_ago: None,
    },
];

/// Registers the demo children in every office, spread over its PKs.
pub async fn generate(db: &DatabaseConnection, now: OffsetDateTime) -> ServiceResult<()> {
    let today = super::demo_today(now);
    for office in bapas::Entity::find().filter(bapas::Column::Active.eq(true)).all(db).await? {
        let zone = Zone::parse(&office.zone).unwrap_or(Zone::Wib);
        let pks = user::Entity::find()
            .filter(user::Column::BapasId.eq(office.id))
            .filter(user::Column::Role.eq(crate::policy::CASELOAD_ROLE.as_str()))
            .order_by_asc(user::Column::Id)
            .all(db)
            .await?;
        for (i, demo) in DEMOS.iter().enumerate() {
            let Some(pk) = pks.get(i % pks.len().max(1)) else { continue };
            let Some(actor) = auth::actor_for(db, pk.id).await? else { continue };
            let offence_date = today - Duration::days(12);
            let birth = offence_date - Duration::days(demo.age_years * 365 + 100);
            let child = ClientForm {
                full_name: demo.name.into(),
                sex: demo.sex.into(),
                birth_date: birth.to_string(),
                address: "Jl. Kenanga No. 7, RT 03/RW 05".into(),
                ..ClientForm::default()
            };
            let case = AbhCaseForm {
                mother_name: "Sri Wahyuni".into(),
                father_name: "Budi Hartono".into(),
                offence_date: offence_date.to_string(),
                offence: demo.offence.into(),
                penalty_years: demo.penalty_years.to_string(),
                investigator: "Bripka Andi Wijaya".into(),
                police_unit: "Polsek setempat".into(),
                investigation_start: (today - Duration::days(5)).to_string(),
                ..AbhCaseForm::default()
            };
            let id = register::create(db, &actor, &child, &case, today, now).await?;
            if let Some(hours) = demo.litmas_hours_ago {
                let request = LitmasRequestForm {
                    requester: "penyidik".into(),
                    kind: "diversi".into(),
                    letter_number: format!("B/{}/XI/2026/Reskrim", 100 + i),
                    received_at: wall_clock(now - Duration::hours(hours), zone),
                };
                litmas::request(db, &actor, id, &request, now).await?;
            }
            if let Some(days) = demo.diversion_days_ago {
                let diversion = DiversionForm {
                    stage: "penyidikan".into(),
                    started_on: (today - Duration::days(days)).to_string(),
                    ..DiversionForm::default()
                };
                process::save_diversion(db, &actor, id, &diversion, today, now).await?;
            }
        }
    }
    Ok(())
}
