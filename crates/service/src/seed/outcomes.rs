//! Past supervisions for the demo's outcome evaluation: for each office, former clients whose
//! supervisions ended over the last three years — most completed, some revoked after a new
//! offence, a few who died — with the reintegration checklist as it stood when they closed,
//! and some people who came back: a later supervision, active now, under the same NIK.

use pamong_domain::client::ClientStatus;
use pamong_domain::reintegration::checklist::{NeedItem, NeedState};
use pamong_domain::supervision::{ActionStatus, ViolationAction, ViolationKind};
use pamong_entity::{client, client_need, client_status_change, client_violation};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use super::clients::{Generated, Generator, days_ago, demo_places, offices, write};
use crate::actor::Actor;
use crate::db::begin_write;
use crate::error::ServiceResult;

/// One past supervision, as it ended.
struct Past {
    public_id: Uuid,
    start: Date,
    end: Date,
    outcome: ClientStatus,
}

/// The checklist items kept at closing, and how often each was met.
const MET: [(NeedItem, f64); 4] =
    [(NeedItem::Ktp, 0.75), (NeedItem::Bpjs, 0.55), (NeedItem::Work, 0.4), (NeedItem::Housing, 0.65)];

/// Writes `per_office` past supervisions for each office, and one in eight of them again as
/// a person who came back. Deterministic for a given `seed`.
pub async fn generate(
    db: &DatabaseConnection,
    per_office: usize,
    seed: u64,
    now: OffsetDateTime,
) -> ServiceResult<usize> {
    let system = Actor::system();
    let (kecamatan, villages) = demo_places();
    let mut generator = Generator::new(db, seed, now).await?;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    let today = super::demo_today(now);
    let mut made = 0;
    for office in offices(db).await? {
        let local = office.kecamatan(&kecamatan);
        // The office's last officer (not the named demo PK, whose caseload the tour shows).
        let pk = office.officers.last().copied();
        let mut batch = Vec::with_capacity(per_office + per_office / 8);
        let mut past = Vec::with_capacity(per_office);
        for i in 0..per_office {
            let mut g = generator.client(&office, &local, &villages, None, false);
            let (start, end, outcome) = if i % 8 == 0 {
                // Someone who came back: their supervision now began after the old one ended.
                let mut back = generator.client(&office, &local, &villages, pk, false);
                let again = started(&back).unwrap_or(today);
                let (from, to) = (&g.client, &mut back.client);
                to.nik = from.nik.clone();
                to.full_name = from.full_name.clone();
                to.name_folded = from.name_folded.clone();
                to.sex = from.sex.clone();
                to.birth_date = from.birth_date.clone();
                batch.push(back);
                let end = again - Duration::days(rng.gen_range(20..330));
                (end - Duration::days(rng.gen_range(120..540)), end, ClientStatus::Selesai)
            } else {
                let end = days_ago(today, rng.gen_range(15..1100));
                let outcome = match rng.gen_range(0..100) {
                    0..78 => ClientStatus::Selesai,
                    78..94 => ClientStatus::Dicabut,
                    _ => ClientStatus::Meninggal,
                };
                (end - Duration::days(rng.gen_range(120..540)), end, outcome)
            };
            into_past(&mut g, start, end, outcome, pk, &mut rng);
            if let Set(public_id) = g.client.public_id {
                past.push(Past { public_id, start, end, outcome });
            }
            batch.push(g);
        }
        made += write(db, &system, batch, now).await?;
        close(db, &past, &mut rng, now).await?;
    }
    Ok(made)
}

fn started(g: &Generated) -> Option<Date> {
    match g.client.supervision_start {
        Set(day) => Some(day),
        _ => None,
    }
}

/// Moves a generated client's supervision to `start`..`end`, ended with `outcome`.
fn into_past(
    g: &mut Generated,
    start: Date,
    end: Date,
    outcome: ClientStatus,
    pk: Option<i32>,
    rng: &mut StdRng,
) {
    g.reports.clear();
    if let Some(assessment) = g.assessment.as_mut() {
        assessment.0 = start + Duration::days(rng.gen_range(3..20));
    }
    let c = &mut g.client;
    c.pk_id = Set(pk);
    c.supervision_start = Set(start);
    c.computed_end = Set(Some(end));
    c.supervision_end = Set(Some(end));
    c.status = Set(outcome.as_str().to_owned());
    c.status_date = Set(Some(end));
    c.status_reason = Set(Some(
        match outcome {
            ClientStatus::Dicabut => "Pencabutan setelah sidang TPP",
            ClientStatus::Meninggal => "Meninggal dunia",
            _ => "Masa pengawasan berakhir",
        }
        .to_owned(),
    ));
    c.assessed_on = Set(g.assessment.as_ref().map(|a| a.0));
}

/// Writes how the past supervisions ended: the status change, the checklist on the way, and
/// the new offence behind most revocations.
async fn close(
    db: &DatabaseConnection,
    past: &[Past],
    rng: &mut StdRng,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let ids: Vec<(i32, Uuid)> = client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .column(client::Column::PublicId)
        .filter(client::Column::PublicId.is_in(past.iter().map(|p| p.public_id)))
        .into_tuple()
        .all(db)
        .await?;
    let mut changes = Vec::new();
    let mut needs = Vec::new();
    let mut violations = Vec::new();
    for p in past {
        let Some((id, _)) = ids.iter().find(|(_, public)| *public == p.public_id) else { continue };
        changes.push(client_status_change::ActiveModel {
            client_id: Set(*id),
            status: Set(p.outcome.as_str().to_owned()),
            changed_on: Set(p.end),
            reason: Set(None),
            officer_id: Set(None),
            created_at: Set(now),
            ..Default::default()
        });
        let days = (p.end - p.start).whole_days().max(2);
        for (item, chance) in MET {
            let state = if rng.gen_bool(chance) { NeedState::Met } else { NeedState::Needed };
            let on = p.start + Duration::days(rng.gen_range(1..days));
            needs.push(client_need::ActiveModel {
                client_id: Set(*id),
                item: Set(item.as_str().to_owned()),
                state: Set(state.as_str().to_owned()),
                referral_id: Set(None),
                enrolment_id: Set(None),
                note: Set(None),
                changed_by: Set(None),
                changed_on: Set(on),
                changed_at: Set(now),
                ..Default::default()
            });
        }
        let offence = match p.outcome {
            ClientStatus::Dicabut => rng.gen_bool(0.6),
            ClientStatus::Selesai => rng.gen_bool(0.02),
            _ => false,
        };
        if offence {
            let on = (p.end - Duration::days(rng.gen_range(5..40))).max(p.start);
            violations.push(client_violation::ActiveModel {
                public_id: Set(Uuid::now_v7()),
                client_id: Set(*id),
                kind: Set(ViolationKind::TindakPidanaBaru.as_str().to_owned()),
                occurred_on: Set(on),
                description: Set("Diduga terlibat tindak pidana baru; dilaporkan kepolisian setempat".into()),
                action: Set(ViolationAction::Pencabutan.as_str().to_owned()),
                action_status: Set(ActionStatus::Selesai.as_str().to_owned()),
                officer_id: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
    }
    let txn = begin_write(db).await?;
    for chunk in changes.chunks(300) {
        client_status_change::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in needs.chunks(300) {
        client_need::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in violations.chunks(300) {
        client_violation::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}
