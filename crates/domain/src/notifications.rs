//! Notifications: what the system tells people without their asking, in the app and by
//! e-mail. Each is written once per recipient and channel — its key says what it is about,
//! so the same fact never notifies twice — and e-mail is sent by a background worker that
//! retries with [`backoff`]. The texts are in Bahasa Indonesia and name a client by register
//! number only, because an e-mail leaves the system.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::office::Zone;

text_enum! {
    /// What a notification is about.
    NotificationKind {
        /// A client missed a report (to their PK).
        MissedReport => "lapor-terlewat",
        /// A child's statutory clock has under 24 hours left (to the child's PK).
        SppaClock => "jam-sppa",
        /// A partner answered a referral (to the referring PK).
        ReferralAnswered => "rujukan-dijawab",
        /// Kerja sosial sessions wait for the work site's sign-off (to the PK).
        SignOffWaiting => "tanda-tangan-kerja-sosial",
        /// A cooperation agreement (PKS) ends soon with no renewal (to the Kabapas).
        AgreementExpiring => "pks-berakhir",
        /// The client's next report is tomorrow (to the client, by WhatsApp, with consent).
        NextReport => "jadwal-lapor",
    }
}

/// The WhatsApp Business message template of the reminder of a report, as approved by Meta
/// (category "utility", language Indonesian): "Halo, ini pengingat dari Bapas {{1}}: jadwal
/// wajib lapor Anda berikutnya {{2}}. Bawa kartu identitas Anda. Balas pesan ini bila
/// berhalangan." Business-initiated messages outside a conversation must use an approved
/// template, so the text lives at Meta and only its parameters are sent.
pub const NEXT_REPORT_TEMPLATE: &str = "pamong_pengingat_lapor";
/// The templates' language code.
pub const TEMPLATE_LANGUAGE: &str = "id";

/// A phone number as WhatsApp addresses it: digits only, with Indonesia's country code
/// (`0812…`, `+62 812…` and `62812…` all become `62812…`); `None` when it cannot be a mobile
/// number.
pub fn whatsapp_number(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let national = digits.strip_prefix("62").or_else(|| digits.strip_prefix('0')).unwrap_or(&digits);
    // Indonesian mobile numbers start with 8 and have 9 to 12 digits after the 0.
    (national.starts_with('8') && (9..=12).contains(&national.len())).then(|| format!("62{national}"))
}

text_enum! {
    /// How a notification reaches its recipient.
    Channel {
        /// The bell in the app.
        App => "aplikasi",
        /// E-mail over SMTP.
        Email => "email",
        /// WhatsApp, through the WhatsApp Business Cloud API (clients only).
        WhatsApp => "whatsapp",
    }
}

text_enum! {
    /// Where a notification's delivery stands.
    DeliveryStatus {
        /// Waiting for the worker (or for its next attempt).
        Pending => "menunggu",
        /// Delivered (an in-app one at once).
        Sent => "terkirim",
        /// Given up after [`MAX_ATTEMPTS`].
        Failed => "gagal",
    }
}

/// Attempts at an e-mail before it is given up.
pub const MAX_ATTEMPTS: i32 = 6;

/// How long to wait after the `attempts`-th failed attempt before the next one: 1, 5, 15,
/// 60 and 240 minutes; `None` once [`MAX_ATTEMPTS`] have failed.
pub fn backoff(attempts: i32) -> Option<Duration> {
    let minutes = match attempts {
        ..=1 => 1,
        2 => 5,
        3 => 15,
        4 => 60,
        5 => 240,
        _ => return None,
    };
    Some(Duration::minutes(minutes))
}

/// A notification to write: what it says, to whom it is about and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What it is about.
    pub kind: NotificationKind,
    /// What makes it unique: the same key is never written twice for one channel.
    pub key: String,
    /// The subject line (and the bell's first line).
    pub subject: String,
    /// The text.
    pub body: String,
    /// The record it leads to.
    pub about: About,
    /// For a client's WhatsApp reminder: the approved template and its parameters.
    pub template: Option<(&'static str, Vec<String>)>,
}

