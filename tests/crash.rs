//! Crash safety: a process registering appeals is killed (SIGKILL on Unix,
//! TerminateProcess on Windows) at random moments; afterwards the database must
//! pass the full check and hold every registration number the process reported
//! as committed. Run with `--nocapture` to see the figures.
//!
//! The writer is this test binary itself: the test started again with
//! `QABYLDAU_TORTURE_DB` set runs as [`torture_writer`]. The shipped binary has no
//! command that writes synthetic appeals, so none can land in an office's database.
mod common;
use common::*;
use qabyldau::domain::{AppealDraft, Applicant, Channel, Lang};
use qabyldau::store::{Actor, Store};
use rand::{Rng, SeedableRng};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The writer's database (set: the test runs as [`torture_writer`]).
const DB_VAR: &str = "QABYLDAU_TORTURE_DB";
/// The fixed day of the writer's registrations (YYYY-MM-DD).
const DAY_VAR: &str = "QABYLDAU_TORTURE_DAY";
/// What precedes each committed registration number on the writer's stdout.
const MARK: &str = "committed: ";

const SURNAMES: [&str; 6] = [
    "Сейткали",
    "Өмірбекова",
    "Иванов",
    "Қасымов",
    "Жұмабаева",
    "Ли",
];
const NAMES: [&str; 5] = ["Нұрлан", "Айгүл", "Сергей", "Әлия", "Ерлан"];

fn torture_draft(i: u64) -> AppealDraft {
    AppealDraft {
        applicant: Applicant {
            surname: SURNAMES[(i % 6) as usize].into(),
            name: NAMES[(i % 5) as usize].into(),
            language: if i.is_multiple_of(2) {
                Lang::Kk
            } else {
                Lang::Ru
            },
            consent: true,
            ..Default::default()
        },
        channel: Some(Channel::WalkIn),
        essence: format!("Жер телімі туралы өтініш {i}"),
        topic: "land".into(),
        settlement: "Хромтау".into(),
        receive_today: i.is_multiple_of(3),
        ..Default::default()
    }
}

/// The process that gets killed: registers appeals in a loop on the day of
/// `QABYLDAU_TORTURE_DAY` (one second apart) and prints each registration number
/// as soon as it is committed: [`killed_writers_lose_nothing_committed`] started
/// again with `QABYLDAU_TORTURE_DB` set.
fn torture_writer(path: &std::ffi::OsStr) {
    let day: chrono::NaiveDate = std::env::var(DAY_VAR)
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| day(2026, 3, 16));
    let mut store = Store::open(std::path::Path::new(path)).unwrap();
    let actor = Actor::cli("torture");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for i in 0..1_000_000u64 {
        let now =
            day.and_time(chrono::NaiveTime::MIN) + chrono::Duration::seconds((i % 86_400) as i64);
        let r = store
            .register_appeal(&actor, now, now.date(), "TST", &torture_draft(i))
            .unwrap();
        writeln!(out, "{MARK}{}", r.reg_no).unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn killed_writers_lose_nothing_committed() {
    // Started again by itself as the writer that gets killed.
    if let Some(path) = std::env::var_os(DB_VAR) {
        return torture_writer(&path);
    }
    let (_dir, path) = temp_db();
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x5eed_2026);
    let started = Instant::now();
    let mut reported: Vec<String> = Vec::new();
    let mut kills = 0;
    for _ in 0..25 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "killed_writers_lose_nothing_committed",
                "--exact",
                "--nocapture",
            ])
            .env(DB_VAR, &path)
            .env(DAY_VAR, day(2026, 3, 16).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                // The test harness may print before the first number on its line.
                .filter_map(|l| l.split_once(MARK).map(|(_, n)| n.trim().to_string()))
                .collect::<Vec<String>>()
        });
        // Some kills land during open/migration, most amid writes.
        std::thread::sleep(Duration::from_millis(rng.random_range(5..400)));
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;
        reported.extend(reader.join().unwrap());
        if started.elapsed() > Duration::from_secs(25) {
            break;
        }
    }
    let store = Store::open(&path).unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.verdict(), Ok(()));
    let mut lost = Vec::new();
    for reg_no in &reported {
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM appeals WHERE reg_no = ?1",
                [reg_no],
                |r| r.get(0),
            )
            .unwrap();
        if n != 1 {
            lost.push(reg_no.clone());
        }
    }
    let stored = store.appeal_count().unwrap();
    eprintln!(
        "crash test: {kills} kills in {:.1} s, {} registrations reported committed, {stored} stored, lost = {}, audit rows {}",
        started.elapsed().as_secs_f64(),
        reported.len(),
        lost.len(),
        report.chain.rows
    );
    assert!(lost.is_empty(), "lost after kill: {lost:?}");
    // Registration numbers have no duplicates and no gaps (the counter commits with the row).
    assert!(stored >= reported.len() as i64);
    let max_seq: i64 = store
        .conn()
        .query_row(
            "SELECT max(CAST(substr(reg_no, -6) AS INTEGER)) FROM appeals",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(max_seq, stored);
    assert!(kills >= 10 && !reported.is_empty());
}
