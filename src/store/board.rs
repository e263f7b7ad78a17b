//! What the waiting-room board reads besides the day's queue: whether anything
//! changed since it last looked, and the last "call again".
use super::{parse_ts, Result, Store};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::OptionalExtension;

impl Store {
    /// SQLite's `PRAGMA data_version`: a number that changes whenever another
    /// connection commits to the database (this connection's own writes leave it
    /// alone). Cheap: no page is read. The board checks it on a timer and reloads
    /// only when it moved.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The last "call again" of a queue entry of `day` (recorded only in the audit
    /// trail): `(audit row id, queue entry id, when)`.
    pub fn last_recall(&self, day: NaiveDate) -> Result<Option<(i64, i64, NaiveDateTime)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT a.id, a.entity_id, a.at FROM audit_log a
                 JOIN queue_entries q ON q.id = a.entity_id
                 WHERE a.entity = 'queue_entry' AND a.action = 'recall' AND q.day = ?1
                 ORDER BY a.id DESC LIMIT 1",
            )?
            .query_row([day.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, parse_ts(&r.get::<_, String>(2)?)))
            })
            .optional()?)
    }
}
