//! Errors that cross the wire: serialisable, free of causes, and translated by the UI.
//!
//! The server keeps the cause of an error in its logs; what reaches the user is one of these
//! kinds, plus a request id for an internal error so support can find the log line.

use serde::{Deserialize, Serialize};

/// What went wrong with one form field, as a code the UI translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// The field is empty but required.
    Required,
    /// The text is longer than allowed.
    TooLong {
        /// Maximum number of characters.
        max: u16,
    },
    /// The text is shorter than allowed.
    TooShort {
        /// Minimum number of characters.
        min: u16,
    },
    /// The value does not have the expected shape (e.g. a code with letters).
    BadFormat,
    /// Another record already uses this value.
    Taken,
    /// The referenced record does not exist or is not visible to the user.
    UnknownReference,
    /// The value is not one the user may choose (e.g. a role above their own).
    NotAllowed,
    /// Two password fields differ.
    Mismatch,
    /// The current password given was wrong.
    WrongPassword,
    /// The record is still used by others (e.g. a Kanwil with active Bapas).
    InUse,
    /// Not a NIK, with the precise reason.
    Nik(crate::nik::NikError),
    /// The NIK disagrees with another field (sex or date of birth).
    NikMismatch(crate::nik::NikMismatch),
    /// A date in the future where only past dates make sense (e.g. a birth date).
    FutureDate,
    /// A date before another it must follow (e.g. an end before its start).
    BeforeStart,
    /// The legal basis needs this field to compute the supervision period.
    NeededForPeriod,
    /// The court's term exceeds what the statute allows.
    ExceedsStatute,
    /// The code names a region that is not in the loaded region list.
    UnknownRegion,
    /// The person was 18 or older on the day of the offence: not a child's case.
    AdultAtOffence,
    /// A child's case needs a parent or a guardian.
    ParentOrGuardian,
    /// A template prompt (`[…]`) is still in the text.
    TemplatePrompt,
    /// A list (rows of a form, lines of a text) has more entries than allowed.
    TooMany {
        /// Maximum number of entries.
        max: u16,
    },
    /// Someone under 18 on the adult client form: a child is registered as a child's case,
    /// whose record protects the identity (SPPA art. 19).
    ChildOnAdultForm,
    /// Community-service hours outside what the statute allows.
    HoursOutOfRange {
        /// Fewest.
        min: u16,
        /// Most.
        max: u16,
    },
    /// More community-service hours on one day than allowed.
    HoursPerDay {
        /// Most hours in a day.
        max: u16,
    },
    /// More community-service hours than the sentence orders.
    PastSentence {
        /// Hours ordered.
        hours: u16,
    },
    /// A placement closed with hours still to do (signed-off hours count).
    HoursLeft {
        /// Hours left, a part hour counting as one.
        hours: u32,
    },
    /// A break as long as the session it is in.
    BreakTooLong,
    /// A note with nothing it could go with: no item changed.
    NothingChanged,
    /// Every place (or bed, on some night of the stay) is taken.
    NoRoom,
    /// The client does not suit the programme, for this reason.
    Unsuitable(crate::reintegration::programmes::Unsuitable),
    /// A date outside the years the field can plausibly hold.
    DateOutOfRange {
        /// First year allowed.
        from: i32,
        /// Last year allowed.
        to: i32,
    },
    /// A period longer than a report reads.
    PeriodTooLong {
        /// Most years.
        years: u8,
    },
    /// WhatsApp reminders need the client's phone to be a mobile number.
    NoMobileNumber,
    /// A two-factor code that is wrong, expired or already used.
    WrongCode,
}

/// A problem attached to a named form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name as used in the form (`code`, `name`, ...).
    pub field: String,
    /// What is wrong with it.
    pub problem: Problem,
}

/// The validation errors of one form, in the order of its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError { field: field.to_owned(), problem });
    }

    /// The first problem recorded for `field`, if any.
    pub fn get(&self, field: &str) -> Option<Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }

    /// Whether no problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when no problem was recorded, the errors otherwise.
    pub fn into_result<T>(self, value: T) -> Result<T, ErrorKind> {
        if self.is_empty() { Ok(value) } else { Err(ErrorKind::Invalid(self)) }
    }
}

/// The kinds of failure a user can see. Each is translated in the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ErrorKind {
    /// Not logged in, or the session expired.
    #[error("not authenticated")]
    Unauthenticated,
    /// The record does not exist or is outside the user's scope. A forbidden record answers
    /// this too, so that its existence does not leak.
    #[error("not found")]
    NotFound,
    /// The input failed validation.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Login refused: unknown user, wrong password or inactive account (deliberately one kind).
    #[error("bad credentials")]
    BadCredentials,
    /// Too many failed logins; try again after this many seconds.
    #[error("too many attempts")]
    RateLimited {
        /// Seconds until the next attempt is allowed.
        retry_after_secs: u64,
    },
    /// The record is not in a state that allows the step (a Litmas already approved, say):
    /// someone else acted first, and the page is out of date.
    #[error("conflict")]
    Conflict,
    /// An unexpected failure; details are in the server log under this request id.
    #[error("internal error")]
    Internal {
        /// The id of the request whose log holds the cause.
        request_id: Option<String>,
    },
}

impl ErrorKind {
    /// A single-field validation error.
    pub fn field(field: &str, problem: Problem) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, problem);
        Self::Invalid(errors)
    }

    /// The field errors, when this is a validation error.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            Self::Invalid(errors) => Some(errors),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_keep_first_problem_per_field() {
        let mut e = FieldErrors::new();
        e.add("code", Problem::Required);
        e.add("code", Problem::BadFormat);
        e.add("name", Problem::TooLong { max: 5 });
        assert_eq!(e.get("code"), Some(Problem::Required));
        assert_eq!(e.get("name"), Some(Problem::TooLong { max: 5 }));
        assert_eq!(e.get("other"), None);
    }

    #[test]
    fn into_result_fails_only_with_errors() {
        assert_eq!(FieldErrors::new().into_result(1), Ok(1));
        let err = ErrorKind::field("x", Problem::Required);
        let mut e = FieldErrors::new();
        e.add("x", Problem::Required);
        assert_eq!(e.into_result(1), Err(err));
    }
}
