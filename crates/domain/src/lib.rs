//! Pamong's domain: the rules and types of the Indonesian probation service that both the
//! browser (compiled to wasm) and the server rely on.
//!
//! Nothing here performs I/O. Parsers turn raw input into typed values once, at the edge
//! ("parse, don't validate"); the same parser runs in the browser for instant feedback and
//! on the server for trust.

#[macro_use]
mod text_enum;

pub mod abh;
pub mod agreements;
pub mod api_token;
#[cfg(any(test, feature = "test-support"))]
pub mod arbitrary;
pub mod calendar;
pub mod caseload;
pub mod client;
pub mod error;
pub mod export;
pub mod groups;
pub mod import;
pub mod kerja_sosial;
pub mod legal;
pub mod logs;
pub mod needs;
pub mod nik;
pub mod notifications;
pub mod office;
pub mod oversight;
pub mod page;
pub mod partners;
pub mod privacy;
pub mod referrals;
pub mod region;
pub mod reintegration;
pub mod reporting;
pub mod request_key;
pub mod role;
pub mod rri;
pub mod second_factor;
pub mod subject;
pub mod supervision;
pub mod user;
pub mod validate;

pub use error::{ErrorKind, FieldError, FieldErrors, Problem};
pub use role::Role;
