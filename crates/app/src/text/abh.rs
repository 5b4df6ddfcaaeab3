//! Words for children's cases: stages, clocks and their states, Litmas kinds and steps,
//! diversion outcomes and agreement forms, events and partners.

use pamong_domain::abh::clock::{Clock, ClockKind, ClockState, Stage, local};
use pamong_domain::abh::litmas::{LitmasKind, LitmasStatus, Requester};
use pamong_domain::abh::process::{AgreementForm, DiversionOutcome, EventKind, PartnerKind, Party};
use pamong_domain::abh::rules::AgeRoute;
use pamong_domain::office::Zone;
use time::{Duration, OffsetDateTime};

use super::I18n;
use crate::i18n::*;

/// An instant on the office's clock: `27/11/2026 23:30 WITA`.
pub fn instant(at: OffsetDateTime, zone: Zone) -> String {
    let local = local(at, zone);
    let text = local
        .format(time::macros::format_description!("[day]/[month]/[year] [hour]:[minute]"))
        .unwrap_or_default();
    format!("{text} {}", zone.label())
}

/// A length of time, coarse: days and hours, or hours and minutes under a day.
pub fn duration(i18n: I18n, d: Duration) -> String {
    let d = d.abs();
    let days = d.whole_days();
    let hours = d.whole_hours() % 24;
    if days > 0 {
        t_string!(i18n, duration_days_hours, days = days, hours = hours).to_string()
    } else {
        let minutes = d.whole_minutes() % 60;
        t_string!(i18n, duration_hours_minutes, hours = d.whole_hours(), minutes = minutes).to_string()
    }
}

/// A stage's name.
pub fn stage(i18n: I18n, stage: Stage) -> String {
    match stage {
        Stage::Penyidikan => t_string!(i18n, stage_penyidikan).to_string(),
        Stage::Penuntutan => t_string!(i18n, stage_penuntutan).to_string(),
        Stage::Pengadilan => t_string!(i18n, stage_pengadilan).to_string(),
    }
}

/// What a clock counts down to.
pub fn clock_kind(i18n: I18n, kind: ClockKind) -> String {
    match kind {
        ClockKind::Litmas => t_string!(i18n, clock_litmas).to_string(),
        ClockKind::DiversionStart(s) => format!("{} · {}", t_string!(i18n, clock_div_start), stage(i18n, s)),
        ClockKind::DiversionFinish(s) => {
            format!("{} · {}", t_string!(i18n, clock_div_finish), stage(i18n, s))
        }
        ClockKind::BreachAction => t_string!(i18n, clock_breach).to_string(),
    }
}

/// Where a clock stands, with the time left or over for open ones.
pub fn clock_state(i18n: I18n, clock: &Clock, zone: Zone, now: OffsetDateTime) -> String {
    let left = clock.left(now).unwrap_or(Duration::ZERO);
    match clock.state {
        ClockState::Running => {
            format!(
                "{} · {}",
                t_string!(i18n, clock_running),
                t_string!(i18n, time_left, left = duration(i18n, left))
            )
        }
        ClockState::Met { at } => t_string!(i18n, clock_met, at = instant(at, zone)).to_string(),
        ClockState::Breached { done_at: Some(at) } => {
            t_string!(i18n, clock_breached_late, at = instant(at, zone)).to_string()
        }
        ClockState::Breached { done_at: None } => {
            format!(
                "{} · {}",
                t_string!(i18n, clock_breached),
                t_string!(i18n, time_over, left = duration(i18n, left))
            )
        }
        ClockState::NotApplicable => t_string!(i18n, clock_na).to_string(),
    }
}

/// The CSS modifier for a clock's urgency: red when breached or under 24 hours.
pub fn clock_class(clock: &Clock, now: OffsetDateTime) -> &'static str {
    use pamong_domain::abh::clock::Urgency;
    match clock.urgency(now) {
        Urgency::Breached => "clock clock--breached",
        Urgency::Urgent => "clock clock--urgent",
        Urgency::Normal => "clock",
        Urgency::Closed => match clock.state {
            ClockState::Met { .. } => "clock clock--met",
            _ => "clock clock--closed",
        },
    }
}

/// Who asked for a Litmas.
pub fn requester(i18n: I18n, r: Requester) -> String {
    match r {
        Requester::Penyidik => t_string!(i18n, requester_penyidik).to_string(),
        Requester::PenuntutUmum => t_string!(i18n, requester_penuntut_umum).to_string(),
        Requester::Hakim => t_string!(i18n, requester_hakim).to_string(),
    }
}

