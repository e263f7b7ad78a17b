//! `qabyldau backup [--out FILE]` and `qabyldau restore FILE`.
use super::{CliError, Global};
use crate::backup;
use crate::store::{check_file, Store};
use std::path::{Path, PathBuf};

fn failed(e: impl std::fmt::Display) -> CliError {
    CliError {
        message: e.to_string(),
        code: 1,
    }
}

fn open_existing(global: &Global, cmd: &str) -> Result<(PathBuf, Store), CliError> {
    let path = global.database();
    if !path.exists() {
        return Err(CliError::usage(format!(
            "{cmd}: no database at {}",
            path.display()
        )));
    }
    let store = Store::open(&path).map_err(failed)?;
    Ok((path, store))
}

/// `qabyldau backup [--out FILE]`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to write the copy (must not exist; default: the backups folder)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `qabyldau restore FILE`.
#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// A backup of this database (it is checked before anything changes)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// `qabyldau backup [--out FILE]`: a consistent copy of the database. Without
/// `--out` the copy goes to the backup folder as `qabyldau-YYYY-MM-DD-HHMMSS.sqlite`
/// (a name the daily rotation never deletes).
pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let out = args.out;
    let (db, mut store) = open_existing(global, "backup")?;
    // A copy holds every citizen's personal data: an operator's login, audited.
    let actor = super::login::authenticate(
        &mut store,
        global.login.as_deref(),
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
    let mut bar = crate::progress::Progress::new("backup", "pages");
    crate::services::backup::backup_to_with(&store, &out, &crate::cancel::ctrl_c(), &mut |d, t| {
        bar.update(d, t)
    })
    .map_err(|e| match e {
        crate::services::ServiceError::Cancelled => CliError::cancelled("backup"),
        e => failed(e),
    })?;
    bar.finish();
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
pub fn run_restore(args: RestoreArgs, global: &Global) -> Result<(), CliError> {
    let file = args.file;
    if let Some(reason) = refuse_reason(&file) {
        return Err(CliError::usage(format!(
            "restore: refused {}: {reason}; the database is untouched",
            file.display()
        )));
    }
    let db = global.database();
    let existed = db.exists();
    let mut store = Store::open(&db).map_err(failed)?;
    let actor = super::login::authenticate(
        &mut store,
        global.login.as_deref(),
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
