//! The Litmas (social inquiry report) for a child's case: who asked for it, its type, the
//! contents SPPA art. 57 prescribes, drafting from a template and the approval steps.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime, PrimitiveDateTime};
use uuid::Uuid;

use super::clock::{Clock, from_local};
use super::rules::AgeRoute;
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::office::Zone;
use crate::validate::optional_text;

/// Longest text of one section.
pub const SECTION_MAX: u16 = 20_000;

text_enum! {
    /// Who asked for the Litmas.
    Requester {
        /// The investigator (penyidik, police).
        Penyidik => "penyidik",
        /// The public prosecutor.
        PenuntutUmum => "penuntut_umum",
        /// The court.
        Hakim => "hakim",
    }
}

text_enum! {
    /// The kinds of Litmas a child's case needs.
    LitmasKind {
        /// For the diversion deliberation.
        Diversi => "diversi",
        /// For the trial (sidang anak).
        Sidang => "sidang",
        /// For a child under 12 (art. 21 decision).
        BawahDuaBelas => "bawah_12",
        /// For a detention decision.
        Penahanan => "penahanan",
    }
}

text_enum! {
    /// Where a Litmas stands. A returned draft goes back to [`LitmasStatus::Draf`] with the
    /// Kabapas's note.
    LitmasStatus {
        /// Being written by the PK.
        Draf => "draf",
        /// Waiting for the Kabapas.
        Diajukan => "diajukan",
        /// Approved; may be printed and delivered.
        Disetujui => "disetujui",
        /// Delivered to the requester: the clock stops.
        Diserahkan => "diserahkan",
    }
}

/// The sections of a child's Litmas (SPPA art. 57(2)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LitmasContent {
    /// Personal and family data.
    pub personal_family: String,
    /// Background of the offence.
    pub background: String,
    /// The victim's condition.
    pub victim_condition: String,
    /// The diversion record.
    pub diversion_record: String,
    /// The PK's recommendation.
    pub recommendation: String,
}

impl LitmasContent {
    /// The sections with their field names, in document order.
    pub fn sections(&self) -> [(&'static str, &str); 5] {
        [
            ("personal_family", &self.personal_family),
            ("background", &self.background),
            ("victim_condition", &self.victim_condition),
            ("diversion_record", &self.diversion_record),
            ("recommendation", &self.recommendation),
        ]
    }

    /// Checks a draft being saved: only lengths.
    pub fn check_draft(&self) -> Result<(), ErrorKind> {
        let mut errors = FieldErrors::new();
        for (field, text) in self.sections() {
            if text.chars().count() > usize::from(SECTION_MAX) {
                errors.add(field, Problem::TooLong { max: SECTION_MAX });
            }
        }
        errors.into_result(())
    }

    /// Checks a draft being submitted: every section written, no template prompt left.
    pub fn check_complete(&self) -> Result<(), ErrorKind> {
        self.check_draft()?;
        let mut errors = FieldErrors::new();
        for (field, text) in self.sections() {
            if text.trim().is_empty() {
                errors.add(field, Problem::Required);
            } else if has_prompt(text) {
                errors.add(field, Problem::TemplatePrompt);
            }
        }
        errors.into_result(())
    }
}

/// Whether the text still holds a template prompt, written `[…]`.
pub fn has_prompt(text: &str) -> bool {
    text.find('[').is_some_and(|open| text[open..].contains(']'))
}

/// What a template may say about the case (never the child's name: the template is text the
/// PK completes, and names go in by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateFacts {
    /// Age on the day of the offence.
    pub age: u32,
    /// The route that age gives.
    pub route: AgeRoute,
    /// The offence as described.
    pub offence: String,
    /// Maximum penalty in months.
    pub max_penalty_months: u32,
    /// Whether diversion is mandatory.
    pub diversion_mandatory: bool,
}

