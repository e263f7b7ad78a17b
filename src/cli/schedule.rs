//! `qabyldau schedule`: the officials' reception schedule for scripts and the website.
//!
//! - `schedule show [--month YYYY-MM]`: one line per session, tab-separated:
//!   `date  start  end  official  format  place  booked/slots` (date YYYY-MM-DD,
//!   times HH:MM, the official's full name, the format's code `in_person`, `video`
//!   or `field`, booked and slots as two numbers with a slash). The month defaults
//!   to the current one.
//! - `schedule print --month YYYY-MM --format html|pdf --out FILE`: the poster in
//!   Kazakh and Russian.
//! - `schedule generate --month YYYY-MM`: makes the month's sessions from the
//!   officials' recurring rules (repeatable), and prints the warnings.
use super::report::{office, write_atomically};
use super::{opts, CliError, Invocation};
use crate::docs::document;
use crate::domain::Lang;
use crate::store::{SessionRow, Store};
use chrono::Datelike;
use std::path::Path;

/// Parses `YYYY-MM`.
pub fn parse_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    crate::domain::schedule::month_bounds(y, m).map(|_| (y, m))
}

fn month_opt(command: &str, o: &opts::Opts, required: bool) -> Result<(i32, u32), CliError> {
    match o.get("month") {
        Some(raw) => parse_month(raw).ok_or_else(|| {
            CliError::usage(format!(
                "{command}: --month: not a month: '{raw}' (YYYY-MM)"
            ))
        }),
        None if required => Err(CliError::usage(format!(
            "{command}: --month YYYY-MM is required"
        ))),
        None => {
            let today = crate::ui::clock_from_env().now().date();
            Ok((today.year(), today.month()))
        }
    }
}

/// One line of `schedule show`.
pub fn show_line(r: &SessionRow) -> String {
    let s = &r.session;
    // Tabs and newlines inside a field would break the columns.
    let clean = |x: &str| x.replace(['\t', '\n', '\r'], " ");
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}/{}",
        s.day.format("%Y-%m-%d"),
        s.start.format("%H:%M"),
        s.end.format("%H:%M"),
        clean(&r.official_name),
        s.format.code(),
        clean(&s.place),
        r.booked,
        r.slots
    )
}

fn sessions(store: &Store, y: i32, m: u32) -> Result<Vec<SessionRow>, CliError> {
    store.sessions_of_month(y, m).map_err(opts::failed)
}

pub fn run(inv: &Invocation) -> Result<(), CliError> {
    let Some(sub) = inv.args.first().map(String::as_str) else {
        return Err(CliError::usage(
            "schedule: show [--month YYYY-MM] | print --month YYYY-MM --format html|pdf --out FILE | generate --month YYYY-MM",
        ));
    };
    let rest = &inv.args[1..];
    match sub {
        "show" => {
            let o = opts::parse("schedule show", rest, &["month"], &[])?;
            no_positional("schedule show", &o)?;
            let (y, m) = month_opt("schedule show", &o, false)?;
            let store = opts::store(inv)?;
            for r in sessions(&store, y, m)? {
                println!("{}", show_line(&r));
            }
            Ok(())
        }
        "print" => {
            let o = opts::parse("schedule print", rest, &["month", "format", "out"], &[])?;
            no_positional("schedule print", &o)?;
            let (y, m) = month_opt("schedule print", &o, true)?;
            let format = opts::format("schedule print", &o, &["html", "pdf"])?;
            let out = o
                .get("out")
                .ok_or_else(|| CliError::usage("schedule print: --out FILE is required"))?;
            let store = opts::store(inv)?;
            let rows = sessions(&store, y, m)?;
            let doc = crate::docs::schedule::poster(&rows, &office(&store), y, m);
            let bytes = match format {
                "pdf" => document::pdf(&doc).map_err(|e| CliError {
                    message: format!("pdf: {e}"),
                    code: 1,
                })?,
                _ => document::html(&doc).into_bytes(),
            };
            write_atomically(Path::new(out), &bytes)?;
            println!("schedule {y}-{m:02}: {} sessions -> {out}", rows.len());
            Ok(())
        }
        "generate" => {
            let o = opts::parse("schedule generate", rest, &["month"], &[])?;
            no_positional("schedule generate", &o)?;
            let (y, m) = month_opt("schedule generate", &o, true)?;
            let mut store = opts::store(inv)?;
            let (cal, _) = crate::assets::load_calendar(crate::paths::config_dir().as_deref());
            let now = crate::ui::clock_from_env().now();
            let actor = crate::store::Actor::cli("schedule generate");
            let g = store
                .generate_month(&actor, now, y, m, &cal)
                .map_err(opts::failed)?;
            let lang = inv.global.lang.unwrap_or(Lang::Kk);
            let names = |id: i64| {
                store
                    .official(id)
                    .map(|o| o.full_name())
                    .unwrap_or_default()
            };
            println!(
                "schedule {y}-{m:02}: {} new, {} already there",
                g.created.len(),
                g.existing
            );
            for w in &g.warnings {
                println!("{}", crate::i18n::schedule::warning(lang, w, &names));
            }
            for (d, e) in &g.refused {
                println!(
                    "{} {}: {}",
                    names(d.official_id),
                    d.day,
                    crate::i18n::schedule::error(lang, e)
                );
            }
            for w in store.schedule_warnings(y, m, &cal).map_err(opts::failed)? {
                println!("{}", crate::i18n::schedule::warning(lang, &w, &names));
            }
            Ok(())
        }
        other => Err(CliError::usage(format!(
            "schedule: unknown subcommand '{other}' (show, print, generate)"
        ))),
    }
}

fn no_positional(command: &str, o: &opts::Opts) -> Result<(), CliError> {
    match o.positional.first() {
        Some(p) => Err(CliError::usage(format!(
            "{command}: unexpected argument '{p}'"
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(parse_month("2026-03"), Some((2026, 3)));
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(parse_month("2026-3"), None);
        assert_eq!(parse_month("26-03"), None);
        assert_eq!(parse_month("март"), None);
    }
}
