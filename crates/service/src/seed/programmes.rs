//! Demo reintegration programmes: each demo Bapas runs four — personality guidance, a
//! skills course (with Dinas Sosial under its PKS in Jakarta Barat, so `mitra.jakbar` runs
//! it), a UMKM mentoring group and the Griya Abhipraya transit house with its beds and work
//! units — with participants enrolled through the service (so the checklist moves with them),
//! weekly sessions with attendance, a session tomorrow, two who completed with a certificate
//! and one who dropped out this week — and the UMKM pilot's three businesses. In Jakarta
//! Barat `pk.jakbar`'s clients come first, so their Today shows the session tomorrow and the
//! drop-out.

use pamong_domain::Role;
use pamong_domain::client::ClientStatus;
use pamong_domain::reintegration::participation::{AttendanceForm, EnrolForm, OutcomeForm, SessionPlanForm};
use pamong_domain::reintegration::programmes::ProgrammeForm;
use pamong_domain::reintegration::umkm::{BusinessForm, SupportForm};
use pamong_entity::{bapas, client};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use super::groups::actor;
use super::partners::DemoPartner;
use crate::actor::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::ids::{BapasId, KanwilId};
use crate::reintegration::{enrolments, programmes, sessions, umkm};

/// How long ago the demo programmes started.
const STARTED_DAYS_AGO: i64 = 63;

/// One demo programme and who joins it.
struct Plan {
    name: &'static str,
    kind: &'static str,
    place: &'static str,
    schedule: &'static str,
    capacity: u16,
    needs: &'static [&'static str],
    work_units: &'static str,
    /// Participants to enrol.
    join: usize,
    /// Whether the partner runs it (Jakarta Barat).
    with_partner: bool,
}

const PLANS: [Plan; 4] = [
    Plan {
        name: "Pelatihan las dan otomotif dasar",
        kind: "kemandirian",
        place: "Balai Latihan Kerja",
        schedule: "Senin dan Kamis 09.00–12.00",
        capacity: 12,
        needs: &["pekerjaan", "pendidikan"],
        work_units: "",
        join: 7,
        with_partner: true,
    },
    Plan {
        name: "Bimbingan kesadaran hukum dan keagamaan",
        kind: "kepribadian",
        place: "Aula Bapas",
        schedule: "Rabu 09.00–11.00",
        capacity: 30,
        needs: &["keluarga"],
        work_units: "",
        join: 6,
        with_partner: false,
    },
    Plan {
        name: "Pendampingan UMKM klien",
        kind: "umkm",
        place: "Klinik UMKM Bapas",
        schedule: "Jumat 13.00–15.00",
        capacity: 10,
        needs: &["pekerjaan"],
        work_units: "",
        join: 3,
        with_partner: false,
    },
    Plan {
        name: "Griya Abhipraya",
        kind: "griya_abhipraya",
        place: "Rumah singgah Bapas",
        schedule: "Setiap hari",
        capacity: 8,
        needs: &["tempat_tinggal", "pekerjaan"],
        work_units: "Pertanian\nPeternakan\nBinatu",
        join: 5,
        with_partner: false,
    },
];

/// The office's head as the seed acts: the demo Kabapas where there is one, else the office
/// itself (a Kabapas with no account), so that every step goes through the service.
pub(super) async fn head_of(db: &DatabaseConnection, office: &bapas::Model) -> ServiceResult<Actor> {
    if let Some(kabapas) = actor(db, "kabapas.jakbar").await?
        && kabapas.bapas_id == Some(BapasId(office.id))
    {
        return Ok(kabapas);
    }
    Ok(Actor {
        role: Role::Kabapas,
        bapas_id: Some(BapasId(office.id)),
        kanwil_id: Some(KanwilId(office.kanwil_id)),
        ..Actor::system()
    })
}

