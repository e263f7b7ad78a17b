//! Whole-database checks: SQLite's own integrity check, foreign keys and the
//! audit chain. Used by `qabyldau check`, by restore (before a file replaces the
//! database) and by the crash test.
use super::{audit, Result, Store, SCHEMA_VERSION};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// The outcome of [`check_connection`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    /// Schema version of the file (`PRAGMA user_version`).
    pub schema_version: i64,
    /// Lines of `PRAGMA integrity_check` other than `ok`.
    pub integrity: Vec<String>,
    /// Rows breaking a foreign key: (table, rowid).
    pub foreign_keys: Vec<(String, Option<i64>)>,
    pub chain: audit::ChainReport,
    /// Appeals whose row in the search list (`appeal_list`) is missing or differs,
    /// plus list rows of no appeal; repaired by `qabyldau check --rebuild-search`.
    pub list_mismatches: i64,
    /// Audit trail problems beyond the chain: the seal beside the file, the
    /// table and its triggers, times going backwards, altered personal snapshots.
    pub audit_problems: Vec<String>,
}

impl CheckReport {
    /// `Ok(())` when everything holds, else the first reason (one line, English
    /// technical text: no personal data can appear in it).
    pub fn verdict(&self) -> std::result::Result<(), String> {
        if self.schema_version > SCHEMA_VERSION {
            return Err(format!(
                "schema {} is newer than this program's {}",
                self.schema_version, SCHEMA_VERSION
            ));
        }
        if let Some(first) = self.integrity.first() {
            return Err(format!(
                "integrity_check: {} ({} problem(s))",
                first,
                self.integrity.len()
            ));
        }
        if let Some((table, rowid)) = self.foreign_keys.first() {
            return Err(format!(
                "foreign key broken in {table} row {} ({} row(s))",
                rowid.map(|r| r.to_string()).unwrap_or_else(|| "?".into()),
                self.foreign_keys.len()
            ));
        }
        if let Some(id) = self.chain.broken_at {
            return Err(format!("audit chain broken at row {id}"));
        }
        if let Some(p) = self.audit_problems.first() {
            return Err(p.clone());
        }
        if self.list_mismatches > 0 {
            return Err(format!(
                "search list out of step with the appeals in {} row(s); \
                 run `qabyldau check --rebuild-search`",
                self.list_mismatches
            ));
        }
        Ok(())
    }

    pub fn is_ok(&self) -> bool {
        self.verdict().is_ok()
    }
}

/// Appeals whose `appeal_list` row is missing or differs from what the triggers
/// write, plus `appeal_list` rows of no appeal.
const LIST_MISMATCHES: &str = "SELECT
    (SELECT count(*) FROM appeals a JOIN applicants p ON p.id = a.applicant_id
       LEFT JOIN appeal_list l ON l.id = a.id
     WHERE l.id IS NULL OR l.reg_no IS NOT a.reg_no OR l.registered_on IS NOT a.registered_on
       OR l.channel IS NOT a.channel OR l.topic IS NOT a.topic OR l.status IS NOT a.status
       OR l.national_reg_no IS NOT a.national_reg_no OR l.iin IS NOT p.iin
       OR l.phone IS NOT p.phone
       OR l.applicant_name IS NOT p.surname || ' ' || p.name
          || CASE WHEN p.patronymic <> '' THEN ' ' || p.patronymic ELSE '' END)
  + (SELECT count(*) FROM appeal_list l WHERE NOT EXISTS (SELECT 1 FROM appeals a WHERE a.id = l.id))";

/// Runs `integrity_check`, `foreign_key_check` and the audit chain on a connection.
/// A database too new for this program is reported without looking further.
pub fn check_connection(conn: &Connection) -> Result<CheckReport> {
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let mut report = CheckReport {
        schema_version,
        integrity: Vec::new(),
        foreign_keys: Vec::new(),
        chain: audit::ChainReport {
            rows: 0,
            broken_at: None,
        },
        list_mismatches: 0,
        audit_problems: Vec::new(),
    };
    if schema_version > SCHEMA_VERSION {
        return Ok(report);
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    report.integrity = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|l| l != "ok")
        .collect();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    report.foreign_keys = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let has_audit: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'",
        [],
        |r| r.get(0),
    )?;
    if has_audit > 0 {
        report.chain = audit::verify_chain(conn)?;
    }
    if schema_version >= 1 {
        report.audit_problems = audit::verify_extras(conn)?;
    }
    let has_list: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'appeal_list'",
        [],
        |r| r.get(0),
    )?;
    if has_list > 0 {
        report.list_mismatches = conn.query_row(LIST_MISMATCHES, [], |r| r.get(0))?;
    }
    Ok(report)
}

