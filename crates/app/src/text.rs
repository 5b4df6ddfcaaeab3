//! Translations of domain values (roles, problems, errors) into the user's language.

use pamong_domain::caseload::TodayReason;
use pamong_domain::client::ClientStatus;
use pamong_domain::legal::LegalBasis;
use pamong_domain::needs::{NeedDomain, NeedLevel};
use pamong_domain::nik::{NikError, NikMismatch};
use pamong_domain::office::Zone;
use pamong_domain::reporting::RiskBand;
use pamong_domain::supervision::{ActionStatus, GuidanceKind, ReportKind, ViolationAction, ViolationKind};
use pamong_domain::{ErrorKind, Problem};

use crate::error::AppError;
use crate::i18n::*;

/// The i18n context's type.
pub type I18n = leptos_i18n::I18nContext<Locale>;

pub mod abh;
pub mod import;

/// What is wrong with a field.
pub fn problem(i18n: I18n, problem: Problem) -> String {
    problem_in(i18n.get_locale(), problem)
}

/// What is wrong with a field, in `locale`: for what is written outside a page (a report
/// file) as well as on one.
pub fn problem_in(locale: Locale, problem: Problem) -> String {
    match problem {
        Problem::Required => td_string!(locale, err_required).to_string(),
        Problem::TooLong { max } => td_string!(locale, err_too_long, max = max).to_string(),
        Problem::TooShort { min } => td_string!(locale, err_too_short, min = min).to_string(),
        Problem::BadFormat => td_string!(locale, err_bad_format).to_string(),
        Problem::Taken => td_string!(locale, err_taken).to_string(),
        Problem::UnknownReference => td_string!(locale, err_unknown_reference).to_string(),
        Problem::NotAllowed => td_string!(locale, err_not_allowed).to_string(),
        Problem::Mismatch => td_string!(locale, err_mismatch).to_string(),
        Problem::WrongPassword => td_string!(locale, err_wrong_password).to_string(),
        Problem::InUse => td_string!(locale, err_in_use).to_string(),
        Problem::Nik(e) => nik_problem(locale, e),
        Problem::NikMismatch(NikMismatch::Sex) => td_string!(locale, err_nik_sex).to_string(),
        Problem::NikMismatch(NikMismatch::BirthDate) => td_string!(locale, err_nik_birth_date).to_string(),
        Problem::FutureDate => td_string!(locale, err_future_date).to_string(),
        Problem::BeforeStart => td_string!(locale, err_before_start).to_string(),
        Problem::NeededForPeriod => td_string!(locale, err_needed_for_period).to_string(),
        Problem::ExceedsStatute => td_string!(locale, err_exceeds_statute).to_string(),
        Problem::UnknownRegion => td_string!(locale, err_unknown_region).to_string(),
        Problem::AdultAtOffence => td_string!(locale, err_adult_at_offence).to_string(),
        Problem::ParentOrGuardian => td_string!(locale, err_parent_or_guardian).to_string(),
        Problem::TemplatePrompt => td_string!(locale, err_template_prompt).to_string(),
        Problem::TooMany { max } => td_string!(locale, err_too_many, max = max).to_string(),
        Problem::HoursOutOfRange { min, max } => {
            td_string!(locale, err_hours_range, min = min, max = max).to_string()
        }
        Problem::HoursPerDay { max } => td_string!(locale, err_hours_per_day, max = max).to_string(),
        Problem::PastSentence { hours } => td_string!(locale, err_past_sentence, hours = hours).to_string(),
        Problem::HoursLeft { hours } => td_string!(locale, err_hours_left, hours = hours).to_string(),
        Problem::BreakTooLong => td_string!(locale, err_break_too_long).to_string(),
        Problem::NothingChanged => td_string!(locale, err_nothing_changed).to_string(),
        Problem::NoRoom => td_string!(locale, err_no_room).to_string(),
        Problem::Unsuitable(why) => unsuitable_in(locale, why),
        Problem::ChildOnAdultForm => td_string!(locale, err_child_on_adult_form).to_string(),
        Problem::DateOutOfRange { from, to } => {
            td_string!(locale, err_date_out_of_range, from = from, to = to).to_string()
        }
        Problem::PeriodTooLong { years } => {
            td_string!(locale, err_period_too_long, years = years).to_string()
        }
        Problem::NoMobileNumber => td_string!(locale, err_no_mobile_number).to_string(),
        Problem::WrongCode => td_string!(locale, err_wrong_code).to_string(),
    }
}

/// Why a client does not suit a programme.
pub fn unsuitable(i18n: I18n, why: pamong_domain::reintegration::programmes::Unsuitable) -> String {
    unsuitable_in(i18n.get_locale(), why)
}

