//! The day's queue: tickets, calls, holds, no-shows.
use super::{audit, parse_date, parse_ts, ts, Actor, Result, Store, StoreError};
use crate::domain::{queue as rules, Lang, QueueEntry, QueueStatus};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

/// Takes an appeal's waiting entries of `day` out of the queue (status `left`),
/// audited with the reason: the applicant was booked into a session of a later
/// day and is not to be called today. Returns how many were taken out.
pub(crate) fn leave_for_later_session(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    day: NaiveDate,
) -> Result<usize> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM queue_entries WHERE appeal_id = ?1 AND day = ?2 AND status = 'waiting'",
        )?
        .query_map(params![appeal_id, day.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        conn.execute(
            "UPDATE queue_entries SET status = 'left', finished_at = ?2, version = version + 1
             WHERE id = ?1",
            params![id, ts(now)],
        )?;
        audit::record(
            conn,
            actor,
            now,
            "status",
            "queue_entry",
            Some(*id),
            Some(&json!({"status": "waiting"})),
            Some(&json!({"status": "left", "reason": "booked into a later session"})),
        )?;
    }
    Ok(ids.len())
}

/// Puts an appeal into the queue of `now`'s day; returns the ticket number
/// (tickets restart at 1 every day).
pub(crate) fn enqueue(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    category: Option<&str>,
    official_id: Option<i64>,
) -> Result<u32> {
    let day = now.date().to_string();
    let ticket: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(ticket), 0) + 1 FROM queue_entries WHERE day = ?1")?
        .query_row([&day], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO queue_entries (day, ticket, appeal_id, official_id, category, arrived_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        day,
        ticket,
        appeal_id,
        official_id,
        category,
        ts(now)
    ])?;
    let id = conn.last_insert_rowid();
    audit::record(
        conn,
        actor,
        now,
        "create",
        "queue_entry",
        Some(id),
        None,
        Some(&json!({"day": day, "ticket": ticket, "appeal_id": appeal_id, "category": category})),
    )?;
    Ok(ticket as u32)
}

const COLS: &str = "q.id, q.day, q.ticket, q.appeal_id, a.reg_no,
    p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
    q.category, q.arrived_at, q.status, q.on_hold, q.official_id, q.called_at, q.finished_at,
    q.out_of_order_reason, p.needs_interpreter, p.language";

fn entry(r: &rusqlite::Row) -> rusqlite::Result<QueueEntry> {
    Ok(QueueEntry {
        id: r.get(0)?,
        day: parse_date(&r.get::<_, String>(1)?),
        ticket: r.get::<_, i64>(2)? as u32,
        appeal_id: r.get(3)?,
        reg_no: r.get(4)?,
        applicant_name: r.get(5)?,
        category: r.get(6)?,
        arrived_at: parse_ts(&r.get::<_, String>(7)?),
        status: QueueStatus::from_code(&r.get::<_, String>(8)?).unwrap_or(QueueStatus::Waiting),
        on_hold: r.get::<_, i64>(9)? != 0,
        official_id: r.get(10)?,
        called_at: r.get::<_, Option<String>>(11)?.map(|s| parse_ts(&s)),
        finished_at: r.get::<_, Option<String>>(12)?.map(|s| parse_ts(&s)),
        out_of_order_reason: r.get(13)?,
        needs_interpreter: r.get::<_, i64>(14)? != 0,
        language: Lang::from_code(&r.get::<_, String>(15)?).unwrap_or_default(),
    })
}

