//! The command line: one `clap` definition of the global options and every
//! subcommand, the one-line rendering of a bad command line, and the dispatch.
//!
//! Global options (`--db PATH`, `--lang kk|ru`, `--demo`) are accepted before or
//! after a subcommand. Each subcommand lives in `src/cli/<name>.rs` with its
//! arguments (`Args`, a `clap::Args` struct whose doc comments are its `--help`)
//! and `run(args, &Global)`. Adding one: see CONTRIBUTING.md.
//!
//! Exit codes: 0 done, 1 a failure that is not the user's input (database, disk,
//! a failed check), 2 a bad command line or bad input (one line on stderr).
pub mod backup;
pub mod bench;
pub mod board;
pub mod calendar;
pub mod check;
pub mod export;
pub mod import;
pub mod journal;
pub mod letter;
pub mod login;
pub mod operator;
pub(crate) mod opts;
pub mod purge;
pub mod report;
pub mod schedule;

use crate::domain::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

/// The whole command line.
#[derive(Parser, Debug)]
#[command(
    name = "qabyldau",
    version,
    about = "Desk, queue and protocol tool for the public reception room of an akimat.\n\
             Without a command it opens the desk (TUI).",
    after_help = "Global options go before or after a command. The database defaults to the OS \
                  data folder;\nQABYLDAU_DB overrides it, --db overrides both. \
                  'qabyldau COMMAND --help' describes a command."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The heading of the global options in every `--help`.
const GLOBAL: &str = "Global options";

/// Options of the desk and of every subcommand.
#[derive(clap::Args, Clone, Debug, Default, PartialEq)]
pub struct Global {
    /// The database file (default: the OS data folder)
    #[arg(
        long,
        global = true,
        help_heading = GLOBAL,
        env = "QABYLDAU_DB",
        hide_env_values = true,
        value_name = "PATH",
        value_parser = clap::builder::TypedValueParser::map(clap::builder::OsStringValueParser::new(), PathBuf::from)
    )]
    pub db: Option<PathBuf>,
    /// Interface language (default: the remembered choice, else kk)
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "kk|ru", value_parser = lang)]
    pub lang: Option<Lang>,
    /// Fill an empty database with demo data first
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub demo: bool,
    /// The operator a command runs as, once the database has operators (the
    /// password is asked, or taken from QABYLDAU_PASSWORD)
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "NAME")]
    pub login: Option<String>,
    /// Whether `db` came from `QABYLDAU_DB` rather than `--db` (bench keeps only
    /// a database named on its command line: it never writes into the office's).
    #[arg(skip)]
    pub db_from_env: bool,
}

impl Global {
    /// The database file: `--db` (or `QABYLDAU_DB`; empty means unset), else the
    /// OS data folder.
    pub fn database(&self) -> PathBuf {
        crate::paths::database(self.db.as_deref().filter(|p| !p.as_os_str().is_empty()))
    }
}

/// The subcommands: one variant each, its arguments defined beside its code.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Days off and worked weekend days; adding working days
    Calendar(calendar::Args),
    /// Measure the desk on N synthetic appeals (--db keeps and reuses the database)
    Bench(bench::Args),
    /// Report of a period compared with the same period a year before
    Report(report::Args),
    /// Export appeals to CSV or XLSX
    Export(export::Args),
    /// Import appeals from CSV (UTF-8, ',' or ';') or XLSX in one transaction
    Import(import::Args),
    /// Integrity, foreign keys, search list, audit chain and seal: OK or FAILED
    Check(check::Args),
    /// Depersonalise finished appeals past the retention period
    Purge(purge::Args),
    /// Operator accounts: list them, or reset a locked-out login
    Operator(operator::Args),
    /// A consistent copy of the database (default: the backups folder)
    Backup(backup::Args),
    /// Check FILE, then replace the database with it (the replaced one is kept)
    Restore(backup::RestoreArgs),
    /// A letter to the applicant for a step of an appeal (HTML or PDF)
    Letter(letter::Args),
    /// The journal of oral (walk-in and phone) appeals of a period
    Journal(journal::Args),
    /// Officials' reception schedule: show a month, print the poster, generate sessions
    Schedule(schedule::Args),
    /// The waiting-room board: big ticket numbers, official and room, in kk and ru
    Board(board::Args),
}

impl Command {
    /// Whether the command works on the office database (and so whether `--demo`
    /// may fill it first).
    fn uses_database(&self) -> bool {
        !matches!(self, Command::Calendar(_) | Command::Bench(_))
    }

    /// Runs the command. One arm per subcommand.
    pub fn run(self, global: &Global) -> Result<(), CliError> {
        match self {
            Command::Calendar(a) => calendar::run(a),
            Command::Bench(a) => bench::run(a, global),
            Command::Report(a) => report::run(a, global),
            Command::Export(a) => export::run(a, global),
            Command::Import(a) => import::run(a, global),
            Command::Check(a) => check::run(a, global),
            Command::Purge(a) => purge::run(a, global),
            Command::Operator(a) => operator::run(a, global),
            Command::Backup(a) => backup::run(a, global),
            Command::Restore(a) => backup::run_restore(a, global),
            Command::Letter(a) => letter::run(a, global),
            Command::Journal(a) => journal::run(a, global),
            Command::Schedule(a) => schedule::run(a, global),
            Command::Board(a) => board::run(a, global),
        }
    }
}

