//! The only parts of Pamong that ship code to the browser.
//!
//! Every page is rendered on the server and works as plain HTML: links are links and forms
//! post (see `components::post`). Leptos's islands mode hydrates nothing else, so the wasm
//! holds only the components here — each an enhancement of what the server already rendered,
//! never a replacement for it. An island takes its words as props (translated on the server),
//! so no translation tables travel to the phone.

mod dom;
mod geo;
mod live;
mod marker;
mod outbox;
mod print;
mod region;
mod rri;
mod similar;
mod sppa;

pub use geo::{GeoTexts, Geolocate};
pub use live::LiveFilter;
pub use marker::Enhanced;
pub use outbox::{Outbox, OutboxTexts};
pub use print::PrintButton;
pub use region::{RegionPicker, RegionTexts};
pub use rri::{RriScore, ScoreTexts};
pub use similar::{DuplicateCheck, SimilarTexts, lookup};
pub use sppa::{RuleFields, RuleTexts, SppaRules, rules_card};

/// Starts the islands runtime; Leptos's island script then hydrates each island of the page.
pub fn start() {
    #[cfg(feature = "hydrate")]
    leptos::mount::hydrate_islands();
}
