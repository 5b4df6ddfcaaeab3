//! The words of the client import: why a file or a row is refused, and where an import
//! stands.

use pamong_domain::import::{FileProblem, ImportStatus, RowIssue, heading_of};

use super::{I18n, problem_in};
use crate::i18n::*;

/// Everything wrong with a row, in `locale`, as one line: the page's table and the report
/// file say the same.
pub fn issues_in(locale: Locale, issues: &[RowIssue]) -> String {
    issues
        .iter()
        .map(|issue| match issue {
            RowIssue::Field(f) => td_string!(
                locale,
                import_column,
                column = heading_of(&f.field),
                problem = problem_in(locale, f.problem)
            )
            .to_string(),
            RowIssue::RepeatOf(row) => td_string!(locale, import_repeat_of, row = *row).to_string(),
            RowIssue::Child => td_string!(locale, import_child).to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why an uploaded file cannot be imported.
pub fn file_problem(i18n: I18n, problem: &FileProblem) -> String {
    match problem {
        FileProblem::Unreadable => t_string!(i18n, import_file_unreadable).to_string(),
        FileProblem::TooLarge => t_string!(i18n, import_file_too_large).to_string(),
        FileProblem::TooManyRows => t_string!(i18n, import_file_too_many).to_string(),
        FileProblem::Empty => t_string!(i18n, import_file_empty).to_string(),
        FileProblem::NoFile => t_string!(i18n, import_file_none).to_string(),
        FileProblem::MissingColumns(list) => {
            t_string!(i18n, import_file_missing, list = list.join(", ")).to_string()
        }
        FileProblem::RepeatedColumn(column) => {
            t_string!(i18n, import_file_repeated, column = column.clone()).to_string()
        }
    }
}

/// Where an import stands.
pub fn status(i18n: I18n, status: ImportStatus) -> String {
    match status {
        ImportStatus::Preview => t_string!(i18n, import_status_preview).to_string(),
        ImportStatus::Running => t_string!(i18n, import_status_running).to_string(),
        ImportStatus::Done => t_string!(i18n, import_status_done).to_string(),
        ImportStatus::Failed => t_string!(i18n, import_status_failed).to_string(),
    }
}
