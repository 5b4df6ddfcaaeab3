//! Demo kerja sosial for Bapas Jakarta Barat: two work sites — Dinas Sosial's shelter
//! kitchen under its PKS, supervised by `mitra.jakbar`, and a kelurahan office with a named
//! supervisor and no PKS yet (so the warning shows) — and five placements at different
//! states (on track, behind, late, completed, not started with a session waiting for
//! sign-off). Two of them are `pk.jakbar`'s, whose other kerja sosial clients stay unplaced.

use pamong_domain::client::ClientStatus;
use pamong_domain::kerja_sosial::{PlacementForm, SessionForm, SiteForm};
use pamong_domain::legal::LegalBasis;
use pamong_domain::partners::PartnerForm;
use pamong_entity::{client, user};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use super::groups::actor;
use super::partners::DemoPartner;
use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::kerja_sosial::{ledger, placements, sites};
use crate::partners;

/// One demo placement: which site, hours ordered, days since the start, hours to have done,
/// and whether the person missed a day without an acceptable reason two days ago.
struct Plan {
    shelter: bool,
    hours: u16,
    started_days_ago: i64,
    done_hours: u32,
    missed: bool,
}

const PLANS: [Plan; 5] = [
    // pk.jakbar's: on track but for a day missed (on their Today), and just started with
    // nothing signed off yet.
    Plan { shelter: true, hours: 40, started_days_ago: 60, done_hours: 20, missed: true },
    Plan { shelter: true, hours: 80, started_days_ago: 3, done_hours: 0, missed: false },
    // Other officers': behind, late (past the six months with hours left), completed.
    Plan { shelter: true, hours: 120, started_days_ago: 100, done_hours: 12, missed: false },
    Plan { shelter: false, hours: 60, started_days_ago: 190, done_hours: 44, missed: false },
    Plan { shelter: false, hours: 16, started_days_ago: 40, done_hours: 16, missed: false },
];

/// Adds the demo sites and placements.
pub async fn generate(
    db: &DatabaseConnection,
    dinsos: &DemoPartner,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let today = super::demo_today(now);
    let (Some(kabapas), Some(mitra), Some(pk)) =
        (actor(db, "kabapas.jakbar").await?, actor(db, "mitra.jakbar").await?, actor(db, "pk.jakbar").await?)
    else {
        return Ok(());
    };
    let kelurahan = PartnerForm {
        name: "Kantor Kelurahan Kedoya Utara".into(),
        kind: "kelurahan".into(),
        area: "Kecamatan Kebon Jeruk".into(),
        address: "Jl. Kedoya Raya No. 17, Jakarta Barat".into(),
        ..Default::default()
    };
    let kelurahan = partners::save(db, &kabapas, None, &kelurahan, now).await?;
    let shelter = SiteForm {
        partner_id: dinsos.id.to_string(),
        agreement_id: dinsos.agreement.to_string(),
        name: "Panti Sosial Bina Insan — dapur umum".into(),
        address: "Jl. Kembangan Raya No. 2, Jakarta Barat".into(),
        area: "Kembangan".into(),
        work_kind: "Membantu dapur umum dan kebersihan panti".into(),
        days: "senin-sabtu".into(),
        opens: "08:00".into(),
        closes: "16:00".into(),
        capacity: "6".into(),
        supervisor_id: mitra.public_id.to_string(),
        supervisor_phone: "081311112222".into(),
        suits_women: true,
        non_commercial: true,
        ..Default::default()
    };
    let shelter = sites::save(db, &kabapas, None, &shelter, now).await?;
    let office = SiteForm {
        partner_id: kelurahan.to_string(),
        name: "Kantor Kelurahan Kedoya Utara — kebersihan lingkungan".into(),
        address: "Jl. Kedoya Raya No. 17, Jakarta Barat".into(),
        area: "Kebon Jeruk".into(),
        work_kind: "Kebersihan saluran air dan taman RW".into(),
        days: "senin-jumat".into(),
        opens: "07:30".into(),
        closes: "12:00".into(),
        capacity: "4".into(),
        supervisor_name: "Hendra Wijaya (Sekretaris Kelurahan)".into(),
        supervisor_phone: "081288889999".into(),
        suits_women: true,
        suits_children: true,
        non_commercial: true,
        ..Default::default()
    };
    let office = sites::save(db, &kabapas, None, &office, now).await?;

    let people = candidates(db, &pk).await?;
    for (plan, client) in PLANS.iter().zip(people) {
        let start = today - Duration::days(plan.started_days_ago);
        let form = PlacementForm {
            site_id: if plan.shelter { shelter } else { office }.to_string(),
            court: "Pengadilan Negeri Jakarta Barat".into(),
            decision_number: format!("{}/Pid.B/{}/PN Jkt.Brt", 100 + plan.hours, start.year()),
            hours: plan.hours.to_string(),
            start_on: start.to_string(),
            deadline: String::new(),
            schedule: if plan.shelter { "Senin dan Kamis 08.00–12.30" } else { "Selasa 07.30–12.00" }.into(),
        };
        let placement = placements::place(db, &kabapas, client, &form, now).await?;
        // The shelter's sessions are signed off by its supervisor; the kelurahan's, kept on
        // paper by its named supervisor, are entered by the office.
        let recorder = if plan.shelter { &mitra } else { &kabapas };
        worked(db, recorder, placement, start, plan.done_hours, today, now).await?;
        if plan.missed {
            let absence = SessionForm {
                held_on: (today - Duration::days(2)).to_string(),
                absent: "ya".into(),
                absence_reason: "Tidak datang tanpa kabar".into(),
                absence_accepted: "tidak".into(),
                ..SessionForm::default()
            };
            ledger::record(db, recorder, placement, &absence, None, today, now).await?;
        }
        if plan.done_hours == 0 {
            // A session the PK recorded, waiting for the supervisor.
            let yesterday = (today - Duration::days(1)).max(start);
            ledger::record(db, &kabapas, placement, &session(yesterday), None, today, now).await?;
        }
    }
    Ok(())
}

