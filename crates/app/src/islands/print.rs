//! A button that opens the browser's print dialog.

use leptos::prelude::*;

/// *Cetak*: an `onclick` attribute would be an inline script, which the page's
/// Content-Security-Policy refuses, so the wasm does it; before it runs the button is not
/// shown and the browser's own print menu does the same.
#[island]
pub fn PrintButton(
    /// The button's label.
    label: String,
) -> impl IntoView {
    let mounted = crate::components::use_mounted();
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            // Printing fails only when the browser forbids it; there is nothing to tell.
            let _ = window.print();
        }
    };
    view! { <button class="button no-print" type="button" hidden=move || !mounted.get() on:click=print>{label}</button> }
}
