//! A list's filters that answer as the officer types, without reloading the page.

use leptos::prelude::*;

/// Placed inside a list page's GET form: once the wasm runs, typing or choosing a filter
/// fetches the page the form would have loaded and swaps in its element `target` (the
/// results), so the search box keeps focus and what was typed. Without the wasm the form
/// is submitted as it is.
#[island]
pub fn LiveFilter(
    /// The id of the element holding the results.
    target: String,
) -> impl IntoView {
    let anchor = NodeRef::<leptos::html::Span>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(form) = anchor.get().and_then(|el| super::dom::enclosing_form(&el)) {
            browser::attach(form, target.clone());
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = target;
    view! { <span hidden node_ref=anchor></span> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;

    use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::HtmlFormElement;

    /// How long after the last key the list is fetched: a slow connection is not flooded
    /// with a request per letter.
    const PAUSE: Duration = Duration::from_millis(250);

    pub fn attach(form: HtmlFormElement, target: String) {
        let latest = Rc::new(Cell::new(0u32));
        let pending: Rc<Cell<Option<TimeoutHandle>>> = Rc::new(Cell::new(None));
        let refresh = {
            let (form, target, latest) = (form.clone(), target.clone(), latest.clone());
            move || {
                let turn = latest.get().wrapping_add(1);
                latest.set(turn);
                let url = url_of(&form);
                let (target, latest) = (target.clone(), latest.clone());
                leptos::task::spawn_local(async move {
                    let swapped = swap(&url, &target, || latest.get() == turn).await;
                    // Offline or refused: load the page the plain way, which says why.
                    if swapped.is_err()
                        && latest.get() == turn
                        && let Some(w) = web_sys::window()
                    {
                        let _ = w.location().set_href(&url);
                    }
                });
            }
        };
        let on_input = {
            let refresh = refresh.clone();
            move |_| {
                if let Some(h) = pending.take() {
                    h.clear();
                }
                let refresh = refresh.clone();
                pending.set(set_timeout_with_handle(refresh, PAUSE).ok());
            }
        };
        super::super::dom::listen(&form, "input", on_input);
        super::super::dom::listen(&form, "submit", move |ev| {
            ev.prevent_default();
            refresh();
        });
    }

    /// The URL the form would load, without its empty fields.
    fn url_of(form: &HtmlFormElement) -> String {
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let mut parts = Vec::new();
        if let Ok(data) = web_sys::FormData::new_with_form(form)
            && let Ok(Some(entries)) = js_sys::try_iter(&data)
        {
            for entry in entries.flatten() {
                let pair: js_sys::Array = entry.unchecked_into();
                if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string())
                    && !v.is_empty()
                {
                    parts.push(format!(
                        "{}={}",
                        js_sys::encode_uri_component(&k),
                        js_sys::encode_uri_component(&v)
                    ));
                }
            }
        }
        if parts.is_empty() { path } else { format!("{path}?{}", parts.join("&")) }
    }

    /// Fetches `url` and puts its element `target` in place of this page's, unless a newer
    /// request has been made meanwhile (`still_latest`).
    async fn swap(url: &str, target: &str, still_latest: impl Fn() -> bool) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url)).await?.dyn_into()?;
        if !response.ok() {
            return Err(JsValue::NULL);
        }
        let html = JsFuture::from(response.text()?).await?.as_string().ok_or(JsValue::NULL)?;
        if !still_latest() {
            return Ok(());
        }
        let fetched =
            web_sys::DomParser::new()?.parse_from_string(&html, web_sys::SupportedType::TextHtml)?;
        let document = window.document().ok_or(JsValue::NULL)?;
        let (Some(new), Some(old)) = (fetched.get_element_by_id(target), document.get_element_by_id(target))
        else {
            return Err(JsValue::NULL);
        };
        old.set_inner_html(&new.inner_html());
        window.history()?.replace_state_with_url(&JsValue::NULL, "", Some(url))?;
        Ok(())
    }
}
