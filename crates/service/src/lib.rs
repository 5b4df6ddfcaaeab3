//! Pamong's use cases. Every public fn takes a connection and the [`Actor`] doing the work,
//! asks [`policy`] whether they may, writes its [`audit`] row in the same transaction as the
//! change, and speaks in `pamong_domain` types: entities never leave this crate.

pub mod abh;
pub mod actor;
pub mod api_tokens;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod clients;
pub mod clock;
pub mod db;
pub mod error;
pub mod exports;
pub mod groups;
pub mod ids;
pub mod kerja_sosial;
pub mod notifications;
pub mod offices;
pub mod oversight;
pub mod partners;
pub mod password;
pub mod policy;
pub mod privacy;
pub mod referrals;
pub mod regions;
pub mod reintegration;
pub mod request_keys;
pub mod search;
pub mod second_factor;
pub mod seed;
pub mod session_store;
pub mod settings;
pub mod supervision;
pub mod today;
pub mod transfer;
pub mod users;

#[cfg(any(test, feature = "test-support"))]
pub mod testing;

pub use actor::Actor;
pub use clock::Clock;
pub use error::{ServiceError, ServiceResult};
pub use sea_orm::DatabaseConnection;
