//! Satisfaction surveys: drawing the call list of a period and recording calls.
use super::ServiceError;
use crate::domain::survey::{CallResult, SampleSize};
use crate::store::{Actor, Store, SurveyError};
use chrono::{NaiveDate, NaiveDateTime};

impl From<SurveyError> for ServiceError {
    fn from(e: SurveyError) -> Self {
        match e {
            SurveyError::Store(s) => s.into(),
            SurveyError::Invalid(ps) => ServiceError::Call(ps),
            SurveyError::NobodyEligible => ServiceError::NobodyEligible,
        }
    }
}

/// The seed of a draw made at `now`: recorded with the survey, so the draw can be
/// repeated and checked.
pub fn seed_at(now: NaiveDateTime) -> u64 {
    now.and_utc().timestamp() as u64
}

/// Draws the call list of the period `from..=to` (seeded by `now`, see [`seed_at`])
/// and stores it. Returns the survey's id.
pub fn draw(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    from: NaiveDate,
    to: NaiveDate,
    size: SampleSize,
) -> Result<i64, ServiceError> {
    Ok(store.create_survey(actor, now, from, to, size, seed_at(now))?)
}

/// Records (or corrects) the result of one call made at `now`.
pub fn record_call(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    call_id: i64,
    result: &CallResult,
) -> Result<(), ServiceError> {
    Ok(store.record_call(actor, now, call_id, result)?)
}