/// Four-hour sessions twice a week from `start` until `hours` are done.
async fn worked(
    db: &DatabaseConnection,
    by: &Actor,
    placement: Uuid,
    start: Date,
    hours: u32,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let mut day = start;
    let mut left = hours;
    while left > 0 && day < today {
        ledger::record(db, by, placement, &session(day), None, today, now).await?;
        left = left.saturating_sub(4);
        day += Duration::days(if day.weekday().number_from_monday().is_multiple_of(2) { 3 } else { 4 });
    }
    Ok(())
}

fn session(day: Date) -> SessionForm {
    SessionForm {
        held_on: day.to_string(),
        arrival: "08:00".into(),
        departure: "12:30".into(),
        break_minutes: "30".into(),
        work_done: "Membantu menyiapkan makanan dan membersihkan dapur".into(),
        attendance: "3".into(),
        effort: "3".into(),
        behaviour: "2".into(),
        ..SessionForm::default()
    }
}

/// Active adult kerja sosial clients of Jakarta Barat to place: two of `pk`'s first, then
/// other officers'.
async fn candidates(db: &DatabaseConnection, pk: &Actor) -> ServiceResult<Vec<Uuid>> {
    let Some(bapas) = pk.bapas_id else { return Ok(Vec::new()) };
    let rows = client::Entity::find()
        .filter(client::Column::BapasId.eq(bapas))
        .filter(client::Column::LegalBasis.eq(LegalBasis::KerjaSosial.as_str()))
        .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
        .filter(client::Column::IsChild.eq(false))
        .order_by_asc(client::Column::Id)
        .all(db)
        .await?;
    let me =
        user::Entity::find().filter(user::Column::Username.eq(&pk.username)).one(db).await?.map(|u| u.id);
    let (mine, others): (Vec<_>, Vec<_>) = rows.into_iter().partition(|c| c.pk_id.is_some() && c.pk_id == me);
    Ok(mine.iter().take(2).chain(others.iter().take(3)).map(|c| c.public_id).collect())
}