fn unsuitable_in(locale: Locale, why: pamong_domain::reintegration::programmes::Unsuitable) -> String {
    use pamong_domain::reintegration::programmes::Unsuitable;
    match why {
        Unsuitable::Band => td_string!(locale, err_unsuitable_band).to_string(),
        Unsuitable::Basis => td_string!(locale, err_unsuitable_basis).to_string(),
        Unsuitable::Sex => td_string!(locale, err_unsuitable_sex).to_string(),
        Unsuitable::Age => td_string!(locale, err_unsuitable_age).to_string(),
    }
}

fn nik_problem(locale: Locale, e: NikError) -> String {
    match e {
        NikError::Empty => td_string!(locale, err_required).to_string(),
        NikError::NotDigits => td_string!(locale, err_nik_not_digits).to_string(),
        NikError::WrongLength(count) => td_string!(locale, err_nik_length, count = count).to_string(),
        NikError::BadRegion => td_string!(locale, err_nik_region).to_string(),
        NikError::BadDay => td_string!(locale, err_nik_day).to_string(),
        NikError::BadMonth => td_string!(locale, err_nik_month).to_string(),
        NikError::BadDate => td_string!(locale, err_nik_date).to_string(),
        NikError::ZeroSerial => td_string!(locale, err_nik_serial).to_string(),
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
            ErrorKind::Conflict => t_string!(i18n, conflict_body).to_string(),
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

/// A date as officers write it: `23/11/2026`.
pub fn date(date: time::Date) -> String {
    date.format(time::macros::format_description!("[day]/[month]/[year]")).unwrap_or_default()
}

/// A legal basis's name.
pub fn legal_basis(i18n: I18n, basis: LegalBasis) -> String {
    match basis {
        LegalBasis::Pb => t_string!(i18n, basis_pb).to_string(),
        LegalBasis::Cb => t_string!(i18n, basis_cb).to_string(),
        LegalBasis::Cmb => t_string!(i18n, basis_cmb).to_string(),
        LegalBasis::Asimilasi => t_string!(i18n, basis_asimilasi).to_string(),
        LegalBasis::PidanaPengawasan => t_string!(i18n, basis_pengawasan).to_string(),
        LegalBasis::KerjaSosial => t_string!(i18n, basis_kerja_sosial).to_string(),
        LegalBasis::AnakBersyarat => t_string!(i18n, basis_anak).to_string(),
        LegalBasis::PendampinganAnak => t_string!(i18n, basis_pendampingan_anak).to_string(),
    }
}

/// A client status's name.
pub fn client_status(i18n: I18n, status: ClientStatus) -> String {
    match status {
        ClientStatus::Aktif => t_string!(i18n, cstatus_aktif).to_string(),
        ClientStatus::Selesai => t_string!(i18n, cstatus_selesai).to_string(),
        ClientStatus::Dicabut => t_string!(i18n, cstatus_dicabut).to_string(),
        ClientStatus::Meninggal => t_string!(i18n, cstatus_meninggal).to_string(),
        ClientStatus::Dipindahkan => t_string!(i18n, cstatus_dipindahkan).to_string(),
    }
}

/// A risk band's name; `None` is "not yet assessed".
pub fn band(i18n: I18n, band: Option<RiskBand>) -> String {
    match band {
        None => t_string!(i18n, band_none).to_string(),
        Some(RiskBand::Rendah) => t_string!(i18n, band_rendah).to_string(),
        Some(RiskBand::Sedang) => t_string!(i18n, band_sedang).to_string(),
        Some(RiskBand::Tinggi) => t_string!(i18n, band_tinggi).to_string(),
        Some(RiskBand::SangatTinggi) => t_string!(i18n, band_sangat_tinggi).to_string(),
    }
}

/// The CSS modifier of a band's badge.
pub fn band_class(band: Option<RiskBand>) -> &'static str {
    match band {
        None => "badge badge--risk-none",
        Some(RiskBand::Rendah) => "badge badge--risk-rendah",
        Some(RiskBand::Sedang) => "badge badge--risk-sedang",
        Some(RiskBand::Tinggi) => "badge badge--risk-tinggi",
        Some(RiskBand::SangatTinggi) => "badge badge--risk-sangat-tinggi",
    }
}

/// How a report was made.
pub fn report_kind(i18n: I18n, kind: ReportKind) -> String {
    match kind {
        ReportKind::Kantor => t_string!(i18n, report_kantor).to_string(),
        ReportKind::Video => t_string!(i18n, report_video).to_string(),
        ReportKind::Kunjungan => t_string!(i18n, report_kunjungan).to_string(),
    }
}

/// A guidance kind.
pub fn guidance_kind(i18n: I18n, kind: GuidanceKind) -> String {
    match kind {
        GuidanceKind::Kepribadian => t_string!(i18n, guidance_kepribadian).to_string(),
        GuidanceKind::Kemandirian => t_string!(i18n, guidance_kemandirian).to_string(),
    }
}

/// A violation kind.
pub fn violation_kind(i18n: I18n, kind: ViolationKind) -> String {
    match kind {
        ViolationKind::TidakLapor => t_string!(i18n, violation_tidak_lapor).to_string(),
        ViolationKind::LanggarSyarat => t_string!(i18n, violation_langgar_syarat).to_string(),
        ViolationKind::TindakPidanaBaru => t_string!(i18n, violation_tindak_pidana).to_string(),
        ViolationKind::Lainnya => t_string!(i18n, violation_lainnya).to_string(),
    }
}

/// The action taken on a violation.
pub fn violation_action(i18n: I18n, action: ViolationAction) -> String {
    match action {
        ViolationAction::Teguran => t_string!(i18n, action_teguran).to_string(),
        ViolationAction::RekomendasiTpp => t_string!(i18n, action_tpp).to_string(),
        ViolationAction::Pencabutan => t_string!(i18n, action_pencabutan).to_string(),
    }
}

/// Where an action stands.
pub fn action_status(i18n: I18n, status: ActionStatus) -> String {
    match status {
        ActionStatus::Diusulkan => t_string!(i18n, astatus_diusulkan).to_string(),
        ActionStatus::Diproses => t_string!(i18n, astatus_diproses).to_string(),
        ActionStatus::Selesai => t_string!(i18n, astatus_selesai).to_string(),
    }
}

/// Why a client is on the Today list.
pub fn today_reason(i18n: I18n, reason: TodayReason) -> String {
    match reason {
        TodayReason::RevocationWarning { misses } => {
            t_string!(i18n, today_revocation, misses = misses).to_string()
        }
        TodayReason::Ended { end } => t_string!(i18n, today_ended, end = date(end)).to_string(),
        TodayReason::WorkLate { deadline } => {
            t_string!(i18n, today_ks_late, deadline = date(deadline)).to_string()
        }
        TodayReason::WorkAbsence { on } => t_string!(i18n, today_ks_absence, on = date(on)).to_string(),
        TodayReason::WorkCompleted => t_string!(i18n, today_ks_completed).to_string(),
        TodayReason::Overdue { since } => t_string!(i18n, today_overdue, since = date(since)).to_string(),
        TodayReason::DueToday => t_string!(i18n, today_due).to_string(),
        TodayReason::WorkBehind { deadline } => {
            t_string!(i18n, today_ks_behind, deadline = date(deadline)).to_string()
        }
        TodayReason::SignOffWaiting { since } => {
            t_string!(i18n, today_ks_waiting, since = date(since)).to_string()
        }
        TodayReason::ReassessmentDue { since: None } => t_string!(i18n, today_never_assessed).to_string(),
        TodayReason::ReassessmentDue { since: Some(since) } => {
            t_string!(i18n, today_reassess, since = date(since)).to_string()
        }
        TodayReason::EndingSoon { end } => t_string!(i18n, today_ending, end = date(end)).to_string(),
        TodayReason::ProgrammeDropped { on } => {
            t_string!(i18n, today_prog_dropped, on = date(on)).to_string()
        }
        TodayReason::ProgrammeTomorrow => t_string!(i18n, today_prog_tomorrow).to_string(),
    }
}

/// A need domain's name.
pub fn need_domain(i18n: I18n, domain: NeedDomain) -> String {
    match domain {
        NeedDomain::Family => t_string!(i18n, need_family).to_string(),
        NeedDomain::EducationWork => t_string!(i18n, need_education_work).to_string(),
        NeedDomain::DrugsAlcohol => t_string!(i18n, need_drugs).to_string(),
        NeedDomain::Social => t_string!(i18n, need_social).to_string(),
        NeedDomain::Leisure => t_string!(i18n, need_leisure).to_string(),
        NeedDomain::Finance => t_string!(i18n, need_finance).to_string(),
        NeedDomain::AntisocialAttitude => t_string!(i18n, need_attitude).to_string(),
    }
}

/// A need level.
pub fn need_level(i18n: I18n, level: NeedLevel) -> String {
    match level {
        NeedLevel::None => t_string!(i18n, need_level_none).to_string(),
        NeedLevel::Some => t_string!(i18n, need_level_some).to_string(),
        NeedLevel::High => t_string!(i18n, need_level_high).to_string(),
    }
}
