//! `qabyldau board [--bell] [--no-flash]` and `qabyldau board room OFFICIAL ROOM`:
//! the waiting-room board ([`crate::board`]) and the rooms it shows.
use super::{CliError, Global};
use crate::board::{self, BoardError, Options};

/// `qabyldau board ...`
#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<BoardCommand>,
    /// Ring the terminal bell on each new call
    #[arg(long)]
    pub bell: bool,
    /// Do not highlight a new call
    #[arg(long)]
    pub no_flash: bool,
}

#[derive(clap::Subcommand, Debug, Clone, PartialEq)]
pub enum BoardCommand {
    /// An official's room, shown with their calls and on the schedule poster (an
    /// empty ROOM removes it); OFFICIAL is the official's id, or 'default' for
    /// the room shown when a call has none
    Room {
        #[arg(value_name = "OFFICIAL")]
        official: String,
        #[arg(value_name = "ROOM")]
        room: String,
    },
}

fn cli_error(e: BoardError) -> CliError {
    match e {
        BoardError::Usage(m) => CliError::usage(m),
        BoardError::Failed(message) => CliError { message, code: 1 },
    }
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let db = global.database();
    match args.command {
        Some(BoardCommand::Room { official, room }) => {
            let line = board::set_room(&db, &official, &room).map_err(cli_error)?;
            println!("{line}");
            Ok(())
        }
        None => board::run(
            &db,
            &Options {
                bell: args.bell,
                no_flash: args.no_flash,
            },
        )
        .map_err(cli_error),
    }
}
