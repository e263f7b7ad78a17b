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
use super::{opts, CliError, Global};
use crate::docs::document;
use crate::domain::Lang;
use crate::store::{SessionRow, Store};
use chrono::Datelike;
use std::path::PathBuf;

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

/// A `YYYY-MM` argument.
fn month_arg(s: &str) -> Result<(i32, u32), String> {
    parse_month(s).ok_or_else(|| format!("not a month: '{s}' (YYYY-MM)"))
}

/// The month given, else the current one (of the desk's clock).
fn month_or_now(m: Option<(i32, u32)>) -> (i32, u32) {
    m.unwrap_or_else(|| {
        let today = crate::clock::clock_from_env().now().date();
        (today.year(), today.month())
    })
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

/// `qabyldau schedule`: the officials' reception schedule.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: ScheduleCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum ScheduleCommand {
    /// One tab-separated line per session: date start end official format place booked/slots
    Show {
        /// The month (default: the current one)
        #[arg(long, value_name = "YYYY-MM", value_parser = month_arg)]
        month: Option<(i32, u32)>,
    },
    /// The month's schedule poster in Kazakh and Russian
    Print {
        #[arg(long, value_name = "YYYY-MM", value_parser = month_arg)]
        month: (i32, u32),
        /// html or pdf (default: the extension of --out)
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// The file to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Make the month's sessions from the officials' recurring rules (repeatable)
    Generate {
        #[arg(long, value_name = "YYYY-MM", value_parser = month_arg)]
        month: (i32, u32),
    },
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    match args.command {
        ScheduleCommand::Show { month } => {
            let (y, m) = month_or_now(month);
            let store = opts::store(global)?;
            for r in sessions(&store, y, m)? {
                println!("{}", show_line(&r));
            }
            Ok(())
        }
        ScheduleCommand::Print { month, format, out } => {
            let (y, m) = month;
            let format = opts::format("schedule print", format.as_deref(), &out, &["html", "pdf"])?;
            let store = opts::store(global)?;
            let rows = sessions(&store, y, m)?;
            let absences = match crate::domain::schedule::month_bounds(y, m) {
                Some((first, last)) => store.absences(None, first, last).map_err(opts::failed)?,
                None => Vec::new(),
            };
            let doc = crate::docs::schedule::poster(&rows, &absences, &office(&store), y, m);
            let bytes = match format {
                "pdf" => document::pdf(&doc).map_err(|e| CliError {
                    message: format!("pdf: {e}"),
                    code: 1,
                })?,
                _ => document::html(&doc).into_bytes(),
            };
            write_atomically(&out, &bytes)?;
            println!(
                "schedule {y}-{m:02}: {} sessions -> {}",
                rows.len(),
                out.display()
            );
            Ok(())
        }
        ScheduleCommand::Generate { month: (y, m) } => {
            let mut store = opts::store(global)?;
            let (cal, _) = crate::assets::load_calendar(crate::paths::config_dir().as_deref());
            let now = crate::clock::clock_from_env().now();
            let actor = crate::store::Actor::cli("schedule generate");
            let g = store
                .generate_month(&actor, now, y, m, &cal)
                .map_err(opts::failed)?;
            let lang = global.lang.unwrap_or(Lang::Kk);
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
