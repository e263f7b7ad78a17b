//! `qabyldau`: the desk (TUI) or a subcommand. The command line is parsed once
//! (`cli::parse`); without a subcommand main opens the desk with plain arguments,
//! so the UI knows nothing of the command line.
use qabyldau::cli::{self, CliError, Parsed};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::parse(std::env::args_os().skip(1)) {
        Ok(Parsed::Run(cli)) => cli,
        Ok(Parsed::Print(text)) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(e),
    };
    let result = match cli.command {
        None => {
            let g = &cli.global;
            qabyldau::ui::run(&g.database(), g.lang, g.demo)
                .map_err(|message| CliError { message, code: 1 })
        }
        Some(command) => cli::run(command, &cli.global),
    };
    match result {
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
