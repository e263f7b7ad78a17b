//! Operators' passwords and login: argon2id hashes, lock-out after repeated
//! failures, every attempt in the audit trail (never the password).
//!
//! The policy is read from settings, so an office can change it:
//! `login_max_attempts` (default 5), `login_lock_minutes` (default 15),
//! `idle_lock_minutes` (default 10, the UI locks the desk after that long idle).
use crate::domain::Operator;
use crate::store::{Actor, Store, StoreError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{Duration, NaiveDateTime};
use rand::RngCore;

pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;
pub const DEFAULT_LOCK_MINUTES: u32 = 15;
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
/// Shortest password accepted when setting one.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Why a login did not succeed. Unknown login and wrong password are one error,
/// so the screen does not tell a stranger which logins exist.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("wrong login or password")]
    WrongCredentials,
    #[error("too many failed attempts; locked until {until}")]
    Locked { until: NaiveDateTime },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a new password is not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("the password must not be the login")]
    SameAsLogin,
}

/// Checks a new password against the (deliberately simple) policy.
pub fn check_new_password(login: &str, password: &str) -> Result<(), PasswordError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if password.trim().to_lowercase() == login.trim().to_lowercase() {
        return Err(PasswordError::SameAsLogin);
    }
    Ok(())
}

/// An argon2id hash of `password` in PHC string form (`$argon2id$v=19$...`),
/// with a fresh random salt.
pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    // Encoding 16 bytes as B64 and hashing with default parameters cannot fail.
    let salt = SaltString::encode_b64(&salt).expect("16-byte salt encodes");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2id with default parameters")
        .to_string()
}

/// Whether `password` matches a stored hash. A malformed or empty hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

fn setting_u32(store: &Store, key: &str, default: u32) -> u32 {
    store
        .setting(key)
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse().ok())
        .filter(|v| *v > 0)
        .unwrap_or(default)
}

/// Failed attempts before a login is locked.
pub fn max_attempts(store: &Store) -> u32 {
    setting_u32(store, "login_max_attempts", DEFAULT_MAX_ATTEMPTS)
}

/// How long a login stays locked after too many failures.
pub fn lock_minutes(store: &Store) -> u32 {
    setting_u32(store, "login_lock_minutes", DEFAULT_LOCK_MINUTES)
}

