//! The browser entry point: hydrates the page the server rendered.

// Leptos view types nest deeply; the default limit is too low to lay them out.
#![recursion_limit = "256"]

/// Called by the generated JS once the wasm has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(pamong_app::App);
}
