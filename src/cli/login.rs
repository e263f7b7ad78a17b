//! Command-line logins. Once a database has operators, every subcommand that
//! reads or changes personal data runs as an operator: `--login NAME`, the
//! password asked on the terminal without echo (or taken from
//! `QABYLDAU_PASSWORD`, for scheduled jobs), checked like the desk's login
//! (lock-out, audit), and the role must allow the command. A database without
//! operators (a new file) stays scriptable as before. `check`, `calendar` and
//! `bench` print no personal data and need no login.
//!
//! Each subcommand's own `run` calls [`authenticate`]; the parser only carries
//! `--login` (a global option: `Global::login`).
use super::{CliError, Global};
use crate::domain::permissions::{allows, Permission};
use crate::domain::Operator;
use crate::store::{Actor, Store};
use chrono::NaiveDateTime;

/// The environment variable a scheduled job passes the password in.
pub const PASSWORD_ENV: &str = "QABYLDAU_PASSWORD";

fn failed(e: impl std::fmt::Display) -> CliError {
    CliError {
        message: e.to_string(),
        code: 1,
    }
}

/// The clock for a command that writes: the program's clock (`QABYLDAU_NOW` or
/// the system's), refused when it is earlier than the newest audit record
/// (a clock set back would date records before what they follow).
pub fn now_for_writing(store: &Store) -> Result<NaiveDateTime, CliError> {
    let now = crate::clock::clock_from_env().now();
    store.check_clock(now).map_err(|e| CliError {
        code: if matches!(e, crate::store::StoreError::ClockBehind { .. }) {
            2
        } else {
            1
        },
        message: e.to_string(),
    })?;
    Ok(now)
}

/// Reads a password from the terminal without echoing it (raw mode: the typed
/// characters are not shown), or from `QABYLDAU_PASSWORD`.
pub fn read_password(prompt: &str) -> Result<String, CliError> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        return Ok(p);
    }
    use std::io::{IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(CliError::usage(format!(
            "no terminal to ask the password on: set {PASSWORD_ENV}"
        )));
    }
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    use crossterm::event::{read, Event, KeyCode, KeyEventKind, KeyModifiers};
    crossterm::terminal::enable_raw_mode().map_err(failed)?;
    let mut out = String::new();
    let result = loop {
        match read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => break Err(CliError::usage("cancelled")),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(CliError::usage("cancelled"))
                }
                KeyCode::Backspace => {
                    out.pop();
                }
                KeyCode::Char(c) => out.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(failed(e)),
        }
    };
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    result.map(|()| out)
}

/// Logs `login` in with the password from [`read_password`] at `now`; failures
/// are audited and count towards the lock-out like the desk's.
pub fn login_operator(
    store: &mut Store,
    login: &str,
    now: NaiveDateTime,
) -> Result<Operator, CliError> {
    let password = read_password(&format!("password of {login}: "))?;
    let op = crate::auth::login(store, login, &password, now).map_err(|e| CliError {
        message: format!("login: {e}"),
        code: 2,
    })?;
    if store.must_change_password(op.id).map_err(failed)? {
        return Err(CliError::usage(format!(
            "login: the password of {} was reset: log in at the desk and change it first",
            op.login
        )));
    }
    Ok(op)
}

/// Who runs `command`: with no operators in the database, the OS user
/// (`Actor::cli`); otherwise the operator of `--login`, whose role must allow
/// `needs`. The actor is what the audit trail records.
pub fn authenticate(
    store: &mut Store,
    login: Option<&str>,
    command: &str,
    needs: Permission,
) -> Result<Actor, CliError> {
    if store.operator_count().map_err(failed)? == 0 {
        return Ok(Actor::cli(command));
    }
    let Some(login) = login.map(str::trim).filter(|l| !l.is_empty()) else {
        return Err(CliError::usage(format!(
            "{command}: this database has operators: give --login NAME \
             (the password is asked, or taken from {PASSWORD_ENV})"
        )));
    };
    let now = crate::clock::clock_from_env().now();
    let op = login_operator(store, login, now)?;
    if !allows(op.role, needs) {
        return Err(CliError::usage(format!(
            "{command}: the role of {} does not allow this",
            op.login
        )));
    }
    Ok(Actor {
        operator_id: Some(op.id),
        name: format!("op:{}:cli:{command}", op.login),
    })
}

/// [`authenticate`] with the global `--login`.
pub fn authenticate_global(
    store: &mut Store,
    global: &Global,
    command: &str,
    needs: Permission,
) -> Result<Actor, CliError> {
    authenticate(store, global.login.as_deref(), command, needs)
}

/// An administrator (or anyone, on a database without operators).
pub fn authenticate_admin(store: &mut Store, global: &Global) -> Result<Actor, CliError> {
    authenticate_global(store, global, "admin", Permission::ManageOperators)
}
