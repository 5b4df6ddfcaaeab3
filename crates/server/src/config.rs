//! Settings of a running server, typed once at start-up. Secrets are wrapped so they never
//! reach a log line.

use pamong_service::Clock;
use secrecy::{ExposeSecret, SecretString};
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::cli::ServeArgs;

/// Everything `Application::build` needs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Database URL.
    pub database_url: SecretString,
    /// Address to bind; port 0 picks a free port (tests).
    pub listen: SocketAddr,
    /// The address people use to reach the app: writes from its origin are trusted.
    pub public_url: String,
    /// Whether cookies get the Secure flag and responses HSTS (served over https).
    pub secure_cookies: bool,
    /// Cookie-signing secret.
    pub secret: SecretString,
    /// Built site directory.
    pub site_root: PathBuf,
    /// Idle timeout.
    pub session_idle: time::Duration,
    /// Absolute timeout.
    pub session_absolute: time::Duration,
    /// Seed demo data into an empty database.
    pub seed_demo: bool,
    /// Keep the dashboard figures fresh with a background task.
    pub refresh_figures: bool,
    /// Calls to `/api/v1` a token may make per minute.
    pub api_rate_limit: i32,
    /// Run the notifications worker.
    pub notifications: bool,
    /// SMTP server for e-mail (none: in the app only).
    pub smtp_url: Option<SecretString>,
    /// The e-mails' sender.
    pub mail_from: String,
    /// The WhatsApp Business Cloud API (none: no WhatsApp reminders are sent).
    pub whatsapp: Option<WhatsAppSettings>,
    /// The token `/metrics` asks for (none: `/metrics` is off).
    pub metrics_token: Option<SecretString>,
    /// Where "now" comes from: the system clock when serving, a fixed instant in tests.
    pub clock: Clock,
}

/// Where and as whom WhatsApp reminders are sent.
#[derive(Debug, Clone)]
pub struct WhatsAppSettings {
    /// The Graph API's base URL.
    pub api_url: String,
    /// The sending number's id.
    pub phone_id: String,
    /// The access token.
    pub token: SecretString,
}

/// A settings error the operator can fix.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The secret is too short to sign cookies safely.
    #[error("PAMONG_SECRET must be at least 32 characters")]
    ShortSecret,
    /// A timeout is not positive.
    #[error("session timeouts must be positive")]
    BadTimeout,
}

impl Settings {
    /// Checks and types the serve arguments.
    pub fn from_args(database_url: &str, args: &ServeArgs) -> Result<Self, ConfigError> {
        let secret = match &args.secret {
            Some(s) if s.len() >= 32 => s.clone(),
            Some(_) => return Err(ConfigError::ShortSecret),
            None => {
                tracing::warn!(
                    "PAMONG_SECRET is not set: using a random secret, sessions end when the server restarts"
                );
                random_secret()
            }
        };
        if args.session_idle_minutes <= 0 || args.session_absolute_hours <= 0 {
            return Err(ConfigError::BadTimeout);
        }
        Ok(Self {
            database_url: database_url.to_owned().into(),
            listen: args.listen,
            public_url: args.public_url.clone(),
            secure_cookies: args.public_url.starts_with("https://"),
            secret: secret.into(),
            site_root: args.site_root.clone(),
            session_idle: time::Duration::minutes(args.session_idle_minutes),
            session_absolute: time::Duration::hours(args.session_absolute_hours),
            seed_demo: args.seed_demo,
            refresh_figures: args.refresh_figures,
            api_rate_limit: args.api_rate_limit,
            notifications: args.notifications,
            smtp_url: args.smtp_url.clone().filter(|u| !u.trim().is_empty()).map(SecretString::from),
            mail_from: args.mail_from.clone(),
            whatsapp: match (&args.whatsapp_token, &args.whatsapp_phone_id) {
                (Some(token), Some(phone_id)) if !token.trim().is_empty() && !phone_id.trim().is_empty() => {
                    Some(WhatsAppSettings {
                        api_url: args.whatsapp_api_url.clone(),
                        phone_id: phone_id.clone(),
                        token: SecretString::from(token.clone()),
                    })
                }
                _ => None,
            },
            metrics_token: args
                .metrics_token
                .clone()
                .filter(|t| !t.trim().is_empty())
                .map(SecretString::from),
            clock: Clock::System,
        })
    }

    /// The signing key for cookies, derived from the secret.
    pub fn cookie_key(&self) -> tower_sessions::cookie::Key {
        tower_sessions::cookie::Key::derive_from(self.secret.expose_secret().as_bytes())
    }
}

fn random_secret() -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(64);
    for _ in 0..4 {
        let _ = write!(out, "{}", uuid::Uuid::now_v7().simple());
    }
    out
}
