//! Demo Klien Bapas Peduli: three months of social activities in every demo office — a
//! clean-up and an aid drive a month, each officer adding a few of their clients — and one
//! on the first of this month in Jakarta Barat and Jambi, so that Jember shows as not
//! reported yet.

use pamong_domain::calendar::CalendarMonth;
use pamong_domain::reintegration::peduli::{ActivityForm, ParticipantsForm};
use pamong_entity::{bapas, user};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::{Date, OffsetDateTime};

use super::partners::DemoPartner;
use crate::actor::Actor;
use crate::auth;
use crate::error::ServiceResult;
use crate::reintegration::peduli;

/// Officers of each office who take part.
const OFFICERS: usize = 3;
/// Clients each officer brings.
const EACH: usize = 3;

const ACTIVITIES: [(&str, &str, &str); 2] = [
    ("bersih_bersih", "Kerja bakti membersihkan saluran air", "Taman dan saluran air kelurahan"),
    ("bantuan", "Bakti sosial: membagikan sembako kepada lansia", "Balai warga RW 05"),
];

/// Adds the demo activities.
pub async fn generate(
    db: &DatabaseConnection,
    dinsos: Option<&DemoPartner>,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let today = super::demo_today(now);
    for office in bapas::Entity::find().order_by_asc(bapas::Column::Id).all(db).await? {
        let officers = officers(db, office.id).await?;
        let Some(first) = officers.first() else { continue };
        let mut brought = Vec::new();
        for officer in &officers {
            brought.push(mine(db, officer, today).await?);
        }
        // The three months before this one, on the 8th and the 20th; this month on the 1st,
        // except in Jember — whatever day the demo is seeded.
        let this_month = CalendarMonth::of(today);
        let mut days: Vec<(Date, usize)> = this_month
            .last(4)
            .into_iter()
            .take(3)
            .flat_map(|m| [(day_of(m, 8), 0), (day_of(m, 20), 1)])
            .collect();
        if office.code != "JEMBER" {
            days.push((this_month.first_day(), 0));
        }
        for (held_on, which) in days {
            let (kind, description, place) = ACTIVITIES[which];
            // The demo partners are Jakarta Barat's: its aid drives are held with Dinas Sosial.
            let partners = dinsos.filter(|_| office.code == "JAKBAR" && which == 1);
            let form = ActivityForm {
                held_on: held_on.to_string(),
                place: place.into(),
                kind: kind.into(),
                description: description.into(),
                partners: partners.map(|p| p.id.to_string()).into_iter().collect(),
                clients: brought[0].clone(),
            };
            let id = peduli::record(db, first, &form, today, now).await?;
            for (officer, clients) in officers.iter().zip(&brought).skip(1) {
                if !clients.is_empty() {
                    let form = ParticipantsForm { clients: clients.clone() };
                    peduli::add_participants(db, officer, id, &form, now).await?;
                }
            }
        }
    }
    Ok(())
}

/// The `day`th of month `m`.
fn day_of(m: CalendarMonth, day: u8) -> Date {
    m.first_day().replace_day(day).unwrap_or(m.first_day())
}

/// The first officers of an office, as they act.
async fn officers(db: &DatabaseConnection, bapas_id: i32) -> ServiceResult<Vec<Actor>> {
    let users = user::Entity::find()
        .filter(user::Column::BapasId.eq(bapas_id))
        .filter(user::Column::Role.eq(crate::policy::CASELOAD_ROLE.as_str()))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for u in users.into_iter().take(OFFICERS) {
        if let Some(a) = auth::actor_for(db, u.id).await? {
            out.push(a);
        }
    }
    Ok(out)
}

/// A few of the officer's active clients.
async fn mine(db: &DatabaseConnection, officer: &Actor, today: Date) -> ServiceResult<Vec<String>> {
    let page = peduli::office(db, officer, None, today).await?;
    Ok(page.my_clients.into_iter().take(EACH).map(|c| c.id.to_string()).collect())
}