impl Store {
    /// The queue of one day, in the regulation's order.
    pub fn queue_of(&self, day: NaiveDate) -> Result<Vec<QueueEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM queue_entries q JOIN appeals a ON a.id = q.appeal_id
             JOIN applicants p ON p.id = a.applicant_id WHERE q.day = ?1"
        ))?;
        let mut v = stmt
            .query_map([day.to_string()], entry)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rules::order(&mut v);
        Ok(v)
    }

    pub fn queue_entry(&self, id: i64) -> Result<QueueEntry> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {COLS} FROM queue_entries q JOIN appeals a ON a.id = q.appeal_id
                 JOIN applicants p ON p.id = a.applicant_id WHERE q.id = ?1"
            ))?
            .query_row([id], entry)
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    /// Puts an already registered appeal into the queue of `now`'s day.
    pub fn enqueue_appeal(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        category: Option<&str>,
        official_id: Option<i64>,
    ) -> Result<u32> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let t = enqueue(&tx, actor, now, appeal_id, category, official_id)?;
        tx.commit()?;
        Ok(t)
    }

    /// Moves a queue entry to another status (checked by `domain::queue::can_move`).
    /// `reason` is recorded when an applicant is called out of order.
    pub fn move_queue_entry(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        id: i64,
        to: QueueStatus,
        reason: Option<&str>,
    ) -> Result<()> {
        let before = self.queue_entry(id)?;
        if !rules::can_move(before.status, to) {
            return Err(StoreError::Invalid(format!(
                "queue: {} -> {}",
                before.status.code(),
                to.code()
            )));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Checked again inside the write transaction: another desk may have moved
        // the entry since it was read (two clerks calling the next applicant at the
        // same moment must not both call the same one). The caller reads again.
        let current: String = tx.query_row(
            "SELECT status FROM queue_entries WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if current != before.status.code() {
            return Err(StoreError::Conflict);
        }
        let now_s = ts(now);
        match to {
            QueueStatus::Called => {
                tx.execute(
                    "UPDATE queue_entries SET status='called', on_hold=0, called_at=?2,
                     out_of_order_reason=COALESCE(?3, out_of_order_reason), version=version+1 WHERE id=?1",
                    params![id, now_s, reason],
                )?;
            }
            QueueStatus::Waiting => {
                tx.execute(
                    "UPDATE queue_entries SET status='waiting', called_at=NULL, finished_at=NULL,
                     version=version+1 WHERE id=?1",
                    params![id],
                )?;
            }
            QueueStatus::InReception => {
                tx.execute(
                    "UPDATE queue_entries SET status='in_reception', version=version+1 WHERE id=?1",
                    params![id],
                )?;
            }
            QueueStatus::Received | QueueStatus::NoShow | QueueStatus::Left => {
                tx.execute(
                    "UPDATE queue_entries SET status=?2, finished_at=?3, version=version+1 WHERE id=?1",
                    params![id, to.code(), now_s],
                )?;
            }
        }
        audit::record(
            &tx,
            actor,
            now,
            "status",
            "queue_entry",
            Some(id),
            Some(&json!({"status": before.status.code()})),
            Some(&json!({"status": to.code(), "reason": reason})),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Calls an already called applicant again (recorded in the audit trail).
    pub fn recall_queue_entry(&mut self, actor: &Actor, now: NaiveDateTime, id: i64) -> Result<()> {
        let e = self.queue_entry(id)?;
        if e.status != QueueStatus::Called {
            return Err(StoreError::Invalid("queue: recall".into()));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        audit::record(
            &tx,
            actor,
            now,
            "recall",
            "queue_entry",
            Some(id),
            None,
            Some(&json!({"ticket": e.ticket})),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts a waiting entry on hold, or brings it back.
    pub fn hold_queue_entry(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        id: i64,
        hold: bool,
    ) -> Result<()> {
        let before = self.queue_entry(id)?;
        if before.status != QueueStatus::Waiting && before.status != QueueStatus::Called {
            return Err(StoreError::Invalid("queue: hold".into()));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE queue_entries SET on_hold=?2, status='waiting', called_at=NULL, version=version+1 WHERE id=?1",
            params![id, hold as i64],
        )?;
        audit::record(
            &tx,
            actor,
            now,
            "update",
            "queue_entry",
            Some(id),
            Some(&json!({"on_hold": before.on_hold, "status": before.status.code()})),
            Some(&json!({"on_hold": hold, "status": "waiting"})),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Days that have a queue, newest first (the history of past days).
    pub fn queue_days(&self, limit: usize) -> Result<Vec<(NaiveDate, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, count(*) FROM queue_entries GROUP BY day ORDER BY day DESC LIMIT ?1",
        )?;
        let v = stmt
            .query_map([limit as i64], |r| {
                Ok((parse_date(&r.get::<_, String>(0)?), r.get(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }
}
