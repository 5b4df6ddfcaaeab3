//! Generates the `i18n` module from `locales/*.json` (leptos_i18n), checking at build time
//! that every locale has every key.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out_dir = std::env::var_os("OUT_DIR").ok_or("OUT_DIR not set")?;
    let module_dir = PathBuf::from(out_dir).join("i18n");
    // Interpolated strings are also needed as plain text (attributes, page titles).
    let options = ParseOptions::new().interpolate_display(true);
    let config = Config::new("id")?.add_locale("en")?.parse_options(options);
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(module_dir)?;
    Ok(())
}