/// SQLite's quick check (`PRAGMA quick_check`): the lines other than `ok`.
/// Much faster than the integrity check (no index cross-checks): what the desk
/// runs in the background at start.
pub fn quick_check(conn: &Connection) -> Result<Vec<String>> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("PRAGMA quick_check")?;
        let v = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    };
    match run() {
        Ok(v) => Ok(v.into_iter().filter(|l| l != "ok").collect()),
        // So damaged that the check itself cannot read it: that is its verdict.
        Err(rusqlite::Error::SqliteFailure(e, msg))
            if matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
            ) =>
        {
            Ok(vec![msg.unwrap_or_else(|| e.to_string())])
        }
        Err(e) => Err(e.into()),
    }
}

/// Runs [`quick_check`] on its own read-only connection in a background thread
/// (the desk starts it after its first frame) and logs the verdict; the
/// receiver gets the problem lines (empty: ok). `None` when no thread started.
pub fn quick_check_in_background(path: &Path) -> Option<std::sync::mpsc::Receiver<Vec<String>>> {
    let path = path.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("quick-check".into())
        .spawn(move || {
            let problems = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(super::StoreError::from)
                .and_then(|c| quick_check(&c))
                .unwrap_or_else(|e| vec![e.to_string()]);
            match problems.first() {
                Some(first) => crate::log::log(
                    crate::log::Level::Error,
                    &format!(
                        "quick check: the database is damaged ({} problem(s)): {first}",
                        problems.len()
                    ),
                ),
                None => crate::log::log(crate::log::Level::Info, "quick check: ok"),
            }
            let _ = tx.send(problems);
        })
        .ok()?;
    Some(rx)
}

/// Whether the file at `path` is a Qabyldau database: its application id is
/// ours (or 0 in a file made before schema 8) and it has the expected tables.
/// Read-only; `Err` says why not.
pub fn identify_file(path: &Path) -> std::result::Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("not a file ({e})"))?;
    if !meta.is_file() {
        return Err("not a file".into());
    }
    if meta.len() == 0 {
        return Err("an empty (zero-byte) file".into());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| e.to_string())?;
    let id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| format!("not a database: {e}"))?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if id != super::APPLICATION_ID && !(id == 0 && version >= 1) {
        return Err(format!(
            "not a Qabyldau database (application id {id:#x}, schema {version})"
        ));
    }
    let mut missing = Vec::new();
    for t in super::EXPECTED_TABLES {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [t],
                |r| r.get(0),
            )
            .map_err(|e| e.to_string())?;
        if n == 0 {
            missing.push(*t);
        }
    }
    if !missing.is_empty() {
        return Err(format!(
            "not a Qabyldau database: table(s) {} missing",
            missing.join(", ")
        ));
    }
    Ok(())
}

/// Checks a database file without changing it (no migration, read-only): what
/// restore does before a file may replace the database.
pub fn check_file(path: &Path) -> Result<CheckReport> {
    if !path.is_file() {
        return Err(super::StoreError::Invalid(format!(
            "{} is not a file",
            path.display()
        )));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    super::register_functions(&conn)?;
    // Fails on a file that is not a database at all ("file is not a database").
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    let mut report = check_connection(&conn)?;
    // A copy's own seal, when it has one (backups from schema 8 on).
    if report.audit_problems.is_empty() {
        if let Some(seal) = super::seal::read(path)? {
            if let Some(p) = super::seal::verify(&conn, &seal)? {
                report.audit_problems.push(p);
            }
        }
    }
    Ok(report)
}

impl Store {
    /// Checks the open database (see [`check_connection`]) and the audit seal
    /// beside it.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = check_connection(&self.conn)?;
        if !report
            .audit_problems
            .iter()
            .any(|p| p.contains("audit_log table"))
        {
            if let Some(p) = self.verify_seal()? {
                report.audit_problems.insert(0, p);
            }
        }
        Ok(report)
    }
}

