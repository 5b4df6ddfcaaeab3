//! E-mail notifications through real SMTP: lettre, as the server configures it, sends what
//! the sweep wrote to a local SMTP sink on 127.0.0.1, which receives each e-mail once, in
//! Bahasa Indonesia.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::sync::{Arc, Mutex};

use pamong_entity::user;
use pamong_server::notify::smtp::SmtpMailer;
use pamong_service::notifications;
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
    let round = notifications::deliver(&t.conn, &mailer, NOW, 100).await.unwrap();
    assert!(round.sent > 0, "{round:?}");
    assert_eq!(round.retrying + round.failed, 0);
    notifications::sweep(&t.conn, NOW).await.unwrap();
    notifications::deliver(&t.conn, &mailer, NOW, 100).await.unwrap();

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
