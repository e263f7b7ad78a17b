//! Issue 11 in the store: reception details of an appeal (citizenship, interpreter's
//! language, identity document, signatories), the office's employees and units and
//! the conflict rule over the applicant's history (001 §37), rounds of control
//! (004 §5(4)-(5)), the outgoing number and date of a step's letter, and the lists
//! the Today screen and the journal of oral appeals read. The rules are in
//! `domain::control`, `domain::lifecycle` and `domain::register`; this file only
//! reads and writes, each write one IMMEDIATE transaction with its audit row.
use super::appeals::{list_row, record_status, AppealRow, ROW_COLS};
use super::protocols::{instruction as instruction_row, ICOLS};
use super::{audit, parse_date, ts, Actor, Store, StoreError};
use crate::domain::control::{self, EarlierExecutor, RoundKind, RoundProblem};
use crate::domain::fold::fold;
use crate::domain::lifecycle::NextAction;
use crate::domain::text::{self, limits};
use crate::domain::{Channel, InstructionStatus};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::json;

/// What the reception needs to know about an appeal besides the registration form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppealDetails {
    /// The applicant's citizenship as told (empty = not recorded; 001 §11).
    pub citizenship: String,
    /// The language the interpreter translates from, when one is needed.
    pub interpreter_language: String,
    /// An identity document (or a document of authority) was shown (001 §10).
    pub identity_shown: bool,
    /// Number of signatories: 1 for an individual appeal, more for a collective one.
    pub signatories: u32,
}

/// Why a write of this module was refused.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A round of control breaks the rules (`domain::control::check_rework` / `check_extension`).
    #[error("the round of control is not possible: {0:?}")]
    Round(Vec<RoundProblem>),
    /// The executor handled this appeal, or an earlier appeal of the same applicant on
    /// the same topic (001 §37); the refusal names it.
    #[error("the executor handled the applicant's appeal before")]
    Conflict(EarlierExecutor),
    /// A name, number or reason is empty or not clean text.
    #[error("invalid {0}")]
    Invalid(&'static str),
}

impl From<rusqlite::Error> for RulesError {
    fn from(e: rusqlite::Error) -> Self {
        RulesError::Store(StoreError::Sqlite(e))
    }
}

/// An employee or a unit of the office.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StaffKind {
    Employee,
    Unit,
}

impl StaffKind {
    pub fn code(self) -> &'static str {
        match self {
            StaffKind::Employee => "employee",
            StaffKind::Unit => "unit",
        }
    }
    pub fn from_code(s: &str) -> Option<StaffKind> {
        match s {
            "employee" => Some(StaffKind::Employee),
            "unit" => Some(StaffKind::Unit),
            _ => None,
        }
    }
}

/// One entry of the office's list of executors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffMember {
    pub id: i64,
    pub kind: StaffKind,
    pub name: String,
    pub unit_id: Option<i64>,
    pub active: bool,
}

/// One round of control of an instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Round {
    pub id: i64,
    pub instruction_id: i64,
    pub kind: RoundKind,
    pub on_day: NaiveDate,
    pub reason: String,
    pub old_due: NaiveDate,
    pub new_due: NaiveDate,
    /// The answer returned for rework, as it was (rework rounds only).
    pub returned_answer: Option<(NaiveDate, String, String)>,
}

/// A step of an appeal's history with the outgoing letter recorded on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRecord {
    pub event_id: i64,
    pub at: NaiveDateTime,
    pub to_status: String,
    /// The step's facts as stored (JSON of `domain::lifecycle::Transition`, or `{}`).
    pub data: String,
    pub out_no: Option<String>,
    pub out_date: Option<NaiveDate>,
}

/// One line of the journal of oral appeals (000 §21, 001 §25).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OralJournalRow {
    pub appeal_id: i64,
    pub reg_no: String,
    pub registered_at: NaiveDateTime,
    pub channel: Channel,
    pub applicant_name: String,
    pub essence: String,
    pub topic: String,
    pub status: String,
}

