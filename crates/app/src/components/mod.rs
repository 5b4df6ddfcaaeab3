//! Reusable pieces of the interface: form fields, error summaries, lists and badges.

pub mod chart;
pub mod downloads;
pub mod form;
pub mod layout;
pub mod letterhead;
pub mod list;
pub mod post;
pub mod title;

pub use chart::{BarChart, ChartBar, TrendChart, TrendPoint};
pub use downloads::{DownloadLinks, PdfLink};
pub use form::{
    ActiveToggle, ErrorBanner, ErrorSummary, SaveButton, SavedNotice, SelectField, TextArea, TextField,
    show_failure,
};
pub use letterhead::Letterhead;
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

/// The request's instant by the server's clock (a fixed one in tests). Pages render on the
/// server only; the browser build, where none renders, has no clock to offer.
pub fn now_utc() -> time::OffsetDateTime {
    #[cfg(feature = "ssr")]
    if let Ok(ctx) = crate::api::context::server() {
        return ctx.now();
    }
    time::OffsetDateTime::UNIX_EPOCH
}

/// Now where the officer works, `(YYYY-MM-DD, HH:MM)`, to fill a form's date and time: the
/// request's clock in the office's time zone, so the form is filled before any wasm.
pub fn local_now() -> (String, String) {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::{GetUntracked, use_context};
        let zone = use_context::<crate::app::Me>()
            .and_then(|crate::app::Me(user)| user.get_untracked())
            .and_then(|u| u.ok().flatten())
            .map_or(pamong_domain::office::Zone::Wib, |u| u.zone);
        let here = now_utc().to_offset(zone.offset());
        (here.date().to_string(), format!("{:02}:{:02}", here.hour(), here.minute()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        (String::new(), String::new())
    }
}
