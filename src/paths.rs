//! Where things live on disk: the database, the configuration folder (calendar and
//! profile overrides), backups and the log.
use directories::ProjectDirs;
use std::path::{Path, PathBuf};

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("kz", "Qabyldau", "qabyldau")
}

/// The database path: the one given (`--db`, or `QABYLDAU_DB` read by the command
/// line), else the OS data folder.
pub fn database(given: Option<&Path>) -> PathBuf {
    if let Some(p) = given {
        return p.to_path_buf();
    }
    project()
        .map(|d| d.data_dir().join("qabyldau.sqlite"))
        .unwrap_or_else(|| PathBuf::from("qabyldau.sqlite"))
}

/// The configuration folder (office overrides of calendar and profile):
/// `QABYLDAU_CONFIG`, else the OS configuration folder.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("QABYLDAU_CONFIG").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project().map(|d| d.config_dir().to_path_buf())
}

/// The backup folder: `backups/` next to the database.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(|p| p.join("backups"))
        .unwrap_or_else(|| PathBuf::from("backups"))
}

/// The log file next to the database.
pub fn log_file(db: &Path) -> PathBuf {
    db.with_extension("log")
}
