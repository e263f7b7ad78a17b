//! Upgrades: a database made at schema version 1 (tests/fixtures/schema-v1.sqlite,
//! written by `cargo run --example schema_v1_fixture`) opens in this program,
//! is migrated to the current version and keeps all its data.
mod common;
use common::*;
use qabyldau::store::{check_file, verify_chain, Actor, Store, StoreError, SCHEMA_VERSION};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/schema-v1.sqlite"
);

fn copy_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    std::fs::copy(FIXTURE, &path).unwrap();
    (dir, path)
}

#[test]
fn version_1_database_is_migrated_with_data_intact() {
    let (_dir, path) = copy_fixture();
    let before = check_file(&path).unwrap();
    assert_eq!(before.schema_version, 1);
    assert_eq!(before.verdict(), Ok(()));
    let audit_rows_before = before.chain.rows;

    let mut s = Store::open(&path).unwrap();
    const { assert!(SCHEMA_VERSION > 1) };
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.appeal_count().unwrap(), 3);
    let names: Vec<String> = s
        .recent_appeals(10)
        .unwrap()
        .into_iter()
        .map(|r| format!("{} {}", r.reg_no, r.applicant_name))
        .collect();
    assert_eq!(
        names,
        vec![
            "KHR-2025-000003 Сейтқали Нұрлан",
            "KHR-2025-000002 Иванов Пётр",
            "KHR-2025-000001 Өмірбекова Айгүл",
        ]
    );
    let first = s.appeal(1).unwrap();
    assert_eq!(first.applicant.iin, "900515400123");
    assert_eq!(first.applicant.phone, "+7 701 234 56 78");
    assert_eq!(first.essence, "Жер телімі туралы");
    assert!(first.applicant.consent);
    assert_eq!(s.officials(true).unwrap().len(), 1);
    assert_eq!(s.operators().unwrap()[0].login, "admin");
    assert_eq!(s.setting("office_prefix").unwrap().as_deref(), Some("KHR"));
    assert_eq!(s.queue_of(day(2025, 11, 3)).unwrap().len(), 1);
    // Old rows are found by the search built by later migrations.
    let hits = s.search_appeals("омирбек", 10).unwrap();
    assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![1]);
    // The audit chain runs on across the upgrade.
    let chain = verify_chain(s.conn()).unwrap();
    assert_eq!(chain.broken_at, None);
    assert_eq!(chain.rows, audit_rows_before);
    // The migrated database takes new writes (0005_security: depersonalisation mark).
    let t = at(day(2026, 3, 16), 9, 0);
    let r = s
        .register_appeal(
            &Actor::system(),
            t,
            t.date(),
            "KHR",
            &draft("Жаңа", "Өтініш", "Жол"),
        )
        .unwrap();
    assert_eq!(r.reg_no, "KHR-2026-000001");
    assert!(s.purge_candidates(day(2030, 1, 1)).unwrap().is_empty());
    assert_eq!(s.check().unwrap().verdict(), Ok(()));
    drop(s);
    // Opening again changes nothing.
    let s = Store::open(&path).unwrap();
    assert_eq!(s.appeal_count().unwrap(), 4);
}

#[test]
fn the_schema_of_a_file_is_read_without_changing_it() {
    let (dir, path) = copy_fixture();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        qabyldau::store::file_schema_version(&path).unwrap(),
        Some(1)
    );
    assert!(
        std::fs::read(&path).unwrap() == bytes,
        "reading changed the file"
    );
    drop(Store::open(&path).unwrap());
    assert_eq!(
        qabyldau::store::file_schema_version(&path).unwrap(),
        Some(SCHEMA_VERSION)
    );
    let none = dir.path().join("none.sqlite");
    assert_eq!(qabyldau::store::file_schema_version(&none).unwrap(), None);
    assert!(!none.exists());
}

#[test]
fn a_database_newer_than_the_program_is_refused_untouched() {
    let (_dir, path) = copy_fixture();
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(StoreError::SchemaTooNew { found, known }) => {
            assert_eq!((found, known), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
    assert!(
        std::fs::read(&path).unwrap() == bytes,
        "the refused file was changed"
    );
}

#[test]
fn a_failed_upgrade_says_why_in_one_line_and_changes_nothing() {
    let (_dir, path) = copy_fixture();
    drop(Store::open(&path).unwrap());
    // A file claiming the schema before the last one whose tables do not fit it.
    let last = SCHEMA_VERSION - 1;
    let c = rusqlite::Connection::open(&path).unwrap();
    c.pragma_update(None, "user_version", last).unwrap();
    c.execute_batch("CREATE TABLE IF NOT EXISTS appeal_list (id INTEGER PRIMARY KEY);")
        .unwrap();
    drop(c);
    match Store::open(&path) {
        Err(StoreError::Invalid(msg)) => {
            assert!(
                msg.contains(&format!("schema {SCHEMA_VERSION} failed")),
                "{msg}"
            );
            assert!(!msg.contains('\n') && !msg.contains("CREATE"), "{msg}");
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, last, "the failed migration was rolled back");
}
