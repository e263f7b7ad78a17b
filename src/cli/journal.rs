//! The journal of oral appeals for a period from the command line (clap wiring at
//! merge): `qabyldau journal --from DATE --to DATE --out FILE` (`.html`, `.pdf` or
//! `.xlsx`).
use super::report::{office, profile, write_atomically};
use super::{CliError, Global};
use crate::docs::{document, journal};
use crate::store::Store;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Writes the journal of walk-in and phone appeals registered from `from` to `to`
/// (inclusive) to `out`, in the format of its extension. Returns the number of appeals.
pub fn write_journal(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    out: &Path,
) -> Result<usize, CliError> {
    if from > to {
        return Err(CliError {
            message: format!("the period starts after it ends: {from} > {to}"),
            code: 2,
        });
    }
    let rows = store.oral_journal(from, to).map_err(|e| CliError {
        message: e.to_string(),
        code: 1,
    })?;
    let doc = journal::document(&rows, from, to, &office(store), &profile(store));
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let fail = |message: String| CliError { message, code: 1 };
    let bytes = match ext.as_deref() {
        Some("html") | Some("htm") => document::html(&doc).into_bytes(),
        Some("pdf") => document::pdf(&doc).map_err(fail)?,
        Some("xlsx") => document::xlsx(&doc).map_err(|e| fail(e.to_string()))?,
        _ => {
            return Err(CliError {
                message: format!(
                    "{}: the file must end in .html, .pdf or .xlsx",
                    out.display()
                ),
                code: 2,
            })
        }
    };
    write_atomically(out, &bytes)?;
    Ok(rows.len())
}

/// `qabyldau journal`: the journal of oral appeals of a period.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub period: super::opts::Period,
    /// The file to write (.html, .pdf or .xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let (from, to) = args.period.resolve("journal")?;
    let store = super::opts::open(&super::opts::existing(global, "journal")?)?;
    let n = write_journal(&store, from, to, &args.out)?;
    println!(
        "journal {from} .. {to}: {n} oral appeals -> {}",
        args.out.display()
    );
    Ok(())
}
