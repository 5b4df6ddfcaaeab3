//! Synthetic clients that make the demo look like a real office: Indonesian names, NIKs that
//! agree with sex and birth date, every legal basis, varied risk bands, and a reporting
//! history with some misses, so Today and the caseload have something to show.
//!
//! Rows are written in bulk (not through the registry fns) so that 100,000 clients for the
//! search benchmark take seconds; one audit row records each batch.

use std::collections::HashSet;

use pamong_domain::calendar;
use pamong_domain::client::ClientStatus;
use pamong_domain::legal::{LegalBasis, PeriodInput, PeriodRules, Term, supervision_end};
use pamong_domain::reporting::{ReportingFrequencies, RiskBand, periods, schedules};
use pamong_domain::rri::{Answers, Instrument};
use pamong_entity::{bapas, client, client_assessment, client_report, client_status_change, user};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use time::{Date, Duration, OffsetDateTime, Time};
use uuid::Uuid;

use super::regions::DEMO_REGIONS;
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::searchable_name;
use crate::db::begin_write;
use crate::error::ServiceResult;

const MEN: [&str; 40] = [
    "Budi",
    "Agus",
    "Andi",
    "Ahmad",
    "Bambang",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Irfan",
    "Joko",
    "Rudi",
    "Slamet",
    "Wahyu",
    "Yusuf",
    "Rizki",
    "Dimas",
    "Arif",
    "Bayu",
    "Gilang",
    "Hadi",
    "Imam",
    "Kurniawan",
    "Muhammad",
    "Nur",
    "Putra",
    "Rahmat",
    "Sigit",
    "Teguh",
    "Wawan",
    "Yoga",
    "Zainal",
    "Heri",
    "Iwan",
    "Feri",
    "Anton",
    "Doni",
    "Galih",
    "Ilham",
    "Taufik",
];
const WOMEN: [&str; 30] = [
    "Siti", "Dewi", "Sri", "Rina", "Wulan", "Ayu", "Fitri", "Indah", "Lestari", "Maya", "Nurul", "Putri",
    "Ratna", "Sari", "Yuni", "Anisa", "Dian", "Eka", "Lina", "Mega", "Nia", "Novi", "Rahma", "Tuti", "Wati",
    "Yanti", "Intan", "Kartika", "Melati", "Citra",
];
const FAMILY: [&str; 40] = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Pratama",
    "Setiawan",
    "Nugroho",
    "Susanto",
    "Gunawan",
    "Hartono",
    "Kusuma",
    "Lubis",
    "Nasution",
    "Siregar",
    "Harahap",
    "Simanjuntak",
    "Sitompul",
    "Purba",
    "Rahman",
    "Hakim",
    "Syahputra",
    "Permana",
    "Ramadhan",
    "Firmansyah",
    "Maulana",
    "Sihombing",
    "Tanjung",
    "Hasibuan",
    "Situmorang",
    "Manurung",
    "Wibowo",
    "Utomo",
    "Prasetyo",
    "Suryadi",
    "Haryanto",
    "Kurnia",
    "Anggraini",
    "Rahayu",
    "Handayani",
    "Puspita",
];
const JOBS: [&str; 10] = [
    "Buruh harian lepas",
    "Pedagang",
    "Ojek daring",
    "Petani",
    "Nelayan",
    "Karyawan swasta",
    "Tidak bekerja",
    "Wiraswasta",
    "Sopir",
    "Tukang bangunan",
];
const EDUCATION: [&str; 5] = ["SD", "SMP", "SMA/SMK", "D3", "S1"];
const RELIGION: [&str; 5] = ["Islam", "Islam", "Islam", "Kristen", "Katolik"];
const ARTICLES: [&str; 6] = [
    "Pasal 362 KUHP (pencurian)",
    "Pasal 363 KUHP (pencurian dengan pemberatan)",
    "Pasal 372 KUHP (penggelapan)",
    "Pasal 378 KUHP (penipuan)",
    "Pasal 351 KUHP (penganiayaan)",
    "Pasal 112 UU 35/2009 (narkotika)",
];

/// Demo PK officers added to each Bapas besides the named demo login.
pub const EXTRA_PK: [&str; 3] = ["Hendra Gunawan", "Ratna Sari", "Yusuf Maulana"];