/// A command-line error: the message and the exit code (2 for usage and bad input).
#[derive(Debug, PartialEq, Eq)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    /// Work stopped by Ctrl+C (exit code 130, as shells report an interrupt).
    pub fn cancelled(what: &str) -> CliError {
        CliError {
            message: format!("{what}: cancelled; nothing was written"),
            code: 130,
        }
    }

    pub fn usage(msg: impl Into<String>) -> CliError {
        CliError {
            message: msg.into(),
            code: 2,
        }
    }
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Parsed {
    /// Run this (`command: None` opens the desk).
    Run(Cli),
    /// `--help` or `--version`: the text for stdout; exit 0.
    Print(String),
}

/// Parses the arguments after the program name.
pub fn parse<I, T>(args: I) -> Result<Parsed, CliError>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = std::iter::once(OsString::from("qabyldau"))
        .chain(args.into_iter().map(Into::into))
        .collect();
    let matches = match Cli::command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => return bad_line(e, &args[1..]),
    };
    match Cli::from_arg_matches(&matches) {
        Ok(mut cli) => {
            cli.global.db_from_env =
                matches.value_source("db") == Some(clap::parser::ValueSource::EnvVariable);
            Ok(Parsed::Run(cli))
        }
        Err(e) => bad_line(e, &args[1..]),
    }
}

fn bad_line(e: clap::Error, args: &[OsString]) -> Result<Parsed, CliError> {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            Ok(Parsed::Print(e.render().to_string()))
        }
        _ => Err(CliError::usage(one_line(&e, args))),
    }
}

/// Runs a parsed command line other than the desk: `--demo` first fills an
/// empty database, then the subcommand runs.
pub fn run(command: Command, global: &Global) -> Result<(), CliError> {
    if global.demo {
        if !command.uses_database() {
            return Err(CliError::usage(
                "--demo is for the desk and the commands that use the database; this one does not",
            ));
        }
        fill_demo_if_empty(global)?;
    }
    command.run(global)
}

/// `--demo` with a subcommand: an EMPTY database gets the demo data; a database
/// with data is left as it is.
fn fill_demo_if_empty(global: &Global) -> Result<(), CliError> {
    let path = global.database();
    let mut store = opts::open(&path)?;
    if !store.is_empty().map_err(opts::failed)? {
        return Ok(());
    }
    let now = crate::clock::clock_from_env().now();
    let (calendar, warnings) = crate::assets::load_calendar(crate::paths::config_dir().as_deref());
    for w in warnings {
        eprintln!("qabyldau: {w}");
    }
    crate::demo::fill(&mut store, now, &calendar).map_err(opts::failed)?;
    eprintln!("qabyldau: demo data written to {}", path.display());
    Ok(())
}

/// `--lang`: kk or ru.
pub(crate) fn lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("'{s}' is not kk or ru"))
}

/// The names of the (nested) subcommands in `args`, e.g. "export appeals";
/// empty when none was recognised.
fn command_path(args: &[OsString]) -> String {
    let mut cmd = Cli::command();
    cmd.build();
    let mut path: Vec<String> = Vec::new();
    let mut skip_value = false;
    for a in args {
        let a = a.to_string_lossy();
        if std::mem::take(&mut skip_value) {
            continue;
        }
        if let Some(long) = a.strip_prefix("--") {
            // An option taking a value as the next argument: skip that value.
            skip_value = !long.contains('=')
                && cmd.get_arguments().any(|arg| {
                    arg.get_long() == Some(long)
                        && arg.get_action().takes_values()
                        && arg.get_num_args().is_none_or(|n| n.min_values() > 0)
                });
            continue;
        }
        if a.starts_with('-') {
            continue;
        }
        match cmd.find_subcommand(a.as_ref()).cloned() {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                cmd = sub;
            }
            None => continue,
        }
    }
    path.join(" ")
}

