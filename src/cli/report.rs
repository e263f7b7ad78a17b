//! `qabyldau report --from DATE --to DATE | --quarter 2026Q1 --format html|xlsx --out FILE`:
//! the report of the reception room for a period, compared with the same period a
//! year before; control figures as of the period's end (or today, when earlier).
use super::opts;
use super::{CliError, Global};
use crate::docs::document::{self, Bi};
use crate::store::Store;
use std::path::{Path, PathBuf};

/// The office's name (kk, ru) from the settings.
pub fn office(store: &Store) -> Bi {
    let settings = store.office_settings().unwrap_or_default();
    Bi::new(
        crate::i18n::office_name(&settings, crate::domain::Lang::Kk),
        crate::i18n::office_name(&settings, crate::domain::Lang::Ru),
    )
}

/// The profile the office uses (settings, then the configuration folder), with
/// the topics the office added while bringing its journal in.
pub fn profile(store: &Store) -> crate::domain::profile::Profile {
    let id = store.office_settings().unwrap_or_default().profile_id;
    let config = crate::paths::config_dir();
    let mut p = crate::assets::load_profile(config.as_deref(), id.as_deref()).0;
    // Unreadable additions leave their codes unlabelled, nothing worse.
    let _ = store.extend_profile(&mut p);
    p
}

/// Writes `bytes` to `out` through a private temporary file created exclusively
/// in the same folder (`crate::safe_file`), so a failed run never leaves half a
/// file and a planted file or symlink is never written through. Replaces an
/// existing `out` (for files that are regenerated: posters, import maps); output
/// with personal data or an office record uses [`write_output`].
pub fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let run = || -> Result<(), crate::safe_file::SafeFileError> {
        let mut f = crate::safe_file::AtomicFile::create(out, true)?;
        std::io::Write::write_all(&mut f, bytes).map_err(|e| {
            crate::safe_file::SafeFileError::Io {
                path: out.display().to_string(),
                source: e,
            }
        })?;
        f.commit()
    };
    run().map_err(|e| CliError {
        code: if e.is_user_error() { 2 } else { 1 },
        message: e.to_string(),
    })
}

/// Writes `bytes` to `out` through [`crate::safe_file`]: never over the database
/// (`db`) or its backups, never over an existing file without `force`, through
/// a private temporary file in the same folder.
pub fn write_output(db: &Path, out: &Path, force: bool, bytes: &[u8]) -> Result<(), CliError> {
    crate::safe_file::write_file(out, db, force, bytes).map_err(|e| CliError {
        code: if e.is_user_error() { 2 } else { 1 },
        message: e.to_string(),
    })
}

/// `qabyldau report`: the report of a period compared with the same period a
/// year before; control figures as of the period's end (or today, when earlier).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub period: opts::Period,
    /// html, pdf or xlsx (default: the extension of --out)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The file to write
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace --out when it exists (never the database or its backups)
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let (from, to) = args.period.resolve("report")?;
    let format = opts::format(
        "report",
        args.format.as_deref(),
        &args.out,
        &["html", "pdf", "xlsx"],
    )?;
    let store = opts::store(global)?;
    let cancel = crate::cancel::ctrl_c();
    // Everything is made in memory and written at the end through a temporary
    // file: a cancel between the stages leaves no file.
    let mut bar = crate::progress::Progress::new("report", "stages");
    let stage = |bar: &mut crate::progress::Progress, n: u64| {
        bar.update(n, 3);
        if cancel.is_cancelled() {
            Err(CliError::cancelled("report"))
        } else {
            Ok(())
        }
    };
    stage(&mut bar, 0)?;
    let today = crate::clock::clock_from_env().now().date();
    let report = store
        .report(from, to, to.min(today), &profile(&store))
        .map_err(opts::failed)?;
    stage(&mut bar, 1)?;
    let mut doc = crate::docs::report::document(&report, &office(&store));
    // The audit seal on the paper the office files (see store::seal).
    crate::docs::report::add_seal(&mut doc, &store.audit_head().map_err(opts::failed)?);
    let bytes = match format {
        "html" => document::html(&doc).into_bytes(),
        "pdf" => document::pdf(&doc).map_err(|e| CliError {
            message: format!("pdf: {e}"),
            code: 1,
        })?,
        _ => document::xlsx(&doc).map_err(opts::failed)?,
    };
    stage(&mut bar, 2)?;
    write_output(store.path(), &args.out, args.force, &bytes)?;
    bar.update(3, 3);
    bar.finish();
    println!(
        "report {from} .. {to}: {} appeals -> {}",
        report.total,
        args.out.display()
    );
    Ok(())
}
