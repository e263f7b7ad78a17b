//! Backups: a consistent copy of the database (SQLite's online backup API, see
//! `Store::backup_into`), one automatic copy a day in `paths::backup_dir(db)`
//! named `qabyldau-YYYY-MM-DD.sqlite`, and the rotation that keeps the last 30
//! daily copies plus the first copy of each of the last 12 months.
use crate::paths;
use crate::safe_file::{self, SafeFileError};
use crate::store::{Result, Store, StoreError};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How many of the most recent daily copies rotation keeps.
pub const KEEP_DAILY: usize = 30;
/// How many months (this one included) keep their first copy.
pub const KEEP_MONTHS: i32 = 12;

/// Flushes a written file to disk. The handle is opened for writing: Windows
/// refuses `FlushFileBuffers` on a read-only handle ("Access denied", os error 5),
/// which made every backup and restore fail there. The handle is closed before
/// returning, so the file can be renamed afterwards (Windows cannot rename an open
/// file).
pub fn sync_file(path: &Path) -> std::io::Result<()> {
    let f = std::fs::OpenOptions::new().write(true).open(path)?;
    f.sync_all()?;
    drop(f);
    Ok(())
}

/// Writes a consistent copy of the database to `path` (which must not exist).
/// The copy is written next to it under a temporary name and renamed when
/// complete, so a crash never leaves a half-written file under the final name.
pub fn backup_to(store: &Store, path: &Path) -> Result<()> {
    backup_to_with(store, path, &crate::cancel::Cancel::new(), &mut |_, _| {})
}

