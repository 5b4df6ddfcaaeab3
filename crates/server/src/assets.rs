//! The browser's files under `/pkg/`: which content-hashed names the build made, and how long
//! a browser may keep each file.
//!
//! `scripts/build.sh` copies the script, the wasm and the style sheet to names carrying a hash
//! of their content and lists the hashes in `pkg/hash.txt` (`js: …`, `wasm: …`, `css: …`).
//! Pages name those copies, so a file under a hashed name never changes and a browser may keep
//! it for a year without asking again; a new build is a new name. Everything else the site
//! serves is revalidated, and pages are never stored (see [`crate::guard::no_store`]).

use std::path::{Path, PathBuf};

/// The content hashes of one build, read from `pkg/hash.txt`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hashes {
    /// Of `pamong.js`.
    pub js: Option<String>,
    /// Of the wasm.
    pub wasm: Option<String>,
    /// Of `pamong.css`.
    pub css: Option<String>,
}

impl Hashes {
    /// The hash file's path under the site root.
    pub fn file(site_root: &Path) -> PathBuf {
        site_root.join("pkg").join("hash.txt")
    }

    /// Reads the hash file; none when the site was built without one (tests, an old build).
    pub fn read(site_root: &Path) -> Option<Self> {
        std::fs::read_to_string(Self::file(site_root)).ok().map(|text| Self::parse(&text))
    }

    /// Parses `name: hash` lines; a line that is not one, or a hash that is not short hex,
    /// is ignored.
    pub fn parse(text: &str) -> Self {
        let mut hashes = Self::default();
        for (name, hash) in text.lines().filter_map(|l| l.split_once(':')) {
            let hash = hash.trim();
            if !is_hash(hash) {
                continue;
            }
            let slot = match name.trim() {
                "js" => &mut hashes.js,
                "wasm" => &mut hashes.wasm,
                "css" => &mut hashes.css,
                _ => continue,
            };
            *slot = Some(hash.to_owned());
        }
        hashes
    }

    /// Whether the script and the wasm both have hashed copies (Leptos names both or neither).
    pub fn has_scripts(&self) -> bool {
        self.js.is_some() && self.wasm.is_some()
    }

    /// The style sheet's address.
    pub fn stylesheet(&self) -> String {
        match &self.css {
            Some(hash) => format!("/pkg/pamong.{hash}.css"),
            None => "/pkg/pamong.css".to_owned(),
        }
    }
}

fn is_hash(s: &str) -> bool {
    (8..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The `Cache-Control` of a file the site serves: a year and immutable for a content-hashed
/// name, otherwise "ask each time" (answered 304 when unchanged).
pub fn cache_control(path: &str) -> &'static str {
    if is_hashed_name(path) { "public, max-age=31536000, immutable" } else { "no-cache" }
}

/// `/pkg/pamong.<hash>.<ext>`.
fn is_hashed_name(path: &str) -> bool {
    let Some(name) = path.strip_prefix("/pkg/pamong.") else { return false };
    match name.rsplit_once('.') {
        Some((hash, "js" | "wasm" | "css")) => is_hash(hash),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_file_lines_are_read_and_anything_else_ignored() {
        let h = Hashes::parse("js: 0123456789abcdef\nwasm:fedcba9876543210\ncss: ../../etc\nnoise\n");
        assert_eq!(h.js.as_deref(), Some("0123456789abcdef"));
        assert_eq!(h.wasm.as_deref(), Some("fedcba9876543210"));
        assert_eq!(h.css, None);
        assert!(h.has_scripts());
        assert_eq!(h.stylesheet(), "/pkg/pamong.css");
    }

    #[test]
    fn only_hashed_names_are_kept_for_a_year() {
        assert_eq!(cache_control("/pkg/pamong.0123456789abcdef.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/pkg/pamong.0123456789abcdef.css"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/pkg/pamong.js"), "no-cache");
        assert_eq!(cache_control("/pkg/pamong_bg.wasm"), "no-cache");
        assert_eq!(cache_control("/pkg/pamong.nothex!.js"), "no-cache");
        assert_eq!(cache_control("/favicon.svg"), "no-cache");
    }
}