fn staff_row(r: &rusqlite::Row) -> rusqlite::Result<StaffMember> {
    Ok(StaffMember {
        id: r.get(0)?,
        kind: StaffKind::from_code(&r.get::<_, String>(1)?).unwrap_or(StaffKind::Employee),
        name: r.get(2)?,
        unit_id: r.get(3)?,
        active: r.get::<_, i64>(4)? != 0,
    })
}

/// Everyone who handled an appeal of this applicant on this topic: the appeal's own
/// executors (current and replaced), then those of earlier appeals of the same
/// applicant (same applicant record, or the same IIN) on the same topic.
pub(crate) fn earlier_executors(
    conn: &Connection,
    appeal_id: i64,
) -> Result<Vec<EarlierExecutor>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "WITH me AS (
           SELECT a.id, a.applicant_id, a.topic, p.iin
           FROM appeals a JOIN applicants p ON p.id = a.applicant_id WHERE a.id = ?1),
         related AS (
           SELECT a.id, a.reg_no FROM appeals a JOIN applicants p ON p.id = a.applicant_id, me
           WHERE a.id = me.id
              OR (a.id < me.id AND a.topic = me.topic AND me.topic <> ''
                  AND (a.applicant_id = me.applicant_id OR (me.iin <> '' AND p.iin = me.iin))))
         SELECT x.executor, x.executor_id, r.id, r.reg_no, x.k, x.id FROM (
           SELECT executor, executor_id, appeal_id, 0 AS k, id FROM instructions
           UNION ALL
           SELECT executor, executor_id, appeal_id, 1 AS k, id FROM instruction_executors) x
         JOIN related r ON r.id = x.appeal_id
         ORDER BY r.id = ?1 DESC, r.id DESC, x.k, x.id",
    )?;
    let mut out: Vec<EarlierExecutor> = Vec::new();
    let rows = stmt.query_map([appeal_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (name, staff_id, id, reg_no) = row?;
        let e = EarlierExecutor {
            name,
            staff_id,
            appeal: (id != appeal_id).then_some((id, reg_no)),
        };
        if !out.contains(&e) {
            out.push(e);
        }
    }
    Ok(out)
}

