//! `qabyldau check`: SQLite integrity, foreign keys and the audit chain.
use super::{CliError, Invocation};
use crate::paths;
use crate::store::{CheckReport, Store};

/// The printed lines of a report, the last one `OK` or `FAILED: reason`.
pub fn render(report: &CheckReport) -> String {
    let mut out = String::new();
    out.push_str(&format!("schema version: {}\n", report.schema_version));
    out.push_str(&format!(
        "integrity_check: {}\n",
        if report.integrity.is_empty() {
            "ok".to_string()
        } else {
            format!("{} problem(s)", report.integrity.len())
        }
    ));
    out.push_str(&format!(
        "foreign_key_check: {}\n",
        if report.foreign_keys.is_empty() {
            "ok".to_string()
        } else {
            format!("{} row(s)", report.foreign_keys.len())
        }
    ));
    out.push_str(&format!(
        "audit chain: {} row(s), {}\n",
        report.chain.rows,
        match report.chain.broken_at {
            None => "intact".to_string(),
            Some(id) => format!("broken at row {id}"),
        }
    ));
    match report.verdict() {
        Ok(()) => out.push_str("OK"),
        Err(reason) => out.push_str(&format!("FAILED: {reason}")),
    }
    out
}

pub fn run(inv: &Invocation) -> Result<(), CliError> {
    if let Some(a) = inv.args.first() {
        return Err(CliError::usage(format!("check: unexpected argument '{a}'")));
    }
    let path = paths::database(inv.global.db.as_deref());
    if !path.exists() {
        return Err(CliError::usage(format!(
            "check: no database at {}",
            path.display()
        )));
    }
    let store = Store::open(&path).map_err(|e| CliError {
        message: format!("FAILED: {e}"),
        code: 1,
    })?;
    let report = store.check().map_err(|e| CliError {
        message: format!("FAILED: {e}"),
        code: 1,
    })?;
    let text = render(&report);
    println!("{text}");
    match report.verdict() {
        Ok(()) => Ok(()),
        Err(reason) => Err(CliError {
            message: format!("FAILED: {reason}"),
            code: 1,
        }),
    }
}
