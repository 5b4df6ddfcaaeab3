//! The home visit's position, taken from the phone's GPS.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The words of [`Geolocate`], translated on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeoTexts {
    /// The button.
    pub locate: String,
    /// While the phone looks.
    pub locating: String,
    /// When the phone refused or found nothing.
    pub refused: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code, reason = "set by the browser's geolocation callbacks"))]
enum Geo {
    Idle,
    Asking,
    Found,
    Refused,
}

/// A button that fills the form's latitude and longitude from the phone's position. Without
/// the wasm it is not shown and the visit is saved without a position, which is optional.
#[island]
pub fn Geolocate(
    /// The names the coordinates post under.
    names: (String, String),
    /// The coordinates posted before (a refused form shown again), if any.
    values: (String, String),
    /// The words.
    texts: GeoTexts,
) -> impl IntoView {
    let (latitude, longitude) = (RwSignal::new(values.0), RwSignal::new(values.1));
    let geo = RwSignal::new(if latitude.get_untracked().is_empty() { Geo::Idle } else { Geo::Found });
    let mounted = crate::components::use_mounted();
    let locate = move |_| {
        geo.set(Geo::Asking);
        #[cfg(feature = "hydrate")]
        ask_position(latitude, longitude, geo);
    };
    let GeoTexts { locate: label, locating, refused } = texts;
    view! {
        <input type="hidden" name=names.0 prop:value=move || latitude.get() value=latitude.get_untracked() />
        <input type="hidden" name=names.1 prop:value=move || longitude.get() value=longitude.get_untracked() />
        <button type="button" class="button button--secondary" hidden=move || !mounted.get()
            on:click=locate disabled=move || geo.get() == Geo::Asking>
            {label}
        </button>
        <p class="geo__state" role="status">
            {move || match geo.get() {
                Geo::Idle => String::new(),
                Geo::Asking => locating.clone(),
                Geo::Found => format!("📍 {}, {}", latitude.get(), longitude.get()),
                Geo::Refused => refused.clone(),
            }}
        </p>
    }
}

/// Asks the browser for the position; the answer fills the signals.
#[cfg(feature = "hydrate")]
fn ask_position(latitude: RwSignal<String>, longitude: RwSignal<String>, geo: RwSignal<Geo>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        geo.set(Geo::Refused);
        return;
    };
    // Read through Reflect: web-sys types the position only under its unstable APIs.
    let found = Closure::once_into_js(move |pos: wasm_bindgen::JsValue| {
        let coords = js_sys::Reflect::get(&pos, &"coords".into()).ok();
        let read = |key: &str| {
            coords.as_ref().and_then(|c| js_sys::Reflect::get(c, &key.into()).ok()).and_then(|v| v.as_f64())
        };
        match (read("latitude"), read("longitude")) {
            (Some(lat), Some(lon)) => {
                latitude.set(format!("{lat:.6}"));
                longitude.set(format!("{lon:.6}"));
                geo.set(Geo::Found);
            }
            _ => geo.set(Geo::Refused),
        }
    });
    let refused = Closure::once_into_js(move |_: wasm_bindgen::JsValue| geo.set(Geo::Refused));
    if geolocation
        .get_current_position_with_error_callback(found.unchecked_ref(), Some(refused.unchecked_ref()))
        .is_err()
    {
        geo.set(Geo::Refused);
    }
}
