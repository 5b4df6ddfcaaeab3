//! The browser entry point: makes the server-rendered page's islands interactive.

// Leptos view types nest deeply; the default limit is too low to lay them out.
#![recursion_limit = "256"]

/// Called by the generated JS once the wasm has loaded; Leptos's island script then
/// hydrates each `<leptos-island>` of the page (see `pamong_app::islands`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    pamong_app::islands::start();
}
