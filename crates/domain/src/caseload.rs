//! How clients are shown: list rows and filters, the client's page, its timeline, and the
//! officer's Today list with its order of urgency.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, Time};
use uuid::Uuid;

use crate::calendar::add_months;
use crate::client::{ClientForm, ClientStatus};
use crate::error::{ErrorKind, FieldErrors, Problem};
use crate::kerja_sosial::{FollowUp, Progress};
use crate::legal::LegalBasis;
use crate::needs::{NeedRatings, check_ratings};
use crate::office::OfficeRef;
use crate::page::ListQuery;
use crate::reintegration::participation::Outcomes;
use crate::reporting::{ReportingStatus, RiskBand};
use crate::rri::{Answers, Instrument, Score};
use crate::supervision::{
    ActionStatus, GuidanceKind, ReportKind, ViolationAction, ViolationKind, date_not_after,
};
use crate::validate::optional_text;

/// Months between risk assessments unless an office sets otherwise.
pub const DEFAULT_REASSESSMENT_MONTHS: u32 = 6;

/// Days before the end of supervision that the Today list starts warning.
pub const ENDING_SOON_DAYS: i64 = 30;

/// Filters of the client list, on top of the search text and paging.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientFilter {
    /// Search text, status filter switch and page.
    pub list: ListQuery,
    /// Only this band (`"belum"` for not yet assessed).
    pub band: Option<String>,
    /// Only this status; active clients when absent.
    pub status: Option<String>,
    /// Only this legal basis.
    pub legal_basis: Option<String>,
    /// Only this officer's clients (public id), or `"saya"` for the actor's own.
    pub pk: Option<String>,
}

/// A person the UI can name and link to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    /// Public id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
}

/// One row of the client list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSummary {
    /// Public id.
    pub id: Uuid,
    /// Register number, e.g. `JAKBAR-2026-000123`.
    pub register_number: String,
    /// Full name.
    pub full_name: String,
    /// NIK, if known (never shown for a masked child).
    pub nik: Option<String>,
    /// A child's case (ABH).
    pub child: bool,
    /// Whether the name is the child's initials because the viewer has no need to know.
    pub masked: bool,
    /// Legal basis.
    pub legal_basis: LegalBasis,
    /// Status.
    pub status: ClientStatus,
    /// Latest risk band, if assessed.
    pub risk_band: Option<RiskBand>,
    /// Assigned PK.
    pub pk: Option<PersonRef>,
    /// End of supervision.
    pub supervision_end: Option<Date>,
}

/// The client's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientDetail {
    /// The list row's facts.
    pub summary: ClientSummary,
    /// The Bapas supervising.
    pub bapas: OfficeRef,
    /// The registry form as stored, for the edit page and the detail fields.
    pub form: ClientForm,
    /// The entry's version, which an edit sends back so a change made meanwhile is noticed.
    pub version: String,
    /// The region's names from province down, when the code is in the region list.
    pub region_names: Vec<String>,
    /// The end computed by the rules, when it differs from the one in force.
    pub computed_end: Option<Date>,
    /// When the status last changed, and why.
    pub status_since: Option<Date>,
    /// Why.
    pub status_reason: Option<String>,
    /// Latest score.
    pub risk_score: Option<u16>,
    /// When the latest assessment was made.
    pub assessed_on: Option<Date>,
    /// Where reporting stands (active clients only).
    pub reporting: Option<ReportingStatus>,
    /// When the next assessment is due.
    pub reassessment_due: Option<Date>,
    /// Whether the actor may record and edit (their own caseload, or the Kabapas).
    pub can_edit: bool,
    /// Whether the actor's phone may keep the client's pages offline (their own caseload).
    pub keep_offline: bool,
    /// Whether the actor may give the client to another PK (the Kabapas).
    pub can_reassign: bool,
    /// Whether the actor may produce the data-subject export of this client (UU PDP).
    pub can_export_data: bool,
    /// A transfer waiting for the receiving office, if any.
    pub pending_transfer: Option<TransferView>,
    /// Since when the client agrees to reminders of their reports by WhatsApp (none: no
    /// reminders).
    #[serde(default)]
    pub whatsapp_consent: Option<Date>,
}

/// Clients that may be the person being registered: same date of birth and a similar name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarClients {
    /// Those the user may see.
    pub visible: Vec<ClientSummary>,
    /// How many more are registered where the user cannot see (named only as a count).
    pub elsewhere: u64,
}

