//! The few browser calls the islands share: finding the form an island sits in, listening to
//! it, and reading what it would post. They run only in the browser (from effects).

use leptos::html::Div;
use leptos::prelude::NodeRef;
#[cfg(feature = "hydrate")]
use leptos::prelude::{Effect, Get};
#[cfg(feature = "hydrate")]
use wasm_bindgen::JsCast;

/// Once the island is in the page, calls `handler` with the form around `anchor` (an element
/// the island renders) whenever one of `events` reaches that form: the islands that follow
/// what the officer types (the RRI score, the SPPA rules, the duplicate check) read the form
/// as it would post. On the server, where nothing is typed, it does nothing.
pub fn follow_form(
    anchor: NodeRef<Div>,
    events: &'static [&'static str],
    handler: impl Fn(&web_sys::HtmlFormElement) + Clone + 'static,
) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let Some(form) = anchor.get().and_then(|el| enclosing_form(&el)) else { return };
        for kind in events {
            let (reader, handler) = (form.clone(), handler.clone());
            listen(&form, kind, move |_| handler(&reader));
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (anchor, events, handler);
}

/// The `<form>` around `element`, if any.
#[cfg(feature = "hydrate")]
pub fn enclosing_form(element: &web_sys::Element) -> Option<web_sys::HtmlFormElement> {
    element.closest("form").ok().flatten().and_then(|f| f.dyn_into().ok())
}

/// Calls `handler` on every `kind` event (`"change"`, `"input"`) that reaches `target`, for
/// as long as the page lives (an island is never unmounted: the next page is a new load).
#[cfg(feature = "hydrate")]
pub fn listen(target: &web_sys::EventTarget, kind: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    let closure = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The value `form` would post under `name` (the first, for repeated names).
pub fn posted(form: &web_sys::HtmlFormElement, name: &str) -> Option<String> {
    web_sys::FormData::new_with_form(form).ok()?.get(name).as_string()
}
