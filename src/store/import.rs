//! Imported rows remembered by the hash of their normalised content
//! (`import_rows`), so a row imported before, or repeated within the file, is
//! skipped and reported (`services::register::register_import`).
use super::appeals::{iin_conflict, Registered};
use super::{ts, Result, Store};
use crate::domain::fold::fold;
use crate::domain::AppealDraft;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// What became of one imported row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportedRow {
    /// Registered now.
    New(Registered),
    /// The same row was imported before (or earlier in this file) as `reg_no`.
    AlreadyImported { reg_no: String },
    /// Dry run only: the same as the row at index `earlier` of the same rows.
    Repeats { earlier: usize },
    /// The row's IIN is stored under another name; nobody was renamed.
    IinBelongsTo { name: String },
}

/// The hash that identifies an imported row: registration date, channel,
/// applicant's name (folded), IIN and phone digits, topic, settlement and the
/// essence with case, spelling variants and spacing normalised.
pub fn import_row_hash(on: NaiveDate, d: &AppealDraft) -> String {
    let norm = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let a = &d.applicant;
    let mut h = Sha256::new();
    for part in [
        on.to_string(),
        d.channel.map(|c| c.code().to_string()).unwrap_or_default(),
        norm(&a.surname),
        norm(&a.name),
        norm(&a.patronymic),
        digits(&a.iin),
        digits(&a.phone),
        d.topic.trim().to_string(),
        norm(&d.settlement),
        norm(&d.essence),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn imported_as(conn: &Connection, hash: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT reg_no FROM import_rows WHERE hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?)
}

impl Store {
    /// The registration number a row with this hash was imported as, if it was.
    pub fn imported_as(&self, hash: &str) -> Result<Option<String>> {
        imported_as(&self.conn, hash)
    }

    /// What importing each row would do, writing nothing (a dry run): the
    /// duplicates (earlier imports and repeats within `rows`) and IIN conflicts.
    /// `New` carries no registration yet: its `reg_no` is empty.
    pub fn preview_import(&self, rows: &[(NaiveDate, AppealDraft)]) -> Result<Vec<ImportedRow>> {
        let mut seen = std::collections::HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for (i, (on, draft)) in rows.iter().enumerate() {
            let hash = import_row_hash(*on, draft);
            if let Some(reg_no) = imported_as(&self.conn, &hash)? {
                out.push(ImportedRow::AlreadyImported { reg_no });
                continue;
            }
            if let Some(earlier) = seen.get(&hash) {
                out.push(ImportedRow::Repeats { earlier: *earlier });
                continue;
            }
            seen.insert(hash, i);
            match iin_conflict(&self.conn, &draft.applicant)? {
                Some((_, name)) => out.push(ImportedRow::IinBelongsTo { name }),
                None => out.push(ImportedRow::New(Registered {
                    appeal_id: 0,
                    reg_no: String::new(),
                    registered_on: *on,
                    registered_at: NaiveDateTime::default(),
                    ticket: None,
                })),
            }
        }
        Ok(out)
    }
}

/// Remembers an imported row (inside the caller's transaction).
pub(crate) fn remember(
    conn: &Connection,
    hash: &str,
    r: &Registered,
    now: NaiveDateTime,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO import_rows (hash, appeal_id, reg_no, imported_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![hash, r.appeal_id, r.reg_no, ts(now)])?;
    Ok(())
}
