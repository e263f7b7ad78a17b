//! The audit seal: the head of the audit chain (row count, last row id and
//! hash) kept OUTSIDE the chained rows, so that deleting the newest rows,
//! dropping the table or recomputing the whole chain is noticed.
//!
//! The seal lives in `<db>.seal` beside the database (written when a store
//! that wrote is closed, after an upgrade and after a restore), in
//! `<copy>.seal` beside every backup, and on the quarterly report (paper the
//! office files). `check` compares the table with the seal. What a local seal
//! cannot prove: someone able to rewrite both the database and the seal file
//! can forge both; only the printed seal, filed away, can show that.
use super::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// The head of the chain at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seal {
    /// Rows in `audit_log`.
    pub rows: i64,
    /// Id and hash of the newest row (0 and the genesis hash when empty).
    pub last_id: i64,
    pub last_hash: String,
}

const MAGIC: &str = "qabyldau audit seal v1";

impl Seal {
    /// The seal as the file holds it.
    pub fn to_text(&self) -> String {
        format!(
            "{MAGIC}\nrows {}\nlast_id {}\nlast_hash {}\n",
            self.rows, self.last_id, self.last_hash
        )
    }

    pub fn parse(text: &str) -> Option<Seal> {
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let mut field = |name: &str| -> Option<String> {
            let l = lines.next()?;
            l.strip_prefix(name)?
                .strip_prefix(' ')
                .map(|v| v.trim().to_string())
        };
        let rows = field("rows")?.parse().ok()?;
        let last_id = field("last_id")?.parse().ok()?;
        let last_hash = field("last_hash")?;
        if last_hash.len() != 64 || !last_hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        Some(Seal {
            rows,
            last_id,
            last_hash,
        })
    }

    /// One line for the printed report: rows, last id and the first 16 hex
    /// digits of the last hash (enough to compare against the file).
    pub fn short(&self) -> String {
        format!(
            "{} / #{} / {}",
            self.rows,
            self.last_id,
            &self.last_hash[..16.min(self.last_hash.len())]
        )
    }
}

/// The seal file beside a database or a backup copy.
pub fn seal_path(db: &Path) -> PathBuf {
    crate::safe_file::seal_path(db)
}

/// The current head of the chain.
pub fn head(conn: &Connection) -> Result<Seal> {
    let rows: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (last_id, last_hash) = last.unwrap_or((0, super::audit::GENESIS.to_string()));
    Ok(Seal {
        rows,
        last_id,
        last_hash,
    })
}

/// Reads the seal beside `db`; `Ok(None)` when there is none.
pub fn read(db: &Path) -> Result<Option<Seal>> {
    let p = seal_path(db);
    match std::fs::read_to_string(&p) {
        Ok(t) => Seal::parse(&t).map(Some).ok_or_else(|| {
            StoreError::Invalid(format!("{}: not a Qabyldau audit seal", p.display()))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Writes `seal` beside `db` (private, atomic). Unless `force`, a seal that is
/// already further along (another copy of the program sealed later) is kept.
pub fn write(db: &Path, seal: &Seal, force: bool) -> Result<()> {
    if !force {
        if let Ok(Some(old)) = read(db) {
            if old.rows > seal.rows || old == *seal {
                return Ok(());
            }
        }
    }
    let p = seal_path(db);
    let mut f = crate::safe_file::AtomicFile::create(&p, true).map_err(io)?;
    std::io::Write::write_all(&mut f, seal.to_text().as_bytes())?;
    f.commit().map_err(io)?;
    Ok(())
}

fn io(e: crate::safe_file::SafeFileError) -> StoreError {
    match e {
        crate::safe_file::SafeFileError::Io { source, .. } => StoreError::Io(source),
        other => StoreError::Invalid(other.to_string()),
    }
}

/// What the table says against the seal; `None` when they agree.
pub fn verify(conn: &Connection, seal: &Seal) -> Result<Option<String>> {
    let now = head(conn)?;
    if now.rows < seal.rows {
        return Ok(Some(format!(
            "audit seal: the seal has {} row(s), the table {}: rows were deleted",
            seal.rows, now.rows
        )));
    }
    if seal.last_id == 0 {
        return Ok(None);
    }
    let at_seal: Option<String> = conn
        .query_row(
            "SELECT hash FROM audit_log WHERE id = ?1",
            [seal.last_id],
            |r| r.get(0),
        )
        .optional()?;
    match at_seal {
        None => Ok(Some(format!(
            "audit seal: sealed row {} is missing",
            seal.last_id
        ))),
        Some(h) if h != seal.last_hash => Ok(Some(format!(
            "audit seal: row {} does not carry the sealed hash: the chain was rewritten",
            seal.last_id
        ))),
        Some(_) => {
            let upto: i64 = conn.query_row(
                "SELECT count(*) FROM audit_log WHERE id <= ?1",
                [seal.last_id],
                |r| r.get(0),
            )?;
            if upto != seal.rows {
                return Ok(Some(format!(
                    "audit seal: {} row(s) up to row {}, the seal says {}",
                    upto, seal.last_id, seal.rows
                )));
            }
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_text_round_trips_and_rejects_junk() {
        let s = Seal {
            rows: 42,
            last_id: 44,
            last_hash: "ab".repeat(32),
        };
        assert_eq!(Seal::parse(&s.to_text()), Some(s.clone()));
        assert_eq!(s.short(), "42 / #44 / abababababababab");
        assert_eq!(Seal::parse("rows 1"), None);
        assert_eq!(
            Seal::parse(&s.to_text().replace("last_hash ab", "last_hash zz")),
            None
        );
    }
}
