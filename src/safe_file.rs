//! Output files that cannot destroy data: every file Qabyldau writes for the
//! user (exports, reports, documents, backups) goes through here.
//!
//! - the database, its `-wal`/`-shm`/`-journal` companions, its seal file and
//!   anything in its backup folder are refused as a target ([`check_target`]);
//! - an existing file is never replaced unless the caller was told to (`force`):
//!   the desk asks, the command line wants `--force` ([`SafeFileError::Exists`]);
//! - the content is written to a temporary file created exclusively
//!   (`create_new`, so a planted symlink or file at that name is never written
//!   through) in the target's own folder, synced, then moved into place; without
//!   `force` the move refuses to replace a file that appeared meanwhile;
//! - files are created `0600` and new folders `0700` on Unix (personal data); on
//!   Windows the folder's inherited ACL applies (the user's profile folders are
//!   private by default), nothing is loosened.
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why an output file was not written.
#[derive(Debug, thiserror::Error)]
pub enum SafeFileError {
    /// The target is the database, one of its companions, its seal or a backup.
    #[error("{path}: refused: this is the database or one of its backups; choose another file")]
    Protected { path: String },
    /// The target exists and `force` was not given.
    #[error("{path} already exists (use --force to replace it)")]
    Exists { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
}

impl SafeFileError {
    fn io(path: &Path, source: io::Error) -> SafeFileError {
        SafeFileError::Io {
            path: path.display().to_string(),
            source,
        }
    }
    /// True when the user chose the file badly (exit code 2), not a disk error.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, SafeFileError::Io { .. })
    }
}

/// The file that seals the audit chain of `db` (see `store::seal`).
pub fn seal_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".seal");
    PathBuf::from(s)
}

/// The files that belong to the database at `db` and must never be an output.
pub fn protected_files(db: &Path) -> Vec<PathBuf> {
    let mut v = vec![db.to_path_buf(), seal_path(db)];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut s = db.as_os_str().to_owned();
        s.push(suffix);
        v.push(PathBuf::from(s));
    }
    v
}

/// The path with its folder made absolute and symlinks resolved as far as they
/// exist (the file itself may not exist yet).
fn resolved(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let name = p.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::canonicalize(&dir)
        .unwrap_or_else(|_| std::env::current_dir().map(|c| c.join(&dir)).unwrap_or(dir))
        .join(name)
}

fn same_path(a: &Path, b: &Path) -> bool {
    if cfg!(windows) {
        a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase()
    } else {
        a == b
    }
}

/// Refuses `out` when it is (or points to) the database at `db`, one of its
/// companion files or its seal.
pub fn check_not_database(out: &Path, db: &Path) -> Result<(), SafeFileError> {
    let target = resolved(out);
    let protected = || SafeFileError::Protected {
        path: out.display().to_string(),
    };
    for p in protected_files(db) {
        if same_path(&target, &resolved(&p)) {
            return Err(protected());
        }
    }
    // A hard link to the database has another name but the same file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(&target), std::fs::metadata(db)) {
            if a.dev() == b.dev() && a.ino() == b.ino() {
                return Err(protected());
            }
        }
    }
    Ok(())
}

/// Refuses `out` when it is (or points to) the database at `db`, one of its
/// companion files, its seal, a file kept by restore (`<db>.replaced-...`) or
/// anything inside its backup folder.
pub fn check_protected(out: &Path, db: &Path) -> Result<(), SafeFileError> {
    check_not_database(out, db)?;
    let target = resolved(out);
    let protected = || SafeFileError::Protected {
        path: out.display().to_string(),
    };
    let db_r = resolved(db);
    if let (Some(tname), Some(dname)) = (target.file_name(), db_r.file_name()) {
        let mut kept = dname.to_os_string();
        kept.push(".replaced-");
        if target.parent() == db_r.parent()
            && tname
                .to_string_lossy()
                .starts_with(&*kept.to_string_lossy())
        {
            return Err(protected());
        }
    }
    let backups = resolved(&crate::paths::backup_dir(db));
    if target.starts_with(&backups) {
        return Err(protected());
    }
    Ok(())
}

/// [`check_protected`] and, without `force`, refuses an existing file.
pub fn check_target(out: &Path, db: &Path, force: bool) -> Result<(), SafeFileError> {
    check_protected(out, db)?;
    if !force && std::fs::symlink_metadata(out).is_ok() {
        return Err(SafeFileError::Exists {
            path: out.display().to_string(),
        });
    }
    Ok(())
}

/// Creates `dir` and its missing parents, the new ones `0700` on Unix.
pub fn create_private_dir(dir: &Path) -> Result<(), SafeFileError> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| SafeFileError::io(dir, e))
}

/// Creates a new file that must not exist, readable by its owner only (`0600`
/// on Unix). Never follows a symlink at `path` (`create_new`).
pub fn create_private_new(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// A file being written: a private temporary file in the target's folder that
/// becomes the target on [`AtomicFile::commit`] and disappears otherwise (also
/// when dropped after an error).
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    file: Option<File>,
    force: bool,
}

