//! Notifications with an injected clock on the demo data: what is due is written once
//! however often the sweep runs, each e-mail is sent once by however many workers, a failed
//! e-mail is retried after its pause and given up in the end, and a partner's answer reaches
//! the referring officer's bell in the answer's own transaction.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::sync::Mutex;

use pamong_domain::notifications::{MAX_ATTEMPTS, NotificationKind, backoff};
use pamong_domain::page::ListQuery;
use pamong_domain::referrals::ReferralStatus;
use pamong_entity::{notification, user};
use pamong_service::notifications::{self, Mail, Mailer};
use pamong_service::testing::TestDb;
use pamong_service::{Actor, auth, referrals, seed};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

/// Records what it sends; fails the first `failures` sends.
#[derive(Default)]
struct FakeMailer {
    sent: Mutex<Vec<Mail>>,
    failures: Mutex<usize>,
}

#[async_trait::async_trait]
impl Mailer for FakeMailer {
    async fn send(&self, mail: &Mail) -> Result<(), String> {
        {
            let mut left = self.failures.lock().unwrap();
            if *left > 0 {
                *left -= 1;
                return Err("421 layanan tidak tersedia".into());
            }
        }
        self.sent.lock().unwrap().push(mail.clone());
        Ok(())
    }
}

async fn demo() -> TestDb {
    let t = TestDb::new().await;
    seed::seed_demo(&t.conn, NOW).await.unwrap();
    t
}

async fn user_named(t: &TestDb, username: &str) -> (user::Model, Actor) {
    let row =
        user::Entity::find().filter(user::Column::Username.eq(username)).one(&t.conn).await.unwrap().unwrap();
    let actor = auth::actor_for(&t.conn, row.id).await.unwrap().unwrap();
    (row, actor)
}

async fn give_email(t: &TestDb, row: &user::Model, email: &str) {
    let mut active: user::ActiveModel = row.clone().into();
    active.email = Set(Some(email.to_owned()));
    active.update(&t.conn).await.unwrap();
}

