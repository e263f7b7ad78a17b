//! Protocols of receptions and their instructions on control.
use super::{appeals::record_status, audit, parse_date, ts, Actor, Result, Store, StoreError};
use crate::domain::{Instruction, InstructionStatus, Protocol, ProtocolDraft, QueueStatus};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

/// One instruction on the control list, with what the screen needs around it.
#[derive(Clone, Debug, PartialEq)]
pub struct ControlRow {
    pub instruction: Instruction,
    pub reg_no: String,
    pub applicant_name: String,
    pub official_name: String,
}

/// Reads an instruction from a row selected with [`ICOLS`].
pub(crate) fn instruction(r: &rusqlite::Row) -> rusqlite::Result<Instruction> {
    Ok(Instruction {
        id: r.get(0)?,
        protocol_id: r.get(1)?,
        appeal_id: r.get(2)?,
        text: r.get(3)?,
        executor: r.get(4)?,
        due_on: parse_date(&r.get::<_, String>(5)?),
        status: InstructionStatus::from_code(&r.get::<_, String>(6)?)
            .unwrap_or(InstructionStatus::OnControl),
        answered_on: r.get::<_, Option<String>>(7)?.map(|s| parse_date(&s)),
        answer_summary: r.get(8)?,
        answer_doc_no: r.get(9)?,
    })
}

/// The columns [`instruction`] reads, in order.
pub(crate) const ICOLS: &str =
    "i.id, i.protocol_id, i.appeal_id, i.text, i.executor, i.due_on, i.status,
    i.answered_on, i.answer_summary, i.answer_doc_no";

impl Store {
    /// Saves the protocol of a reception (validated by the caller): the decision, the
    /// instructions (which go on control), the appeal's outcome and status, and closes
    /// the applicant's queue entry of that day. Returns the protocol id.
    pub fn save_protocol(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        draft: &ProtocolDraft,
    ) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let id = insert_protocol(&tx, actor, now, draft)?;
        tx.commit()?;
        Ok(id)
    }

    /// The protocols of one appeal with their instructions, oldest first.
    pub fn protocols_of(&self, appeal_id: i64) -> Result<Vec<Protocol>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, appeal_id, official_id, held_on, decision, outcome FROM protocols
             WHERE appeal_id = ?1 ORDER BY id",
        )?;
        let mut v = stmt
            .query_map([appeal_id], |r| {
                Ok(Protocol {
                    id: r.get(0)?,
                    appeal_id: r.get(1)?,
                    official_id: r.get(2)?,
                    held_on: parse_date(&r.get::<_, String>(3)?),
                    decision: r.get(4)?,
                    outcome: r.get(5)?,
                    instructions: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut istmt = self.conn.prepare_cached(&format!(
            "SELECT {ICOLS} FROM instructions i WHERE i.protocol_id = ?1 ORDER BY i.id"
        ))?;
        for p in &mut v {
            p.instructions = istmt
                .query_map([p.id], instruction)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(v)
    }

    /// Instructions on control, earliest due first; with `due_by`, only those due on
    /// or before that date.
    pub fn on_control(&self, due_by: Option<NaiveDate>, limit: usize) -> Result<Vec<ControlRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ICOLS}, a.reg_no,
               p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
               o.surname || ' ' || o.name
             FROM instructions i JOIN appeals a ON a.id = i.appeal_id
             JOIN applicants p ON p.id = a.applicant_id
             JOIN protocols pr ON pr.id = i.protocol_id
             JOIN officials o ON o.id = pr.official_id
             WHERE i.status = 'on_control' AND (?1 IS NULL OR i.due_on <= ?1)
             ORDER BY i.due_on, i.id LIMIT ?2"
        ))?;
        let v = stmt
            .query_map(params![due_by.map(|d| d.to_string()), limit as i64], |r| {
                Ok(ControlRow {
                    instruction: instruction(r)?,
                    reg_no: r.get(10)?,
                    applicant_name: r.get(11)?,
                    official_name: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }
}

/// The body of [`Store::save_protocol`], inside the caller's transaction.
pub(crate) fn insert_protocol(
    conn: &rusqlite::Connection,
    actor: &Actor,
    now: NaiveDateTime,
    draft: &ProtocolDraft,
) -> Result<i64> {
    let official_id = draft
        .official_id
        .ok_or_else(|| StoreError::Invalid("official".into()))?;
    let held_on = draft.held_on.unwrap_or(now.date());
    if draft.decision.trim().is_empty() {
        return Err(StoreError::Invalid("decision".into()));
    }
    let status: String = conn
        .query_row(
            "SELECT status FROM appeals WHERE id = ?1",
            [draft.appeal_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound)?;
    conn.execute(
        "INSERT INTO protocols (uid, appeal_id, official_id, held_on, decision, outcome, operator_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            uuid::Uuid::now_v7().to_string(),
            draft.appeal_id,
            official_id,
            held_on.to_string(),
            draft.decision,
            draft.outcome,
            actor.operator_id,
            ts(now)
        ],
    )?;
    let protocol_id = conn.last_insert_rowid();
    let mut ids = Vec::new();
    for ins in &draft.instructions {
        let due = ins
            .due_on
            .ok_or_else(|| StoreError::Invalid("due_on".into()))?;
        // An executor named as an entry of the office's list is linked to it (the
        // conflict rule compares entries, 001 §37).
        let staff_id: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM staff WHERE name_fold = ?1 ORDER BY kind = 'unit', id LIMIT 1",
            )?
            .query_row([crate::domain::fold::fold(&ins.executor)], |r| r.get(0))
            .optional()?;
        conn.execute(
            "INSERT INTO instructions (uid, protocol_id, appeal_id, text, executor, due_on, executor_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                uuid::Uuid::now_v7().to_string(),
                protocol_id,
                draft.appeal_id,
                ins.text,
                ins.executor,
                due.to_string(),
                staff_id
            ],
        )?;
        ids.push(conn.last_insert_rowid());
    }
    conn.execute(
        "UPDATE appeals SET outcome = COALESCE(?2, outcome), due_on = NULL, next_action = NULL WHERE id = ?1",
        params![draft.appeal_id, draft.outcome],
    )?;
    audit::record(
        conn,
        actor,
        now,
        "create",
        "protocol",
        Some(protocol_id),
        None,
        Some(&serde_json::to_value(draft).unwrap_or_default()),
    )?;
    if status != "received" {
        record_status(
            conn,
            actor,
            now,
            draft.appeal_id,
            Some(&status),
            "received",
            json!({"protocol_id": protocol_id}),
        )?;
    }
    if !ids.is_empty() {
        record_status(
            conn,
            actor,
            now,
            draft.appeal_id,
            Some("received"),
            "on_control",
            json!({"instructions": ids}),
        )?;
    }
    // The applicant's queue entry of that day is done.
    let entry: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, status FROM queue_entries WHERE appeal_id = ?1 AND day = ?2
             AND status IN ('waiting','called','in_reception') ORDER BY id DESC LIMIT 1",
            params![draft.appeal_id, held_on.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((qid, qstatus)) = entry {
        conn.execute(
            "UPDATE queue_entries SET status='received', finished_at=?2, version=version+1 WHERE id=?1",
            params![qid, ts(now)],
        )?;
        audit::record(
            conn,
            actor,
            now,
            "status",
            "queue_entry",
            Some(qid),
            Some(&json!({"status": qstatus})),
            Some(&json!({"status": QueueStatus::Received.code()})),
        )?;
    }
    Ok(protocol_id)
}
