//! The few browser calls the islands share: finding the form an island sits in, listening to
//! it, and reading what it would post. Browser only; on the server these do nothing.

#[cfg(feature = "hydrate")]
use wasm_bindgen::JsCast;

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
#[cfg(feature = "hydrate")]
pub fn posted(form: &web_sys::HtmlFormElement, name: &str) -> Option<String> {
    web_sys::FormData::new_with_form(form).ok()?.get(name).as_string()
}
