//! Reusable pieces of the interface: form fields, error summaries, lists and badges.

pub mod form;
pub mod layout;
pub mod list;

pub use form::{
    ActiveToggle, ErrorBanner, ErrorSummary, Outcome, SaveButton, SavedNotice, SelectField, TextArea,
    TextField, activation_action, return_on_success, save_action, show_failure,
};
pub use list::{ListHead, Pagination, RecordTable, SearchBar, StatusBadge};
