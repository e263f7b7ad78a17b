//! `qabyldau operator list`, `operator reset LOGIN [--recovery-code CODE]` and
//! `operator recovery-code`: the way back in when the only administrator forgot
//! the password or locked the login. Once the database has operators, these need
//! an administrator's `--login`, or (reset only) the one-time recovery code shown
//! when the first administrator was created. A reset password must be changed at
//! the next login; everything is audited.
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
    /// A new password for LOGIN, to be changed at the next login (an
    /// administrator's --login, or the one-time recovery code)
    Reset {
        /// The account whose password is reset. (Its own id: the global
        /// `--login`, the administrator doing it, has the id "login", and clap
        /// would take this value for it.)
        #[arg(id = "account", value_name = "LOGIN")]
        login: String,
        /// The one-time recovery code shown when the first administrator was created
        #[arg(long, value_name = "CODE")]
        recovery_code: Option<String>,
    },
    /// A new one-time recovery code (shown once; replaces the earlier one)
    RecoveryCode,
}

pub fn run(args: Args, global: &Global) -> Result<(), CliError> {
    let db = global.database();
    if !db.is_file() {
        return Err(CliError::usage(format!("no database at {}", db.display())));
    }
    let mut store = Store::open(&db).map_err(failed)?;
    match args.command {
        OperatorCommand::List => {
            super::login::authenticate_admin(&mut store, global)?;
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
        OperatorCommand::RecoveryCode => {
            let actor = super::login::authenticate_admin(&mut store, global)?;
            let now = super::login::now_for_writing(&store)?;
            let code = auth::new_recovery_code(&mut store, &actor, now).map_err(failed)?;
            println!("recovery code (shown once; keep it on paper in the safe): {code}");
            Ok(())
        }
        OperatorCommand::Reset {
            login,
            recovery_code,
        } => {
            // An administrator's login, or the one-time recovery code.
            let actor = match recovery_code {
                None => super::login::authenticate_admin(&mut store, global)?,
                Some(code) => {
                    if !auth::check_recovery_code(&store, &code).map_err(failed)? {
                        return Err(CliError::usage(
                            "operator reset: the recovery code is wrong or was used already",
                        ));
                    }
                    let actor = Actor::cli("operator reset (recovery code)");
                    let now = super::login::now_for_writing(&store)?;
                    store.consume_recovery_code(&actor, now).map_err(failed)?;
                    actor
                }
            };
            let now = super::login::now_for_writing(&store)?;
            let account = store
                .accounts()
                .map_err(failed)?
                .into_iter()
                .find(|a| a.operator.login == login && a.active)
                .ok_or_else(|| CliError::usage(format!("no active operator '{login}'")))?;
            let password = random_password();
            auth::set_password(&mut store, &actor, now, account.operator.id, &password)
                .map_err(failed)?;
            println!("new password of {login}: {password}");
            println!("(give it to the operator in person; it must be changed at the next login)");
            Ok(())
        }
    }
}