/// One officer's active caseload, by risk band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerLoad {
    /// The officer; `None` for clients nobody is assigned to.
    pub pk: Option<PersonRef>,
    /// Clients per band, lowest first: Rendah, Sedang, Tinggi, Sangat Tinggi.
    pub by_band: [u64; 4],
    /// Clients not yet assessed.
    pub unassessed: u64,
}

impl OfficerLoad {
    /// All active clients of the officer.
    pub fn total(&self) -> u64 {
        self.by_band.iter().sum::<u64>() + self.unassessed
    }
}

/// A transfer between offices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferView {
    /// Public id.
    pub id: Uuid,
    /// The client.
    pub client: PersonRef,
    /// From.
    pub from: OfficeRef,
    /// To.
    pub to: OfficeRef,
    /// Why.
    pub reason: String,
    /// When asked.
    pub requested_on: Date,
    /// Whether the actor may accept or refuse it.
    pub can_decide: bool,
}

/// A transfer request as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct TransferForm {
    /// Receiving Bapas (public id).
    pub to_bapas: String,
    /// Why.
    pub reason: String,
}

/// An RRI assessment as submitted from the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// A plain form post leaves out the fields the page did not offer: they read as empty.
#[serde(default)]
pub struct AssessmentForm {
    /// Item key → choice key.
    pub answers: Answers,
    /// Items present per need domain.
    pub needs: NeedRatings,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Notes.
    pub notes: String,
}

/// An assessment that passed validation, scored with the instrument in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentDraft {
    /// Score and band.
    pub score: Score,
    /// Day.
    pub date: Date,
    /// Notes.
    pub notes: Option<String>,
}

impl AssessmentForm {
    /// Scores the answers with `instrument` and checks the needs, the date (not after
    /// `today`) and the notes.
    pub fn parse(&self, today: Date, instrument: &Instrument) -> Result<AssessmentDraft, ErrorKind> {
        let mut errors = FieldErrors::new();
        let score = instrument.score(&self.answers).ok();
        if score.is_none() {
            errors.add("answers", Problem::BadFormat);
        }
        if check_ratings(&self.needs).is_err() {
            errors.add("needs", Problem::BadFormat);
        }
        let date = date_not_after(&mut errors, "date", &self.date, today);
        let notes = optional_text(&mut errors, "notes", &self.notes, 2000);
        match (score, date) {
            (Some(score), Some(date)) if errors.is_empty() => Ok(AssessmentDraft { score, date, notes }),
            _ => Err(ErrorKind::Invalid(errors)),
        }
    }
}

/// One thing in a client's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The day it happened.
    pub date: Date,
    /// Time of day, where known.
    pub time: Option<Time>,
    /// When it was recorded (orders entries of the same moment).
    pub recorded_at: OffsetDateTime,
    /// The officer who recorded it.
    pub officer: Option<String>,
    /// What it was.
    pub event: TimelineEvent,
}

/// The kinds of timeline entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TimelineEvent {
    /// A report or home visit.
    Report {
        /// How.
        kind: ReportKind,
        /// Whether the client was there.
        attended: bool,
        /// Notes.
        notes: Option<String>,
        /// Where the visit was recorded.
        position: Option<(f64, f64)>,
    },
    /// A due date with no report.
    Missed,
    /// A guidance session.
    Guidance {
        /// Kind.
        kind: GuidanceKind,
        /// Topic.
        topic: String,
        /// Attendance.
        attended: bool,
        /// Notes.
        notes: Option<String>,
    },
    /// A violation.
    Violation {
        /// Its public id (for updating the action's status).
        id: Uuid,
        /// Kind.
        kind: ViolationKind,
        /// What happened.
        description: String,
        /// Action taken.
        action: ViolationAction,
        /// Its status.
        action_status: ActionStatus,
    },
    /// A risk assessment.
    Assessment {
        /// Score.
        score: u16,
        /// Band.
        band: RiskBand,
        /// Instrument version.
        instrument: String,
    },
    /// A step in a reintegration programme.
    Programme {
        /// The programme's name.
        programme: String,
        /// What happened.
        step: ProgrammeStep,
    },
    /// Supervision started.
    Started,
    /// The status changed.
    Status {
        /// New status.
        status: ClientStatus,
        /// Why.
        reason: Option<String>,
    },
}

