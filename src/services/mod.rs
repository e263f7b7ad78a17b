//! One service per use case, called by the desk and the command line alike.
//!
//! A service takes plain inputs (drafts, ids, an [`Actor`](crate::store::Actor),
//! `now`), checks them against the rules in [`crate::domain`], and writes in ONE
//! IMMEDIATE transaction (`Store::write`) with the audit rows inside it; what it
//! checked is read inside that transaction, so a concurrent writer cannot slip in
//! between. It returns data or a typed [`ServiceError`], never a label: the
//! caller words the error in the user's language (`i18n::services::service_error`).
pub mod backup;
pub mod control;
pub mod journal;
pub mod letters;
pub mod lifecycle;
pub mod operators;
pub mod reception;
pub mod register;
pub mod schedule;
pub mod survey;

use crate::domain::calendar::Calendar;
use crate::domain::control::{CloseProblem, RoundProblem};
use crate::domain::lifecycle::TransitionError;
use crate::domain::profile::Profile;
use crate::domain::register::FieldError;
use crate::domain::survey::CallProblem;
use crate::store::{OfficeSettings, Store, StoreError};
use std::path::Path;

/// What the services need to know of the office: its settings, its regulation
/// profile and its working-day calendar.
#[derive(Clone, Debug)]
pub struct Office {
    pub settings: OfficeSettings,
    pub profile: Profile,
    pub calendar: Calendar,
}

impl Office {
    /// The office as configured: settings from the database, the profile they name
    /// and the calendar (from `config_dir` when it holds one, else the shipped ones).
    /// Also returns the warnings of loading (an unreadable calendar file, ...).
    pub fn load(
        store: &Store,
        config_dir: Option<&Path>,
    ) -> Result<(Office, Vec<String>), StoreError> {
        let settings = store.office_settings()?;
        let (calendar, mut warnings) = crate::assets::load_calendar(config_dir);
        let (mut profile, w) =
            crate::assets::load_profile(config_dir, settings.profile_id.as_deref());
        // Topics the office added while bringing its journal in.
        store.extend_profile(&mut profile)?;
        warnings.extend(w);
        Ok((
            Office {
                settings,
                profile,
                calendar,
            },
            warnings,
        ))
    }

    /// An office with the shipped profile and calendar and default settings (tests).
    pub fn shipped() -> Office {
        Office {
            settings: OfficeSettings::default(),
            profile: crate::assets::default_profile(),
            calendar: crate::assets::shipped_calendar(),
        }
    }
}

/// Why a service did not do its work. Nothing was written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The form's input breaks the rules; one entry per field.
    #[error("the input has errors: {0:?}")]
    Fields(Vec<FieldError>),
    /// A date typed in a field is not a date.
    #[error("not a date: {0}")]
    BadDate(&'static str),
    /// The lifecycle step is not possible now.
    #[error("{0}")]
    Step(#[from] TransitionError),
    /// Someone else changed the record since it was read: reload and try again.
    #[error("the record was changed by someone else meanwhile")]
    Conflict,
    /// An instruction would go to someone who handled the appeal before (001 §24):
    /// (index of the instruction in the draft, or `None` for a reassignment; the
    /// earlier executor's name as stored).
    #[error("the appeal may not be assigned to an employee who handled it before")]
    ExecutorConflict(Vec<(Option<usize>, String)>),
    /// An instruction would go to someone who handled an earlier appeal of the same
    /// applicant on the same topic (001 §37): (index of the instruction in the draft,
    /// or `None` for a reassignment; the earlier executor's name; that appeal's
    /// registration number).
    #[error(
        "the appeal may not be assigned to an employee who handled the applicant's earlier appeal"
    )]
    HistoryConflict(Vec<(Option<usize>, String, String)>),
    /// The executor's name is missing or invalid.
    #[error("executor name is missing or invalid")]
    ExecutorInvalid,
    /// The answer cannot close the instruction.
    #[error("the answer cannot close the instruction: {0:?}")]
    Answer(Vec<CloseProblem>),
    /// The result of a survey call is not valid.
    #[error("the call result is not valid: {0:?}")]
    Call(Vec<CallProblem>),
    /// Nobody of the period can be called for the survey.
    #[error("no applicant of the period is eligible for the survey")]
    NobodyEligible,
    /// A return for rework or an extension of an instruction breaks the rules
    /// (004 §5(4)-(5)).
    #[error("the round of control is not possible: {0:?}")]
    Round(Vec<RoundProblem>),
    /// A short text (name, number, citizenship, ...) is missing or not clean text.
    #[error("invalid {0}")]
    Invalid(&'static str),
    /// A letter cannot be made for the appeal.
    #[error("{0}")]
    Letter(#[from] crate::docs::letters::LetterError),
    /// A schedule, booking or absence breaks a rule of reception days.
    #[error("{0}")]
    Schedule(crate::domain::schedule::ScheduleError),
    /// The record does not exist (any more).
    #[error("record not found")]
    NotFound,
    /// The database was written by a newer program.
    #[error(
        "the database was made by a newer Qabyldau (schema {found}, this program knows {known})"
    )]
    SchemaTooNew { found: i64, known: i64 },
    /// The database or a file could not be read or written (technical text kept).
    #[error("{0}")]
    Storage(String),
    /// Cancelled (Ctrl+C); what the work had begun was undone.
    #[error("cancelled; nothing was written")]
    Cancelled,
    /// The IIN is stored under another name (the name is personal data: never in
    /// the message); the desk asks whether it is the same person with a new name.
    #[error("this IIN is already registered under another name")]
    IinBelongsTo {
        applicant_id: i64,
        name: crate::store::Personal,
    },
    /// The computer's clock is earlier than the newest audit record.
    #[error("the computer's clock is earlier than the newest record; nothing was saved")]
    ClockBehind,
}

/// The kind of a store failure, for callers that only word it (i18n does not look
/// into store errors).
impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict => ServiceError::Conflict,
            StoreError::NotFound => ServiceError::NotFound,
            StoreError::Cancelled => ServiceError::Cancelled,
            StoreError::Schedule(e) => ServiceError::Schedule(e),
            StoreError::IinBelongsTo { applicant_id, name } => {
                ServiceError::IinBelongsTo { applicant_id, name }
            }
            StoreError::ClockBehind { .. } => ServiceError::ClockBehind,
            StoreError::SchemaTooNew { found, known } => {
                ServiceError::SchemaTooNew { found, known }
            }
            other => ServiceError::Storage(other.to_string()),
        }
    }
}

impl From<crate::store::RulesError> for ServiceError {
    fn from(e: crate::store::RulesError) -> Self {
        use crate::store::RulesError as R;
        match e {
            R::Store(s) => s.into(),
            R::Round(ps) => ServiceError::Round(ps),
            R::Conflict(hit) => match hit.appeal {
                Some((_, reg_no)) => ServiceError::HistoryConflict(vec![(None, hit.name, reg_no)]),
                None => ServiceError::ExecutorConflict(vec![(None, hit.name)]),
            },
            R::Invalid(field) => ServiceError::Invalid(field),
        }
    }
}

impl From<rusqlite::Error> for ServiceError {
    fn from(e: rusqlite::Error) -> Self {
        ServiceError::from(StoreError::from(e))
    }
}
