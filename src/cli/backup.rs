//! `qabyldau backup [--out FILE]` and `qabyldau restore FILE`.
use super::{CliError, Invocation};
use crate::backup;
use crate::paths;
use crate::store::{check_file, Store};
use std::path::{Path, PathBuf};

fn failed(e: impl std::fmt::Display) -> CliError {
    CliError {
        message: e.to_string(),
        code: 1,
    }
}

fn open_existing(inv: &Invocation, cmd: &str) -> Result<(PathBuf, Store), CliError> {
    let path = paths::database(inv.global.db.as_deref());
    if !path.exists() {
        return Err(CliError::usage(format!(
            "{cmd}: no database at {}",
            path.display()
        )));
    }
    let store = Store::open(&path).map_err(failed)?;
    Ok((path, store))
}

/// `qabyldau backup [--out FILE]`: a consistent copy of the database. Without
/// `--out` the copy goes to the backup folder as `qabyldau-YYYY-MM-DD-HHMMSS.sqlite`
/// (a name the daily rotation never deletes).
pub fn run(inv: &Invocation) -> Result<(), CliError> {
    let mut out: Option<PathBuf> = None;
    let mut it = inv.args.iter();
    while let Some(a) = it.next() {
        if a == "--out" {
            let v = it
                .next()
                .ok_or_else(|| CliError::usage("backup: --out needs a file"))?;
            out = Some(PathBuf::from(v));
        } else if let Some(v) = a.strip_prefix("--out=") {
            out = Some(PathBuf::from(v));
        } else {
            return Err(CliError::usage(format!(
                "backup: unexpected argument '{a}'"
            )));
        }
    }
    let (db, mut store) = open_existing(inv, "backup")?;
    // A copy holds every citizen's personal data: an operator's login, audited.
    let actor = super::login::authenticate_inv(
        &mut store,
        inv,
        "backup",
        crate::domain::permissions::Permission::ManageDatabase,
    )?;
    if let Some(o) = &out {
        crate::safe_file::check_not_database(o, &db).map_err(|e| CliError::usage(e.to_string()))?;
    }
    let now = chrono::Local::now().naive_local();
    let out = out.unwrap_or_else(|| crate::services::backup::default_path(&db, now));
    if out.exists() {
        return Err(CliError::usage(format!(
            "backup: {} already exists",
            out.display()
        )));
    }
    let now = super::login::now_for_writing(&store)?;
    store
        .record_backup(&actor, now, &out.display().to_string())
        .map_err(failed)?;
    let out = crate::services::backup::on_request(&store, &db, Some(&out), now).map_err(failed)?;
    println!("{}", out.display());
    Ok(())
}

/// The path under which restore keeps the database it replaces.
pub fn replaced_name(db: &Path, now: chrono::NaiveDateTime) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(format!(".replaced-{}", now.format("%Y%m%d-%H%M%S")));
    PathBuf::from(s)
}

/// Why a file may not replace the database, if it may not.
pub fn refuse_reason(file: &Path) -> Option<String> {
    // Another program's SQLite file (or ours without its tables) is refused
    // before anything is opened for writing.
    if let Err(reason) = crate::store::identify_file(file) {
        return Some(reason);
    }
    match check_file(file) {
        Err(e) => Some(format!("cannot read it as a database: {e}")),
        Ok(r) if r.schema_version < 1 => Some("not a Qabyldau database".into()),
        Ok(r) => r.verdict().err(),
    }
}

/// `qabyldau restore FILE`: checks FILE (opens, integrity, schema not newer, audit
/// chain), and only then replaces the database, keeping the replaced one as
/// `<db>.replaced-YYYYMMDD-HHMMSS`. A refused file leaves the database untouched
/// (exit 2).
pub fn run_restore(inv: &Invocation) -> Result<(), CliError> {
    let file = match inv.args.as_slice() {
        [f] => PathBuf::from(f),
        _ => return Err(CliError::usage("restore: give exactly one FILE")),
    };
    if let Some(reason) = refuse_reason(&file) {
        return Err(CliError::usage(format!(
            "restore: refused {}: {reason}; the database is untouched",
            file.display()
        )));
    }
    let db = paths::database(inv.global.db.as_deref());
    let existed = db.exists();
    let mut store = Store::open(&db).map_err(failed)?;
    let actor = super::login::authenticate_inv(
        &mut store,
        inv,
        "restore",
        crate::domain::permissions::Permission::ManageDatabase,
    )?;
    let now = chrono::Local::now().naive_local();
    let kept = if existed {
        let kept = replaced_name(&db, now);
        backup::backup_to(&store, &kept).map_err(failed)?;
        Some(kept)
    } else {
        None
    };
    store
        .restore_from(&actor, now, &file, &file.display().to_string())
        .map_err(|e| {
            failed(match &kept {
                Some(k) => format!(
                    "restore failed: {e}; the database as it was before is kept as {}",
                    k.display()
                ),
                None => format!("restore failed: {e}"),
            })
        })?;
    println!("restored from {}", file.display());
    if let Some(k) = kept {
        println!("the replaced database is kept as {}", k.display());
    }
    Ok(())
}
