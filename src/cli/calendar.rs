//! `qabyldau calendar show YEAR` and `qabyldau calendar add-working-days DATE N`:
//! for administrators and for answering questions on the phone.
use super::CliError;
use crate::domain::calendar::{Calendar, DayKind};
use chrono::NaiveDate;

use std::io::Write;

/// Parses YYYY-MM-DD or DD.MM.YYYY.
pub use crate::domain::dates::parse_date;

/// `qabyldau calendar ...`
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: CalendarCommand,
}

#[derive(clap::Subcommand, Debug, Clone, PartialEq)]
pub enum CalendarCommand {
    /// Days off and worked weekend days of a year, one per line
    Show {
        #[arg(value_name = "YEAR", value_parser = year)]
        year: i32,
    },
    /// The date N working days after DATE
    AddWorkingDays {
        /// YYYY-MM-DD or DD.MM.YYYY
        #[arg(value_name = "DATE", value_parser = super::opts::date)]
        date: NaiveDate,
        /// Working days to add (0 or more)
        #[arg(value_name = "N", value_parser = days, allow_negative_numbers = true)]
        n: u32,
    },
}

fn year(s: &str) -> Result<i32, String> {
    s.trim()
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| format!("not a year: '{s}'"))
}

fn days(s: &str) -> Result<u32, String> {
    s.trim()
        .parse()
        .ok()
        .filter(|n| *n <= 10_000)
        .ok_or_else(|| format!("not a number of days (0 or more): '{s}'"))
}

/// Runs a calendar command against `calendar`, writing to `out`.
pub fn run_command(
    command: &CalendarCommand,
    calendar: &Calendar,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let io = |e: std::io::Error| CliError {
        message: e.to_string(),
        code: 1,
    };
    match command {
        CalendarCommand::Show { year } => {
            for (d, kind, name) in calendar.exceptions(*year) {
                let k = match kind {
                    DayKind::Off => "off",
                    DayKind::Work => "work",
                };
                writeln!(out, "{d}\t{k}\t{name}").map_err(io)?;
            }
            Ok(())
        }
        CalendarCommand::AddWorkingDays { date, n } => {
            writeln!(out, "{}", calendar.add_working_days(*date, *n)).map_err(io)?;
            Ok(())
        }
    }
}

/// Runs `calendar ARGS...` (the arguments after `calendar`) against `calendar`,
/// parsed as the command line parses them; a bad argument is one line, code 2.
pub fn run_with(args: &[String], calendar: &Calendar, out: &mut dyn Write) -> Result<(), CliError> {
    let line = std::iter::once("calendar".to_string()).chain(args.iter().cloned());
    match super::parse(line)? {
        super::Parsed::Run(super::Cli {
            command: Some(super::Command::Calendar(a)),
            ..
        }) => run_command(&a.command, calendar, out),
        super::Parsed::Print(text) => write!(out, "{text}").map_err(super::opts::failed),
        super::Parsed::Run(_) => Err(CliError::usage("calendar: not a calendar command")),
    }
}

/// The subcommand: the shipped calendar extended by the office's file; warnings
/// about a broken office file go to stderr.
pub fn run(args: Args) -> Result<(), CliError> {
    let (cal, warnings) = crate::assets::load_calendar(crate::paths::config_dir().as_deref());
    for w in warnings {
        eprintln!("qabyldau: {w}");
    }
    run_command(&args.command, &cal, &mut std::io::stdout().lock())
}
