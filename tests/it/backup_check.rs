//! Reliability and security: `check`, backups and restore, logins, permissions.
use crate::common;
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

fn appeal_count(path: &Path) -> i64 {
    Store::open(path).unwrap().appeal_count().unwrap()
}

fn replaced_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        // Each kept copy has its audit seal beside it (`.seal`), not counted here.
        .filter(|n| n.contains(".replaced-") && !n.ends_with(".seal"))
        .collect()
}

#[test]
fn backup_is_a_checked_private_copy() {
    let (dir, path) = temp_db();
    filled(&path, 5);
    let out = dir.path().join("copy.sqlite");
    {
        let s = Store::open(&path).unwrap();
        qabyldau::backup::backup_to(&s, &out).unwrap();
        // Never overwrites.
        assert!(qabyldau::backup::backup_to(&s, &out).is_err());
    }
    let r = qabyldau::store::check_file(&out).unwrap();
    assert_eq!(r.verdict(), Ok(()));
    assert_eq!(appeal_count(&out), 5);
    assert!(!dir.path().join("copy.sqlite.part").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn daily_backup_once_a_day_with_rotation() {
    let (_dir, path) = temp_db();
    filled(&path, 2);
    let bdir = qabyldau::paths::backup_dir(&path);
    std::fs::create_dir_all(&bdir).unwrap();
    // An old copy outside every window, and a manual copy rotation must not touch.
    std::fs::write(bdir.join("qabyldau-2024-01-10.sqlite"), b"").unwrap();
    std::fs::write(bdir.join("qabyldau-2024-01-10-101010.sqlite"), b"").unwrap();
    let s = Store::open(&path).unwrap();
    let today = day(2026, 3, 16);
    let first = qabyldau::backup::daily_backup(&s, &path, today).unwrap();
    assert_eq!(first, Some(bdir.join("qabyldau-2026-03-16.sqlite")));
    assert_eq!(
        qabyldau::backup::daily_backup(&s, &path, today).unwrap(),
        None
    );
    // Only 2 copies up to today: both inside the 30 most recent, nothing deleted.
    assert!(bdir.join("qabyldau-2024-01-10.sqlite").exists());
    // 30 more days: the 2024 copy is no longer among the 30 most recent.
    let mut d = day(2026, 3, 17);
    for _ in 0..30 {
        qabyldau::backup::daily_backup(&s, &path, d)
            .unwrap()
            .unwrap();
        d = d.succ_opt().unwrap();
    }
    assert!(!bdir.join("qabyldau-2024-01-10.sqlite").exists());
    assert!(bdir.join("qabyldau-2024-01-10-101010.sqlite").exists());
    assert!(bdir.join("qabyldau-2026-03-16.sqlite").exists());
    assert_eq!(appeal_count(&bdir.join("qabyldau-2026-04-15.sqlite")), 2);
}

#[test]
fn backup_then_restore_round_trip_keeps_the_replaced_database() {
    let (dir, path) = temp_db();
    filled(&path, 3);
    let copy = dir.path().join("b.sqlite");
    let out = bin()
        .arg("--db")
        .arg(&path)
        .args(["backup", "--out"])
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    filled(&path, 2); // 5 appeals now
    assert_eq!(appeal_count(&path), 5);
    let out = bin()
        .arg("--db")
        .arg(&path)
        .arg("restore")
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(appeal_count(&path), 3);
    let kept = replaced_files(dir.path());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].starts_with("q.sqlite.replaced-"));
    assert_eq!(appeal_count(&dir.path().join(&kept[0])), 5);
    // The restored database is whole and its audit chain continues with the restore.
    let s = Store::open(&path).unwrap();
    assert_eq!(s.check().unwrap().verdict(), Ok(()));
    let last: String = s
        .conn()
        .query_row(
            "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last, "restore");
}

#[test]
fn restore_refuses_bad_files_and_leaves_the_database_untouched() {
    let (dir, path) = temp_db();
    filled(&path, 3);
    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(&garbage, b"this is not a database at all, just some text").unwrap();
    let tampered = dir.path().join("tampered.sqlite");
    let newer = dir.path().join("newer.sqlite");
    let foreign = dir.path().join("foreign.sqlite");
    {
        let s = Store::open(&path).unwrap();
        qabyldau::backup::backup_to(&s, &tampered).unwrap();
        qabyldau::backup::backup_to(&s, &newer).unwrap();
    }
    tamper(&tampered, 2);
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let missing = dir.path().join("missing.sqlite");
    let before = std::fs::read(&path).unwrap();
    for (file, why) in [
        (&garbage, "database"),
        (&tampered, "row 2"),
        (&newer, "newer"),
        (&foreign, "not a Qabyldau"),
        (&missing, "not a file"),
    ] {
        let out = bin()
            .arg("--db")
            .arg(&path)
            .arg("restore")
            .arg(file)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", file.display());
        assert!(err.contains("refused") && err.contains(why), "{err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(replaced_files(dir.path()).is_empty());
    assert_eq!(appeal_count(&path), 3);
}
