//! Notifications with an injected clock on the demo data: what is due is written once
//! however often the sweep runs, each e-mail is sent once by however many workers, a failed
//! e-mail is retried after its pause and given up in the end, and a partner's answer reaches
//! the referring officer's bell in the answer's own transaction.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::sync::Mutex;

use pamong_domain::notifications::{Channel, MAX_ATTEMPTS, NEXT_REPORT_TEMPLATE, NotificationKind, backoff};
use pamong_domain::page::ListQuery;
use pamong_domain::referrals::ReferralStatus;
use pamong_entity::{notification, user};
use pamong_service::notifications::{self, Courier, Outgoing};
use pamong_service::testing::TestDb;
use pamong_service::{Actor, auth, referrals, seed};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

/// Records what it sends; fails the first `failures` sends.
#[derive(Default)]
struct FakeMailer {
    sent: Mutex<Vec<Outgoing>>,
    failures: Mutex<usize>,
}

#[async_trait::async_trait]
impl Courier for FakeMailer {
    async fn send(&self, mail: &Outgoing) -> Result<(), String> {
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
        notifications::deliver(&t.conn, Channel::Email, &mailer, NOW, 500),
        notifications::deliver(&t.conn, Channel::Email, &mailer, NOW, 500)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, emails.len());
    let again = notifications::deliver(&t.conn, Channel::Email, &mailer, NOW + Duration::hours(1), 500)
        .await
        .unwrap();
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
    let first = notifications::deliver(&t.conn, Channel::Email, &mailer, NOW, 500).await.unwrap();
    assert_eq!((first.sent, first.retrying), (0, count));
    let early = notifications::deliver(&t.conn, Channel::Email, &mailer, NOW + Duration::seconds(30), 500)
        .await
        .unwrap();
    assert_eq!(early.sent, 0, "not before the pause");
    let later = notifications::deliver(&t.conn, Channel::Email, &mailer, NOW + backoff(1).unwrap(), 500)
        .await
        .unwrap();
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
        let round = notifications::deliver(&t.conn, Channel::Email, &mailer, at, 500).await.unwrap();
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

#[tokio::test]
async fn a_client_who_consented_is_reminded_the_day_before_by_whatsapp() {
    use pamong_domain::caseload::ClientFilter;
    use pamong_domain::{ErrorKind, Problem};
    use pamong_entity::client;
    use pamong_service::clients::{self, reminders};
    let t = demo().await;
    let (_, pk) = user_named(&t, "pk.jakbar").await;
    let (_, other) = user_named(&t, "pk2.jakbar").await;
    let own = ClientFilter { pk: Some("saya".into()), ..ClientFilter::default() };
    let caseload = clients::list(&t.conn, &pk, &own).await.unwrap().items;
    let mut chosen = None;
    for c in caseload.iter().filter(|c| !c.child && c.legal_basis.reports()) {
        let d = clients::get(&t.conn, &pk, c.id, NOW.date(), NOW).await.unwrap();
        if let Some(r) =
            d.reporting.filter(|r| r.next_due > NOW.date() + Duration::days(1) && !r.reported_this_period)
        {
            chosen = Some((c.id, r.next_due));
            break;
        }
    }
    let (id, next_due) = chosen.expect("a client whose next report is days away");
    let row =
        client::Entity::find().filter(client::Column::PublicId.eq(id)).one(&t.conn).await.unwrap().unwrap();

    // Without a mobile number there is nothing to agree to; another office's officer may not.
    let mut edit: client::ActiveModel = row.clone().into();
    edit.phone = Set(Some("021-5551234".into()));
    edit.update(&t.conn).await.unwrap();
    let refused = reminders::set_whatsapp_consent(&t.conn, &pk, id, true, NOW).await;
    match refused {
        Err(pamong_service::ServiceError::Domain(ErrorKind::Invalid(e))) => {
            assert_eq!(e.get("whatsapp_consent"), Some(Problem::NoMobileNumber));
        }
        other => panic!("{other:?}"),
    }
    let mut edit: client::ActiveModel = row.clone().into();
    edit.phone = Set(Some("0812-3456-7890".into()));
    edit.update(&t.conn).await.unwrap();
    assert!(reminders::set_whatsapp_consent(&t.conn, &other, id, true, NOW).await.is_err(), "not theirs");
    reminders::set_whatsapp_consent(&t.conn, &pk, id, true, NOW).await.unwrap();
    let d = clients::get(&t.conn, &pk, id, NOW.date(), NOW).await.unwrap();
    assert_eq!(d.whatsapp_consent, Some(NOW.date()));

    let whatsapp = |t: &TestDb| {
        let conn = t.conn.clone();
        async move {
            notification::Entity::find()
                .filter(notification::Column::Channel.eq("whatsapp"))
                .all(&conn)
                .await
                .unwrap()
        }
    };
    // Two days before: nothing. The day before (09:00 WIB): one reminder, however often it sweeps.
    let at = |day: time::Date| day.with_hms(2, 0, 0).unwrap().assume_utc();
    notifications::sweep(&t.conn, at(next_due - Duration::days(2))).await.unwrap();
    assert!(whatsapp(&t).await.is_empty());
    notifications::sweep(&t.conn, at(next_due - Duration::days(1))).await.unwrap();
    notifications::sweep(&t.conn, at(next_due - Duration::days(1)) + Duration::hours(3)).await.unwrap();
    let rows = whatsapp(&t).await;
    assert_eq!(rows.len(), 1, "one reminder, to the one client who agreed");
    assert_eq!(rows[0].address.as_deref(), Some("6281234567890"));
    assert_eq!(rows[0].client_id, Some(row.id));
    assert_eq!(rows[0].user_id, None);

    let courier = FakeMailer::default();
    let round =
        notifications::deliver(&t.conn, Channel::WhatsApp, &courier, at(next_due - Duration::days(1)), 50)
            .await
            .unwrap();
    assert_eq!(round.sent, 1);
    let sent = courier.sent.lock().unwrap().clone();
    let (template, params) = sent[0].template.clone().unwrap();
    assert_eq!(template, NEXT_REPORT_TEMPLATE);
    assert_eq!(params[0], "Bapas Kelas I Jakarta Barat");
    assert_eq!(params[1], pamong_domain::notifications::tanggal(next_due));

    // Withdrawn: no reminder for the report after.
    reminders::set_whatsapp_consent(&t.conn, &pk, id, false, NOW).await.unwrap();
    let d = clients::get(&t.conn, &pk, id, NOW.date(), NOW).await.unwrap();
    assert_eq!(d.whatsapp_consent, None);
    notifications::sweep(&t.conn, at(next_due + Duration::days(6))).await.unwrap();
    notifications::sweep(&t.conn, at(next_due + Duration::days(13))).await.unwrap();
    assert_eq!(whatsapp(&t).await.len(), 1);
}

#[tokio::test]
async fn the_backlog_counts_what_is_due_and_how_long_the_oldest_has_waited() {
    let t = demo().await;
    let empty = notifications::backlog(&t.conn, NOW).await.unwrap();
    assert!(empty.iter().all(|b| b.due == 0 && b.lag_seconds == 0), "{empty:?}");
    let (kabapas, _) = user_named(&t, "kabapas.jakbar").await;
    give_email(&t, &kabapas, "kabapas@bapas.example").await;
    notifications::sweep(&t.conn, NOW).await.unwrap();
    let waiting = rows_of(&t, kabapas.id, "email").await.len() as u64;
    assert!(waiting > 0);

    let later = notifications::backlog(&t.conn, NOW + Duration::minutes(7)).await.unwrap();
    let email = later.iter().find(|b| b.channel == Channel::Email).unwrap();
    assert_eq!((email.due, email.lag_seconds), (waiting, 7 * 60));
    let whatsapp = later.iter().find(|b| b.channel == Channel::WhatsApp).unwrap();
    assert_eq!(whatsapp.due, 0);

    // Sent: nothing waits any more.
    let mailer = FakeMailer::default();
    notifications::deliver(&t.conn, Channel::Email, &mailer, NOW + Duration::minutes(7), 500).await.unwrap();
    let after = notifications::backlog(&t.conn, NOW + Duration::minutes(8)).await.unwrap();
    assert!(after.iter().all(|b| b.due == 0 && b.lag_seconds == 0), "{after:?}");
}
