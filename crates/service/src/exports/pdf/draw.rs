//! Writing laid-out pages as a PDF with `krilla`: text in the embedded faces (subset, with
//! their Unicode mapping, so the text can be found and copied), rules and shades as filled
//! rectangles.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::TextDirection;

use super::fonts::Fonts;
use super::layout::{Op, PAGE_HEIGHT, PAGE_WIDTH, Page};
use crate::error::{ServiceError, ServiceResult};

fn fill(grey: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(grey, grey, grey).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw(surface: &mut Surface<'_>, fonts: &Fonts, op: &Op) {
    match op {
        Op::Text { x, y, text, weight, size, grey } => {
            surface.set_fill(Some(fill(if *grey { 90 } else { 0 })));
            let font = fonts.font(*weight);
            surface.draw_text(Point::from_xy(*x, *y), font, *size, text, false, TextDirection::LeftToRight);
        }
        Op::Rect { x, y, width, height, shade } => {
            let mut path = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) {
                path.push_rect(rect);
            }
            if let Some(path) = path.finish() {
                surface.set_fill(Some(fill(if *shade { 232 } else { 0 })));
                surface.draw_path(&path);
            }
        }
    }
}

/// The pages as a PDF file titled `title`.
pub(super) fn pdf(fonts: &Fonts, pages: &[Page], title: &str) -> ServiceResult<Vec<u8>> {
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new().title(title.to_owned()).language("id".to_owned()).creator("Pamong".to_owned()),
    );
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| ServiceError::Internal("the A4 page size was refused".into()))?;
    for ops in pages {
        let mut page = document.start_page_with(size.clone());
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, fonts, op);
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| ServiceError::Internal(format!("writing the PDF: {e:?}")))
}