/// The record a notification leads to (the app turns it into its page's address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum About {
    /// A client's page.
    Client(Uuid),
    /// A cooperation agreement's page.
    Agreement(Uuid),
}

impl About {
    /// As stored: `klien:<id>` or `pks:<id>`.
    pub fn as_text(self) -> String {
        match self {
            About::Client(id) => format!("klien:{id}"),
            About::Agreement(id) => format!("pks:{id}"),
        }
    }

    /// Reads [`About::as_text`] back.
    pub fn parse(text: &str) -> Option<Self> {
        let (kind, id) = text.split_once(':')?;
        let id = Uuid::parse_str(id).ok()?;
        match kind {
            "klien" => Some(About::Client(id)),
            "pks" => Some(About::Agreement(id)),
            _ => None,
        }
    }
}

/// `day` as Indonesians write it: `3 Desember 2026`.
pub fn tanggal(day: Date) -> String {
    const MONTHS: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    let month = MONTHS.get(usize::from(u8::from(day.month())) - 1).copied().unwrap_or_default();
    format!("{} {month} {}", day.day(), day.year())
}

impl Notice {
    /// A client missed a report due on `since` (and has not made up for it).
    pub fn missed_report(client: Uuid, register: &str, since: Date) -> Self {
        Notice {
            kind: NotificationKind::MissedReport,
            key: format!("lapor-terlewat:{client}:{since}"),
            subject: format!("Klien {register} belum wajib lapor"),
            body: format!(
                "Klien dengan nomor register {register} belum melapor sejak {}. Hubungi klien dan catat \
                 laporannya, atau catat pelanggaran bila perlu.",
                tanggal(since)
            ),
            about: About::Client(client),
            template: None,
        }
    }

    /// A child's clock (`what`, e.g. "Mulai diversi") ends at `due`, under 24 hours away; the
    /// time is told in the office's `zone`.
    pub fn sppa_clock(client: Uuid, register: &str, what: &str, due: OffsetDateTime, zone: Zone) -> Self {
        let local = due.to_offset(zone.offset());
        Notice {
            kind: NotificationKind::SppaClock,
            key: format!("jam-sppa:{client}:{what}:{}", due.unix_timestamp()),
            subject: format!("Batas waktu SPPA kurang dari 24 jam: {register}"),
            body: format!(
                "Batas waktu \"{what}\" untuk perkara anak nomor register {register} berakhir {} pukul \
                 {:02}.{:02} {}. Selesaikan sebelum batas waktu.",
                tanggal(local.date()),
                local.hour(),
                local.minute(),
                zone.label()
            ),
            about: About::Client(client),
            template: None,
        }
    }

    /// A partner answered a referral: accepted, declined or done (`status` in words).
    pub fn referral_answered(
        referral: Uuid,
        client: Uuid,
        register: &str,
        partner: &str,
        status: &str,
    ) -> Self {
        Notice {
            kind: NotificationKind::ReferralAnswered,
            key: format!("rujukan:{referral}:{status}"),
            subject: format!("Rujukan {register} {status} oleh {partner}"),
            body: format!(
                "{partner} menandai rujukan klien nomor register {register} sebagai \"{status}\". Lihat \
                 jawabannya di halaman klien."
            ),
            about: About::Client(client),
            template: None,
        }
    }

    /// Kerja sosial sessions recorded since `since` still wait for the site's sign-off.
    pub fn sign_off_waiting(client: Uuid, register: &str, since: Date) -> Self {
        Notice {
            kind: NotificationKind::SignOffWaiting,
            key: format!("tanda-tangan:{client}:{since}"),
            subject: format!("Jam kerja sosial {register} menunggu tanda tangan"),
            body: format!(
                "Sesi kerja sosial klien nomor register {register} sejak {} belum ditandatangani tempat \
                 kerja. Ingatkan penanggung jawab tempat kerja.",
                tanggal(since)
            ),
            about: About::Client(client),
            template: None,
        }
    }

