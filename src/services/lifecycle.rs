//! Lifecycle steps of an appeal: checked against the regulation inside the write
//! transaction, against the status stored at that moment.
use super::{Office, ServiceError};
use crate::domain::lifecycle::{self as lc, Status, Step, Transition};
use crate::store::{Actor, Store};
use chrono::NaiveDateTime;

/// What a step did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepDone {
    pub from: Status,
    pub to: Status,
    /// The appeal's next due action and date after the step.
    pub next: Option<(lc::NextAction, chrono::NaiveDate)>,
}

/// Takes step `t` on appeal `appeal_id`, as seen by the clerk at version
/// `seen_version` (the appeal's `version` when the card was read). Inside one
/// IMMEDIATE transaction: the stored version is compared (`Conflict` when another
/// desk changed the appeal meanwhile, e.g. took a step first), the step is checked
/// by `domain::lifecycle::apply` against the stored status and the facts of the
/// earlier steps, and the new status, the history row, the next due action and the
/// audit row are written.
pub fn step(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    seen_version: i64,
    t: &Transition,
) -> Result<StepDone, ServiceError> {
    store.write(|tx| {
        let state = tx.appeal_state(appeal_id)?;
        if state.version != seen_version {
            return Err(ServiceError::Conflict);
        }
        let from = Status::from_code(&state.status).unwrap_or(Status::Registered);
        let steps = tx.steps_of(appeal_id)?;
        let mut ctx = lc::Ctx {
            today: now.date(),
            registered_on: state.registered_on,
            calendar: &office.calendar,
            profile: &office.profile,
            facts: lc::Facts::from_steps(&steps),
        };
        let to = lc::apply(from, t, &ctx)?;
        ctx.facts = lc::Facts::from_steps(steps.iter().chain(std::iter::once(t)));
        let next = lc::next_due(to, &ctx);
        tx.record_step(actor, now, appeal_id, &state.status, to.code(), t, next)?;
        Ok(StepDone { from, to, next })
    })
}

/// The steps the appeal card offers: by the stored status, the office's profile (the
/// notice of inclusion in the list of 000 §25 only where the profile has it and it was
/// not sent yet) and the appeal's history (`domain::lifecycle::steps_for`).
pub fn available_steps(
    store: &Store,
    office: &Office,
    appeal_id: i64,
) -> Result<Vec<Step>, ServiceError> {
    let appeal = store.appeal(appeal_id)?;
    let Some(status) = Status::from_code(&appeal.status) else {
        return Ok(Vec::new());
    };
    let facts = lc::Facts::from_steps(&store.steps_of(appeal_id)?);
    Ok(lc::steps_for(status, &office.profile, &facts))
}
