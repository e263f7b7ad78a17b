//! Health and copies of the database file: integrity check, foreign keys, the
//! audit chain, and SQLite's online backup (a consistent copy while the desk runs).
use super::{audit, ChainReport, Result, Store, SCHEMA_VERSION};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;

/// Tables without which a file is not a Qabyldau database.
const REQUIRED_TABLES: &[&str] = &[
    "settings",
    "operators",
    "applicants",
    "appeals",
    "queue_entries",
    "protocols",
    "instructions",
    "audit_log",
];

/// What the checks found in one database file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Health {
    pub schema_version: i64,
    /// Lines of `PRAGMA integrity_check` other than `ok`.
    pub integrity: Vec<String>,
    /// Rows of `PRAGMA foreign_key_check`: "table row N -> parent".
    pub foreign_keys: Vec<String>,
    pub missing_tables: Vec<String>,
    pub chain: ChainReport,
}

impl Health {
    /// The first problem found, in words; `None` when the file is sound.
    pub fn problem(&self) -> Option<String> {
        if self.schema_version > SCHEMA_VERSION {
            return Some(format!(
                "schema {} is newer than this program's {SCHEMA_VERSION}",
                self.schema_version
            ));
        }
        if !self.missing_tables.is_empty() || self.schema_version < 1 {
            return Some(format!(
                "not a Qabyldau database (missing: {})",
                self.missing_tables.join(", ")
            ));
        }
        if let Some(first) = self.integrity.first() {
            return Some(format!("integrity check: {first}"));
        }
        if let Some(first) = self.foreign_keys.first() {
            return Some(format!(
                "{} broken reference(s), first: {first}",
                self.foreign_keys.len()
            ));
        }
        if let Some(id) = self.chain.broken_at {
            return Some(format!("audit trail altered at row {id}"));
        }
        None
    }
}

fn health_of(conn: &Connection) -> Result<Health> {
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let mut missing_tables = Vec::new();
    for t in REQUIRED_TABLES {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [t],
            |r| r.get(0),
        )?;
        if n == 0 {
            missing_tables.push(t.to_string());
        }
    }
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|l| l != "ok")
        .collect();
    let foreign_keys: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok(format!(
                "{} row {} -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let chain = if missing_tables.iter().any(|t| t == "audit_log") {
        ChainReport {
            rows: 0,
            broken_at: None,
        }
    } else {
        audit::verify_chain(conn)?
    };
    Ok(Health {
        schema_version,
        integrity,
        foreign_keys,
        missing_tables,
        chain,
    })
}

/// Creates `path` empty and readable by its owner only (Unix), for copies of
/// personal data.
pub(crate) fn create_private(path: &Path) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    // Windows: no mode bits; the file inherits its folder's ACL (the user's profile
    // for the default data folder: that user and administrators only).
    Ok(())
}

impl Store {
    /// A small page cache (512 KiB) for a connection that streams through pages
    /// once (the daily copy and index merge), so it adds little to the desk's memory.
    pub fn use_small_cache(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -512)?;
        Ok(())
    }

    /// Integrity check, foreign keys and the audit chain of the open database.
    pub fn health(&self) -> Result<Health> {
        health_of(&self.conn)
    }

    /// A consistent copy of the database into `dest` (overwritten), made with
    /// SQLite's online backup while others may be writing. The copy is a single
    /// file (rollback journal, not WAL), owner-readable only on Unix.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        create_private(dest)?;
        let mut dst = Connection::open(dest)?;
        {
            let backup = Backup::new(&self.conn, &mut dst)?;
            // All pages in one step: one read snapshot, never restarted by writers.
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More => continue,
                    _ => std::thread::sleep(Duration::from_millis(50)),
                }
            }
        }
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// Switches the file to a rollback journal, which SQLite allows only when no
    /// other connection has it open: a way to make sure no desk is running before
    /// the file is replaced. The next [`Store::open`] switches back to WAL.
    pub fn close_exclusive(mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_millis(200))?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(super::StoreError::Invalid(
                "the database is open in another copy of Qabyldau".into(),
            ));
        }
        let _ = self.advance_seal();
        self.seal_on_close = false;
        let conn = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        drop(conn);
        Ok(())
    }
}
