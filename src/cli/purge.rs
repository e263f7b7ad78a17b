//! `qabyldau purge [--dry-run] [--before DATE]`: depersonalises applicants whose
//! appeals are all finished and older than the retention period (setting
//! `retention_years`, default 5), keeping the statistics (Law 94-V).
use super::{CliError, Global};
use crate::store::Actor;
use chrono::{Datelike, NaiveDate};

/// The cut-off: today minus the retention period; `--before` may only be earlier.
pub fn cutoff(today: NaiveDate, retention_years: i32, before: Option<NaiveDate>) -> NaiveDate {
    let limit = NaiveDate::from_ymd_opt(
        today.year() - retention_years,
        today.month(),
        today.day().min(28),
    )
    .unwrap_or(today);
    before.map(|b| b.min(limit)).unwrap_or(limit)
}

/// `qabyldau purge`: depersonalises the applicants whose appeals are all
/// finished and older than the retention period (setting retention_years,
/// default 5); the statistics stay.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// List who would be depersonalised, change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Only appeals registered before DATE (never later than the retention allows)
    #[arg(long, value_name = "DATE", value_parser = super::opts::date)]
    pub before: Option<NaiveDate>,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let Args { dry_run, before } = args;
    let mut store = super::opts::store(global)?;
    let failed = |e: crate::store::StoreError| CliError {
        message: e.to_string(),
        code: 1,
    };
    let years = store.office_settings().map_err(failed)?.retention_years;
    let now = crate::clock::clock_from_env().now();
    let cut = cutoff(now.date(), years, before);
    let items = if dry_run {
        store.purge_candidates(cut).map_err(failed)?
    } else {
        store
            .purge_personal_data(&Actor::cli("purge"), now, cut)
            .map_err(failed)?
    };
    for i in &items {
        println!("{}\t{}", i.reg_nos.join(","), i.initials);
    }
    println!(
        "{}: {} (registered before {cut}, retention {years} years)",
        if dry_run {
            "would depersonalise"
        } else {
            "depersonalised"
        },
        items.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cutoff_is_never_later_than_the_retention() {
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(super::cutoff(d(2026, 3, 16), 5, None), d(2021, 3, 16));
        assert_eq!(
            super::cutoff(d(2026, 3, 16), 5, Some(d(2024, 1, 1))),
            d(2021, 3, 16)
        );
        assert_eq!(
            super::cutoff(d(2026, 3, 16), 5, Some(d(2020, 1, 1))),
            d(2020, 1, 1)
        );
    }
}