impl AtomicFile {
    /// Starts writing `dest` (its folder is created `0700` if missing). Checks
    /// nothing about `dest` itself: call [`check_target`] first.
    pub fn create(dest: &Path, force: bool) -> Result<AtomicFile, SafeFileError> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        create_private_dir(&dir)?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        // A random name, created exclusively: a file or symlink planted at a
        // predictable name cannot be written through. Retried on a collision.
        let mut last = None;
        for _ in 0..16 {
            let tag: u64 = rand::random();
            let tmp = dir.join(format!(".{name}.{tag:016x}.tmp"));
            match create_private_new(&tmp) {
                Ok(file) => {
                    return Ok(AtomicFile {
                        tmp,
                        dest: dest.to_path_buf(),
                        file: Some(file),
                        force,
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(SafeFileError::io(dest, e)),
            }
        }
        Err(SafeFileError::io(
            dest,
            last.unwrap_or_else(|| io::Error::other("no temporary name")),
        ))
    }

    /// The temporary file's path (for writers that want a path, e.g. SQLite).
    pub fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// Syncs the temporary file and moves it to the target. Without `force` an
    /// existing target (even one that appeared while writing) is not replaced.
    pub fn commit(mut self) -> Result<(), SafeFileError> {
        if let Some(f) = self.file.take() {
            f.sync_all().map_err(|e| SafeFileError::io(&self.dest, e))?;
        } else {
            File::open(&self.tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| SafeFileError::io(&self.dest, e))?;
        }
        if self.force {
            std::fs::rename(&self.tmp, &self.dest).map_err(|e| SafeFileError::io(&self.dest, e))?;
        } else {
            // A hard link never replaces an existing name: no-clobber and atomic.
            match std::fs::hard_link(&self.tmp, &self.dest) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.tmp);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(SafeFileError::Exists {
                        path: self.dest.display().to_string(),
                    })
                }
                // File systems without hard links (FAT, some network shares).
                Err(_) => {
                    if std::fs::symlink_metadata(&self.dest).is_ok() {
                        return Err(SafeFileError::Exists {
                            path: self.dest.display().to_string(),
                        });
                    }
                    std::fs::rename(&self.tmp, &self.dest)
                        .map_err(|e| SafeFileError::io(&self.dest, e))?;
                }
            }
        }
        self.tmp = PathBuf::new();
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl io::Seek for AtomicFile {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        match self.file.as_mut() {
            Some(f) => f.seek(pos),
            None => Err(io::Error::other("file already committed")),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        self.file = None;
        if !self.tmp.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `out` safely: refuses the database's files, refuses an
/// existing file without `force`, writes privately and atomically.
pub fn write_file(out: &Path, db: &Path, force: bool, bytes: &[u8]) -> Result<(), SafeFileError> {
    check_target(out, db, force)?;
    let mut f = AtomicFile::create(out, force)?;
    f.write_all(bytes).map_err(|e| SafeFileError::io(out, e))?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_and_its_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("q.sqlite");
        std::fs::write(&db, b"DATABASE").unwrap();
        for bad in [
            db.clone(),
            dir.path().join("q.sqlite-wal"),
            dir.path().join("q.sqlite.seal"),
            dir.path().join("q.sqlite.replaced-20260301-101010"),
            dir.path()
                .join("backups")
                .join("qabyldau-2026-03-01.sqlite"),
            dir.path().join(".").join("q.sqlite"),
        ] {
            let e = write_file(&bad, &db, true, b"x").unwrap_err();
            assert!(matches!(e, SafeFileError::Protected { .. }), "{bad:?}");
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("report.csv");
            std::os::unix::fs::symlink(&db, &link).unwrap();
            let e = write_file(&link, &db, true, b"x").unwrap_err();
            assert!(matches!(e, SafeFileError::Protected { .. }));
            let hard = dir.path().join("hard.csv");
            std::fs::hard_link(&db, &hard).unwrap();
            assert!(matches!(
                write_file(&hard, &db, true, b"x").unwrap_err(),
                SafeFileError::Protected { .. }
            ));
        }
        assert_eq!(std::fs::read(&db).unwrap(), b"DATABASE");
    }

    #[test]
    fn existing_files_need_force_and_temporaries_vanish() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("q.sqlite");
        let out = dir.path().join("out").join("a.csv");
        write_file(&out, &db, false, b"one").unwrap();
        let e = write_file(&out, &db, false, b"two").unwrap_err();
        assert!(matches!(e, SafeFileError::Exists { .. }));
        assert_eq!(std::fs::read(&out).unwrap(), b"one");
        write_file(&out, &db, true, b"three").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"three");
        // Only the file itself is left in the folder.
        let names: Vec<_> = std::fs::read_dir(out.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
        // A target that appears while writing is not replaced without force.
        let late = dir.path().join("late.csv");
        let mut f = AtomicFile::create(&late, false).unwrap();
        f.write_all(b"new").unwrap();
        std::fs::write(&late, b"someone else's").unwrap();
        assert!(matches!(
            f.commit().unwrap_err(),
            SafeFileError::Exists { .. }
        ));
        assert_eq!(std::fs::read(&late).unwrap(), b"someone else's");
        // Dropped without commit: no temporary file stays.
        let tmp = {
            let f = AtomicFile::create(&dir.path().join("never.csv"), false).unwrap();
            f.temp_path().to_path_buf()
        };
        assert!(!tmp.exists());
        assert!(!dir.path().join("never.csv").exists());
    }

    #[cfg(unix)]
    #[test]
    fn private_modes_and_no_write_through_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("q.sqlite");
        let out = dir.path().join("new").join("deep").join("a.csv");
        write_file(&out, &db, false, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), 0o600);
        assert_eq!(mode(out.parent().unwrap()), 0o700);
        assert_eq!(mode(out.parent().unwrap().parent().unwrap()), 0o700);
        // A symlink planted at the target is replaced (with force), never written through.
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let planted = dir.path().join("b.csv");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        assert!(matches!(
            write_file(&planted, &db, false, b"x").unwrap_err(),
            SafeFileError::Exists { .. }
        ));
        write_file(&planted, &db, true, b"x").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    }
}