/// Adds the programmes of every demo office.
pub async fn generate(
    db: &DatabaseConnection,
    dinsos: Option<&DemoPartner>,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let today = super::demo_today(now);
    let pk = actor(db, "pk.jakbar").await?;
    for office in bapas::Entity::find().order_by_asc(bapas::Column::Id).all(db).await? {
        let head = head_of(db, &office).await?;
        let partner = dinsos.filter(|_| head.user_id.is_some());
        let mut people = adults(db, office.id, pk.as_ref()).await?.into_iter();
        for plan in &PLANS {
            let id = programme(db, &head, plan, &office.name, partner, today, now).await?;
            let (clients, joined): (Vec<Uuid>, Vec<Uuid>) =
                enrol(db, &head, id, plan, &mut people, today, now).await?.into_iter().unzip();
            if plan.kind == "umkm" {
                businesses(db, &head, &clients, partner, today, now).await?;
            }
            if plan.kind != "griya_abhipraya" {
                weekly_sessions(db, &head, id, today, now).await?;
            }
            finish(db, &head, plan, &joined, today, now).await?;
        }
    }
    Ok(())
}

async fn programme(
    db: &DatabaseConnection,
    head: &Actor,
    plan: &Plan,
    office: &str,
    partner: Option<&DemoPartner>,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let town = office.trim_start_matches("Bapas Kelas I ").trim_start_matches("Bapas Kelas II ");
    let partnered = partner.filter(|_| plan.with_partner);
    let form = ProgrammeForm {
        partner_id: partnered.map(|p| p.id.to_string()).unwrap_or_default(),
        agreement_id: partnered.map(|p| p.agreement.to_string()).unwrap_or_default(),
        name: if plan.kind == "griya_abhipraya" { format!("{} {town}", plan.name) } else { plan.name.into() },
        kind: plan.kind.into(),
        place: plan.place.into(),
        schedule: plan.schedule.into(),
        starts_on: (today - Duration::days(STARTED_DAYS_AGO)).to_string(),
        capacity: plan.capacity.to_string(),
        needs: plan.needs.iter().map(|n| (*n).to_owned()).collect(),
        work_units: plan.work_units.into(),
        min_age: if plan.kind == "kemandirian" { "18".into() } else { String::new() },
        ..ProgrammeForm::default()
    };
    programmes::save(db, head, None, &form, now).await
}

/// The office's active adult clients, `pk.jakbar`'s first.
async fn adults(db: &DatabaseConnection, bapas_id: i32, pk: Option<&Actor>) -> ServiceResult<Vec<Uuid>> {
    let mut rows = client::Entity::find()
        .filter(client::Column::BapasId.eq(bapas_id))
        .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
        .filter(client::Column::IsChild.eq(false))
        .order_by_asc(client::Column::Id)
        .all(db)
        .await?;
    let mine = pk.and_then(|p| p.user_key());
    rows.sort_by_key(|c| c.pk_id != mine || mine.is_none());
    Ok(rows.into_iter().map(|c| c.public_id).collect())
}

