//! The `pamong` command: serves the app, migrates the database, manages users and seeds the
//! demo data.

use clap::Parser;
use pamong_server::cli::Cli;

/// Rendering a page allocates and frees many small strings across threads, which glibc's malloc
/// serves slowly (a fifth of the CPU under load, 2026-12-06).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // A `.env` beside the binary's working directory is optional.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    pamong_server::telemetry::init(cli.log_format);
    match pamong_server::commands::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "pamong failed");
            eprintln!("pamong: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
