//! Lifecycle steps of appeals (checked by `domain::lifecycle` before they get here)
//! and the appeals due for action.
use super::{appeals::record_status, parse_date, Actor, Result, Store, StoreError};
use crate::domain::lifecycle::{NextAction, Transition};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use rusqlite::{params, OptionalExtension};

/// An appeal with an action due.
#[derive(Clone, Debug, PartialEq)]
pub struct DueRow {
    pub appeal_id: i64,
    pub reg_no: String,
    pub applicant_name: String,
    pub status: String,
    pub next_action: Option<NextAction>,
    pub due_on: NaiveDate,
}

impl Store {
    /// Records a lifecycle step: the new status, the step's facts in the history,
    /// the audit row, and the next due action, in one transaction.
    pub fn record_step(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        appeal_id: i64,
        to: &str,
        step: &Transition,
        next: Option<(NextAction, NaiveDate)>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let from = appeal_status(&tx, appeal_id)?;
        record_step(&tx, actor, now, appeal_id, &from, to, step, next)?;
        tx.commit()?;
        Ok(())
    }

    /// Sets (or clears) the next due action of an appeal; derived from audited facts.
    /// A finished appeal (e.g. registered "not considered") keeps none.
    pub fn set_next_due(
        &mut self,
        appeal_id: i64,
        next: Option<(NextAction, NaiveDate)>,
    ) -> Result<()> {
        set_next_due(&self.conn, appeal_id, next)
    }

    /// The steps taken so far (oldest first), read back from the history.
    pub fn steps_of(&self, appeal_id: i64) -> Result<Vec<Transition>> {
        steps_of(&self.conn, appeal_id)
    }

    /// The next due action stored for an appeal.
    pub fn next_due_of(&self, appeal_id: i64) -> Result<Option<(Option<NextAction>, NaiveDate)>> {
        let row: Option<(Option<String>, Option<String>)> = self
            .conn
            .prepare_cached("SELECT next_action, due_on FROM appeals WHERE id = ?1")?
            .query_row([appeal_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.and_then(|(a, d)| {
            d.map(|d| (a.and_then(|a| NextAction::from_code(&a)), parse_date(&d)))
        }))
    }

    /// Appeals with an action due on or before `by`, earliest first.
    pub fn due_appeals(&self, by: NaiveDate, limit: usize) -> Result<Vec<DueRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.reg_no,
               p.surname || ' ' || p.name || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END,
               a.status, a.next_action, a.due_on
             FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE a.due_on IS NOT NULL AND a.due_on <= ?1
             ORDER BY a.due_on, a.id LIMIT ?2",
        )?;
        let v = stmt
            .query_map(params![by.to_string(), limit as i64], |r| {
                Ok(DueRow {
                    appeal_id: r.get(0)?,
                    reg_no: r.get(1)?,
                    applicant_name: r.get(2)?,
                    status: r.get(3)?,
                    next_action: r
                        .get::<_, Option<String>>(4)?
                        .and_then(|a| NextAction::from_code(&a)),
                    due_on: parse_date(&r.get::<_, String>(5)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }
}

/// The steps taken so far (oldest first), inside any transaction.
pub(crate) fn steps_of(conn: &Connection, appeal_id: i64) -> Result<Vec<Transition>> {
    Ok(super::appeals::appeal_events(conn, appeal_id)?
        .into_iter()
        .filter_map(|(_, _, _, data)| serde_json::from_str::<Transition>(&data).ok())
        .collect())
}

/// The current status code of an appeal.
pub(crate) fn appeal_status(conn: &Connection, appeal_id: i64) -> Result<String> {
    conn.prepare_cached("SELECT status FROM appeals WHERE id = ?1")?
        .query_row([appeal_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Records a step taken from `from`: the status, the history row with the step's
/// facts, the audit row and the next due action, inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record_step(
    conn: &Connection,
    actor: &Actor,
    now: NaiveDateTime,
    appeal_id: i64,
    from: &str,
    to: &str,
    step: &Transition,
    next: Option<(NextAction, NaiveDate)>,
) -> Result<()> {
    // The Schedule step books the appeal into the official's session at that time
    // (issue 15): a clash, a time outside every session or a full session is refused.
    if let Transition::Schedule {
        date,
        time,
        official_id,
    } = step
    {
        super::schedule::ensure_booking(
            conn,
            actor,
            now,
            appeal_id,
            *date,
            *time,
            *official_id,
            false,
        )?;
    }
    let data = serde_json::to_value(step).unwrap_or_default();
    record_status(conn, actor, now, appeal_id, Some(from), to, data)?;
    set_next_due(conn, appeal_id, next)?;
    // The appointment book follows the lifecycle: the Notify step means the
    // applicant knows the date and time (the slot stops moving); a final status
    // frees the slot.
    if matches!(step, Transition::Notify { .. }) {
        conn.execute(
            "UPDATE bookings SET told_at = COALESCE(told_at, ?2), pinned = 1
             WHERE appeal_id = ?1 AND status = 'booked'",
            params![appeal_id, super::ts(now)],
        )?;
    }
    if crate::domain::lifecycle::Status::from_code(to).is_some_and(|s| s.is_final()) {
        conn.execute(
            "UPDATE bookings SET status = 'cancelled' WHERE appeal_id = ?1 AND status = 'booked'",
            [appeal_id],
        )?;
    }
    Ok(())
}

/// Sets (or clears) the next due action of an appeal.
pub(crate) fn set_next_due(
    conn: &Connection,
    appeal_id: i64,
    next: Option<(NextAction, NaiveDate)>,
) -> Result<()> {
    // A finished appeal (e.g. registered "not considered") keeps no next due action.
    conn.prepare_cached(
        "UPDATE appeals SET
           next_action = CASE WHEN status IN ('returned','refused','closed','withdrawn','not_considered')
                         THEN NULL ELSE ?2 END,
           due_on = CASE WHEN status IN ('returned','refused','closed','withdrawn','not_considered')
                    THEN NULL ELSE ?3 END
         WHERE id = ?1",
    )?
    .execute(params![
            appeal_id,
            next.map(|n| n.0.code()),
            next.map(|n| n.1.to_string())
        ])?;
    Ok(())
}