/// A programme's step on a client's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProgrammeStep {
    /// Enrolled (a transit house: checked in).
    Enrolled,
    /// A session, present or absent.
    Session {
        /// Its topic.
        topic: String,
        /// Whether they were there.
        present: bool,
    },
    /// Completed, with what came of it.
    Completed(Outcomes),
    /// Dropped out.
    DroppedOut {
        /// Why.
        reason: Option<String>,
    },
}

/// Orders a timeline newest first: by day, then time of day (an entry without a time sorts
/// as the start of its day), then by when it was recorded.
pub fn sort_timeline(entries: &mut [TimelineEntry]) {
    entries.sort_by(|a, b| {
        (b.date, b.time.unwrap_or(Time::MIDNIGHT), b.recorded_at).cmp(&(
            a.date,
            a.time.unwrap_or(Time::MIDNIGHT),
            a.recorded_at,
        ))
    });
}

/// Why a client is on the Today list, most urgent first (the derive orders by variant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TodayReason {
    /// Missed reports in a row reached the revocation threshold.
    RevocationWarning {
        /// Misses in a row.
        misses: u32,
    },
    /// A kerja sosial placement is past its deadline with hours left: report to the
    /// prosecutor.
    WorkLate {
        /// The deadline.
        deadline: Date,
    },
    /// Absent from kerja sosial without an acceptable reason.
    WorkAbsence {
        /// The latest such day.
        on: Date,
    },
    /// Every hour of a kerja sosial placement is done: close it with the hours statement.
    WorkCompleted,
    /// The supervision's end has passed and it is still open: close it (selesai). After the
    /// kerja sosial items: those are a sentence being served, with the court and the
    /// prosecutor waiting; this is the office's own closing.
    Ended {
        /// The end.
        end: Date,
    },
    /// A report was due and missed (fewer in a row than the threshold).
    Overdue {
        /// The oldest unanswered due date of the current run.
        since: Date,
    },
    /// A report is due today.
    DueToday,
    /// A participant dropped out of a programme within the last week: find out why and
    /// what comes next.
    ProgrammeDropped {
        /// Their last day.
        on: Date,
    },
    /// A kerja sosial placement is behind an even pace to its deadline.
    WorkBehind {
        /// The deadline.
        deadline: Date,
    },
    /// A session recorded by the PK waits for the site's sign-off over
    /// [`crate::kerja_sosial::SIGN_OFF_WAIT_DAYS`].
    SignOffWaiting {
        /// The day of the oldest such session.
        since: Date,
    },
    /// The risk assessment is due (or was never made).
    ReassessmentDue {
        /// When it fell due; `None` when never assessed.
        since: Option<Date>,
    },
    /// A programme the client takes part in meets tomorrow: remind them.
    ProgrammeTomorrow,
    /// Supervision ends within [`ENDING_SOON_DAYS`].
    EndingSoon {
        /// The end.
        end: Date,
    },
}

/// One line of the Today list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayItem {
    /// The client.
    pub client: ClientSummary,
    /// Why they are listed, most urgent first (never empty).
    pub reasons: Vec<TodayReason>,
}

/// The facts about one active client that decide whether Today lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayFacts {
    /// Reporting status as of today; `None` for a client who does not report (a kerja sosial
    /// sentence, whose ledger is followed instead, or a supervision past its end).
    pub reporting: Option<ReportingStatus>,
    /// Latest assessment date.
    pub assessed_on: Option<Date>,
    /// End of supervision.
    pub supervision_end: Option<Date>,
    /// Whether revocation applies to the client's legal basis (PB, CB, CMB): for anyone else
    /// a run of misses is overdue, never a revocation warning.
    pub revocable: bool,
    /// An active kerja sosial placement's follow-up.
    pub work: Option<FollowUp>,
    /// Programmes: whether one meets tomorrow, and the last day of a recent drop-out.
    pub programme: ProgrammeFollowUp,
}

/// What a client's programmes put on Today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgrammeFollowUp {
    /// A programme they take part in has a session tomorrow.
    pub session_tomorrow: bool,
    /// They dropped out of one on this day, within the last week.
    pub dropped_on: Option<Date>,
}

/// When the next assessment falls due: `months` after the last one; `None` if never made
/// (due at once).
pub fn reassessment_due(assessed_on: Option<Date>, months: u32) -> Option<Date> {
    assessed_on.map(|d| add_months(d, months))
}

