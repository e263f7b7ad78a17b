//! `qabyldau check [--rebuild-search]`: SQLite integrity, foreign keys, the search
//! list and the audit chain; `--rebuild-search` first rebuilds the search index
//! and list from the appeals.
use super::{CliError, Global};
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

/// `qabyldau check`: SQLite integrity, foreign keys, the search list and the
/// audit chain; the last line is OK (exit 0) or FAILED: reason (exit 1).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// First rebuild the search index and list from the appeals
    #[arg(long)]
    pub rebuild_search: bool,
    /// After the check: seal the audit trail as it is now (an administrator's
    /// decision once a seal mismatch was looked into; audited)
    #[arg(long)]
    pub reseal: bool,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let rebuild = args.rebuild_search;
    let path = super::opts::existing(global, "check")?;
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
    if args.reseal {
        let actor = super::login::authenticate_admin(&mut store, global)?;
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
