//! What each subcommand does.

use std::io::Read;

use pamong_domain::user::UserForm;
use pamong_service::{Actor, Clock, db, seed, users};

use crate::cli::{Cli, Command, MigrateAction, RegionsCommand, ServeArgs, TokenCommand, UserCommand};
use crate::config::Settings;
use crate::startup::Application;

/// A command's failure, said plainly.
pub type CommandResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Runs the chosen subcommand (serve when none).
pub async fn run(cli: Cli) -> CommandResult {
    match cli.command {
        None => serve(&cli.database_url, &cli.serve).await,
        Some(Command::Serve(args)) => serve(&cli.database_url, &args).await,
        Some(Command::Migrate { action, steps }) => migrate(&cli.database_url, action, steps).await,
        Some(Command::User(cmd)) => user(&cli.database_url, cmd).await,
        Some(Command::Token(cmd)) => token(&cli.database_url, cmd).await,
        Some(Command::SeedDemo { offices, clients }) => seed_demo(&cli.database_url, offices, clients).await,
        Some(Command::Backup { file }) => backup(&cli.database_url, &file).await,
        Some(Command::Restore { file }) => restore(&cli.database_url, &file).await,
        Some(Command::MigrateData { from, to }) => migrate_data(&from, &to).await,
        Some(Command::Regions(RegionsCommand::Import { file })) => {
            let conn = open(&cli.database_url).await?;
            db::migrate_up(&conn).await?;
            crate::regions::import_file(&conn, &file).await
        }
    }
}

async fn serve(database_url: &str, args: &ServeArgs) -> CommandResult {
    let settings = Settings::from_args(database_url, args)?;
    let app = Application::build(settings).await?;
    tracing::info!(port = app.port(), "Pamong is listening on http://{}:{}", args.listen.ip(), app.port());
    app.run_until_stopped().await?;
    Ok(())
}

pub(crate) async fn open(database_url: &str) -> Result<pamong_service::DatabaseConnection, db::DbErr> {
    if let Some(dir) = crate::startup::sqlite_dir(database_url) {
        let _ = std::fs::create_dir_all(dir);
    }
    db::connect(database_url).await
}

#[expect(clippy::print_stdout, reason = "the command reports to the terminal")]
async fn backup(database_url: &str, file: &std::path::Path) -> CommandResult {
    let conn = open(database_url).await?;
    pamong_service::backup::backup(&conn, database_url, file).await?;
    println!("backup written to {}", file.display());
    Ok(())
}

#[expect(clippy::print_stdout, reason = "the command reports to the terminal")]
async fn restore(database_url: &str, file: &std::path::Path) -> CommandResult {
    let conn = open(database_url).await?;
    pamong_service::backup::restore(conn, database_url, file).await?;
    // A backup of an older version is brought up to this one's schema now, not at the
    // first start.
    db::migrate_up(&open(database_url).await?).await?;
    println!("restored from {}", file.display());
    Ok(())
}

#[expect(clippy::print_stdout, reason = "the command reports to the terminal")]
async fn migrate_data(from: &str, to: &str) -> CommandResult {
    // Opening a SQLite file that is not there would create an empty one, and copy nothing.
    if let Some(path) = pamong_service::backup::sqlite_path(from).filter(|p| !p.exists()) {
        return Err(format!("{} does not exist", path.display()).into());
    }
    let source = db::connect(from).await?;
    let target = db::connect(to).await?;
    let copied = pamong_service::transfer::sqlite_to_postgres(&source, &target, |table, rows| {
        println!("{table}: {rows} rows");
    })
    .await?;
    println!("copied {} rows of {} tables into PostgreSQL", copied.rows(), copied.tables.len());
    Ok(())
}

#[expect(clippy::print_stdout, reason = "the migrate command reports to the terminal")]
async fn migrate(database_url: &str, action: MigrateAction, steps: Option<u32>) -> CommandResult {
    let conn = open(database_url).await?;
    match action {
        MigrateAction::Up => {
            db::migrate_up(&conn).await?;
            println!("migrations applied");
        }
        MigrateAction::Down => {
            db::migrate_down(&conn, steps).await?;
            println!("migrations rolled back");
        }
        MigrateAction::Status => {
            for name in db::unknown_migrations(&conn).await? {
                println!("newer   {name} (applied by a newer version of Pamong)");
            }
            for (name, applied) in db::migration_status(&conn).await? {
                println!("{} {name}", if applied { "applied" } else { "pending" });
            }
        }
    }
    Ok(())
}

/// The password for `user create|passwd`: `PAMONG_USER_PASSWORD`, else the first line of
/// standard input (so it never appears in the shell history or the process list).
fn read_password() -> Result<String, std::io::Error> {
    if let Ok(pw) = std::env::var("PAMONG_USER_PASSWORD") {
        return Ok(pw);
    }
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    Ok(input.lines().next().unwrap_or_default().to_owned())
}

pub(crate) fn say_service_error(
    err: pamong_service::ServiceError,
) -> Box<dyn std::error::Error + Send + Sync> {
    match err.into_kind(None) {
        pamong_domain::ErrorKind::Invalid(errors) => {
            let list: Vec<String> =
                errors.0.iter().map(|e| format!("{}: {:?}", e.field, e.problem)).collect();
            format!("invalid input: {}", list.join(", ")).into()
        }
        other => format!("{other}").into(),
    }
}