/// A Litmas kind.
pub fn litmas_kind(i18n: I18n, k: LitmasKind) -> String {
    match k {
        LitmasKind::Diversi => t_string!(i18n, litmas_diversi).to_string(),
        LitmasKind::Sidang => t_string!(i18n, litmas_sidang).to_string(),
        LitmasKind::BawahDuaBelas => t_string!(i18n, litmas_bawah_12).to_string(),
        LitmasKind::Penahanan => t_string!(i18n, litmas_penahanan).to_string(),
    }
}

/// A Litmas status.
pub fn litmas_status(i18n: I18n, s: LitmasStatus) -> String {
    match s {
        LitmasStatus::Draf => t_string!(i18n, lstatus_draf).to_string(),
        LitmasStatus::Diajukan => t_string!(i18n, lstatus_diajukan).to_string(),
        LitmasStatus::Disetujui => t_string!(i18n, lstatus_disetujui).to_string(),
        LitmasStatus::Diserahkan => t_string!(i18n, lstatus_diserahkan).to_string(),
    }
}

/// A Litmas section's heading, by field name.
pub fn litmas_section(i18n: I18n, field: &str) -> String {
    match field {
        "personal_family" => t_string!(i18n, litmas_personal_family).to_string(),
        "background" => t_string!(i18n, litmas_background).to_string(),
        "victim_condition" => t_string!(i18n, litmas_victim_condition).to_string(),
        "diversion_record" => t_string!(i18n, litmas_diversion_record).to_string(),
        _ => t_string!(i18n, litmas_recommendation).to_string(),
    }
}

/// The route a child's age gives.
pub fn age_route(i18n: I18n, r: AgeRoute) -> String {
    match r {
        AgeRoute::Child => t_string!(i18n, route_anak).to_string(),
        AgeRoute::UnderTwelve => t_string!(i18n, route_bawah_12).to_string(),
        AgeRoute::Adult => t_string!(i18n, route_dewasa).to_string(),
    }
}

/// A diversion outcome.
pub fn outcome(i18n: I18n, o: DiversionOutcome) -> String {
    match o {
        DiversionOutcome::Sepakat => t_string!(i18n, outcome_sepakat).to_string(),
        DiversionOutcome::TidakSepakat => t_string!(i18n, outcome_tidak_sepakat).to_string(),
    }
}

/// A form of diversion agreement.
pub fn agreement(i18n: I18n, f: AgreementForm) -> String {
    match f {
        AgreementForm::GantiKerugian => t_string!(i18n, agreement_ganti_kerugian).to_string(),
        AgreementForm::Rehabilitasi => t_string!(i18n, agreement_rehabilitasi).to_string(),
        AgreementForm::KembaliOrangTua => t_string!(i18n, agreement_kembali_orang_tua).to_string(),
        AgreementForm::Lpks => t_string!(i18n, agreement_lpks).to_string(),
        AgreementForm::PelayananMasyarakat => t_string!(i18n, agreement_pelayanan_masyarakat).to_string(),
    }
}

/// A kind of case event.
pub fn event_kind(i18n: I18n, k: EventKind) -> String {
    match k {
        EventKind::Musyawarah => t_string!(i18n, event_musyawarah).to_string(),
        EventKind::Pendampingan => t_string!(i18n, event_pendampingan).to_string(),
        EventKind::Rujukan => t_string!(i18n, event_rujukan).to_string(),
    }
}

/// A party at a diversion meeting.
pub fn party(i18n: I18n, p: Party) -> String {
    match p {
        Party::Anak => t_string!(i18n, party_anak).to_string(),
        Party::OrangTua => t_string!(i18n, party_orang_tua).to_string(),
        Party::Korban => t_string!(i18n, party_korban).to_string(),
        Party::Pk => t_string!(i18n, party_pk).to_string(),
        Party::Peksos => t_string!(i18n, party_peksos).to_string(),
        Party::TokohMasyarakat => t_string!(i18n, party_tokoh_masyarakat).to_string(),
    }
}

/// A kind of child-protection partner.
pub fn partner_kind(i18n: I18n, k: PartnerKind) -> String {
    match k {
        PartnerKind::Dp3a => t_string!(i18n, partner_dp3a).to_string(),
        PartnerKind::Dinsos => t_string!(i18n, partner_dinsos).to_string(),
        PartnerKind::Peksos => t_string!(i18n, partner_peksos).to_string(),
        PartnerKind::Lainnya => t_string!(i18n, partner_lainnya).to_string(),
    }
}
