//! The command line. Every flag can also be set by an environment variable (`PAMONG_*`).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Pamong: case management for Indonesia's probation offices (Bapas).
#[derive(Debug, Parser)]
#[command(name = "pamong", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Database URL: `sqlite://data/pamong.db?mode=rwc` or `postgres://user:pass@host/db`.
    #[arg(
        long,
        env = "PAMONG_DATABASE_URL",
        default_value = "sqlite://data/pamong.db?mode=rwc",
        global = true
    )]
    pub database_url: String,
    /// Log format: human-readable text or JSON lines.
    #[arg(long, env = "PAMONG_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Serve settings when no subcommand is given.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per event.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (migrates the database first).
    Serve(ServeArgs),
    /// Apply or roll back database migrations.
    Migrate {
        /// `up` (default), `down` or `status`.
        #[arg(value_enum, default_value_t = MigrateAction::Up)]
        action: MigrateAction,
        /// With `down`: how many migrations to roll back (default: all).
        #[arg(long)]
        steps: Option<u32>,
    },
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Personal access tokens for the REST API.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Fill an empty database with demo offices, one user per role and a few hundred
    /// synthetic clients per office; `--offices N` adds synthetic Kanwils and Bapas until N
    /// Bapas are active, `--clients N` adds N more clients over them (for benchmarks).
    SeedDemo {
        /// Active Bapas wanted: synthetic offices are added up to this many (94 nationally).
        #[arg(long, default_value_t = 0)]
        offices: usize,
        /// Extra synthetic clients to add, spread over the active Bapas.
        #[arg(long, default_value_t = 0)]
        clients: usize,
    },
    /// The Kemendagri region list.
    #[command(subcommand)]
    Regions(RegionsCommand),
    /// Write a consistent copy of the database to FILE while the server runs (SQLite: a
    /// SQLite file; PostgreSQL: a `pg_dump` custom-format archive).
    Backup {
        /// The file to write; it must not exist.
        file: std::path::PathBuf,
    },
    /// Restore a backup made by `pamong backup` into an empty database.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// Copy an office's SQLite database into a new, empty PostgreSQL database, every row
    /// with its ids, timestamps and uuids, in one transaction.
    MigrateData {
        /// The SQLite database, e.g. `sqlite://data/pamong.db`.
        #[arg(long)]
        from: String,
        /// The PostgreSQL database, e.g. `postgres://pamong@db.example/pamong`.
        #[arg(long)]
        to: String,
    },
}

/// `pamong regions …`
#[derive(Debug, Subcommand)]
pub enum RegionsCommand {
    /// Load the official list (CSV `kode,nama`, dotted codes). A re-import updates names and
    /// adds new codes; nothing is removed, so existing addresses keep working.
    Import {
        /// The CSV file.
        file: PathBuf,
    },
}

/// Migration directions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MigrateAction {
    /// Apply pending migrations.
    Up,
    /// Roll back migrations.
    Down,
    /// List migrations and whether each is applied.
    Status,
}

/// `pamong user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user. The password is read from `PAMONG_USER_PASSWORD`, else from standard input.
    Create {
        /// Login name.
        #[arg(long)]
        username: String,
        /// Full name.
        #[arg(long)]
        full_name: String,
        /// Role: admin, kanwil, kabapas, pk, koordinator or mitra.
        #[arg(long)]
        role: String,
        /// Office: a Bapas code (e.g. JAKBAR) or a Kanwil province code (e.g. 31).
        #[arg(long, default_value = "")]
        office: String,
    },
    /// Set a user's password (from `PAMONG_USER_PASSWORD`, else standard input) and end their sessions.
    Passwd {
        /// Login name.
        username: String,
    },
    /// Deactivate a user and end their sessions.
    Disable {
        /// Login name.
        username: String,
    },
}

/// `pamong token …`
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue a token to a user and print it (only this once; it is stored hashed). The token
    /// acts with the user's permissions; an admin revokes it on the user's page.
    Issue {
        /// The user's login name.
        #[arg(long)]
        user: String,
        /// What the token is for (e.g. the partner system's name).
        #[arg(long)]
        name: String,
    },
}

/// Settings of `pamong serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PAMONG_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,
    /// The address people use to reach the app; `https://…` makes cookies Secure.
    #[arg(long, env = "PAMONG_PUBLIC_URL", default_value = "http://127.0.0.1:3000")]
    pub public_url: String,
    /// Secret (at least 32 characters) that signs session cookies. Unset: a random one per
    /// start, so sessions end at every restart.
    #[arg(long, env = "PAMONG_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
    /// Directory with the built site (`pkg/` with the wasm, JS and CSS, and public assets).
    #[arg(long, env = "PAMONG_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "PAMONG_SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: i64,
    /// Hours after login at which a session ends however active it is.
    #[arg(long, env = "PAMONG_SESSION_ABSOLUTE_HOURS", default_value_t = 12)]
    pub session_absolute_hours: i64,
    /// Seed demo data when the database has no users yet.
    #[arg(long, env = "PAMONG_SEED_DEMO", default_value_t = false)]
    pub seed_demo: bool,
    /// Keep the dashboard figures fresh in the background (every 5 minutes). Several servers
    /// sharing one database need only one of them doing it.
    #[arg(long, env = "PAMONG_REFRESH_FIGURES", default_value_t = true, action = clap::ArgAction::Set)]
    pub refresh_figures: bool,
    /// Write and send notifications in the background (every minute). Several servers on one
    /// database may all do it: nothing is written or sent twice.
    #[arg(long, env = "PAMONG_NOTIFICATIONS", default_value_t = true, action = clap::ArgAction::Set)]
    pub notifications: bool,
    /// SMTP server for e-mail notifications: `smtp://user:pass@host:587?tls=required`,
    /// `smtps://user:pass@host:465`; unset, notifications stay in the app.
    #[arg(long, env = "PAMONG_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of e-mail notifications.
    #[arg(long, env = "PAMONG_MAIL_FROM", default_value = "Pamong <pamong@localhost>")]
    pub mail_from: String,
    /// WhatsApp Business Cloud API access token; with the phone id, clients who consented get
    /// their report reminders by WhatsApp.
    #[arg(long, env = "PAMONG_WHATSAPP_TOKEN", hide_env_values = true)]
    pub whatsapp_token: Option<String>,
    /// The id of the WhatsApp Business phone number the reminders come from.
    #[arg(long, env = "PAMONG_WHATSAPP_PHONE_ID")]
    pub whatsapp_phone_id: Option<String>,
    /// The Graph API's base URL.
    #[arg(long, env = "PAMONG_WHATSAPP_API_URL", default_value = crate::notify::whatsapp::DEFAULT_API_URL)]
    pub whatsapp_api_url: String,
    /// Calls to `/api/v1` a token may make per minute.
    #[arg(long, env = "PAMONG_API_RATE_LIMIT", default_value_t = pamong_service::api_tokens::DEFAULT_RATE_LIMIT,
        value_parser = clap::value_parser!(i32).range(1..))]
    pub api_rate_limit: i32,
    /// The bearer token a Prometheus scrape of `/metrics` must carry; unset, `/metrics` is off.
    #[arg(long, env = "PAMONG_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
}
