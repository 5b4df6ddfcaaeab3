//! E-mail over SMTP with lettre: `PAMONG_SMTP_URL` names the server
//! (`smtp://user:pass@host:587?tls=required` for STARTTLS, `smtps://…:465` for TLS,
//! `smtp://127.0.0.1:1025` for a local sink), `PAMONG_MAIL_FROM` the sender.

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use pamong_service::notifications::{Courier, Outgoing};

/// Sends e-mail through one SMTP server.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// Why the mailer could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    /// The URL is not an SMTP URL lettre understands.
    #[error("PAMONG_SMTP_URL is not a valid SMTP URL: {0}")]
    Url(String),
    /// The sender is not an address.
    #[error("PAMONG_MAIL_FROM is not an e-mail address: {0}")]
    From(String),
}

impl SmtpMailer {
    /// The mailer for `url`, sending as `from` (`Pamong <pamong@bapas.go.id>`).
    pub fn new(url: &str, from: &str) -> Result<Self, SmtpError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SmtpError::Url(e.to_string()))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from.parse().map_err(|e: lettre::address::AddressError| SmtpError::From(e.to_string()))?;
        Ok(SmtpMailer { transport, from })
    }
}

#[async_trait::async_trait]
impl Courier for SmtpMailer {
    async fn send(&self, mail: &Outgoing) -> Result<(), String> {
        let to: Mailbox = mail.to.parse().map_err(|e: lettre::address::AddressError| e.to_string())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }
}
