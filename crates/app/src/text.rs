//! Translations of domain values (roles, problems, errors) into the user's language.

use pamong_domain::nik::{NikError, NikMismatch};
use pamong_domain::office::Zone;
use pamong_domain::{ErrorKind, Problem, Role};

use crate::error::AppError;
use crate::i18n::*;

/// The i18n context's type.
pub type I18n = leptos_i18n::I18nContext<Locale>;

/// A role's name.
pub fn role(i18n: I18n, role: Role) -> String {
    match role {
        Role::Admin => t_string!(i18n, role_admin).to_string(),
        Role::Kanwil => t_string!(i18n, role_kanwil).to_string(),
        Role::Kabapas => t_string!(i18n, role_kabapas).to_string(),
        Role::Pk => t_string!(i18n, role_pk).to_string(),
        Role::Koordinator => t_string!(i18n, role_koordinator).to_string(),
        Role::Mitra => t_string!(i18n, role_mitra).to_string(),
    }
}

/// What is wrong with a field.
pub fn problem(i18n: I18n, problem: Problem) -> String {
    match problem {
        Problem::Required => t_string!(i18n, err_required).to_string(),
        Problem::TooLong { max } => t_string!(i18n, err_too_long, max = max).to_string(),
        Problem::TooShort { min } => t_string!(i18n, err_too_short, min = min).to_string(),
        Problem::BadFormat => t_string!(i18n, err_bad_format).to_string(),
        Problem::Taken => t_string!(i18n, err_taken).to_string(),
        Problem::UnknownReference => t_string!(i18n, err_unknown_reference).to_string(),
        Problem::NotAllowed => t_string!(i18n, err_not_allowed).to_string(),
        Problem::Mismatch => t_string!(i18n, err_mismatch).to_string(),
        Problem::WrongPassword => t_string!(i18n, err_wrong_password).to_string(),
        Problem::InUse => t_string!(i18n, err_in_use).to_string(),
        Problem::Nik(e) => nik_problem(i18n, e),
        Problem::NikMismatch(NikMismatch::Sex) => t_string!(i18n, err_nik_sex).to_string(),
        Problem::NikMismatch(NikMismatch::BirthDate) => t_string!(i18n, err_nik_birth_date).to_string(),
        Problem::FutureDate => t_string!(i18n, err_future_date).to_string(),
        Problem::BeforeStart => t_string!(i18n, err_before_start).to_string(),
        Problem::NeededForPeriod => t_string!(i18n, err_needed_for_period).to_string(),
        Problem::ExceedsStatute => t_string!(i18n, err_exceeds_statute).to_string(),
        Problem::UnknownRegion => t_string!(i18n, err_unknown_region).to_string(),
    }
}

fn nik_problem(i18n: I18n, e: NikError) -> String {
    match e {
        NikError::Empty => t_string!(i18n, err_required).to_string(),
        NikError::NotDigits => t_string!(i18n, err_nik_not_digits).to_string(),
        NikError::WrongLength(count) => t_string!(i18n, err_nik_length, count = count).to_string(),
        NikError::BadRegion => t_string!(i18n, err_nik_region).to_string(),
        NikError::BadDay => t_string!(i18n, err_nik_day).to_string(),
        NikError::BadMonth => t_string!(i18n, err_nik_month).to_string(),
        NikError::BadDate => t_string!(i18n, err_nik_date).to_string(),
        NikError::ZeroSerial => t_string!(i18n, err_nik_serial).to_string(),
    }
}

/// A whole-page error message (field errors are shown by their fields instead).
pub fn error(i18n: I18n, err: &AppError) -> String {
    match err {
        AppError::Transport(_) => t_string!(i18n, network_error).to_string(),
        AppError::Kind(kind) => match kind {
            ErrorKind::NotFound => t_string!(i18n, not_found_body).to_string(),
            ErrorKind::Unauthenticated => t_string!(i18n, session_expired).to_string(),
            ErrorKind::BadCredentials => t_string!(i18n, login_bad_credentials).to_string(),
            ErrorKind::RateLimited { retry_after_secs } => {
                let minutes = retry_after_secs.div_ceil(60).max(1);
                t_string!(i18n, login_rate_limited, minutes = minutes).to_string()
            }
            ErrorKind::Invalid(_) => t_string!(i18n, error_summary_title).to_string(),
            ErrorKind::Internal { request_id } => {
                let body = t_string!(i18n, internal_body).to_string();
                match request_id {
                    Some(id) => format!("{body} {}", t_string!(i18n, request_id, id = id.clone())),
                    None => body,
                }
            }
        },
    }
}

/// A time zone's label.
pub fn zone(zone: Zone) -> &'static str {
    zone.label()
}
