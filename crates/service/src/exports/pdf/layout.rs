//! Setting blocks on A4 pages: breaking text into lines that fit the measure, placing each
//! block below the last, starting a new page when the next line, table row or signature
//! does not fit, and numbering the pages once their count is known. Pure: what comes out is
//! a list of pages of positioned text, rules and shades for [`super::draw`] to write.

use pamong_domain::abh::litmas::{Letterhead, MINISTRY};

use super::fonts::{Fonts, Weight};
use super::{Block, Column};

/// A4, in points.
pub(super) const PAGE_WIDTH: f32 = 595.28;
/// A4, in points.
pub(super) const PAGE_HEIGHT: f32 = 841.89;
const LEFT: f32 = 62.0;
const RIGHT: f32 = 56.0;
const TOP: f32 = 50.0;
/// Where the content stops; the footer sits below.
const BOTTOM: f32 = PAGE_HEIGHT - 66.0;
const FOOTER: f32 = PAGE_HEIGHT - 40.0;
const MEASURE: f32 = PAGE_WIDTH - LEFT - RIGHT;
/// Points kept free at the end of every line for the kerning the measure leaves out.
const SLACK: f32 = 2.0;

const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;
const TABLE: f32 = 9.0;
const LEADING: f32 = 1.4;
const CELL_PAD: f32 = 4.0;
/// How many body lines must fit below a heading for it to stay on its page.
const KEEP_WITH_HEADING: f32 = 3.0;

/// Something drawn on a page; `y` is the text's baseline or the shape's top, from the
/// page's top edge.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Op {
    Text {
        x: f32,
        y: f32,
        text: String,
        weight: Weight,
        size: f32,
        grey: bool,
    },
    /// A filled rectangle: a rule (thin and black) or a shade (grey).
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        shade: bool,
    },
}

/// One page's drawing.
pub(super) type Page = Vec<Op>;

fn line_height(size: f32) -> f32 {
    size * LEADING
}

/// The baseline of a line whose box starts at `top`.
fn baseline(top: f32, size: f32) -> f32 {
    top + size * 1.05
}

