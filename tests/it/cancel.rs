//! Cancelling long work leaves nothing half written: import rolled back, export
//! and backup leave no file (final or temporary), a bench build leaves no
//! database; and Ctrl+C (SIGINT) to the real program does the same.
use crate::common;
use common::*;
use qabyldau::cancel::Cancel;
use qabyldau::cli::export::{export_appeals_with, Layout};
use qabyldau::store::{Store, StoreError, SynthOptions};
use std::path::Path;

fn audit_rows(s: &Store) -> i64 {
    s.conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A database with `n` synthetic appeals.
fn filled(n: u64) -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let (dir, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    s.synthesize(&SynthOptions::new(n, day(2026, 3, 16)), &mut |_, _| {})
        .unwrap();
    (dir, db, s)
}

#[test]
fn a_cancelled_import_is_rolled_back_whole() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let mut csv = String::from(
        "registered_on,channel,surname,name,patronymic,iin,phone,language,category,settlement,topic,essence\n",
    );
    for i in 0..50 {
        csv.push_str(&format!(
            "2026-03-02,walk_in,Иванов,Петр,,,+7 702 000 11 {:02},ru,,Хромтау,land,Жер телімі {i}\n",
            i
        ));
    }
    let f = dir.path().join("a.csv");
    std::fs::write(&f, csv).unwrap();
    let checked = qabyldau::import::check_file(&f, day(2026, 3, 16), &mut |_, _| {}).unwrap();
    assert_eq!(checked.good.len(), 50, "{:?}", checked.rejected.first());
    let before = audit_rows(&store);
    let cancel = Cancel::new();
    let mut seen = 0;
    let (office, _) = qabyldau::services::Office::load(&store, None).unwrap();
    let r = qabyldau::import::store_checked_with(
        &mut store,
        &office,
        &qabyldau::store::Actor::cli("import"),
        checked,
        false,
        at(day(2026, 3, 16), 10, 0),
        &cancel,
        &mut |done, total| {
            seen = done;
            assert_eq!(total, 50);
            if done == 20 {
                cancel.cancel();
            }
        },
    );
    assert!(
        matches!(
            r,
            Err(qabyldau::import::ImportError::Service(
                qabyldau::services::ServiceError::Cancelled
            ))
        ),
        "{r:?}"
    );
    assert_eq!(seen, 20, "stopped at the next row");
    assert_eq!(store.appeal_count().unwrap(), 0, "nothing stays");
    assert_eq!(audit_rows(&store), before);
    assert_eq!(store.check().unwrap().verdict(), Ok(()));
}