/// [`backup_to`] with progress (pages copied, total) and cancel: a cancelled or
/// failed copy leaves no file behind, neither the final one nor the temporary.
pub fn backup_to_with(
    store: &Store,
    path: &Path,
    cancel: &crate::cancel::Cancel,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<()> {
    let io = |e: SafeFileError| match e {
        SafeFileError::Io { source, .. } => StoreError::Io(source),
        other => StoreError::Invalid(other.to_string()),
    };
    safe_file::check_not_database(path, store.path()).map_err(io)?;
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(StoreError::Invalid(format!(
            "{} already exists",
            path.display()
        )));
    }
    // A random temporary name created exclusively and private (0600) in the
    // target's folder (0700 when new); moved into place without replacing
    // anything; removed when dropped on an error or a cancel.
    let file = safe_file::AtomicFile::create(path, false).map_err(io)?;
    store.backup_into_with(file.temp_path(), cancel, progress)?;
    // The copy's own seal: the head of the chain as the copy holds it.
    let head = {
        let c = rusqlite::Connection::open_with_flags(
            file.temp_path(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        crate::store::seal::head(&c)?
    };
    crate::store::seal::write(path, &head, true)?;
    if let Err(e) = file.commit() {
        let _ = std::fs::remove_file(crate::store::seal::seal_path(path));
        return Err(io(e));
    }
    Ok(())
}

/// Whether a copy passes SQLite's quick check (`PRAGMA quick_check`).
pub fn quick_check_file(path: &Path) -> Result<Vec<String>> {
    let c =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    crate::store::quick_check(&c)
}

/// The file name of the automatic copy of a day.
pub fn daily_name(day: NaiveDate) -> String {
    format!("qabyldau-{}.sqlite", day.format("%Y-%m-%d"))
}

/// The day of an automatic copy from its file name, if it is one.
pub fn parse_daily_name(name: &str) -> Option<NaiveDate> {
    let d = name.strip_prefix("qabyldau-")?.strip_suffix(".sqlite")?;
    if d.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// The automatic copy of the day: writes `backup_dir(db)/qabyldau-YYYY-MM-DD.sqlite`
/// unless today's exists, then deletes the copies rotation drops. Returns the new
/// file, or `None` when today's copy was already there.
pub fn daily_backup(store: &Store, db_path: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let dir = paths::backup_dir(db_path);
    let path = dir.join(daily_name(today));
    if path.exists() {
        return Ok(None);
    }
    backup_to(store, &path)?;
    // A damaged database makes a damaged copy: then no good copy is rotated away.
    let problems = quick_check_file(&path)?;
    if !problems.is_empty() {
        return Err(StoreError::Invalid(format!(
            "today's copy {} fails the quick check ({}); older copies are all kept",
            path.display(),
            problems[0]
        )));
    }
    let existing: Vec<NaiveDate> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| parse_daily_name(&e.file_name().to_string_lossy()))
        .collect();
    for d in to_delete(&existing, today) {
        let _ = std::fs::remove_file(dir.join(daily_name(d)));
        let _ = std::fs::remove_file(crate::store::seal::seal_path(&dir.join(daily_name(d))));
    }
    Ok(Some(path))
}

/// Months since year 0, for comparing months.
fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

/// Rotation: of the days that have an automatic copy, which to delete. Kept: the
/// [`KEEP_DAILY`] most recent copies up to `today`, the first copy of each of the
/// last [`KEEP_MONTHS`] months (this month included), and anything dated after
/// `today` (a clock set wrong is not a reason to lose data). Sorted ascending.
pub fn to_delete(existing: &[NaiveDate], today: NaiveDate) -> Vec<NaiveDate> {
    let all: BTreeSet<NaiveDate> = existing.iter().copied().collect();
    let past: Vec<NaiveDate> = all.iter().copied().filter(|d| *d <= today).collect();
    let mut keep: BTreeSet<NaiveDate> = past.iter().rev().take(KEEP_DAILY).copied().collect();
    let this_month = month_index(today);
    let mut seen_month = BTreeSet::new();
    for d in &past {
        let m = month_index(*d);
        if this_month - m < KEEP_MONTHS && seen_month.insert(m) {
            keep.insert(*d);
        }
    }
    past.into_iter().filter(|d| !keep.contains(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn names_round_trip() {
        assert_eq!(daily_name(d(2026, 3, 5)), "qabyldau-2026-03-05.sqlite");
        assert_eq!(
            parse_daily_name("qabyldau-2026-03-05.sqlite"),
            Some(d(2026, 3, 5))
        );
        assert_eq!(parse_daily_name("qabyldau-2026-03-05-101010.sqlite"), None);
        assert_eq!(parse_daily_name("qabyldau-2026-13-05.sqlite"), None);
        assert_eq!(parse_daily_name("other.sqlite"), None);
    }

    #[test]
    fn few_copies_are_all_kept() {
        let v = vec![d(2026, 3, 1), d(2026, 3, 2), d(2026, 3, 3)];
        assert!(to_delete(&v, d(2026, 3, 3)).is_empty());
        assert!(to_delete(&[], d(2026, 3, 3)).is_empty());
    }

    #[test]
    fn two_years_of_daily_copies() {
        // One copy every day from 2024-03-01 to 2026-03-16.
        let today = d(2026, 3, 16);
        let mut all = Vec::new();
        let mut x = d(2024, 3, 1);
        while x <= today {
            all.push(x);
            x = x.succ_opt().unwrap();
        }
        let del = to_delete(&all, today);
        let kept: Vec<NaiveDate> = all.iter().copied().filter(|x| !del.contains(x)).collect();
        // The 30 most recent: 2026-02-15 ..= 2026-03-16.
        let last30: Vec<NaiveDate> = all[all.len() - 30..].to_vec();
        assert_eq!(last30[0], d(2026, 2, 15));
        for x in &last30 {
            assert!(kept.contains(x), "{x}");
        }
        // First of each month from 2025-04 to 2026-03.
        for (y, m) in [
            (2025, 4),
            (2025, 5),
            (2025, 6),
            (2025, 7),
            (2025, 8),
            (2025, 9),
            (2025, 10),
            (2025, 11),
            (2025, 12),
            (2026, 1),
            (2026, 2),
            (2026, 3),
        ] {
            assert!(kept.contains(&d(y, m, 1)), "{y}-{m}");
        }
        // 30 daily + 11 month starts outside them (2026-03-01 is among the 30).
        assert_eq!(kept.len(), 30 + 11);
        assert!(del.contains(&d(2025, 3, 1)));
        assert!(del.contains(&d(2025, 4, 2)));
        assert!(del.contains(&d(2026, 2, 14)));
        assert_eq!(del.len() + kept.len(), all.len());
    }

    #[test]
    fn first_copy_of_a_month_is_the_earliest_present_and_future_copies_stay() {
        let today = d(2026, 3, 16);
        // Sparse: a month whose first copy is on the 20th, and many recent copies.
        let mut all = vec![d(2025, 6, 20), d(2025, 6, 25), d(2026, 5, 1)];
        let mut x = d(2026, 1, 1);
        for _ in 0..40 {
            all.push(x);
            x = x.succ_opt().unwrap();
        }
        let del = to_delete(&all, today);
        assert!(!del.contains(&d(2025, 6, 20)));
        assert!(del.contains(&d(2025, 6, 25)));
        assert!(!del.contains(&d(2026, 5, 1)));
        assert!(!del.contains(&d(2026, 1, 1)));
        // 2026-01-02..=2026-01-10 are neither recent nor month-first.
        assert_eq!(del.len(), 1 + 9);
        assert!(del.windows(2).all(|w| w[0] < w[1]));
    }
}
