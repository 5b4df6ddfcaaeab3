//! REST API tokens through the service: only the admin issues and revokes them, a token acts
//! as its user, a revoked token or a deactivated user is refused, and the rate limit holds.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{Office, World};
use pamong_domain::api_token::TokenForm;
use pamong_domain::{ErrorKind, Role};
use pamong_service::ServiceError;
use pamong_service::api_tokens::{self, DEFAULT_RATE_LIMIT as RATE_LIMIT, RATE_WINDOW_SECS};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = datetime!(2026-11-23 02:00:10 UTC);

fn kind<T: std::fmt::Debug>(r: Result<T, ServiceError>) -> ErrorKind {
    match r {
        Err(ServiceError::Domain(kind)) => kind,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_token_acts_as_its_user_until_revoked() {
    let world = World::new().await;
    let admin = world.actor(Role::Admin, Office::Own).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let form = TokenForm { name: "SDP Kanwil".into() };

    for actor in [&pk, &world.actor(Role::Kabapas, Office::Own).await] {
        assert_eq!(
            kind(api_tokens::issue(world.conn(), actor, pk.public_id, &form, NOW).await),
            ErrorKind::NotFound
        );
    }
    let issued = api_tokens::issue(world.conn(), &admin, pk.public_id, &form, NOW).await.unwrap();
    assert!(issued.secret.starts_with("pmg_"));
    assert_eq!(&issued.secret[..10], issued.token.prefix);

    let acting = api_tokens::authenticate(world.conn(), &issued.secret, RATE_LIMIT, NOW).await.unwrap();
    assert_eq!((acting.public_id, acting.role), (pk.public_id, Role::Pk));
    let listed = api_tokens::list(world.conn(), &admin, pk.public_id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].last_used_at, Some(NOW), "the call is the token's last use");

    let wrong = format!("pmg_{}", "0".repeat(64));
    for secret in [wrong.as_str(), "pmg_short", "", "Bearer x"] {
        assert_eq!(
            kind(api_tokens::authenticate(world.conn(), secret, RATE_LIMIT, NOW).await),
            ErrorKind::Unauthenticated
        );
    }
    assert_eq!(kind(api_tokens::revoke(world.conn(), &pk, issued.token.id, NOW).await), ErrorKind::NotFound);
    api_tokens::revoke(world.conn(), &admin, issued.token.id, NOW).await.unwrap();
    assert_eq!(
        kind(api_tokens::authenticate(world.conn(), &issued.secret, RATE_LIMIT, NOW).await),
        ErrorKind::Unauthenticated,
        "a revoked token is refused"
    );
    assert!(api_tokens::list(world.conn(), &admin, pk.public_id).await.unwrap()[0].revoked);
    let names = common::audit_rows(world.conn(), &issued.token.id.to_string()).await;
    assert_eq!(names.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["issue", "revoke"]);
}

#[tokio::test]
async fn each_token_has_a_rate_limit_per_minute() {
    let world = World::new().await;
    let admin = world.actor(Role::Admin, Office::Own).await;
    let pk = world.actor(Role::Pk, Office::Own).await;
    let form = TokenForm { name: "Uji".into() };
    let secret = api_tokens::issue(world.conn(), &admin, pk.public_id, &form, NOW).await.unwrap().secret;
    let other = api_tokens::issue(world.conn(), &admin, pk.public_id, &form, NOW).await.unwrap().secret;
    for _ in 0..RATE_LIMIT {
        api_tokens::authenticate(world.conn(), &secret, RATE_LIMIT, NOW).await.unwrap();
    }
    assert_eq!(
        kind(api_tokens::authenticate(world.conn(), &secret, RATE_LIMIT, NOW).await),
        ErrorKind::RateLimited { retry_after_secs: 50 }
    );
    api_tokens::authenticate(world.conn(), &other, RATE_LIMIT, NOW)
        .await
        .expect("another token counts on its own");
    let next_window = NOW + Duration::seconds(RATE_WINDOW_SECS);
    api_tokens::authenticate(world.conn(), &secret, RATE_LIMIT, next_window)
        .await
        .expect("a new window opens");
}
