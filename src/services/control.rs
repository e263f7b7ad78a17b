//! Instructions on control: the final answer and a change of executor. The rules
//! (`domain::control`) are checked by the store inside the write transaction,
//! against the instruction as stored then.
use super::ServiceError;
use crate::domain::control::AnswerDraft;
use crate::store::{Actor, Answered, ControlError, Store};
use chrono::NaiveDateTime;

impl From<ControlError> for ServiceError {
    fn from(e: ControlError) -> Self {
        match e {
            ControlError::Store(s) => s.into(),
            ControlError::Rule(ps) => ServiceError::Answer(ps),
            ControlError::Conflict { previous } => {
                ServiceError::ExecutorConflict(vec![(None, previous)])
            }
            ControlError::ExecutorInvalid => ServiceError::ExecutorInvalid,
        }
    }
}

/// The same mapping for a borrowed error (the technical text of a storage failure kept).
impl From<&ControlError> for ServiceError {
    fn from(e: &ControlError) -> Self {
        match e {
            ControlError::Store(s) => match s {
                crate::store::StoreError::Conflict => ServiceError::Conflict,
                crate::store::StoreError::NotFound => ServiceError::NotFound,
                other => ServiceError::Storage(other.to_string()),
            },
            ControlError::Rule(ps) => ServiceError::Answer(ps.clone()),
            ControlError::Conflict { previous } => {
                ServiceError::ExecutorConflict(vec![(None, previous.clone())])
            }
            ControlError::ExecutorInvalid => ServiceError::ExecutorInvalid,
        }
    }
}

/// Registers the final answer of an instruction (today = `now`'s date): the
/// instruction leaves control, and when every instruction of the appeal is answered
/// the appeal moves to `answered`. One transaction, audited.
pub fn answer(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    instruction_id: i64,
    draft: &AnswerDraft,
) -> Result<Answered, ServiceError> {
    Ok(store.answer_instruction(actor, now, instruction_id, draft)?)
}

/// Gives an instruction still on control to another executor; refused when that
/// person handled the appeal before (001 §24). One transaction, audited.
pub fn reassign(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    instruction_id: i64,
    new_executor: &str,
) -> Result<(), ServiceError> {
    Ok(store.reassign_executor(actor, now, instruction_id, new_executor)?)
}