/// An argument as the user knows it: `--from`, not `--from <DATE>`; `FILE`,
/// not `<FILE>`.
fn arg_name(s: &str) -> String {
    if s.starts_with('-') {
        s.split([' ', '=']).next().unwrap_or(s).to_string()
    } else {
        s.trim_start_matches('<')
            .trim_end_matches("...")
            .trim_end_matches('>')
            .to_string()
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A bad command line in one line: where (the command), what kind, which
/// argument. clap's own rendering is several lines with the usage.
pub fn one_line(e: &clap::Error, args: &[OsString]) -> String {
    let cmd = command_path(args);
    let p = if cmd.is_empty() {
        String::new()
    } else {
        format!("{cmd}: ")
    };
    let arg = context(e, ContextKind::InvalidArg).map(|a| arg_name(&a));
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let line = match e.kind() {
        ErrorKind::UnknownArgument => {
            format!("{p}unexpected argument '{}'", arg.unwrap_or_default())
        }
        ErrorKind::InvalidSubcommand => format!(
            "{p}unknown command '{}'",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue)
                .map(|v| format!(" (one of: {v})"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("{p}{}: value missing", arg.unwrap_or_default())
            } else {
                format!(
                    "{p}{}: invalid value '{value}'{valid}",
                    arg.unwrap_or_default()
                )
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_else(|| format!("invalid value '{value}'"));
            format!("{p}{}: {why}", arg.unwrap_or_default())
        }
        ErrorKind::MissingRequiredArgument => format!(
            "{p}{} required",
            arg.map(|a| {
                a.split(", ")
                    .map(arg_name)
                    .collect::<Vec<_>>()
                    .join(" and ")
            })
            .unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let mut c = Cli::command();
            c.build();
            let names: Vec<String> = cmd
                .split(' ')
                .filter(|n| !n.is_empty())
                .try_fold(c, |c, n| c.find_subcommand(n).cloned())
                .map(|c| {
                    c.get_subcommands()
                        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
                        .map(|s| s.get_name().to_string())
                        .collect()
                })
                .unwrap_or_default();
            format!("{p}a command is missing: {}", names.join(", "))
        }
        ErrorKind::ArgumentConflict => {
            let arg = arg.unwrap_or_default();
            let prior = context(e, ContextKind::PriorArg)
                .map(|p| p.split(", ").map(arg_name).collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            if prior == arg {
                format!("{p}{arg} given more than once")
            } else {
                format!("{p}{arg} cannot be used with {prior}")
            }
        }
        ErrorKind::TooManyValues if !value.is_empty() => {
            format!("{p}{}: unexpected value '{value}'", arg.unwrap_or_default())
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{p}{}: wrong number of values", arg.unwrap_or_default())
        }
        _ => {
            // Any other kind: clap's first line without its "error: " prefix.
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("").trim();
            format!("{p}{}", first.strip_prefix("error: ").unwrap_or(first))
        }
    };
    line.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(v: &[&str]) -> Result<Cli, CliError> {
        match parse(v.iter().copied())? {
            Parsed::Run(c) => Ok(c),
            Parsed::Print(t) => panic!("printed {t}"),
        }
    }

    #[test]
    fn global_options_before_or_after() {
        let a = run(&[
            "--db", "x.sqlite", "calendar", "show", "2026", "--lang", "ru",
        ])
        .unwrap();
        assert_eq!(a.global.db, Some(PathBuf::from("x.sqlite")));
        assert_eq!(a.global.lang, Some(Lang::Ru));
        assert!(matches!(a.command, Some(Command::Calendar(_))));
        let b = run(&["--demo", "--lang=kk"]).unwrap();
        assert!(b.global.demo && b.command.is_none());
        assert_eq!(b.global.lang, Some(Lang::Kk));
        let c = run(&["check", "--db=y.sqlite", "--rebuild-search"]).unwrap();
        assert_eq!(c.global.db, Some(PathBuf::from("y.sqlite")));
    }

    #[test]
    fn bad_lines_are_one_line_with_code_2() {
        for (args, says) in [
            (&["--lang", "de"][..], "--lang: 'de' is not kk or ru"),
            (&["--db"][..], "--db: value missing"),
            (
                &["import", "--bogus"][..],
                "import: unexpected argument '--bogus'",
            ),
            (&["import"][..], "import: FILE required"),
            (&["nonsense"][..], "unknown command 'nonsense'"),
            (
                &["export", "appeals", "--media", "--unregistered"][..],
                "export appeals: --media cannot be used with --unregistered",
            ),
            (
                &["operator"][..],
                "operator: a command is missing: list, reset, recovery-code",
            ),
            (
                &["bench", "--rows", "5", "--rows", "6"][..],
                "bench: --rows given more than once",
            ),
            (
                &["import", "a.csv", "--dry-run=yes"][..],
                "import: --dry-run: unexpected value 'yes'",
            ),
            (
                &["--db", "calendar", "calendar", "show", "x"][..],
                "calendar show: YEAR: not a year: 'x'",
            ),
        ] {
            let e = run(args).unwrap_err();
            assert_eq!(e.code, 2, "{args:?}");
            assert_eq!(e.message, says, "{args:?}");
        }
    }

    #[test]
    fn help_and_version_are_printed_not_errors() {
        let Ok(Parsed::Print(h)) = parse(["import", "--help"]) else {
            panic!("no help")
        };
        assert!(h.contains("qabyldau import"), "{h}");
        assert!(!h.contains("calendar"), "{h}");
        let Ok(Parsed::Print(v)) = parse(["--version"]) else {
            panic!("no version")
        };
        assert!(v.contains(env!("CARGO_PKG_VERSION")));
    }
}
