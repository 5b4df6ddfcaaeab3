//! Officers checking clients in as fast as the server lets them, each acknowledged save
//! written to a file the moment its 200 arrives: what `reliability.sh` looks for in the
//! database after the kill -9 and the restart.

use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

use crate::forms;
use crate::http::{Session, client};

/// Runs `users` (each signed in once, each with a client of their own) for `seconds`,
/// appending `bench <user> <n>` to `acked` for every save the server acknowledged.
pub async fn run(
    base: &str,
    users: &[String],
    password: &str,
    acked: &str,
    seconds: u64,
) -> Result<(), String> {
    let http = client();
    let mut officers = Vec::new();
    for user in users {
        let session = Session::login(&http, base, user, password).await?;
        let saved = session.call("clients/save", forms::new_client(&format!("Klien Uji Beban {user}"))).await;
        let id = forms::saved_id(&saved.body).ok_or_else(|| format!("client for {user}: {}", saved.body))?;
        officers.push((user.clone(), session, id));
    }
    let mut file = tokio::fs::File::create(acked).await.map_err(|e| e.to_string())?;
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (user, session, id) in officers {
        let tx = tx.clone();
        tasks.push(tokio::spawn(async move {
            let (mut n, mut refused, mut unreachable) = (0u64, Vec::new(), 0u64);
            while Instant::now() < deadline {
                n += 1;
                let marker = format!("bench {user} {n}");
                let answer = session.call("clients/report", forms::report(id, &marker)).await;
                match answer.status {
                    Some(s) if s.is_success() => {
                        let _ = tx.send(marker);
                    }
                    Some(s) => refused.push(format!("{s} {}", answer.body)),
                    None => {
                        // The server is down (killed): wait for the deadline, as a phone would.
                        unreachable += 1;
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
            (refused, unreachable)
        }));
    }
    drop(tx);
    let mut count = 0u64;
    while let Some(marker) = rx.recv().await {
        count += 1;
        file.write_all(format!("{marker}\n").as_bytes()).await.map_err(|e| e.to_string())?;
    }
    file.flush().await.map_err(|e| e.to_string())?;
    let (mut refused, mut unreachable) = (Vec::new(), 0);
    for task in tasks {
        let (r, u) = task.await.map_err(|e| e.to_string())?;
        refused.extend(r);
        unreachable += u;
    }
    println!(
        "check-ins: {count} acknowledged, {} refused, {unreachable} unanswered (server down)",
        refused.len()
    );
    for r in refused.iter().take(5) {
        println!("  refused: {}", r.chars().take(200).collect::<String>());
    }
    if refused.is_empty() { Ok(()) } else { Err(format!("{} saves refused", refused.len())) }
}
