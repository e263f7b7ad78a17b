//! `qabyldau calendar show YEAR` and `qabyldau calendar add-working-days DATE N`:
//! for administrators and for answering questions on the phone.
use super::{CliError, Invocation};
use crate::domain::calendar::{Calendar, DayKind};

use std::io::Write;

/// Parses YYYY-MM-DD or DD.MM.YYYY.
pub use crate::domain::dates::parse_date;

/// Runs a calendar command against `calendar`, writing to `out`.
pub fn run_with(args: &[String], calendar: &Calendar, out: &mut dyn Write) -> Result<(), CliError> {
    let io = |e: std::io::Error| CliError {
        message: e.to_string(),
        code: 1,
    };
    match args.first().map(String::as_str) {
        Some("show") => {
            let year: i32 = args
                .get(1)
                .and_then(|y| y.trim().parse().ok())
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "calendar show: not a year: '{}'",
                        args.get(1).map(String::as_str).unwrap_or("")
                    ))
                })?;
            for (d, kind, name) in calendar.exceptions(year) {
                let k = match kind {
                    DayKind::Off => "off",
                    DayKind::Work => "work",
                };
                writeln!(out, "{d}\t{k}\t{name}").map_err(io)?;
            }
            Ok(())
        }
        Some("add-working-days") => {
            let raw = args.get(1).map(String::as_str).unwrap_or("");
            let date = parse_date(raw).ok_or_else(|| {
                CliError::usage(format!(
                    "calendar add-working-days: not a date: '{raw}' (YYYY-MM-DD)"
                ))
            })?;
            let raw_n = args.get(2).map(String::as_str).unwrap_or("");
            let n: u32 = raw_n
                .trim()
                .parse()
                .ok()
                .filter(|n| *n <= 10_000)
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "calendar add-working-days: not a number of days (0 or more): '{raw_n}'"
                    ))
                })?;
            writeln!(out, "{}", calendar.add_working_days(date, n)).map_err(io)?;
            Ok(())
        }
        _ => Err(CliError::usage(
            "calendar: use 'calendar show YEAR' or 'calendar add-working-days DATE N'",
        )),
    }
}

/// The subcommand: the shipped calendar extended by the office's file; warnings
/// about a broken office file go to stderr.
pub fn run(inv: &Invocation) -> Result<(), CliError> {
    let (cal, warnings) = crate::assets::load_calendar(crate::paths::config_dir().as_deref());
    for w in warnings {
        eprintln!("qabyldau: {w}");
    }
    run_with(&inv.args, &cal, &mut std::io::stdout().lock())
}