#[expect(clippy::print_stdout, reason = "the user command reports to the terminal")]
async fn user(database_url: &str, cmd: UserCommand) -> CommandResult {
    let conn = open(database_url).await?;
    db::migrate_up(&conn).await?;
    let system = Actor::system();
    match cmd {
        UserCommand::Create { username, full_name, role, office } => {
            let office_id = if office.is_empty() {
                String::new()
            } else {
                pamong_service::offices::id_by_code(&conn, &office)
                    .await
                    .map_err(say_service_error)?
                    .ok_or_else(|| format!("no office with code {office}"))?
                    .to_string()
            };
            let form = UserForm {
                username,
                full_name,
                role,
                office_id,
                password: read_password()?,
                ..UserForm::default()
            };
            let created =
                users::create(&conn, &system, &form, Clock::System.now()).await.map_err(say_service_error)?;
            println!("created user {} ({})", created.username, created.role.as_str());
        }
        UserCommand::Passwd { username } => {
            let id = users::id_by_username(&conn, &username)
                .await
                .map_err(say_service_error)?
                .ok_or("no such user")?;
            users::reset_password(&conn, &system, id, &read_password()?, Clock::System.now())
                .await
                .map_err(say_service_error)?;
            println!("password of {username} changed; their sessions were ended");
        }
        UserCommand::Disable { username } => {
            let id = users::id_by_username(&conn, &username)
                .await
                .map_err(say_service_error)?
                .ok_or("no such user")?;
            users::set_active(&conn, &system, id, false, Clock::System.now())
                .await
                .map_err(say_service_error)?;
            println!("{username} deactivated");
        }
    }
    Ok(())
}

/// `pamong token issue`: prints the secret alone on standard output, so that a script can
/// keep it (`T=$(pamong token issue …)`); what it is goes to standard error.
#[expect(clippy::print_stdout, clippy::print_stderr, reason = "the token command reports to the terminal")]
async fn token(database_url: &str, cmd: TokenCommand) -> CommandResult {
    let conn = open(database_url).await?;
    db::migrate_up(&conn).await?;
    match cmd {
        TokenCommand::Issue { user, name } => {
            let id = users::id_by_username(&conn, &user)
                .await
                .map_err(say_service_error)?
                .ok_or("no such user")?;
            let form = pamong_domain::api_token::TokenForm { name };
            let issued =
                pamong_service::api_tokens::issue(&conn, &Actor::system(), id, &form, Clock::System.now())
                    .await
                    .map_err(say_service_error)?;
            eprintln!("token \"{}\" issued to {user}; it is shown only now:", issued.token.name);
            println!("{}", issued.secret);
        }
    }
    Ok(())
}

/// Adds synthetic clients over the active Bapas, with a progress bar.
async fn seed_clients(conn: &pamong_service::DatabaseConnection, total: usize) -> CommandResult {
    let offices = pamong_service::offices::count_active_bapas(conn).await.map_err(say_service_error)?.max(1);
    let per_office = total.div_ceil(offices);
    let bar = indicatif::ProgressBar::new(per_office as u64 * offices as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("synthetic clients");
    let now = Clock::System.now();
    // Each call adds `per_office` to every office; a fresh seed keeps the names varied.
    let seed = u64::try_from(now.unix_timestamp()).unwrap_or(7);
    let made = seed::clients::generate_with_progress(conn, per_office, seed, now, |n| bar.inc(n as u64))
        .await
        .map_err(say_service_error)?;
    bar.finish_with_message(format!("{made} synthetic clients added"));
    Ok(())
}

#[expect(clippy::print_stdout, reason = "the seed command prints the demo logins")]
async fn seed_demo(database_url: &str, offices: usize, extra_clients: usize) -> CommandResult {
    let conn = open(database_url).await?;
    db::migrate_up(&conn).await?;
    let logins = seed::seed_demo(&conn, Clock::System.now()).await.map_err(say_service_error)?;
    if offices > 0 {
        let made =
            seed::national::generate(&conn, offices, Clock::System.now()).await.map_err(say_service_error)?;
        println!("{made} synthetic Bapas added");
    }
    if extra_clients > 0 {
        seed_clients(&conn, extra_clients).await?;
    }
    if logins.is_empty() {
        println!("The database already has users: no demo data added.");
        if users::id_by_username(&conn, "admin").await.map_err(say_service_error)?.is_none() {
            return Ok(());
        }
        println!("Demo logins (if not changed since), password {}:", seed::DEMO_PASSWORD);
        print_second_factor_key();
        for name in [
            "admin",
            "pusat",
            "kanwil.dki",
            "kabapas.jakbar",
            "pk.jakbar",
            "koordinator.jakbar",
            "mitra.jakbar",
        ] {
            println!("  {name}");
        }
        return Ok(());
    }
    println!("Demo data added. Log in with any of these (password {}):", seed::DEMO_PASSWORD);
    for login in logins {
        let code = if login.second_factor { "+ kode" } else { "" };
        println!(
            "  {:<20} {:<12} {:<7} {}",
            login.username,
            login.role.as_str(),
            code,
            login.office.unwrap_or_default()
        );
    }
    print_second_factor_key();
    Ok(())
}

/// How the demo's admin, Ditjenpas, Kanwil and Kabapas users get past the second step.
#[expect(clippy::print_stdout, reason = "the seed command prints the demo logins")]
fn print_second_factor_key() {
    println!(
        "Users marked \"+ kode\" (admin, pusat, kanwil.dki, kabapas.jakbar) then type a code from an \
         authenticator app holding the demo key {key} (or: oathtool --totp -b {key}).",
        key = seed::DEMO_TOTP_KEY
    );
}