/// Enrols the plan's participants from `people`, skipping those the programme does not suit;
/// they joined a week apart, the earliest seven weeks ago.
async fn enrol(
    db: &DatabaseConnection,
    head: &Actor,
    programme: Uuid,
    plan: &Plan,
    people: &mut impl Iterator<Item = Uuid>,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Vec<(Uuid, Uuid)>> {
    let mut joined = Vec::new();
    let mut tried = 0;
    while joined.len() < plan.join && tried < plan.join * 4 {
        let Some(client) = people.next() else { break };
        tried += 1;
        let i = i64::try_from(joined.len()).unwrap_or(0);
        let enrolled_on = today - Duration::days(49 - 7 * i.min(6));
        // The transit house's first resident left last week; the others stay a few months.
        let check_out = (plan.kind == "griya_abhipraya").then(|| enrolled_on + Duration::days(90));
        let form = EnrolForm {
            programme_id: programme.to_string(),
            enrolled_on: enrolled_on.to_string(),
            check_out: check_out.map(|d| d.to_string()).unwrap_or_default(),
            work_unit: ["Pertanian", "Peternakan", "Binatu"][joined.len() % 3].into(),
            consent: true,
        };
        match enrolments::enrol(db, head, client, &form, today, now).await {
            Ok(id) => joined.push((client, id)),
            // Not suited (age, band): the next client.
            Err(ServiceError::Domain(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(joined)
}

/// The UMKM pilot: a business for each participant — two running with support received
/// (capital from Dinas Sosial in Jakarta Barat, equipment from the office), one planned.
async fn businesses(
    db: &DatabaseConnection,
    head: &Actor,
    clients: &[Uuid],
    partner: Option<&DemoPartner>,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let pilot = [
        ("Warung Kopi Sejahtera", "warung kopi", "berjalan", 40),
        ("Servis Motor Berkah", "servis sepeda motor", "berjalan", 25),
        ("Keripik Singkong Mantap", "makanan ringan rumahan", "direncanakan", 5),
    ];
    for (client, (name, kind, status, days_ago)) in clients.iter().zip(pilot) {
        let since = today - Duration::days(days_ago);
        let form = BusinessForm {
            name: name.into(),
            kind: kind.into(),
            status: status.into(),
            since: since.to_string(),
            note: String::new(),
        };
        let business = umkm::add(db, head, *client, &form, today, now).await?;
        if status == "berjalan" {
            let capital = SupportForm {
                kind: "modal".into(),
                partner_id: partner.map(|p| p.id.to_string()).unwrap_or_default(),
                received_on: since.to_string(),
                description: "Bantuan modal usaha".into(),
                amount: "2.500.000".into(),
            };
            umkm::add_support(db, head, business, &capital, today, now).await?;
            let mentoring = SupportForm {
                kind: "pendampingan".into(),
                received_on: (since + Duration::days(14)).to_string(),
                description: "Pendampingan pembukuan sederhana".into(),
                ..SupportForm::default()
            };
            umkm::add_support(db, head, business, &mentoring, today, now).await?;
        }
    }
    Ok(())
}

/// A session a week from the start until last week, attendance recorded (one in six
/// absent), and one tomorrow.
async fn weekly_sessions(
    db: &DatabaseConnection,
    head: &Actor,
    programme: Uuid,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let detail = enrolments::get(db, head, programme, today).await?;
    let topics =
        ["Perkenalan dan tujuan", "Keselamatan kerja", "Praktik dasar", "Praktik lanjutan", "Evaluasi"];
    for week in (1..=8_i64).rev() {
        let held_on = today - Duration::days(7 * week - 1);
        let topic = topics[usize::try_from(week).unwrap_or(0) % topics.len()];
        let plan = SessionPlanForm { held_on: held_on.to_string(), topic: topic.into() };
        let session = sessions::plan(db, head, programme, &plan, now).await?;
        let present = detail
            .participants
            .iter()
            .enumerate()
            .filter(|(i, p)| p.enrolled_on <= held_on && (i + usize::try_from(week).unwrap_or(0)) % 6 != 0)
            .map(|(_, p)| p.enrolment.to_string())
            .collect();
        sessions::record_attendance(db, head, session, &AttendanceForm { present }, now).await?;
    }
    let Some(tomorrow) = today.next_day() else { return Ok(()) };
    let plan = SessionPlanForm { held_on: tomorrow.to_string(), topic: "Praktik lanjutan".into() };
    sessions::plan(db, head, programme, &plan, now).await?;
    Ok(())
}

/// Ends some enrolments: the skills course's first participant dropped out two days ago
/// (on their PK's Today), the guidance's first two completed with a certificate after the last session, the
/// transit house's first resident checked out last week.
async fn finish(
    db: &DatabaseConnection,
    head: &Actor,
    plan: &Plan,
    joined: &[Uuid],
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let endings: Vec<(usize, OutcomeForm)> = match plan.kind {
        "kemandirian" => vec![(
            0,
            OutcomeForm {
                status: "keluar".into(),
                ended_on: (today - Duration::days(2)).to_string(),
                reason: "Mulai bekerja shift pagi di pasar, jadwal bentrok".into(),
                ..OutcomeForm::default()
            },
        )],
        "kepribadian" => (0..2)
            .map(|i| {
                let done = OutcomeForm {
                    status: "selesai".into(),
                    ended_on: (today - Duration::days(5)).to_string(),
                    certificate: true,
                    job_found: i == 0,
                    ..OutcomeForm::default()
                };
                (i, done)
            })
            .collect(),
        "griya_abhipraya" => vec![(
            0,
            OutcomeForm {
                status: "selesai".into(),
                ended_on: (today - Duration::days(6)).to_string(),
                job_found: true,
                ..OutcomeForm::default()
            },
        )],
        _ => Vec::new(),
    };
    for (i, form) in endings {
        if let Some(enrolment) = joined.get(i) {
            enrolments::end(db, head, *enrolment, &form, now).await?;
        }
    }
    Ok(())
}
