//! `qabyldau operator list` and `qabyldau operator reset LOGIN`: the way back in
//! when the only administrator forgot the password or locked the login. Whoever
//! can run commands on the database file can read it anyway, so this gives away
//! nothing the file does not; the reset is audited as a command-line action.
use super::{CliError, Invocation};
use crate::auth;
use crate::paths;
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

pub fn run(inv: &Invocation) -> Result<(), CliError> {
    let db = paths::database(inv.global.db.as_deref());
    if !db.is_file() {
        return Err(CliError::usage(format!("no database at {}", db.display())));
    }
    let now = chrono::Local::now().naive_local();
    match inv
        .args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["list"] => {
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
        ["reset", login] => {
            let mut store = Store::open(&db).map_err(failed)?;
            let account = store
                .accounts()
                .map_err(failed)?
                .into_iter()
                .find(|a| a.operator.login == *login && a.active)
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
        _ => Err(CliError::usage("operator list | operator reset LOGIN")),
    }
}