/// The starting text of a Litmas of `kind`: each section with prompts in `[…]` that the PK
/// replaces. A Litmas cannot be submitted while a prompt is left.
pub fn template(kind: LitmasKind, facts: &TemplateFacts) -> LitmasContent {
    let years = facts.max_penalty_months / 12;
    let months = facts.max_penalty_months % 12;
    let diversion = if facts.diversion_mandatory {
        "Perkara diancam pidana di bawah 7 tahun dan bukan pengulangan: diversi wajib diupayakan \
         (UU 11/2012 Pasal 7)."
    } else {
        "Perkara tidak memenuhi syarat diversi (ancaman 7 tahun atau lebih, atau pengulangan)."
    };
    let recommendation = match kind {
        LitmasKind::Diversi => {
            "Berdasarkan hasil penelitian, PK merekomendasikan diversi dengan bentuk \
             kesepakatan: [pengembalian kepada orang tua / LPKS paling lama 3 bulan / pelayanan \
             masyarakat paling lama 3 bulan / ganti kerugian / rehabilitasi] karena [alasan]."
        }
        LitmasKind::Sidang => {
            "PK merekomendasikan kepada Hakim: [pidana peringatan / pidana dengan syarat / \
             pelatihan kerja / pembinaan dalam lembaga / penjara] dengan pertimbangan [alasan]."
        }
        LitmasKind::BawahDuaBelas => {
            "Anak belum berumur 12 tahun. PK bersama penyidik dan pekerja sosial \
             merekomendasikan: [penyerahan kembali kepada orang tua/wali / keikutsertaan dalam \
             program LPKS paling lama 6 bulan] (UU 11/2012 Pasal 21) karena [alasan]."
        }
        LitmasKind::Penahanan => {
            "PK merekomendasikan [penahanan tidak dilakukan / penahanan di LPAS] dengan \
             pertimbangan [jaminan orang tua/wali, risiko melarikan diri, usia dan ancaman pidana]."
        }
    };
    LitmasContent {
        personal_family: format!(
            "Anak berumur {} tahun pada saat tindak pidana. [Identitas anak: tempat dan tanggal lahir, \
             agama, pendidikan, alamat.] [Identitas orang tua/wali, susunan keluarga, kondisi \
             ekonomi dan relasi dalam keluarga.]",
            facts.age
        ),
        background: format!(
            "Perkara: {}. Ancaman pidana maksimal {} tahun {} bulan. [Kronologi menurut anak dan \
             keluarga, faktor pendorong, riwayat pergaulan dan sekolah.]",
            facts.offence, years, months
        ),
        victim_condition: "[Kondisi korban: fisik, psikis, kerugian; sikap korban dan keluarganya terhadap \
             penyelesaian perkara.]"
            .into(),
        diversion_record: format!("{diversion} [Riwayat musyawarah diversi dan hasilnya pada setiap tahap.]"),
        recommendation: recommendation.into(),
    }
}

/// A Litmas request as typed: the time received is the office's wall clock,
/// `YYYY-MM-DDTHH:MM` (what `<input type="datetime-local">` sends).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct LitmasRequestForm {
    /// Text form of [`Requester`].
    pub requester: String,
    /// Text form of [`LitmasKind`].
    pub kind: String,
    /// The request letter's number.
    pub letter_number: String,
    /// When it was received, office time.
    pub received_at: String,
}

/// A checked Litmas request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LitmasRequestDraft {
    /// Who asked.
    pub requester: Requester,
    /// For what.
    pub kind: LitmasKind,
    /// Letter number.
    pub letter_number: Option<String>,
    /// When it arrived, UTC.
    pub received_at: OffsetDateTime,
}

/// Parses `YYYY-MM-DDTHH:MM` (seconds allowed), in the plausible years only.
pub fn parse_local_datetime(raw: &str) -> Option<PrimitiveDateTime> {
    let raw = raw.trim();
    PrimitiveDateTime::parse(raw, time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]"))
        .or_else(|_| {
            PrimitiveDateTime::parse(
                raw,
                time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
            )
        })
        .ok()
        .filter(|at| crate::validate::plausible_year(at.year()))
}

/// A wall-clock field at an office, not after `now` (a few minutes of clock drift allowed).
pub fn instant_field(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    zone: Zone,
    now: OffsetDateTime,
) -> Option<OffsetDateTime> {
    if raw.trim().is_empty() {
        errors.add(field, Problem::Required);
        return None;
    }
    match parse_local_datetime(raw).map(|at| from_local(at, zone)) {
        Some(at) if at > now + Duration::minutes(5) => {
            errors.add(field, Problem::FutureDate);
            None
        }
        Some(at) => Some(at),
        None => {
            errors.add(field, Problem::BadFormat);
            None
        }
    }
}

