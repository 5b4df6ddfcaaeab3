//! `pamong_load`: the load half of the reliability harness (`bench/reliability.sh` starts,
//! kills and checks the server).
//!
//!   pamong_load checkins --base URL --users a,b,… --password P --acked FILE --seconds N
//!   pamong_load soak --base URL --users a,b,… --password P --sessions 200 --seconds 600
//!                    [--malformed 0.01] [--think-ms 250] [--pid PID]
//!   pamong_load bare --file PAGE.html --listen 127.0.0.1:PORT   (the yardstick of bench/ssr.sh)
#![expect(clippy::print_stdout, reason = "a command-line tool reports on the terminal")]

mod bare;
mod checkins;
mod forms;
mod http;
mod soak;

use std::collections::HashMap;

fn flags(args: &[String]) -> HashMap<String, String> {
    args.chunks(2)
        .filter_map(|pair| match pair {
            [k, v] => Some((k.trim_start_matches("--").to_owned(), v.clone())),
            _ => None,
        })
        .collect()
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("usage: pamong_load checkins|soak|bare --flag value …");
        return std::process::ExitCode::from(2);
    };
    let f = flags(rest);
    let get = |k: &str, d: &str| f.get(k).cloned().unwrap_or_else(|| d.to_owned());
    let users: Vec<String> = get("users", "pk.jakbar").split(',').map(str::to_owned).collect();
    let (base, password) = (get("base", "http://127.0.0.1:3000"), get("password", "pamong-demo-2026"));
    let result = match command.as_str() {
        "checkins" => {
            let seconds = get("seconds", "10").parse().unwrap_or(10);
            checkins::run(&base, &users, &password, &get("acked", "acked.txt"), seconds).await
        }
        "soak" => {
            soak::run(soak::Soak {
                base,
                sessions: get("sessions", "200").parse().unwrap_or(200),
                users,
                password,
                seconds: get("seconds", "600").parse().unwrap_or(600),
                malformed: get("malformed", "0").parse().unwrap_or(0.0),
                think_ms: get("think-ms", "250").parse().unwrap_or(250),
                pid: f.get("pid").and_then(|p| p.parse().ok()),
            })
            .await
        }
        "bare" => bare::run(&get("file", "page.html"), &get("listen", "127.0.0.1:3900")).await,
        other => Err(format!("unknown command {other}")),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
