//! Data safety (issue 10): each test tries what a careless user, a hostile file
//! or a curious colleague would, and asserts both the trusted behaviour and that
//! the data is unchanged. Hostile files are generated here, never committed.
mod common;
use common::*;
use qabyldau::store::{Actor, Store};
use std::path::Path;

fn bin(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_qabyldau"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("QABYLDAU_NOW", "2026-04-15T09:00:00")
        .env_remove("QABYLDAU_PASSWORD")
        .output()
        .unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A database with two appeals, one with formula-like text.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let mut s = Store::open(&path).unwrap();
    let d = day(2026, 3, 16);
    let mut a = draft("Өмірбекова", "Айгүл", "=HYPERLINK(\"http://x\",\"y\")");
    a.applicant.iin = iin("9005154");
    s.register_appeal(&Actor::system(), at(d, 9, 0), d, "KHR", &a)
        .unwrap();
    let b = draft("@SUM(A1)", "-1+1", "+1+1\tзапрос");
    s.register_appeal(&Actor::system(), at(d, 9, 5), d, "KHR", &b)
        .unwrap();
    (dir, path)
}

fn count(db: &Path) -> i64 {
    Store::open(db).unwrap().appeal_count().unwrap()
}

fn audit_rows(db: &Path, action: &str) -> i64 {
    Store::open(db)
        .unwrap()
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = ?1",
            [action],
            |r| r.get(0),
        )
        .unwrap()
}

const EXPORT: &[&str] = &[
    "export",
    "appeals",
    "--from",
    "2026-03-01",
    "--to",
    "2026-03-31",
    "--format",
    "csv",
    "--out",
];

#[test]
fn export_and_report_refuse_the_database_and_existing_files() {
    let (dir, db) = setup();
    let before = std::fs::read(&db).unwrap().len();
    let wal = {
        let mut s = db.as_os_str().to_owned();
        s.push("-wal");
        s
    };
    let backup = dir
        .path()
        .join("backups")
        .join("qabyldau-2026-03-01.sqlite");
    for target in [
        db.to_str().unwrap().to_string(),
        wal.to_string_lossy().into_owned(),
        backup.to_str().unwrap().to_string(),
    ] {
        let mut args = EXPORT.to_vec();
        args.push(&target);
        args.push("--force");
        let o = bin(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{target}: {}", stderr(&o));
        assert!(stderr(&o).contains("refused"), "{}", stderr(&o));
        let r = bin(
            &db,
            &[
                "report",
                "--quarter",
                "2026Q1",
                "--format",
                "html",
                "--out",
                &target,
                "--force",
            ],
        );
        assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    }
    assert!(std::fs::read(&db).unwrap().len() >= before);
    assert_eq!(count(&db), 2);
    assert!(Store::open(&db).unwrap().check().unwrap().is_ok());
    assert!(!backup.exists());

    // An existing file is kept without --force, replaced with it.
    let out = dir.path().join("mine.csv");
    std::fs::write(&out, b"my own work").unwrap();
    let mut args = EXPORT.to_vec();
    let o_s = out.to_str().unwrap().to_string();
    args.push(&o_s);
    let o = bin(&db, &args);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), b"my own work");
    assert_eq!(audit_rows(&db, "export"), 0);
    args.push("--force");
    let o = bin(&db, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(audit_rows(&db, "export"), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // No temporary files are left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with(".tmp") && !n.ends_with(".partial")),
        "{names:?}"
    );
}

#[test]
fn csv_export_neutralises_formulas() {
    let (dir, db) = setup();
    let out = dir.path().join("a.csv");
    let mut args = EXPORT.to_vec();
    let o_s = out.to_str().unwrap().to_string();
    args.push(&o_s);
    let o = bin(&db, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(&bytes[3..]);
    let cells: Vec<String> = r
        .records()
        .flat_map(|x| x.unwrap().iter().map(String::from).collect::<Vec<_>>())
        .collect();
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "formula-like cell left as is: {c:?}"
        );
    }
    assert!(cells.contains(&"'=HYPERLINK(\"http://x\",\"y\")".to_string()));
    assert!(cells.contains(&"'@SUM(A1)".to_string()));
    assert!(cells.contains(&"'+1+1\tзапрос".to_string()));
    // Dates such as 2026-03-16 are not touched (they do not start with a sign).
    assert!(cells.contains(&"2026-03-16".to_string()));
    // The database keeps the text as typed.
    let s = Store::open(&db).unwrap();
    let first = s.recent_appeals(10).unwrap();
    assert!(first
        .iter()
        .any(|r| s.appeal(r.id).unwrap().essence.starts_with("=HYPERLINK")));
}
