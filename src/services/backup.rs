//! Backups of the database: a copy on request and the automatic copy of the day
//! with its rotation (`crate::backup` holds the file rules).
use super::ServiceError;
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

/// Writes a consistent copy of the open database to `to` (which must not exist).
pub fn backup_to(store: &Store, to: &Path) -> Result<(), ServiceError> {
    Ok(crate::backup::backup_to(store, to)?)
}

/// [`backup_to`] with progress (pages copied, total) and cancel
/// ([`ServiceError::Cancelled`]; no file is left, neither `to` nor a temporary).
pub fn backup_to_with(
    store: &Store,
    to: &Path,
    cancel: &crate::cancel::Cancel,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), ServiceError> {
    Ok(crate::backup::backup_to_with(store, to, cancel, progress)?)
}

/// The automatic copy of `today` next to the database at `db_path`, then the
/// rotation; `None` when today's copy already exists.
pub fn daily(
    store: &Store,
    db_path: &Path,
    today: NaiveDate,
) -> Result<Option<PathBuf>, ServiceError> {
    Ok(crate::backup::daily_backup(store, db_path, today)?)
}

/// Where a copy asked for at `now` goes when no file is named: the backup folder
/// next to the database, as `qabyldau-YYYY-MM-DD-HHMMSS.sqlite` (a name the daily
/// rotation never deletes).
pub fn default_path(db_path: &Path, now: NaiveDateTime) -> PathBuf {
    crate::paths::backup_dir(db_path)
        .join(format!("qabyldau-{}.sqlite", now.format("%Y-%m-%d-%H%M%S")))
}

/// A copy on request: to `out`, or to [`default_path`]. Returns the file written.
pub fn on_request(
    store: &Store,
    db_path: &Path,
    out: Option<&Path>,
    now: NaiveDateTime,
) -> Result<PathBuf, ServiceError> {
    let to = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_path(db_path, now));
    backup_to(store, &to)?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_on_request_is_never_taken_for_a_daily_one() {
        let now = NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(9, 5, 7)
            .unwrap();
        let p = default_path(Path::new("/data/q.sqlite"), now);
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        assert_eq!(name, "qabyldau-2026-03-02-090507.sqlite");
        assert_eq!(crate::backup::parse_daily_name(&name), None);
    }
}
