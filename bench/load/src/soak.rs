//! Many sessions at once for a long time, pages and server fns mixed, optionally with a
//! share of malformed and oversized requests: every good request must succeed, every bad
//! one must be refused with a 4xx, and the server's memory must level off.

use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::forms;
use crate::http::{Answer, Session, client};

/// The load's settings.
pub struct Soak {
    /// Server address.
    pub base: String,
    /// Concurrent sessions.
    pub sessions: usize,
    /// Users the sessions sign in as, in turn (PKs, each session saves a client of its own).
    pub users: Vec<String>,
    /// Their password.
    pub password: String,
    /// How long.
    pub seconds: u64,
    /// Share of requests that are malformed or oversized (0.01 = 1 %).
    pub malformed: f64,
    /// Mean pause between a session's requests.
    pub think_ms: u64,
    /// The server's pid, for its resident memory.
    pub pid: Option<u32>,
}

/// What one session saw.
#[derive(Default)]
struct Tally {
    good: u64,
    good_failed: Vec<String>,
    bad: u64,
    /// Oversized bodies the server cut off mid-upload (see [`Refusal::ClosedMidUpload`]).
    bad_closed: u64,
    bad_not_refused: Vec<String>,
    micros: Vec<u64>,
}

/// A small, seedable generator: the harness needs variety, not quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) < (p * 1_000_000.0) as u64
    }
}

const QUERIES: &[&str] = &["santo", "nurhal", "wijaya", "siti rah", "budi santsoo", "3173", "pratma", "Uji"];

fn list_body(q: &str) -> String {
    serde_json::json!({"filter": {"list": {"q": q, "page": 1, "per_page": 0, "include_inactive": false},
        "band": null, "status": null, "legal_basis": null, "pk": null}})
    .to_string()
}

/// One good request, chosen by weight.
async fn good(session: &Session, rng: &mut Rng, own: Uuid, seen: &[Uuid], n: u64) -> Answer {
    let any = seen.get(usize::try_from(rng.below(seen.len() as u64)).unwrap_or(0)).copied().unwrap_or(own);
    match rng.below(100) {
        0..=19 => session.page("/").await,
        20..=34 => session.page("/klien").await,
        35..=44 => session.page(&format!("/klien/{any}")).await,
        45..=64 => {
            let q = QUERIES[usize::try_from(rng.below(QUERIES.len() as u64)).unwrap_or(0)];
            session.call("clients/list", list_body(q)).await
        }
        65..=79 => session.call("clients/get", serde_json::json!({ "id": any }).to_string()).await,
        80..=89 => session.call("today", "{}".into()).await,
        _ => session.call("clients/report", forms::report(own, &format!("soak {n}"))).await,
    }
}

/// How the server turned a bad request away.
enum Refusal {
    /// With a 4xx.
    Status,
    /// By closing the connection while an oversized body was still being sent: the server
    /// answers 413 from the `Content-Length` without reading the body, and a client that
    /// does not wait for `100 Continue` (reqwest does not) may see the close before the
    /// answer. (curl, which sends `Expect: 100-continue`, reads the 413 every time.)
    ClosedMidUpload,
}