/// `text` broken into lines no wider than `width`: at spaces where it can, inside a word
/// only when the word alone is wider; a line break in the text is kept. Every paragraph
/// gives at least one line.
pub(super) fn wrap(fonts: &Fonts, text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
    let width = (width - SLACK).max(size);
    let fits = |s: &str| fonts.width(s, weight, size) <= width;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let joined = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if fits(&joined) {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the measure (a long number, a URL) is cut where it must be.
            for c in word.chars() {
                line.push(c);
                if !fits(&line) && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Places blocks page after page.
struct Pager<'f> {
    fonts: &'f Fonts,
    done: Vec<Page>,
    page: Page,
    /// The top of the next thing placed.
    y: f32,
}

impl<'f> Pager<'f> {
    fn new(fonts: &'f Fonts) -> Pager<'f> {
        Pager { fonts, done: Vec::new(), page: Vec::new(), y: TOP }
    }

    fn at_top(&self) -> bool {
        self.page.is_empty()
    }

    fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.page));
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one (or this one is empty: what
    /// does not fit an empty page is set anyway, running past its foot, rather than never).
    fn keep(&mut self, height: f32) {
        if self.y + height > BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, text: &str, weight: Weight, size: f32, grey: bool) {
        if text.is_empty() {
            return;
        }
        self.page.push(Op::Text { x, y: baseline(top, size), text: text.to_owned(), weight, size, grey });
    }

    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, shade: bool) {
        self.page.push(Op::Rect { x, y, width, height, shade });
    }

    /// Lines of text, each on the page where it fits, aligned left or centred.
    fn lines(&mut self, text: &str, weight: Weight, size: f32, grey: bool, centred: bool) {
        for line in wrap(self.fonts, text, weight, size, MEASURE) {
            self.keep(line_height(size));
            let x =
                if centred { LEFT + (MEASURE - self.fonts.width(&line, weight, size)) / 2.0 } else { LEFT };
            self.text(x, self.y, &line, weight, size, grey);
            self.y += line_height(size);
        }
    }

    fn gap(&mut self, points: f32) {
        if !self.at_top() {
            self.y += points;
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Letterhead(office) => self.letterhead(office),
            Block::Marking(text) => {
                self.lines(text, Weight::Bold, BODY, false, true);
                self.gap(4.0);
            }
            Block::Title(text) => {
                self.gap(4.0);
                self.lines(text, Weight::Bold, 13.0, false, true);
                self.gap(2.0);
            }
            Block::Subtitle(text) => {
                self.lines(text, Weight::Regular, BODY, false, true);
                self.gap(10.0);
            }
            Block::Heading(text) => {
                self.gap(8.0);
                let lines = wrap(self.fonts, text, Weight::Bold, 11.0, MEASURE).len() as f32;
                self.keep(lines * line_height(11.0) + KEEP_WITH_HEADING * line_height(BODY));
                self.lines(text, Weight::Bold, 11.0, false, false);
                self.gap(3.0);
            }
            Block::Paragraph(text) => {
                self.lines(text, Weight::Regular, BODY, false, false);
                self.gap(6.0);
            }
            Block::Note(text) => {
                self.lines(text, Weight::Regular, SMALL, true, false);
                self.gap(6.0);
            }
            Block::Facts(facts) => self.facts(facts),
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::Signature { above, name } => self.signature(above, name),
        }
    }

    fn letterhead(&mut self, office: &Letterhead) {
        self.lines(MINISTRY, Weight::Bold, 11.0, false, true);
        self.lines(&office.name.to_uppercase(), Weight::Bold, 13.0, false, true);
        let mut contact = office.address.clone().unwrap_or_default();
        if let Some(phone) = &office.phone {
            contact = format!("{contact} · Telp. {phone}").trim_start_matches(" · ").to_owned();
        }
        if !contact.is_empty() {
            self.lines(&contact, Weight::Regular, SMALL, false, true);
        }
        self.y += 3.0;
        self.rect(LEFT, self.y, MEASURE, 1.4, false);
        self.rect(LEFT, self.y + 2.6, MEASURE, 0.5, false);
        self.y += 16.0;
    }

    fn facts(&mut self, facts: &[(String, String)]) {
        let label_width = MEASURE * 0.34;
        let value_x = LEFT + label_width + 10.0;
        let value_width = MEASURE - label_width - 10.0;
        let lh = line_height(BODY);
        for (label, value) in facts {
            let labels = wrap(self.fonts, label, Weight::Regular, BODY, label_width);
            let values = wrap(self.fonts, value, Weight::Regular, BODY, value_width);
            let height = labels.len().max(values.len()) as f32 * lh;
            self.keep(height.min(lh * 4.0));
            let top = self.y;
            for (i, l) in labels.iter().enumerate() {
                self.text(LEFT, top + i as f32 * lh, l, Weight::Regular, BODY, true);
            }
            self.text(LEFT + label_width + 2.0, top, ":", Weight::Regular, BODY, false);
            for (i, v) in values.iter().enumerate() {
                self.text(value_x, top + i as f32 * lh, v, Weight::Regular, BODY, false);
            }
            self.y = top + height + 2.0;
        }
        self.gap(6.0);
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let total: f32 = columns.iter().map(|c| c.share.max(0.1)).sum();
        let widths: Vec<f32> = columns.iter().map(|c| c.share.max(0.1) / total * MEASURE).collect();
        let headings: Vec<String> = columns.iter().map(|c| c.heading.clone()).collect();
        let header_height = self.row_height(&headings, &widths, Weight::Bold);
        // The heading and at least the first row stay together.
        let first = rows.first().map_or(0.0, |r| self.row_height(r, &widths, Weight::Regular));
        self.keep(header_height + first);
        self.row(columns, &widths, &headings, Weight::Bold);
        for row in rows {
            let height = self.row_height(row, &widths, Weight::Regular);
            if self.y + height > BOTTOM && !self.at_top() {
                self.new_page();
                self.row(columns, &widths, &headings, Weight::Bold);
            }
            self.row(columns, &widths, row, Weight::Regular);
        }
        self.gap(8.0);
    }

    fn cell_lines(&self, text: &str, width: f32, weight: Weight) -> Vec<String> {
        wrap(self.fonts, text, weight, TABLE, width - 2.0 * CELL_PAD)
    }

    fn row_height(&self, cells: &[String], widths: &[f32], weight: Weight) -> f32 {
        let most =
            cells.iter().zip(widths).map(|(c, w)| self.cell_lines(c, *w, weight).len()).max().unwrap_or(1);
        most as f32 * line_height(TABLE) + 2.0 * CELL_PAD
    }

    fn row(&mut self, columns: &[Column], widths: &[f32], cells: &[String], weight: Weight) {
        let height = self.row_height(cells, widths, weight);
        let header = weight == Weight::Bold;
        if header {
            self.rect(LEFT, self.y, MEASURE, height, true);
        }
        let mut x = LEFT;
        for ((cell, width), column) in cells.iter().zip(widths).zip(columns) {
            for (i, line) in self.cell_lines(cell, *width, weight).iter().enumerate() {
                let left = if column.numeric {
                    x + width - CELL_PAD - self.fonts.width(line, weight, TABLE)
                } else {
                    x + CELL_PAD
                };
                let top = self.y + CELL_PAD + i as f32 * line_height(TABLE);
                self.text(left, top, line, weight, TABLE, false);
            }
            x += width;
        }
        self.y += height;
        self.rect(LEFT, self.y - 0.4, MEASURE, if header { 0.8 } else { 0.3 }, false);
    }

    fn signature(&mut self, above: &[String], name: &str) {
        let x = LEFT + MEASURE * 0.56;
        let width = MEASURE * 0.44;
        let lh = line_height(BODY);
        let above: Vec<String> =
            above.iter().flat_map(|a| wrap(self.fonts, a, Weight::Regular, BODY, width)).collect();
        self.gap(12.0);
        self.keep((above.len() + 1) as f32 * lh + 48.0);
        for line in &above {
            self.text(x, self.y, line, Weight::Regular, BODY, false);
            self.y += lh;
        }
        self.y += 48.0;
        self.text(x, self.y, name, Weight::Bold, BODY, false);
        let underline = self.fonts.width(name, Weight::Bold, BODY).min(width);
        self.rect(x, baseline(self.y, BODY) + 2.0, underline, 0.5, false);
        self.y += lh;
    }

    /// The pages, each with its footer: `footer` on the left, "Halaman n dari m" on the right.
    fn finish(mut self, footer: &str) -> Vec<Page> {
        if !self.page.is_empty() || self.done.is_empty() {
            self.done.push(std::mem::take(&mut self.page));
        }
        let count = self.done.len();
        let fonts = self.fonts;
        self.done
            .into_iter()
            .enumerate()
            .map(|(i, mut page)| {
                let number = format!("Halaman {} dari {count}", i + 1);
                let right = PAGE_WIDTH - RIGHT - fonts.width(&number, Weight::Regular, SMALL);
                page.push(Op::Rect { x: LEFT, y: FOOTER - 12.0, width: MEASURE, height: 0.3, shade: false });
                let footer = wrap(fonts, footer, Weight::Regular, SMALL, MEASURE * 0.7).swap_remove(0);
                page.push(Op::Text {
                    x: LEFT,
                    y: FOOTER,
                    text: footer,
                    weight: Weight::Regular,
                    size: SMALL,
                    grey: true,
                });
                page.push(Op::Text {
                    x: right,
                    y: FOOTER,
                    text: number,
                    weight: Weight::Regular,
                    size: SMALL,
                    grey: true,
                });
                page
            })
            .collect()
    }
}

/// The blocks set on pages, each page footed with `footer` and its number.
pub(super) fn pages(fonts: &Fonts, blocks: &[Block], footer: &str) -> Vec<Page> {
    let mut pager = Pager::new(fonts);
    for block in blocks {
        pager.block(block);
    }
    pager.finish(footer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load().unwrap()
    }

    #[test]
    fn lines_break_at_spaces_and_keep_the_text_breaks() {
        let f = fonts();
        let text = "Klien wajib lapor setiap bulan di kantor Bapas dan mengikuti bimbingan kepribadian";
        let lines = wrap(&f, text, Weight::Regular, BODY, 150.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|l| f.width(l, Weight::Regular, BODY) <= 150.0));
        assert_eq!(wrap(&f, "satu\n\ndua", Weight::Regular, BODY, 300.0), vec!["satu", "", "dua"]);
        assert_eq!(wrap(&f, "", Weight::Regular, BODY, 300.0), vec![""]);
    }

    #[test]
    fn a_word_wider_than_the_measure_is_cut() {
        let f = fonts();
        let nik = "3173051203850001".repeat(4);
        let lines = wrap(&f, &nik, Weight::Regular, BODY, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), nik);
    }

    #[test]
    fn a_heading_is_not_left_at_the_foot_of_a_page() {
        let f = fonts();
        // Fill the first page to a few lines from its foot, then a heading and a paragraph.
        let filler = vec!["baris"; 52].join("\n");
        let blocks = vec![
            Block::Paragraph(filler),
            Block::Heading("Rekomendasi".into()),
            Block::Paragraph("Pidana bersyarat dengan pengawasan.".into()),
        ];
        let pages = pages(&f, &blocks, "kaki");
        let on = |text: &str| {
            pages.iter().position(|p| p.iter().any(|op| matches!(op, Op::Text { text: t, .. } if t == text)))
        };
        assert_eq!(on("Rekomendasi"), on("Pidana bersyarat dengan pengawasan."));
        assert_eq!(on("Rekomendasi"), Some(1));
    }

    #[test]
    fn a_table_repeats_its_heading_on_each_page() {
        let f = fonts();
        let rows: Vec<Vec<String>> = (0..150).map(|i| vec![format!("baris {i}")]).collect();
        let pages = pages(&f, &[Block::Table { columns: vec![Column::text("Kolom", 1.0)], rows }], "kaki");
        assert!(pages.len() >= 3);
        for page in &pages {
            assert!(page.iter().any(|op| matches!(op, Op::Text { text, .. } if text == "Kolom")));
            let lowest = page
                .iter()
                .filter_map(|op| match op {
                    Op::Text { y, text, .. } if text.starts_with("baris") => Some(*y),
                    _ => None,
                })
                .fold(0.0, f32::max);
            assert!(lowest <= BOTTOM);
        }
    }

    #[test]
    fn an_empty_document_is_one_numbered_page() {
        let pages = pages(&fonts(), &[], "kaki");
        assert_eq!(pages.len(), 1);
        assert!(pages[0].iter().any(|op| matches!(op, Op::Text { text, .. } if text == "Halaman 1 dari 1")));
    }
}
