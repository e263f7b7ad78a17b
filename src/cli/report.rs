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

/// Writes `bytes` to `out` through a temporary file in the same folder, so a
/// failed run never leaves half a file.
pub fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let tmp = out.with_extension("partial");
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            CliError {
                message: format!("{}: {e}", out.display()),
                code: 1,
            }
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
    let doc = crate::docs::report::document(&report, &office(&store));
    let bytes = match format {
        "html" => document::html(&doc).into_bytes(),
        "pdf" => document::pdf(&doc).map_err(|e| CliError {
            message: format!("pdf: {e}"),
            code: 1,
        })?,
        _ => document::xlsx(&doc).map_err(opts::failed)?,
    };
    stage(&mut bar, 2)?;
    write_atomically(&args.out, &bytes)?;
    bar.update(3, 3);
    bar.finish();
    println!(
        "report {from} .. {to}: {} appeals -> {}",
        report.total,
        args.out.display()
    );
    Ok(())
}