#[test]
fn a_cancelled_export_leaves_no_file() {
    let (dir, _db, mut store) = filled(300);
    let actor = qabyldau::store::Actor::system();
    let now = day(2027, 1, 1).and_hms_opt(9, 0, 0).unwrap();
    let profile = qabyldau::assets::default_profile();
    for format in ["csv", "xlsx"] {
        let out = dir.path().join(format!("out.{format}"));
        let cancel = Cancel::new();
        let mut rows = 0;
        let e = export_appeals_with(
            &mut store,
            &actor,
            now,
            (day(2016, 1, 1), day(2026, 12, 31)),
            Layout::Full,
            format,
            &profile,
            &out,
            false,
            &cancel,
            &mut |n| {
                rows = n;
                if n == 100 {
                    cancel.cancel();
                }
            },
        )
        .unwrap_err();
        assert_eq!(e.code, 130, "{}", e.message);
        assert_eq!(rows, 100);
        assert!(!out.exists(), "{format}");
        assert!(!out.with_extension("partial").exists(), "{format}");
        // No temporary file either (they are `.<name>.<random>.tmp`).
        assert!(
            std::fs::read_dir(dir.path()).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")),
            "{format}"
        );
        // Not cancelled: the whole file.
        let n = export_appeals_with(
            &mut store,
            &actor,
            now,
            (day(2016, 1, 1), day(2026, 12, 31)),
            Layout::Full,
            format,
            &profile,
            &out,
            false,
            &Cancel::new(),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(n, 300);
        assert!(out.exists());
    }
}

#[test]
fn a_cancelled_backup_leaves_no_file_and_progress_counts_pages() {
    let (dir, _db, store) = filled(6000);
    let out = dir.path().join("copies").join("copy.sqlite");
    let cancel = Cancel::new();
    let mut calls: Vec<(u64, u64)> = Vec::new();
    let r = qabyldau::backup::backup_to_with(&store, &out, &cancel, &mut |d, t| {
        calls.push((d, t));
        cancel.cancel();
    });
    assert!(matches!(r, Err(StoreError::Cancelled)), "{r:?}");
    let total = calls[0].1;
    assert!(
        total > qabyldau::store::BACKUP_STEP_PAGES as u64,
        "the database must need several steps ({total} pages)"
    );
    assert_eq!(calls.len(), 1, "stopped after the step it was cancelled in");
    assert!(calls[0].0 < total);
    assert!(
        files_in(out.parent().unwrap()).is_empty(),
        "{:?}",
        files_in(out.parent().unwrap())
    );
    // Not cancelled: progress climbs to the total and the copy checks out.
    let mut last = (0, 0);
    let mut steps = 0;
    qabyldau::backup::backup_to_with(&store, &out, &Cancel::new(), &mut |d, t| {
        assert!(d >= last.0);
        last = (d, t);
        steps += 1;
    })
    .unwrap();
    assert_eq!(last.0, last.1);
    assert!(steps >= 2);
    let r = qabyldau::store::check_file(&out).unwrap();
    assert_eq!(r.verdict(), Ok(()));
    // The copy and its audit seal (see store::seal).
    assert_eq!(
        files_in(out.parent().unwrap()),
        ["copy.sqlite", "copy.sqlite.seal"]
    );
}

/// Ctrl+C to the real program: the bench's build of a database stops, exit code
/// 130, and neither the database nor its temporary file is left.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_bench_build_leaving_no_database() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.sqlite");
    let mut child = Command::new(env!("CARGO_BIN_EXE_qabyldau"))
        .args(["bench", "--rows", "2000000", "--db"])
        .arg(&db)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the build is under way (its temporary file exists).
    let building = dir.path().join("bench.sqlite.building");
    let t0 = Instant::now();
    while !building.exists() && t0.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(building.exists(), "the build did not start");
    std::thread::sleep(Duration::from_millis(500));
    let st = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    let t1 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(t1.elapsed() < Duration::from_secs(20), "did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    use std::io::Read;
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("cancelled"), "{err}");
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
    eprintln!("bench build stopped {:?} after Ctrl+C", t1.elapsed());
}

/// The command line's import goes through the journal service: cancelled, it
/// leaves nothing either.
#[test]
fn a_cancelled_journal_import_is_rolled_back_whole() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (office, _) = qabyldau::services::Office::load(&store, None).unwrap();
    let rows: Vec<qabyldau::store::ImportRow> = (0..30)
        .map(|i| qabyldau::store::ImportRow {
            registered_on: day(2026, 3, 2),
            draft: draft("Иванов", "Петр", &format!("Жер телімі {i}")),
            ..Default::default()
        })
        .collect();
    let before = audit_rows(&store);
    let cancel = Cancel::new();
    let r = qabyldau::services::journal::import_journal_with(
        &mut store,
        &office,
        &qabyldau::store::Actor::cli("import"),
        at(day(2026, 3, 16), 10, 0),
        &rows,
        &[],
        Some(("shape", "[columns]\n")),
        &cancel,
        &mut |done, _| {
            if done == 10 {
                cancel.cancel();
            }
        },
    );
    assert!(
        matches!(r, Err(qabyldau::services::ServiceError::Cancelled)),
        "{r:?}"
    );
    assert_eq!(store.appeal_count().unwrap(), 0);
    assert_eq!(audit_rows(&store), before);
}