impl LitmasRequestForm {
    /// Checks the request; the time received is read in the office's zone.
    pub fn parse(&self, zone: Zone, now: OffsetDateTime) -> Result<LitmasRequestDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let requester = Requester::parse(&self.requester);
        if requester.is_none() {
            errors.add("requester", Problem::Required);
        }
        let kind = LitmasKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", Problem::Required);
        }
        let letter_number = optional_text(&mut errors, "letter_number", &self.letter_number, 80);
        let received_at = instant_field(&mut errors, "received_at", &self.received_at, zone, now);
        match (requester, kind, received_at) {
            (Some(requester), Some(kind), Some(received_at)) if errors.is_empty() => {
                Ok(LitmasRequestDraft { requester, kind, letter_number, received_at })
            }
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// One Litmas in a case's list and on its own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LitmasView {
    /// Public id.
    pub id: Uuid,
    /// The child's client id.
    pub client_id: Uuid,
    /// The case (register) number.
    pub register_number: String,
    /// The child's name, or initials for those without need to know.
    pub child_label: String,
    /// Whether `child_label` and the content are masked.
    pub masked: bool,
    /// Who asked.
    pub requester: Requester,
    /// For what.
    pub kind: LitmasKind,
    /// Letter number.
    pub letter_number: Option<String>,
    /// When it arrived.
    pub received_at: OffsetDateTime,
    /// Its clock (3×24 h, stopped at delivery).
    pub clock: Clock,
    /// Where it stands.
    pub status: LitmasStatus,
    /// The text; empty sections when masked.
    pub content: LitmasContent,
    /// The Kabapas's note when the draft was returned.
    pub review_note: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who approved it, and when.
    pub approved: Option<(String, OffsetDateTime)>,
    /// When it was delivered.
    pub delivered_at: Option<OffsetDateTime>,
    /// The office: name, address, phone (the letterhead), and its zone.
    pub office: Letterhead,
    /// Whether the actor may edit and submit (the assigned PK or the Kabapas, while a draft).
    pub can_edit: bool,
    /// Whether the actor may approve or return it (the Kabapas, once submitted).
    pub can_review: bool,
    /// Whether the actor may record its delivery (once approved).
    pub can_deliver: bool,
}

/// The ministry a Bapas belongs to, at the top of every letterhead.
pub const MINISTRY: &str = "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN";

/// The office as printed at the top of a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterhead {
    /// "Bapas Kelas I Jakarta Barat".
    pub name: String,
    /// Street address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Time zone of the office.
    pub zone: Zone,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn facts() -> TemplateFacts {
        TemplateFacts {
            age: 15,
            route: AgeRoute::Child,
            offence: "Pencurian".into(),
            max_penalty_months: 60,
            diversion_mandatory: true,
        }
    }

    #[test]
    fn template_has_prompts_and_cannot_be_submitted_as_is() {
        for &kind in LitmasKind::ALL {
            let content = template(kind, &facts());
            assert!(content.check_draft().is_ok());
            let errors = content.check_complete().err().and_then(|e| e.field_errors().cloned());
            let errors = errors.unwrap_or_default();
            for (field, _) in content.sections() {
                assert_eq!(errors.get(field), Some(Problem::TemplatePrompt), "{kind:?} {field}");
            }
        }
        assert!(template(LitmasKind::Diversi, &facts()).background.contains("5 tahun 0 bulan"));
    }

    #[test]
    fn completed_sections_submit() {
        let content = LitmasContent {
            personal_family: "Anak tinggal bersama ibu.".into(),
            background: "Terpengaruh teman.".into(),
            victim_condition: "Korban pulih.".into(),
            diversion_record: "Belum ada musyawarah.".into(),
            recommendation: "Diversi: kembali ke orang tua.".into(),
        };
        assert!(content.check_complete().is_ok());
        let empty = LitmasContent { recommendation: " ".into(), ..content };
        let errors = empty.check_complete().err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("recommendation"), Some(Problem::Required));
    }

    #[test]
    fn prompts_need_both_brackets() {
        assert!(has_prompt("a [b] c"));
        assert!(!has_prompt("pasal 2 ayat (1)"));
        assert!(!has_prompt("only ] closing then [ opening"));
    }

    #[test]
    fn request_time_is_office_time() {
        let form = LitmasRequestForm {
            requester: "penyidik".into(),
            kind: "diversi".into(),
            letter_number: "B/12/XI/2026".into(),
            received_at: "2026-11-30T23:30".into(),
        };
        let now = datetime!(2026-12-01 00:00 UTC);
        let wib = form.parse(Zone::Wib, now).map(|d| d.received_at);
        assert_eq!(wib, Ok(datetime!(2026-11-30 16:30 UTC)));
        let wit = form.parse(Zone::Wit, now).map(|d| d.received_at);
        assert_eq!(wit, Ok(datetime!(2026-11-30 14:30 UTC)));
        let future = LitmasRequestForm { received_at: "2026-12-02T08:00".into(), ..form };
        let errors =
            future.parse(Zone::Wib, now).err().and_then(|e| e.field_errors().cloned()).unwrap_or_default();
        assert_eq!(errors.get("received_at"), Some(Problem::FutureDate));
    }
}
