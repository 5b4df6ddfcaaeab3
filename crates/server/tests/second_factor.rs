//! Two-factor sign-in through the router: a password alone opens nothing for a Kabapas, a
//! code is good once, a recovery code is good once, and an officer who turns it on from the
//! account page is asked for it from then on.

#![allow(clippy::unwrap_used, reason = "helpers of tests: a failure fails the test")]

mod common;

use axum::http::{StatusCode, header};
use common::{NOW, spawn};
use pamong_service::second_factor::totp;
use pamong_service::seed::{DEMO_PASSWORD, DEMO_TOTP_KEY};

#[tokio::test]
async fn a_kabapas_with_the_password_alone_is_not_signed_in() {
    let t = spawn().await;
    let half = t.password_step("kabapas.jakbar", DEMO_PASSWORD, None).await;
    assert_eq!(half.status, StatusCode::OK);
    assert_eq!(half.body, r#""kode""#);
    let cookie = half.cookie.unwrap();
    assert_eq!(t.me(&cookie).await, "null", "no login before the code");
    let home = t.get("/", Some(&cookie)).await;
    assert_eq!(home.status, StatusCode::FOUND, "sent to sign in, not shown Today");
    assert!(!home.body.contains("Bambang Sutrisno"));

    // The plain form post sends the browser to the code page, which asks for the code.
    let posted = t.post_form("/masuk", "username=kabapas.jakbar&password=pamong-demo-2026").await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    assert_eq!(posted.headers.get(header::LOCATION).unwrap(), "/masuk/kode");
    let page = t.get("/masuk/kode", posted.cookie.as_deref()).await;
    assert!(page.body.contains(r#"data-testid="second-factor""#), "{}", page.body);

    let wrong = t.submit("auth/code", "code=000000", Some(&cookie)).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    assert!(wrong.body.contains("WrongCode"), "{}", wrong.body);
    assert_eq!(t.me(&cookie).await, "null");
}

#[tokio::test]
async fn a_code_signs_in_once_and_a_replayed_code_is_refused() {
    let t = spawn().await;
    let code = format!("code={:06}", totp::code(DEMO_TOTP_KEY, totp::step_at(NOW)).unwrap());
    let first = t.password_step("kabapas.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let signed_in = t.submit("auth/code", &code, Some(&first)).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    let cookie = signed_in.cookie.unwrap();
    assert_ne!(cookie, first, "a new session id once signed in");
    assert!(t.me(&cookie).await.contains("kabapas.jakbar"));

    // The same code again, as someone who saw it over a shoulder would type it.
    let second = t.password_step("kabapas.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let replayed = t.submit("auth/code", &code, Some(&second)).await;
    assert_eq!(replayed.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", replayed.body);
    assert_eq!(t.me(&second).await, "null");
    // The next step's code still works.
    let next = format!("code={:06}", totp::code(DEMO_TOTP_KEY, totp::step_at(NOW) + 1).unwrap());
    assert_eq!(t.submit("auth/code", &next, Some(&second)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn wrong_codes_are_limited_and_a_right_password_does_not_reset_the_count() {
    let t = spawn().await;
    for _ in 0..5 {
        let cookie = t.password_step("admin", DEMO_PASSWORD, None).await.cookie.unwrap();
        let wrong = t.submit("auth/code", "code=111111", Some(&cookie)).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    }
    let cookie = t.password_step("admin", DEMO_PASSWORD, None).await.cookie.unwrap();
    let limited =
        t.submit("auth/code", &format!("code={:06}", t.next_demo_code("admin")), Some(&cookie)).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "{}", limited.body);
}

#[tokio::test]
async fn an_officer_turns_it_on_then_signs_in_with_a_recovery_code_once() {
    let t = spawn().await;
    let cookie = t.login("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    assert!(t.me(&cookie).await.contains("pk.jakbar"), "optional: signed in with the password");
    assert_eq!(t.get("/masuk/qr.svg", None).await.status, StatusCode::NOT_FOUND, "nobody is enrolling");

    let page = t.get("/akun/dua-langkah", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let key = enrol_key(&page.body);
    assert_eq!(key.len(), 32, "{key}");
    let qr = t.get("/masuk/qr.svg", Some(&cookie)).await;
    assert_eq!(qr.status, StatusCode::OK);
    assert_eq!(qr.headers.get(header::CONTENT_TYPE).unwrap(), "image/svg+xml");
    assert!(qr.body.contains("<svg"));

    let code = totp::code(&key, totp::step_at(NOW)).unwrap();
    let enabled = t.submit("auth/enrol", &format!("code={code:06}"), Some(&cookie)).await;
    assert_eq!(enabled.status, StatusCode::OK, "{}", enabled.body);
    let codes = t.get("/akun/kode-pemulihan", Some(&cookie)).await;
    let recovery = between(&codes.body, r#"data-testid="recovery-codes""#, "</ol>");
    let first_code = text(between(recovery, "<code>", "</code>"));
    assert_eq!(first_code.len(), 11, "{first_code}");
    let again = t.get("/akun/kode-pemulihan", Some(&cookie)).await;
    assert!(!again.body.contains(&first_code), "shown once");

    let half = t.password_step("pk.jakbar", DEMO_PASSWORD, None).await;
    assert_eq!(half.body, r#""kode""#, "asked for the code from now on");
    let half = half.cookie.unwrap();
    let used = t.submit("auth/code", &format!("code={first_code}"), Some(&half)).await;
    assert_eq!(used.status, StatusCode::OK, "{}", used.body);
    let half = t.password_step("pk.jakbar", DEMO_PASSWORD, None).await.cookie.unwrap();
    let reused = t.submit("auth/code", &format!("code={first_code}"), Some(&half)).await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY, "a recovery code is good once");
}

#[tokio::test]
async fn a_kabapas_whose_key_was_reset_enrols_before_signing_in() {
    let t = spawn().await;
    let admin = t.login("admin", DEMO_PASSWORD, None).await.cookie.unwrap();
    let kabapas = pamong_service::users::id_by_username(&t.db.conn, "kabapas.jakbar").await.unwrap().unwrap();
    let reset = t.submit("users/reset-second-factor", &format!("id={kabapas}"), Some(&admin)).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);

    let half = t.password_step("kabapas.jakbar", DEMO_PASSWORD, None).await;
    assert_eq!(half.body, r#""aktifkan""#);
    let cookie = half.cookie.unwrap();
    assert_eq!(t.me(&cookie).await, "null");
    let page = t.get("/masuk/aktifkan", Some(&cookie)).await;
    let key = enrol_key(&page.body);
    let code = totp::code(&key, totp::step_at(NOW)).unwrap();
    let enrolled = t.submit("auth/enrol", &format!("code={code:06}"), Some(&cookie)).await;
    assert_eq!(enrolled.status, StatusCode::OK, "{}", enrolled.body);
    assert!(t.me(enrolled.cookie.as_deref().unwrap()).await.contains("kabapas.jakbar"));
}

/// The key the enrolment page shows, without its spaces.
fn enrol_key(body: &str) -> String {
    let element = between(body, r#"data-testid="enrol-key""#, "</code>");
    text(&element[element.find('>').unwrap() + 1..]).split_whitespace().collect()
}

/// The text of an HTML fragment: tags and the renderer's comment markers left out.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The text of `body` after `start` and before the next `end`.
fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body.find(start).unwrap_or_else(|| panic!("{start} not in {body}")) + start.len();
    let rest = &body[from..];
    &rest[..rest.find(end).unwrap()]
}
