//! `qabyldau export appeals --from DATE --to DATE --format csv|xlsx --out FILE
//! [--media | --unregistered]`: the command line over [`crate::export`].
use super::opts;
use super::{CliError, Global};
use crate::domain::profile::Profile;
pub use crate::export::{csv_cell, header, row, ExportError, Layout};
use crate::store::Actor;
use std::path::{Path, PathBuf};

impl From<ExportError> for CliError {
    fn from(e: ExportError) -> CliError {
        match e {
            ExportError::Cancelled => CliError::cancelled("export"),
            ExportError::Usage(m) => CliError::usage(m),
            ExportError::Failed(m) => opts::failed(m),
        }
    }
}

/// [`crate::export::export_appeals`] with the command line's errors.
#[allow(clippy::too_many_arguments)]
pub fn export_appeals(
    store: &mut crate::store::Store,
    actor: &Actor,
    now: chrono::NaiveDateTime,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    layout: Layout,
    format: &str,
    profile: &Profile,
    out: &Path,
    force: bool,
) -> Result<u64, CliError> {
    Ok(crate::export::export_appeals(
        store, actor, now, from, to, layout, format, profile, out, force,
    )?)
}

/// [`crate::export::export_appeals_with`] with the command line's errors.
#[allow(clippy::too_many_arguments)]
pub fn export_appeals_with(
    store: &mut crate::store::Store,
    actor: &Actor,
    now: chrono::NaiveDateTime,
    period: (chrono::NaiveDate, chrono::NaiveDate),
    layout: Layout,
    format: &str,
    profile: &Profile,
    out: &Path,
    force: bool,
    cancel: &crate::cancel::Cancel,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, CliError> {
    Ok(crate::export::export_appeals_with(
        store, actor, now, period, layout, format, profile, out, force, cancel, progress,
    )?)
}

/// `qabyldau export WHAT`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

/// What to export.
#[derive(clap::Subcommand, Debug)]
pub enum What {
    /// Every appeal registered in the period: all fields, or --media, or --unregistered
    Appeals(AppealsArgs),
}

/// `qabyldau export appeals`.
#[derive(clap::Args, Debug)]
pub struct AppealsArgs {
    #[command(flatten)]
    pub period: opts::Period,
    /// csv or xlsx (default: the extension of --out)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The file to write
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Without personal data, for the press
    #[arg(long, conflicts_with = "unregistered")]
    pub media: bool,
    /// Only appeals not yet in the national register, for re-keying
    #[arg(long)]
    pub unregistered: bool,
    /// Replace --out when it exists (never the database or its backups)
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let What::Appeals(a) = args.what;
    let layout = match (a.media, a.unregistered) {
        (true, true) => {
            return Err(CliError::usage(
                "export: --media and --unregistered cannot be combined",
            ))
        }
        (true, false) => Layout::Media,
        (false, true) => Layout::Unregistered,
        _ => Layout::Full,
    };
    let (from, to) = a.period.resolve("export")?;
    let format = opts::format("export", a.format.as_deref(), &a.out, &["csv", "xlsx"])?;
    let mut store = opts::store(global)?;
    let actor = super::login::authenticate(
        &mut store,
        global.login.as_deref(),
        "export",
        crate::domain::permissions::Permission::Export,
    )?;
    let now = super::login::now_for_writing(&store)?;
    let profile = super::report::profile(&store);
    let mut bar = crate::progress::Progress::new("exporting", "appeals");
    let n = export_appeals_with(
        &mut store,
        &actor,
        now,
        (from, to),
        layout,
        format,
        &profile,
        &a.out,
        a.force,
        &crate::cancel::ctrl_c(),
        &mut |n| bar.update(n, 0),
    )?;
    bar.finish();
    println!("exported: {n} -> {}", a.out.display());
    Ok(())
}
