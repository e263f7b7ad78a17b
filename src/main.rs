//! `qabyldau`: the desk (TUI) or a subcommand.
use qabyldau::cli::{self, CliError, Invocation};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", cli::USAGE);
        return ExitCode::SUCCESS;
    }
    let inv = match cli::parse(&args) {
        Ok(inv) => inv,
        Err(e) => return fail(e),
    };
    match dispatch(&inv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn fail(e: CliError) -> ExitCode {
    // The one place command-line errors reach the terminal: no control characters
    // from imported text (OSC 52, screen clear) get through.
    eprintln!(
        "qabyldau: {}",
        qabyldau::domain::text::terminal_safe(&e.message)
    );
    ExitCode::from(e.code)
}

/// One arm per subcommand; each lives in `src/cli/<name>.rs`.
fn dispatch(inv: &Invocation) -> Result<(), CliError> {
    match inv.command.as_deref() {
        None => qabyldau::ui::run(inv),
        Some("calendar") => cli::calendar::run(inv),
        Some("bench") => cli::bench::run(inv),
        Some("report") => cli::report::run(inv),
        Some("export") => cli::export::run(inv),
        Some("import") => cli::import::run(inv),
        Some("check") => cli::check::run(inv),
        Some("purge") => cli::purge::run(inv),
        Some("operator") => cli::operator::run(inv),
        Some("backup") => cli::backup::run(inv),
        Some("restore") => cli::backup::run_restore(inv),
        Some("torture") => cli::torture::run(inv),
        Some(other) => Err(CliError::usage(format!(
            "unknown command '{other}'\n{}",
            cli::USAGE
        ))),
    }
}
