//! Argument pieces shared by several subcommands: the period (`--from/--to` or
//! `--quarter`), the output format, value parsers for dates and quarters, and
//! opening the database.
use super::CliError;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Value parser: a date as YYYY-MM-DD or DD.MM.YYYY.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    crate::domain::dates::parse_date(s)
        .ok_or_else(|| format!("not a date: '{s}' (YYYY-MM-DD or DD.MM.YYYY)"))
}

/// A quarter such as 2026Q1: its first and last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quarter(pub NaiveDate, pub NaiveDate);

/// Value parser: a quarter (2026Q1, Q1-2026).
pub fn quarter(s: &str) -> Result<Quarter, String> {
    crate::domain::period::parse_quarter(s)
        .map(|(a, b)| Quarter(a, b))
        .ok_or_else(|| format!("not a quarter: '{s}' (e.g. 2026Q1)"))
}

/// The period of a report or an export.
#[derive(clap::Args, Clone, Debug, Default, PartialEq)]
pub struct Period {
    /// First day (YYYY-MM-DD or DD.MM.YYYY)
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub from: Option<NaiveDate>,
    /// Last day
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub to: Option<NaiveDate>,
    /// A whole quarter instead of --from/--to, e.g. 2026Q1
    #[arg(long, value_name = "QUARTER", value_parser = quarter)]
    pub quarter: Option<Quarter>,
}

impl Period {
    /// The first and last day; `command` names the command in a message.
    pub fn resolve(&self, command: &str) -> Result<(NaiveDate, NaiveDate), CliError> {
        if let Some(Quarter(from, to)) = self.quarter {
            if self.from.is_some() || self.to.is_some() {
                return Err(CliError::usage(format!(
                    "{command}: give either --quarter or --from/--to"
                )));
            }
            return Ok((from, to));
        }
        let (from, to) = match (self.from, self.to) {
            (Some(f), Some(t)) => (f, t),
            (None, _) => {
                return Err(CliError::usage(format!(
                    "{command}: --from DATE is required (or --quarter)"
                )))
            }
            (_, None) => return Err(CliError::usage(format!("{command}: --to DATE is required"))),
        };
        if to < from {
            return Err(CliError::usage(format!(
                "{command}: --to {to} is before --from {from}"
            )));
        }
        Ok((from, to))
    }
}

/// The output format: `--format`, else the extension of `--out`.
pub fn format(
    command: &str,
    format: Option<&str>,
    out: &Path,
    allowed: &[&'static str],
) -> Result<&'static str, CliError> {
    let f = format
        .map(str::to_string)
        .or_else(|| out.extension().map(|e| e.to_string_lossy().to_lowercase()))
        .unwrap_or_default();
    allowed.iter().find(|a| **a == f).copied().ok_or_else(|| {
        CliError::usage(format!(
            "{command}: --format must be one of {}",
            allowed.join(", ")
        ))
    })
}

/// Opens (creating when missing) the database at `path`.
pub fn open(path: &Path) -> Result<crate::store::Store, CliError> {
    crate::store::Store::open(path).map_err(|e| CliError {
        message: format!("{}: {e}", path.display()),
        code: 1,
    })
}

/// Opens the database of the command line.
pub fn store(global: &super::Global) -> Result<crate::store::Store, CliError> {
    open(&global.database())
}

/// The database of the command line, which must exist (else exit 2).
pub fn existing(global: &super::Global, command: &str) -> Result<PathBuf, CliError> {
    let path = global.database();
    if path.exists() {
        Ok(path)
    } else {
        Err(CliError::usage(format!(
            "{command}: no database at {}",
            path.display()
        )))
    }
}

/// A failure that is not the user's input (database, disk).
pub fn failed(e: impl std::fmt::Display) -> CliError {
    CliError {
        message: e.to_string(),
        code: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn periods_and_formats() {
        let p = Period {
            from: Some(d(2026, 1, 1)),
            to: Some(d(2026, 3, 31)),
            quarter: None,
        };
        assert_eq!(p.resolve("x").unwrap(), (d(2026, 1, 1), d(2026, 3, 31)));
        let q = Period {
            quarter: Some(quarter("2026Q2").unwrap()),
            ..Default::default()
        };
        assert_eq!(q.resolve("x").unwrap().0, d(2026, 4, 1));
        let both = Period {
            from: Some(d(2026, 1, 1)),
            ..q.clone()
        };
        assert_eq!(both.resolve("x").unwrap_err().code, 2);
        let backwards = Period {
            from: Some(d(2026, 3, 1)),
            to: Some(d(2026, 2, 1)),
            quarter: None,
        };
        assert!(backwards
            .resolve("x")
            .unwrap_err()
            .message
            .contains("before"));
        assert_eq!(Period::default().resolve("x").unwrap_err().code, 2);
        assert_eq!(date("31.03.2026"), Ok(d(2026, 3, 31)));
        assert!(date("2026-13-01").unwrap_err().contains("not a date"));
        assert!(quarter("2026Q5").is_err());
        let out = Path::new("a.XLSX");
        assert_eq!(format("x", None, out, &["html", "xlsx"]).unwrap(), "xlsx");
        assert_eq!(
            format("x", Some("html"), out, &["html", "xlsx"]).unwrap(),
            "html"
        );
        assert_eq!(format("x", None, out, &["csv"]).unwrap_err().code, 2);
    }
}
