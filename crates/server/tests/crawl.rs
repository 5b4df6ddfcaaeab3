//! A child's identity reaches no one without a need to know (SPPA art. 19), on every page and
//! every server fn. On the demo database a child is registered by `pk.jakbar` with
//! distinctive identifying strings, and every way around the masking is set up: a pending
//! transfer, a home visit with the phone's position and a note naming the mother, a group
//! watch and a referral whose reasons name her, a Litmas request. Then, as each role, the
//! crawler opens every page reachable from the home page (and the child's own pages) and calls
//! every list, search, export and detail server fn, and checks where the strings appear.

#![allow(clippy::unwrap_used, reason = "a test: a failure fails it")]

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use axum::http::StatusCode;
use common::{NOW, TestApp, spawn};
use pamong_domain::abh::case::AbhCaseForm;
use pamong_domain::abh::litmas::LitmasRequestForm;
use pamong_domain::caseload::{ClientFilter, TransferForm};
use pamong_domain::client::ClientForm;
use pamong_domain::office::Zone;
use pamong_domain::page::ListQuery;
use pamong_domain::referrals::ReferralForm;
use pamong_domain::supervision::ReportForm;
use pamong_domain::user::UserForm;
use pamong_service::seed::DEMO_PASSWORD;
use pamong_service::{Actor, DatabaseConnection, abh, auth, clients, groups, referrals, supervision, users};
use uuid::Uuid;

/// What only those with a need to know may read about the child.
const CHILD_NAME: &str = "Kirana Wulandari Tjokro";
const MOTHER: &str = "Marlina Kusumawardhani";
const FATHER: &str = "Haryanto Wicaksono";
const ADDRESS: &str = "Gang Melati Sentosa 12";
const PHONE: &str = "081299887766";
const BIRTH_PLACE: &str = "Cibadak Hilir";
const LATITUDE: &str = "-6.1754321";
const LONGITUDE: &str = "106.8271234";
const LETTER: &str = "B/777/XI/2026/Reskrim";
const RESTRICTED: [&str; 9] =
    [CHILD_NAME, MOTHER, FATHER, ADDRESS, PHONE, BIRTH_PLACE, "6.1754321", LONGITUDE, LETTER];

/// Pages beyond this many per role, or per route shape, are not opened: every shape is seen.
const MAX_PAGES: usize = 90;
const MAX_PER_SHAPE: usize = 2;

struct Case {
    child: Uuid,
    register_number: String,
    birth_date: String,
    group: Uuid,
    litmas: Uuid,
}

async fn actor(db: &DatabaseConnection, username: &str) -> Actor {
    let id = auth::login(db, username, DEMO_PASSWORD, None, NOW).await.unwrap();
    auth::actor_for(db, id).await.unwrap().unwrap()
}

/// The child and everything recorded about them, as `pk.jakbar` records it.
async fn set_up(db: &DatabaseConnection) -> Case {
    let pk = actor(db, "pk.jakbar").await;
    let today = clients::today_for(db, &pk, NOW).await.unwrap();
    let birth_date = (today - time::Duration::days(15 * 365)).to_string();
    let child = ClientForm {
        full_name: CHILD_NAME.into(),
        sex: "P".into(),
        birth_date: birth_date.clone(),
        birth_place: BIRTH_PLACE.into(),
        address: ADDRESS.into(),
        phone: PHONE.into(),
        ..ClientForm::default()
    };
    let case = AbhCaseForm {
        mother_name: MOTHER.into(),
        father_name: FATHER.into(),
        offence_date: (today - time::Duration::days(10)).to_string(),
        offence: "Pencurian".into(),
        penalty_years: "5".into(),
        investigation_start: (today - time::Duration::days(3)).to_string(),
        ..AbhCaseForm::default()
    };
    let id = abh::register::create(db, &pk, &child, &case, today, NOW).await.unwrap();
    let visit = ReportForm {
        kind: "kunjungan".into(),
        date: today.to_string(),
        time: "09:00".into(),
        attended: "ya".into(),
        notes: format!("Bertemu ibu {MOTHER} di rumah"),
        latitude: LATITUDE.into(),
        longitude: LONGITUDE.into(),
    };
    supervision::record_report(db, &pk, id, &visit, None, today, NOW).await.unwrap();
    let litmas = abh::litmas::request(
        db,
        &pk,
        id,
        &LitmasRequestForm {
            requester: "penyidik".into(),
            kind: "diversi".into(),
            letter_number: LETTER.into(),
            received_at: pamong_domain::abh::clock::wall_clock(NOW - time::Duration::hours(2), Zone::Wib),
        },
        NOW,
    )
    .await
    .unwrap();
    let group = groups::groups_for_client(db, &pk, id).await.unwrap().remove(0).id;
    groups::watch_client(db, &pk, group, id, &format!("Tetangga ibu {MOTHER}"), today, NOW).await.unwrap();
    let (partner, services) = referrals::targets(db, &pk, id).await.unwrap().remove(0);
    let referral = ReferralForm {
        partner_id: partner.id.to_string(),
        service: services[0].code.clone(),
        reason: format!("Ibu {MOTHER} minta pendampingan"),
        consent: true,
        due_on: (today + time::Duration::days(7)).to_string(),
    };
    referrals::create(db, &pk, id, &referral, today, NOW).await.unwrap();
    let jember = clients::assignment::transfer_targets(db, &pk)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.name.contains("Jember"))
        .unwrap();
    let transfer = TransferForm {
        to_bapas: jember.id.to_string(),
        reason: format!("Ikut ibu {MOTHER} pindah ke Jember"),
    };
    clients::assignment::request_transfer(db, &pk, id, &transfer, NOW).await.unwrap();
    // A Kanwil user of another region, who has no business with Jakarta's children.
    let offices = pamong_service::offices::options(db, &Actor::system()).await.unwrap();
    let jatim = offices.kanwil.iter().find(|k| k.name.contains("Jawa Timur")).unwrap();
    let form = UserForm {
        username: "kanwil.jatim".into(),
        full_name: "Pengguna Kanwil Jatim".into(),
        role: "kanwil".into(),
        office_id: jatim.id.to_string(),
        password: DEMO_PASSWORD.into(),
        ..UserForm::default()
    };
    pamong_service::users::create(db, &Actor::system(), &form, NOW).await.unwrap();
    let detail = clients::get(db, &pk, id, today, NOW).await.unwrap();
    Case { child: id, register_number: detail.summary.register_number, birth_date, group, litmas }
}