async fn rows_of(t: &TestDb, user_id: i32, channel: &str) -> Vec<notification::Model> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::Channel.eq(channel))
        .all(&t.conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn what_is_due_notifies_once_however_often_the_sweep_runs() {
    let t = demo().await;
    let (pk, pk_actor) = user_named(&t, "pk.jakbar").await;
    give_email(&t, &pk, "pk.jakbar@bapas.example").await;
    // The seed's referral answers rang the bell before the officer had an address.
    let seeded = rows_of(&t, pk.id, "aplikasi").await.len();

    notifications::sweep(&t.conn, NOW).await.unwrap();
    let bell = rows_of(&t, pk.id, "aplikasi").await;
    let missed: Vec<_> = bell.iter().filter(|n| n.kind == NotificationKind::MissedReport.as_str()).collect();
    assert!(!missed.is_empty(), "the demo caseload has missed reports");
    assert!(missed[0].subject.contains("belum wajib lapor"), "{}", missed[0].subject);
    let emails = rows_of(&t, pk.id, "email").await;
    assert_eq!(emails.len(), bell.len() - seeded, "each notice also by e-mail, to a user with an address");

    // Ten minutes later, and again on another server: nothing new.
    notifications::sweep(&t.conn, NOW + Duration::minutes(10)).await.unwrap();
    notifications::sweep(&t.conn, NOW + Duration::minutes(10)).await.unwrap();
    assert_eq!(rows_of(&t, pk.id, "aplikasi").await.len(), bell.len());
    assert_eq!(rows_of(&t, pk.id, "email").await.len(), emails.len());

    // Two workers at once: each e-mail goes once.
    let mailer = FakeMailer::default();
    let (a, b) = tokio::join!(
        notifications::deliver(&t.conn, &mailer, NOW, 500),
        notifications::deliver(&t.conn, &mailer, NOW, 500)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, emails.len());
    let again = notifications::deliver(&t.conn, &mailer, NOW + Duration::hours(1), 500).await.unwrap();
    assert_eq!(again.sent, 0, "nothing is sent twice");
    let sent = mailer.sent.lock().unwrap().clone();
    assert_eq!(sent.len(), emails.len());
    assert!(sent.iter().all(|m| m.to == "pk.jakbar@bapas.example"));
    let mut subjects: Vec<&str> = sent.iter().map(|m| m.subject.as_str()).collect();
    subjects.dedup();
    assert_eq!(subjects.len(), sent.len(), "no e-mail twice");

    // The bell: newest first, unread until read.
    let page = notifications::inbox(&t.conn, &pk_actor, &ListQuery::default()).await.unwrap();
    assert_eq!(page.total, bell.len() as u64);
    assert_eq!(notifications::unread(&t.conn, &pk_actor).await.unwrap(), bell.len() as u64);
    notifications::mark_read(&t.conn, &pk_actor, Some(page.items[0].id), NOW).await.unwrap();
    assert_eq!(notifications::unread(&t.conn, &pk_actor).await.unwrap(), bell.len() as u64 - 1);
    notifications::mark_read(&t.conn, &pk_actor, None, NOW).await.unwrap();
    assert_eq!(notifications::unread(&t.conn, &pk_actor).await.unwrap(), 0);

    // Another officer's bell holds none of it.
    let (_, other) = user_named(&t, "pk2.jakbar").await;
    let theirs = notifications::inbox(&t.conn, &other, &ListQuery::default()).await.unwrap();
    assert!(theirs.items.iter().all(|n| !page.items.iter().any(|m| m.id == n.id)));
}

#[tokio::test]
async fn a_failed_email_is_retried_after_its_pause_and_given_up_in_the_end() {
    let t = demo().await;
    let (kabapas, _) = user_named(&t, "kabapas.jakbar").await;
    give_email(&t, &kabapas, "kabapas@bapas.example").await;
    let (pk, _) = user_named(&t, "pk.jakbar").await;
    notifications::sweep(&t.conn, NOW).await.unwrap();
    // Only the Kabapas has an address: their e-mails are the only ones.
    assert!(rows_of(&t, pk.id, "email").await.is_empty());
    let waiting = rows_of(&t, kabapas.id, "email").await;
    assert!(!waiting.is_empty(), "the demo office has a PKS ending within 90 days");
    assert!(waiting.iter().all(|n| n.kind == NotificationKind::AgreementExpiring.as_str()));
    let count = waiting.len();

    let mailer = FakeMailer { failures: Mutex::new(count), ..FakeMailer::default() };
    let first = notifications::deliver(&t.conn, &mailer, NOW, 500).await.unwrap();
    assert_eq!((first.sent, first.retrying), (0, count));
    let early = notifications::deliver(&t.conn, &mailer, NOW + Duration::seconds(30), 500).await.unwrap();
    assert_eq!(early.sent, 0, "not before the pause");
    let later = notifications::deliver(&t.conn, &mailer, NOW + backoff(1).unwrap(), 500).await.unwrap();
    assert_eq!(later.sent, count, "sent once the pause is over");

    // A server that never answers: given up after the last attempt, its error kept.
    let t = demo().await;
    let (kabapas, _) = user_named(&t, "kabapas.jakbar").await;
    give_email(&t, &kabapas, "kabapas@bapas.example").await;
    notifications::sweep(&t.conn, NOW).await.unwrap();
    let mailer = FakeMailer { failures: Mutex::new(usize::MAX), ..FakeMailer::default() };
    let mut at = NOW;
    let mut failed = 0;
    for attempt in 1..=MAX_ATTEMPTS {
        let round = notifications::deliver(&t.conn, &mailer, at, 500).await.unwrap();
        failed += round.failed;
        at += backoff(attempt).unwrap_or(Duration::ZERO);
    }
    let rows = rows_of(&t, kabapas.id, "email").await;
    assert_eq!(failed, rows.len());
    assert!(rows.iter().all(|n| n.status == "gagal" && n.attempts == MAX_ATTEMPTS));
    assert!(rows[0].last_error.as_deref().unwrap().contains("421"));
}

#[tokio::test]
async fn a_partners_answer_reaches_the_referring_officers_bell() {
    let t = demo().await;
    let (pk, pk_actor) = user_named(&t, "pk.jakbar").await;
    let (_, mitra) = user_named(&t, "mitra.jakbar").await;
    let open = referrals::inbox(&t.conn, &mitra).await.unwrap().into_iter().find(|r| r.can_respond).unwrap();
    let before = notifications::unread(&t.conn, &pk_actor).await.unwrap();
    referrals::respond(&t.conn, &mitra, open.id, ReferralStatus::Diterima, "", NOW).await.unwrap();
    assert_eq!(notifications::unread(&t.conn, &pk_actor).await.unwrap(), before + 1);
    let bell = rows_of(&t, pk.id, "aplikasi").await;
    let answered = bell.iter().find(|n| n.kind == NotificationKind::ReferralAnswered.as_str()).unwrap();
    assert!(answered.subject.contains("diterima"), "{}", answered.subject);
    assert!(!answered.body.contains(&open.client.name), "the register number, not the name");
    let total = notification::Entity::find().count(&t.conn).await.unwrap();
    referrals::respond(&t.conn, &mitra, open.id, ReferralStatus::Selesai, "Selesai pelatihan", NOW)
        .await
        .unwrap();
    assert_eq!(
        notification::Entity::find().count(&t.conn).await.unwrap(),
        total + 1,
        "a new answer, a new notice"
    );
}

#[tokio::test]
async fn a_childs_clock_is_announced_a_day_ahead_by_register_number() {
    use pamong_domain::abh::clock::ClockState;
    use pamong_service::abh::{self, DeadlineScope};
    let t = demo().await;
    let (pk, pk_actor) = user_named(&t, "pk.jakbar").await;
    let board = abh::deadlines(&t.conn, &pk_actor, DeadlineScope::Mine, NOW).await.unwrap();
    let running = board
        .iter()
        .filter(|r| r.clock.state == ClockState::Running)
        .find_map(|r| r.clock.due.map(|due| (r, due)))
        .expect("the demo officer has a child's clock running");
    let (row, due) = running;
    let kind = NotificationKind::SppaClock.as_str();
    let clocks = |rows: Vec<notification::Model>| rows.into_iter().filter(|n| n.kind == kind).count();

    // Two days before: not yet. Twenty hours before: once, however often it sweeps.
    if due - NOW > Duration::days(2) {
        notifications::sweep(&t.conn, due - Duration::days(2)).await.unwrap();
        assert_eq!(clocks(rows_of(&t, pk.id, "aplikasi").await), 0);
    }
    let before = clocks(rows_of(&t, pk.id, "aplikasi").await);
    notifications::sweep(&t.conn, due - Duration::hours(20)).await.unwrap();
    notifications::sweep(&t.conn, due - Duration::hours(19)).await.unwrap();
    let rows: Vec<_> = rows_of(&t, pk.id, "aplikasi").await.into_iter().filter(|n| n.kind == kind).collect();
    assert!(rows.len() > before, "announced");
    let about_this = rows.iter().filter(|n| n.subject.contains(&row.register_number)).count();
    assert!(about_this >= 1);
    assert_eq!(
        rows.iter().map(|n| &n.dedup_key).collect::<std::collections::HashSet<_>>().len(),
        rows.len(),
        "each clock once"
    );
}
