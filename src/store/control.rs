//! Control of protocol instructions: the final answer that takes an instruction
//! off control, reassignment of the executor under the conflict rule, and repeat
//! appeals of an applicant. The rules are in `domain::control`; this file only
//! reads and writes.
use super::appeals::{list_row, record_status, AppealRow, ROW_COLS};
use super::protocols::{instruction as instruction_row, ICOLS};
use super::{audit, parse_date, Actor, Store, StoreError};
use crate::domain::control::{self, AnswerDraft, CloseProblem};
use crate::domain::text::{self, limits};
use crate::domain::{Instruction, InstructionStatus};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

/// Appeal statuses in which an earlier appeal on the same topic makes a new one a
/// repeat appeal: the applicant was received or answered.
pub const REPEAT_STATUSES: &[&str] = &["received", "on_control", "answered", "closed"];

/// Why a control action was refused. `Rule` and `Conflict` are for the user (see
/// `i18n::control`); `Store` is a database failure.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The answer breaks the closing rules.
    #[error("the answer cannot close the instruction: {0:?}")]
    Rule(Vec<CloseProblem>),
    /// The new executor handled this appeal, or an earlier appeal of the same
    /// applicant on the same topic, before (001 §37).
    #[error("the appeal may not be assigned to an employee who handled it before")]
    Conflict {
        /// The earlier executor's name as stored.
        previous: String,
        /// The earlier appeal's registration number, when it was another appeal.
        earlier_appeal: Option<String>,
    },
    /// The executor's name is empty or not a clean line of text.
    #[error("executor name is missing or invalid")]
    ExecutorInvalid,
}

impl From<rusqlite::Error> for ControlError {
    fn from(e: rusqlite::Error) -> Self {
        ControlError::Store(StoreError::Sqlite(e))
    }
}

/// What registering an answer changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answered {
    pub appeal_id: i64,
    /// Every instruction of the appeal is now answered, and the appeal moved to `answered`.
    pub appeal_answered: bool,
}

/// The instruction with its protocol's date.
fn read_instruction(conn: &Connection, id: i64) -> Result<(Instruction, NaiveDate), StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {ICOLS}, pr.held_on FROM instructions i JOIN protocols pr ON pr.id = i.protocol_id
         WHERE i.id = ?1"
    ))?
    .query_row([id], |r| {
        Ok((instruction_row(r)?, parse_date(&r.get::<_, String>(10)?)))
    })
    .optional()?
    .ok_or(StoreError::NotFound)
}

impl Store {
    /// One instruction.
    pub fn instruction(&self, id: i64) -> Result<Instruction, StoreError> {
        Ok(read_instruction(&self.conn, id)?.0)
    }

