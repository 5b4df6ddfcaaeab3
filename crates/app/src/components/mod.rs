//! Reusable pieces of the interface: form fields, error summaries, lists and badges.

pub mod form;
pub mod layout;
pub mod list;

pub use form::{
    ErrorBanner, ErrorSummary, SaveButton, SavedNotice, SelectField, TextArea, TextField, show_failure,
};
pub use list::{Pagination, SearchBar, StatusBadge};