/// One Bapas's generation inputs.
pub(super) struct Office {
    pub(super) id: i32,
    code: String,
    kab_kota: String,
    court: String,
    pub(super) officers: Vec<i32>,
}

pub(super) async fn offices<C: ConnectionTrait>(db: &C) -> ServiceResult<Vec<Office>> {
    let rows = bapas::Entity::find()
        .filter(bapas::Column::Active.eq(true))
        .order_by_asc(bapas::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for b in rows {
        let officers: Vec<i32> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::BapasId.eq(b.id))
            .filter(user::Column::Role.eq(crate::policy::CASELOAD_ROLE.as_str()))
            .filter(user::Column::Active.eq(true))
            .order_by_asc(user::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        let coverage: Option<String> = pamong_entity::bapas_coverage::Entity::find()
            .select_only()
            .column(pamong_entity::bapas_coverage::Column::Code)
            .filter(pamong_entity::bapas_coverage::Column::BapasId.eq(b.id))
            .into_tuple()
            .one(db)
            .await?;
        let kab_kota = coverage.unwrap_or_else(|| "31.73".into());
        let city = b.name.split_whitespace().skip(3).collect::<Vec<_>>().join(" ");
        out.push(Office {
            id: b.id,
            code: b.code,
            kab_kota,
            court: format!("Pengadilan Negeri {city}"),
            officers,
        });
    }
    Ok(out)
}

/// A date `days` before `today`.
pub(super) fn days_ago(today: Date, days: i64) -> Date {
    today.checked_sub(Duration::days(days)).unwrap_or(today)
}

pub(super) struct Generator {
    rng: StdRng,
    niks: HashSet<String>,
    today: Date,
    now: OffsetDateTime,
    instrument: Instrument,
    frequencies: ReportingFrequencies,
    /// Clients generated so far, including earlier runs (numbers the demo register).
    serial: u64,
}

/// One generated client and the history that goes with it.
pub(super) struct Generated {
    pub(super) client: client::ActiveModel,
    pub(super) reports: Vec<(Date, Time, &'static str, bool)>,
    pub(super) assessment: Option<(Date, u16, String, Answers)>,
}

impl Generator {
    fn name(&mut self, female: bool) -> String {
        let first = if female { WOMEN.choose(&mut self.rng) } else { MEN.choose(&mut self.rng) };
        let family = FAMILY.choose(&mut self.rng);
        let first = first.copied().unwrap_or("Budi");
        let family = family.copied().unwrap_or("Santoso");
        if self.rng.gen_bool(0.15) {
            let father = MEN.choose(&mut self.rng).copied().unwrap_or("Ahmad");
            format!("{first} {family} {} {father}", if female { "binti" } else { "bin" })
        } else {
            format!("{first} {family}")
        }
    }

    fn nik(&mut self, kecamatan: &str, birth: Date, female: bool) -> String {
        let region: String = kecamatan.chars().filter(char::is_ascii_digit).collect();
        let day = birth.day() + if female { 40 } else { 0 };
        let stem = format!("{region}{day:02}{:02}{:02}", u8::from(birth.month()), birth.year() % 100);
        loop {
            let nik = format!("{stem}{:04}", self.rng.gen_range(1..=9999));
            if self.niks.insert(nik.clone()) {
                return nik;
            }
        }
    }

    /// Answers where each risk factor is present with probability `p`.
    fn answers(&mut self, p: f64) -> Answers {
        let mut answers = Answers::new();
        for item in &self.instrument.items {
            if item.choices.len() > 1 && self.rng.gen_bool(p) {
                let pick = self.rng.gen_range(1..item.choices.len());
                answers.insert(item.key.clone(), item.choices[pick].key.clone());
            }
        }
        answers
    }

    pub(super) fn client(
        &mut self,
        office: &Office,
        kecamatan: &[&str],
        villages: &[&str],
        pk: Option<i32>,
        kerja_sosial: bool,
    ) -> Generated {
        let female = self.rng.gen_bool(0.12);
        let full_name = self.name(female);
        let age_days = self.rng.gen_range(19 * 365..60 * 365);
        let birth_date = days_ago(self.today, age_days);
        let kec = kecamatan.choose(&mut self.rng).copied().unwrap_or("31.73.01");
        let nik = self.rng.gen_bool(0.93).then(|| self.nik(kec, birth_date, female));
        let basis = *[
            LegalBasis::Pb,
            LegalBasis::Pb,
            LegalBasis::Pb,
            LegalBasis::Cb,
            LegalBasis::Cmb,
            LegalBasis::Asimilasi,
            LegalBasis::PidanaPengawasan,
            LegalBasis::KerjaSosial,
        ]
        .choose(&mut self.rng)
        .unwrap_or(&LegalBasis::Pb);
        let start = days_ago(self.today, self.rng.gen_range(10..420));
        // A kerja sosial client asked for (see `generate`) began ten weeks ago, so that their
        // court term is running on any date the demo is seeded.
        let (basis, start) =
            if kerja_sosial { (LegalBasis::KerjaSosial, days_ago(self.today, 70)) } else { (basis, start) };
        let mut input = PeriodInput::default();
        match basis {
            LegalBasis::Pb | LegalBasis::Cb | LegalBasis::Asimilasi => {
                input.remaining =
                    Some(Term { months: self.rng.gen_range(2..30), days: self.rng.gen_range(0..28) })
            }
            LegalBasis::Cmb => {
                input.last_remission = Some(Term { months: self.rng.gen_range(1..6), days: 0 })
            }
            LegalBasis::PidanaPengawasan | LegalBasis::AnakBersyarat => {
                input.court_term = Some(Term { months: self.rng.gen_range(6..36), days: 0 })
            }
            LegalBasis::KerjaSosial if kerja_sosial => input.court_term = Some(Term { months: 5, days: 0 }),
            LegalBasis::KerjaSosial => {
                input.court_term = Some(Term { months: self.rng.gen_range(1..6), days: 0 })
            }
            LegalBasis::PendampinganAnak => {}
        }
        let end = supervision_end(basis, start, &input, &PeriodRules::default())
            .ok()
            .flatten()
            .or_else(|| Some(calendar::add_months(start, 12)));
        // Roughly: a fifth of the caseload is not yet assessed, the rest spread over the bands.
        let assessment = self.rng.gen_bool(0.82).then(|| {
            // Mostly low risk, some medium, a few high: roughly 55 / 30 / 15 %.
            let p = match self.rng.gen_range(0..100) {
                0..55 => 0.15,
                55..85 => 0.5,
                _ => 0.85,
            };
            let answers = self.answers(p);
            let score = self.instrument.score(&answers).ok();
            let on = days_ago(self.today, self.rng.gen_range(5..260)).max(start);
            (
                on,
                score.map_or(0, |s| s.total),
                score.map_or("rendah", |s| s.band.as_str()).to_owned(),
                answers,
            )
        });
        let band = assessment.as_ref().and_then(|a| RiskBand::parse(&a.2));
        let history: Vec<(Date, RiskBand)> =
            assessment.as_ref().zip(band).map(|(a, b)| (a.0, b)).into_iter().collect();
        let periods = periods(&schedules(start, &history, &self.frequencies), self.today);
        // Most clients report every period; some stopped lately (0 to 2 periods before the
        // open one), which fills Today with overdue reports and revocation warnings.
        let stopped_for = self.rng.gen_bool(0.2).then(|| self.rng.gen_range(1..=4usize));
        let mut reports = Vec::new();
        for (i, (from, due)) in periods.iter().enumerate() {
            let from_end = periods.len() - i;
            if stopped_for.is_some_and(|k| from_end <= k) || !self.rng.gen_bool(0.93) {
                continue;
            }
            let last_day = (*due).min(self.today.previous_day().unwrap_or(self.today));
            let span = (last_day - *from).whole_days();
            if span < 0 {
                continue;
            }
            let day = from.checked_add(Duration::days(self.rng.gen_range(0..=span))).unwrap_or(*from);
            let minute = [0, 15, 30, 45][self.rng.gen_range(0..4)];
            let time = Time::from_hms(self.rng.gen_range(8..15), minute, 0).unwrap_or(Time::MIDNIGHT);
            let kind = *["kantor", "kantor", "kantor", "video", "kunjungan"]
                .choose(&mut self.rng)
                .unwrap_or(&"kantor");
            reports.push((day, time, kind, true));
        }
        let now = self.now;
        let public_id = Uuid::now_v7();
        let village = villages.iter().filter(|v| v.starts_with(kec)).collect::<Vec<_>>();
        let region_code = village.choose(&mut self.rng).map(|v| (**v).to_owned());
        let relation =
            *["Orang tua", "Istri", "Suami", "Kakak", "Paman"].choose(&mut self.rng).unwrap_or(&"Orang tua");
        let phone = |rng: &mut StdRng| format!("08{}", rng.gen_range(1_100_000_000u64..1_399_999_999));
        let guarantor_female = self.rng.gen_bool(0.5);
        let guarantor = self.name(guarantor_female);
        let client = client::ActiveModel {
            public_id: Set(public_id),
            register_number: Set(format!(
                "{}-{}-D{}",
                office.code,
                start.year(),
                &public_id.simple().to_string()[20..]
            )),
            bapas_id: Set(office.id),
            pk_id: Set(pk),
            nik: Set(nik),
            name_folded: Set(searchable_name(&full_name, &[])),
            full_name: Set(full_name),
            aliases: Set(None),
            sex: Set(if female { "P" } else { "L" }.into()),
            birth_place: Set(Some(office.court.trim_start_matches("Pengadilan Negeri ").to_owned())),
            birth_date: Set(birth_date),
            religion: Set(RELIGION.choose(&mut self.rng).map(|s| (*s).to_owned())),
            education: Set(EDUCATION.choose(&mut self.rng).map(|s| (*s).to_owned())),
            occupation: Set(JOBS.choose(&mut self.rng).map(|s| (*s).to_owned())),
            address: Set(Some(format!("Jl. Melati No. {}", self.rng.gen_range(1..120)))),
            region_code: Set(region_code),
            phone: Set(Some(phone(&mut self.rng))),
            guarantor_name: Set(Some(guarantor)),
            guarantor_relation: Set(Some(relation.into())),
            guarantor_phone: Set(Some(phone(&mut self.rng))),
            court: Set(Some(office.court.clone())),
            decision_number: Set(Some(format!(
                "{}/Pid.B/{}/PN",
                self.rng.gen_range(10..999),
                start.year() - 1
            ))),
            offence_articles: Set(ARTICLES.choose(&mut self.rng).map(|s| (*s).to_owned())),
            legal_basis: Set(basis.as_str().to_owned()),
            supervision_start: Set(start),
            remaining_months: Set(input.remaining.map(|t| t.months as i32)),
            remaining_days: Set(input.remaining.map(|t| t.days as i32)),
            remission_months: Set(input.last_remission.map(|t| t.months as i32)),
            remission_days: Set(input.last_remission.map(|t| t.days as i32)),
            term_months: Set(input.court_term.map(|t| t.months as i32)),
            term_days: Set(input.court_term.map(|t| t.days as i32)),
            computed_end: Set(end),
            supervision_end: Set(end),
            end_override_reason: Set(None),
            status: Set(ClientStatus::Aktif.as_str().to_owned()),
            status_date: Set(Some(start)),
            status_reason: Set(None),
            risk_band: Set(assessment.as_ref().map(|a| a.2.clone())),
            risk_score: Set(assessment.as_ref().map(|a| i32::from(a.1))),
            assessed_on: Set(assessment.as_ref().map(|a| a.0)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        Generated { client, reports, assessment }
    }
}

/// Rows per insert statement: SQLite allows 32,766 bound values, a client row has 45.
const CHUNK: usize = 300;

/// Generates `per_office` clients for each active Bapas, spread over its PKs (the first PK,
/// the named demo login, gets a realistic caseload of about 40), with reports and
/// assessments. Deterministic for a given `seed`.
pub async fn generate(
    db: &DatabaseConnection,
    per_office: usize,
    seed: u64,
    now: OffsetDateTime,
) -> ServiceResult<usize> {
    generate_with_progress(db, per_office, seed, now, |_| {}).await
}

/// [`generate`], calling `progress` with the number of clients each batch wrote.
pub async fn generate_with_progress(
    db: &DatabaseConnection,
    per_office: usize,
    seed: u64,
    now: OffsetDateTime,
    progress: impl Fn(usize),
) -> ServiceResult<usize> {
    let system = Actor::system();
    let offices = offices(db).await?;
    let (kecamatan, villages) = demo_places();
    let mut generator = Generator::new(db, seed, now).await?;
    let mut made = 0;
    for office in &offices {
        let local = office.kecamatan(&kecamatan);
        let mut batch = Vec::with_capacity(CHUNK);
        let mut named_pk_clients = 0;
        for i in 0..per_office {
            // The first officer (the named demo PK) gets every 6th client, the others share
            // the rest; a few are left unassigned for the Kabapas to hand out.
            let pk = match office.officers.len() {
                0 => None,
                _ if i % 50 == 49 => None,
                1 => office.officers.first().copied(),
                _ if i % 6 == 0 => office.officers.first().copied(),
                n => office.officers.get(1 + i % (n - 1)).copied(),
            };
            // The named demo PK's first three are kerja sosial clients whose terms are
            // running: the demo places two and the tour places the third. Left to chance,
            // how many are still running shifts with the date the demo is seeded on.
            let named_pk = pk.is_some() && pk == office.officers.first().copied();
            let kerja_sosial = named_pk && named_pk_clients < 3;
            named_pk_clients += usize::from(named_pk);
            batch.push(generator.client(office, &local, &villages, pk, kerja_sosial));
            if batch.len() == CHUNK {
                let n = write(db, &system, std::mem::take(&mut batch), now).await?;
                progress(n);
                made += n;
            }
        }
        let n = write(db, &system, batch, now).await?;
        progress(n);
        made += n;
    }
    Ok(made)
}

/// The demo's kecamatan and village codes.
pub(super) fn demo_places() -> (Vec<&'static str>, Vec<&'static str>) {
    let kecamatan = DEMO_REGIONS.iter().filter(|(c, _)| c.len() == 8).map(|(c, _)| *c).collect();
    let villages = DEMO_REGIONS.iter().filter(|(c, _)| c.len() == 13).map(|(c, _)| *c).collect();
    (kecamatan, villages)
}

impl Office {
    /// The kecamatan of the office's area (all of them when it covers none of the demo's).
    pub(super) fn kecamatan<'a>(&self, all: &[&'a str]) -> Vec<&'a str> {
        let local: Vec<&str> = all.iter().copied().filter(|k| k.starts_with(&self.kab_kota)).collect();
        if local.is_empty() { all.to_vec() } else { local }
    }
}

impl Generator {
    /// A generator seeded with `seed`, that avoids the NIKs already registered.
    pub(super) async fn new(
        db: &DatabaseConnection,
        seed: u64,
        now: OffsetDateTime,
    ) -> ServiceResult<Generator> {
        let mut generator = Generator {
            rng: StdRng::seed_from_u64(seed),
            niks: HashSet::new(),
            today: super::demo_today(now),
            now,
            instrument: Instrument::part_a_2021(),
            frequencies: ReportingFrequencies::default(),
            serial: 0,
        };
        let existing: Vec<Option<String>> =
            client::Entity::find().select_only().column(client::Column::Nik).into_tuple().all(db).await?;
        generator.serial = existing.len() as u64;
        generator.niks.extend(existing.into_iter().flatten());
        Ok(generator)
    }
}

pub(super) async fn write(
    db: &DatabaseConnection,
    actor: &Actor,
    batch: Vec<Generated>,
    now: OffsetDateTime,
) -> ServiceResult<usize> {
    if batch.is_empty() {
        return Ok(0);
    }
    let batch_office = batch.first().and_then(|g| match &g.client.bapas_id {
        Set(office) => Some(*office),
        _ => None,
    });
    let txn = begin_write(db).await?;
    let count = batch.len();
    let mut reports = Vec::new();
    let mut assessments = Vec::new();
    let mut starts = Vec::new();
    let mut public_ids = Vec::new();
    let mut models = Vec::new();
    for g in batch {
        if let (sea_orm::ActiveValue::Set(id), sea_orm::ActiveValue::Set(start)) =
            (&g.client.public_id, &g.client.supervision_start)
        {
            public_ids.push(*id);
            starts.push((*id, *start));
        }
        reports.push(g.reports);
        assessments.push(g.assessment);
        models.push(g.client);
    }
    let names: Vec<String> = models
        .iter()
        .filter_map(|m| match &m.name_folded {
            Set(name) => Some(name.clone()),
            _ => None,
        })
        .collect();
    crate::clients::vocabulary::learn(&txn, names.iter().map(String::as_str)).await?;
    client::Entity::insert_many(models).exec(&txn).await?;
    let rows: Vec<(i32, Uuid)> = client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .column(client::Column::PublicId)
        .filter(client::Column::PublicId.is_in(public_ids.clone()))
        .into_tuple()
        .all(&txn)
        .await?;
    let id_of = |p: &Uuid| rows.iter().find(|(_, q)| q == p).map(|(i, _)| *i);
    let mut report_rows = Vec::new();
    let mut assessment_rows = Vec::new();
    let mut status_rows = Vec::new();
    for ((public_id, start), (client_reports, assessment)) in
        starts.iter().zip(reports.into_iter().zip(assessments))
    {
        let Some(client_id) = id_of(public_id) else { continue };
        status_rows.push(client_status_change::ActiveModel {
            client_id: Set(client_id),
            status: Set(ClientStatus::Aktif.as_str().to_owned()),
            changed_on: Set(*start),
            reason: Set(None),
            officer_id: Set(None),
            created_at: Set(now),
            ..Default::default()
        });
        for (date, time, kind, attended) in client_reports {
            report_rows.push(client_report::ActiveModel {
                public_id: Set(Uuid::now_v7()),
                client_id: Set(client_id),
                kind: Set(kind.to_owned()),
                report_date: Set(date),
                report_time: Set(time),
                attended: Set(attended),
                notes: Set(None),
                latitude: Set(None),
                longitude: Set(None),
                officer_id: Set(None),
                created_at: Set(now),
                ..Default::default()
            });
        }
        if let Some((on, score, band, answers)) = assessment {
            assessment_rows.push(client_assessment::ActiveModel {
                public_id: Set(Uuid::now_v7()),
                client_id: Set(client_id),
                instrument_version: Set(Instrument::part_a_2021().version),
                answers: Set(serde_json::to_string(&answers).unwrap_or_else(|_| "{}".into())),
                needs: Set(serde_json::to_string(&super::reintegration::demo_ratings(
                    u64::from(client_id.unsigned_abs()),
                    score,
                ))
                .unwrap_or_else(|_| "{}".into())),
                score: Set(i32::from(score)),
                band: Set(band),
                assessed_on: Set(on),
                notes: Set(None),
                officer_id: Set(None),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    for chunk in status_rows.chunks(CHUNK) {
        client_status_change::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in report_rows.chunks(CHUNK) {
        client_report::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in assessment_rows.chunks(CHUNK) {
        client_assessment::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    // A batch holds one office's clients: the row joins that office's log.
    let changes = match batch_office {
        Some(office) => Changes::at_office(office),
        None => Changes::new(),
    };
    audit::record(&txn, actor, now, "seed", "client", "demo", &changes.set("clients", &count)).await?;
    txn.commit().await?;
    Ok(count)
}

/// The demo region rows, loaded when the region list is empty.
pub async fn demo_regions(db: &DatabaseConnection, now: OffsetDateTime) -> ServiceResult<()> {
    use pamong_entity::region;
    if region::Entity::find().one(db).await?.is_some() {
        return Ok(());
    }
    let rows: Vec<region::ActiveModel> = DEMO_REGIONS
        .iter()
        .map(|(code, name)| {
            let parent = code.rsplit_once('.').map(|(p, _)| p.to_owned());
            let level = 1 + code.matches('.').count();
            region::ActiveModel {
                code: Set((*code).to_owned()),
                name: Set((*name).to_owned()),
                level: Set(i16::try_from(level).unwrap_or(4)),
                parent_code: Set(parent),
                updated_at: Set(now),
            }
        })
        .collect();
    let txn = begin_write(db).await?;
    for chunk in rows.chunks(CHUNK) {
        region::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    audit::record(
        &txn,
        &Actor::system(),
        now,
        "import",
        "regions",
        "demo",
        &Changes::new().set("added", &rows.len()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
