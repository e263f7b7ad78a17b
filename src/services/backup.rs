//! Backups of the database: a copy on request and the automatic copy of the day
//! with its rotation (`crate::backup` holds the file rules).
use super::ServiceError;
use crate::store::Store;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Writes a consistent copy of the open database to `to` (which must not exist).
pub fn backup_to(store: &Store, to: &Path) -> Result<(), ServiceError> {
    Ok(crate::backup::backup_to(store, to)?)
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