/// The reasons a client is on Today's list.
pub fn today_reasons(facts: &TodayFacts, today: Date, reassess_months: u32) -> Vec<TodayReason> {
    let mut reasons = Vec::new();
    if let Some(end) = facts.supervision_end
        && end < today
        && facts.work.is_none()
    {
        // Nothing is due of a supervision that has ended: it waits to be closed. An open
        // kerja sosial placement keeps it going whatever end date was registered: the work
        // is closed through its placement (with its statement, or a letter when it is late).
        return vec![TodayReason::Ended { end }];
    }
    if let Some(work) = &facts.work {
        reasons.extend(work_reasons(work));
    }
    if let Some(r) = &facts.reporting {
        if facts.revocable && r.revocation_warning() {
            reasons.push(TodayReason::RevocationWarning { misses: r.consecutive_misses });
        } else if r.consecutive_misses > 0 && !r.reported_this_period {
            let run = r.consecutive_misses as usize;
            let since = r.missed[r.missed.len().saturating_sub(run)..].first().copied();
            if let Some(since) = since {
                reasons.push(TodayReason::Overdue { since });
            }
        }
        if r.next_due == today && !r.reported_this_period {
            reasons.push(TodayReason::DueToday);
        }
    }
    if let Some(on) = facts.programme.dropped_on {
        reasons.push(TodayReason::ProgrammeDropped { on });
    }
    match reassessment_due(facts.assessed_on, reassess_months) {
        None => reasons.push(TodayReason::ReassessmentDue { since: None }),
        Some(due) if due <= today => reasons.push(TodayReason::ReassessmentDue { since: Some(due) }),
        Some(_) => {}
    }
    if facts.programme.session_tomorrow {
        reasons.push(TodayReason::ProgrammeTomorrow);
    }
    if let Some(end) = facts.supervision_end
        && end >= today
        && (end - today).whole_days() <= ENDING_SOON_DAYS
    {
        reasons.push(TodayReason::EndingSoon { end });
    }
    reasons
}

/// What a kerja sosial placement's follow-up puts on Today.
fn work_reasons(work: &FollowUp) -> Vec<TodayReason> {
    let standing = match work.progress {
        Progress::Late => Some(TodayReason::WorkLate { deadline: work.deadline }),
        Progress::Behind => Some(TodayReason::WorkBehind { deadline: work.deadline }),
        Progress::Completed => Some(TodayReason::WorkCompleted),
        Progress::NotStarted | Progress::OnTrack => None,
    };
    let absence = work.unexcused_absence.map(|on| TodayReason::WorkAbsence { on });
    let waiting = work.waiting_since.map(|since| TodayReason::SignOffWaiting { since });
    [standing, absence, waiting].into_iter().flatten().collect()
}

