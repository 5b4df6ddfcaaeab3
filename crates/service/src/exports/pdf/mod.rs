//! Documents as PDF: the Litmas on the office's letterhead, the kerja sosial hours statement,
//! the monthly report. A document is a list of [`Block`]s (a letterhead, a title, paragraphs,
//! label–value facts, tables, a signature); [`PdfDocument::finish`] sets them on A4 pages —
//! lines broken to the measure, tables split across pages with their heading repeated, a
//! heading never left alone at the foot of a page, "Halaman n dari m" on every page — and
//! writes the file with `krilla`, the font embedded and subset so the text can be searched,
//! copied and read aloud.
//!
//! What the document says is the caller's: the app writes it in its translations. This
//! module only sets type.

mod draw;
mod fonts;
mod layout;

use pamong_domain::abh::litmas::Letterhead;

use super::ExportFile;
use crate::error::ServiceResult;

/// The media type of a PDF file.
pub const CONTENT_TYPE: &str = "application/pdf";

/// One column of a [`Block::Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its heading.
    pub heading: String,
    /// Its share of the measure (the shares of a table's columns are scaled to fill it).
    pub share: f32,
    /// Right-aligned (a count).
    pub numeric: bool,
}

impl Column {
    /// A column of text.
    pub fn text(heading: impl Into<String>, share: f32) -> Column {
        Column { heading: heading.into(), share, numeric: false }
    }

    /// A column of counts.
    pub fn number(heading: impl Into<String>, share: f32) -> Column {
        Column { heading: heading.into(), share, numeric: true }
    }
}

/// A part of a document, set one below the other.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The office's letterhead: the ministry, the office, its address, a double rule.
    Letterhead(Letterhead),
    /// A line set apart above the title ("RAHASIA").
    Marking(String),
    /// The document's title, centred.
    Title(String),
    /// A line under the title, centred.
    Subtitle(String),
    /// A section's heading.
    Heading(String),
    /// A paragraph; a line break in the text starts a new line.
    Paragraph(String),
    /// A smaller, grey paragraph (a method, a caveat).
    Note(String),
    /// Labels and their values, two columns.
    Facts(Vec<(String, String)>),
    /// A table; every row has one cell per column.
    Table {
        /// The columns.
        columns: Vec<Column>,
        /// The rows.
        rows: Vec<Vec<String>>,
    },
    /// The place and date, the signer's office and name, on the right with room to sign.
    Signature {
        /// Above the space (the date, the signer's function).
        above: Vec<String>,
        /// Under the space (the name).
        name: String,
    },
}

/// A document being put together.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfDocument {
    title: String,
    footer: String,
    blocks: Vec<Block>,
}

impl PdfDocument {
    /// An empty document: `title` is its metadata title, `footer` the line at the foot of
    /// every page beside the page number.
    pub fn new(title: impl Into<String>, footer: impl Into<String>) -> PdfDocument {
        PdfDocument { title: title.into(), footer: footer.into(), blocks: Vec::new() }
    }

    /// Adds a block below the others.
    pub fn push(&mut self, block: Block) -> &mut PdfDocument {
        self.blocks.push(block);
        self
    }

    /// The document as a PDF file named `stem.pdf`.
    pub fn finish(self, stem: &str) -> ServiceResult<ExportFile> {
        let fonts = fonts::Fonts::load()?;
        let pages = layout::pages(&fonts, &self.blocks, &self.footer);
        let bytes = draw::pdf(&fonts, &pages, &self.title)?;
        Ok(ExportFile { content_type: CONTENT_TYPE, file_name: format!("{stem}.pdf"), bytes })
    }
}

/// The text of a PDF, as a reader would copy it (for tests).
#[cfg(test)]
pub(crate) fn text_of(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use pamong_domain::office::Zone;

    use super::*;

    fn letterhead() -> Letterhead {
        Letterhead {
            name: "Bapas Kelas I Jakarta Barat".into(),
            address: Some("Jl. Tanjung Duren Raya No. 1".into()),
            phone: Some("021-5600001".into()),
            zone: Zone::Wib,
        }
    }

    #[test]
    fn a_document_is_a_pdf_whose_text_can_be_read_back() {
        let mut doc = PdfDocument::new("Surat pernyataan", "Pamong · 05/12/2026");
        doc.push(Block::Letterhead(letterhead()))
            .push(Block::Title("SURAT PERNYATAAN".into()))
            .push(Block::Facts(vec![("Nama".into(), "Siti Rahayu".into())]))
            .push(Block::Table {
                columns: vec![Column::text("Tanggal", 2.0), Column::number("Jam", 1.0)],
                rows: vec![vec!["01/12/2026".into(), "4".into()]],
            })
            .push(Block::Signature { above: vec!["05/12/2026".into()], name: "Rina Wulandari".into() });
        let file = doc.finish("pernyataan").unwrap();
        assert_eq!(file.file_name, "pernyataan.pdf");
        assert_eq!(file.content_type, "application/pdf");
        assert!(file.bytes.starts_with(b"%PDF-"));
        let text = text_of(&file.bytes);
        for expected in [
            "BAPAS KELAS I JAKARTA BARAT",
            "SURAT PERNYATAAN",
            "Siti Rahayu",
            "01/12/2026",
            "Rina Wulandari",
            "Halaman 1 dari 1",
        ] {
            assert!(text.contains(expected), "{expected} missing from {text}");
        }
    }

    #[test]
    fn a_long_table_runs_over_pages_and_every_page_is_numbered() {
        let mut doc = PdfDocument::new("Daftar", "Pamong");
        let rows = (1..=120).map(|i| vec![format!("Sesi ke-{i}"), i.to_string()]).collect();
        doc.push(Block::Table { columns: vec![Column::text("Sesi", 3.0), Column::number("Jam", 1.0)], rows });
        let file = doc.finish("daftar").unwrap();
        let text = text_of(&file.bytes);
        assert!(text.contains("Sesi ke-120"));
        assert!(text.contains("Halaman 3 dari 3") || text.contains("Halaman 4 dari 4"), "{text}");
    }
}
