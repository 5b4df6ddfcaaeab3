//! The pages, one module per area.

pub mod abh;
pub mod account;
pub mod bapas;
pub mod clients;
pub mod groups;
pub mod home;
pub mod kanwil;
pub mod kerja_sosial;
pub mod login;
pub mod logs;
pub mod notifications;
pub mod outbox;
pub mod oversight;
pub mod partners;
pub mod referrals;
pub mod reintegration;
pub mod second_factor;
pub mod tokens;
pub mod users;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::error::AppError;
use pamong_domain::ErrorKind;

/// The `:id` of an edit page: `Ok(None)` for a new record — `baru` in an `:id` route, or a
/// route of its own (`/program/baru`) with no `:id` at all —, `Ok(Some(id))` for a record,
/// "not found" for anything else.
pub fn use_record_id() -> Memo<Result<Option<Uuid>, AppError>> {
    let params = use_params_map();
    Memo::new(move |_| match params.with(|p| p.get("id")) {
        None => Ok(None),
        Some(raw) if raw == "baru" => Ok(None),
        Some(raw) => Uuid::parse_str(&raw).map(Some).map_err(|_| AppError::Kind(ErrorKind::NotFound)),
    })
}