    /// The agreement `number` with `partner` ends on `end` with no renewal signed.
    pub fn agreement_expiring(agreement: Uuid, number: &str, partner: &str, end: Date) -> Self {
        Notice {
            kind: NotificationKind::AgreementExpiring,
            key: format!("pks-berakhir:{agreement}:{end}"),
            subject: format!("PKS dengan {partner} berakhir {}", tanggal(end)),
            body: format!(
                "Perjanjian kerja sama nomor {number} dengan {partner} berakhir {} dan belum ada \
                 perpanjangan yang ditandatangani.",
                tanggal(end)
            ),
            about: About::Agreement(agreement),
            template: None,
        }
    }
}

impl Notice {
    /// The client's next report is on `due`: a reminder sent to them, from `office`.
    pub fn next_report(client: Uuid, office: &str, due: Date) -> Self {
        let day = tanggal(due);
        Notice {
            kind: NotificationKind::NextReport,
            key: format!("jadwal-lapor:{client}:{due}"),
            subject: "Pengingat wajib lapor".to_owned(),
            body: format!(
                "Halo, ini pengingat dari {office}: jadwal wajib lapor Anda berikutnya {day}. Bawa kartu \
                 identitas Anda. Balas pesan ini bila berhalangan."
            ),
            about: About::Client(client),
            template: Some((NEXT_REPORT_TEMPLATE, vec![office.to_owned(), day])),
        }
    }
}

/// A notification in the user's bell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    /// Public id.
    pub id: Uuid,
    /// What it is about.
    pub kind: NotificationKind,
    /// Subject line.
    pub subject: String,
    /// Text.
    pub body: String,
    /// Where it leads.
    pub about: Option<About>,
    /// When it was written.
    pub created_at: OffsetDateTime,
    /// Whether the user has read it.
    pub read: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn retries_back_off_and_stop() {
        assert_eq!(backoff(1), Some(Duration::minutes(1)));
        assert_eq!(backoff(2), Some(Duration::minutes(5)));
        assert_eq!(backoff(5), Some(Duration::minutes(240)));
        assert_eq!(backoff(MAX_ATTEMPTS), None);
    }

    #[test]
    fn texts_are_indonesian_and_name_the_register_number_only() {
        let client = Uuid::nil();
        let n = Notice::missed_report(client, "PB-2026-0001", date!(2026 - 12 - 03));
        assert_eq!(n.subject, "Klien PB-2026-0001 belum wajib lapor");
        assert!(n.body.contains("sejak 3 Desember 2026"), "{}", n.body);
        let again = Notice::missed_report(client, "PB-2026-0001", date!(2026 - 12 - 03));
        assert_eq!(n.key, again.key, "the same fact, the same key");
        let later = Notice::missed_report(client, "PB-2026-0001", date!(2027 - 01 - 03));
        assert_ne!(n.key, later.key, "a new miss is a new notification");
        let clock =
            Notice::sppa_clock(client, "ABH-1", "Mulai diversi", datetime!(2026-12-04 20:05 UTC), Zone::Wib);
        assert!(clock.body.contains("5 Desember 2026 pukul 03.05 WIB"), "{}", clock.body);
        assert_eq!(About::parse(&n.about.as_text()), Some(n.about));
        let reminder = Notice::next_report(client, "Bapas Kelas I Jakarta Barat", date!(2026 - 12 - 07));
        let (template, params) = reminder.template.unwrap();
        assert_eq!(template, NEXT_REPORT_TEMPLATE);
        assert_eq!(params, ["Bapas Kelas I Jakarta Barat", "7 Desember 2026"]);
    }

    #[test]
    fn phone_numbers_become_whatsapp_numbers() {
        for phone in ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "81234567890"] {
            assert_eq!(whatsapp_number(phone).as_deref(), Some("6281234567890"), "{phone}");
        }
        for phone in ["021-5551234", "", "0812", "abc", "08123456789012345"] {
            assert_eq!(whatsapp_number(phone), None, "{phone}");
        }
    }
}
