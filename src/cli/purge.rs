//! `qabyldau purge [--dry-run] [--before DATE]`: depersonalises applicants whose
//! appeals are all finished and older than the retention period (setting
//! `retention_years`, default 5), keeping the statistics (Law 94-V).
use super::{CliError, Global};
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
    /// Do it without asking (scheduled jobs); otherwise it says what it will do and asks
    #[arg(long)]
    pub yes: bool,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let Args {
        dry_run,
        before,
        yes,
    } = args;
    // Depersonalising cannot be undone: never by a clock someone fixed.
    if !dry_run && crate::clock::is_fixed() {
        return Err(CliError::usage(format!(
            "purge: refused: the clock is fixed by {} (purge cannot be undone); \
             run it with the real clock",
            crate::clock::ENV
        )));
    }
    let mut store = super::opts::store(global)?;
    let failed = |e: crate::store::StoreError| CliError {
        message: e.to_string(),
        code: 1,
    };
    let actor = super::login::authenticate(
        &mut store,
        global.login.as_deref(),
        "purge",
        crate::domain::permissions::Permission::ManagePersonalData,
    )?;
    let now = if dry_run {
        crate::clock::clock_from_env().now()
    } else {
        super::login::now_for_writing(&store)?
    };
    let years = store.office_settings().map_err(failed)?.retention_years;
    let cut = cutoff(now.date(), years, before);
    let candidates = store.purge_candidates(cut).map_err(failed)?;
    let summary = |verb: &str, n: usize| {
        format!("{verb}: {n} (registered before {cut}, retention {years} years)")
    };
    if dry_run || candidates.is_empty() {
        for i in &candidates {
            println!("{}\t{}", i.reg_nos.join(","), i.initials);
        }
        println!("{}", summary("would depersonalise", candidates.len()));
        return Ok(());
    }
    if !yes {
        // Show what will happen and ask; without a terminal, --yes is required.
        println!(
            "{} applicant(s) with appeals registered before {cut} will be depersonalised \
             (names to initials; IIN, phone, address erased). This cannot be undone.",
            candidates.len()
        );
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() {
            return Err(CliError::usage(
                "purge: not confirmed: run with --yes (or in a terminal to be asked); nothing was changed",
            ));
        }
        print!("Type yes to go on: ");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if answer.trim() != "yes" {
            return Err(CliError::usage("purge: not confirmed; nothing was changed"));
        }
    }
    let items = store
        .purge_personal_data(&actor, now, cut)
        .map_err(failed)?;
    for i in &items {
        println!("{}\t{}", i.reg_nos.join(","), i.initials);
    }
    println!("{}", summary("depersonalised", items.len()));
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
