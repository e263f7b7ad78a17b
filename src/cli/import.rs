//! `qabyldau import FILE [--dry-run]`: appeals from a CSV or XLSX file.
use super::{CliError, Global};
use crate::import::{check_file, store_checked_with, ImportError};
use crate::paths;
use crate::services::Office;
use crate::store::{Actor, Store};
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

/// `qabyldau import FILE [--dry-run]`: appeals from a CSV (UTF-8, ',' or ';')
/// or XLSX file with a header row, in one transaction; nothing is stored when any
/// row is refused.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The CSV or XLSX file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Check every row and report, store nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let Args { file, dry_run } = args;
    let now = chrono::Local::now().naive_local();
    // The file is read and checked before the database is opened: a bad file
    // leaves the database (even its existence) untouched.
    let checked = check_file(&file, now.date(), &mut progress_bar()).map_err(input_error)?;
    let db = global.database();
    let mut store = Store::open(&db).map_err(|e| CliError {
        message: e.to_string(),
        code: 1,
    })?;
    let (office, _) =
        Office::load(&store, paths::config_dir().as_deref()).map_err(|e| CliError {
            message: e.to_string(),
            code: 1,
        })?;
    let cancel = crate::cancel::ctrl_c();
    let mut bar = crate::progress::Progress::new("importing", "rows");
    let report = store_checked_with(
        &mut store,
        &office,
        &Actor::cli("import"),
        checked,
        dry_run,
        now,
        &cancel,
        &mut |d, t| bar.update(d as u64, t as u64),
    );
    bar.finish();
    let report = match report {
        Err(ImportError::Service(crate::services::ServiceError::Cancelled)) => {
            return Err(CliError::cancelled("import"))
        }
        r => r.map_err(input_error)?,
    };
    for line in report.lines() {
        println!("{line}");
    }
    Ok(())
}