/// Orders Today's items by their most urgent reason; within a reason, the older problem
/// first; then by name.
pub fn sort_today(items: &mut [TodayItem]) {
    for item in items.iter_mut() {
        item.reasons.sort();
    }
    items.sort_by(|a, b| {
        a.reasons.first().cmp(&b.reasons.first()).then_with(|| a.client.full_name.cmp(&b.client.full_name))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, time};

    const TODAY: Date = date!(2026 - 11 - 23);

    fn status(missed: Vec<Date>, consecutive: u32, next_due: Date) -> ReportingStatus {
        ReportingStatus { next_due, missed, consecutive_misses: consecutive, reported_this_period: false }
    }

    fn facts(reporting: ReportingStatus) -> TodayFacts {
        TodayFacts {
            reporting: Some(reporting),
            assessed_on: Some(date!(2026 - 10 - 01)),
            supervision_end: None,
            revocable: true,
            work: None,
            programme: ProgrammeFollowUp::default(),
        }
    }

    #[test]
    fn programmes_put_a_session_tomorrow_and_a_recent_drop_out_on_today() {
        let base = TodayFacts { reporting: None, ..facts(status(vec![], 0, TODAY)) };
        assert!(today_reasons(&base, TODAY, 6).is_empty());
        let programme = ProgrammeFollowUp { session_tomorrow: true, dropped_on: Some(date!(2026 - 11 - 30)) };
        let both = TodayFacts { programme, ..base };
        assert_eq!(
            today_reasons(&both, TODAY, 6),
            [TodayReason::ProgrammeDropped { on: date!(2026 - 11 - 30) }, TodayReason::ProgrammeTomorrow]
        );
    }

    fn work(progress: Progress) -> FollowUp {
        FollowUp { progress, deadline: date!(2026 - 11 - 30), unexcused_absence: None, waiting_since: None }
    }

    #[test]
    fn a_placement_s_follow_up_on_today() {
        let base = TodayFacts { reporting: None, ..facts(status(vec![], 0, TODAY)) };
        let with = |w: FollowUp| TodayFacts { work: Some(w), ..base.clone() };
        assert!(today_reasons(&with(work(Progress::OnTrack)), TODAY, 6).is_empty());
        assert!(today_reasons(&with(work(Progress::NotStarted)), TODAY, 6).is_empty());
        assert_eq!(
            today_reasons(&with(work(Progress::Behind)), TODAY, 6),
            [TodayReason::WorkBehind { deadline: date!(2026 - 11 - 30) }]
        );
        assert_eq!(today_reasons(&with(work(Progress::Completed)), TODAY, 6), [TodayReason::WorkCompleted]);
        let all = FollowUp {
            unexcused_absence: Some(date!(2026 - 11 - 20)),
            waiting_since: Some(date!(2026 - 11 - 18)),
            ..work(Progress::Late)
        };
        let mut reasons = today_reasons(&with(all), TODAY, 6);
        reasons.sort();
        assert_eq!(
            reasons,
            [
                TodayReason::WorkLate { deadline: date!(2026 - 11 - 30) },
                TodayReason::WorkAbsence { on: date!(2026 - 11 - 20) },
                TodayReason::SignOffWaiting { since: date!(2026 - 11 - 18) },
            ]
        );
        // An open placement outlives the registered end: the work says what is due, and is
        // closed through the placement.
        let ended = TodayFacts { supervision_end: Some(date!(2026 - 11 - 22)), ..with(work(Progress::Late)) };
        assert_eq!(
            today_reasons(&ended, TODAY, 6),
            [TodayReason::WorkLate { deadline: date!(2026 - 11 - 30) }]
        );
        let completed = TodayFacts { work: Some(work(Progress::Completed)), ..ended.clone() };
        assert_eq!(today_reasons(&completed, TODAY, 6), [TodayReason::WorkCompleted]);
        let on_track = TodayFacts { work: Some(work(Progress::OnTrack)), ..ended.clone() };
        assert!(today_reasons(&on_track, TODAY, 6).is_empty());
        let closed = TodayFacts { work: None, ..ended };
        assert_eq!(today_reasons(&closed, TODAY, 6), [TodayReason::Ended { end: date!(2026 - 11 - 22) }]);
    }

    #[test]
    fn misses_of_a_client_revocation_does_not_apply_to_are_overdue_not_a_warning() {
        let missed = vec![date!(2026 - 11 - 02), date!(2026 - 11 - 09), date!(2026 - 11 - 16)];
        let kerja_sosial = TodayFacts { revocable: false, ..facts(status(missed, 3, date!(2026 - 11 - 30))) };
        assert_eq!(
            today_reasons(&kerja_sosial, TODAY, 6),
            [TodayReason::Overdue { since: date!(2026 - 11 - 02) }]
        );
    }

    #[test]
    fn third_miss_warns_and_interrupted_misses_do_not() {
        let three = facts(status(
            vec![date!(2026 - 11 - 02), date!(2026 - 11 - 09), date!(2026 - 11 - 16)],
            3,
            date!(2026 - 11 - 30),
        ));
        assert_eq!(today_reasons(&three, TODAY, 6), [TodayReason::RevocationWarning { misses: 3 }]);
        // Two old misses, a report, then one miss: overdue since the latest run only.
        let interrupted = facts(status(
            vec![date!(2026 - 10 - 19), date!(2026 - 10 - 26), date!(2026 - 11 - 16)],
            1,
            date!(2026 - 11 - 30),
        ));
        assert_eq!(
            today_reasons(&interrupted, TODAY, 6),
            [TodayReason::Overdue { since: date!(2026 - 11 - 16) }]
        );
    }

    #[test]
    fn a_report_in_the_current_period_clears_due_and_overdue_but_not_the_warning() {
        let mut late = status(vec![date!(2026 - 11 - 16)], 1, TODAY);
        late.reported_this_period = true;
        assert!(today_reasons(&facts(late), TODAY, 6).is_empty());
        let mut warned = status(
            vec![date!(2026 - 11 - 02), date!(2026 - 11 - 09), date!(2026 - 11 - 16)],
            3,
            date!(2026 - 11 - 30),
        );
        warned.reported_this_period = true;
        assert_eq!(today_reasons(&facts(warned), TODAY, 6), [TodayReason::RevocationWarning { misses: 3 }]);
    }

    #[test]
    fn due_today_reassessment_and_ending() {
        let mut f = facts(status(vec![], 0, TODAY));
        f.assessed_on = Some(date!(2026 - 05 - 23));
        f.supervision_end = Some(date!(2026 - 12 - 23));
        assert_eq!(
            today_reasons(&f, TODAY, 6),
            [
                TodayReason::DueToday,
                TodayReason::ReassessmentDue { since: Some(date!(2026 - 11 - 23)) },
                TodayReason::EndingSoon { end: date!(2026 - 12 - 23) },
            ]
        );
        f.supervision_end = Some(date!(2026 - 12 - 24));
        f.assessed_on = Some(date!(2026 - 05 - 24));
        assert_eq!(
            today_reasons(&f, TODAY, 6),
            [TodayReason::DueToday],
            "31 days out, assessed < 6 months ago"
        );
        f.assessed_on = None;
        assert!(today_reasons(&f, TODAY, 6).contains(&TodayReason::ReassessmentDue { since: None }));
    }

    #[test]
    fn a_supervision_past_its_end_waits_to_be_closed_and_nothing_else() {
        let mut f = facts(status(vec![date!(2026 - 11 - 16)], 1, TODAY));
        f.supervision_end = Some(date!(2026 - 11 - 22));
        assert_eq!(today_reasons(&f, TODAY, 6), [TodayReason::Ended { end: date!(2026 - 11 - 22) }]);
        f.supervision_end = Some(TODAY);
        assert!(!today_reasons(&f, TODAY, 6).contains(&TodayReason::Ended { end: TODAY }), "the last day");
    }

    #[test]
    fn a_client_who_does_not_report_has_no_report_due() {
        let f = TodayFacts { reporting: None, ..facts(status(vec![], 0, TODAY)) };
        assert!(today_reasons(&f, TODAY, 6).is_empty());
    }

    #[test]
    fn urgency_order() {
        let mut reasons = [
            TodayReason::EndingSoon { end: TODAY },
            TodayReason::DueToday,
            TodayReason::Overdue { since: date!(2026 - 11 - 16) },
            TodayReason::ReassessmentDue { since: None },
            TodayReason::Overdue { since: date!(2026 - 11 - 02) },
            TodayReason::RevocationWarning { misses: 3 },
            TodayReason::Ended { end: date!(2026 - 11 - 01) },
            TodayReason::WorkCompleted,
        ];
        reasons.sort();
        assert_eq!(reasons[0], TodayReason::RevocationWarning { misses: 3 });
        assert_eq!(reasons[1], TodayReason::WorkCompleted, "a sentence served before an office's closing");
        assert_eq!(reasons[2], TodayReason::Ended { end: date!(2026 - 11 - 01) });
        assert_eq!(reasons[3], TodayReason::Overdue { since: date!(2026 - 11 - 02) }, "older first");
        assert_eq!(reasons[5], TodayReason::DueToday);
        assert_eq!(reasons[7], TodayReason::EndingSoon { end: TODAY });
    }

    #[test]
    fn timeline_newest_first() {
        let entry = |date, time, recorded| TimelineEntry {
            date,
            time,
            recorded_at: recorded,
            officer: None,
            event: TimelineEvent::Missed,
        };
        let mut t = vec![
            entry(date!(2026 - 11 - 01), None, datetime!(2026-11-01 0:00 UTC)),
            entry(date!(2026 - 11 - 20), Some(time!(09:00)), datetime!(2026-11-20 9:05 UTC)),
            entry(date!(2026 - 11 - 20), Some(time!(14:00)), datetime!(2026-11-20 14:05 UTC)),
        ];
        sort_timeline(&mut t);
        assert_eq!(t[0].time, Some(time!(14:00)));
        assert_eq!(t[2].date, date!(2026 - 11 - 01));
    }
}
