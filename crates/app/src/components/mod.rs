//! Reusable pieces of the interface: form fields, error summaries, lists and badges.

pub mod form;
pub mod layout;
pub mod list;

pub use form::{
    ActiveToggle, ErrorBanner, ErrorSummary, Outcome, SaveButton, SavedNotice, SelectField, TextArea,
    TextField, activation_action, return_on_success, save_action, show_failure,
};
pub use list::{ListHead, Pagination, RecordTable, SearchBar, StatusBadge};

/// False while rendering on the server and hydrating, true once the page runs in the
/// browser: for parts that only work with JavaScript and whose content the server cannot
/// know (the phone's clock, a picker fed by follow-up requests).
pub fn use_mounted() -> leptos::prelude::ReadSignal<bool> {
    use leptos::prelude::*;
    let (mounted, set_mounted) = signal(false);
    Effect::new(move |_| set_mounted.set(true));
    mounted
}