    /// Every instruction of an appeal, oldest first.
    pub fn instructions_of(&self, appeal_id: i64) -> Result<Vec<Instruction>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ICOLS} FROM instructions i WHERE i.appeal_id = ?1 ORDER BY i.id"
        ))?;
        let v = stmt
            .query_map([appeal_id], instruction_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Registers the final reasoned answer of an instruction: checks the closing
    /// rules (`domain::control::check_answer`, today = `now`'s date), takes the
    /// instruction off control and, when every instruction of the appeal is
    /// answered, moves the appeal to `answered`. One transaction, audited.
    pub fn answer_instruction(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        instruction_id: i64,
        draft: &AnswerDraft,
    ) -> Result<Answered, ControlError> {
        let tx = self.conn.transaction()?;
        let (ins, held_on) = read_instruction(&tx, instruction_id)?;
        let answer = control::check_answer(ins.status, held_on, now.date(), draft)
            .map_err(ControlError::Rule)?;
        tx.prepare_cached(
            "UPDATE instructions SET status = 'answered', answered_on = ?2, answer_summary = ?3,
             answer_doc_no = ?4, version = version + 1 WHERE id = ?1 AND status = 'on_control'",
        )?
        .execute(params![
            instruction_id,
            answer.answered_on.to_string(),
            answer.summary,
            answer.doc_no
        ])?;
        audit::record(
            &tx,
            actor,
            now,
            "answer",
            "instruction",
            Some(instruction_id),
            Some(&json!({"status": ins.status.code()})),
            Some(
                &json!({"status": "answered", "answered_on": answer.answered_on.to_string(),
                         "summary": answer.summary, "doc_no": answer.doc_no}),
            ),
        )?;
        let open: i64 = tx
            .prepare_cached(
                "SELECT count(*) FROM instructions WHERE appeal_id = ?1 AND status = 'on_control'",
            )?
            .query_row([ins.appeal_id], |r| r.get(0))?;
        let mut appeal_answered = false;
        if open == 0 {
            let status: String = tx
                .prepare_cached("SELECT status FROM appeals WHERE id = ?1")?
                .query_row([ins.appeal_id], |r| r.get(0))?;
            if status != "answered" && status != "closed" {
                record_status(
                    &tx,
                    actor,
                    now,
                    ins.appeal_id,
                    Some(&status),
                    "answered",
                    json!({"instruction_id": instruction_id}),
                )?;
                appeal_answered = true;
            }
        }
        tx.commit()?;
        Ok(Answered {
            appeal_id: ins.appeal_id,
            appeal_answered,
        })
    }

    /// The executors the appeal's instructions have had (current and replaced),
    /// in order of first appearance.
    pub fn previous_executors(&self, appeal_id: i64) -> Result<Vec<String>, StoreError> {
        previous_executors(&self.conn, appeal_id)
    }

    /// Gives an instruction still on control to another executor (typed). Refused
    /// with `ControlError::Conflict` when the new executor handled the appeal before,
    /// or an earlier appeal of the same applicant on the same topic (001 §37; names
    /// compared folded: `domain::control::same_person`). `Store::assign_executor`
    /// does the same for an entry of the office's list.
    pub fn reassign_executor(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        instruction_id: i64,
        new_executor: &str,
    ) -> Result<(), ControlError> {
        let name = text::clean_line(new_executor, limits::SHORT)
            .map_err(|_| ControlError::ExecutorInvalid)?;
        if name.is_empty() {
            return Err(ControlError::ExecutorInvalid);
        }
        let tx = self.conn.transaction()?;
        let (ins, held_on) = read_instruction(&tx, instruction_id)?;
        if ins.status == InstructionStatus::Answered {
            return Err(ControlError::Rule(vec![CloseProblem::AlreadyAnswered]));
        }
        let earlier = super::rules::earlier_executors(&tx, ins.appeal_id)?;
        if let Some(hit) = control::history_conflict(&name, None, &earlier) {
            return Err(ControlError::Conflict {
                previous: hit.name.clone(),
                earlier_appeal: hit.appeal.as_ref().map(|a| a.1.clone()),
            });
        }
        tx.prepare_cached(
            "UPDATE instructions SET executor = ?2, version = version + 1 WHERE id = ?1",
        )?
        .execute(params![instruction_id, name])?;
        tx.prepare_cached(
            "INSERT INTO instruction_executors (instruction_id, appeal_id, executor, replaced_at)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            instruction_id,
            ins.appeal_id,
            ins.executor,
            super::ts(now)
        ])?;
        audit::record(
            &tx,
            actor,
            now,
            "reassign",
            "instruction",
            Some(instruction_id),
            Some(&json!({"executor": ins.executor})),
            Some(&json!({"executor": name, "protocol_date": held_on.to_string()})),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Earlier appeals of the same applicant (by IIN) on the same topic that were
    /// received or answered (statuses in [`REPEAT_STATUSES`]), newest first. The
    /// registration form warns with these: the new appeal is a repeat appeal.
    /// An empty IIN or topic finds nothing.
    pub fn previous_appeals(&self, iin: &str, topic: &str) -> Result<Vec<AppealRow>, StoreError> {
        if iin.trim().is_empty() || topic.trim().is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE p.iin = ?1 AND p.iin <> '' AND a.topic = ?2
               AND a.status IN ('received','on_control','answered','closed')
             ORDER BY a.registered_on DESC, a.id DESC"
        ))?;
        let v = stmt
            .query_map(params![iin.trim(), topic.trim()], list_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// The same for an applicant typed without an IIN: earlier appeals on the topic
    /// of applicants with the same name under the search folding ("Омирбекова
    /// Айгуль" finds "Өмірбекова Айгүл"): the same surname, name and patronymic, or
    /// the same surname and name where one of the two has no patronymic. At most
    /// 20, newest first. A possible repeat: namesakes are not told apart.
    pub fn previous_appeals_by_name(
        &self,
        surname: &str,
        name: &str,
        patronymic: &str,
        topic: &str,
    ) -> Result<Vec<AppealRow>, StoreError> {
        let Some((full, short, has_patronymic)) =
            crate::domain::fold::person_keys(surname, name, patronymic)
        else {
            return Ok(Vec::new());
        };
        if topic.trim().is_empty() {
            return Ok(Vec::new());
        }
        // Without a typed patronymic, any stored one: the range "short " .. "short!"
        // (' ' + 1 = '!'); with one, the range is empty.
        let (lo, hi) = if has_patronymic {
            (String::new(), String::new())
        } else {
            (format!("{short} "), format!("{short}!"))
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM applicants p JOIN appeals a ON a.applicant_id = p.id
             WHERE (p.name_fold = ?1 OR p.name_fold = ?2 OR (p.name_fold > ?3 AND p.name_fold < ?4))
               AND a.topic = ?5 AND a.status IN ('received','on_control','answered','closed')
             ORDER BY a.registered_on DESC, a.id DESC LIMIT 20"
        ))?;
        let v = stmt
            .query_map(params![full, short, lo, hi, topic.trim()], list_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }
}

/// Executors of the appeal's instructions now, plus everyone a reassignment
/// replaced, each name once.
pub(crate) fn previous_executors(
    conn: &Connection,
    appeal_id: i64,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT executor FROM (
           SELECT executor, 0 AS k, id FROM instructions WHERE appeal_id = ?1
           UNION ALL
           SELECT executor, 1 AS k, id FROM instruction_executors WHERE appeal_id = ?1)
         ORDER BY k, id",
    )?;
    let mut out: Vec<String> = Vec::new();
    for name in stmt.query_map([appeal_id], |r| r.get::<_, String>(0))? {
        let name = name?;
        if !out.contains(&name) {
            out.push(name);
        }
    }
    Ok(out)
}
