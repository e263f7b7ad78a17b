//! The journal of oral appeals for a period from the command line (clap wiring at
//! merge): `qabyldau journal --from DATE --to DATE --out FILE` (`.html`, `.pdf` or
//! `.xlsx`).
use super::report::{office, profile, write_atomically};
use super::CliError;
use crate::docs::{document, journal};
use crate::store::Store;
use chrono::NaiveDate;
use std::path::Path;

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
