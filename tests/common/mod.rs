//! Shared helpers for the integration tests.
#![allow(dead_code)]
use chrono::{NaiveDate, NaiveDateTime};
use qabyldau::domain::validate::check_digit;
use qabyldau::domain::{AppealDraft, Applicant, Channel, Lang};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(d: NaiveDate, h: u32, mi: u32) -> NaiveDateTime {
    d.and_hms_opt(h, mi, 0).unwrap()
}

/// A valid IIN from its first 11 digits (searching the serial for a valid check digit).
pub fn iin(first: &str) -> String {
    let base: Vec<u32> = first.chars().filter_map(|c| c.to_digit(10)).collect();
    assert!(base.len() >= 7);
    for serial in 0..10_000u32 {
        let mut s: Vec<u32> = base[..7].to_vec();
        for c in format!("{serial:04}").chars() {
            s.push(c.to_digit(10).unwrap());
        }
        if let Some(cd) = check_digit(&s) {
            s.push(cd);
            return s
                .iter()
                .map(|d| char::from_digit(*d, 10).unwrap())
                .collect();
        }
    }
    unreachable!()
}

pub fn draft(surname: &str, name: &str, essence: &str) -> AppealDraft {
    AppealDraft {
        applicant: Applicant {
            surname: surname.into(),
            name: name.into(),
            language: Lang::Kk,
            consent: true,
            ..Default::default()
        },
        channel: Some(Channel::WalkIn),
        essence: essence.into(),
        topic: "land".into(),
        settlement: "Хромтау".into(),
        ..Default::default()
    }
}

pub fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.sqlite");
    (dir, path)
}

/// A fresh database holding the demo data filled at `now`, for one test. The demo
/// data is made once per test binary and its file copied for each test: filling
/// it hashes the five demo operators' passwords with argon2, which is slow on
/// purpose (tens of milliseconds each), while a copy costs nothing.
pub fn demo_db(now: NaiveDateTime) -> (tempfile::TempDir, std::path::PathBuf) {
    static TEMPLATE: std::sync::OnceLock<(Vec<u8>, NaiveDateTime)> = std::sync::OnceLock::new();
    let (bytes, made_at) = TEMPLATE.get_or_init(|| {
        let (_dir, path) = temp_db();
        let mut store = qabyldau::store::Store::open(&path).unwrap();
        qabyldau::demo::fill(&mut store, now, &qabyldau::assets::shipped_calendar()).unwrap();
        // Closing the last connection folds the write-ahead log into the file.
        drop(store);
        assert!(!path.with_extension("sqlite-wal").exists());
        (std::fs::read(&path).unwrap(), now)
    });
    assert_eq!(*made_at, now, "one demo moment per test binary");
    let (dir, path) = temp_db();
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}
