//! Marks the page as enhanced once the wasm runs.

use leptos::prelude::*;

/// Sets `data-hydrated="true"` on `<body>` once the page's islands run: the browser tests
/// wait for it, and styles that need JavaScript key on it. Placed last in the page, so the
/// islands before it are already hydrated when it runs.
#[island]
pub fn Enhanced() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