fn read_staff(conn: &Connection, id: i64) -> Result<StaffMember, StoreError> {
    conn.prepare_cached("SELECT id, kind, name, unit_id, active FROM staff WHERE id = ?1")?
        .query_row([id], staff_row)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Records the reception details of an appeal in the caller's transaction, audited
/// ([`Store::set_appeal_details`], and the registration service in its own).
pub(crate) fn set_appeal_details(
    tx: &rusqlite::Connection,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    details: &AppealDetails,
) -> Result<(), RulesError> {
    let citizenship = text::clean_line(&details.citizenship, limits::SHORT)
        .map_err(|_| RulesError::Invalid("citizenship"))?;
    let language = text::clean_line(&details.interpreter_language, limits::SHORT)
        .map_err(|_| RulesError::Invalid("interpreter_language"))?;
    if details.signatories == 0 {
        return Err(RulesError::Invalid("signatories"));
    }
    let before = read_details(tx, appeal_id)?;
    tx.execute(
        "UPDATE applicants SET citizenship = ?2, updated_at = ?3
             WHERE id = (SELECT applicant_id FROM appeals WHERE id = ?1)",
        params![appeal_id, citizenship, ts(now)],
    )?;
    tx.execute(
        "UPDATE appeals SET interpreter_language = ?2, identity_shown = ?3, signatories = ?4,
             updated_at = ?5, version = version + 1 WHERE id = ?1",
        params![
            appeal_id,
            language,
            details.identity_shown as i64,
            details.signatories as i64,
            ts(now)
        ],
    )?;
    audit::record(
        tx,
        actor,
        now,
        "details",
        "appeal",
        Some(appeal_id),
        Some(&json!({"citizenship": before.citizenship,
                "interpreter_language": before.interpreter_language,
                "identity_shown": before.identity_shown, "signatories": before.signatories})),
        Some(
            &json!({"citizenship": citizenship, "interpreter_language": language,
                "identity_shown": details.identity_shown, "signatories": details.signatories}),
        ),
    )?;
    Ok(())
}

/// [`Store::add_staff`] in the caller's transaction.
pub(crate) fn add_staff(
    tx: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    kind: StaffKind,
    name: &str,
    unit_id: Option<i64>,
) -> Result<i64, RulesError> {
    let name = text::clean_line(name, limits::SHORT).map_err(|_| RulesError::Invalid("name"))?;
    if name.is_empty() {
        return Err(RulesError::Invalid("name"));
    }
    let key = fold(&name);
    if let Some(u) = unit_id {
        let unit = read_staff(tx, u)?;
        if unit.kind != StaffKind::Unit || kind == StaffKind::Unit {
            return Err(RulesError::Invalid("unit"));
        }
    }
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM staff WHERE kind = ?1 AND name_fold = ?2")?
        .query_row(params![kind.code(), key], |r| r.get(0))
        .optional()?;
    let id = match existing {
        Some(id) => {
            tx.execute("UPDATE staff SET active = 1 WHERE id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO staff (kind, name, name_fold, unit_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![kind.code(), name, key, unit_id, ts(now)],
            )?;
            tx.last_insert_rowid()
        }
    };
    audit::record(
        tx,
        actor,
        now,
        if existing.is_some() {
            "activate"
        } else {
            "create"
        },
        "staff",
        Some(id),
        None,
        Some(&json!({"kind": kind.code(), "name": name, "unit_id": unit_id})),
    )?;
    Ok(id)
}

/// [`Store::assign_executor`] in the caller's transaction.
pub(crate) fn assign_executor(
    tx: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    instruction_id: i64,
    staff_id: i64,
) -> Result<(), RulesError> {
    let staff = read_staff(tx, staff_id)?;
    let ins = read_instruction(tx, instruction_id)?;
    if ins.status == InstructionStatus::Answered {
        return Err(RulesError::Round(vec![RoundProblem::NotOnControl]));
    }
    let old_id: Option<i64> = tx.query_row(
        "SELECT executor_id FROM instructions WHERE id = ?1",
        [instruction_id],
        |r| r.get(0),
    )?;
    let earlier = earlier_executors(tx, ins.appeal_id)?;
    if let Some(hit) = control::history_conflict(&staff.name, Some(staff.id), &earlier) {
        return Err(RulesError::Conflict(hit.clone()));
    }
    tx.execute(
        "UPDATE instructions SET executor = ?2, executor_id = ?3, version = version + 1
         WHERE id = ?1",
        params![instruction_id, staff.name, staff.id],
    )?;
    tx.execute(
        "INSERT INTO instruction_executors (instruction_id, appeal_id, executor, replaced_at, executor_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![instruction_id, ins.appeal_id, ins.executor, ts(now), old_id],
    )?;
    audit::record(
        tx,
        actor,
        now,
        "reassign",
        "instruction",
        Some(instruction_id),
        Some(&json!({"executor": ins.executor, "executor_id": old_id})),
        Some(&json!({"executor": staff.name, "executor_id": staff.id})),
    )?;
    Ok(())
}

fn read_instruction(conn: &Connection, id: i64) -> Result<crate::domain::Instruction, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {ICOLS} FROM instructions i WHERE i.id = ?1"
    ))?
    .query_row([id], instruction_row)
    .optional()?
    .ok_or(StoreError::NotFound)
}

fn read_details(conn: &Connection, appeal_id: i64) -> Result<AppealDetails, StoreError> {
    conn.prepare_cached(
        "SELECT p.citizenship, a.interpreter_language, a.identity_shown, a.signatories
                 FROM appeals a JOIN applicants p ON p.id = a.applicant_id WHERE a.id = ?1",
    )?
    .query_row([appeal_id], |r| {
        Ok(AppealDetails {
            citizenship: r.get(0)?,
            interpreter_language: r.get(1)?,
            identity_shown: r.get::<_, i64>(2)? != 0,
            signatories: r.get::<_, i64>(3)?.max(1) as u32,
        })
    })
    .optional()?
    .ok_or(StoreError::NotFound)
}