/// Pages copied per backup step (4 MB with 4 KB pages): progress about every
/// tenth of a second, and a cancel is noticed as quickly.
pub const BACKUP_STEP_PAGES: i32 = 1024;

impl Store {
    /// Copies the whole database into a new file at `dst` with SQLite's online
    /// backup API (a consistent snapshot, also while other copies write). The copy
    /// is in rollback-journal mode, one self-contained file. `dst` must not exist
    /// yet, or be an empty file (so the caller can create it with tight permissions).
    pub fn backup_into(&self, dst: &Path) -> Result<()> {
        self.backup_into_with(dst, &crate::cancel::Cancel::new(), &mut |_, _| {})
    }

    /// [`Store::backup_into`] in steps of [`BACKUP_STEP_PAGES`] pages, calling
    /// `progress(copied, total)` (pages) after each and stopping with
    /// [`StoreError::Cancelled`](super::StoreError::Cancelled) when `cancel` is set
    /// (the caller removes the unfinished file). A read transaction on this
    /// connection holds one snapshot for the whole copy, so writes by the desks
    /// meanwhile neither restart nor tear it.
    pub fn backup_into_with(
        &self,
        dst: &Path,
        cancel: &crate::cancel::Cancel,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<()> {
        let mut out = Connection::open(dst)?;
        let autocommit = self.conn.is_autocommit();
        if autocommit {
            self.conn
                .execute_batch("BEGIN DEFERRED; SELECT count(*) FROM sqlite_master;")?;
        }
        let copied = (|| -> Result<()> {
            let b = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
            loop {
                if cancel.is_cancelled() {
                    return Err(super::StoreError::Cancelled);
                }
                let r = b.step(BACKUP_STEP_PAGES)?;
                let p = b.progress();
                let total = p.pagecount.max(0) as u64;
                progress(total.saturating_sub(p.remaining.max(0) as u64), total);
                match r {
                    rusqlite::backup::StepResult::Done => return Ok(()),
                    rusqlite::backup::StepResult::More => {}
                    _ => std::thread::sleep(std::time::Duration::from_millis(20)),
                }
            }
        })();
        if autocommit {
            let _ = self.conn.execute_batch("COMMIT");
        }
        copied?;
        out.pragma_update(None, "journal_mode", "DELETE")?;
        out.close().map_err(|(_, e)| e)?;
        Ok(())
    }

    /// Replaces the whole content of the open database with the database in `src`
    /// (SQLite's backup API: all or nothing), migrates it to this program's schema
    /// and records the restore in the audit trail. Check `src` first with
    /// [`check_file`]; this does not.
    pub fn restore_from(
        &mut self,
        actor: &super::Actor,
        now: chrono::NaiveDateTime,
        src: &Path,
        note: &str,
    ) -> Result<()> {
        let from = Connection::open_with_flags(
            src,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        {
            let b = rusqlite::backup::Backup::new(&from, &mut self.conn)?;
            match b.step(-1)? {
                rusqlite::backup::StepResult::Done => {}
                other => {
                    return Err(super::StoreError::Invalid(format!(
                        "restore did not finish: {other:?}"
                    )))
                }
            }
        }
        drop(from);
        // The restored file may carry an older schema; the page copy also brought
        // its journal mode, so set ours again.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.migrate(super::SCHEMA_VERSION)?;
        if self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get::<_, i64>(0))?
            == 0
        {
            self.conn
                .pragma_update(None, "application_id", super::APPLICATION_ID)?;
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        audit::record(
            &tx,
            actor,
            now,
            "restore",
            "database",
            None,
            None,
            Some(&serde_json::json!({ "note": note })),
        )?;
        tx.commit()?;
        // The restored history is the history now: seal its head.
        self.reseal()?;
        Ok(())
    }
}
