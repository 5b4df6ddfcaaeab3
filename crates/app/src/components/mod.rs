//! Reusable pieces of the interface: form fields, error summaries, lists and badges.

pub mod form;
pub mod layout;
pub mod list;

pub use form::{
    ActiveToggle, ErrorBanner, ErrorSummary, Outcome, SaveButton, SavedNotice, SelectField, TextArea,
    TextField, return_on_success, show_failure,
};
pub use list::{Pagination, RecordTable, SearchBar, StatusBadge};
