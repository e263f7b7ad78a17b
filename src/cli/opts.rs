//! Option parsing shared by report, export and import: `--name VALUE`,
//! `--name=VALUE`, bare flags, and positional arguments.
use super::CliError;
use std::collections::BTreeMap;

/// Parsed arguments of one subcommand.
#[derive(Debug, Default, PartialEq)]
pub struct Opts {
    pub values: BTreeMap<String, String>,
    pub flags: Vec<String>,
    pub positional: Vec<String>,
}

impl Opts {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
}

/// Splits `args` by the names of options that take a value and of flags; any
/// other `--option` is a usage error naming the command.
pub fn parse(
    command: &str,
    args: &[String],
    with_value: &[&str],
    flags: &[&str],
) -> Result<Opts, CliError> {
    let mut o = Opts::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(name) = a.strip_prefix("--") {
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (name, None),
            };
            if with_value.contains(&name) {
                let v = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i).cloned().ok_or_else(|| {
                            CliError::usage(format!("{command}: --{name}: value missing"))
                        })?
                    }
                };
                o.values.insert(name.to_string(), v);
            } else if flags.contains(&name) && inline.is_none() {
                o.flags.push(name.to_string());
            } else {
                return Err(CliError::usage(format!("{command}: unknown option '{a}'")));
            }
        } else {
            o.positional.push(a.clone());
        }
        i += 1;
    }
    Ok(o)
}

/// A required date option (YYYY-MM-DD or DD.MM.YYYY).
pub fn date(command: &str, o: &Opts, name: &str) -> Result<chrono::NaiveDate, CliError> {
    let raw = o
        .get(name)
        .ok_or_else(|| CliError::usage(format!("{command}: --{name} DATE is required")))?;
    super::calendar::parse_date(raw).ok_or_else(|| {
        CliError::usage(format!(
            "{command}: --{name}: not a date: '{raw}' (YYYY-MM-DD or DD.MM.YYYY)"
        ))
    })
}

/// The period from `--from`/`--to`, or `--quarter 2026Q1`.
pub fn period(command: &str, o: &Opts) -> Result<(chrono::NaiveDate, chrono::NaiveDate), CliError> {
    if let Some(q) = o.get("quarter") {
        if o.get("from").is_some() || o.get("to").is_some() {
            return Err(CliError::usage(format!(
                "{command}: give either --quarter or --from/--to"
            )));
        }
        return crate::domain::period::parse_quarter(q).ok_or_else(|| {
            CliError::usage(format!(
                "{command}: --quarter: not a quarter: '{q}' (e.g. 2026Q1)"
            ))
        });
    }
    let from = date(command, o, "from")?;
    let to = date(command, o, "to")?;
    if to < from {
        return Err(CliError::usage(format!(
            "{command}: --to {to} is before --from {from}"
        )));
    }
    Ok((from, to))
}

/// The output format: `--format`, else the extension of `--out`.
pub fn format<'a>(
    command: &str,
    o: &'a Opts,
    allowed: &[&'static str],
) -> Result<&'a str, CliError> {
    let out = o.get("out").unwrap_or("");
    let f = o
        .get("format")
        .or_else(|| out.rsplit_once('.').map(|(_, e)| e))
        .unwrap_or("");
    if allowed.contains(&f) {
        Ok(f)
    } else {
        Err(CliError::usage(format!(
            "{command}: --format must be one of {}",
            allowed.join(", ")
        )))
    }
}

/// Opens the database of the invocation.
pub fn store(inv: &super::Invocation) -> Result<crate::store::Store, CliError> {
    let path = crate::paths::database(inv.global.db.as_deref());
    crate::store::Store::open(&path).map_err(|e| CliError {
        message: format!("{}: {e}", path.display()),
        code: 1,
    })
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

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn values_flags_positionals() {
        let o = parse(
            "x",
            &s(&[
                "appeals",
                "--from",
                "2026-01-01",
                "--to=31.03.2026",
                "--media",
            ]),
            &["from", "to"],
            &["media"],
        )
        .unwrap();
        assert_eq!(o.positional, s(&["appeals"]));
        assert!(o.flag("media"));
        assert_eq!(
            period("x", &o).unwrap(),
            (
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
            )
        );
        assert_eq!(parse("x", &s(&["--bogus"]), &[], &[]).unwrap_err().code, 2);
        assert_eq!(
            parse("x", &s(&["--from"]), &["from"], &[])
                .unwrap_err()
                .code,
            2
        );
        let q = parse(
            "x",
            &s(&["--quarter", "2026Q2", "--out", "a.xlsx"]),
            &["quarter", "out", "format"],
            &[],
        )
        .unwrap();
        assert_eq!(period("x", &q).unwrap().0.to_string(), "2026-04-01");
        assert_eq!(format("x", &q, &["html", "xlsx"]).unwrap(), "xlsx");
        assert!(format("x", &q, &["csv"]).is_err());
    }
}
