//! The Litmas as PDF, on the office's letterhead: marked confidential (UU 11/2012 art. 19),
//! its sections as the PK wrote them and who approved it — what the Litmas's print page
//! shows.

use pamong_domain::abh::litmas::LitmasView;
use pamong_service::ServiceResult;
use pamong_service::exports::ExportFile;
use pamong_service::exports::pdf::{Block, PdfDocument};
use time::OffsetDateTime;

use super::{footer, official, stem};
use crate::i18n::*;
use crate::text;

/// The Litmas as a PDF file, printed at `now`. The caller has checked it may be printed
/// (approved, and the reader sees the child's identity).
pub fn litmas(l: &LitmasView, now: OffsetDateTime) -> ServiceResult<ExportFile> {
    let i18n = official();
    let zone = l.office.zone;
    let title = t_string!(i18n, litmas_print_title).to_string();
    let mut pdf = PdfDocument::new(title.clone(), footer(i18n, &l.office.name, now, zone));
    pdf.push(Block::Letterhead(l.office.clone()))
        .push(Block::Marking(t_string!(i18n, litmas_confidential).to_string()))
        .push(Block::Title(title))
        .push(Block::Subtitle(format!("{} · {}", text::abh::litmas_kind(i18n, l.kind), l.register_number)))
        .push(Block::Paragraph(l.child_label.clone()));
    for (field, body) in l.content.sections() {
        pdf.push(Block::Heading(text::abh::litmas_section(i18n, field)));
        pdf.push(Block::Paragraph(body.to_owned()));
    }
    if let Some((name, at)) = &l.approved {
        let approved =
            t_string!(i18n, litmas_approved_by, name = name.clone(), at = text::abh::instant(*at, zone));
        pdf.push(Block::Paragraph(approved.to_string()));
    }
    pdf.finish(&stem(&["litmas", &l.register_number]))
}

#[cfg(test)]
mod tests {
    use leptos::prelude::Owner;
    use pamong_domain::abh::clock::{Clock, ClockKind};
    use pamong_domain::abh::litmas::{Letterhead, LitmasContent, LitmasKind, LitmasStatus, Requester};
    use pamong_domain::office::Zone;
    use time::macros::datetime;
    use uuid::Uuid;

    use super::*;

    fn approved() -> LitmasView {
        let now = datetime!(2026-11-24 02:00 UTC);
        LitmasView {
            id: Uuid::nil(),
            client_id: Uuid::nil(),
            register_number: "ABH/JAKBAR/2026/0007".into(),
            child_label: "Ananda Putri, 15 tahun".into(),
            masked: false,
            requester: Requester::Penyidik,
            kind: LitmasKind::Diversi,
            letter_number: Some("B/45/XI/2026".into()),
            received_at: now,
            clock: Clock::new(ClockKind::Litmas, now, None, now),
            status: LitmasStatus::Disetujui,
            content: LitmasContent {
                personal_family: "Anak tinggal bersama ibu.".into(),
                background: "Terpengaruh teman sebaya.".into(),
                victim_condition: "Korban tidak terluka.".into(),
                diversion_record: "Belum ada musyawarah.".into(),
                recommendation: "Diversi: pengembalian kepada orang tua.".into(),
            },
            review_note: None,
            author: Some("Rina Wulandari".into()),
            approved: Some(("Hendra Gunawan".into(), now)),
            delivered_at: None,
            office: Letterhead {
                name: "Bapas Kelas I Jakarta Barat".into(),
                address: None,
                phone: None,
                zone: Zone::Wib,
            },
            can_edit: false,
            can_review: false,
            can_deliver: false,
        }
    }

    #[tokio::test]
    async fn the_litmas_pdf_carries_the_marking_every_section_and_the_approval() {
        // The server initialises the executor at start; a test has to.
        let _ = any_spawner::Executor::init_tokio();
        let owner = Owner::new();
        let file = owner.with(|| litmas(&approved(), datetime!(2026-11-24 03:00 UTC))).unwrap();
        assert_eq!(file.file_name, "litmas-abh-jakbar-2026-0007.pdf");
        let text = pdf_extract::extract_text_from_mem(&file.bytes).unwrap();
        for expected in [
            "BAPAS KELAS I JAKARTA BARAT",
            "RAHASIA — UU 11/2012 Pasal 19",
            "LAPORAN PENELITIAN KEMASYARAKATAN",
            "ABH/JAKBAR/2026/0007",
            "Anak tinggal bersama ibu.",
            "Diversi: pengembalian kepada orang tua.",
            "Disetujui oleh Hendra Gunawan, 24/11/2026 09:00",
            "Dicetak dari Pamong · Bapas Kelas I Jakarta Barat · 24/11/2026 10:00",
        ] {
            assert!(text.contains(expected), "{expected} missing from:\n{text}");
        }
    }
}
