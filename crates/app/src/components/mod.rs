//! Reusable pieces of the interface: form fields, error summaries, lists and badges.

pub mod form;
pub mod layout;
pub mod list;
pub mod post;
pub mod title;

pub use form::{
    ActiveToggle, ErrorBanner, ErrorSummary, Outcome, SaveButton, SavedNotice, SelectField, TextArea,
    TextField, activation_action, return_on_success, save_action, show_failure,
};
pub use list::{ListHead, Pagination, RecordTable, SearchBar, StatusBadge};
pub use post::{PostForm, id_arg};
pub use title::PageTitle;

/// False while rendering on the server and hydrating, true once the page runs in the
/// browser: for parts that only work with JavaScript and whose content the server cannot
/// know (the phone's clock, a picker fed by follow-up requests).
pub fn use_mounted() -> leptos::prelude::ReadSignal<bool> {
    use leptos::prelude::*;
    let (mounted, set_mounted) = signal(false);
    Effect::new(move |_| set_mounted.set(true));
    mounted
}

/// Offers `text` to the user as a downloaded file (browser only; nothing on the server).
pub fn download(file_name: &str, mime: &str, text: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let href = format!("data:{mime};charset=utf-8,{}", js_sys::encode_uri_component(text));
        let link = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("a").ok())
            .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(link) = link {
            let _ = link.set_attribute("href", &href);
            let _ = link.set_attribute("download", file_name);
            link.click();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (file_name, mime, text);
    }
}

/// The current instant, in the browser (where `time`'s clock is not available) as on the
/// server.
pub fn now_utc() -> time::OffsetDateTime {
    #[cfg(feature = "hydrate")]
    {
        let nanos = (js_sys::Date::now() * 1_000_000.0) as i128;
        time::OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        time::OffsetDateTime::now_utc()
    }
}

/// Now where the officer works, `(YYYY-MM-DD, HH:MM)`, to fill a form's date and time: on
/// the server the request's clock in the office's time zone (so the form is filled before
/// any wasm), in the browser the phone's clock.
pub fn local_now() -> (String, String) {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new_0();
        (
            format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date()),
            format!("{:02}:{:02}", d.get_hours(), d.get_minutes()),
        )
    }
    #[cfg(all(feature = "ssr", not(feature = "hydrate")))]
    {
        use leptos::prelude::{GetUntracked, use_context};
        let Ok(ctx) = crate::api::context::server() else { return (String::new(), String::new()) };
        let zone = use_context::<crate::app::Me>()
            .and_then(|crate::app::Me(user)| user.get_untracked())
            .and_then(|u| u.ok().flatten())
            .map_or(pamong_domain::office::Zone::Wib, |u| u.zone);
        let here = ctx.now().to_offset(zone.offset());
        (here.date().to_string(), format!("{:02}:{:02}", here.hour(), here.minute()))
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        (String::new(), String::new())
    }
}
