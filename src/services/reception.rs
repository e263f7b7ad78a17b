//! The protocol of a personal reception: the decision and the instructions that go
//! on control.
use super::{Office, ServiceError};
use crate::domain::control::{executor_conflict, history_conflict};
use crate::domain::register::check_protocol;
use crate::domain::ProtocolDraft;
use crate::store::{Actor, Store};
use chrono::NaiveDateTime;

/// Saves the protocol of a reception: checks it against the profile, refuses an
/// instruction given to someone who handled the appeal before (001 §24: the earlier
/// executors are read inside the transaction), then writes the protocol, its
/// instructions on control, the appeal's outcome and status and closes the
/// applicant's queue entry of that day. One transaction; returns the protocol id.
pub fn save_protocol(
    store: &mut Store,
    office: &Office,
    actor: &Actor,
    now: NaiveDateTime,
    draft: &ProtocolDraft,
) -> Result<i64, ServiceError> {
    let clean = check_protocol(draft, &office.profile).map_err(ServiceError::Fields)?;
    store.write(|tx| {
        let previous = tx.previous_executors(clean.appeal_id)?;
        // Indexed by the rows of the form (the draft), empty rows included.
        let conflicts: Vec<(Option<usize>, String)> = draft
            .instructions
            .iter()
            .enumerate()
            .filter(|(_, ins)| !ins.executor.trim().is_empty())
            .filter_map(|(i, ins)| {
                executor_conflict(&ins.executor, &previous).map(|p| (Some(i), p.to_string()))
            })
            .collect();
        if !conflicts.is_empty() {
            return Err(ServiceError::ExecutorConflict(conflicts));
        }
        // 001 §37 over the applicant's history: nor anyone who handled an earlier
        // appeal of the same applicant on the same topic (the refusal names it).
        let earlier = tx.earlier_executors(clean.appeal_id)?;
        let history: Vec<(Option<usize>, String, String)> = draft
            .instructions
            .iter()
            .enumerate()
            .filter(|(_, ins)| !ins.executor.trim().is_empty())
            .filter_map(|(i, ins)| {
                history_conflict(&ins.executor, None, &earlier).and_then(|e| {
                    e.appeal
                        .as_ref()
                        .map(|(_, reg_no)| (Some(i), e.name.clone(), reg_no.clone()))
                })
            })
            .collect();
        if !history.is_empty() {
            return Err(ServiceError::HistoryConflict(history));
        }
        Ok(tx.insert_protocol(actor, now, &clean)?)
    })
}
