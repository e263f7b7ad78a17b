//! `qabyldau check [--rebuild-search]`: SQLite integrity, foreign keys, the search
//! list and the audit chain; `--rebuild-search` first rebuilds the search index
//! and list from the appeals.
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
        "search list: {}\n",
        match report.list_mismatches {
            0 => "in step".to_string(),
            n => format!("{n} row(s) out of step"),
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
    if report.audit_problems.is_empty() {
        out.push_str("audit seal, triggers, times, personal snapshots: ok\n");
    }
    for p in &report.audit_problems {
        out.push_str(&format!("{p}\n"));
    }
    match report.verdict() {
        Ok(()) => out.push_str("OK"),
        Err(reason) => out.push_str(&format!("FAILED: {reason}")),
    }
    out
}

pub fn run(inv: &Invocation) -> Result<(), CliError> {
    let mut rebuild = false;
    let mut reseal = false;
    for a in &inv.args {
        match a.as_str() {
            "--rebuild-search" => rebuild = true,
            "--reseal" => reseal = true,
            _ => {
                return Err(CliError::usage(format!(
                    "check: unexpected argument '{a}'\nusage: qabyldau check [--rebuild-search] [--reseal]"
                )))
            }
        }
    }
    let path = paths::database(inv.global.db.as_deref());
    if !path.exists() {
        return Err(CliError::usage(format!(
            "check: no database at {}",
            path.display()
        )));
    }
    let mut store = Store::open(&path).map_err(|e| CliError {
        message: format!("FAILED: {e}"),
        code: 1,
    })?;
    if rebuild {
        eprintln!("rebuilding the search index and list...");
        store.rebuild_search_index().map_err(|e| CliError {
            message: format!("FAILED: rebuilding the search index: {e}"),
            code: 1,
        })?;
    }
    let report = store.check().map_err(|e| CliError {
        message: format!("FAILED: {e}"),
        code: 1,
    })?;
    let text = render(&report);
    println!("{text}");
    if reseal {
        // After the office has looked into a seal mismatch (or a seal file was
        // lost): the current head becomes the seal; the old one is named in the
        // audit trail. Needs an administrator once the database has operators.
        let actor = super::login::authenticate_admin(&mut store, inv)?;
        let now = super::login::now_for_writing(&store)?;
        let old = crate::store::seal::read(store.path()).ok().flatten();
        let new = store
            .reseal_audited(&actor, now, old.as_ref())
            .map_err(|e| CliError {
                message: format!("FAILED: resealing: {e}"),
                code: 1,
            })?;
        println!("resealed: {}", new.short());
        return Ok(());
    }
    match report.verdict() {
        Ok(()) => Ok(()),
        Err(reason) => Err(CliError {
            message: format!("FAILED: {reason}"),
            code: 1,
        }),
    }
}
