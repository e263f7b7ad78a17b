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
                crate::store::StoreError::ClockBehind { .. } => ServiceError::ClockBehind,
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

/// Returns an answered instruction to the executor for rework with a reason and a new
/// due date (004 §5(4)-(5)); the round (and the returned answer) is kept. One
/// transaction, audited. Returns the round's id.
pub fn return_for_rework(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    instruction_id: i64,
    reason: &str,
    new_due: chrono::NaiveDate,
) -> Result<i64, ServiceError> {
    Ok(store.return_for_rework(actor, now, instruction_id, reason, new_due)?)
}

/// Extends the deadline of an instruction on control with a reason. One
/// transaction, audited. Returns the round's id.
pub fn extend(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    instruction_id: i64,
    reason: &str,
    new_due: chrono::NaiveDate,
) -> Result<i64, ServiceError> {
    Ok(store.extend_instruction(actor, now, instruction_id, reason, new_due)?)
}

/// Gives an instruction on control to an entry of the office's list of employees
/// and units, refused under the conflict rule over the applicant's history (001 §37).
pub fn assign(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    instruction_id: i64,
    staff_id: i64,
) -> Result<(), ServiceError> {
    Ok(store.assign_executor(actor, now, instruction_id, staff_id)?)
}

/// Gives an instruction to an executor typed as a name not yet on the list: the
/// name joins the list as an employee and takes the instruction in ONE
/// transaction, so a refusal (the conflict rule) leaves the list as it was.
pub fn assign_new_employee(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    instruction_id: i64,
    name: &str,
) -> Result<(), ServiceError> {
    store.write(|tx| {
        let staff_id = tx.add_staff(actor, now, crate::store::StaffKind::Employee, name, None)?;
        tx.assign_executor(actor, now, instruction_id, staff_id)?;
        Ok(())
    })
}

/// Adds a name typed as free text to the office's list (the way a new executor
/// enters it) and returns its id; a name already listed returns that entry.
pub fn add_to_list(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    kind: crate::store::StaffKind,
    name: &str,
    unit_id: Option<i64>,
) -> Result<i64, ServiceError> {
    Ok(store.add_staff(actor, now, kind, name, unit_id)?)
}
