//! The two faces a document is set in (DejaVu Sans, regular and bold, embedded from the
//! `dejavu` crate so nothing is downloaded at build or run time) and how wide a piece of text
//! is in them. The widths come from the font's own advance widths (`skrifa`, which `krilla`
//! reads fonts with too); kerning is left out, which errs by a fraction of a point per line —
//! the layout keeps a small slack for it.

use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

use crate::error::{ServiceError, ServiceResult};

/// Which face a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// One face: the font to embed and its metrics.
struct Face {
    font: Font,
    metrics: GlyphMetrics<'static>,
    charmap: skrifa::charmap::Charmap<'static>,
}

impl Face {
    fn load(bytes: &'static [u8]) -> ServiceResult<Face> {
        let broken = || ServiceError::Internal("the embedded DejaVu font cannot be read".into());
        let reader = FontRef::new(bytes).map_err(|_| broken())?;
        let font = Font::new(bytes.into(), 0).ok_or_else(broken)?;
        // Unscaled: advances in font units per em, scaled per size below.
        let metrics = reader.glyph_metrics(Size::new(1.0), LocationRef::default());
        Ok(Face { font, metrics, charmap: reader.charmap() })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let em: f32 = text
            .chars()
            .map(|c| self.metrics.advance_width(self.charmap.map(c).unwrap_or_default()).unwrap_or(0.0))
            .sum();
        em * size
    }
}

/// The document's faces.
pub(super) struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    /// Loads both faces.
    pub(super) fn load() -> ServiceResult<Fonts> {
        Ok(Fonts { regular: Face::load(dejavu::sans::regular())?, bold: Face::load(dejavu::sans::bold())? })
    }

    fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The width of `text` at `size` points.
    pub(super) fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        self.face(weight).width(text, size)
    }

    /// The font to draw with.
    pub(super) fn font(&self, weight: Weight) -> Font {
        self.face(weight).font.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_is_wider_and_width_grows_with_size() {
        let fonts = Fonts::load().unwrap();
        let regular = fonts.width("Balai Pemasyarakatan", Weight::Regular, 10.0);
        assert!(regular > 80.0 && regular < 140.0, "{regular}");
        assert!(fonts.width("Balai Pemasyarakatan", Weight::Bold, 10.0) > regular);
        let doubled = fonts.width("Balai Pemasyarakatan", Weight::Regular, 20.0);
        assert!((doubled - 2.0 * regular).abs() < 0.01);
        assert!(fonts.width("", Weight::Regular, 10.0).abs() < f32::EPSILON);
    }
}