/// The server fns every role calls, with the child's ids where they take one.
fn calls(case: &Case) -> Vec<(&'static str, String)> {
    let list = |q: &str| format!(r#"{{"q":"{q}","page":1,"per_page":100,"include_inactive":true}}"#);
    let filter = |q: &str| {
        format!(
            r#"{{"filter":{{"list":{},"band":null,"status":null,"legal_basis":null,"pk":null}}}}"#,
            list(q)
        )
    };
    let id = case.child;
    let first_name = CHILD_NAME.split(' ').next().unwrap_or_default();
    vec![
        ("clients/list", filter("")),
        ("clients/list", filter(first_name)),
        ("clients/list", filter(&case.register_number)),
        ("clients/get", format!(r#"{{"id":"{id}"}}"#)),
        ("clients/overview", format!(r#"{{"id":"{id}"}}"#)),
        ("clients/status-page", format!(r#"{{"id":"{id}"}}"#)),
        (
            "clients/similar",
            format!(r#"{{"full_name":"{CHILD_NAME}","birth_date":"{}","exclude":null}}"#, case.birth_date),
        ),
        ("abh/list", format!(r#"{{"query":{}}}"#, list(""))),
        ("abh/list", format!(r#"{{"query":{}}}"#, list(first_name))),
        ("abh/deadlines", r#"{"mine":false}"#.into()),
        ("abh/deadlines", r#"{"mine":true}"#.into()),
        ("abh/get", format!(r#"{{"id":"{id}","reason":null}}"#)),
        ("abh/litmas/get", format!(r#"{{"id":"{}"}}"#, case.litmas)),
        ("today", "{}".into()),
        ("caseload/office", "{}".into()),
        ("referrals/inbox", "{}".into()),
        ("referrals/recent", "{}".into()),
        ("groups/list", "{}".into()),
        ("groups/get", format!(r#"{{"id":"{}"}}"#, case.group)),
        ("groups/open-actions", "{}".into()),
        ("abh/access-log", format!(r#"{{"filter":{{"list":{},"break_glass_only":false}}}}"#, list(""))),
        ("logs/exports", format!(r#"{{"filter":{{"list":{},"kind":null}}}}"#, list(""))),
        ("home/counts", "{}".into()),
    ]
}

/// The same-site links of a page, without fragments.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("href=\"") {
        rest = &rest[at + 6..];
        let Some(end) = rest.find('"') else { break };
        let href = rest[..end].split('#').next().unwrap_or_default().replace("&amp;", "&");
        let own = href.starts_with('/') && !href.starts_with("//");
        let asset =
            ["/pkg/", "/api/", "/favicon", "/manifest", "/icons/"].iter().any(|p| href.starts_with(p));
        if own && !asset && !href.ends_with(".css") {
            out.push(href);
        }
    }
    out
}

/// A page's route shape: ids and numbers replaced, the query's names kept.
fn shape(path: &str) -> String {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let path: Vec<String> = path
        .split('/')
        .map(|part| {
            if Uuid::parse_str(part).is_ok() || part.chars().all(|c| c.is_ascii_digit()) && !part.is_empty() {
                ":id".to_owned()
            } else {
                part.to_owned()
            }
        })
        .collect();
    let names: Vec<&str> = query.split('&').filter_map(|kv| kv.split('=').next()).collect();
    format!("{}?{}", path.join("/"), names.join("&"))
}

/// Everything one role reads: the bodies of every page it reaches and every call it makes.
async fn read_everything(t: &TestApp, username: &str, case: &Case) -> BTreeMap<String, String> {
    let cookie = t.login(username, DEMO_PASSWORD, None).await.cookie.unwrap();
    let mut bodies = BTreeMap::new();
    let id = case.child;
    let mut queue: VecDeque<String> =
        ["/".to_owned(), format!("/klien/{id}"), format!("/abh/{id}"), format!("/klien/{id}/data")].into();
    let mut seen = BTreeSet::new();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    while let Some(path) = queue.pop_front() {
        if bodies.len() >= MAX_PAGES || !seen.insert(path.clone()) {
            continue;
        }
        let count = shapes.entry(shape(&path)).or_default();
        if *count >= MAX_PER_SHAPE {
            continue;
        }
        *count += 1;
        let page = t.get(&path, Some(&cookie)).await;
        assert_ne!(page.status, StatusCode::INTERNAL_SERVER_ERROR, "{username} GET {path}: {}", page.body);
        queue.extend(links(&page.body));
        bodies.insert(format!("GET {path}"), page.body);
    }
    for (endpoint, body) in calls(case) {
        let reply = t.call(endpoint, &body, Some(&cookie)).await;
        assert!(
            reply.status.is_success() || reply.status.is_client_error(),
            "{username} {endpoint}: {} {}",
            reply.status,
            reply.body
        );
        bodies.insert(format!("POST /api/{endpoint} {body}"), reply.body);
    }
    let first_name = CHILD_NAME.split(' ').next().unwrap_or_default();
    for path in [
        format!("/api/clients/subject?id={id}"),
        "/api/clients/export".into(),
        format!("/api/clients/export?q={first_name}"),
    ] {
        let reply = t.get(&path, Some(&cookie)).await;
        // A refused GET of a server fn from a browser link is sent back where it came from
        // (leptos_axum answers 302 to the referrer), which is a refusal too.
        let refused = reply.status.is_client_error() || reply.status.is_redirection();
        assert!(reply.status.is_success() || refused, "{username} GET {path}: {}", reply.status);
        bodies.insert(format!("GET {path}"), reply.body);
    }
    bodies
}

/// Where any restricted string appears in what a role read.
fn leaks(bodies: &BTreeMap<String, String>) -> Vec<String> {
    bodies
        .iter()
        .flat_map(|(what, body)| {
            RESTRICTED.iter().filter(|s| body.contains(*s)).map(move |s| format!("{what}: {s}"))
        })
        .collect()
}

#[tokio::test]
async fn a_childs_identity_reaches_only_those_who_need_to_know() {
    let t = spawn().await;
    let case = set_up(&t.db.conn).await;

    // Those without a need to know: not one restricted string, on any page or in any call.
    for username in [
        "admin",
        "kanwil.dki",
        "kanwil.jatim",
        "pk2.jakbar",
        "pk1.jember",
        "koordinator.jakbar",
        "mitra.jakbar",
    ] {
        let bodies = read_everything(&t, username, &case).await;
        assert!(bodies.len() > 20, "{username} read only {} things", bodies.len());
        let found = leaks(&bodies);
        assert!(found.is_empty(), "{username} read what they may not:\n{}", found.join("\n"));
    }

    // The assigned PK and the Kabapas see the child in full: the crawl does reach the strings.
    for username in ["pk.jakbar", "kabapas.jakbar"] {
        let bodies = read_everything(&t, username, &case).await;
        let found = leaks(&bodies);
        for s in [CHILD_NAME, MOTHER, ADDRESS, LETTER] {
            assert!(found.iter().any(|f| f.ends_with(s)), "{username} never saw {s}");
        }
        let page = &bodies[&format!("GET /klien/{}", case.child)];
        assert!(page.contains(CHILD_NAME), "{username}: the client page names the child");
    }

    // Headquarters reads every office's figures and never a name: not the child's, not any
    // client's (other than one that is also a staff member's, who may be named as an owner).
    let pusat = read_everything(&t, "pusat", &case).await;
    assert!(pusat.len() > 10, "pusat read only {} things", pusat.len());
    let found = leaks(&pusat);
    assert!(found.is_empty(), "pusat read what it may not:\n{}", found.join("\n"));
    let hundred = ListQuery { per_page: 100, ..ListQuery::default() };
    let staff: Vec<String> = users::list(&t.db.conn, &Actor::system(), &hundred)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|u| u.full_name)
        .collect();
    let kabapas = actor(&t.db.conn, "kabapas.jakbar").await;
    let filter = ClientFilter { list: hundred, ..ClientFilter::default() };
    let names: Vec<String> = clients::list(&t.db.conn, &kabapas, &filter)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.full_name)
        .filter(|n| !staff.contains(n))
        .collect();
    assert!(names.len() > 50, "the demo office has clients to look for");
    for (what, body) in &pusat {
        if let Some(name) = names.iter().find(|n| body.contains(n.as_str())) {
            panic!("pusat read the client {name} in {what}");
        }
    }

    // The colleague does reach the child's pages, masked: the crawl is not blind.
    let colleague = read_everything(&t, "pk2.jakbar", &case).await;
    let page = &colleague[&format!("GET /klien/{}", case.child)];
    assert!(page.contains("K.W.T."), "the colleague sees the initials");
    assert!(page.contains(&case.register_number), "and the case number");
}
