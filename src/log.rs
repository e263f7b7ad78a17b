//! A small log file next to the database (`qabyldau.log`, rotated at 1 MB, one
//! old file kept). Level from `QABYLDAU_LOG` (error, warn, info; default warn).
//! A log that cannot be written is not fatal. Never personal data: callers log
//! events and ids, never names, IINs, phones or addresses.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warn,
    Info,
}

struct Logger {
    path: PathBuf,
    level: Level,
}

static LOGGER: Mutex<Option<Logger>> = Mutex::new(None);
const MAX_BYTES: u64 = 1024 * 1024;

/// Starts logging into `path`.
pub fn init(path: &Path) {
    let level = match std::env::var("QABYLDAU_LOG")
        .unwrap_or_default()
        .to_lowercase()
        .as_str()
    {
        "error" => Level::Error,
        "info" | "debug" | "trace" => Level::Info,
        _ => Level::Warn,
    };
    if let Ok(mut l) = LOGGER.lock() {
        *l = Some(Logger {
            path: path.to_path_buf(),
            level,
        });
    }
}

/// Writes one line if the level is enabled.
pub fn log(level: Level, msg: &str) {
    let Ok(guard) = LOGGER.lock() else { return };
    let Some(l) = guard.as_ref() else { return };
    if level > l.level {
        return;
    }
    if std::fs::metadata(&l.path)
        .map(|m| m.len() > MAX_BYTES)
        .unwrap_or(false)
    {
        let _ = std::fs::rename(&l.path, l.path.with_extension("log.1"));
    }
    let mut o = std::fs::OpenOptions::new();
    o.create(true).append(true);
    // Owner only on Unix (the log names operators and events); Windows keeps the
    // folder's inherited permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    if let Ok(mut f) = o.open(&l.path) {
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let msg: String = msg
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let _ = writeln!(f, "{now} {level:?} {msg}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_rotates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("q.log");
        init(&p);
        log(Level::Error, "first\x1b[2J");
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("Error first [2J"));
        std::fs::write(&p, vec![b'x'; (MAX_BYTES + 1) as usize]).unwrap();
        log(Level::Warn, "second");
        assert!(p.with_extension("log.1").exists());
        assert!(std::fs::read_to_string(&p).unwrap().contains("second"));
        log(Level::Info, "not at warn level");
        assert!(!std::fs::read_to_string(&p).unwrap().contains("not at"));
    }
}
