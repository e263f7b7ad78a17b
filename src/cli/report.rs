//! `qabyldau report --from DATE --to DATE | --quarter 2026Q1 --format html|xlsx --out FILE`:
//! the report of the reception room for a period, compared with the same period a
//! year before; control figures as of the period's end (or today, when earlier).
use super::opts;
use super::{CliError, Invocation};
use crate::docs::document::{self, Bi};
use crate::store::Store;
use std::path::Path;

/// The office's name (kk, ru) from the settings.
pub fn office(store: &Store) -> Bi {
    let settings = store.office_settings().unwrap_or_default();
    Bi::new(
        crate::i18n::office_name(&settings, crate::domain::Lang::Kk),
        crate::i18n::office_name(&settings, crate::domain::Lang::Ru),
    )
}

/// The profile the office uses (settings, then the configuration folder).
pub fn profile(store: &Store) -> crate::domain::profile::Profile {
    let id = store.office_settings().unwrap_or_default().profile_id;
    let config = crate::paths::config_dir();
    crate::assets::load_profile(config.as_deref(), id.as_deref()).0
}

/// Writes `bytes` to `out` through [`crate::safe_file`]: never over the database
/// (`db`) or its backups, never over an existing file without `force`, through
/// a private temporary file in the same folder, so a failed run never leaves
/// half a file.
pub fn write_output(db: &Path, out: &Path, force: bool, bytes: &[u8]) -> Result<(), CliError> {
    crate::safe_file::write_file(out, db, force, bytes).map_err(|e| CliError {
        code: if e.is_user_error() { 2 } else { 1 },
        message: e.to_string(),
    })
}

pub fn run(inv: &Invocation) -> Result<(), CliError> {
    let o = opts::parse(
        "report",
        &inv.args,
        &["from", "to", "quarter", "format", "out"],
        &["force"],
    )?;
    if let Some(p) = o.positional.first() {
        return Err(CliError::usage(format!(
            "report: unexpected argument '{p}'"
        )));
    }
    let (from, to) = opts::period("report", &o)?;
    let format = opts::format("report", &o, &["html", "pdf", "xlsx"])?;
    let out = o
        .get("out")
        .ok_or_else(|| CliError::usage("report: --out FILE is required"))?;
    let store = opts::store(inv)?;
    let today = crate::clock::clock_from_env().now().date();
    let report = store
        .report(from, to, to.min(today), &profile(&store))
        .map_err(opts::failed)?;
    let mut doc = crate::docs::report::document(&report, &office(&store));
    crate::docs::report::add_seal(&mut doc, &store.audit_head().map_err(opts::failed)?);
    let bytes = match format {
        "html" => document::html(&doc).into_bytes(),
        "pdf" => document::pdf(&doc).map_err(|e| CliError {
            message: format!("pdf: {e}"),
            code: 1,
        })?,
        _ => document::xlsx(&doc).map_err(opts::failed)?,
    };
    write_output(store.path(), Path::new(out), o.flag("force"), &bytes)?;
    println!("report {from} .. {to}: {} appeals -> {out}", report.total);
    Ok(())
}
