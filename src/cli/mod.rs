//! Command-line subcommands and the global options.
//!
//! Global options are accepted before or after a subcommand:
//! `--db PATH`, `--lang kk|ru`, `--demo`.
pub mod calendar;

use crate::domain::Lang;
use std::path::PathBuf;

pub mod backup;
pub mod bench;
pub mod check;
pub mod export;
pub mod import;
pub mod login;
pub mod operator;
pub(crate) mod opts;
pub mod purge;
pub mod report;
pub mod torture;

/// Options that apply to the TUI and to every subcommand.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Global {
    pub db: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub demo: bool,
    /// `--login NAME`: the operator a subcommand runs as (see `cli::login`).
    pub login: Option<String>,
}

/// A parsed command line: the global options, the subcommand (if any) and its
/// remaining arguments in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Invocation {
    pub global: Global,
    pub command: Option<String>,
    pub args: Vec<String>,
}

/// A command-line error: the message and the exit code (2 for usage and bad input).
#[derive(Debug, PartialEq, Eq)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    pub fn usage(msg: impl Into<String>) -> CliError {
        CliError {
            message: msg.into(),
            code: 2,
        }
    }
}

/// Splits the command line into global options, subcommand and arguments.
pub fn parse(args: &[String]) -> Result<Invocation, CliError> {
    let mut inv = Invocation::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let value = |i: usize| -> Result<String, CliError> {
            args.get(i + 1)
                .cloned()
                .ok_or_else(|| CliError::usage(format!("{a}: value missing")))
        };
        if let Some(v) = a.strip_prefix("--db=") {
            inv.global.db = Some(PathBuf::from(v));
        } else if a == "--db" {
            inv.global.db = Some(PathBuf::from(value(i)?));
            i += 1;
        } else if a == "--lang" || a.starts_with("--lang=") {
            let v = match a.strip_prefix("--lang=") {
                Some(v) => v.to_string(),
                None => {
                    i += 1;
                    value(i - 1)?
                }
            };
            inv.global.lang = Some(
                Lang::from_code(&v)
                    .ok_or_else(|| CliError::usage(format!("--lang: '{v}' is not kk or ru")))?,
            );
        } else if let Some(v) = a.strip_prefix("--login=") {
            inv.global.login = Some(v.to_string());
        } else if a == "--login" {
            inv.global.login = Some(value(i)?);
            i += 1;
        } else if a == "--demo" {
            inv.global.demo = true;
        } else if inv.command.is_none() && !a.starts_with('-') {
            inv.command = Some(a.clone());
        } else {
            inv.args.push(a.clone());
        }
        i += 1;
    }
    Ok(inv)
}

/// The usage text printed by `--help`.
pub const USAGE: &str = "\
qabyldau [--db PATH] [--lang kk|ru] [--demo]      open the desk (TUI)
qabyldau calendar show YEAR                       days off and worked weekend days of a year
qabyldau calendar add-working-days DATE N         the date N working days after DATE
qabyldau bench [--rows N] [--json] [--db PATH]    measure on N synthetic appeals (default 1000000);
                                                  --db keeps/reuses the database, --json ends with JSON
qabyldau report (--from DATE --to DATE | --quarter 2026Q1) --format html|pdf|xlsx --out FILE [--force]
                                                  report of the period vs the same period a year before
qabyldau export appeals (--from DATE --to DATE | --quarter Q) --format csv|xlsx --out FILE [--force]
         [--media | --unregistered]               all fields; --media without personal data;
                                                  --unregistered: not yet in the national register
qabyldau import FILE [--dry-run]                  appeals from CSV (UTF-8, , or ;) or XLSX; one transaction
qabyldau check [--reseal]                         integrity, foreign keys, audit chain and seal: OK or FAILED
qabyldau purge [--dry-run] [--yes] [--before DATE] depersonalise finished appeals past the retention period
qabyldau operator list | operator reset LOGIN [--recovery-code CODE] | operator recovery-code
                                                  accounts; a new password (changed at the next login)
qabyldau backup [--out FILE]                      a consistent copy (default: the backups folder)
qabyldau restore FILE                             check FILE, then replace the database with it,
                                                  keeping the replaced one as <db>.replaced-DATE-TIME
Once the database has operators, commands with personal data need --login NAME (password
asked, or QABYLDAU_PASSWORD). Global options go before or after a subcommand. The database defaults to the OS data
folder; QABYLDAU_DB overrides it, --db overrides both.";

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn global_options_before_or_after() {
        let a = parse(&s(&[
            "--db", "x.sqlite", "calendar", "show", "2026", "--lang", "ru",
        ]))
        .unwrap();
        assert_eq!(a.global.db, Some(PathBuf::from("x.sqlite")));
        assert_eq!(a.global.lang, Some(Lang::Ru));
        assert_eq!(a.command.as_deref(), Some("calendar"));
        assert_eq!(a.args, s(&["show", "2026"]));
        let b = parse(&s(&["--demo", "--lang=kk"])).unwrap();
        assert!(b.global.demo && b.command.is_none());
        assert_eq!(parse(&s(&["--lang", "de"])).unwrap_err().code, 2);
        assert_eq!(parse(&s(&["--db"])).unwrap_err().code, 2);
    }
}
