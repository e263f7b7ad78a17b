//! `qabyldau import FILE [--dry-run]`: appeals from a CSV or XLSX file.
use super::{CliError, Invocation};
use crate::import::{check_file, store_checked, ImportError};
use crate::paths;
use crate::services::Office;
use crate::store::Store;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

fn input_error(e: ImportError) -> CliError {
    CliError {
        message: e.to_string(),
        code: if e.is_bad_input() { 2 } else { 1 },
    }
}

/// Draws "checking [#####.....] 42%" on stderr when it is a terminal.
fn progress_bar() -> impl FnMut(usize, usize) {
    let tty = std::io::stderr().is_terminal();
    move |done, total| {
        if !tty || total == 0 {
            return;
        }
        let pct = done * 100 / total;
        let filled = pct / 4;
        let mut err = std::io::stderr();
        let _ = write!(
            err,
            "\rchecking [{}{}] {pct:3}% {done}/{total} rows",
            "#".repeat(filled),
            ".".repeat(25 - filled)
        );
        if done >= total {
            let _ = writeln!(err);
        }
        let _ = err.flush();
    }
}

pub fn run(inv: &Invocation) -> Result<(), CliError> {
    let mut file: Option<PathBuf> = None;
    let mut dry_run = false;
    for a in &inv.args {
        match a.as_str() {
            "--dry-run" => dry_run = true,
            s if s.starts_with('-') => {
                return Err(CliError::usage(format!("import: unknown option '{s}'")))
            }
            s if file.is_none() => file = Some(PathBuf::from(s)),
            s => {
                return Err(CliError::usage(format!(
                    "import: unexpected argument '{s}'"
                )))
            }
        }
    }
    let file = file.ok_or_else(|| CliError::usage("import: FILE missing"))?;
    // The program's clock (QABYLDAU_NOW when fixed), as every writing command.
    let now = crate::ui::clock_from_env().now();
    // The file is read and checked before the database is opened: a bad file
    // leaves the database (even its existence) untouched.
    let checked = check_file(&file, now.date(), &mut progress_bar()).map_err(input_error)?;
    let db = paths::database(inv.global.db.as_deref());
    let mut store = Store::open(&db).map_err(|e| CliError {
        message: e.to_string(),
        code: 1,
    })?;
    let actor = super::login::authenticate_inv(
        &mut store,
        inv,
        "import",
        crate::domain::permissions::Permission::RegisterAppeal,
    )?;
    if !dry_run {
        super::login::now_for_writing(&store)?;
    }
    let (office, _) =
        Office::load(&store, paths::config_dir().as_deref()).map_err(|e| CliError {
            message: e.to_string(),
            code: 1,
        })?;
    let report =
        store_checked(&mut store, &office, &actor, checked, dry_run, now).map_err(input_error)?;
    for line in report.lines() {
        println!("{line}");
    }
    Ok(())
}