/// One malformed or oversized request, and how it was refused (`Err` with what came back
/// when it was not).
async fn bad(session: &Session, rng: &mut Rng, own: Uuid) -> Result<Refusal, String> {
    let (answer, oversized) = match rng.below(6) {
        0 => (session.call("clients/report", serde_json::json!({ "id": own }).to_string()).await, false),
        1 => (session.call("clients/get", r#"{"id": 12}"#.into()).await, false),
        2 => (session.call("clients/list", list_body(&"a".repeat(10_000))).await, false),
        3 => (session.call("clients/save", format!(r#"{{"id":null,"form":"{}"}}"#, "x".repeat(3 << 20))).await, true),
        4 => (session.call("clients/list", "not json at all {".into()).await, false),
        _ => (session.page(&format!("/klien?q={}", "b".repeat(10_000))).await, false),
    };
    match answer.status {
        Some(s) if s.is_client_error() => Ok(Refusal::Status),
        None if oversized && answer.body.contains("error sending request") => Ok(Refusal::ClosedMidUpload),
        _ => Err(format!("{:?} {}", answer.status, answer.body)),
    }
}

/// The server's resident memory in KiB, from `/proc`.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the soak and prints its figures; an error when a good request failed or a bad one
/// was not refused cleanly.
pub async fn run(soak: Soak) -> Result<(), String> {
    let http = client();
    let mut sessions = Vec::new();
    for i in 0..soak.sessions {
        let user = &soak.users[i % soak.users.len().max(1)];
        let session = Session::login(&http, &soak.base, user, &soak.password).await?;
        let saved = session.call("clients/save", forms::new_client(&format!("Klien Soak {i:03}"))).await;
        let own = forms::saved_id(&saved.body).ok_or_else(|| format!("client {i}: {}", saved.body))?;
        sessions.push((session, own));
    }
    let listed = sessions[0].0.call("clients/list", list_body("")).await;
    let seen: Vec<Uuid> = serde_json::from_str::<serde_json::Value>(&listed.body)
        .ok()
        .and_then(|v| v.get("items").and_then(|i| i.as_array()).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|row| row.get("id")?.as_str()?.parse().ok())
        .collect();
    println!(
        "soak: {} sessions signed in, {}s, {:.1} % malformed",
        sessions.len(),
        soak.seconds,
        soak.malformed * 100.0
    );
    let started = Instant::now();
    let deadline = started + Duration::from_secs(soak.seconds);
    let mut tasks = Vec::new();
    for (i, (session, own)) in sessions.into_iter().enumerate() {
        let (seen, malformed, think) = (seen.clone(), soak.malformed, soak.think_ms);
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1));
            let mut tally = Tally::default();
            let mut n = 0;
            while Instant::now() < deadline {
                n += 1;
                if rng.chance(malformed) {
                    tally.bad += 1;
                    match bad(&session, &mut rng, own).await {
                        Ok(Refusal::Status) => {}
                        Ok(Refusal::ClosedMidUpload) => tally.bad_closed += 1,
                        Err(what) => tally.bad_not_refused.push(what),
                    }
                } else {
                    tally.good += 1;
                    let answer = good(&session, &mut rng, own, &seen, n).await;
                    tally.micros.push(u64::try_from(answer.took.as_micros()).unwrap_or(u64::MAX));
                    if !answer.ok() {
                        tally.good_failed.push(format!("{:?} {}", answer.status, answer.body));
                    }
                }
                if think > 0 {
                    tokio::time::sleep(Duration::from_millis(rng.below(2 * think))).await;
                }
            }
            tally
        }));
    }
    // Memory: the first sample after a minute of load (caches and pools filled), the last
    // at the end, and the peak in between.
    let (mut first, mut last, mut peak) = (None, None, 0);
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_secs(5)).await;
        if let Some(kib) = soak.pid.and_then(rss_kib) {
            if first.is_none() && started.elapsed() >= Duration::from_secs(60.min(soak.seconds / 2)) {
                first = Some(kib);
            }
            last = Some(kib);
            peak = peak.max(kib);
        }
    }
    let mut total = Tally::default();
    for task in tasks {
        let t = task.await.map_err(|e| e.to_string())?;
        total.good += t.good;
        total.bad += t.bad;
        total.bad_closed += t.bad_closed;
        total.good_failed.extend(t.good_failed);
        total.bad_not_refused.extend(t.bad_not_refused);
        total.micros.extend(t.micros);
    }
    total.micros.sort_unstable();
    let pct = |p: usize| {
        total.micros.get(total.micros.len().saturating_sub(1) * p / 100).copied().unwrap_or(0) as f64 / 1000.0
    };
    let secs = started.elapsed().as_secs_f64();
    println!(
        "good: {} requests ({:.0}/s), {} failed; p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
        total.good,
        total.good as f64 / secs,
        total.good_failed.len(),
        pct(50),
        pct(95),
        pct(99)
    );
    println!(
        "malformed: {} sent, {} refused with a 4xx, {} oversized cut off mid-upload, {} not refused",
        total.bad,
        total.bad - total.bad_closed - total.bad_not_refused.len() as u64,
        total.bad_closed,
        total.bad_not_refused.len()
    );
    if let (Some(first), Some(last)) = (first, last) {
        let growth = (last as f64 - first as f64) / first as f64 * 100.0;
        println!(
            "server RSS: {} MiB after warm-up, {} MiB at the end ({growth:+.1} %), peak {} MiB",
            first / 1024,
            last / 1024,
            peak / 1024
        );
    }
    for f in total.good_failed.iter().chain(&total.bad_not_refused).take(8) {
        println!("  {}", f.chars().take(200).collect::<String>());
    }
    if total.good_failed.is_empty() && total.bad_not_refused.is_empty() {
        Ok(())
    } else {
        Err("some requests were not answered as they should be".into())
    }
}
