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
            ControlError::Conflict {
                previous,
                earlier_appeal: None,
            } => ServiceError::ExecutorConflict(vec![(None, previous)]),
            ControlError::Conflict {
                previous,
                earlier_appeal: Some(reg_no),
            } => ServiceError::HistoryConflict(vec![(None, previous, reg_no)]),
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
            ControlError::Conflict {
                previous,
                earlier_appeal: None,
            } => ServiceError::ExecutorConflict(vec![(None, previous.clone())]),
            ControlError::Conflict {
                previous,
                earlier_appeal: Some(reg_no),
            } => ServiceError::HistoryConflict(vec![(None, previous.clone(), reg_no.clone())]),
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
/// person handled the appeal, or an earlier appeal of the same applicant on the same
/// topic, before (001 §37). One transaction, audited.
pub fn reassign(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    instruction_id: i64,
    new_executor: &str,
) -> Result<(), ServiceError> {
    Ok(store.reassign_executor(actor, now, instruction_id, new_executor)?)
}