impl Store {
    /// The id of the appeal with this registration number.
    pub fn appeal_id_by_reg_no(&self, reg_no: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM appeals WHERE reg_no = ?1")?
            .query_row([reg_no.trim()], |r| r.get(0))
            .optional()?)
    }

    /// The reception details of an appeal.
    pub fn appeal_details(&self, appeal_id: i64) -> Result<AppealDetails, StoreError> {
        read_details(&self.conn, appeal_id)
    }

    /// Records the reception details of an appeal (citizenship goes on the applicant).
    pub fn set_appeal_details(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        details: &AppealDetails,
    ) -> Result<(), RulesError> {
        self.write(|tx| tx.set_appeal_details(actor, now, appeal_id, details))
    }

    /// Adds an employee or a unit to the office's list; a name already listed (under
    /// the search folding) returns the existing entry (re-activated).
    pub fn add_staff(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        kind: StaffKind,
        name: &str,
        unit_id: Option<i64>,
    ) -> Result<i64, RulesError> {
        self.write(|tx| tx.add_staff(actor, now, kind, name, unit_id))
    }

    /// Takes an entry off the list (or back on it); its history stays.
    pub fn set_staff_active(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        id: i64,
        active: bool,
    ) -> Result<(), RulesError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let before = read_staff(&tx, id)?;
        tx.execute(
            "UPDATE staff SET active = ?2 WHERE id = ?1",
            params![id, active as i64],
        )?;
        audit::record(
            &tx,
            actor,
            now,
            "activate",
            "staff",
            Some(id),
            Some(&json!({"active": before.active})),
            Some(&json!({"active": active})),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The office's list: units first, then employees, by name; inactive ones only
    /// when asked.
    pub fn staff(&self, with_inactive: bool) -> Result<Vec<StaffMember>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, name, unit_id, active FROM staff
             WHERE active = 1 OR ?1 ORDER BY kind = 'employee', name_fold",
        )?;
        let v = stmt
            .query_map([with_inactive], staff_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// The conflict rule over the applicant's history (001 §37) for a new executor of
    /// `appeal_id`: the earlier executor it matches (by staff entry, else by name),
    /// naming the earlier appeal when it was another one. The protocol form calls it
    /// for each instruction before saving.
    pub fn executor_conflict(
        &self,
        appeal_id: i64,
        name: &str,
        staff_id: Option<i64>,
    ) -> Result<Option<EarlierExecutor>, StoreError> {
        let earlier = earlier_executors(&self.conn, appeal_id)?;
        Ok(control::history_conflict(name, staff_id, &earlier).cloned())
    }

    /// Gives an instruction still on control to an employee or unit of the list,
    /// refused under the conflict rule over the applicant's history.
    pub fn assign_executor(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        instruction_id: i64,
        staff_id: i64,
    ) -> Result<(), RulesError> {
        self.write(|tx| tx.assign_executor(actor, now, instruction_id, staff_id))
    }

    /// Returns an answered instruction to the executor for rework (004 §5(4)-(5)):
    /// back on control with the new due date, the returned answer kept in the round,
    /// the appeal back to `on_control` when it was `answered`. One transaction, audited.
    pub fn return_for_rework(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        instruction_id: i64,
        reason: &str,
        new_due: NaiveDate,
    ) -> Result<i64, RulesError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ins = read_instruction(&tx, instruction_id)?;
        let appeal_status: String = tx.query_row(
            "SELECT status FROM appeals WHERE id = ?1",
            [ins.appeal_id],
            |r| r.get(0),
        )?;
        let reason = control::check_rework(
            ins.status,
            appeal_status == "closed",
            now.date(),
            reason,
            new_due,
        )
        .map_err(RulesError::Round)?;
        tx.execute(
            "INSERT INTO instruction_rounds (instruction_id, appeal_id, kind, on_day, at, reason,
               old_due, new_due, answered_on, answer_summary, answer_doc_no, operator_id)
             VALUES (?1, ?2, 'returned', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                instruction_id,
                ins.appeal_id,
                now.date().to_string(),
                ts(now),
                reason,
                ins.due_on.to_string(),
                new_due.to_string(),
                ins.answered_on.map(|d| d.to_string()),
                ins.answer_summary,
                ins.answer_doc_no,
                actor.operator_id
            ],
        )?;
        let round = tx.last_insert_rowid();
        tx.execute(
            "UPDATE instructions SET status = 'on_control', due_on = ?2, answered_on = NULL,
             answer_summary = '', answer_doc_no = '', version = version + 1 WHERE id = ?1",
            params![instruction_id, new_due.to_string()],
        )?;
        audit::record(
            &tx,
            actor,
            now,
            "rework",
            "instruction",
            Some(instruction_id),
            Some(
                &json!({"status": "answered", "due_on": ins.due_on.to_string(),
                "answered_on": ins.answered_on.map(|d| d.to_string()),
                "summary": ins.answer_summary, "doc_no": ins.answer_doc_no}),
            ),
            Some(
                &json!({"status": "on_control", "due_on": new_due.to_string(),
                "reason": reason, "round": round}),
            ),
        )?;
        if appeal_status == "answered" {
            record_status(
                &tx,
                actor,
                now,
                ins.appeal_id,
                Some("answered"),
                "on_control",
                json!({"rework": instruction_id, "round": round}),
            )?;
        }
        tx.commit()?;
        Ok(round)
    }

    /// Extends the deadline of an instruction on control, with a reason.
    pub fn extend_instruction(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        instruction_id: i64,
        reason: &str,
        new_due: NaiveDate,
    ) -> Result<i64, RulesError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ins = read_instruction(&tx, instruction_id)?;
        let reason = control::check_extension(ins.status, ins.due_on, now.date(), reason, new_due)
            .map_err(RulesError::Round)?;
        tx.execute(
            "INSERT INTO instruction_rounds (instruction_id, appeal_id, kind, on_day, at, reason,
               old_due, new_due, operator_id)
             VALUES (?1, ?2, 'extended', ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                instruction_id,
                ins.appeal_id,
                now.date().to_string(),
                ts(now),
                reason,
                ins.due_on.to_string(),
                new_due.to_string(),
                actor.operator_id
            ],
        )?;
        let round = tx.last_insert_rowid();
        tx.execute(
            "UPDATE instructions SET due_on = ?2, version = version + 1 WHERE id = ?1",
            params![instruction_id, new_due.to_string()],
        )?;
        audit::record(
            &tx,
            actor,
            now,
            "extend",
            "instruction",
            Some(instruction_id),
            Some(&json!({"due_on": ins.due_on.to_string()})),
            Some(&json!({"due_on": new_due.to_string(), "reason": reason, "round": round})),
        )?;
        tx.commit()?;
        Ok(round)
    }

    /// Every round of control of an instruction, oldest first.
    pub fn instruction_rounds(&self, instruction_id: i64) -> Result<Vec<Round>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, instruction_id, kind, on_day, reason, old_due, new_due, answered_on,
                    answer_summary, answer_doc_no
             FROM instruction_rounds WHERE instruction_id = ?1 ORDER BY id",
        )?;
        let v = stmt
            .query_map([instruction_id], |r| {
                let answered: Option<String> = r.get(7)?;
                Ok(Round {
                    id: r.get(0)?,
                    instruction_id: r.get(1)?,
                    kind: RoundKind::from_code(&r.get::<_, String>(2)?)
                        .unwrap_or(RoundKind::Extended),
                    on_day: parse_date(&r.get::<_, String>(3)?),
                    reason: r.get(4)?,
                    old_due: parse_date(&r.get::<_, String>(5)?),
                    new_due: parse_date(&r.get::<_, String>(6)?),
                    returned_answer: match answered {
                        Some(d) => Some((
                            parse_date(&d),
                            r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                            r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                        )),
                        None => None,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Rounds of control in a period: (returned for rework, extensions).
    pub fn round_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<(i64, i64), StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT COALESCE(sum(kind = 'returned'), 0), COALESCE(sum(kind = 'extended'), 0)
                 FROM instruction_rounds WHERE on_day BETWEEN ?1 AND ?2",
            )?
            .query_row(params![from.to_string(), to.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?)
    }

    /// The history of an appeal with the outgoing letter of each step.
    pub fn step_records(&self, appeal_id: i64) -> Result<Vec<StepRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, to_status, data, out_no, out_date FROM appeal_events
             WHERE appeal_id = ?1 ORDER BY id",
        )?;
        let v = stmt
            .query_map([appeal_id], |r| {
                Ok(StepRecord {
                    event_id: r.get(0)?,
                    at: super::parse_ts(&r.get::<_, String>(1)?),
                    to_status: r.get(2)?,
                    data: r.get(3)?,
                    out_no: r.get(4)?,
                    out_date: r.get::<_, Option<String>>(5)?.map(|d| parse_date(&d)),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Records the outgoing number and date of the letter sent for a step (an event of
    /// the appeal's history). Audited.
    pub fn set_step_letter(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        event_id: i64,
        out_no: &str,
        out_date: NaiveDate,
    ) -> Result<(), RulesError> {
        let out_no =
            text::clean_line(out_no, limits::SHORT).map_err(|_| RulesError::Invalid("out_no"))?;
        if out_no.is_empty() {
            return Err(RulesError::Invalid("out_no"));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let before: (Option<String>, Option<String>) = tx
            .query_row(
                "SELECT out_no, out_date FROM appeal_events WHERE id = ?1 AND appeal_id = ?2",
                params![event_id, appeal_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        tx.execute(
            "UPDATE appeal_events SET out_no = ?2, out_date = ?3 WHERE id = ?1",
            params![event_id, out_no, out_date.to_string()],
        )?;
        audit::record(
            &tx,
            actor,
            now,
            "letter",
            "appeal",
            Some(appeal_id),
            Some(&json!({"event_id": event_id, "out_no": before.0, "out_date": before.1})),
            Some(
                &json!({"event_id": event_id, "out_no": out_no, "out_date": out_date.to_string()}),
            ),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Appeals whose stored next action is `action`, earliest due first (the Today
    /// screen's "to redirect by competence" line reads `NextAction::Redirect`).
    pub fn due_by_action(
        &self,
        action: NextAction,
        limit: usize,
    ) -> Result<Vec<super::DueRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.reg_no,
               p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
               a.status, a.due_on
             FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE a.next_action = ?1 AND a.due_on IS NOT NULL
             ORDER BY a.due_on, a.id LIMIT ?2",
        )?;
        let v = stmt
            .query_map(params![action.code(), limit as i64], |r| {
                Ok(super::DueRow {
                    appeal_id: r.get(0)?,
                    reg_no: r.get(1)?,
                    applicant_name: r.get(2)?,
                    status: r.get(3)?,
                    next_action: Some(action),
                    due_on: parse_date(&r.get::<_, String>(4)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Appeals registered on or before `registered_by` still without a number in the
    /// national register, not finished, oldest first. The caller passes `today` minus
    /// the profile's `national_register` working days (`domain::deadlines`).
    pub fn missing_national_no(
        &self,
        registered_by: NaiveDate,
        limit: usize,
    ) -> Result<Vec<AppealRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE a.national_reg_no = '' AND a.registered_on <= ?1
               AND a.status NOT IN ('closed','returned','refused','withdrawn','not_considered')
             ORDER BY a.registered_on, a.id LIMIT ?2"
        ))?;
        let v = stmt
            .query_map(params![registered_by.to_string(), limit as i64], list_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// The journal of oral appeals (walk-in and phone) registered from `from` to `to`.
    pub fn oral_journal(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<OralJournalRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.reg_no, a.registered_at, a.channel,
               p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
               a.essence, a.topic, a.status
             FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE a.channel IN ('walk_in','phone') AND a.registered_on BETWEEN ?1 AND ?2
             ORDER BY a.registered_at, a.id",
        )?;
        let v = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| {
                Ok(OralJournalRow {
                    appeal_id: r.get(0)?,
                    reg_no: r.get(1)?,
                    registered_at: super::parse_ts(&r.get::<_, String>(2)?),
                    channel: Channel::from_code(&r.get::<_, String>(3)?).unwrap_or(Channel::WalkIn),
                    applicant_name: r.get(4)?,
                    essence: r.get(5)?,
                    topic: r.get(6)?,
                    status: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// Collective appeals registered in a period and their signatories in all.
    pub fn collective_counts(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(i64, i64), StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*), COALESCE(sum(signatories), 0) FROM appeals
                 WHERE signatories > 1 AND registered_on BETWEEN ?1 AND ?2",
            )?
            .query_row(params![from.to_string(), to.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?)
    }
}
