//! `qabyldau import FILE [--dry-run] [--map FILE] [--write-map FILE]`: appeals
//! from a CSV or XLSX file, also an office's own journal (`crate::journal`).
use super::{CliError, Global};
use crate::import::ImportError;
use crate::journal::{self, mapping::Mapping};
use crate::paths;
use crate::services::Office;
use crate::store::Store;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

fn input_error(e: ImportError) -> CliError {
    let mut message = e.to_string();
    if matches!(&e, ImportError::MissingColumns(c) if c.iter().any(|c| c == "channel")) {
        // Journals of personal reception often have no channel column.
        message.push_str(
            "; a journal without a channel column: put [defaults] channel = \"walk_in\" in a file given with --map",
        );
    }
    CliError {
        message,
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

/// Reads a mapping file given with `--map`.
fn read_mapping(path: &Path) -> Result<Mapping, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::usage(format!("import: --map {}: {e}", path.display())))?;
    // Notepad saves UTF-8 with a byte-order mark.
    Mapping::parse(text.trim_start_matches('\u{feff}'))
        .map_err(|e| CliError::usage(format!("import: --map {}: {e}", path.display())))
}

/// `qabyldau import FILE`: appeals from a CSV (UTF-8, ',' or ';') or XLSX file, also
/// an office's own journal (its headings found, values as offices write them), in
/// one transaction; rows that wait for a decision on an unmatched value are held.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The CSV or XLSX file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Check every row and report, store nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The office's decisions on unmatched values (TOML; see --write-map)
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Write a draft mapping of every unmatched value to FILE (implies --dry-run)
    #[arg(long, value_name = "FILE")]
    pub write_map: Option<PathBuf>,
    /// Bring rows dated before DATE in as finished: answered (on the journal's
    /// answer date, when it has one) and closed, with the journal's outcome text;
    /// nothing due, not on Today. Without it every row is an open appeal
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::opts::date)]
    pub closed_before: Option<chrono::NaiveDate>,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let Args {
        file,
        mut dry_run,
        map,
        write_map,
        closed_before,
    } = args;
    // QABYLDAU_NOW (YYYY-MM-DDTHH:MM:SS), as the desk: fixed dates in tests.
    let now = crate::clock::clock_from_env().now();
    // The file (and the mapping file) are read before the database is opened:
    // a bad file leaves the database (even its existence) untouched.
    let journal = journal::read(&file).map_err(input_error)?;
    let given = map.as_deref().map(read_mapping).transpose()?;
    let db = global.database();
    let mut store = Store::open(&db).map_err(|e| CliError {
        message: e.to_string(),
        code: 1,
    })?;
    let actor = super::login::authenticate(
        &mut store,
        global.login.as_deref(),
        "import",
        crate::domain::permissions::Permission::RegisterAppeal,
    )?;
    let (office, _) =
        Office::load(&store, paths::config_dir().as_deref()).map_err(|e| CliError {
            message: e.to_string(),
            code: 1,
        })?;
    let context = journal::Context::of(&store, &office).map_err(input_error)?;
    let remembered = journal::remembered(&store, &journal).map_err(input_error)?;
    let mapping =
        journal::effective_mapping(&store, &journal, given.as_ref()).map_err(input_error)?;
    let mut outcome = match journal::check(
        &journal,
        &context,
        &mapping,
        now.date(),
        &mut progress_bar(),
    ) {
        Ok(o) => o,
        Err(e @ ImportError::MissingColumns(_)) => {
            // The office can still say which column is which in a draft.
            if let (Some(out), Ok(columns)) = (
                &write_map,
                journal::headings::assign_columns(&journal.header, &mapping.columns),
            ) {
                let draft = journal::Outcome {
                    columns,
                    mapping: mapping.decided(),
                    ..Default::default()
                }
                .draft_mapping(&context.profile);
                super::report::write_atomically(out, draft.as_bytes())?;
                println!(
                    "mapping draft: {} (say which column is which under [columns])",
                    out.display()
                );
            }
            return Err(input_error(e));
        }
        Err(e) => return Err(input_error(e)),
    };
    outcome.close_before(closed_before);
    if let Some(n) = journal.heading_row {
        println!("heading: row {n} (the rows above it are not read)");
    }
    for line in journal::headings::describe_columns(&outcome.columns) {
        // Column headings come from the file: no control characters to the terminal.
        println!("{}", crate::domain::text::terminal_safe(&line));
    }
    if let Some(r) = remembered.filter(|r| !r.is_empty()) {
        let mut what = format!("{} value(s)", r.decided_count());
        if let Some(c) = r.default_channel {
            what.push_str(&format!(", default channel {}", c.code()));
        }
        println!("mapping: {what} remembered from an earlier import of this journal's shape");
    }
    if let Some(out) = &write_map {
        let mut profile = context.profile.clone();
        for a in &outcome.additions {
            profile.topics.push(a.entry.clone());
        }
        let draft = outcome.draft_mapping(&profile);
        super::report::write_atomically(out, draft.as_bytes())?;
        println!(
            "mapping draft: {} ({} value(s) to decide); nothing imported",
            out.display(),
            outcome.unmatched.len()
        );
        dry_run = true;
    }
    let overdue = outcome.overdue_open(&office, now.date());
    if overdue > 0 {
        println!(
            "{overdue} open row(s) are past their answer term already (overdue on Today); to bring old rows in as finished: --closed-before YYYY-MM-DD"
        );
    }
    let answered = outcome.answered_open();
    if answered > 0 {
        println!(
            "{answered} open row(s) have an answer in the journal (a date or a result); a later --closed-before brings them in closed"
        );
    }
    if !dry_run {
        super::login::now_for_writing(&store)?;
    }
    let cancel = crate::cancel::ctrl_c();
    let mut bar = crate::progress::Progress::new("importing", "rows");
    let report = journal::store_with(
        &mut store,
        &office,
        &actor,
        outcome,
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
