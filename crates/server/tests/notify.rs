//! Notifications through their real adapters: lettre, as the server configures it, sends what
//! the sweep wrote to a local SMTP sink on 127.0.0.1, which receives each e-mail once, in
//! Bahasa Indonesia; and the WhatsApp Cloud API adapter sends a template message to a fake
//! Cloud API on 127.0.0.1, saying why when it is refused.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::sync::{Arc, Mutex};

use pamong_domain::notifications::Channel;
use pamong_entity::user;
use pamong_server::notify::smtp::SmtpMailer;
use pamong_server::notify::whatsapp::CloudApi;
use pamong_service::notifications;
use pamong_service::notifications::{Courier, Outgoing};
use pamong_service::seed;
use pamong_service::testing::TestDb;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const NOW: OffsetDateTime = time::macros::datetime!(2026-11-24 02:00 UTC);

/// A minimal SMTP server that keeps every message it is given.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let keep = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else { return };
            let keep = keep.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 sink\r\n",
                        "DATA" => {
                            write.write_all(b"354 end with .\r\n").await.unwrap();
                            let mut message = String::new();
                            while let Ok(Some(l)) = lines.next_line().await {
                                if l == "." {
                                    break;
                                }
                                message.push_str(&l);
                                message.push('\n');
                            }
                            keep.lock().unwrap().push(message);
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        }
                        _ => b"250 OK\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn the_smtp_sink_receives_each_email_once_in_bahasa_indonesia() {
    let (port, received) = smtp_sink().await;
    let t = TestDb::new().await;
    seed::seed_demo(&t.conn, NOW).await.unwrap();
    let pk = user::Entity::find()
        .filter(user::Column::Username.eq("pk.jakbar"))
        .one(&t.conn)
        .await
        .unwrap()
        .unwrap();
    let mut active: user::ActiveModel = pk.into();
    active.email = Set(Some("pk.jakbar@bapas.example".into()));
    active.update(&t.conn).await.unwrap();

    let mailer =
        SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), "Pamong <pamong@bapas.example>").unwrap();
    notifications::sweep(&t.conn, NOW).await.unwrap();
    let round = notifications::deliver(&t.conn, Channel::Email, &mailer, NOW, 100).await.unwrap();
    assert!(round.sent > 0, "{round:?}");
    assert_eq!(round.retrying + round.failed, 0);
    notifications::sweep(&t.conn, NOW).await.unwrap();
    notifications::deliver(&t.conn, Channel::Email, &mailer, NOW, 100).await.unwrap();

    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), round.sent, "each e-mail once");
    let missed =
        messages.iter().find(|m| m.contains("belum wajib lapor")).expect("a missed report, by e-mail");
    assert!(missed.contains("To: pk.jakbar@bapas.example"), "{missed}");
    assert!(missed.contains("From: Pamong <pamong@bapas.example>"), "{missed}");
    assert!(missed.contains("Subject: Klien "), "{missed}");
    assert!(missed.contains("belum melapor sejak"), "{missed}");

    // A wrong URL is refused when the server starts, not when the first e-mail is due.
    assert!(SmtpMailer::new("http://example.com", "Pamong <pamong@bapas.example>").is_err());
    assert!(SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), "not an address").is_err());
}

/// A fake WhatsApp Cloud API: refuses the first message as Meta does when overloaded, then
/// accepts; keeps the bearer token and body of each.
async fn fake_cloud_api() -> (u16, Arc<Mutex<Vec<(String, serde_json::Value)>>>) {
    use axum::extract::{Path, State};
    use axum::http::{HeaderMap, StatusCode};
    type Seen = Arc<Mutex<Vec<(String, serde_json::Value)>>>;
    async fn messages(
        State(seen): State<Seen>,
        Path(phone_id): Path<String>,
        headers: HeaderMap,
        axum::Json(body): axum::Json<serde_json::Value>,
    ) -> (StatusCode, axum::Json<serde_json::Value>) {
        let bearer =
            headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let first = {
            let mut seen = seen.lock().unwrap();
            seen.push((format!("{phone_id} {bearer}"), body));
            seen.len() == 1
        };
        if first {
            let error =
                serde_json::json!({"error": {"message": "Service temporarily unavailable", "code": 2}});
            return (StatusCode::SERVICE_UNAVAILABLE, axum::Json(error));
        }
        (StatusCode::OK, axum::Json(serde_json::json!({"messages": [{"id": "wamid.TEST"}]})))
    }
    let seen: Seen = Arc::default();
    let app = axum::Router::new()
        .route("/v21.0/{phone_id}/messages", axum::routing::post(messages))
        .with_state(seen.clone());
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (port, seen)
}

#[tokio::test]
async fn the_whatsapp_adapter_sends_an_approved_template_and_says_why_when_refused() {
    let (port, seen) = fake_cloud_api().await;
    let api = CloudApi::new(&format!("http://127.0.0.1:{port}/v21.0"), "1098765", "token-uji").unwrap();
    let reminder = pamong_domain::notifications::Notice::next_report(
        uuid::Uuid::nil(),
        "Bapas Kelas I Jakarta Barat",
        time::macros::date!(2026 - 12 - 07),
    );
    let (name, params) = reminder.template.clone().unwrap();
    let message = Outgoing {
        to: "6281234567890".into(),
        subject: reminder.subject,
        body: reminder.body,
        template: Some((name.to_owned(), params)),
    };
    let refused = api.send(&message).await.unwrap_err();
    assert!(refused.contains("503") && refused.contains("Service temporarily unavailable"), "{refused}");
    api.send(&message).await.unwrap();

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    let (who, body) = &seen[1];
    assert_eq!(who, "1098765 Bearer token-uji");
    assert_eq!(body["messaging_product"], "whatsapp");
    assert_eq!(body["to"], "6281234567890");
    assert_eq!(body["type"], "template");
    assert_eq!(body["template"]["name"], "pamong_pengingat_lapor");
    assert_eq!(body["template"]["language"]["code"], "id");
    let parameters = &body["template"]["components"][0]["parameters"];
    assert_eq!(parameters[0]["text"], "Bapas Kelas I Jakarta Barat");
    assert_eq!(parameters[1]["text"], "7 Desember 2026");

    // A message without a template is not sent at all (WhatsApp refuses free text to start).
    let plain = Outgoing { template: None, ..message };
    assert!(api.send(&plain).await.is_err());
}