/// Minutes without input after which the desk locks (the UI asks for the password again).
pub fn idle_lock_minutes(store: &Store) -> u32 {
    setting_u32(store, "idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)
}

/// First run: there is no operator yet, so the desk must create the first admin.
pub fn needs_first_admin(store: &Store) -> Result<bool, StoreError> {
    Ok(store.operator_count()? == 0)
}

/// Checks a login and password at `now`. On success the failure counter is reset;
/// after `max_attempts` failures in a row the login is locked for `lock_minutes`.
/// Every attempt is audited with the login, never the password.
pub fn login(
    store: &mut Store,
    login: &str,
    password: &str,
    now: NaiveDateTime,
) -> Result<Operator, LoginError> {
    let login = login.trim();
    let Some(account) = store.login_state(login)? else {
        // Spend the same time as a real check so timing does not reveal logins.
        let _ = verify_password(password, DUMMY_HASH);
        store.record_login_failure(login, None, now, None)?;
        return Err(LoginError::WrongCredentials);
    };
    if let Some(until) = account.locked_until.filter(|u| *u > now) {
        store.record_login_refused(&account.operator, now, until)?;
        return Err(LoginError::Locked { until });
    }
    if verify_password(password, &account.password_hash) {
        store.record_login_success(&account.operator, now)?;
        return Ok(account.operator);
    }
    // A lock that has expired starts a fresh count.
    let previous = if account.locked_until.is_some() {
        0
    } else {
        account.failed_attempts
    };
    let failed = previous + 1;
    let lock = (failed >= max_attempts(store) as i64)
        .then(|| now + Duration::minutes(lock_minutes(store) as i64));
    store.record_login_failure(login, Some((&account.operator, failed)), now, lock)?;
    match lock {
        Some(until) => Err(LoginError::Locked { until }),
        None => Err(LoginError::WrongCredentials),
    }
}

/// Sets a new password for an operator (by an admin, or by the operator).
pub fn set_password(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    operator_id: i64,
    password: &str,
) -> Result<(), LoginError> {
    let op = store.operator(operator_id)?;
    check_new_password(&op.login, password)
        .map_err(|e| LoginError::Store(StoreError::Invalid(e.to_string())))?;
    store.set_password_hash(actor, now, operator_id, &hash_password(password))?;
    Ok(())
}

/// Why an operator's own new password is not taken.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    #[error(transparent)]
    Policy(#[from] PasswordError),
    /// The new password is the one set by the administrator (or the old one).
    #[error("the new password is the current one")]
    Unchanged,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The operator sets their own new password (the desk asks for it at the login
/// after a reset). The policy applies and the new password must differ from the
/// current one: only a real change clears `must_change_password`, in the one
/// transaction that stores the new hash with its audit row.
pub fn change_own_password(
    store: &mut Store,
    op: &Operator,
    now: NaiveDateTime,
    new: &str,
) -> Result<(), ChangeError> {
    check_new_password(&op.login, new)?;
    let current = store.password_hash(&op.login)?.unwrap_or_default();
    if verify_password(new, &current) {
        return Err(ChangeError::Unchanged);
    }
    let me = Actor::operator(op.id, &op.login);
    store.set_password_hash(&me, now, op.id, &hash_password(new))?;
    Ok(())
}

/// Creates the first administrator of a database without operators, and the
/// one-time recovery code, in one transaction (`Store::add_first_admin`):
/// returns the id and the code, to be shown ONCE and never stored or logged
/// (only its hash is kept).
pub fn create_first_admin(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
    op: &Operator,
    password: &str,
) -> Result<(i64, String), StoreError> {
    let code = recovery_code();
    let id = store.add_first_admin(
        actor,
        now,
        op,
        &hash_password(password),
        &hash_password(&normalise_code(&code)),
    )?;
    Ok((id, code))
}

/// A one-time recovery code: 4 groups of 5 letters and digits without look-alikes.
pub fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..4)
        .map(|_| {
            (0..5)
                .map(|_| ALPHABET[rand::Rng::random_range(&mut rng, 0..ALPHABET.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Makes a new one-time recovery code, stores only its hash, and returns the
/// code to be shown ONCE (when the first administrator is created, or by an
/// administrator's `operator recovery-code`). `operator reset` accepts it
/// instead of an administrator's login, once.
pub fn new_recovery_code(
    store: &mut Store,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<String, StoreError> {
    let code = recovery_code();
    store.set_recovery_code_hash(actor, now, &hash_password(&normalise_code(&code)))?;
    Ok(code)
}

/// Whether `code` is the unused recovery code (case and dashes aside).
pub fn check_recovery_code(store: &Store, code: &str) -> Result<bool, StoreError> {
    Ok(store
        .recovery_code_hash()?
        .is_some_and(|h| verify_password(&normalise_code(code), &h)))
}

/// A valid argon2id hash of a random string, verified against when the login is unknown.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0C2B5gtmPCdMbcVa8Xf1p6dwmhxPNnHGaxC7vYb1ZOo";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash_password("Қауіпсіз-пароль1");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("Қауіпсіз-пароль1", &h));
        assert!(!verify_password("Қауіпсіз-пароль2", &h));
        assert!(!verify_password("", ""));
        assert!(!verify_password("x", "not a hash"));
        // Fresh salt each time.
        assert_ne!(h, hash_password("Қауіпсіз-пароль1"));
        // The dummy hash parses (so unknown logins cost a real verification).
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn new_password_policy() {
        assert_eq!(
            check_new_password("aigul", "short"),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            check_new_password("aigul123", "AIGUL123"),
            Err(PasswordError::SameAsLogin)
        );
        assert_eq!(check_new_password("aigul", "жаңа-құпия"), Ok(()));
    }
}
