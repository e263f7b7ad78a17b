//! `qabyldau operator list` and `qabyldau operator reset LOGIN`: the way back in
//! when the only administrator forgot the password or locked the login. Whoever
//! can run commands on the database file can read it anyway, so this gives away
//! nothing the file does not; the reset is audited as a command-line action.
use super::{CliError, Global};
use crate::auth;
use crate::store::{Actor, Store};
use rand::Rng;

fn failed(e: impl std::fmt::Display) -> CliError {
    CliError {
        message: e.to_string(),
        code: 1,
    }
}

/// A random password of 12 letters and digits without look-alikes (0/O, 1/l/I).
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// `qabyldau operator ...`
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: OperatorCommand,
}

#[derive(clap::Subcommand, Debug, Clone, PartialEq)]
pub enum OperatorCommand {
    /// Every account: login, role, state (active, locked, inactive, no password)
    List,
    /// A new one-time password for LOGIN (audited as a command-line action)
    Reset {
        #[arg(value_name = "LOGIN")]
        login: String,
    },
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let db = global.database();
    if !db.is_file() {
        return Err(CliError::usage(format!("no database at {}", db.display())));
    }
    let now = chrono::Local::now().naive_local();
    match args.command {
        OperatorCommand::List => {
            let store = Store::open(&db).map_err(failed)?;
            for a in store.accounts().map_err(failed)? {
                let state = if !a.active {
                    "inactive".to_string()
                } else if let Some(u) = a.locked_until {
                    // Shown even when past: the lock is cleared by the next login.
                    format!("locked until {}", u.format("%Y-%m-%d %H:%M"))
                } else if a.no_password {
                    "no password".to_string()
                } else {
                    "active".to_string()
                };
                println!(
                    "{}\t{}\t{}",
                    a.operator.login,
                    a.operator.role.code(),
                    state
                );
            }
            Ok(())
        }
        OperatorCommand::Reset { login } => {
            let mut store = Store::open(&db).map_err(failed)?;
            let account = store
                .accounts()
                .map_err(failed)?
                .into_iter()
                .find(|a| a.operator.login == login && a.active)
                .ok_or_else(|| CliError::usage(format!("no active operator '{login}'")))?;
            let password = random_password();
            auth::set_password(
                &mut store,
                &Actor::cli("operator reset"),
                now,
                account.operator.id,
                &password,
            )
            .map_err(failed)?;
            println!("new password of {login}: {password}");
            println!("(give it to the operator in person; change it after the first login)");
            Ok(())
        }
    }
}
