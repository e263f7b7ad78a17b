//! Reliability and security: `check`, backups and restore, logins, permissions.
mod common;
use common::*;
use qabyldau::store::{Actor, Store};
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_qabyldau"))
}

/// A database with a few appeals (and so a few audit rows).
fn filled(path: &Path, n: usize) {
    let mut s = Store::open(path).unwrap();
    let today = day(2026, 3, 16);
    for i in 0..n {
        let d = draft("Сейткали", "Нұрлан", &format!("Өтініш {i}"));
        s.register_appeal(
            &Actor::system(),
            at(today, 9, i as u32 % 60),
            today,
            "KHR",
            &d,
        )
        .unwrap();
    }
}

/// Alters one audit row behind the triggers' back (what a hand-edit with a
/// generic SQLite tool would do).
fn tamper(path: &Path, row: i64) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("DROP TRIGGER audit_log_no_update").unwrap();
    c.execute(
        "UPDATE audit_log SET after = '{\"edited\":true}' WHERE id = ?1",
        [row],
    )
    .unwrap();
}

#[test]
fn fresh_database_passes_check() {
    let (_d, path) = temp_db();
    filled(&path, 3);
    let s = Store::open(&path).unwrap();
    let r = s.check().unwrap();
    assert_eq!(r.verdict(), Ok(()));
    assert!(r.chain.rows >= 3);
    let out = bin().arg("--db").arg(&path).arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert_eq!(stdout.trim_end().lines().last(), Some("OK"));
}

#[test]
fn altered_audit_row_fails_check_with_its_id() {
    let (_d, path) = temp_db();
    filled(&path, 4);
    tamper(&path, 3);
    let s = Store::open(&path).unwrap();
    let r = s.check().unwrap();
    assert_eq!(r.chain.broken_at, Some(3));
    assert_eq!(r.verdict(), Err("audit chain broken at row 3".to_string()));
    drop(s);
    let out = bin().arg("--db").arg(&path).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.trim_end().lines().last().unwrap_or("").to_string();
    assert!(
        last.starts_with("FAILED:") && last.contains("row 3"),
        "{stdout}"
    );
}

#[test]
fn check_of_a_missing_database_is_bad_input() {
    let (_d, path) = temp_db();
    let out = bin().arg("--db").arg(&path).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!path.exists());
}
