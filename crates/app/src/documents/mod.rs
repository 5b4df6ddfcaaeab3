//! The printable documents as PDF files (server only): the Litmas on the office's
//! letterhead, the kerja sosial hours statement and the monthly report. Each says what its
//! printable page says, in the same translations, and is set in type by
//! `pamong_service::exports::pdf`. A document handed to a court, a prosecutor or the Kanwil
//! is official: it is written in Bahasa Indonesia whatever language the reader's screen is
//! in.

mod litmas;
mod report;
mod statement;

pub use litmas::litmas;
pub use report::monthly_report;
pub use statement::statement;

use leptos::prelude::*;
use pamong_domain::office::Zone;
use time::OffsetDateTime;

use crate::i18n::*;
use crate::text::I18n;

/// Translations in Bahasa Indonesia, for a document's text.
fn official() -> I18n {
    leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(Locale::id)))
}

/// The line at the foot of every page: where and when it was printed.
fn footer(i18n: I18n, office: &str, at: OffsetDateTime, zone: Zone) -> String {
    t_string!(i18n, pdf_footer, office = office, at = crate::text::abh::instant(at, zone)).to_string()
}

/// A file name's stem: letters, digits and dashes only (a register number's slashes would
/// make a path of it).
fn stem(parts: &[&str]) -> String {
    let joined = parts.join("-");
    let cleaned: String = joined
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    cleaned.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn a_stem_keeps_letters_and_digits() {
        assert_eq!(stem(&["litmas", "PB/ABH/2026/0007"]), "litmas-pb-abh-2026-0007");
        assert_eq!(
            stem(&["laporan", "Bapas Kelas I Jakarta Barat", "2026-11"]),
            "laporan-bapas-kelas-i-jakarta-barat-2026-11"
        );
    }
}
